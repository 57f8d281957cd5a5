package reports

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"slices"
	"sync"
	"testing"
	"time"

	"codeberg.org/go-fonts/liberation/liberationserifregular"

	"github.com/relmap/relmap/analysis"
	"github.com/relmap/relmap/analysis/history"
	"github.com/relmap/relmap/importers"
)

// heavyResult is a heavy LinkedIn export's result (SPEC §7): crowdResult's n people, every
// field a writer shows filled in — intro paths, tiers, communities, last contacts, reasons —
// and a network of the people and the ego with m ties, as syntheticNetwork's.
func heavyResult(n, m int) *analysis.Result {
	r, high := crowdResult(n)
	r.HighInfluence = high
	r.MinGroup = 5
	r.Coverage = analysis.Coverage{AsOfFrom: "export name", Nodes: n + 1, Edges: m, Ranked: n, WithEmail: 0.25, WithInteraction: 0.5,
		Limits: []string{"LinkedIn exports hold no meetings."}}
	r.Coverage.Files = []importers.FileCoverage{{Name: "export.zip:Connections.csv", Kind: "connections", Encoding: "UTF-8",
		Rows: n, Used: n, Skipped: map[string]int{"blank": 3}}}
	tiers := append(slices.Clone(analysis.Tiers), "")
	for i := range r.People {
		p := &r.People[i]
		p.Company = fmt.Sprintf("Company <%d> & Sons", i%500)
		p.Title = "Senior \"Engineer\""
		p.Hops = 1 + i%3
		p.Tie = float64(i%1000) / 1000
		p.StatusLabel = "neutral"
		if p.Status >= 0.25 {
			p.StatusLabel = "supporter"
		} else if p.Status <= -0.25 {
			p.StatusLabel = "detractor"
		}
		if i%4 != 0 {
			p.StatusBasis = []string{"messages", "endorsements"}
		}
		p.Zone = analysis.Zones[i%6]
		p.Tier = tiers[i%len(tiers)]
		p.PageRank, p.Betweenness, p.Harmonic = p.Influence/1000, p.Influence/3, 0.5
		p.Reach2, p.Constraint, p.EffectiveSize = p.Reach/4, 0.125, 3.5
		if i%7 == 0 {
			p.Constraint = math.NaN()
		}
		p.Community = fmt.Sprintf("c%d", i%40)
		p.Degree, p.Strength, p.Seniority = 20+i%13, 7.25, 0.5
		p.LastContact = r.AsOf.AddDate(0, 0, -(i % 400))
		p.Dormant = i%11 == 0
		p.Reasons = []analysis.Reason{{Kind: analysis.ReasonUnanswered, N: 1, Of: 4, Habit: -1, Since: analysis.MonthOf(r.AsOf.AddDate(0, -2, 0))},
			{Kind: analysis.ReasonPageRank, Top: 20}, {Kind: analysis.ReasonEndorsed, N: 3}}
		if i%3 != 0 {
			p.IntroPaths = []analysis.IntroPath{
				{Via: []analysis.Hop{{ID: "c001", Name: "Ana Ruiz"}}, Strength: 0.62},
				{Via: []analysis.Hop{{ID: "c002", Name: "Bo Chan"}, {ID: "c003", Name: "Łukasz Żero"}}, Strength: 0.41},
			}
		}
	}
	for _, g := range []*[]analysis.Group{&r.Communities, &r.Organisations} {
		for i := range 40 {
			*g = append(*g, analysis.Group{Name: fmt.Sprintf("group %d", i), People: n / 40, Influence: 0.3,
				Zones: map[analysis.Zone]int{analysis.Champion: 3, analysis.Background: 20}, Statuses: map[analysis.StatusLabel]int{"supporter": 3, "neutral": 20}})
		}
	}
	nw := &r.Network
	nw.Nodes = make([]analysis.NetworkNode, 0, n+1)
	nw.Nodes = append(nw.Nodes, analysis.NetworkNode{ID: r.Ego.ID, Name: r.Ego.Name, Ego: true})
	for _, p := range r.People {
		nw.Nodes = append(nw.Nodes, analysis.NetworkNode{ID: p.ID, Name: p.Name, Company: p.Company, Title: p.Title,
			Category: p.Category, Hops: p.Hops})
	}
	for d := 1; len(nw.Edges) < m; d++ {
		for u := 0; u+d < len(nw.Nodes) && len(nw.Edges) < m; u++ {
			nw.Edges = append(nw.Edges, analysis.Edge{U: int32(u), V: int32(u + d), W: 1 / float64(d+u%7)})
		}
	}
	return r
}

