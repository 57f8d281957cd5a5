package calendar

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"
	"time"

	"github.com/emersion/go-ical"
	"github.com/relmap/relmap/importers/contentline"
	"github.com/relmap/relmap/importers/win1252"
)

// go-ical's Decoder reads a whole calendar at once, stops at the first bad line, panics on some
// malformed parameters (`ATTENDEE;CN="a"b:…`) and gives no line numbers; so lines are split
// and unfolded here, and go-ical's Prop does the value semantics (dates, durations, params).

// eventProps are the VEVENT properties kept; everything else (SUMMARY, DESCRIPTION, LOCATION,
// attachments…) is dropped as it is read.
var eventProps = map[string]bool{
	ical.PropUID: true, ical.PropDateTimeStart: true, ical.PropDateTimeEnd: true,
	ical.PropDuration: true, ical.PropOrganizer: true, ical.PropAttendee: true,
	ical.PropStatus: true,
}

// zoneProps are the properties kept in VTIMEZONE and its STANDARD and DAYLIGHT parts.
var zoneProps = map[string]bool{
	ical.PropTimezoneID: true, ical.PropDateTimeStart: true, ical.PropTimezoneOffsetTo: true,
	ical.PropTimezoneOffsetFrom: true, ical.PropRecurrenceRule: true,
}

// maxDepth bounds component nesting; deeper components are skipped whole.
const maxDepth = 8

// frame is one open component.
type frame struct {
	comp    *ical.Component
	line    int    // of its BEGIN
	err     string // first problem inside it, at errLine
	errLine int
	skip    bool // nested deeper than maxDepth: read past, not kept
	cut     int  // of a VTIMEZONE: observances left out beyond maxObservances or maxRecurring
	rules   int  // of a VTIMEZONE: recurring observances kept
}

// icsReader holds the state of one ReadICS: the open components, from the outside in.
type icsReader struct {
	lines   *unfolder
	fn      func(Event) error
	bad     func(int, string)
	stack   []*frame
	zones   *zoneSet
	cancel  bool // METHOD:CANCEL in the current VCALENDAR
	started bool // a non-blank line was seen
}

// ReadICS calls fn for every VEVENT of r, in order. An event that cannot be read (a malformed
// line inside it, no or an unreadable DTSTART, no END:VEVENT) is reported to bad, with the line
// at fault and a short reason, and skipped; so is a malformed line outside events. Only an I/O
// error, or an error returned by fn, ends the read. bad may be nil.
func ReadICS(r io.Reader, fn func(Event) error, bad func(line int, reason string)) error {
	if bad == nil {
		bad = func(int, string) {}
	}
	d := &icsReader{lines: newUnfolder(r), fn: fn, bad: bad, zones: newZoneSet()}
	for {
		l, err := d.lines.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		if err := d.line(l); err != nil {
			return err
		}
	}
	for i := len(d.stack) - 1; i >= 0; i-- {
		if f := d.stack[i]; f.comp.Name == ical.CompEvent {
			bad(f.line, "VEVENT without END:VEVENT; event skipped")
		}
	}
	return nil
}

