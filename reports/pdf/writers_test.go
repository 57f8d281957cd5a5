package pdf

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"sync"
	"testing"

	"codeberg.org/go-fonts/liberation/liberationserifregular"

	"github.com/relmap/relmap/analysis"
	"github.com/relmap/relmap/analysis/history"
	"github.com/relmap/relmap/reports"
	"github.com/relmap/relmap/reports/chart"
	"github.com/relmap/relmap/reports/internal/reporttest"
)

// TestLongNamesCut writes a report and plots of a name of a million characters: every writer
// that lays text out shows MaxShownName characters of it, and the PDF is written at all.
func TestLongNamesCut(t *testing.T) {
	huge := strings.Repeat("X", 1_000_000)
	cut := strings.Repeat("X", reports.MaxShownName-1) + "…"
	r := reporttest.RankedResult()
	r.Ego.Name = huge
	r.People[0].Name, r.People[0].Company, r.People[0].Title = huge, huge, huge
	rep := reports.NewReport(r, nil, reports.Meta{})
	if rep.Title != "Relationship map of "+cut {
		t.Errorf("title of %d bytes, want the name cut", len(rep.Title))
	}
	for _, c := range rep.Sections[len(rep.Sections)-4].Rows[0][1:4] {
		if c.Text != cut {
			t.Errorf("cell of %d bytes, want the name cut", len(c.Text))
		}
	}
	var svg, page, pdf bytes.Buffer
	if err := chart.WriteMapSVG(&svg, r, chart.MapOptions{HighInfluence: 0.6}); err != nil {
		t.Fatal(err)
	}
	if err := reports.WriteHTML(&page, rep, []reports.Figure{{Title: "Stakeholder map", SVG: svg.Bytes()}}); err != nil {
		t.Fatal(err)
	}
	for name, b := range map[string][]byte{"svg": svg.Bytes(), "html": page.Bytes()} {
		if bytes.Contains(b, []byte(strings.Repeat("X", reports.MaxShownName))) {
			t.Errorf("%s shows more than %d characters of a name", name, reports.MaxShownName)
		}
		if !bytes.Contains(b, []byte(cut)) {
			t.Errorf("%s lacks the name cut", name)
		}
	}
	if err := WritePDF(&pdf, rep, r, chart.MapOptions{HighInfluence: 0.6}, PDFOptions{}); err != nil {
		t.Fatal(err)
	}
}

// heavyOptions are the map options of a run of r with names on the top 20.
func heavyOptions(r *analysis.Result) chart.MapOptions {
	return chart.MapOptions{Labels: 20, HighInfluence: r.HighInfluence}
}

func BenchmarkWriteMapPDF(b *testing.B) {
	reporttest.BenchWriter(b, func(w io.Writer, r *analysis.Result) error {
		return WriteMapPDF(w, r, heavyOptions(r), PDFOptions{})
	})
}

// BenchmarkWritePDFHeavy writes report.pdf of the heavy result.
func BenchmarkWritePDFHeavy(b *testing.B) {
	reporttest.BenchWriter(b, func(w io.Writer, r *analysis.Result) error {
		return WritePDF(w, reports.NewReport(r, reporttest.HeavyChanges(r), reports.Meta{Version: "bench"}), r, heavyOptions(r), PDFOptions{})
	})
}

