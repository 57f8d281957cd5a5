package pdf

import (
	"fmt"
	"image/color"
	"math"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/relmap/relmap/analysis"
	"github.com/relmap/relmap/reports"
	"github.com/relmap/relmap/reports/chart"
)

// The report's page: A4 portrait, in points, and its margins.
const (
	a4Width      = 595.28
	a4Height     = 841.89
	marginX      = 51.0 // 18 mm
	marginTop    = 51.0
	marginBottom = 62.0
	footerBase   = a4Height - 34 // the footer's baseline
)

// textStyle is a font size, weight, colour and line height (leading), in points.
type textStyle struct {
	size  float64
	bold  bool
	color color.NRGBA
	lead  float64
}

// The report's inks and fills.
var (
	pdfInk     = color.NRGBA{0x1a, 0x1a, 0x1a, 0xff}
	pdfGrey    = color.NRGBA{0x55, 0x55, 0x55, 0xff}
	headerFill = color.NRGBA{0xe6, 0xe6, 0xe6, 0xff}
	zebraFill  = color.NRGBA{0xf5, 0xf5, 0xf5, 0xff}
	ruleGrey   = color.NRGBA{0xb4, 0xb4, 0xb4, 0xff}
)

// The report's text styles.
var (
	styTitle    = textStyle{20, true, pdfInk, 25}
	stySubtitle = textStyle{10, false, pdfGrey, 13}
	styH1       = textStyle{14, true, pdfInk, 18}
	styH2       = textStyle{11, true, pdfInk, 14}
	styBody     = textStyle{10, false, pdfInk, 13.5}
	styNote     = textStyle{8.5, false, pdfGrey, 11}
	styCell     = textStyle{8, false, pdfInk, 10}
	styHead     = textStyle{8, true, pdfInk, 10}
	styFoot     = textStyle{7.5, false, pdfGrey, 9}
)

// Table geometry: the padding inside a cell.
const (
	cellPadX = 3.0
	cellPadY = 2.5
)

// pdfFlow lays the report out top to bottom, starting a page when the next block does
// not fit.
type pdfFlow struct {
	d     *pdfDoc
	y     float64   // the top of the free space on the current page
	style textStyle // the current text style, set by use
}

func (p *pdfFlow) width() float64  { return a4Width - 2*marginX }
func (p *pdfFlow) bottom() float64 { return a4Height - marginBottom }

func (p *pdfFlow) newPage() {
	p.d.f.AddPage()
	p.y = marginTop
}

// need starts a page unless h points fit below p.y; a block taller than a page starts at
// the top of one.
func (p *pdfFlow) need(h float64) {
	if p.y+h > p.bottom() && p.y > marginTop {
		p.newPage()
	}
}

// use selects s for the text that follows.
func (p *pdfFlow) use(s textStyle) {
	p.style = s
	p.d.setFont(p.d.bodyFamily(), s.bold, s.size)
	p.d.f.SetTextColor(int(s.color.R), int(s.color.G), int(s.color.B))
}

// fill sets the colour of the rectangles that follow.
func (p *pdfFlow) fill(c color.NRGBA) { p.d.f.SetFillColor(int(c.R), int(c.G), int(c.B)) }

// baseline is where text in s sits in a line of s starting at top: centred on the line
// by the font's ascent and descent.
func (p *pdfFlow) baseline(s textStyle, top float64) float64 {
	style := ""
	if s.bold {
		style = "B"
	}
	desc := p.d.f.GetFontDesc(p.d.bodyFamily(), style)
	asc, des := float64(desc.Ascent)/1000, -float64(desc.Descent)/1000
	if asc <= 0 || des < 0 || asc+des > 2 {
		asc, des = 0.905, 0.212 // Liberation Sans
	}
	return top + (s.lead-(asc+des)*s.size)/2 + asc*s.size
}

// text writes s at x on the line of s starting at top, in the current style.
func (p *pdfFlow) text(s textStyle, x, top float64, str string) {
	p.d.text(x, p.baseline(s, top), str, p.d.bodyFamily(), s.bold, s.size)
}

