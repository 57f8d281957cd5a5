package importers

import (
	"fmt"
	"strings"
	"time"
	"unicode"

	"github.com/relmap/relmap/importers/csvtable"
)

// dateLayouts are the layouts of FORMAT.md §3, tried in order, then the shapes Excel gives
// re-saved files. Zone-less ones are read as UTC (FORMAT.md §8.3: no zone is given; UTC is
// the likely one).
var dateLayouts = []string{
	"2006-01-02 15:04:05 MST", // messages DATE (2021 →)
	"2006/01/02 15:04:05 MST", // endorsements, SearchQueries
	"2 Jan 2006",              // Connections `Connected On` (2020 →)
	"1/2/06, 3:04 PM",         // Invitations, Recommendations, Contacts, 2018 files
	"2006-01-02T15:04:05",     // messages ~2020
	time.RFC3339Nano,          // ISO 8601 with a zone (generic CSV), fractions allowed
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04:05Z0700",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02T15:04",
	"20060102T150405Z0700",
	"20060102T150405",
	"2006-01-02 15:04:05",          // Reactions and friends
	"2006-01-02 15:04 MST",         // Learning
	"2006-01-02 15:04",             // Excel, generic CSV
	"Mon Jan _2 15:04:05 MST 2006", // Company Follows
	"January 2, 2006, 3:04 PM",     // Inbox.csv (≤2017)
	"January 2, 2006",              // Profile birth dates (2018)
	"2-Jan-06",                     // Excel re-save
	"2-Jan-2006",
	"1/2/2006 15:04", // Excel, US
	"1/2/2006 3:04 PM",
	"1/2/2006",
	"02.01.2006 15:04", // Excel, German
	"02.01.2006",
	"Jan 2006", // Positions
	"2006",
	"2006-01-02",
}

// months maps localised month names and abbreviations (Spanish, German, French, Portuguese,
// Italian, Dutch) to English, for files re-saved by a localised Excel (`30-oct-09`, `7-ago-22`).
var months = map[string]string{
	"ene": "Jan", "enero": "Jan", "janv": "Jan", "janvier": "Jan", "januar": "Jan", "jän": "Jan", "jan": "Jan", "gen": "Jan", "janeiro": "Jan", "januari": "Jan",
	"febr": "Feb", "févr": "Feb", "fev": "Feb", "fév": "Feb", "février": "Feb", "febrero": "Feb", "februar": "Feb", "fevereiro": "Feb", "febbraio": "Feb", "februari": "Feb",
	"mär": "Mar", "mrz": "Mar", "märz": "Mar", "mars": "Mar", "marzo": "Mar", "março": "Mar", "maart": "Mar", "mrt": "Mar",
	"abr": "Apr", "abril": "Apr", "avr": "Apr", "avril": "Apr", "apr": "Apr", "aprile": "Apr",
	"mayo": "May", "mai": "May", "maio": "May", "mag": "May", "maggio": "May", "mei": "May",
	"juin": "Jun", "junio": "Jun", "juni": "Jun", "junho": "Jun", "giu": "Jun", "giugno": "Jun",
	"juil": "Jul", "juillet": "Jul", "julio": "Jul", "juli": "Jul", "julho": "Jul", "lug": "Jul", "luglio": "Jul",
	"ago": "Aug", "agosto": "Aug", "août": "Aug", "aout": "Aug", "august": "Aug",
	"sept": "Sep", "septiembre": "Sep", "septembre": "Sep", "setembro": "Sep", "set": "Sep", "settembre": "Sep",
	"okt": "Oct", "oktober": "Oct", "octubre": "Oct", "octobre": "Oct", "out": "Oct", "outubro": "Oct", "ott": "Oct", "ottobre": "Oct",
	"noviembre": "Nov", "novembre": "Nov", "novembro": "Nov", "november": "Nov",
	"dic": "Dec", "diciembre": "Dec", "dez": "Dec", "dezember": "Dec", "déc": "Dec", "décembre": "Dec", "dezembro": "Dec", "dicembre": "Dec", "december": "Dec",
}

// parseDate reads a date in any layout of FORMAT.md §3 or an Excel re-save of one. U+202F and
// U+00A0 are read as spaces; localised month names are read as English ones.
func parseDate(s string) (time.Time, error) {
	if strings.Contains(s, "\u202f") || strings.Contains(s, "\u00a0") {
		s = oddSpaces.Replace(s)
	}
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, fmt.Errorf("empty date")
	}
	if t, ok := parseMessageDate(s); ok {
		return t, nil
	}
	t, ok := parseLayouts(s)
	if !ok {
		if en := englishMonths(s); en != s {
			t, ok = parseLayouts(en)
		}
	}
	switch {
	case !ok:
		return time.Time{}, fmt.Errorf("unrecognised date %q", s)
	case !plausible(t):
		return time.Time{}, fmt.Errorf("implausible date %q (year %d)", s, t.Year())
	}
	return t, nil
}

