package reports

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	"codeberg.org/go-pdf/fpdf"
)

func TestShown(t *testing.T) {
	long := strings.Repeat("é", MaxShownName)
	for in, want := range map[string]string{
		"":               "",
		"Ana Ruiz":       "Ana Ruiz",
		long:             long,
		long + "x":       strings.Repeat("é", MaxShownName-1) + "…",
		long + long + "": strings.Repeat("é", MaxShownName-1) + "…",
	} {
		if got := shown(in); got != want {
			t.Errorf("shown(%d characters) = %d characters %q…, want %d", utf8.RuneCountInString(in), utf8.RuneCountInString(got), got[:min(len(got), 8)], utf8.RuneCountInString(want))
		}
	}
}

// wrapByRemeasure is wrapText's word breaking as it was: what is left of a long word
// measured again after every cut, quadratic in its length (issue 16, item 4: one name of a
// million characters took 3 min 52 s). wrapText must break words where it did.
func wrapByRemeasure(p *pdfFlow, word string, width float64) []string {
	var lines []string
	for p.textWidth(word) > width+fitSlack {
		cut, w := 0, 0.0
		for i, r := range word {
			w += p.textWidth(string(r))
			if w > width+fitSlack && i > 0 {
				break
			}
			cut = i + len(string(r))
		}
		if cut >= len(word) {
			break
		}
		lines = append(lines, word[:cut])
		word = word[cut:]
	}
	return append(lines, word)
}

func newTestFlow(t testing.TB) *pdfFlow {
	d, err := newPDFDoc(fpdf.SizeType{Wd: a4Width, Ht: a4Height}, smallResult(), MapOptions{}.withDefaults(), PDFOptions{})
	if err != nil {
		t.Fatal(err)
	}
	p := &pdfFlow{d: d}
	p.newPage()
	p.use(styCell)
	return p
}

func TestWrapTextLongWord(t *testing.T) {
	p := newTestFlow(t)
	word := strings.Repeat("Wéi妮x", 700)
	for _, width := range []float64{3, 40, 117.5, 480} {
		got := p.wrapText("a "+word, width)
		want := append([]string{"a"}, wrapByRemeasure(p, word, width)...)
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("width %v: %d lines, want %d", width, len(got), len(want))
		}
	}
}

// TestLongNamesCut writes a report and plots of a name of a million characters: every writer
// that lays text out shows MaxShownName characters of it, and the PDF is written at all.
func TestLongNamesCut(t *testing.T) {
	huge := strings.Repeat("X", 1_000_000)
	cut := strings.Repeat("X", MaxShownName-1) + "…"
	r := rankedResult()
	r.Ego.Name = huge
	r.People[0].Name, r.People[0].Company, r.People[0].Title = huge, huge, huge
	rep := NewReport(r, nil, Meta{})
	if rep.Title != "Relationship map of "+cut {
		t.Errorf("title of %d bytes, want the name cut", len(rep.Title))
	}
	for _, c := range rep.Sections[len(rep.Sections)-4].Rows[0][1:4] {
		if c.Text != cut {
			t.Errorf("cell of %d bytes, want the name cut", len(c.Text))
		}
	}
	var svg, page, pdf bytes.Buffer
	if err := WriteMapSVG(&svg, r, MapOptions{HighInfluence: 0.6}); err != nil {
		t.Fatal(err)
	}
	if err := WriteHTML(&page, rep, []Figure{{Title: "Stakeholder map", SVG: svg.Bytes()}}); err != nil {
		t.Fatal(err)
	}
	for name, b := range map[string][]byte{"svg": svg.Bytes(), "html": page.Bytes()} {
		if bytes.Contains(b, []byte(strings.Repeat("X", MaxShownName))) {
			t.Errorf("%s shows more than %d characters of a name", name, MaxShownName)
		}
		if !bytes.Contains(b, []byte(cut)) {
			t.Errorf("%s lacks the name cut", name)
		}
	}
	if err := WritePDF(&pdf, rep, r, MapOptions{HighInfluence: 0.6}, PDFOptions{}); err != nil {
		t.Fatal(err)
	}
}

func BenchmarkWrapTextLongWord(b *testing.B) {
	p := newTestFlow(b)
	word := strings.Repeat("X", 1_000_000)
	for b.Loop() {
		p.wrapText(word, 120)
	}
}