// textWidth is the width of str in the current style.
func (p *pdfFlow) textWidth(str string) float64 {
	return p.d.width(str, p.d.bodyFamily(), p.style.bold, p.style.size)
}

// fitSlack is how far text may overrun a width and still fit it: column widths are sums
// of measured widths, and floating point does not always give them back exactly.
const fitSlack = 0.01

// wrapText breaks str into lines no wider than width in the current font, between words,
// and within a word only when the word alone is wider than width. It takes time in
// proportion to str's length: a line is measured only while it fits, and a long word is
// measured a rune at a time, once (measuring what is left of it after each cut made one
// name of a million characters take minutes).
func (p *pdfFlow) wrapText(str string, width float64) []string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(str) {
		if line != "" && p.textWidth(line+" "+word) <= width+fitSlack {
			line += " " + word
			continue
		}
		if line != "" {
			lines = append(lines, line)
			line = ""
		}
		if p.textWidth(word) > width+fitSlack {
			// Break the word after the last rune that fits, keeping at least one a line.
			start, w := 0, 0.0
			for i, r := range word {
				rw := p.textWidth(string(r))
				if w+rw > width+fitSlack && i > start {
					lines = append(lines, word[start:i])
					start, w = i, 0
				}
				w += rw
			}
			word = word[start:]
		}
		line = word
	}
	if line != "" || len(lines) == 0 {
		lines = append(lines, line)
	}
	return lines
}

// paragraph writes str in s, wrapped to the page width less indent; a bullet hangs in
// the indent of the first line.
func (p *pdfFlow) paragraph(str string, s textStyle, indent float64, bullet string) {
	p.use(s)
	for i, line := range p.wrapText(pdfText(str), p.width()-indent) {
		p.need(s.lead)
		if i == 0 && bullet != "" {
			p.text(s, marginX+indent-p.textWidth(bullet)-4, p.y, bullet)
		}
		p.text(s, marginX+indent, p.y, line)
		p.y += s.lead
	}
}

// heading writes a section's title in s with space above it, starting a page unless the
// title and keep more points fit, and marks it in the outline at level.
func (p *pdfFlow) heading(title string, s textStyle, level int, keep float64) {
	space := s.size * 1.1
	p.need(space + s.lead + keep)
	if p.y > marginTop {
		p.y += space
	}
	p.use(s)
	p.d.f.Bookmark(pdfText(title), level, p.y)
	p.text(s, marginX, p.y, pdfText(title))
	p.y += s.lead + 2
}

// titleBlock writes the title, subtitle, inputs, summary and the people per zone; made, when
// set (a run without --deterministic), is when the run made the report.
func (p *pdfFlow) titleBlock(rep *reports.Report, made time.Time) {
	p.use(styTitle)
	p.d.f.Bookmark(pdfText(rep.Title), 0, p.y)
	for _, line := range p.wrapText(pdfText(rep.Title), p.width()) {
		p.text(styTitle, marginX, p.y, line)
		p.y += styTitle.lead
	}
	if rep.Subtitle != "" {
		p.paragraph(rep.Subtitle, stySubtitle, 0, "")
	}
	if len(rep.Inputs) > 0 {
		p.y += 4
		p.paragraph("Inputs: "+strings.Join(rep.Inputs, ", "), styNote, 0, "")
	}
	if !made.IsZero() {
		p.paragraph("Made "+made.UTC().Format("2006-01-02 15:04")+" UTC", styNote, 0, "")
	}
	p.heading("Summary", styH1, 0, styBody.lead)
	for i, s := range rep.Summary {
		if i == 0 {
			p.paragraph(s, styBody, 0, "")
			p.y += 3
			continue
		}
		p.paragraph(s, styBody, 12, "")
	}
	if len(rep.Zones) > 0 {
		t := reports.Table{Columns: []reports.Column{{Name: "zone"}, {Name: "people", Numeric: true}}, Total: len(rep.Zones)}
		for _, z := range rep.Zones {
			t.Rows = append(t.Rows, []reports.Cell{{Text: z.Name}, {Text: reports.Number(float64(z.N)), Value: float64(z.N)}})
		}
		p.y += 8
		p.table(t, -1, "")
	}
}

