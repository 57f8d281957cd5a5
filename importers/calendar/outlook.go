package calendar

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/relmap/relmap/importers/win1252"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// Outlook calendar CSV columns read; the others (Subject apart, below) are never looked at.
const (
	colSubject   = "subject"
	colStartDate = "start date"
	colStartTime = "start time"
	colEndDate   = "end date"
	colEndTime   = "end time"
	colAllDay    = "all day event"
	colOrganizer = "meeting organizer"
	colRequired  = "required attendees"
	colOptional  = "optional attendees"
)

// ReadOutlookCSV calls fn for every row of an Outlook calendar CSV export ("Export to a file"
// → Comma Separated Values → Calendar), in order. The file may be UTF-8 (with or without a
// BOM), UTF-16 with a BOM, or Windows-1252, and may use ';' or a tab instead of ','. The
// header must have a "Start Date" column and at least one of "Meeting Organizer", "Required
// Attendees" and "Optional Attendees"; else ReadOutlookCSV returns an error before any row.
//
// Attendees are the Required and Optional ones; Meeting Resources (rooms) are left out. The
// Subject is read only to see Outlook's "Canceled: " prefix and is not kept. A row that cannot
// be read (unreadable start, broken quoting) is reported to bad with its physical line and
// skipped. Only an I/O error, or an error returned by fn, ends the read. bad may be nil.
func ReadOutlookCSV(r io.Reader, fn func(Event) error, bad func(line int, reason string)) error {
	if bad == nil {
		bad = func(int, string) {}
	}
	br := bufio.NewReaderSize(r, 64<<10)
	src, err := decodeText(br)
	if err != nil {
		return err
	}
	comma, err := sniffComma(src)
	if err != nil {
		return err
	}
	cr := csv.NewReader(src)
	cr.FieldsPerRecord = -1
	cr.Comma = comma
	header, err := cr.Read()
	if err == io.EOF {
		return nil
	}
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return fmt.Errorf("line %d: unreadable header: %v", pe.StartLine, pe.Err)
		}
		return err
	}
	col := map[string]int{}
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		if _, dup := col[h]; !dup {
			col[h] = i
		}
	}
	_, hasOrg := col[colOrganizer]
	_, hasReq := col[colRequired]
	_, hasOpt := col[colOptional]
	if _, ok := col[colStartDate]; !ok || !(hasOrg || hasReq || hasOpt) {
		return fmt.Errorf(`line 1: not an Outlook calendar export: want columns "Start Date" and "Meeting Organizer", "Required Attendees" or "Optional Attendees"`)
	}

	lastOffset := int64(-1)
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			var pe *csv.ParseError
			if !errors.As(err, &pe) {
				return err
			}
			if cr.InputOffset() == lastOffset {
				return nil // no progress: nothing more can be read
			}
			lastOffset = cr.InputOffset()
			bad(pe.StartLine, "unreadable row: "+pe.Err.Error())
			continue
		}
		lastOffset = cr.InputOffset()
		line, _ := cr.FieldPos(0)
		ev, reason := outlookRow(rec, col)
		if reason != "" {
			bad(line, reason)
			continue
		}
		if ev == nil {
			continue
		}
		ev.Line = line
		if err := fn(*ev); err != nil {
			return err
		}
	}
}

// outlookRow reads one row; a nil event with no reason is a row to pass over (all empty).
func outlookRow(rec []string, col map[string]int) (*Event, string) {
	field := func(name string) (string, bool) {
		i, ok := col[name]
		if !ok || i >= len(rec) {
			return "", true
		}
		if len(rec[i]) > maxLine {
			return "", false
		}
		return strings.TrimSpace(win1252.String(rec[i])), true
	}
	for _, name := range []string{colStartDate, colStartTime, colEndDate, colEndTime, colOrganizer, colRequired, colOptional} {
		if _, ok := field(name); !ok {
			return nil, fmt.Sprintf("%s: longer than 1 MiB", title(name))
		}
	}
	if strings.Join(rec, "") == "" {
		return nil, ""
	}
	sd, _ := field(colStartDate)
	st, _ := field(colStartTime)
	start, err := outlookTime(sd, st)
	if err != nil {
		return nil, "Start Date/Start Time: " + err.Error()
	}
	ev := &Event{Start: start}
	allDayField, _ := field(colAllDay)
	allDay := strings.EqualFold(allDayField, "true")
	ed, _ := field(colEndDate)
	et, _ := field(colEndTime)
	if ed != "" {
		if end, err := outlookTime(ed, et); err == nil {
			ev.DurationMin = minutes(end.Sub(start))
		}
	}
	if allDay && ev.DurationMin == 0 {
		ev.DurationMin = 24 * 60
	}
	subject, _ := field(colSubject)
	low := strings.ToLower(subject)
	ev.Cancelled = strings.HasPrefix(low, "canceled:") || strings.HasPrefix(low, "cancelled:")

	org, _ := field(colOrganizer)
	ev.Organizer = outlookPerson(org)
	seen := map[string]bool{key(ev.Organizer): true}
	for _, name := range []string{colRequired, colOptional} {
		v, _ := field(name)
		for _, part := range strings.Split(v, ";") {
			a := outlookPerson(part)
			if k := key(a); k != "" && !seen[k] {
				seen[k] = true
				ev.Attendees = append(ev.Attendees, a)
			}
		}
	}
	return ev, ""
}