// heavyChanges is a diff.json of a heavy export's weekly run: a few hundred moves.
func heavyChanges(r *analysis.Result) *history.Changes {
	c := &history.Changes{SchemaVersion: 1, From: history.RunRef{Run: "20260307T060000Z", AsOf: "2026-03-07"},
		To: history.RunRef{Run: "20260314T060000Z", AsOf: "2026-03-14"}, Entered: 12, Left: 3,
		ZoneMoves: []history.Move{}, NewDetractors: []history.Move{}, Risers: []history.Move{}, Fallers: []history.Move{},
		GoneDormant: []history.Move{}, TierMoves: []history.Move{}}
	for i := range 300 {
		p := &r.People[i*7%len(r.People)]
		infl, delta := p.Influence, 0.125
		c.ZoneMoves = append(c.ZoneMoves, history.Move{Person: p.ID, Name: p.Name, From: string(analysis.Watch), To: string(p.Zone), Zone: p.Zone})
		c.Risers = append(c.Risers, history.Move{Person: p.ID, Name: p.Name, Zone: p.Zone, Influence: &infl, Delta: &delta})
	}
	return c
}

// heavyOptions are the map options of a run of r with names on the top 20.
func heavyOptions(r *analysis.Result) MapOptions {
	return MapOptions{Labels: 20, HighInfluence: r.HighInfluence}
}

// heavy is a 30 000-person, 300 000-tie result, made once for all the benchmarks.
var heavy = sync.OnceValue(func() *analysis.Result { return heavyResult(30000, 300000) })

// benchWriter benchmarks write on the heavy result, reporting the bytes it writes and the
// CPU time it takes, garbage collection included.
func benchWriter(b *testing.B, write func(w io.Writer, r *analysis.Result) error) {
	r := heavy()
	b.ReportAllocs()
	var n int
	cpu := cpuTime()
	for b.Loop() {
		cw := &countingWriter{}
		if err := write(cw, r); err != nil {
			b.Fatal(err)
		}
		n = cw.n
	}
	reportCPU(b, cpu)
	b.ReportMetric(float64(n), "bytes")
}

// reportCPU reports the CPU time per op used since start.
func reportCPU(b *testing.B, start time.Duration) {
	b.ReportMetric(float64(cpuTime()-start)/float64(b.N), "cpu-ns/op")
}

type countingWriter struct{ n int }

func (c *countingWriter) Write(p []byte) (int, error) { c.n += len(p); return len(p), nil }

func BenchmarkWriteCSV(b *testing.B)  { benchWriter(b, WriteCSV) }
func BenchmarkWriteJSON(b *testing.B) { benchWriter(b, WriteJSON) }

func BenchmarkWriteMapSVG(b *testing.B) {
	benchWriter(b, func(w io.Writer, r *analysis.Result) error { return WriteMapSVG(w, r, heavyOptions(r)) })
}

func BenchmarkWriteMapPNG(b *testing.B) {
	benchWriter(b, func(w io.Writer, r *analysis.Result) error { return WriteMapPNG(w, r, heavyOptions(r)) })
}

func BenchmarkWriteMapPDF(b *testing.B) {
	benchWriter(b, func(w io.Writer, r *analysis.Result) error {
		return WriteMapPDF(w, r, heavyOptions(r), PDFOptions{})
	})
}

func BenchmarkWriteInfluenceReachSVG(b *testing.B) {
	benchWriter(b, func(w io.Writer, r *analysis.Result) error { return WriteInfluenceReachSVG(w, r, heavyOptions(r)) })
}

func BenchmarkWriteInfluenceReachPNG(b *testing.B) {
	benchWriter(b, func(w io.Writer, r *analysis.Result) error { return WriteInfluenceReachPNG(w, r, heavyOptions(r)) })
}

