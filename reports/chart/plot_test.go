package chart

import (
	"bytes"
	"encoding/xml"
	"errors"
	"flag"
	"fmt"
	"image/png"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"github.com/relmap/relmap/analysis"
	"github.com/relmap/relmap/reports/internal/reporttest"
)

// update rewrites the golden files of the tests of package chart.
var update = flag.Bool("update", false, "rewrite golden files")

func renderSVG(t *testing.T, r *analysis.Result, opt MapOptions) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteMapSVG(&buf, r, opt); err != nil {
		t.Fatalf("WriteMapSVG: %v", err)
	}
	return buf.Bytes()
}

// svgTexts returns the character data of every <text> element of an SVG document, failing
// the test when the document is not well-formed XML.
func svgTexts(t *testing.T, svg []byte) []string {
	t.Helper()
	var texts []string
	d := xml.NewDecoder(bytes.NewReader(svg))
	inText := false
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("SVG is not well-formed XML: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			inText = tok.Name.Local == "text"
			if inText {
				texts = append(texts, "")
			}
		case xml.CharData:
			if inText {
				texts[len(texts)-1] += string(tok)
			}
		case xml.EndElement:
			inText = false
		}
	}
	return texts
}

func TestWriteMapSVGIsDeterministic(t *testing.T) {
	opt := MapOptions{HighInfluence: 0.6}
	a := renderSVG(t, reporttest.SmallResult(), opt)
	b := renderSVG(t, reporttest.SmallResult(), opt)
	if !bytes.Equal(a, b) {
		t.Errorf("two renderings of the same result differ")
	}
	crowd, high := reporttest.CrowdResult(150)
	a = renderSVG(t, crowd, MapOptions{HighInfluence: high})
	b = renderSVG(t, crowd, MapOptions{HighInfluence: high})
	if !bytes.Equal(a, b) {
		t.Errorf("two renderings of the same 150-person result differ")
	}
}

func TestWriteMapSVGText(t *testing.T) {
	const labels = 8
	r := reporttest.SmallResult()
	svg := renderSVG(t, r, MapOptions{HighInfluence: 0.6, Labels: labels})
	texts := svgTexts(t, svg)
	has := func(s string) bool { return slices.Contains(texts, s) }

	for _, want := range []string{
		"Stakeholder map",
		"Maja Novak · as of 2026-03-14 · 16 people (1 unscored, not shown) · top 8 named",
		"champion", "area for improvement", "key to engage", "ally", "watch", "background",
		"high influence ≥ 0.6",
		"status (detractor ← → supporter)", "influence",
		"stakeholder", "other team", "provider", "client", "other", "size = reach",
	} {
		if !has(want) {
			t.Errorf("SVG has no text %q", want)
		}
	}
	// The top 8 drawable people are labelled, the rest not.
	for i, p := range r.People {
		switch {
		case math.IsNaN(p.Status):
			if has(p.Name) {
				t.Errorf("unscored %q is labelled", p.Name)
			}
		case i < labels && !has(p.Name):
			t.Errorf("rank %d %q has no label", p.Rank, p.Name)
		case i >= labels && has(p.Name):
			t.Errorf("rank %d %q is labelled, beyond the top %d", p.Rank, p.Name, labels)
		}
	}
	// Names reach the file escaped, not raw.
	for _, want := range []string{"Seán O&#39;Brien", "Ana Ruiz &amp; Co", "Ελένη Παπαδοπούλου"} {
		if !bytes.Contains(svg, []byte(want)) {
			t.Errorf("SVG does not contain %q", want)
		}
	}
	if bytes.Contains(svg, []byte("Ruiz & Co")) {
		t.Errorf("SVG contains an unescaped ampersand")
	}
	if !bytes.Contains(svg, []byte(`font-family:'Liberation Sans',Arial,Helvetica,sans-serif;`)) {
		t.Errorf("SVG text does not fall back to Arial")
	}
}

func TestWriteMapSVGLegendShowsCategoriesPresent(t *testing.T) {
	r := reporttest.SmallResult()
	r.People = slices.DeleteFunc(r.People, func(p analysis.Person) bool {
		return p.Category != "client"
	})
	texts := svgTexts(t, renderSVG(t, r, MapOptions{HighInfluence: 0.6}))
	if !slices.Contains(texts, "client") {
		t.Errorf("legend lacks the one category present")
	}
	for _, absent := range []string{"stakeholder", "other team", "provider", "other"} {
		if slices.Contains(texts, absent) {
			t.Errorf("legend shows %q, which no one has", absent)
		}
	}
}

func TestWriteMapSVGGolden(t *testing.T) {
	got := renderSVG(t, reporttest.SmallResult(), MapOptions{HighInfluence: 0.6})
	golden := filepath.Join("testdata", "stakeholder-map.golden.svg")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./reports/chart -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("SVG differs from %s; look at both, then run go test ./reports/chart -update if the change is wanted", golden)
	}
}

