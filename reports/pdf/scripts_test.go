package pdf

// Names in every script (issue 6): Latin with diacritics, Greek and Cyrillic render in every
// output with the bundled Liberation Sans; Chinese, Japanese and Korean render in SVG and
// HTML (the viewer's fonts draw them) and in PNG and PDF with a font the user names
// (Fonts). These tests prove it on the text and on the pixels: a PDF's text layer alone
// proves nothing, since pdftotext reads a name back whether its glyphs were drawn or not
// (see TestScriptsWithoutCJKFont).

import (
	"bytes"
	"fmt"
	"image"
	"image/draw"
	"image/png"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"gonum.org/v1/plot/vg"
	vgdraw "gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/recorder"

	"github.com/relmap/relmap/analysis"
	"github.com/relmap/relmap/reports"
	"github.com/relmap/relmap/reports/chart"
	"github.com/relmap/relmap/reports/internal/reporttest"
)

// The names and fonts under test (reporttest: Latin with diacritics, Greek and Cyrillic;
// Chinese, Japanese and Korean; Droid Sans Fallback and NanumGothic).
var (
	latinGreekCyrillic = reporttest.LatinGreekCyrillic
	cjkNames           = reporttest.CJKNames
	scriptNames        = reporttest.ScriptNames
)

const (
	droidFont  = reporttest.DroidFont
	nanumFont  = reporttest.NanumFont
	droidDebPk = reporttest.DroidDebPk
	nanumDebPk = reporttest.NanumDebPk
)

// userFont reads a font file, skipping the test when it is not installed (failing when
// RELMAP_REQUIRE_TOOLS=1).
func userFont(t *testing.T, path, pkg string) chart.Fonts {
	t.Helper()
	return chart.Fonts{Regular: reporttest.FontFile(t, path, pkg)}
}

// scriptsResult ranks a person of each name, spread over every zone, above three fillers
// (reporttest.ScriptsResult).
func scriptsResult() *analysis.Result { return reporttest.ScriptsResult() }

// scriptsOptions labels every person of scriptsResult.
var scriptsOptions = chart.MapOptions{HighInfluence: 0.6, Labels: 10}

// Latin, Greek and Cyrillic names come out of report.pdf and stakeholder-map.pdf as they
// went in with the bundled font, and so do CJK names with a CJK font of the user's. The
// text layer does not show that the glyphs are drawn (TestScriptsWithoutCJKFont); the
// pixels do (TestScriptsPDFGlyphs).
func TestScriptsPDFText(t *testing.T) {
	popplerTool(t, "pdftotext")
	r := scriptsResult()
	check := func(font string, fonts chart.Fonts, names []string) {
		var report, mapPDF bytes.Buffer
		if err := WritePDF(&report, reports.NewReport(r, nil, reports.Meta{Top: 50}), r, scriptsOptions, PDFOptions{Fonts: fonts}); err != nil {
			t.Fatalf("%s: WritePDF: %v", font, err)
		}
		if err := WriteMapPDF(&mapPDF, r, scriptsOptions, PDFOptions{Fonts: fonts}); err != nil {
			t.Fatalf("%s: WriteMapPDF: %v", font, err)
		}
		for file, pdf := range map[string][]byte{"report.pdf": report.Bytes(), "stakeholder-map.pdf": mapPDF.Bytes()} {
			text := extractText(t, pdf, 0, 0)
			for _, name := range append(slices.Clone(names), "Stakeholder map", "top 10 named") {
				if !strings.Contains(text, name) {
					t.Errorf("%s in %s: the text lacks %q", file, font, name)
				}
			}
		}
	}
	check("Liberation Sans", chart.Fonts{}, latinGreekCyrillic)
	check("Droid Sans Fallback", userFont(t, droidFont, droidDebPk), scriptNames)
	check("NanumGothic", userFont(t, nanumFont, nanumDebPk), scriptNames)
}

// missingRune is a character in the Private Use Area that none of the fonts has: each
// font draws its "missing" glyph for it — the glyph (or nothing) that every character the
// font lacks gets, at the same width.
const missingRune = '\ue000'

// pixels decodes a PNG as NRGBA.
func pixels(t *testing.T, b []byte) *image.NRGBA {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("PNG does not decode: %v", err)
	}
	out := image.NewNRGBA(img.Bounds())
	draw.Draw(out, out.Bounds(), img, img.Bounds().Min, draw.Src)
	return out
}