// line handles one logical line.
func (d *icsReader) line(l contentline.Line) error {
	if len(bytes.TrimSpace(l.Text)) == 0 {
		return nil
	}
	prop, perr := parseContentLine(l.Text)
	top := d.top()
	if !d.started {
		d.started = true
		if perr != nil || prop.Name != "BEGIN" {
			d.bad(l.Num, "not an iCalendar file? first line is not BEGIN:VCALENDAR")
		}
	}
	if l.Long {
		if top != nil && d.keeps(top, prop.Name) {
			d.problem(l.Num, prop.Name+" longer than 1 MiB")
		}
		return nil
	}
	if perr != nil {
		// A broken line of a property that is not kept (a DESCRIPTION line that lost its
		// folding, say) costs nothing; one that may be a kept property costs the event.
		if name := prop.Name; name == "BEGIN" || name == "END" || (top != nil && d.keeps(top, name)) {
			d.problem(l.Num, perr.Error())
		} else if top == nil {
			d.bad(l.Num, perr.Error())
		}
		return nil
	}
	switch prop.Name {
	case "BEGIN":
		name := strings.ToUpper(strings.TrimSpace(prop.Value))
		switch name {
		case ical.CompCalendar:
			d.unwind(0, l.Num)
			d.cancel = false
		case ical.CompEvent:
			for i, f := range d.stack {
				if f.comp.Name == ical.CompEvent {
					d.unwind(i, l.Num)
					break
				}
			}
		}
		d.stack = append(d.stack, &frame{comp: ical.NewComponent(name), line: l.Num, skip: len(d.stack) >= maxDepth})
		return nil
	case "END":
		name := strings.ToUpper(strings.TrimSpace(prop.Value))
		for i := len(d.stack) - 1; i >= 0; i-- {
			if d.stack[i].comp.Name == name {
				d.unwind(i+1, l.Num)
				return d.end(d.pop())
			}
		}
		d.problem(l.Num, fmt.Sprintf("END:%s without BEGIN", clip(name)))
		return nil
	}
	if top == nil {
		return nil // outside any component: not a calendar line, ignored
	}
	if top.comp.Name == ical.CompCalendar && prop.Name == ical.PropMethod {
		d.cancel = strings.EqualFold(strings.TrimSpace(prop.Value), "CANCEL")
	}
	if d.keeps(top, prop.Name) {
		top.comp.Props.Add(prop)
	}
	return nil
}

// keeps reports whether property name of component f is kept.
func (d *icsReader) keeps(f *frame, name string) bool {
	if f.skip {
		return false
	}
	switch f.comp.Name {
	case ical.CompEvent:
		return eventProps[name]
	case ical.CompTimezone, ical.CompTimezoneStandard, ical.CompTimezoneDaylight:
		return zoneProps[name]
	}
	return false
}

// top returns the innermost open component, or nil.
func (d *icsReader) top() *frame {
	if len(d.stack) == 0 {
		return nil
	}
	return d.stack[len(d.stack)-1]
}

// pop closes the innermost open component and returns it.
func (d *icsReader) pop() *frame {
	f := d.top()
	d.stack = d.stack[:len(d.stack)-1]
	return f
}

// problem records a malformed line: against the innermost open event or time zone, which is
// then skipped, or at once when it is outside them.
func (d *icsReader) problem(line int, reason string) {
	for i := len(d.stack) - 1; i >= 0; i-- {
		f := d.stack[i]
		if !f.skip && (f.comp.Name == ical.CompEvent || f.comp.Name == ical.CompTimezone) {
			if f.err == "" {
				f.err, f.errLine = reason, line
			}
			return
		}
	}
	d.bad(line, reason)
}

// unwind closes the components above depth n that were left open, reporting open events.
func (d *icsReader) unwind(n, line int) {
	for len(d.stack) > n {
		f := d.pop()
		if f.comp.Name == ical.CompEvent {
			d.bad(f.line, fmt.Sprintf("VEVENT without END:VEVENT before line %d; event skipped", line))
		}
	}
}

// end finishes component f, just closed by its END line.
func (d *icsReader) end(f *frame) error {
	if f.skip {
		return nil
	}
	parent := d.top()
	switch f.comp.Name {
	case ical.CompTimezoneStandard, ical.CompTimezoneDaylight:
		recurring := f.comp.Props.Get(ical.PropRecurrenceRule) != nil
		switch {
		case parent == nil || parent.comp.Name != ical.CompTimezone:
		case len(parent.comp.Children) == maxObservances, recurring && parent.rules == maxRecurring:
			parent.cut++
		default:
			parent.comp.Children = append(parent.comp.Children, f.comp)
			if recurring {
				parent.rules++
			}
		}
	case ical.CompTimezone:
		if f.err != "" {
			d.bad(f.errLine, f.err+" (VTIMEZONE ignored)")
			return nil
		}
		if f.cut > 0 {
			what := "observances"
			if f.cut == 1 {
				what = "observance"
			}
			d.bad(f.line, fmt.Sprintf("%d %s left out: a VTIMEZONE keeps its first %d, %d of them recurring", f.cut, what, maxObservances, maxRecurring))
		}
		d.zones.add(f.comp)
	case ical.CompEvent:
		if f.err != "" {
			d.bad(f.errLine, fmt.Sprintf("%s (event at line %d skipped)", f.err, f.line))
			return nil
		}
		ev, line, reason := d.event(f)
		if reason != "" {
			d.bad(line, reason)
			return nil
		}
		return d.fn(ev)
	}
	return nil
}

