package chart

import (
	"bytes"
	"image/png"
	"math"
	"slices"
	"testing"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"github.com/relmap/relmap/analysis"
	"github.com/relmap/relmap/reports/internal/reporttest"
)

func renderReachSVG(t *testing.T, r *analysis.Result, opt MapOptions) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteInfluenceReachSVG(&buf, r, opt); err != nil {
		t.Fatalf("WriteInfluenceReachSVG: %v", err)
	}
	return buf.Bytes()
}

// zonedCrowd is CrowdResult with every person's zone set from status and influence as
// analysis does (SPEC §3.4).
func zonedCrowd(n int) (*analysis.Result, float64) {
	r, high := reporttest.CrowdResult(n)
	for i := range r.People {
		p := &r.People[i]
		hi := p.Influence >= high
		switch {
		case hi && p.Status >= 0.25:
			p.Zone = "champion"
		case hi && p.Status <= -0.25:
			p.Zone = "area for improvement"
		case hi:
			p.Zone = "key to engage"
		case p.Status >= 0.25:
			p.Zone = "ally"
		case p.Status <= -0.25:
			p.Zone = "watch"
		default:
			p.Zone = "background"
		}
	}
	return r, high
}

func TestWriteInfluenceReachSVGGolden(t *testing.T) {
	reporttest.Golden(t, *update, "influence-reach.golden.svg", renderReachSVG(t, reporttest.SmallResult(), MapOptions{HighInfluence: 0.6}))
}

func TestWriteInfluenceReachSVGIsDeterministic(t *testing.T) {
	crowd, high := zonedCrowd(200)
	a := renderReachSVG(t, crowd, MapOptions{HighInfluence: high})
	b := renderReachSVG(t, crowd, MapOptions{HighInfluence: high})
	if !bytes.Equal(a, b) {
		t.Error("two renderings of the same result differ")
	}
}

func TestWriteInfluenceReachSVGText(t *testing.T) {
	r := reporttest.SmallResult()
	r.People[4].Reach = math.NaN() // Seán O'Brien, rank 5: unknown reach, not drawn
	texts := svgTexts(t, renderReachSVG(t, r, MapOptions{HighInfluence: 0.6, Labels: 6}))
	has := func(s string) bool { return slices.Contains(texts, s) }
	for _, want := range []string{
		"Influence and reach",
		"Maja Novak · as of 2026-03-14 · 16 people (1 unscored, not shown) · top 6 named",
		"high influence ≥ 0.6", "reach", "influence",
		// The zones present, one of them the empty zone of the unscored person.
		"champion", "area for improvement", "key to engage", "ally", "watch", "background", "no zone",
	} {
		if !has(want) {
			t.Errorf("SVG has no text %q", want)
		}
	}
	// The top 6 drawable people by rank are named; Seán O'Brien is not drawn.
	named := 0
	for _, p := range r.People {
		switch {
		case math.IsNaN(p.Reach):
			if has(p.Name) {
				t.Errorf("%q, with no reach, is named", p.Name)
			}
		case named < 6:
			named++
			if !has(p.Name) {
				t.Errorf("rank %d %q is not named", p.Rank, p.Name)
			}
		case has(p.Name):
			t.Errorf("rank %d %q is named beyond the top 6", p.Rank, p.Name)
		}
	}
}

func TestInfluenceReachLegendShowsZonesPresent(t *testing.T) {
	r := reporttest.SmallResult()
	r.People = slices.DeleteFunc(r.People, func(p analysis.Person) bool { return p.Zone != "watch" })
	texts := svgTexts(t, renderReachSVG(t, r, MapOptions{HighInfluence: 0.6}))
	if !slices.Contains(texts, "watch") {
		t.Error("the legend lacks the one zone present")
	}
	for _, absent := range []string{"champion", "ally", "background", "no zone"} {
		if slices.Contains(texts, absent) {
			t.Errorf("the legend shows %q, which no one is in", absent)
		}
	}
}

