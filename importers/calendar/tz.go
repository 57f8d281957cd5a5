package calendar

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/emersion/go-ical"
)

// windowsZones maps the Windows zone names Outlook and Exchange write as TZID to IANA names,
// for the most common zones (after CLDR windowsZones.xml, territory 001, with canonical IANA
// names where CLDR keeps an old link such as Asia/Calcutta, and Europe/Helsinki for FLE, whose
// rules are Kyiv's, because older zone databases lack Europe/Kyiv).
var windowsZones = map[string]string{
	"dateline standard time":          "Etc/GMT+12",
	"hawaiian standard time":          "Pacific/Honolulu",
	"alaskan standard time":           "America/Anchorage",
	"pacific standard time":           "America/Los_Angeles",
	"us mountain standard time":       "America/Phoenix",
	"mountain standard time":          "America/Denver",
	"central standard time":           "America/Chicago",
	"central standard time (mexico)":  "America/Mexico_City",
	"canada central standard time":    "America/Regina",
	"sa pacific standard time":        "America/Bogota",
	"eastern standard time":           "America/New_York",
	"us eastern standard time":        "America/Indiana/Indianapolis",
	"atlantic standard time":          "America/Halifax",
	"newfoundland standard time":      "America/St_Johns",
	"e. south america standard time":  "America/Sao_Paulo",
	"argentina standard time":         "America/Argentina/Buenos_Aires",
	"pacific sa standard time":        "America/Santiago",
	"utc":                             "UTC",
	"gmt standard time":               "Europe/London",
	"greenwich standard time":         "Atlantic/Reykjavik",
	"w. europe standard time":         "Europe/Berlin",
	"central europe standard time":    "Europe/Budapest",
	"romance standard time":           "Europe/Paris",
	"central european standard time":  "Europe/Warsaw",
	"w. central africa standard time": "Africa/Lagos",
	"gtb standard time":               "Europe/Bucharest",
	"fle standard time":               "Europe/Helsinki",
	"e. europe standard time":         "Europe/Chisinau",
	"egypt standard time":             "Africa/Cairo",
	"south africa standard time":      "Africa/Johannesburg",
	"israel standard time":            "Asia/Jerusalem",
	"turkey standard time":            "Europe/Istanbul",
	"russian standard time":           "Europe/Moscow",
	"arab standard time":              "Asia/Riyadh",
	"e. africa standard time":         "Africa/Nairobi",
	"iran standard time":              "Asia/Tehran",
	"arabian standard time":           "Asia/Dubai",
	"pakistan standard time":          "Asia/Karachi",
	"india standard time":             "Asia/Kolkata",
	"nepal standard time":             "Asia/Kathmandu",
	"bangladesh standard time":        "Asia/Dhaka",
	"se asia standard time":           "Asia/Bangkok",
	"china standard time":             "Asia/Shanghai",
	"singapore standard time":         "Asia/Singapore",
	"taipei standard time":            "Asia/Taipei",
	"w. australia standard time":      "Australia/Perth",
	"tokyo standard time":             "Asia/Tokyo",
	"korea standard time":             "Asia/Seoul",
	"cen. australia standard time":    "Australia/Adelaide",
	"e. australia standard time":      "Australia/Brisbane",
	"aus eastern standard time":       "Australia/Sydney",
	"new zealand standard time":       "Pacific/Auckland",
}

// zoneSet resolves TZIDs for one read: by the system's zone database, the Windows table, and
// the VTIMEZONEs of the file.
type zoneSet struct {
	defs map[string]*vzone
	locs map[string]*time.Location // nil value: not resolvable that way
}

// newZoneSet returns an empty zoneSet.
func newZoneSet() *zoneSet {
	return &zoneSet{defs: map[string]*vzone{}, locs: map[string]*time.Location{}}
}

