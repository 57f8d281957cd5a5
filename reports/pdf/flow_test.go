package pdf

import (
	"strings"
	"testing"

	"codeberg.org/go-pdf/fpdf"

	"github.com/relmap/relmap/reports/chart"
	"github.com/relmap/relmap/reports/internal/reporttest"
)

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
	d, err := newPDFDoc(fpdf.SizeType{Wd: a4Width, Ht: a4Height}, reporttest.SmallResult(), chart.MapOptions{}.WithDefaults(), PDFOptions{})
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

func BenchmarkWrapTextLongWord(b *testing.B) {
	p := newTestFlow(b)
	word := strings.Repeat("X", 1_000_000)
	for b.Loop() {
		p.wrapText(word, 120)
	}
}