// diffPixels counts the pixels within r that differ between a and b.
func diffPixels(a, b *image.NRGBA, r image.Rectangle) int {
	n := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if a.NRGBAAt(x, y) != b.NRGBAAt(x, y) {
				n++
			}
		}
	}
	return n
}

// rasterise renders page 1 of pdf with pdftoppm (poppler-utils) at dpi, only the part clip
// when it is not empty.
func rasterise(t *testing.T, pdf []byte, dpi int, clip image.Rectangle) *image.NRGBA {
	t.Helper()
	tool := popplerTool(t, "pdftoppm")
	dir := t.TempDir()
	in := filepath.Join(dir, "doc.pdf")
	if err := os.WriteFile(in, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	args := []string{"-r", strconv.Itoa(dpi), "-f", "1", "-l", "1", "-png", "-singlefile"}
	if !clip.Empty() {
		args = append(args, "-x", strconv.Itoa(clip.Min.X), "-y", strconv.Itoa(clip.Min.Y),
			"-W", strconv.Itoa(clip.Dx()), "-H", strconv.Itoa(clip.Dy()))
	}
	out, err := exec.Command(tool, append(args, in, filepath.Join(dir, "page"))...).CombinedOutput()
	if err != nil {
		t.Fatalf("pdftoppm: %v: %s", err, out)
	}
	b, err := os.ReadFile(filepath.Join(dir, "page.png"))
	if err != nil {
		t.Fatal(err)
	}
	return pixels(t, b)
}

// glyphGrid is a map of one person per character of text (spaces and repeats left out),
// each named by that one character, their points on a grid of cells wide apart: every
// label goes right of its point, within its cell, whatever its width.
func glyphGrid(text string) (*analysis.Result, []rune) {
	var runes []rune
	for _, r := range text {
		if r != ' ' && !slices.Contains(runes, r) {
			runes = append(runes, r)
		}
	}
	r := &analysis.Result{Ego: analysis.Ego{ID: "ego", Name: "Ego"}, AsOf: time.Date(2026, 3, 14, 0, 0, 0, 0, time.UTC),
		HighInfluence: 0.99, SupporterFrom: 0.25, DetractorFrom: -0.25}
	if len(runes) > 7*gridCols {
		panic("glyphGrid: too many characters for the grid")
	}
	for i, c := range runes {
		r.People = append(r.People, analysis.Person{Rank: i + 1, ID: fmt.Sprintf("g%02d", i), Name: string(c),
			Category: "client", Status: gridStatus(i % gridCols), Influence: gridInfluence(i / gridCols), Reach: 0.5})
	}
	return r, runes
}

// The grid: gridCols columns from status −0.875 in steps of gridStepX, up to 7 rows from
// influence 0.95 down in steps of gridStepY: room for 56 characters.
const (
	gridCols  = 8
	gridStepX = 0.25
	gridStepY = 0.15
)

func gridStatus(col int) float64    { return -0.875 + gridStepX*float64(col) }
func gridInfluence(row int) float64 { return 0.95 - gridStepY*float64(row) }

// gridOptions labels every person of a grid of text.
func gridOptions(f chart.Fonts) chart.MapOptions {
	return chart.MapOptions{HighInfluence: 0.99, Labels: 100, Fonts: f}
}

// gridCells returns, for each person of r drawn with opt at dpi, the cell of its point in
// pixels: the square around it half a grid step to each side.
func gridCells(t *testing.T, r *analysis.Result, opt chart.MapOptions, dpi float64) []image.Rectangle {
	t.Helper()
	p, err := chart.StakeholderMap(r, opt)
	if err != nil {
		t.Fatal(err)
	}
	opt = opt.WithDefaults()
	dc := p.DataCanvas(vgdraw.NewCanvas(new(recorder.Canvas), opt.Width, opt.Height))
	x, y := p.Transforms(&dc)
	px := func(l vg.Length) int { return int(l.Dots(dpi)) }
	halfW, halfH := px(x(gridStepX/2)-x(0)), px(y(gridStepY/2)-y(0))
	var cells []image.Rectangle
	for _, q := range r.People {
		cx, cy := px(x(q.Status)), px(opt.Height-y(q.Influence))
		cells = append(cells, image.Rect(cx-halfW+1, cy-halfH+1, cx+halfW-1, cy+halfH-1))
	}
	return cells
}

// glyphRender draws a map of r with opt and returns its pixels and the cells of its
// people (gridCells).
type glyphRender func(t *testing.T, r *analysis.Result, opt chart.MapOptions) (*image.NRGBA, []image.Rectangle)

// mapPNGDPI is the resolution of chart.WriteMapPNG, as its documentation states.
const mapPNGDPI = 150

// pngRender is WriteMapPNG at 150 dpi.
func pngRender(t *testing.T, r *analysis.Result, opt chart.MapOptions) (*image.NRGBA, []image.Rectangle) {
	t.Helper()
	var buf bytes.Buffer
	if err := chart.WriteMapPNG(&buf, r, opt); err != nil {
		t.Fatal(err)
	}
	return pixels(t, buf.Bytes()), gridCells(t, r, opt, mapPNGDPI)
}

// pdfRender is WriteMapPDF, drawn by poppler at 100 dpi.
func pdfRender(t *testing.T, r *analysis.Result, opt chart.MapOptions) (*image.NRGBA, []image.Rectangle) {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteMapPDF(&buf, r, opt, PDFOptions{}); err != nil {
		t.Fatal(err)
	}
	return rasterise(t, buf.Bytes(), 100, image.Rectangle{}), gridCells(t, r, opt, 100)
}

// glyphChanges draws the glyph grid of text twice — each character as it is, then each
// as missingRune — and returns each character with the number of pixels of its cell that
// differ. A character the font lacks draws the missing glyph at the missing glyph's width,
// so its cell does not change at all: this tells a drawn name from tofu, or from nothing.
func glyphChanges(t *testing.T, text string, f chart.Fonts, render glyphRender) ([]rune, []int) {
	t.Helper()
	r, runes := glyphGrid(text)
	missing, _ := glyphGrid(text)
	for i := range missing.People {
		missing.People[i].Name = string(missingRune)
	}
	opt := gridOptions(f)
	img, cells := render(t, r, opt)
	img0, cells0 := render(t, missing, opt)
	if !slices.Equal(cells, cells0) {
		t.Fatalf("the grid moved between the two maps: %v, %v", cells, cells0)
	}
	changed := make([]int, len(runes))
	for i, c := range cells {
		if !c.In(img.Bounds()) {
			t.Fatalf("cell %v is outside the image %v", c, img.Bounds())
		}
		changed[i] = diffPixels(img, img0, c)
	}
	return runes, changed
}

// checkDrawn proves that every character of text is drawn as a glyph of its own: at
// least minPixels pixels of its cell change when it becomes missingRune.
func checkDrawn(t *testing.T, what, text string, f chart.Fonts, minPixels int, render glyphRender) {
	t.Helper()
	runes, changed := glyphChanges(t, text, f, render)
	for i, r := range runes {
		if changed[i] < minPixels {
			t.Errorf("%s: %q (U+%04X) is not drawn: %d pixels change when it goes missing, want %d or more", what, r, r, changed[i], minPixels)
		}
	}
}

// PNG: every character of every Latin, Greek and Cyrillic name is drawn with the bundled
// font, and of every CJK name with a CJK font of the user's; with the user's CJK font the
// Latin, Greek and Cyrillic names are drawn too, the font's gaps filled by Liberation Sans
// (Droid Sans Fallback has no Latin letter at all), and so is the map's own English text.
func TestScriptsPNGGlyphs(t *testing.T) {
	latin := strings.Join(latinGreekCyrillic, "")
	checkDrawn(t, "PNG, Liberation Sans", latin, chart.Fonts{}, 10, pngRender)
	droid := userFont(t, droidFont, droidDebPk)
	nanum := userFont(t, nanumFont, nanumDebPk)
	// A CJK character has many strokes: it changes far more pixels than a Latin letter.
	checkDrawn(t, "PNG, Droid Sans Fallback", "王小明佐藤花子", droid, 60, pngRender)
	checkDrawn(t, "PNG, NanumGothic", strings.Join(cjkNames, ""), nanum, 60, pngRender)
	checkDrawn(t, "PNG, Droid Sans Fallback", latin, droid, 10, pngRender)
	checkDrawn(t, "PNG, NanumGothic", latin, nanum, 10, pngRender)

	// The header — title, subtitle, legend — is as inked in the user's font as in
	// Liberation Sans: its English is drawn, not left out.
	r := oneLabel("Ego", "Ada")
	plain, _ := pngRender(t, r, smallMap)
	opt := smallMap
	opt.Fonts = droid
	user, _ := pngRender(t, r, opt)
	header := image.Rect(0, 0, plain.Bounds().Dx(), plain.Bounds().Dy()/6)
	if p, u := inked(plain, header), inked(user, header); u < p*8/10 {
		t.Errorf("the map's header has %d inked pixels in Droid Sans Fallback, %d in Liberation Sans: its text is not drawn", u, p)
	}
}

// PDF, drawn by poppler: every character of every name is drawn, as in PNG: in the map
// (WriteMapPDF) and in the report's own text (WritePDF).
func TestScriptsPDFGlyphs(t *testing.T) {
	popplerTool(t, "pdftoppm")
	latin := strings.Join(latinGreekCyrillic, "")
	checkDrawn(t, "map PDF, Liberation Sans", latin, chart.Fonts{}, 6, pdfRender)
	droid := userFont(t, droidFont, droidDebPk)
	nanum := userFont(t, nanumFont, nanumDebPk)
	checkDrawn(t, "map PDF, Droid Sans Fallback", "王小明佐藤花子", droid, 30, pdfRender)
	checkDrawn(t, "map PDF, NanumGothic", strings.Join(cjkNames, ""), nanum, 30, pdfRender)
	checkDrawn(t, "map PDF, Droid Sans Fallback", latin, droid, 6, pdfRender)
	checkDrawn(t, "map PDF, NanumGothic", latin, nanum, 6, pdfRender)

	// The report's own text — title, summary, tables, footer — goes through its own
	// writer, which shares text between the fonts as the map does: the title, which names
	// the ego, shows every character. (The maps above prove each font's characters; here
	// a few of each kind, since every character costs a report.)
	for _, tc := range []struct {
		font  string
		fonts chart.Fonts
		text  string
	}{
		{"Liberation Sans", chart.Fonts{}, "Żółć Νί Ан"},
		{"Droid Sans Fallback", droid, "Żółć 王小"}, // Latin in Liberation Sans, CJK in Droid
		{"NanumGothic", nanum, "Å 김민"},
	} {
		title := func(ego string) *image.NRGBA {
			r := oneLabel(ego, "Ada")
			var buf bytes.Buffer
			if err := WritePDF(&buf, reports.NewReport(r, nil, reports.Meta{}), r, chart.MapOptions{HighInfluence: 0.6}, PDFOptions{Fonts: tc.fonts}); err != nil {
				t.Fatal(err)
			}
			return rasterise(t, buf.Bytes(), 100, image.Rect(0, 0, 827, 120)) // A4's width, the title's line
		}
		base := title(tc.text)
		runes := []rune(tc.text)
		for i, c := range runes {
			if c == ' ' {
				continue
			}
			other := slices.Clone(runes)
			other[i] = missingRune
			if n := diffPixels(base, title(string(other)), base.Bounds()); n < 6 {
				t.Errorf("report.pdf, %s: %q of the title %q is not drawn (%d pixels change when it goes missing)", tc.font, c, tc.text, n)
			}
		}
	}
}

// inked counts the pixels of img within r that are not white.
func inked(img *image.NRGBA, r image.Rectangle) int {
	n := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if c := img.NRGBAAt(x, y); c.R < 0xf0 || c.G < 0xf0 || c.B < 0xf0 {
				n++
			}
		}
	}
	return n
}

