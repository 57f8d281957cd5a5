package chart

import (
	"bytes"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/relmap/relmap/analysis"
	"github.com/relmap/relmap/analysis/history"
	"github.com/relmap/relmap/reports"
	"github.com/relmap/relmap/reports/internal/reporttest"
)

// notXML are names no XML document can hold as they are: U+FFFE and U+FFFF, a surrogate
// encoded as if it were a character, a stray continuation byte and a control character.
var notXML = []string{"Ben\uFFFE Okafor", "\uFFFFCai Lin", "Dev \xed\xa0\x80Patel", "Eve\x80 Lind", "Fay\x01 Wu"}

// TestWritersNonCharacters draws names that are not XML text in both SVG plots: each
// document must stay well-formed, and report.html, which inlines the map, must be written
// (issue 16, item 6: "svg: illegal character code U+FFFE"). Package reports' test of the
// same name checks the network writers.
func TestWritersNonCharacters(t *testing.T) {
	r := reporttest.SmallResult()
	for i, n := range notXML {
		r.People[i].Name = n
	}
	r.People[5].Company = "Acme\uFFFE"
	var svg bytes.Buffer
	if err := WriteMapSVG(&svg, r, MapOptions{HighInfluence: 0.6, Labels: 16}); err != nil {
		t.Fatal(err)
	}
	texts := strings.Join(svgTexts(t, svg.Bytes()), "|")
	if !strings.Contains(texts, "Ben\uFFFD Okafor") {
		t.Errorf("the map's labels lack %q: %s", "Ben\uFFFD Okafor", texts)
	}
	var infl bytes.Buffer
	if err := WriteInfluenceReachSVG(&infl, r, MapOptions{HighInfluence: 0.6}); err != nil {
		t.Fatal(err)
	}
	svgTexts(t, infl.Bytes())

	hr := reporttest.RankedResult()
	for i, n := range notXML[:min(len(notXML), len(hr.People))] {
		hr.People[i].Name = n
	}
	var page bytes.Buffer
	if err := reports.WriteHTML(&page, htmlReport(hr), []reports.Figure{{Title: "Stakeholder map", SVG: svg.Bytes()}, {Title: "Raw", SVG: []byte("<svg><text>A\uFFFEB</text></svg>")}}); err != nil {
		t.Fatalf("WriteHTML: %v", err)
	}
	if b := page.Bytes(); !bytes.Equal(reports.XMLSafe(b), b) {
		t.Errorf("report.html holds characters XML cannot")
	}
}

// htmlReport is package reports' report of its HTML golden test (a copy): RankedResult's
// report with groups, a changes section and a cap of one row, so that it shows every part:
// capped and empty tables, unknown numbers, the changes' counts and tables.
func htmlReport(r *analysis.Result) *reports.Report {
	r.MinGroup = 5
	r.People[0].Reasons = []analysis.Reason{{Kind: analysis.ReasonUnanswered, N: 2, Of: 5, Habit: -1, Since: analysis.MonthOf(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))},
		{Kind: analysis.ReasonPageRank, Top: 20}, {Kind: analysis.ReasonSeniority, Label: "engineer"}, {Kind: analysis.ReasonEndorsed, N: 3}}
	r.Organisations = []analysis.Group{{Name: "Acme", People: 7, Influence: 0.4125,
		Zones:    map[analysis.Zone]int{"champion": 2, "background": 5},
		Statuses: map[analysis.StatusLabel]int{"supporter": 2, "neutral": 5}}}
	r.Communities = []analysis.Group{{Name: "other", People: 5, Influence: math.NaN(), Zones: map[analysis.Zone]int{}, Statuses: map[analysis.StatusLabel]int{}}}
	r.Coverage.Limits = []analysis.Limit{analysis.LimitNoSecondDegree}
	infl, up, down := 0.75, 0.2, -0.15
	c := &history.Changes{
		From:      history.RunRef{Run: "20260204T060000Z", AsOf: "2026-02-04"},
		To:        history.RunRef{Run: "20260211T060000Z", AsOf: "2026-02-11"},
		Entered:   1,
		ZoneMoves: []history.Move{{Person: "a1", Name: r.People[0].Name, From: "watch", To: "area for improvement", Zone: "area for improvement"}},
		Risers: []history.Move{{Person: "a1", Name: r.People[0].Name, Zone: "area for improvement", Influence: &infl, Delta: &up},
			{Person: "c3", Name: "Bo Chan", Zone: "ally", Influence: &infl, Delta: &up}},
		Fallers:     []history.Move{{Person: "b2", Name: r.People[1].Name, Zone: "background", Influence: &down, Delta: &down}},
		GoneDormant: []history.Move{{Person: "b2", Name: r.People[1].Name, Zone: "background", LastContact: "2025-10-01"}},
	}
	return reports.NewReport(r, c, reports.Meta{Inputs: []string{"Basic_LinkedInDataExport_02-11-2026.zip"}, Version: "test", Top: 1})
}