// event builds the Event of a complete VEVENT.
func (d *icsReader) event(f *frame) (ev Event, line int, reason string) {
	props := f.comp.Props
	ev.Line = f.line
	start := props.Get(ical.PropDateTimeStart)
	if start == nil {
		return ev, f.line, "VEVENT without DTSTART; event skipped"
	}
	var allDay bool
	var err error
	ev.Start, allDay, err = d.zones.dateTime(start)
	if err != nil {
		return ev, f.line, fmt.Sprintf("unreadable DTSTART %q; event skipped", clip(start.Value))
	}
	if end := props.Get(ical.PropDateTimeEnd); end != nil {
		if t, _, err := d.zones.dateTime(end); err == nil {
			ev.DurationMin = minutes(t.Sub(ev.Start))
		}
	} else if dur := props.Get(ical.PropDuration); dur != nil {
		if v, err := dur.Duration(); err == nil {
			ev.DurationMin = minutes(v)
		}
	} else if allDay {
		ev.DurationMin = 24 * 60 // RFC 5545 §3.6.1: a DATE start without an end lasts a day
	}
	if p := props.Get(ical.PropUID); p != nil {
		ev.UID = unescapeText(p.Value)
	}
	if p := props.Get(ical.PropStatus); p != nil {
		ev.Cancelled = strings.EqualFold(strings.TrimSpace(p.Value), "CANCELLED")
	}
	ev.Cancelled = ev.Cancelled || d.cancel
	if p := props.Get(ical.PropOrganizer); p != nil {
		ev.Organizer = calAddress(p)
	}
	seen := map[string]bool{key(ev.Organizer): true}
	for _, p := range props.Values(ical.PropAttendee) {
		if strings.EqualFold(p.Params.Get(ical.ParamParticipationStatus), "DECLINED") {
			continue
		}
		switch strings.ToUpper(p.Params.Get(ical.ParamCalendarUserType)) {
		case "ROOM", "RESOURCE":
			continue
		}
		a := calAddress(&p)
		if k := key(a); k != "" && !seen[k] {
			seen[k] = true
			ev.Attendees = append(ev.Attendees, a)
		}
	}
	return ev, 0, ""
}

// key identifies an attendee for de-duplication: by address, else by name; "" for nobody.
func key(a Attendee) string {
	if a.Email != "" {
		return "e:" + a.Email
	}
	if a.Name != "" {
		return "n:" + strings.ToLower(a.Name)
	}
	return ""
}

// minutes converts a duration to minutes, 0 for a negative one.
func minutes(d time.Duration) float64 {
	if d <= 0 {
		return 0
	}
	return math.Round(d.Minutes()*1e6) / 1e6
}

// calAddress reads an ORGANIZER or ATTENDEE: CN is the name, a mailto: value (or any value
// with an @, some exporters leave the scheme out) the address. Google writes
// "invalid:nomail" for people without one.
func calAddress(p *ical.Prop) Attendee {
	var a Attendee
	a.Name = cleanText(p.Params.Get(ical.ParamCommonName))
	v := strings.TrimSpace(p.Value)
	if len(v) >= 7 && strings.EqualFold(v[:7], "mailto:") {
		v = v[7:]
	}
	if email := p.Params.Get("EMAIL"); email != "" && !strings.Contains(v, "@") {
		v = email // RFC 7986 EMAIL parameter, when the value is a URN
	}
	if at := strings.LastIndexByte(v, '@'); at > 0 && at < len(v)-1 && !strings.ContainsAny(v, " \t<>,;:\"") {
		a.Email = strings.ToLower(win1252.String(v))
	}
	if strings.EqualFold(a.Name, a.Email) {
		a.Name = ""
	}
	return a
}

// cleanText decodes RFC 6868 caret escapes of a parameter value (^' ^n ^^), and makes it
// valid, single-line UTF-8.
func cleanText(s string) string {
	if strings.Contains(s, "^") {
		s = strings.NewReplacer("^'", `"`, "^n", " ", "^N", " ", "^^", "^").Replace(s)
	}
	return strings.Join(strings.Fields(win1252.String(s)), " ")
}