// renderAll writes every output of a run of r, as cmd/relmap's render does, one writer
// after another, or each on its own goroutine when concurrent. It returns the outputs by
// name when keep, else only their sizes (as if they went to files).
func renderAll(r *analysis.Result, c *history.Changes, opt chart.MapOptions, concurrent, keep bool) (map[string][]byte, error) {
	jobs := map[string]func(w io.Writer) error{
		"ranked.csv":          func(w io.Writer) error { return reports.WriteCSV(w, r) },
		"ranked.json":         func(w io.Writer) error { return reports.WriteJSON(w, r) },
		"stakeholder-map.svg": func(w io.Writer) error { return chart.WriteMapSVG(w, r, opt) },
		"stakeholder-map.png": func(w io.Writer) error { return chart.WriteMapPNG(w, r, opt) },
		"stakeholder-map.pdf": func(w io.Writer) error { return WriteMapPDF(w, r, opt, PDFOptions{}) },
		"influence-reach.svg": func(w io.Writer) error { return chart.WriteInfluenceReachSVG(w, r, opt) },
		"influence-reach.png": func(w io.Writer) error { return chart.WriteInfluenceReachPNG(w, r, opt) },
		"report.pdf": func(w io.Writer) error {
			return WritePDF(w, reports.NewReport(r, c, reports.Meta{Version: "bench"}), r, opt, PDFOptions{})
		},
		"report.html": func(w io.Writer) error {
			var m, ir bytes.Buffer
			if err := chart.WriteMapPNG(&m, r, opt); err != nil {
				return err
			}
			if err := chart.WriteInfluenceReachPNG(&ir, r, opt); err != nil {
				return err
			}
			figs := []reports.Figure{{Title: "Stakeholder map", PNG: m.Bytes()}, {Title: "Influence and reach", PNG: ir.Bytes()}}
			return reports.WriteHTML(w, reports.NewReport(r, c, reports.Meta{Version: "bench"}), figs)
		},
		"diff.json":       func(w io.Writer) error { return reports.WriteChanges(w, c) },
		"network.gexf":    func(w io.Writer) error { return reports.WriteGEXF(w, r) },
		"network.graphml": func(w io.Writer) error { return reports.WriteGraphML(w, r) },
	}
	var (
		mu   sync.Mutex
		out  = map[string][]byte{}
		errs []error
		wg   sync.WaitGroup
	)
	for name, write := range jobs {
		run := func() {
			var (
				buf bytes.Buffer
				cw  reporttest.CountingWriter
				w   io.Writer = &cw
			)
			if keep {
				w = &buf
			}
			err := write(w)
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				errs = append(errs, fmt.Errorf("%s: %w", name, err))
			}
			out[name] = buf.Bytes()
		}
		if concurrent {
			wg.Go(run)
		} else {
			run()
		}
	}
	wg.Wait()
	if len(errs) > 0 {
		return nil, errs[0]
	}
	return out, nil
}

// BenchmarkRender writes every output of a heavy run one after another, to no file: the
// render stage's CPU time. (report.html draws its two PNGs again, which the run's render
// shares with the PNG files.)
func BenchmarkRender(b *testing.B) {
	r := reporttest.Heavy()
	c := reporttest.HeavyChanges(r)
	b.ReportAllocs()
	cpu := reporttest.CPUTime()
	for b.Loop() {
		if _, err := renderAll(r, c, heavyOptions(r), false, false); err != nil {
			b.Fatal(err)
		}
	}
	reporttest.ReportCPU(b, cpu)
}

// Writers called at once on the same Result, as a run renders on every core, write what
// they write one at a time, and leave the Result as it was (run with -race).
func TestWritersConcurrently(t *testing.T) {
	r := reporttest.HeavyResult(300, 3000)
	c := reporttest.HeavyChanges(r)
	opt := heavyOptions(r)
	opt.Fonts = chart.Fonts{Regular: liberationserifregular.TTF} // a user's font, and its fallback
	before := fmt.Sprintf("%#v", *r)
	want, err := renderAll(r, c, opt, false, true)
	if err != nil {
		t.Fatal(err)
	}
	for range 2 {
		got, err := renderAll(r, c, opt, true, true)
		if err != nil {
			t.Fatal(err)
		}
		for name, w := range want {
			if !bytes.Equal(got[name], w) {
				t.Errorf("%s written concurrently differs from %s written alone", name, name)
			}
		}
	}
	if after := fmt.Sprintf("%#v", *r); after != before {
		t.Error("the writers changed the Result")
	}
}