// stakeholderMap draws the map in the page's width, on this page when it fits.
func (p *pdfFlow) stakeholderMap(r *analysis.Result, opt chart.MapOptions) error {
	w := p.width()
	h := math.Round(w * 0.8)
	p.need(h + 16)
	if p.y > marginTop {
		p.y += 16
	}
	p.d.f.Bookmark("Stakeholder map", 0, p.y)
	if err := p.d.drawMap(r, opt, marginX, p.y, w, h); err != nil {
		return err
	}
	p.y += h
	return nil
}

// changes writes the changes since the last run: how many of each kind, then a table of
// each kind that has any.
func (p *pdfFlow) changes(cs *reports.ChangesSection) {
	p.heading("Changes since the last run", styH1, 0, 2*styBody.lead)
	if cs.Since != "" {
		p.paragraph(cs.Since+".", styNote, 0, "")
		p.y += 3
	}
	var parts []string
	for _, c := range cs.Counts {
		parts = append(parts, fmt.Sprintf("%s: %d", c.Name, c.N))
	}
	if len(parts) > 0 {
		p.paragraph(strings.Join(parts, " · "), styBody, 0, "")
	}
	for _, t := range cs.Tables {
		if t.Total > 0 || len(t.Rows) > 0 {
			p.table(t, 1, t.FullIn)
		}
	}
}

// lines writes a titled list of plain lines, one paragraph each.
func (p *pdfFlow) lines(title string, ls []string) {
	if len(ls) == 0 {
		return
	}
	p.heading(title, styH1, 0, styBody.lead)
	for _, l := range ls {
		p.paragraph(l, styBody, 12, "•")
		p.y += 2
	}
}

// table writes t under its title (an H1 at outline level 0, an H2 at level 1, no title
// at level −1) and note. It breaks between rows, repeating the header row on the new page
// under "TITLE (continued)". A table capped below its total ends with "showing N of
// TOTAL — the full list is in fullList".
func (p *pdfFlow) table(t reports.Table, level int, fullList string) {
	widths := p.columnWidths(t, p.width(), level >= 0)
	head := make([]reports.Cell, len(t.Columns))
	for i, c := range t.Columns {
		head[i] = reports.Cell{Text: c.Name}
	}
	headH := p.rowHeight(head, widths, styHead)
	firstH := 0.0
	if len(t.Rows) > 0 {
		firstH = p.rowHeight(t.Rows[0], widths, styCell)
	}
	title := pdfText(t.Title)
	if level >= 0 && title != "" {
		s := styH1
		if level > 0 {
			s = styH2
		}
		p.use(styNote)
		noteH := float64(len(p.wrapText(pdfText(t.Note), p.width()))) * styNote.lead
		if t.Note == "" {
			noteH = 0
		}
		p.heading(title, s, level, noteH+headH+max(firstH, styNote.lead)+4)
		if t.Note != "" {
			p.paragraph(t.Note, styNote, 0, "")
		}
		p.y += 4
	}
	if len(t.Rows) == 0 {
		p.paragraph("None.", styNote, 0, "")
		return
	}
	p.need(headH + firstH)
	p.row(head, t.Columns, widths, styHead, headH, &headerFill)
	for i, row := range t.Rows {
		h := p.rowHeight(row, widths, styCell)
		if p.y+h > p.bottom() {
			p.newPage()
			if title != "" {
				p.paragraph(title+" (continued)", styNote, 0, "")
				p.y += 2
			}
			p.row(head, t.Columns, widths, styHead, headH, &headerFill)
		}
		var fill *color.NRGBA
		if i%2 == 1 {
			fill = &zebraFill
		}
		p.row(row, t.Columns, widths, styCell, h, fill)
	}
	// A rule under the last row.
	p.d.f.SetDrawColor(int(ruleGrey.R), int(ruleGrey.G), int(ruleGrey.B))
	p.d.f.SetLineWidth(0.5)
	p.d.f.Line(marginX, p.y, marginX+sum(widths), p.y)
	p.y += 3
	if fullList != "" && t.Total > len(t.Rows) {
		p.paragraph(fmt.Sprintf("showing %d of %d — the full list is in %s", len(t.Rows), t.Total, fullList), styNote, 0, "")
	}
}