// dateTime reads a DTSTART or DTEND as UTC, and reports whether it is a DATE (all day).
func (z *zoneSet) dateTime(p *ical.Prop) (t time.Time, allDay bool, err error) {
	v := strings.TrimSpace(p.Value)
	// The TZID is resolved here, not by go-ical, which knows IANA names only.
	q := ical.Prop{Name: p.Name, Params: ical.Params{}, Value: v}
	if vt := p.Params.Get(ical.ParamValue); vt != "" {
		q.Params.Set(ical.ParamValue, strings.ToUpper(vt))
	}
	allDay = q.ValueType() == ical.ValueDate || len(v) == len("20060102")
	t, err = q.DateTime(time.UTC)
	if err != nil {
		if t, allDay, err = looseDateTime(v); err != nil {
			return time.Time{}, false, err
		}
	}
	if allDay || strings.HasSuffix(v, "Z") || strings.HasSuffix(v, "z") {
		return t.UTC(), allDay, nil
	}
	return z.toUTC(t, p.Params.Get(ical.PropTimezoneID)), false, nil
}

// looseLayouts are date-time shapes of exporters that do not follow RFC 5545.
var looseLayouts = []string{
	"2006-01-02T15:04:05Z07:00",
	"2006-01-02T15:04:05",
	"20060102T1504Z",
	"20060102T1504",
	"2006-01-02",
}

// looseDateTime reads v with looseLayouts, and reports whether it is a date alone.
func looseDateTime(v string) (time.Time, bool, error) {
	for _, layout := range looseLayouts {
		if t, err := time.Parse(layout, v); err == nil {
			return t, layout == "2006-01-02", nil
		}
	}
	return time.Time{}, false, fmt.Errorf("unreadable date-time %q", v)
}

// toUTC reads wall, a wall-clock time given as UTC, in zone tzid.
func (z *zoneSet) toUTC(wall time.Time, tzid string) time.Time {
	tzid = strings.Trim(strings.TrimSpace(tzid), `"`)
	if tzid == "" {
		return wall // floating
	}
	if loc := z.location(tzid); loc != nil {
		y, mo, d := wall.Date()
		h, mi, s := wall.Clock()
		return time.Date(y, mo, d, h, mi, s, wall.Nanosecond(), loc).UTC()
	}
	if def := z.defs[tzid]; def != nil {
		return wall.Add(-def.offset(wall))
	}
	return wall
}

// location returns the zone database's location for tzid, or nil.
func (z *zoneSet) location(tzid string) *time.Location {
	if loc, ok := z.locs[tzid]; ok {
		return loc
	}
	var loc *time.Location
	for _, name := range zoneCandidates(tzid) {
		if l, err := time.LoadLocation(name); err == nil {
			loc = l
			break
		}
	}
	z.locs[tzid] = loc
	return loc
}

// zoneCandidates lists the IANA names tzid may stand for: itself, the end of an old
// "/mozilla.org/20050126_1/Europe/Berlin" style path, or the IANA name of a Windows zone.
// Names that are not plain zone names (and "Local", the machine's zone) are never looked up.
func zoneCandidates(tzid string) []string {
	var out []string
	if iana, ok := windowsZones[strings.ToLower(tzid)]; ok {
		out = append(out, iana)
	}
	if plainZone(tzid) {
		out = append(out, tzid)
	}
	if parts := strings.Split(strings.Trim(tzid, "/"), "/"); len(parts) > 2 {
		for _, n := range []int{2, 3} {
			if name := strings.Join(parts[max(len(parts)-n, 0):], "/"); plainZone(name) {
				out = append(out, name)
			}
		}
	}
	return out
}

// plainZone reports whether s can be given to time.LoadLocation: a relative path of zone-name
// characters, not "Local".
func plainZone(s string) bool {
	if s == "" || len(s) > 64 || strings.EqualFold(s, "local") || strings.HasPrefix(s, "/") || strings.Contains(s, "..") {
		return false
	}
	return strings.IndexFunc(s, func(r rune) bool {
		return !(r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || strings.ContainsRune("/_+-", r))
	}) < 0
}

// maxObservances and maxRecurring bound the STANDARD and DAYLIGHT parts of one VTIMEZONE
// that are kept, and of them those with an RRULE: a zone's whole history since 1970 has a few
// dozen, of which a handful recur, and an event's time is looked up by a pass over the
// recurring ones (the others are searched). Those beyond are left out, and reported.
const (
	maxObservances = 1000
	maxRecurring   = 100
)