func TestWriteMapPNG(t *testing.T) {
	for _, tc := range []struct {
		opt  MapOptions
		w, h int
	}{
		{MapOptions{HighInfluence: 0.6}, 1200, 900},
		{MapOptions{HighInfluence: 0.6, Width: 4 * vg.Inch, Height: 3 * vg.Inch}, 600, 450},
	} {
		var buf bytes.Buffer
		if err := WriteMapPNG(&buf, reporttest.SmallResult(), tc.opt); err != nil {
			t.Fatalf("WriteMapPNG: %v", err)
		}
		img, err := png.Decode(&buf)
		if err != nil {
			t.Fatalf("PNG does not decode: %v", err)
		}
		if b := img.Bounds(); b.Dx() != tc.w || b.Dy() != tc.h {
			t.Errorf("PNG is %d × %d, want %d × %d", b.Dx(), b.Dy(), tc.w, tc.h)
		}
	}
}

func TestStakeholderMapEmpty(t *testing.T) {
	r := &analysis.Result{Ego: analysis.Ego{Name: "Maja Novak"}}
	texts := svgTexts(t, renderSVG(t, r, MapOptions{HighInfluence: 0.5}))
	if !slices.Contains(texts, "Maja Novak · 0 people") {
		t.Errorf("empty map has texts %q, want the subtitle %q", texts, "Maja Novak · 0 people")
	}
	if err := WriteMapPNG(io.Discard, r, MapOptions{}); err != nil {
		t.Errorf("WriteMapPNG of an empty result: %v", err)
	}
}

func TestStakeholderMapRejects(t *testing.T) {
	for _, tc := range []struct {
		name string
		r    *analysis.Result
		opt  MapOptions
	}{
		{"no result", nil, MapOptions{}},
		{"NaN high influence", reporttest.SmallResult(), MapOptions{HighInfluence: math.NaN()}},
		{"high influence above 1", reporttest.SmallResult(), MapOptions{HighInfluence: 1.5}},
		{"negative width", reporttest.SmallResult(), MapOptions{Width: -1}},
	} {
		if _, err := StakeholderMap(tc.r, tc.opt); err == nil {
			t.Errorf("%s: no error", tc.name)
		}
	}
}

func TestMapLayoutOrder(t *testing.T) {
	r := reporttest.SmallResult()
	slices.Reverse(r.People) // Rank, not position, decides.
	m := newMapLayout(r, MapOptions{Labels: 3})
	if len(m.dots) != 15 || m.unknowns != 2 {
		t.Fatalf("%d dots (%d of unknown status), want 15 and 2 (one person is unscored)", len(m.dots), m.unknowns)
	}
	// Drawn lowest rank first: the champion of rank 1 is drawn last, on top.
	if top := m.dots[len(m.dots)-1]; top.status != 0.6 || top.influence != 0.92 {
		t.Errorf("last dot drawn is %+v, want rank 1", top)
	}
	var names []string
	for _, i := range m.labelled {
		names = append(names, m.dots[i].name)
	}
	if want := []string{"Zoë Brandt-Ilić", "Łukasz Żero", "Ελένη Παπαδοπούλου"}; !slices.Equal(names, want) {
		t.Errorf("labelled %q, want %q", names, want)
	}
	// Radius grows with reach: reach 0 is the smallest point, reach 1 the largest.
	for _, d := range m.dots {
		if d.radius < minDotRadius || d.radius > maxDotRadius {
			t.Errorf("radius %v outside [%v, %v]", d.radius, minDotRadius, maxDotRadius)
		}
	}
	if m.dots[len(m.dots)-9].radius != maxDotRadius { // Mårten Ångström, rank 9, reach 1
		t.Errorf("reach 1 draws radius %v, want %v", m.dots[len(m.dots)-9].radius, maxDotRadius)
	}
}

// checkLabels fails the test when two placed labels overlap or a label leaves bounds. It
// does its own geometry rather than trust the code under test.
func checkLabels(t *testing.T, placed []placedLabel, bounds vg.Rectangle) {
	t.Helper()
	for i, a := range placed {
		if a.box.Min.X < bounds.Min.X || a.box.Min.Y < bounds.Min.Y || a.box.Max.X > bounds.Max.X || a.box.Max.Y > bounds.Max.Y {
			t.Errorf("label %q at %v leaves the canvas %v", a.text, a.box, bounds)
		}
		for _, b := range placed[:i] {
			// Two boxes are apart when one lies wholly to one side of the other.
			apart := a.box.Max.X <= b.box.Min.X || b.box.Max.X <= a.box.Min.X ||
				a.box.Max.Y <= b.box.Min.Y || b.box.Max.Y <= a.box.Min.Y
			if !apart {
				t.Errorf("labels %q %v and %q %v overlap", a.text, a.box, b.text, b.box)
			}
		}
	}
}