var oddSpaces = strings.NewReplacer("\u202f", " ", "\u00a0", " ")

// parseMessageDate reads the first layout, messages' "2006-01-02 15:04:05 UTC", and ISO 8601
// in UTC, "2006-01-02T15:04:05Z", without time.Parse: a heavy export has hundreds of thousands
// of the first, an organisation's interactions file millions of the second. It takes only what
// time.Parse would read the same (a valid, plausible date in UTC) and leaves anything else
// to the layouts.
func parseMessageDate(s string) (time.Time, bool) {
	switch {
	case len(s) == len("2006-01-02 15:04:05 UTC") && s[10] == ' ' && s[19:] == " UTC":
	case len(s) == len("2006-01-02T15:04:05Z") && s[10] == 'T' && s[19] == 'Z': // ISO 8601 in UTC, generic CSV's
	default:
		return time.Time{}, false
	}
	if s[4] != '-' || s[7] != '-' || s[13] != ':' || s[16] != ':' {
		return time.Time{}, false
	}
	num := func(i, n int) int {
		v := 0
		for _, c := range []byte(s[i : i+n]) {
			if c < '0' || c > '9' {
				return -1
			}
			v = v*10 + int(c-'0')
		}
		return v
	}
	y, mo, d, h, mi, sec := num(0, 4), num(5, 2), num(8, 2), num(11, 2), num(14, 2), num(17, 2)
	if y < 1990 || y > 2100 || mo < 1 || mo > 12 || d < 1 || h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 59 {
		return time.Time{}, false
	}
	t := time.Date(y, time.Month(mo), d, h, mi, sec, 0, time.UTC)
	if t.Day() != d { // past the month's end
		return time.Time{}, false
	}
	return t, true
}

func parseLayouts(s string) (time.Time, bool) {
	for _, layout := range dateLayouts {
		t, err := time.Parse(layout, s)
		if err != nil {
			continue
		}
		// Go reads any zone abbreviation and, not knowing it, gives it offset 0: "CET" would
		// silently be UTC. Only the unambiguous ones are taken.
		if name, off := t.Zone(); strings.Contains(layout, "MST") && off == 0 && name != "UTC" && name != "GMT" && name != "Z" {
			return time.Time{}, false
		}
		return t.UTC(), true
	}
	return time.Time{}, false
}

// englishMonths replaces every run of letters that names a month in another language (a
// trailing "." dropped) with its English abbreviation.
func englishMonths(s string) string {
	var b strings.Builder
	rs := []rune(s)
	for i := 0; i < len(rs); {
		if !unicode.IsLetter(rs[i]) {
			b.WriteRune(rs[i])
			i++
			continue
		}
		j := i
		for j < len(rs) && unicode.IsLetter(rs[j]) {
			j++
		}
		word := string(rs[i:j])
		if en, ok := months[strings.ToLower(word)]; ok {
			b.WriteString(en)
			if j < len(rs) && rs[j] == '.' {
				j++
			}
		} else {
			b.WriteString(word)
		}
		i = j
	}
	return b.String()
}

// plausible reports whether a date can be evidence: LinkedIn opened in 2003 and e-mail is older,
// but not by much, so a year outside 1990–2100 is a broken cell — and trusting it would move the
// as-of day or decay everything away.
func plausible(t time.Time) bool { return t.Year() >= 1990 && t.Year() <= 2100 }

// parseDate is parseDate, its answers remembered: the days of a file's rows recur (messages'
// times, which do not, are read fast and not remembered).
func (l *loader) parseDate(s string) (time.Time, error) {
	if t, ok := parseMessageDate(s); ok {
		return t, nil
	}
	if t, ok := l.dates[s]; ok {
		return t, nil
	}
	t, err := parseDate(s)
	if err == nil && len(l.dates) < maxDates {
		if l.dates == nil {
			l.dates = map[string]time.Time{}
		}
		l.dates[strings.Clone(s)] = t
	}
	return t, err
}

// maxDates bounds the dates parseDate remembers.
const maxDates = 1 << 16

// date parses a field, recording a positioned problem when it cannot.
func (l *loader) date(t *csvtable.Table, line int, col, s string, fc *FileCoverage) (time.Time, bool) {
	d, err := l.parseDate(s)
	if err != nil {
		l.problems = append(l.problems, &RowError{File: t.File, Line: line, Column: col, Err: err})
		fc.Skipped[skipBadDate]++
		return time.Time{}, false
	}
	return d, true
}