// Labels drawn on the plot never overlap and stay inside the data area, on the small
// plot and on crowded ones.
func TestInfluenceReachLabelsOnCanvas(t *testing.T) {
	crowd, high := zonedCrowd(300)
	for _, tc := range []struct {
		name        string
		r           *analysis.Result
		opt         MapOptions
		labelled    int
		maxUnplaced int
	}{
		{"small", reporttest.SmallResult(), MapOptions{HighInfluence: 0.6}, 16, 0},
		{"crowd", crowd, MapOptions{HighInfluence: high}, 20, 4},
		{"crowd 5 × 4 in", crowd, MapOptions{HighInfluence: high, Labels: 30, Width: 5 * vg.Inch, Height: 4 * vg.Inch}, 30, 15},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, m, err := influenceReach(tc.r, tc.opt)
			if err != nil {
				t.Fatal(err)
			}
			opt := tc.opt.WithDefaults()
			dc := p.DataCanvas(draw.New(vgimg.New(opt.Width, opt.Height)))
			placed, unplaced := m.placeLabels(dc, p)
			if len(placed)+unplaced != tc.labelled {
				t.Errorf("%d placed + %d unplaced, want the top %d", len(placed), unplaced, tc.labelled)
			}
			if unplaced > tc.maxUnplaced {
				t.Errorf("%d of the top %d unlabelled, want at most %d", unplaced, tc.labelled, tc.maxUnplaced)
			}
			checkLabels(t, placed, dc.Rectangle)
		})
	}
}

// Points are drawn lowest rank first, coloured by zone, at their clamped scores.
func TestReachLayout(t *testing.T) {
	r := reporttest.SmallResult()
	r.People[0].Reach = 1.7 // out of range: clamped to 1
	m := newReachLayout(r, MapOptions{Labels: 2})
	if len(m.dots) != len(r.People) {
		t.Fatalf("%d dots for %d people", len(m.dots), len(r.People))
	}
	top := m.dots[len(m.dots)-1]
	if top.reach != 1 || top.influence != 0.92 || zoneStyles[top.zone].name != "champion" {
		t.Errorf("last dot drawn is %+v, want rank 1, a champion at reach 1", top)
	}
	if len(m.labelled) != 2 || m.dots[m.labelled[0]].name != "Zoë Brandt-Ilić" {
		t.Errorf("labelled %v", m.labelled)
	}
	if zoneIndex("") != len(zoneStyles)-1 || zoneIndex("nonsense") != len(zoneStyles)-1 {
		t.Error("an unknown zone is not the last style")
	}
}

func TestWriteInfluenceReachPNG(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteInfluenceReachPNG(&buf, reporttest.SmallResult(), MapOptions{HighInfluence: 0.6}); err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(&buf)
	if err != nil {
		t.Fatalf("PNG does not decode: %v", err)
	}
	if b := img.Bounds(); b.Dx() != 1200 || b.Dy() != 900 {
		t.Errorf("PNG is %d × %d, want 1200 × 900", b.Dx(), b.Dy())
	}
}

func TestInfluenceReachEmptyAndRejects(t *testing.T) {
	empty := &analysis.Result{Ego: analysis.Ego{Name: "Maja Novak"}}
	if texts := svgTexts(t, renderReachSVG(t, empty, MapOptions{HighInfluence: 0.5})); !slices.Contains(texts, "Maja Novak · 0 people") {
		t.Errorf("empty plot has texts %q", texts)
	}
	if err := WriteInfluenceReachPNG(&bytes.Buffer{}, empty, MapOptions{}); err != nil {
		t.Errorf("PNG of an empty result: %v", err)
	}
	for name, tc := range map[string]struct {
		r   *analysis.Result
		opt MapOptions
	}{
		"no result":            {nil, MapOptions{}},
		"NaN high influence":   {reporttest.SmallResult(), MapOptions{HighInfluence: math.NaN()}},
		"negative width":       {reporttest.SmallResult(), MapOptions{Width: -1}},
		"font that is no font": {reporttest.SmallResult(), MapOptions{Fonts: Fonts{Regular: []byte("nope")}}},
	} {
		if _, err := InfluenceReach(tc.r, tc.opt); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}
