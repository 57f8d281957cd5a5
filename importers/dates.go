package importers

import (
	"fmt"
	"strings"
	"time"
)

// dateLayouts are the layouts of FORMAT.md §3, tried in order. Zone-less ones are read as UTC
// (FORMAT.md §8.3: no zone is given; UTC is the likely one).
var dateLayouts = []string{
	"2006-01-02 15:04:05 MST",      // messages DATE (2021 →)
	"2006/01/02 15:04:05 MST",      // endorsements
	"2 Jan 2006",                   // Connections `Connected On` (2020 →)
	"1/2/06, 3:04 PM",              // Invitations, Recommendations, 2018 files
	"2006-01-02T15:04:05",          // messages ~2020
	"2006-01-02 15:04:05",          // Reactions and friends
	"2006-01-02 15:04 MST",         // Learning
	"Mon Jan _2 15:04:05 MST 2006", // Company Follows
	"January 2, 2006, 3:04 PM",     // Inbox.csv (≤2017)
	"2-Jan-06",                     // Excel re-save
	"2-Jan-2006",
	"Jan 2006", // Positions
	"2006",
	"2006-01-02",
}

// parseDate reads a date in any layout of FORMAT.md §3. U+202F and U+00A0 are read as spaces.
func parseDate(s string) (time.Time, error) {
	s = strings.TrimSpace(strings.NewReplacer("\u202f", " ", "\u00a0", " ").Replace(s))
	if s == "" {
		return time.Time{}, fmt.Errorf("empty date")
	}
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("unrecognised date %q", s)
}