// unescapeText undoes RFC 5545 §3.3.11 TEXT escapes.
func unescapeText(s string) string {
	s = strings.NewReplacer(`\\`, `\`, `\,`, ",", `\;`, ";", `\n`, "\n", `\N`, "\n").Replace(s)
	return strings.TrimSpace(win1252.String(s))
}

// clip shortens a value quoted in a reason.
func clip(s string) string {
	if len(s) > 40 {
		s = s[:40] + "…"
	}
	return win1252.String(s)
}

// Reasons for malformed content lines.
var (
	errNoColon   = errors.New("malformed line: no colon after the property name")
	errName      = errors.New("malformed line: bad property name")
	errParam     = errors.New("malformed line: bad parameter")
	errParamName = errors.New("malformed line: parameter without a name")
)

// parseContentLine splits a content line (RFC 5545 §3.1) into name, parameters and value.
// Unlike go-ical's own decoder it never panics: a quoted parameter value must be followed by
// ',', ';' or ':', and a parameter without '=' (vCalendar 1.0 style, `ATTENDEE;RSVP:…`) is
// read as having an empty value.
//
// On error the Prop returned holds the name when one could be read, else "".
func parseContentLine(l []byte) (*ical.Prop, error) {
	s := string(l)
	i := strings.IndexAny(s, ";:")
	if i < 0 {
		return &ical.Prop{}, errNoColon
	}
	name := strings.ToUpper(strings.TrimSpace(s[:i]))
	if name == "" || strings.IndexFunc(name, func(r rune) bool {
		return !(r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '.')
	}) >= 0 {
		return &ical.Prop{}, errName
	}
	prop := ical.NewProp(name)
	bad := &ical.Prop{Name: name}
	s = s[i:]
	for len(s) > 0 && s[0] == ';' {
		s = s[1:]
		j := strings.IndexAny(s, "=;:")
		if j < 0 {
			return bad, errNoColon
		}
		pname := strings.ToUpper(strings.TrimSpace(s[:j]))
		if pname == "" {
			return bad, errParamName
		}
		if s[j] != '=' {
			prop.Params.Add(pname, "")
			s = s[j:]
			continue
		}
		s = s[j+1:]
		for {
			var v string
			if len(s) > 0 && s[0] == '"' {
				k := strings.IndexByte(s[1:], '"')
				if k < 0 {
					return bad, errParam
				}
				v, s = s[1:1+k], s[2+k:]
				if len(s) == 0 || (s[0] != ',' && s[0] != ';' && s[0] != ':') {
					return bad, errParam
				}
			} else {
				k := strings.IndexAny(s, ",;:")
				if k < 0 {
					return bad, errNoColon
				}
				v, s = s[:k], s[k:]
			}
			prop.Params.Add(pname, v)
			if s[0] != ',' {
				break
			}
			s = s[1:]
		}
	}
	if len(s) == 0 || s[0] != ':' {
		return bad, errNoColon
	}
	prop.Value = s[1:]
	return prop, nil
}

// unfolder yields unfolded lines (RFC 5545 §3.1: a line starting with a space or tab continues
// the one before) with the physical line they start on.
type unfolder struct {
	lines  *contentline.Reader
	peeked *contentline.Line
}

// newUnfolder returns an unfolder reading r.
func newUnfolder(r io.Reader) *unfolder {
	return &unfolder{lines: contentline.NewReader(r, maxLine)}
}

// next returns the next logical line.
func (u *unfolder) next() (contentline.Line, error) {
	var cur contentline.Line
	if u.peeked != nil {
		cur, u.peeked = *u.peeked, nil
	} else {
		p, err := u.lines.Next()
		if err != nil {
			return contentline.Line{}, err
		}
		cur = *p.Clone()
	}
	for {
		p, err := u.lines.Next()
		if err == io.EOF {
			return cur, nil
		}
		if err != nil {
			return contentline.Line{}, err
		}
		if len(p.Text) == 0 || (p.Text[0] != ' ' && p.Text[0] != '\t') {
			u.peeked = p.Clone()
			return cur, nil
		}
		cur.Long = cur.Long || p.Long
		if room := maxLine - len(cur.Text); room >= len(p.Text)-1 {
			cur.Text = append(cur.Text, p.Text[1:]...)
		} else {
			cur.Text = append(cur.Text, p.Text[1:1+max(room, 0)]...)
			cur.Long = true
		}
	}
}
