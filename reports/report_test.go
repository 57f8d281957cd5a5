package reports

import (
	"strings"
	"testing"

	"github.com/relmap/relmap/analysis/history"
)

// The report's tables hold what their titles say, capped at the top N with the total kept.
func TestNewReport(t *testing.T) {
	r := rankedResult()
	rep := NewReport(r, nil, Meta{Version: "test", Top: 1})
	if rep.Changes != nil {
		t.Error("a first run has changes")
	}
	if !strings.Contains(rep.Subtitle, "relmap test") || !strings.Contains(rep.Title, r.Ego.Name) {
		t.Errorf("title %q, subtitle %q", rep.Title, rep.Subtitle)
	}
	ids := map[string]Table{}
	for _, s := range rep.Sections {
		ids[s.ID] = s
		if len(s.Rows) > 1 {
			t.Errorf("%s: %d rows over the cap of 1", s.ID, len(s.Rows))
		}
		for _, row := range s.Rows {
			if len(row) != len(s.Columns) {
				t.Errorf("%s: a row of %d cells under %d columns", s.ID, len(row), len(s.Columns))
			}
		}
	}
	for _, id := range []string{"areas-for-improvement", "champions", "at-risk", "top-influence", "top-reach", "tiers", "communities", "organisations"} {
		if _, ok := ids[id]; !ok {
			t.Errorf("no section %s", id)
		}
	}
	if got := ids["top-influence"].Total; got != len(r.People) {
		t.Errorf("top by influence counts %d, want every ranked person (%d)", got, len(r.People))
	}
	c := &history.Changes{From: history.RunRef{Run: "r1", AsOf: "2026-03-07"}, ZoneMoves: []history.Move{{Name: "Ana", From: "ally", To: "champion"}}}
	rep = NewReport(r, c, Meta{})
	if rep.Changes == nil || rep.Changes.Tables[0].Rows[0][1].Text != "ally" || rep.Changes.Counts[0].N != 1 {
		t.Errorf("changes %+v", rep.Changes)
	}
}
