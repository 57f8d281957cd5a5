package mail

import (
	"fmt"
	"io"
	"mime"
	"net/mail"
	"strings"
	"time"
	"unicode"

	"github.com/relmap/relmap/importers/win1252"
	"golang.org/x/text/encoding/htmlindex"
)

// wordDecoder decodes RFC 2047 encoded words in every charset the WHATWG encoding standard
// names (windows-1252, iso-8859-15, koi8-r, shift_jis, gb18030, …), not only the UTF-8,
// ISO-8859-1 and US-ASCII that mime.WordDecoder knows by itself.
var wordDecoder = &mime.WordDecoder{CharsetReader: charsetReader}

// charsetReader reads input in charset, any WHATWG encoding label.
func charsetReader(charset string, input io.Reader) (io.Reader, error) {
	enc, err := htmlindex.Get(charset)
	if err != nil {
		return nil, fmt.Errorf("unsupported charset %q", charset)
	}
	return enc.NewDecoder().Reader(input), nil
}

// addressParser is net/mail's parser with wordDecoder. Like wordDecoder, it holds no state.
var addressParser = &mail.AddressParser{WordDecoder: wordDecoder}

// parseAddresses reads an address list with net/mail and, when the list is broken (an
// unquoted comma in a name, an unclosed angle bracket, a bare address as display name), reads
// it again leniently, one comma-separated part at a time. Entries without an address are
// left out.
func parseAddresses(s string) []Address {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	if list, err := addressParser.ParseList(s); err == nil {
		return fromMailAddresses(list)
	}
	var out []Address
	var names []string // parts without an address: "Doe" of `Doe, Jane <jane@…>`
	for _, part := range splitOutsideQuotes(s) {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		a, ok := lenientAddress(part)
		if !ok {
			names = append(names, part)
			continue
		}
		// `Doe, Jane <jane@…>`: one plain word group before the comma belongs to the name.
		if len(names) == 1 && a.Name != "" && !strings.ContainsAny(names[0], "<>@()\"") {
			a.Name = decodeName(names[0] + ", " + a.Name)
		}
		names = names[:0]
		out = append(out, a)
	}
	return out
}

// fromMailAddresses keeps the entries of a parsed list that have an address.
func fromMailAddresses(list []*mail.Address) []Address {
	var out []Address
	for _, a := range list {
		email := normEmail(a.Address)
		if email == "" {
			continue
		}
		out = append(out, newAddress(a.Name, email))
	}
	return out
}

// newAddress drops a display name that only repeats the address ("a@x" <a@x>).
func newAddress(name, email string) Address {
	name = cleanName(name)
	if strings.EqualFold(name, email) {
		name = ""
	}
	return Address{Name: name, Email: email}
}

// lenientAddress reads one mailbox that net/mail may refuse: `Name <addr>`, `Name <addr`,
// `addr (Name)`, `"addr" <addr>`, or a bare addr among other words.
func lenientAddress(part string) (Address, bool) {
	if a, err := addressParser.Parse(part); err == nil {
		if email := normEmail(a.Address); email != "" {
			return newAddress(a.Name, email), true
		}
	}
	if i := strings.LastIndexByte(part, '<'); i >= 0 {
		email, _, _ := strings.Cut(part[i+1:], ">")
		if email = normEmail(email); email != "" {
			return newAddress(decodeName(part[:i]), email), true
		}
	}
	fields := strings.Fields(part)
	for i, f := range fields {
		if !strings.Contains(f, "@") {
			continue
		}
		email := normEmail(strings.Trim(f, `"'<>(),;`))
		if email == "" {
			continue
		}
		rest := strings.Join(append(fields[:i:i], fields[i+1:]...), " ")
		return newAddress(decodeName(strings.Trim(rest, "()")), email), true
	}
	return Address{}, false
}

// splitOutsideQuotes splits s at commas outside double quotes, angle brackets and
// parentheses (comments).
func splitOutsideQuotes(s string) []string {
	var parts []string
	quoted, angle, paren := false, false, 0
	start := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\\' && quoted:
			i++
		case c == '"':
			quoted = !quoted
		case quoted:
		case c == '<':
			angle = true
		case c == '>':
			angle = false
		case c == '(':
			paren++
		case c == ')' && paren > 0:
			paren--
		case c == ',' && !angle && paren == 0:
			parts = append(parts, s[start:i])
			start = i + 1
		}
	}
	return append(parts, s[min(start, len(s)):])
}

// normEmail trims and lower-cases an addr-spec, and returns "" for anything that is not one.
func normEmail(s string) string {
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(strings.TrimPrefix(s, "mailto:"), "MAILTO:")
	at := strings.LastIndexByte(s, '@')
	if at <= 0 || at == len(s)-1 || strings.ContainsAny(s, " \t<>,;\"") {
		return ""
	}
	return strings.ToLower(win1252.String(s))
}

// decodeName decodes encoded words and surrounding quotes of a display name.
func decodeName(s string) string {
	s = strings.TrimSpace(s)
	if len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' {
		s = strings.ReplaceAll(s[1:len(s)-1], `\"`, `"`)
	}
	if d, err := wordDecoder.DecodeHeader(s); err == nil {
		s = d
	}
	return cleanName(s)
}

