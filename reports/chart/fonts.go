package chart

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"sync"
	"unicode"

	"codeberg.org/go-fonts/liberation/liberationsansbold"
	"codeberg.org/go-fonts/liberation/liberationsansregular"
	xfont "golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
	"gonum.org/v1/plot/font"
)

// Fonts is an optional typeface of the user's own for the text of PNG and PDF output, in
// place of the bundled Liberation Sans. Liberation Sans covers Latin (with its
// diacritics), Greek and Cyrillic; names in other scripts — Chinese, Japanese and Korean
// above all — are left blank in PNG and drawn as empty boxes in PDF unless the user names
// a font that has them (the config's font; Undrawable tells which characters lack one),
// for example Droid Sans Fallback (Chinese and Japanese, no Korean) or NanumGothic
// (Korean, kana and the Chinese characters Korean uses) as a TrueType file. SVG and HTML
// are unaffected: they name their fonts and the viewer finds the glyphs.
//
// The user's font draws every character it has; a character it lacks is drawn in
// Liberation Sans when that has it (see Fallback), so a CJK font without Latin letters,
// such as Droid Sans Fallback, still writes the English text and the Latin, Greek and
// Cyrillic names.
//
// Regular and Bold hold the bytes of a font file. PNG takes TrueType (.ttf) or OpenType
// (.otf); PDF embeds TrueType outlines only (.ttf, or an .otf with TrueType outlines), as
// fpdf does, and says so in an error otherwise. A font collection (.ttc) is refused: give
// one font of it. Bold may be empty, then Regular draws the bold text too. The zero Fonts
// means Liberation Sans throughout.
type Fonts struct {
	Regular, Bold []byte
}

// Undrawable returns the characters of texts that PNG and PDF output cannot draw with f:
// neither the user's font (when given) nor Liberation Sans has a glyph for them, so that
// PNG leaves them blank and PDF draws empty boxes (the text layer still holds them). Each
// is listed once, in order of first appearance; white space and control characters are
// left out. A run can warn with them that names need a font (the config's fonts).
func (f Fonts) Undrawable(texts ...string) ([]rune, error) {
	lib := newGlyphSet(liberationSFNT()[0])
	var user *glyphSet
	if f.Given() {
		if err := CheckFontFile(f.Regular, false); err != nil {
			return nil, fmt.Errorf("regular font: %w", err)
		}
		sf, err := sfnt.Parse(f.Regular)
		if err != nil {
			return nil, fmt.Errorf("regular font: %w", err)
		}
		user = newGlyphSet(sf)
	}
	var out []rune
	seen := map[rune]bool{}
	for _, s := range texts {
		for _, r := range s {
			if seen[r] || unicode.IsSpace(r) || unicode.IsControl(r) {
				continue
			}
			seen[r] = true
			if !lib.has(r) && (user == nil || !user.has(r)) {
				out = append(out, r)
			}
		}
	}
	return out, nil
}

// Given reports whether f names a font of the user's own.
func (f Fonts) Given() bool { return len(f.Regular) > 0 }

// File returns the font file that draws regular or bold text: the user's when given, else
// Liberation Sans. reports/pdf embeds it.
func (f Fonts) File(bold bool) []byte {
	switch {
	case !f.Given() && bold:
		return liberationsansbold.TTF
	case !f.Given():
		return liberationsansregular.TTF
	case bold && len(f.Bold) > 0:
		return f.Bold
	}
	return f.Regular
}

// UserTypeface is the gonum/plot typeface of a user font, which reports/pdf's canvas
// recognises and draws with the same font.
const UserTypeface font.Typeface = "relmap-user"

// plotFaces are a user font parsed for gonum/plot, regular and bold, with what each lacks
// that Liberation Sans has.
type plotFaces struct {
	regular, bold *opentype.Font
	fallback      [2]*Fallback // regular, bold
}

// plotFaces parses f for gonum/plot (PNG, and measuring text for PDF). It returns nil
// faces for the zero Fonts.
func (f Fonts) plotFaces() (*plotFaces, error) {
	if !f.Given() {
		return nil, nil
	}
	var pf plotFaces
	for _, v := range []struct {
		name string
		data []byte
		dst  **opentype.Font
	}{{"regular", f.Regular, &pf.regular}, {"bold", f.Bold, &pf.bold}} {
		if len(v.data) == 0 {
			continue
		}
		if err := CheckFontFile(v.data, false); err != nil {
			return nil, fmt.Errorf("%s font: %w", v.name, err)
		}
		ft, err := opentype.Parse(v.data)
		if err != nil {
			return nil, fmt.Errorf("%s font: %w", v.name, err)
		}
		*v.dst = ft
	}
	if pf.bold == nil {
		pf.bold = pf.regular
	}
	pf.fallback = [2]*Fallback{NewFallback(pf.regular, false), NewFallback(pf.bold, true)}
	return &pf, nil
}

// swap returns k drawing with the user's font at k's size and weight.
func (pf *plotFaces) swap(k ink) ink {
	if pf == nil {
		return k
	}
	fnt := k.face.Font
	ft, fb := pf.regular, pf.fallback[0]
	if fnt.Weight >= xfont.WeightBold {
		ft, fb = pf.bold, pf.fallback[1]
	}
	back := k.face // Liberation Sans at the same size and weight
	k.back, k.fallback = &back, fb
	k.face = font.Face{
		Font: font.Font{Typeface: UserTypeface, Weight: fnt.Weight, Size: fnt.Size},
		Face: ft,
	}
	return k
}