func sum(xs []float64) float64 {
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s
}

// maxRowHeight is the tallest a row may be: a page less the header row's room. A row
// that would be taller loses its last lines (an ellipsis says so), so that no row is
// ever split across pages.
const maxRowHeight = a4Height - marginTop - marginBottom - 60

// cellLines are the lines of cell text in a column width wide, in the current font.
func (p *pdfFlow) cellLines(text string, width float64, s textStyle) []string {
	lines := p.wrapText(pdfText(text), width-2*cellPadX)
	if limit := int((maxRowHeight - 2*cellPadY) / s.lead); len(lines) > limit {
		lines = lines[:limit]
		last := lines[limit-1]
		for last != "" && p.textWidth(last+" …") > width-2*cellPadX {
			_, n := utf8.DecodeLastRuneInString(last)
			last = last[:len(last)-n]
		}
		lines[limit-1] = last + " …"
	}
	return lines
}

// rowHeight is the height of a row of cells in s: its tallest cell.
func (p *pdfFlow) rowHeight(cells []reports.Cell, widths []float64, s textStyle) float64 {
	p.use(s)
	n := 1
	for i, c := range cells[:min(len(cells), len(widths))] {
		n = max(n, len(p.cellLines(c.Text, widths[i], s)))
	}
	return float64(n)*s.lead + 2*cellPadY
}

// row draws one row of a table h points tall at p.y, on fill when not nil.
func (p *pdfFlow) row(cells []reports.Cell, cols []reports.Column, widths []float64, s textStyle, h float64, fill *color.NRGBA) {
	if fill != nil {
		p.fill(*fill)
		p.d.f.Rect(marginX, p.y, sum(widths), h, "F")
	}
	p.use(s)
	x := marginX
	for i, c := range cells[:min(len(cells), len(widths))] {
		top := p.y + cellPadY
		for _, line := range p.cellLines(c.Text, widths[i], s) {
			lx := x + cellPadX
			if cols[i].Numeric {
				lx = x + widths[i] - cellPadX - p.textWidth(line)
			}
			p.text(s, lx, top, line)
			top += s.lead
		}
		x += widths[i]
	}
	p.y += h
}

// columnWidths shares width among t's columns. A numeric column is as wide as its widest
// value (its header wraps between words to fit). Text columns share the rest in
// proportion to their natural (unwrapped) widths, so that the wrapped ones need about as
// many lines each and rows stay short; a column whose share would exceed its natural
// width gets just that, leaving the rest to the others, and none is narrower than its
// longest word (up to maxWordWidth: a longer word breaks), so that names do not break
// within a word. With stretch set, width left over widens the text columns in
// proportion too; otherwise the table keeps its natural width.
func (p *pdfFlow) columnWidths(t reports.Table, width float64, stretch bool) []float64 {
	natural, least := p.measureColumns(t)
	fitWords(t, least, width)
	return shareWidths(t, natural, least, width, stretch)
}

// measureColumns is each column's natural width (the widest cell or header, unwrapped) and
// least (the widest word, up to maxWordWidth; for numbers, the widest value), without padding.
func (p *pdfFlow) measureColumns(t reports.Table) (natural, least []float64) {
	n := len(t.Columns)
	natural, least = make([]float64, n), make([]float64, n)
	p.use(styHead)
	for i, c := range t.Columns {
		name := pdfText(c.Name)
		natural[i] = p.textWidth(name)
		for _, w := range strings.Fields(name) {
			least[i] = max(least[i], p.textWidth(w))
		}
	}
	p.use(styCell)
	for _, row := range t.Rows {
		for i, c := range row[:min(len(row), n)] {
			text := pdfText(c.Text)
			w := p.textWidth(text)
			natural[i] = max(natural[i], w)
			if t.Columns[i].Numeric {
				least[i] = max(least[i], w)
				continue
			}
			for _, word := range strings.Fields(text) {
				least[i] = max(least[i], min(p.textWidth(word), maxWordWidth))
			}
		}
	}
	return natural, least
}

