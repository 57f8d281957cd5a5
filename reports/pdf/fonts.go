package pdf

import (
	"fmt"
	"strings"
	"unicode"

	"golang.org/x/image/font/sfnt"

	"github.com/relmap/relmap/reports/chart"
)

// Font families of a pdfDoc: Liberation Sans, and the user's font when given.
const (
	familyLiberation = "liberation"
	familyUser       = "user"
)

// fallbacks checks that the user's fonts can be embedded and returns what each, regular and
// bold, lacks that Liberation Sans has; none for the zero Fonts.
func fallbacks(fonts chart.Fonts) ([2]*chart.Fallback, error) {
	var fb [2]*chart.Fallback
	if fonts.Given() {
		var regular *sfnt.Font
		for i, b := range [][]byte{fonts.Regular, fonts.Bold} {
			if len(b) == 0 { // no bold: the regular font draws bold text too
				fb[i] = chart.NewFallback(regular, true)
				continue
			}
			if err := chart.CheckFontFile(b, true); err != nil {
				return fb, fmt.Errorf("font: %w", err)
			}
			sf, err := sfnt.Parse(b)
			if err != nil {
				return fb, fmt.Errorf("font: %w", err)
			}
			if i == 0 {
				regular = sf
			}
			fb[i] = chart.NewFallback(sf, i == 1)
		}
	}
	return fb, nil
}

// runs splits s, to be written in family, between the user's font and Liberation Sans
// (see chart.Fallback); s is one run in Liberation Sans, or when the user's font has every
// character of it.
func (d *pdfDoc) runs(family string, bold bool, s string) []chart.TextRun {
	fb := d.fallback[0]
	if bold {
		fb = d.fallback[1]
	}
	if family != familyUser || fb == nil {
		return []chart.TextRun{{Text: s, Liberation: family == familyLiberation}}
	}
	return fb.Runs(s)
}

// text writes s with its baseline starting at x, y in family at size points, regular or
// bold, which must be the current font; with a user's font, the characters it lacks in
// Liberation Sans. The current font is the same afterwards.
func (d *pdfDoc) text(x, y float64, s, family string, bold bool, size float64) {
	runs := d.runs(family, bold, s)
	if len(runs) == 1 && (family == familyLiberation) == runs[0].Liberation {
		d.f.Text(x, y, s)
		return
	}
	for _, r := range runs {
		fam := family
		if r.Liberation {
			fam = familyLiberation
		}
		d.setFont(fam, bold, size)
		d.f.Text(x, y, r.Text)
		x += d.f.GetStringWidth(r.Text)
	}
	d.setFont(family, bold, size)
}

// width is the width of s as text writes it, family at size points being the current
// font. Liberation Sans's runs are measured without making it current, so that measuring
// writes nothing to the page.
func (d *pdfDoc) width(s, family string, bold bool, size float64) float64 {
	runs := d.runs(family, bold, s)
	if len(runs) == 1 && (family == familyLiberation) == runs[0].Liberation {
		return d.f.GetStringWidth(s)
	}
	fb := d.fallback[0]
	if bold {
		fb = d.fallback[1]
	}
	w := 0.0
	for _, r := range runs {
		if !r.Liberation {
			w += d.f.GetStringWidth(r.Text)
			continue
		}
		n := 0
		for _, c := range r.Text {
			n += fb.LiberationWidth(c)
		}
		w += float64(n) * size / 1000
	}
	return w
}

// bodyFamily is the family of the report's own text: the user's font when given.
func (d *pdfDoc) bodyFamily() string {
	if d.fonts.Given() {
		return familyUser
	}
	return familyLiberation
}

// setFont selects family at size points, regular or bold, adding the font file to the
// document on first use.
func (d *pdfDoc) setFont(family string, bold bool, size float64) {
	style := ""
	if bold {
		style = "B"
	}
	if key := family + style; !d.loaded[key] {
		data := chart.Fonts{}.File(bold)
		if family == familyUser {
			data = d.fonts.File(bold)
		}
		d.f.AddUTF8FontFromBytes(family, style, data)
		d.loaded[key] = true
	}
	d.f.SetFont(family, style, size)
}

// pdfText makes s safe for fpdf's UTF-8 text: control characters become spaces, and
// characters outside the Basic Multilingual Plane (emoji, rare CJK), which fpdf's
// two-byte encoding cannot carry, become U+FFFD, so that a name made of them is not lost
// without a trace.
func pdfText(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return r > 0xffff || unicode.IsControl(r) }) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r > 0xffff:
			b.WriteRune('\uFFFD')
		case unicode.IsControl(r):
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}