// title gives a column name as Outlook writes it, for messages.
func title(name string) string {
	words := strings.Fields(name)
	for i, w := range words {
		words[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	return strings.Join(words, " ")
}

// outlookDates and outlookTimes are the layouts of Outlook's Start/End Date and Time columns,
// US first, then what re-saves and 24-hour locales give.
var (
	outlookDates = []string{"1/2/2006", "2006-01-02", "1/2/06"}
	outlookTimes = []string{"3:04:05 PM", "3:04 PM", "15:04:05", "15:04", "3:04:05PM", "3:04PM"}
)

// outlookTime reads an Outlook date (M/D/YYYY) and time (h:mm:ss AM), zone-less, as UTC. An
// empty time is midnight.
func outlookTime(date, clock string) (time.Time, error) {
	if date == "" {
		return time.Time{}, errors.New("no date")
	}
	var d time.Time
	var err error
	for _, layout := range outlookDates {
		if d, err = time.Parse(layout, date); err == nil {
			break
		}
	}
	if err != nil {
		return time.Time{}, fmt.Errorf("unreadable date %q (want M/D/YYYY)", clip(date))
	}
	if clock == "" {
		return d, nil
	}
	upper := strings.ToUpper(clock)
	for _, layout := range outlookTimes {
		if c, err := time.Parse(layout, upper); err == nil {
			return d.Add(c.Sub(time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC))), nil
		}
	}
	return time.Time{}, fmt.Errorf("unreadable time %q (want h:mm:ss AM)", clip(clock))
}

// outlookPerson reads one attendee as Outlook writes it: a display name, "Name <address>",
// "Name (address)", or a bare address.
func outlookPerson(s string) Attendee {
	s = strings.TrimSpace(s)
	var a Attendee
	for _, br := range [][2]string{{"<", ">"}, {"(", ")"}} {
		i := strings.LastIndex(s, br[0])
		if i < 0 {
			continue
		}
		inner, _, _ := strings.Cut(s[i+1:], br[1])
		if email := plainEmail(inner); email != "" {
			a.Email = email
			s = s[:i]
			break
		}
	}
	if a.Email == "" {
		if email := plainEmail(s); email != "" {
			return Attendee{Email: email}
		}
	}
	a.Name = cleanText(strings.Trim(strings.TrimSpace(s), `"'`))
	if strings.EqualFold(a.Name, a.Email) {
		a.Name = ""
	}
	return a
}

// plainEmail returns s lower-cased when it is one address, else "".
func plainEmail(s string) string {
	s = strings.TrimSpace(s)
	if len(s) >= 7 && strings.EqualFold(s[:7], "mailto:") {
		s = s[7:]
	}
	at := strings.LastIndexByte(s, '@')
	if at <= 0 || at == len(s)-1 || strings.ContainsAny(s, " \t<>,;:()\"") {
		return ""
	}
	return strings.ToLower(s)
}

// decodeText returns a reader of UTF-8 text: UTF-16 with a BOM is decoded, a UTF-8 BOM dropped;
// other bytes pass through (fields that are not valid UTF-8 are read as Windows-1252 later).
func decodeText(br *bufio.Reader) (*bufio.Reader, error) {
	head, err := br.Peek(3)
	if err != nil && err != io.EOF {
		return nil, err
	}
	switch {
	case bytes.HasPrefix(head, []byte{0xef, 0xbb, 0xbf}):
		br.Discard(3)
		return br, nil
	case bytes.HasPrefix(head, []byte{0xff, 0xfe}), bytes.HasPrefix(head, []byte{0xfe, 0xff}):
		dec := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder()
		return bufio.NewReaderSize(transform.NewReader(br, dec), 64<<10), nil
	}
	return br, nil
}

// sniffComma picks the delimiter of the header line: the most frequent of ',', ';' and tab
// outside quotes (European Outlooks write ';').
func sniffComma(br *bufio.Reader) (rune, error) {
	head, err := br.Peek(br.Size())
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		return 0, err
	}
	if i := bytes.IndexByte(head, '\n'); i >= 0 {
		head = head[:i]
	}
	counts := map[byte]int{}
	quoted := false
	for _, c := range head {
		switch {
		case c == '"':
			quoted = !quoted
		case !quoted && (c == ',' || c == ';' || c == '\t'):
			counts[c]++
		}
	}
	comma := byte(',')
	for _, c := range []byte{';', '\t'} {
		if counts[c] > counts[comma] {
			comma = c
		}
	}
	return rune(comma), nil
}