// fitWords lets text columns break words when a table of long words in many text columns
// would not fit at their longest words: at an equal share of what the numbers leave.
func fitWords(t reports.Table, least []float64, width float64) {
	sumLeast, numeric, texts := 0.0, 0.0, 0
	for i, c := range t.Columns {
		l := max(least[i]+2*cellPadX, minColumnWidth)
		sumLeast += l
		if c.Numeric {
			numeric += l
		} else {
			texts++
		}
	}
	if sumLeast > width && texts > 0 {
		limit := max((width-numeric)/float64(texts)-2*cellPadX, minColumnWidth-2*cellPadX)
		for i, c := range t.Columns {
			if !c.Numeric {
				least[i] = min(least[i], limit)
			}
		}
	}
}

// shareWidths gives numeric columns their least width and shares the rest among the text
// columns in proportion to their natural widths, each within [least, natural]; with stretch,
// what is left widens them in proportion too.
func shareWidths(t reports.Table, natural, least []float64, width float64, stretch bool) []float64 {
	n := len(t.Columns)
	widths := make([]float64, n)
	rest := width
	var flex []int
	for i, c := range t.Columns {
		natural[i] += 2 * cellPadX
		least[i] = max(least[i]+2*cellPadX, minColumnWidth)
		if c.Numeric {
			widths[i] = least[i]
			rest -= widths[i]
		} else {
			flex = append(flex, i)
		}
	}
	// Proportional shares, settling first the columns that need no more than their
	// natural width (or no less than their least), until the shares stop changing.
	open := append([]int(nil), flex...)
	for len(open) > 0 {
		total := 0.0
		for _, i := range open {
			total += natural[i]
		}
		var still []int
		settled := false
		for _, i := range open {
			share := rest * natural[i] / total
			switch {
			case share >= natural[i]:
				widths[i] = natural[i]
			case share <= least[i]:
				widths[i] = least[i]
			default:
				still = append(still, i)
				continue
			}
			settled = true
		}
		if !settled {
			for _, i := range still {
				widths[i] = rest * natural[i] / total
			}
			rest = 0
			break
		}
		for _, i := range open {
			if !slices.Contains(still, i) {
				rest -= widths[i]
			}
		}
		open = still
	}
	if rest > 0 && stretch && len(flex) > 0 {
		total := 0.0
		for _, i := range flex {
			total += natural[i]
		}
		for _, i := range flex {
			widths[i] += rest * natural[i] / total
		}
	}
	return widths
}

// minColumnWidth is the narrowest a column gets, padding included; maxWordWidth the
// widest a single word may make a text column.
const (
	minColumnWidth = 20.0
	maxWordWidth   = 80.0
)

// footers writes every page's footer: foot on the left, "page X of Y" on the right.
func (p *pdfFlow) footers(foot string) {
	f := p.d.f
	n := f.PageCount()
	for i := 1; i <= n; i++ {
		f.SetPage(i)
		f.SetAlpha(1, "Normal")
		p.use(styFoot)
		f.SetFillColor(int(styFoot.color.R), int(styFoot.color.G), int(styFoot.color.B))
		right := fmt.Sprintf("page %d of %d", i, n)
		rw := p.textWidth(right)
		left := pdfText(foot)
		for left != "" && p.textWidth(left) > p.width()-rw-12 {
			_, k := utf8.DecodeLastRuneInString(left)
			left = left[:len(left)-k]
		}
		p.d.text(marginX, footerBase, left, p.d.bodyFamily(), styFoot.bold, styFoot.size)
		p.d.text(marginX+p.width()-rw, footerBase, right, p.d.bodyFamily(), styFoot.bold, styFoot.size)
	}
	f.SetPage(n)
}
