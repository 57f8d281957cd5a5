package chart

import (
	"bytes"
	"io"
	"testing"

	"github.com/relmap/relmap/analysis"
	"github.com/relmap/relmap/reports"
	"github.com/relmap/relmap/reports/internal/reporttest"
)

// heavyOptions are the map options of a run of r with names on the top 20.
func heavyOptions(r *analysis.Result) MapOptions {
	return MapOptions{Labels: 20, HighInfluence: r.HighInfluence}
}

func BenchmarkWriteMapSVG(b *testing.B) {
	reporttest.BenchWriter(b, func(w io.Writer, r *analysis.Result) error { return WriteMapSVG(w, r, heavyOptions(r)) })
}

func BenchmarkWriteMapPNG(b *testing.B) {
	reporttest.BenchWriter(b, func(w io.Writer, r *analysis.Result) error { return WriteMapPNG(w, r, heavyOptions(r)) })
}

func BenchmarkWriteInfluenceReachSVG(b *testing.B) {
	reporttest.BenchWriter(b, func(w io.Writer, r *analysis.Result) error { return WriteInfluenceReachSVG(w, r, heavyOptions(r)) })
}

func BenchmarkWriteInfluenceReachPNG(b *testing.B) {
	reporttest.BenchWriter(b, func(w io.Writer, r *analysis.Result) error { return WriteInfluenceReachPNG(w, r, heavyOptions(r)) })
}

// BenchmarkWriteHTML writes report.html of the heavy result, its figures PNGs as a run
// inlines them above 2 000 people; the figures are drawn once, before timing.
func BenchmarkWriteHTML(b *testing.B) {
	figs := heavyFigures(b, reporttest.Heavy())
	reporttest.BenchWriter(b, func(w io.Writer, r *analysis.Result) error {
		return reports.WriteHTML(w, reports.NewReport(r, reporttest.HeavyChanges(r), reports.Meta{Version: "bench"}), figs)
	})
}

func heavyFigures(tb testing.TB, r *analysis.Result) []reports.Figure {
	var m, ir bytes.Buffer
	if err := WriteMapPNG(&m, r, heavyOptions(r)); err != nil {
		tb.Fatal(err)
	}
	if err := WriteInfluenceReachPNG(&ir, r, heavyOptions(r)); err != nil {
		tb.Fatal(err)
	}
	return []reports.Figure{{Title: "Stakeholder map", PNG: m.Bytes()}, {Title: "Influence and reach", PNG: ir.Bytes()}}
}
