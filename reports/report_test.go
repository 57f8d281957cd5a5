package reports

import (
	"strings"
	"testing"

	"github.com/relmap/relmap/analysis"
	"github.com/relmap/relmap/analysis/history"
	"github.com/relmap/relmap/reports/internal/reporttest"
)

// The report's tables hold what their titles say, capped at the top N with the total kept.
func TestNewReport(t *testing.T) {
	r := reporttest.RankedResult()
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

// The report's method states the weights and thresholds the map was drawn with: the defaults
// as they always read, a config's own with its numbers (issue 18: the text once hard-coded
// the defaults, wrong as soon as a config changed them).
func TestMethodSaysTheRunsModel(t *testing.T) {
	r := reporttest.RankedResult()
	r.Model = analysis.ModelOf(analysis.DefaultOptions())
	def := strings.Join(NewReport(r, nil, Meta{}).Method, "\n")
	for _, want := range []string{"half-life 180 days by default", "35 % PageRank", "the top quarter of the people ranked by default", "are the defaults"} {
		if !strings.Contains(def, want) {
			t.Errorf("defaults: no %q in\n%s", want, def)
		}
	}
	r.Model = analysis.Model{} // a Result built without one: the defaults
	if got := strings.Join(NewReport(r, nil, Meta{}).Method, "\n"); got != def {
		t.Errorf("no model: %s, want the defaults' %s", got, def)
	}
	opt := analysis.DefaultOptions()
	opt.HalfLife, opt.HighQuantile = 90, 0.9
	opt.Influence = analysis.InfluenceWeights{PageRank: 0.5, Betweenness: 0.2, Seniority: 0.2, Degree: 0.1}
	r.Model = analysis.ModelOf(opt)
	own := strings.Join(NewReport(r, nil, Meta{}).Method, "\n")
	for _, want := range []string{"half-life 90 days, this run's config", "50 % PageRank + 20 % betweenness + 20 % title seniority + 10 % degree",
		"50 % the share of people within two steps + 25 % effective size + 25 % harmonic centrality", "the top 10 % of the people ranked (zone.high_quantile 0.9)", "are this run's"} {
		if !strings.Contains(own, want) {
			t.Errorf("a config's model: no %q in\n%s", want, own)
		}
	}
	for _, stale := range []string{"180 days", "35 %", "top quarter", "are the defaults;"} {
		if strings.Contains(own, stale) {
			t.Errorf("a config's model still says %q:\n%s", stale, own)
		}
	}
}