// oneLabel is a map of one person, named name: its only label.
func oneLabel(ego, name string) *analysis.Result {
	return &analysis.Result{
		Ego: analysis.Ego{ID: "ego", Name: ego}, AsOf: time.Date(2026, 3, 14, 0, 0, 0, 0, time.UTC),
		HighInfluence: 0.6, SupporterFrom: 0.25, DetractorFrom: -0.25,
		People: []analysis.Person{{Rank: 1, ID: "p1", Name: name, Category: "client", Status: 0.6, Influence: 0.5,
			Reach: 0.5, Zone: "ally", Importance: 1, Tie: 1, StatusLabel: "supporter", Tier: "friend"}},
	}
}

// smallMap is the size of the maps of oneLabel: 600 × 450 pixels in PNG.
var smallMap = chart.MapOptions{HighInfluence: 0.6, Width: 4 * vg.Inch, Height: 3 * vg.Inch}

// Without a CJK font, as docs/reports.md says, CJK characters are not drawn: in PNG a
// CJK name leaves only its label's blank white box — no glyph, no outline — and in PDF
// it is drawn as empty boxes (tofu), the font's missing glyph. The PDF's text layer still
// holds the name, so pdftotext and a viewer's search find it: the text layer proves
// nothing about the glyphs.
func TestScriptsWithoutCJKFont(t *testing.T) {
	popplerTool(t, "pdftoppm")
	cjk := strings.Join(cjkNames, "")
	for format, render := range map[string]glyphRender{"PNG": pngRender, "PDF": pdfRender} {
		runes, changed := glyphChanges(t, cjk, chart.Fonts{}, render)
		for i, r := range runes {
			if changed[i] != 0 {
				t.Errorf("%s: Liberation Sans draws %q (%d pixels): update docs/reports.md and this test", format, r, changed[i])
			}
		}
	}

	// What a CJK label looks like: against the same map unlabelled, below the header.
	name := "王小明 佐藤花子 김민준"
	noLabel := smallMap
	noLabel.Labels = -1
	blank, _ := pngRender(t, oneLabel("Ego", "Ada"), noLabel)
	labelled, _ := pngRender(t, oneLabel("Ego", name), smallMap)
	data := image.Rect(0, blank.Bounds().Dy()/4, blank.Bounds().Dx(), blank.Bounds().Dy())
	if d := diffPixels(blank, labelled, data); d == 0 {
		t.Error("PNG: the CJK label has no box")
	}
	// The box is translucent white paper: it lightens what it covers, and nothing darkens.
	for y := data.Min.Y; y < data.Max.Y; y++ {
		for x := data.Min.X; x < data.Max.X; x++ {
			if c, b := labelled.NRGBAAt(x, y), blank.NRGBAAt(x, y); c.R < b.R || c.G < b.G || c.B < b.B {
				t.Fatalf("PNG: the CJK label draws a mark at (%d, %d): %v over %v, not blank paper", x, y, c, b)
			}
		}
	}
	var pdf0, pdf1 bytes.Buffer
	if err := WriteMapPDF(&pdf0, oneLabel("Ego", "Ada"), noLabel, PDFOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := WriteMapPDF(&pdf1, oneLabel("Ego", name), smallMap, PDFOptions{}); err != nil {
		t.Fatal(err)
	}
	blank = rasterise(t, pdf0.Bytes(), 100, image.Rectangle{})
	labelled = rasterise(t, pdf1.Bytes(), 100, image.Rectangle{})
	data = image.Rect(0, blank.Bounds().Dy()/4, blank.Bounds().Dx(), blank.Bounds().Dy())
	if d := diffPixels(blank, labelled, data); d < 100 {
		t.Errorf("PDF: the CJK label marks only %d pixels; want its boxes", d)
	}
	if text := extractText(t, pdf1.Bytes(), 0, 0); !strings.Contains(text, name) {
		t.Errorf("PDF: the text layer lacks %q", name)
	}
}

// With a user's font the report shares each text between it and Liberation Sans, and
// measures it as wide as it draws it: Liberation Sans's runs, measured without making that
// font current, are as wide as fpdf finds them with it current.
func TestPDFFallbackRunsAndWidths(t *testing.T) {
	droid := userFont(t, droidFont, droidDebPk)
	d, err := newPDFDoc(fpdf.SizeType{Wd: 200, Ht: 200}, &analysis.Result{}, chart.MapOptions{}, PDFOptions{Fonts: droid})
	if err != nil {
		t.Fatal(err)
	}
	d.f.AddPage()
	if got := d.runs(familyUser, false, "Łukasz Żółć 王小明"); !slices.Equal(got, []chart.TextRun{{Text: "Łukasz", Liberation: true}, {Text: " ", Liberation: false}, {Text: "Żółć", Liberation: true}, {Text: " 王小明", Liberation: false}}) {
		t.Errorf("runs: %+v", got)
	}
	if got := d.runs(familyLiberation, false, "Zoë 王小明"); !slices.Equal(got, []chart.TextRun{{Text: "Zoë 王小明", Liberation: true}}) {
		t.Errorf("Liberation Sans's text is split: %+v", got)
	}
	for _, bold := range []bool{false, true} {
		for _, s := range []string{"Łukasz Żółć 王小明", "王小明", "Stakeholder map", "Νίκος · Анна ≥ 0.6 — page 1 of 3", "", "\ue000"} {
			d.setFont(familyUser, bold, 10)
			got := d.width(s, familyUser, bold, 10)
			want := 0.0
			for _, r := range d.runs(familyUser, bold, s) {
				family := familyUser
				if r.Liberation {
					family = familyLiberation
				}
				d.setFont(family, bold, 10)
				want += d.f.GetStringWidth(r.Text)
			}
			if math.Abs(got-want) > 1e-9 {
				t.Errorf("bold %v: %q measures %v, fpdf draws it %v wide", bold, s, got, want)
			}
		}
	}
	if err := d.f.Error(); err != nil {
		t.Fatal(err)
	}
}
