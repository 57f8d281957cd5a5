package reports

import (
	"io"
	"testing"

	"github.com/relmap/relmap/analysis"
	"github.com/relmap/relmap/reports/internal/reporttest"
)

func BenchmarkWriteCSV(b *testing.B)  { reporttest.BenchWriter(b, WriteCSV) }
func BenchmarkWriteJSON(b *testing.B) { reporttest.BenchWriter(b, WriteJSON) }

func BenchmarkWriteChanges(b *testing.B) {
	c := reporttest.HeavyChanges(reporttest.Heavy())
	reporttest.BenchWriter(b, func(w io.Writer, r *analysis.Result) error { return WriteChanges(w, c) })
}
