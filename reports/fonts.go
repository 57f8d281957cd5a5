package reports

import (
	"encoding/binary"
	"errors"
	"fmt"

	"codeberg.org/go-fonts/liberation/liberationsansbold"
	"codeberg.org/go-fonts/liberation/liberationsansregular"
	xfont "golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"gonum.org/v1/plot/font"
)

// Fonts is an optional typeface of the user's own for the text of PNG and PDF output, in
// place of the bundled Liberation Sans. Liberation Sans covers Latin (with its
// diacritics), Greek and Cyrillic; names in other scripts — Chinese, Japanese and Korean
// above all — render as empty boxes in PNG and PDF unless the user names a font that has
// them (the config's font), for example Noto Sans CJK or Source Han Sans as a TrueType
// file. SVG and HTML are unaffected: they name their fonts and the viewer finds the
// glyphs.
//
// Regular and Bold hold the bytes of a font file. PNG takes TrueType (.ttf) or OpenType
// (.otf); PDF embeds TrueType outlines only (.ttf, or an .otf with TrueType outlines), as
// fpdf does, and says so in an error otherwise. A font collection (.ttc) is refused: give
// one font of it. Bold may be empty, then Regular draws the bold text too. The zero Fonts
// means Liberation Sans throughout.
type Fonts struct {
	Regular, Bold []byte
}

// given reports whether f names a font of the user's own.
func (f Fonts) given() bool { return len(f.Regular) > 0 }

// bytesFor returns the font file that draws regular or bold text: the user's when given,
// else Liberation Sans.
func (f Fonts) bytesFor(bold bool) []byte {
	switch {
	case !f.given() && bold:
		return liberationsansbold.TTF
	case !f.given():
		return liberationsansregular.TTF
	case bold && len(f.Bold) > 0:
		return f.Bold
	}
	return f.Regular
}

// userTypeface is the gonum/plot typeface of a user font, which the PDF canvas recognises
// and draws with the same font (see pdfCanvas.FillString).
const userTypeface font.Typeface = "relmap-user"

// plotFaces are a user font parsed for gonum/plot, regular and bold.
type plotFaces struct {
	regular, bold *opentype.Font
}

// plotFaces parses f for gonum/plot (PNG, and measuring text for PDF). It returns nil
// faces for the zero Fonts.
func (f Fonts) plotFaces() (*plotFaces, error) {
	if !f.given() {
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
		if err := checkFontFile(v.data, false); err != nil {
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
	return &pf, nil
}

// swap returns k drawing with the user's font at k's size and weight.
func (pf *plotFaces) swap(k ink) ink {
	if pf == nil {
		return k
	}
	fnt := k.face.Font
	ft := pf.regular
	if fnt.Weight >= xfont.WeightBold {
		ft = pf.bold
	}
	k.face = font.Face{
		Font: font.Font{Typeface: userTypeface, Weight: fnt.Weight, Size: fnt.Size},
		Face: ft,
	}
	return k
}

// useFonts makes the map's names, header and zone texts draw with the user's font, when
// one is given. Axis labels and ticks keep Liberation Sans: they are ASCII.
func (m *mapLayout) useFonts(f Fonts) error {
	pf, err := f.plotFaces()
	if err != nil || pf == nil {
		return err
	}
	for _, k := range []*ink{&m.zoneInk, &m.noteInk, &m.labelInk, &m.titleInk, &m.subtitleInk, &m.legendInk} {
		*k = pf.swap(*k)
	}
	return nil
}

// checkFontFile reports why data cannot be used as a font: for PNG any single TrueType
// or OpenType font, for PDF (forPDF) TrueType outlines only. It reads the table
// directory itself so that fpdf, which prints to stdout and may panic on a file it
// cannot read, only ever sees a well-formed TrueType file.
func checkFontFile(data []byte, forPDF bool) error {
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
