package chart

import (
	"bytes"
	"strings"
	"testing"

	"github.com/relmap/relmap/analysis"
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

// htmlReport is package reports' report of its HTML golden test: RankedResult's report with
// groups, a changes section and a cap of one row (reporttest.HTMLFixture).
func htmlReport(r *analysis.Result) *reports.Report {
	c := reporttest.HTMLFixture(r)
	return reports.NewReport(r, c, reports.Meta{Inputs: []string{"Basic_LinkedInDataExport_02-11-2026.zip"}, Version: "test", Top: 1})
}
