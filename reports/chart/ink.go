package chart

import (
	"fmt"
	"image/color"
	"math"
	"strings"
	"unicode"

	xfont "golang.org/x/image/font"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/relmap/relmap/reports"
)

// The plots' greys and inks.
var (
	axisGrey     = color.NRGBA{0x55, 0x55, 0x55, 0xff}
	zoneNameGrey = color.NRGBA{0xb4, 0xb4, 0xb4, 0xff} // light, not translucent: vgsvg drops a text colour's alpha
	zoneLineGrey = color.NRGBA{0x88, 0x88, 0x88, 0xff}
	neutralShade = color.NRGBA{0xf1, 0xf1, 0xf1, 0xff}
	unknownShade = color.NRGBA{0xe8, 0xee, 0xf4, 0xff}
	labelInk     = color.NRGBA{0x1a, 0x1a, 0x1a, 0xff}
	labelPaper   = color.NRGBA{0xff, 0xff, 0xff, 0xc8}
	subtitleInk  = color.NRGBA{0x44, 0x44, 0x44, 0xff}
)

// sansFont returns Liberation Sans, which gonum/plot bundles and which covers Latin,
// Greek and Cyrillic.
func sansFont(size vg.Length, bold bool) font.Font {
	f := font.Font{Typeface: "Liberation", Variant: "Sans", Size: size}
	if bold {
		f.Weight = xfont.WeightBold
	}
	return f
}

// ink is a font at a size in a colour. Text is measured and drawn with the face directly,
// baseline first, so that the boxes the labels are placed by are exactly the boxes drawn.
// With a user's font (Fonts), back is Liberation Sans at the same size and weight, which
// draws the characters the user's font lacks, as Fallback says.
type ink struct {
	face     font.Face
	color    color.Color
	back     *font.Face
	fallback *Fallback
}

// newInk returns Liberation Sans at size points, bold or regular, in colour c.
func newInk(size vg.Length, bold bool, c color.Color) ink {
	f := sansFont(size, bold)
	return ink{face: font.DefaultCache.Lookup(f, size), color: c}
}

// runs splits s between k's font and its fallback, each run with the face that draws it.
func (k ink) runs(s string) []faceRun {
	if k.back == nil {
		return []faceRun{{k.face, s}}
	}
	var out []faceRun
	for _, r := range k.fallback.Runs(s) {
		f := k.face
		if r.Liberation {
			f = *k.back
		}
		out = append(out, faceRun{f, r.Text})
	}
	return out
}

// faceRun is a piece of text and the face that draws it.
type faceRun struct {
	face font.Face
	text string
}

// width is the width of s in k.
func (k ink) width(s string) vg.Length {
	var w vg.Length
	for _, r := range k.runs(s) {
		w += r.face.Width(r.text)
	}
	return w
}

// ascent and descent are how far k's text reaches above and below its baseline: with a
// fallback, the more of the two fonts.
func (k ink) ascent() vg.Length {
	a := k.face.Extents().Ascent
	if k.back != nil {
		a = max(a, k.back.Extents().Ascent)
	}
	return a
}

func (k ink) descent() vg.Length {
	d := k.face.Extents().Descent
	if k.back != nil {
		d = max(d, k.back.Extents().Descent)
	}
	return d
}

// draw writes s with its baseline starting at pt.
func (k ink) draw(c draw.Canvas, pt vg.Point, s string) {
	c.SetColor(k.color)
	for _, r := range k.runs(s) {
		c.FillString(r.face, pt, r.text)
		pt.X += r.face.Width(r.text)
	}
}

// labelText makes s safe to draw on one line: control characters become spaces, and a name
// over MaxShownName characters is cut.
func labelText(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, reports.Shown(s))
	return strings.TrimSpace(s)
}

// countNoun writes n with the singular or plural noun.
func countNoun(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// trimFloat writes x with at most two decimals and no trailing zeros.
func trimFloat(x float64) string {
	s := fmt.Sprintf("%.2f", x)
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, ".")
}

// clamp returns x limited to [lo, hi].
func clamp(x, lo, hi float64) float64 { return math.Max(lo, math.Min(hi, x)) }