func TestPlaceLabelsCrowded(t *testing.T) {
	k := newInk(8, false, labelInk)
	bounds := vg.Rectangle{Max: vg.Point{X: 400, Y: 300}}
	var dots []labelDot
	var targets []labelTarget
	for i := range 30 {
		// 30 points within a point of (200, 150).
		at := vg.Point{X: 200 + vg.Length(i%5)*0.2, Y: 150 + vg.Length(i/5)*0.2}
		dots = append(dots, labelDot{at: at, r: 4, weight: 1})
		targets = append(targets, labelTarget{text: fmt.Sprintf("Person Nr. %d Ωμέγα", i+1), dot: i})
	}
	placed, unplaced := placeLabels(targets, dots, bounds, nil, k)

	if len(placed)+unplaced != len(targets) {
		t.Fatalf("%d placed + %d unplaced ≠ %d targets", len(placed), unplaced, len(targets))
	}
	if unplaced == 0 {
		t.Errorf("all 30 labels placed around one spot; placement cannot be checking overlaps")
	}
	if len(placed) < 4 {
		t.Errorf("only %d labels placed; there is room for at least 4 (right, left, above, below)", len(placed))
	}
	// Greedy in rank order: the first label always finds a place.
	if placed[0].target != 0 {
		t.Errorf("first placed label is target %d, want 0", placed[0].target)
	}
	checkLabels(t, placed, bounds)
	leaders := 0
	for _, p := range placed {
		if p.leader != [2]vg.Point{} {
			leaders++
		}
	}
	if leaders == 0 {
		t.Errorf("no label of the crowd went to the outer ring")
	}
}

func TestPlaceLabelsPrefersRightThenAvoids(t *testing.T) {
	k := newInk(8, false, labelInk)
	bounds := vg.Rectangle{Max: vg.Point{X: 400, Y: 300}}
	dots := []labelDot{
		{at: vg.Point{X: 100, Y: 100}, r: 3, weight: 1},
		{at: vg.Point{X: 398, Y: 200}, r: 3, weight: 1}, // at the right edge
		{at: vg.Point{X: 200, Y: 50}, r: 3, weight: 1},
	}
	targets := []labelTarget{{"Łukasz", 0}, {"Ольга", 1}, {"Ελένη", 2}}
	// A zone name just right of the third point.
	soft := []vg.Rectangle{{Min: vg.Point{X: 203, Y: 40}, Max: vg.Point{X: 260, Y: 60}}}
	placed, unplaced := placeLabels(targets, dots, bounds, soft, k)
	if unplaced != 0 || len(placed) != 3 {
		t.Fatalf("placed %d, unplaced %d; want all 3 placed", len(placed), unplaced)
	}
	if b := placed[0].box; b.Min.X <= 100 {
		t.Errorf("free label %v is not to the right of its point", b)
	}
	if b := placed[1].box; b.Max.X >= 398 {
		t.Errorf("label at the right edge %v is not to the left of its point", b)
	}
	if b := placed[2].box; b.Max.X >= 200 {
		t.Errorf("label with a zone name on its right %v is not to the left of its point", b)
	}
	for _, p := range placed {
		if p.leader != [2]vg.Point{} {
			t.Errorf("label %q has a leader line with free room next to its point", p.text)
		}
	}
	checkLabels(t, placed, bounds)
}

// TestStakeholderMapLabelsOnCanvas checks the labels as drawn: no overlaps and inside the
// data area, on the small map (whose corner points push labels inward) and on a realistic
// crowded one.
func TestStakeholderMapLabelsOnCanvas(t *testing.T) {
	crowd, high := reporttest.CrowdResult(150)
	for _, tc := range []struct {
		name        string
		r           *analysis.Result
		opt         MapOptions
		labelled    int
		maxUnplaced int
	}{
		{"small", reporttest.SmallResult(), MapOptions{HighInfluence: 0.6}, 15, 0},
		{"crowd", crowd, MapOptions{HighInfluence: high}, 20, 4},
		{"crowd 5 × 4 in", crowd, MapOptions{HighInfluence: high, Width: 5 * vg.Inch, Height: 4 * vg.Inch}, 20, 6},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, m, err := stakeholderMap(tc.r, tc.opt)
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

// The neutral band and its ticks follow the result's status thresholds (the config's
// model.status.supporter and .detractor), not a fixed ±0.25.
func TestMapThresholds(t *testing.T) {
	r := reporttest.SmallResult()
	r.SupporterFrom, r.DetractorFrom = 0.4, -0.1
	texts := strings.Join(svgTexts(t, renderSVG(t, r, MapOptions{HighInfluence: 0.6})), "|")
	for _, want := range []string{"+0.4", "−0.1"} {
		if !strings.Contains(texts, want) {
			t.Errorf("no tick %q on the map: %s", want, texts)
		}
	}
	if strings.Contains(texts, "+0.25") {
		t.Errorf("the default threshold is still drawn: %s", texts)
	}
}