// liberationSFNT is Liberation Sans parsed, regular and bold, for telling which characters
// it has.
var liberationSFNT = sync.OnceValue(func() [2]*sfnt.Font {
	var out [2]*sfnt.Font
	for i, b := range [][]byte{liberationsansregular.TTF, liberationsansbold.TTF} {
		f, err := sfnt.Parse(b)
		if err != nil {
			panic(fmt.Sprintf("reports: the bundled Liberation Sans does not parse: %v", err))
		}
		out[i] = f
	}
	return out
})

// glyphSet tells which characters a font has a glyph for, and how wide they are,
// remembering the answers. It is not safe for concurrent use.
type glyphSet struct {
	font   *sfnt.Font
	buf    sfnt.Buffer
	known  map[rune]bool
	widths map[rune]int
}

func newGlyphSet(f *sfnt.Font) *glyphSet {
	return &glyphSet{font: f, known: map[rune]bool{}, widths: map[rune]int{}}
}

// width1000 is the advance of r in thousandths of an em, rounded as fpdf rounds the widths
// of a font it embeds, so that text measured with it lines up with text fpdf measures; 0
// for a character the font lacks.
func (g *glyphSet) width1000(r rune) int {
	if w, ok := g.widths[r]; ok {
		return w
	}
	w := 0
	if i, err := g.font.GlyphIndex(&g.buf, r); err == nil && i != 0 {
		// At a size of one font unit per em the advance comes in font units.
		upem := g.font.UnitsPerEm()
		if adv, err := g.font.GlyphAdvance(&g.buf, i, fixed.Int26_6(upem), xfont.HintingNone); err == nil {
			w = int(math.Round(1000 / float64(upem) * float64(adv)))
		}
	}
	g.widths[r] = w
	return w
}

// has reports whether the font maps r to a glyph other than its "missing" glyph.
func (g *glyphSet) has(r rune) bool {
	if v, ok := g.known[r]; ok {
		return v
	}
	i, err := g.font.GlyphIndex(&g.buf, r)
	v := err == nil && i != 0
	g.known[r] = v
	return v
}

// Fallback shares text between the user's font and Liberation Sans: a character goes to
// the user's font when it has a glyph for it, else to Liberation Sans when that has one,
// else to the user's font (which draws its "missing" glyph). The user's font keeps every
// character it can draw, so its look wins; Liberation Sans only fills its gaps. The plots
// draw their text with it, and reports/pdf the report's own. It is not safe for concurrent
// use.
type Fallback struct {
	user, liberation *glyphSet
}

// NewFallback returns the fallback of the user's font f, regular or bold, to Liberation
// Sans of the same weight.
func NewFallback(f *sfnt.Font, bold bool) *Fallback {
	lib := liberationSFNT()[0]
	if bold {
		lib = liberationSFNT()[1]
	}
	return &Fallback{user: newGlyphSet(f), liberation: newGlyphSet(lib)}
}

// TextRun is a piece of text drawn in one font: Liberation Sans, or the user's font.
type TextRun struct {
	Text       string
	Liberation bool
}

// Runs splits s into runs of one font each, in order; s is one run when the user's font
// has (or Liberation Sans lacks) every character of it.
func (fb *Fallback) Runs(s string) []TextRun {
	var out []TextRun
	start, lib := 0, false
	for i, r := range s {
		l := !fb.user.has(r) && fb.liberation.has(r)
		if i > start && l != lib {
			out = append(out, TextRun{s[start:i], lib})
			start = i
		}
		lib = l
	}
	if start < len(s) || len(out) == 0 {
		out = append(out, TextRun{s[start:], lib})
	}
	return out
}

// LiberationWidth is the advance of r in Liberation Sans (of the fallback's weight), in
// thousandths of an em, rounded as fpdf rounds the widths of a font it embeds; 0 for a
// character Liberation Sans lacks.
func (fb *Fallback) LiberationWidth(r rune) int { return fb.liberation.width1000(r) }

// CheckFontFile reports why data cannot be used as a font: for PNG any single TrueType
// or OpenType font, for PDF (forPDF) TrueType outlines only. It reads the table
// directory itself so that fpdf, which prints to stdout and may panic on a file it
// cannot read, only ever sees a well-formed TrueType file.
func CheckFontFile(data []byte, forPDF bool) error {
	if len(data) < 12 {
		return errors.New("not a font file: too short")
	}
	switch tag := binary.BigEndian.Uint32(data); tag {
	case 0x00010000, 0x74727565: // TrueType, "true" (Apple)
	case 0x4f54544f: // "OTTO": PostScript (CFF) outlines
		if forPDF {
			return errors.New("an OpenType font with PostScript (CFF) outlines cannot be embedded in PDF; give a TrueType (.ttf) font")
		}
		return nil
	case 0x74746366: // "ttcf"
		return errors.New("a font collection (.ttc) is not supported; give one font of it as a .ttf or .otf file")
	default:
		return fmt.Errorf("not a TrueType or OpenType font (tag %#08x)", tag)
	}
	n := int(binary.BigEndian.Uint16(data[4:]))
	if len(data) < 12+16*n {
		return errors.New("not a font file: truncated table directory")
	}
	tables := map[string]bool{}
	for i := range n {
		rec := data[12+16*i:]
		off, size := binary.BigEndian.Uint32(rec[8:]), binary.BigEndian.Uint32(rec[12:])
		if uint64(off)+uint64(size) > uint64(len(data)) {
			return fmt.Errorf("not a font file: table %q runs past the end", rec[:4])
		}
		tables[string(rec[:4])] = true
	}
	if forPDF {
		for _, t := range []string{"head", "hhea", "hmtx", "maxp", "cmap", "loca", "glyf", "post", "name"} {
			if !tables[t] {
				return fmt.Errorf("the font has no %q table, which PDF embedding needs", t)
			}
		}
	}
	return nil
}