// vzone is a VTIMEZONE: observances, each with its onset and offset, arranged so that an
// offset is found in logarithmic time in the fixed onsets, plus a pass over the recurring
// ones.
type vzone struct {
	fixed    []observance  // without a rule, by start; of equal starts only the first in the file
	rules    []observance  // with a rule, in file order
	earliest time.Duration // the offset of the earliest start (the first in the file of equal ones)
}

// observance is a STANDARD or DAYLIGHT part of a VTIMEZONE.
type observance struct {
	start  time.Time     // DTSTART, local wall clock as UTC
	offset time.Duration // TZOFFSETTO
	rule   *yearly       // nil: the observance begins at start only
	index  int           // its place in the VTIMEZONE: of two equal onsets, the first wins
}

// newVzone arranges obs, in file order, for offset.
func newVzone(obs []observance) *vzone {
	vz := &vzone{earliest: obs[0].offset}
	earliest := obs[0].start
	for i, o := range obs {
		o.index = i
		if o.start.Before(earliest) {
			earliest, vz.earliest = o.start, o.offset
		}
		if o.rule != nil {
			vz.rules = append(vz.rules, o)
		} else {
			vz.fixed = append(vz.fixed, o)
		}
	}
	slices.SortStableFunc(vz.fixed, func(a, b observance) int { return a.start.Compare(b.start) })
	vz.fixed = slices.CompactFunc(vz.fixed, func(a, b observance) bool { return a.start.Equal(b.start) })
	return vz
}

// yearly is the one RRULE shape zone definitions use: FREQ=YEARLY;BYMONTH=m;BYDAY=nDD.
type yearly struct {
	month time.Month
	nth   int // 1…5, or -1…-5 from the end of the month
	day   time.Weekday
	until time.Time
}

// add records a VTIMEZONE. Observances it cannot read are left out; a zone with none is not
// recorded.
func (z *zoneSet) add(c *ical.Component) {
	tzid := ""
	if p := c.Props.Get(ical.PropTimezoneID); p != nil {
		tzid = strings.Trim(strings.TrimSpace(p.Value), `"`)
	}
	if tzid == "" {
		return
	}
	var obs []observance
	for _, child := range c.Children {
		start, err := child.Props.DateTime(ical.PropDateTimeStart, time.UTC)
		if err != nil {
			continue
		}
		p := child.Props.Get(ical.PropTimezoneOffsetTo)
		if p == nil {
			continue
		}
		off, ok := utcOffset(p.Value)
		if !ok {
			continue
		}
		o := observance{start: start, offset: off}
		if p := child.Props.Get(ical.PropRecurrenceRule); p != nil {
			o.rule = yearlyRule(p.Value)
		}
		obs = append(obs, o)
	}
	if len(obs) > 0 {
		z.defs[tzid] = newVzone(obs)
	}
}

// yearlyRule reads the RRULE of a STANDARD or DAYLIGHT observance, or returns nil for a rule
// that is not yearly on the nth weekday of one month. (Read here rather than with rrule-go,
// which go-ical uses, so as not to depend on it directly for this one shape.)
func yearlyRule(rule string) *yearly {
	var r yearly
	freq := false
	for _, part := range strings.Split(strings.TrimSpace(rule), ";") {
		k, v, _ := strings.Cut(part, "=")
		switch strings.ToUpper(k) {
		case "FREQ":
			freq = strings.EqualFold(v, "YEARLY")
		case "BYMONTH":
			m, err := strconv.Atoi(v)
			if err != nil || m < 1 || m > 12 {
				return nil
			}
			r.month = time.Month(m)
		case "BYDAY":
			if len(v) < 3 {
				return nil
			}
			day, ok := weekdays[strings.ToUpper(v[len(v)-2:])]
			n, err := strconv.Atoi(v[:len(v)-2])
			if !ok || err != nil || n == 0 || n < -5 || n > 5 {
				return nil
			}
			r.day, r.nth = day, n
		case "UNTIL":
			t, err := time.Parse("20060102T150405Z", v)
			if err != nil {
				if t, err = time.Parse("20060102", v); err != nil {
					return nil
				}
			}
			r.until = t
		case "INTERVAL":
			if v != "1" {
				return nil
			}
		case "BYMONTHDAY", "BYYEARDAY", "BYWEEKNO", "BYSETPOS", "COUNT":
			return nil
		}
	}
	if !freq || r.month == 0 || r.nth == 0 {
		return nil
	}
	return &r
}

