package importers

// The reference implementations the fast paths of dates and names replaced, kept to check them
// against: the parseDate that tried every layout, and tidyName without its shortcut. (Those of
// the tables' reader are csvtable's.)

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"
)

// oldParseDate is parseDate without its fast path.
func oldParseDate(s string) (time.Time, error) {
	s = strings.TrimSpace(strings.NewReplacer("\u202f", " ", "\u00a0", " ").Replace(s))
	if s == "" {
		return time.Time{}, fmt.Errorf("empty date")
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

var dateSeeds = []string{
	"2025-03-15T00:18:40Z", "2024-02-29T23:59:59Z", "2023-02-29T10:00:00Z", "1989-12-31T23:59:59Z", "2025-01-01T24:00:00Z",
	"2025-01-01T23:59:60Z", "2025-01-01T23:59:59z", "2025-01-01T23:59:59+00:00", "2025-01-01 23:59:59Z", "2025-01-01T23:59:5xZ",
	"2025-02-03 16:58:40 UTC", "2024-02-29 00:00:00 UTC", "2023-02-29 00:00:00 UTC", "2025-04-31 10:00:00 UTC",
	"1989-12-31 23:59:59 UTC", "2100-12-31 23:59:59 UTC", "2101-01-01 00:00:00 UTC", "2025-13-01 00:00:00 UTC",
	"2025-00-10 00:00:00 UTC", "2025-01-00 00:00:00 UTC", "2025-01-01 24:00:00 UTC", "2025-01-01 23:60:00 UTC",
	"2025-01-01 23:59:60 UTC", "2025-01-01 23:59:59 CET", "2025-01-01 23:59:59 GMT", "2025-1-01 23:59:59 UTC ",
	"+025-01-01 23:59:59 UTC", "2025-01-01T23:59:59 UTC", "\u00a02025-01-01 23:59:59\u202fUTC", "2025-01-01 23:59:5x UTC",
}

// FuzzParseDateSame checks parseDate's fast path against the layouts: the same time or error.
func FuzzParseDateSame(f *testing.F) {
	for _, s := range dateSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, gerr := parseDate(s)
		want, werr := oldParseDate(s)
		if got != want || fmt.Sprint(gerr) != fmt.Sprint(werr) {
			t.Fatalf("parseDate(%q) = %v, %v; want %v, %v", s, got, gerr, want, werr)
		}
	})
}

// FuzzTidyNameSame checks tidyName's shortcut against the work it skips.
func FuzzTidyNameSame(f *testing.F) {
	for _, s := range []string{"", " ", "a", "Zoë  X", " a", "a ", "a\tb", "Jose\u0301", "a\u00a0b", "\xff b", "Ines Varga, PhD"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := tidyName(s), strings.Join(strings.Fields(norm.NFC.String(s)), " "); got != want {
			t.Fatalf("tidyName(%q) = %q, want %q", s, got, want)
		}
	})
}