// cleanName makes a name valid UTF-8 (raw 8-bit header bytes are read as Windows-1252, what
// old Western clients sent), folds runs of white space, and drops quotes around it.
func cleanName(s string) string {
	s = strings.Join(strings.FieldsFunc(win1252.String(s), unicode.IsSpace), " ")
	s = strings.Trim(s, `"'`)
	return strings.TrimSpace(s)
}

// firstID returns the first message id of a Message-ID or In-Reply-To value, without <>.
func firstID(s string) string {
	if ids := msgIDs(s); len(ids) > 0 {
		return ids[0]
	}
	return ""
}

// msgIDs returns the message ids of a References (or In-Reply-To) value, without <>. Ids are
// taken between angle brackets; a value without any (some old clients) is split at white
// space. Quoted phrases and comments around ids are skipped.
func msgIDs(s string) []string {
	s = win1252.String(s)
	var ids []string
	for {
		i := strings.IndexByte(s, '<')
		if i < 0 {
			break
		}
		j := strings.IndexByte(s[i:], '>')
		if j < 0 {
			break
		}
		if id := strings.TrimSpace(s[i+1 : i+j]); id != "" && !strings.ContainsAny(id, " \t") {
			ids = append(ids, id)
		}
		s = s[i+j+1:]
	}
	if ids != nil || strings.ContainsAny(s, "<>") {
		return ids
	}
	for _, f := range strings.Fields(s) {
		if strings.Contains(f, "@") && !strings.ContainsAny(f, `"()`) {
			ids = append(ids, f)
		}
	}
	return ids
}

// obsZones are the zone names RFC 5322 §4.3 allows, plus the Central European ones common in
// European mail. time.Parse gives a zone name it does not know the offset of zero offset, or
// the offset of the machine's local zone when the names match, so these are fixed here.
var obsZones = map[string]int{
	"UT": 0, "UTC": 0, "GMT": 0, "Z": 0,
	"EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7,
	"CET": 1, "CEST": 2, "MET": 1, "MEST": 2,
}

// dateLayouts are broken Date forms seen in real archives, tried after net/mail.ParseDate,
// on the value with comments removed and spaces folded.
var dateLayouts = []string{
	"Mon, 2 Jan 2006 15:04:05 -07:00",
	"2 Jan 2006 15:04:05 -07:00",
	"Mon, 2 Jan 2006 15:04:05",
	"2 Jan 2006 15:04:05",
	"Mon, 2 Jan 2006 15:04",
	"Mon Jan 2 15:04:05 2006",         // ctime, as in "From " lines
	"Mon Jan 2 15:04:05 -0700 2006",   // Gmail "From " line
	"Mon Jan 2 15:04:05 MST 2006",     // date(1)
	"Monday, January 2, 2006 3:04 PM", // Outlook-style
	"Monday, 2 January 2006 15:04:05 -0700",
	"Mon, 2 January 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15.04.05 -0700",
	"2006-01-02T15:04:05Z07:00",
	"2006-01-02 15:04:05 -0700",
	"2006-01-02 15:04:05",
}

// parseDate reads a Date header as UTC, or returns the zero time.
func parseDate(s string) time.Time {
	s = strings.Join(strings.Fields(stripComments(s)), " ")
	if s == "" {
		return time.Time{}
	}
	t, err := mail.ParseDate(s)
	if err != nil {
		t, err = parseLayouts(s)
		if err != nil {
			return time.Time{}
		}
	}
	return fixZone(t, s)
}

// parseLayouts tries dateLayouts in order.
func parseLayouts(s string) (time.Time, error) {
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("unreadable date %q", s)
}

// fixZone returns t in UTC. When s ends with a zone name rather than a numeric offset,
// time.Parse gave t zero offset, or the offset of the machine's local zone if the names match;
// the name's offset from obsZones is used instead (zero for names it does not know), so the
// result does not depend on the machine.
func fixZone(t time.Time, s string) time.Time {
	fields := strings.Fields(s)
	zone := ""
	for _, f := range fields[max(0, len(fields)-2):] {
		if isNumericZone(f) {
			return t.UTC()
		}
		if isZoneName(f) && f != "AM" && f != "PM" {
			zone = f
		}
	}
	if zone == "" {
		return t.UTC()
	}
	y, mo, d := t.Date()
	h, mi, sec := t.Clock()
	wall := time.Date(y, mo, d, h, mi, sec, t.Nanosecond(), time.UTC)
	return wall.Add(-time.Duration(obsZones[zone]) * time.Hour)
}

// isZoneName reports whether s looks like a zone abbreviation ("EST", "CEST").
func isZoneName(s string) bool {
	return len(s) >= 1 && len(s) <= 5 && strings.IndexFunc(s, func(r rune) bool { return r < 'A' || r > 'Z' }) < 0
}

// isNumericZone reports whether s is a numeric offset ("+0100", "-05:00").
func isNumericZone(s string) bool {
	if len(s) < 5 || (s[0] != '+' && s[0] != '-') {
		return false
	}
	return strings.IndexFunc(s[1:], func(r rune) bool { return (r < '0' || r > '9') && r != ':' }) < 0
}

// stripComments removes RFC 5322 comments, "(PDT)", from a header value.
func stripComments(s string) string {
	if !strings.Contains(s, "(") {
		return s
	}
	var b strings.Builder
	depth := 0
	for _, r := range s {
		switch {
		case r == '(':
			depth++
		case r == ')' && depth > 0:
			depth--
			b.WriteByte(' ')
		case depth == 0:
			b.WriteRune(r)
		}
	}
	return b.String()
}