// weekdays maps RRULE day names to time.Weekday.
var weekdays = map[string]time.Weekday{
	"SU": time.Sunday, "MO": time.Monday, "TU": time.Tuesday, "WE": time.Wednesday,
	"TH": time.Thursday, "FR": time.Friday, "SA": time.Saturday,
}

// onset returns the rule's onset in year y, at the time of day of start.
func (r *yearly) onset(y int, start time.Time) time.Time {
	h, mi, s := start.Clock()
	if r.nth > 0 {
		first := time.Date(y, r.month, 1, h, mi, s, 0, time.UTC)
		d := (int(r.day) - int(first.Weekday()) + 7) % 7
		t := first.AddDate(0, 0, d+7*(r.nth-1))
		if t.Month() != r.month { // a fifth weekday the month does not have: the last one
			t = t.AddDate(0, 0, -7)
		}
		return t
	}
	last := time.Date(y, r.month+1, 0, h, mi, s, 0, time.UTC)
	d := (int(last.Weekday()) - int(r.day) + 7) % 7
	t := last.AddDate(0, 0, -d-7*(-r.nth-1))
	if t.Month() != r.month {
		t = t.AddDate(0, 0, 7)
	}
	return t
}

// latest returns the last onset of o at or before wall, and false when there is none.
func (o observance) latest(wall time.Time) (time.Time, bool) {
	if wall.Before(o.start) {
		return time.Time{}, false
	}
	if o.rule == nil {
		return o.start, true
	}
	y := wall.Year()
	if !o.rule.until.IsZero() && o.rule.until.Year() < y {
		y = o.rule.until.Year()
	}
	for _, year := range []int{y, y - 1} {
		t := o.rule.onset(year, o.start)
		if t.After(wall) || t.Before(o.start) || (!o.rule.until.IsZero() && t.After(o.rule.until)) {
			continue
		}
		return t, true
	}
	return o.start, true
}

// offset returns the zone's UTC offset at wall clock time wall: that of the observance with
// the latest onset at or before it (of equal onsets, the first in the file), else of the
// earliest observance. Onsets are compared in wall-clock time, so an hour around each change
// may come out an hour off.
func (vz *vzone) offset(wall time.Time) time.Duration {
	var best time.Time
	found := false
	off, index := vz.earliest, 0
	// The last fixed onset at or before wall; CompactFunc kept the first of equal ones.
	if i := sort.Search(len(vz.fixed), func(i int) bool { return vz.fixed[i].start.After(wall) }) - 1; i >= 0 {
		o := vz.fixed[i]
		best, found, off, index = o.start, true, o.offset, o.index
	}
	for _, o := range vz.rules {
		if t, ok := o.latest(wall); ok && (!found || t.After(best) || t.Equal(best) && o.index < index) {
			best, found, off, index = t, true, o.offset, o.index
		}
	}
	return off
}

// utcOffset reads a UTC-OFFSET value: +HHMM, -HHMM or ±HHMMSS.
func utcOffset(s string) (time.Duration, bool) {
	s = strings.TrimSpace(s)
	if len(s) != 5 && len(s) != 7 || (s[0] != '+' && s[0] != '-') {
		return 0, false
	}
	n, err := strconv.Atoi(s[1:])
	if err != nil || n < 0 {
		return 0, false
	}
	if len(s) == 5 {
		n *= 100
	}
	h, m, sec := n/10000, n/100%100, n%100
	if h > 23 || m > 59 || sec > 59 {
		return 0, false
	}
	d := time.Duration(h)*time.Hour + time.Duration(m)*time.Minute + time.Duration(sec)*time.Second
	if s[0] == '-' {
		d = -d
	}
	return d, true
}