// BenchmarkWriteHTML writes report.html of the heavy result, its figures PNGs as a run
// inlines them above 2 000 people; the figures are drawn once, before timing.
func BenchmarkWriteHTML(b *testing.B) {
	figs := heavyFigures(b, heavy())
	benchWriter(b, func(w io.Writer, r *analysis.Result) error {
		return WriteHTML(w, NewReport(r, heavyChanges(r), Meta{Version: "bench"}), figs)
	})
}

func heavyFigures(tb testing.TB, r *analysis.Result) []Figure {
	var m, ir bytes.Buffer
	if err := WriteMapPNG(&m, r, heavyOptions(r)); err != nil {
		tb.Fatal(err)
	}
	if err := WriteInfluenceReachPNG(&ir, r, heavyOptions(r)); err != nil {
		tb.Fatal(err)
	}
	return []Figure{{Title: "Stakeholder map", PNG: m.Bytes()}, {Title: "Influence and reach", PNG: ir.Bytes()}}
}

func BenchmarkWriteChanges(b *testing.B) {
	c := heavyChanges(heavy())
	benchWriter(b, func(w io.Writer, r *analysis.Result) error { return WriteChanges(w, c) })
}

// BenchmarkWritePDFHeavy writes report.pdf of the heavy result.
func BenchmarkWritePDFHeavy(b *testing.B) {
	benchWriter(b, func(w io.Writer, r *analysis.Result) error {
		return WritePDF(w, NewReport(r, heavyChanges(r), Meta{Version: "bench"}), r, heavyOptions(r), PDFOptions{})
	})
}

// renderAll writes every output of a run of r, as cmd/relmap's render does, one writer
// after another, or each on its own goroutine when concurrent. It returns the outputs by
// name when keep, else only their sizes (as if they went to files).
func renderAll(r *analysis.Result, c *history.Changes, opt MapOptions, concurrent, keep bool) (map[string][]byte, error) {
	jobs := map[string]func(w io.Writer) error{
		"ranked.csv":          func(w io.Writer) error { return WriteCSV(w, r) },
		"ranked.json":         func(w io.Writer) error { return WriteJSON(w, r) },
		"stakeholder-map.svg": func(w io.Writer) error { return WriteMapSVG(w, r, opt) },
		"stakeholder-map.png": func(w io.Writer) error { return WriteMapPNG(w, r, opt) },
		"stakeholder-map.pdf": func(w io.Writer) error { return WriteMapPDF(w, r, opt, PDFOptions{}) },
		"influence-reach.svg": func(w io.Writer) error { return WriteInfluenceReachSVG(w, r, opt) },
		"influence-reach.png": func(w io.Writer) error { return WriteInfluenceReachPNG(w, r, opt) },
		"report.pdf": func(w io.Writer) error {
			return WritePDF(w, NewReport(r, c, Meta{Version: "bench"}), r, opt, PDFOptions{})
		},
		"report.html": func(w io.Writer) error {
			var m, ir bytes.Buffer
			if err := WriteMapPNG(&m, r, opt); err != nil {
				return err
			}
			if err := WriteInfluenceReachPNG(&ir, r, opt); err != nil {
				return err
			}
			figs := []Figure{{Title: "Stakeholder map", PNG: m.Bytes()}, {Title: "Influence and reach", PNG: ir.Bytes()}}
			return WriteHTML(w, NewReport(r, c, Meta{Version: "bench"}), figs)
		},
		"diff.json":       func(w io.Writer) error { return WriteChanges(w, c) },
		"network.gexf":    func(w io.Writer) error { return WriteGEXF(w, r) },
		"network.graphml": func(w io.Writer) error { return WriteGraphML(w, r) },
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
				cw  countingWriter
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
	r := heavy()
	c := heavyChanges(r)
	b.ReportAllocs()
	cpu := cpuTime()
	for b.Loop() {
		if _, err := renderAll(r, c, heavyOptions(r), false, false); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, cpu)
}

// Writers called at once on the same Result, as a run renders on every core, write what
// they write one at a time, and leave the Result as it was (run with -race).
func TestWritersConcurrently(t *testing.T) {
	r := heavyResult(300, 3000)
	c := heavyChanges(r)
	opt := heavyOptions(r)
	opt.Fonts = Fonts{Regular: liberationserifregular.TTF} // a user's font, and its fallback
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
