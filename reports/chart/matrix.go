package chart

import (
	"bufio"
	"cmp"
	"fmt"
	"image/color"
	"image/png"
	"io"
	"math"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/relmap/relmap/reports"
)

// maxHeatMapTeams is the most teams the heat-map draws a cell for each pair of; with more,
// it shows the departments alone.
const maxHeatMapTeams = 60

// maxHeatMapDepartments is the most departments the heat-map draws; with more, it draws those
// of most tie strength (between and within them), which keeps the figure's cells countable.
const maxHeatMapDepartments = 150

// strongestGroups is m cut to its k groups of most strength (ties within a group and with
// others, the first by name on a tie), kept in name order, with sub (nil for none) cut alike;
// m itself when it has at most k groups.
func strongestGroups(m reports.Matrix, sub []int, k int) (reports.Matrix, []int) {
	n := len(m.Names)
	if n <= k {
		return m, sub
	}
	strength := make([]float64, n)
	for _, c := range m.Cells {
		strength[c.A] += c.Strength
		if c.B != c.A {
			strength[c.B] += c.Strength
		}
	}
	byStrength := make([]int, n)
	for i := range byStrength {
		byStrength[i] = i
	}
	slices.SortStableFunc(byStrength, func(x, y int) int { return cmp.Compare(strength[y], strength[x]) })
	keep := byStrength[:k]
	slices.Sort(keep)
	at := make([]int, n)
	for i := range at {
		at[i] = -1
	}
	out := reports.Matrix{Names: make([]string, k)}
	var outSub []int
	for j, i := range keep {
		at[i], out.Names[j] = j, m.Names[i]
		if sub != nil {
			outSub = append(outSub, sub[i])
		}
	}
	for _, c := range m.Cells {
		if a, b := at[c.A], at[c.B]; a >= 0 && b >= 0 {
			out.Cells = append(out.Cells, reports.MatrixCell{A: a, B: b, Strength: c.Strength, Ties: c.Ties})
		}
	}
	return out, outSub
}

// MatrixOptions says how the team heat-map is drawn.
type MatrixOptions struct {
	AsOf  time.Time // written in the subtitle; zero for none
	Fonts Fonts     // the user's font for PNG (as MapOptions.Fonts); SVG ignores it
}

// viridis is the viridis colour map (van der Walt & Smith, matplotlib 2015), perceptually
// uniform and readable under the common colour-vision deficiencies and in grey: R
// viridisLite's viridis(11), from dark purple (0) to yellow (1), interpolated linearly.
var viridis = [...]color.NRGBA{
	{0x44, 0x01, 0x54, 0xff}, {0x48, 0x25, 0x76, 0xff}, {0x41, 0x44, 0x87, 0xff},
	{0x35, 0x60, 0x8d, 0xff}, {0x2a, 0x78, 0x8e, 0xff}, {0x21, 0x90, 0x8c, 0xff},
	{0x22, 0xa8, 0x84, 0xff}, {0x43, 0xbf, 0x71, 0xff}, {0x7a, 0xd1, 0x51, 0xff},
	{0xbb, 0xdf, 0x27, 0xff}, {0xfd, 0xe7, 0x25, 0xff},
}

// viridisAt is the viridis colour at t in [0,1].
func viridisAt(t float64) color.NRGBA {
	t = clamp(t, 0, 1) * float64(len(viridis)-1)
	i := min(int(t), len(viridis)-2)
	f := t - float64(i)
	a, b := viridis[i], viridis[i+1]
	mixc := func(x, y uint8) uint8 { return uint8(math.Round(float64(x) + f*(float64(y)-float64(x)))) }
	return color.NRGBA{mixc(a.R, b.R), mixc(a.G, b.G), mixc(a.B, b.B), 0xff}
}

// strengthColour is the colour of a cell of strength s on a log scale from lo to hi:
// reversed viridis, so that on white paper a stronger tie is a darker cell.
func strengthColour(s, lo, hi float64) color.NRGBA {
	t := 1.0
	if hi > lo {
		t = (math.Log(s) - math.Log(lo)) / (math.Log(hi) - math.Log(lo))
	}
	return viridisAt(1 - t)
}

// Heat-map inks and sizes, in points.
var (
	diagonalGrey = color.NRGBA{0xd9, 0xd9, 0xd9, 0xff} // within a group: not on the colour scale
	blockInk     = color.NRGBA{0x22, 0x22, 0x22, 0xff}
)

const (
	heatSide     = vg.Length(600) // the largest side of a panel's matrix
	heatMaxCell  = vg.Length(18)
	heatLabelMax = 28 // runes of a group's name on an axis
	heatMargin   = vg.Length(24)
	heatPanelGap = vg.Length(48)
	heatBarH     = vg.Length(10)
)

// heatPanel is one matrix of the heat-map, laid out.
type heatPanel struct {
	title     string
	m         reports.Matrix
	order     []int // display position → group
	pos       []int // group → display position
	block     []int
	value     map[[2]int]float64
	lo, hi    float64 // the smallest and largest strength between two groups
	cell      vg.Length
	labels    []string
	label     ink
	labelW    vg.Length // the widest label
	showLabel bool
}

func newHeatPanel(title string, m reports.Matrix, sub []int, label ink) *heatPanel {
	p := &heatPanel{title: title, m: m, value: map[[2]int]float64{}}
	p.order, p.block = reports.BlockOrder(m, sub)
	p.pos = make([]int, len(p.order))
	for at, g := range p.order {
		p.pos[g] = at
	}
	p.lo, p.hi = math.Inf(1), 0
	for _, c := range m.Cells {
		p.value[[2]int{c.A, c.B}] = c.Strength
		if c.A != c.B && c.Strength > 0 {
			p.lo, p.hi = math.Min(p.lo, c.Strength), math.Max(p.hi, c.Strength)
		}
	}
	n := max(len(m.Names), 1)
	p.cell = min(heatMaxCell, heatSide/vg.Length(n))
	p.showLabel = p.cell >= 6
	size := min(vg.Length(8), p.cell*0.75)
	p.label = newInk(size, false, labelInk)
	if label.face.Font.Typeface != "" && label.back != nil {
		p.label = swapSize(label, size)
	}
	for _, name := range m.Names {
		s := labelText(name)
		if utf8.RuneCountInString(s) > heatLabelMax {
			s = string([]rune(s)[:heatLabelMax-1]) + "…"
		}
		p.labels = append(p.labels, s)
		if p.showLabel {
			p.labelW = max(p.labelW, p.label.width(s))
		}
	}
	return p
}

// swapSize is the user's ink k at size.
func swapSize(k ink, size vg.Length) ink {
	k.face.Font.Size = size
	back := *k.back
	back.Font.Size = size
	k.back = &back
	return k
}

// side is the width (and height) of the panel's matrix.
func (p *heatPanel) side() vg.Length { return p.cell * vg.Length(len(p.m.Names)) }

// width and height are the panel's size: labels left of and above the matrix, the colour
// bar below it.
func (p *heatPanel) width() vg.Length  { return p.labelW + 4 + max(p.side(), 160) }
func (p *heatPanel) height() vg.Length { return 16 + p.labelW + 4 + p.side() + 14 + heatBarH + 16 }

// draw draws the panel with its top-left corner at (x, top).
func (p *heatPanel) draw(c draw.Canvas, x, top vg.Length, title, note ink) {
	title.draw(c, vg.Point{X: x, Y: top - title.ascent()}, p.title)
	x0 := x + p.labelW + 4
	y0 := top - 16 - p.labelW - 4 // the matrix's top edge
	n := len(p.m.Names)
	side := p.side()
	cellAt := func(row, col int) vg.Rectangle {
		return vg.Rectangle{
			Min: vg.Point{X: x0 + vg.Length(col)*p.cell, Y: y0 - vg.Length(row+1)*p.cell},
			Max: vg.Point{X: x0 + vg.Length(col+1)*p.cell, Y: y0 - vg.Length(row)*p.cell},
		}
	}
	// The cells: a white gap of a tenth of a cell shows the grid without lines.
	gap := p.cell / 10
	for row := range n {
		for col := range n {
			a, b := p.order[row], p.order[col]
			if a > b {
				a, b = b, a
			}
			s, ok := p.value[[2]int{a, b}]
			var fill color.NRGBA
			switch {
			case a == b:
				fill = diagonalGrey
			case !ok || s <= 0:
				continue
			default:
				fill = strengthColour(s, p.lo, p.hi)
			}
			r := cellAt(row, col)
			r.Max.X -= gap
			r.Min.Y += gap
			c.SetColor(fill)
			c.Fill(r.Path())
		}
	}
	// The communities' blocks, outlined.
	c.SetLineStyle(draw.LineStyle{Color: blockInk, Width: vg.Points(0.8)})
	for at := 0; at < n; {
		end := at
		for end+1 < n && p.block[p.order[end+1]] == p.block[p.order[at]] {
			end++
		}
		if end > at {
			r := vg.Rectangle{Min: cellAt(end, at).Min, Max: cellAt(at, end).Max}
			r.Max.X -= gap / 2
			r.Min.Y += gap / 2
			c.Stroke(r.Path())
		}
		at = end + 1
	}
	// Labels: rows right-aligned left of the matrix, columns upward above it.
	if p.showLabel {
		for row, g := range p.order {
			s := p.labels[g]
			mid := y0 - (vg.Length(row)+0.5)*p.cell
			base := mid - (p.label.ascent()-p.label.descent())/2
			p.label.draw(c, vg.Point{X: x0 - 3 - p.label.width(s), Y: base}, s)
		}
		for col, g := range p.order {
			s := p.labels[g]
			mid := x0 + (vg.Length(col)+0.5)*p.cell
			c.Push()
			c.Translate(vg.Point{X: mid + (p.label.ascent()-p.label.descent())/2, Y: y0 + 3})
			c.Rotate(math.Pi / 2)
			p.label.draw(c, vg.Point{}, s)
			c.Pop()
		}
	}
	// The colour bar: log scale from the weakest tie between two groups to the strongest.
	by := y0 - side - 14 - heatBarH
	bw := max(side, 160)
	if p.hi > 0 {
		const steps = 64
		for i := range steps {
			t := (float64(i) + 0.5) / steps
			c.SetColor(viridisAt(1 - t))
			c.Fill(vg.Rectangle{
				Min: vg.Point{X: x0 + bw*vg.Length(i)/steps, Y: by},
				Max: vg.Point{X: x0 + bw*vg.Length(i+1)/steps + 0.3, Y: by + heatBarH},
			}.Path())
		}
		lo, hi := trimFloat(roundSig(p.lo)), trimFloat(roundSig(p.hi))
		note.draw(c, vg.Point{X: x0, Y: by - 2 - note.ascent()}, lo)
		note.draw(c, vg.Point{X: x0 + bw - note.width(hi), Y: by - 2 - note.ascent()}, hi)
		mid := "tie strength (log scale)"
		note.draw(c, vg.Point{X: x0 + (bw-note.width(mid))/2, Y: by - 2 - note.ascent()}, mid)
	} else {
		note.draw(c, vg.Point{X: x0, Y: by}, "no ties between two groups")
	}
}

// roundSig rounds x to 3 significant digits for the colour bar's ends.
func roundSig(x float64) float64 {
	if x == 0 || math.IsInf(x, 0) || math.IsNaN(x) {
		return x
	}
	p := math.Pow(10, 2-math.Floor(math.Log10(math.Abs(x))))
	return math.Round(x*p) / p
}

// heatMap is the heat-map of m laid out: the team panel when there are at most
// maxHeatMapTeams teams, and the department panel always.
type heatMap struct {
	panels                       []*heatPanel
	subtitle, notes              string
	w, h                         vg.Length
	title, sub, note, panelTitle ink
}

func newHeatMap(m *reports.TeamMatrix, opt MatrixOptions) (*heatMap, error) {
	hm := &heatMap{
		title: newInk(15, true, color.Black),
		sub:   newInk(9.5, false, subtitleInk),
		note:  newInk(8, false, subtitleInk),
	}
	panelTitle := newInk(11, true, color.Black)
	label := newInk(8, false, labelInk)
	pf, err := opt.Fonts.plotFaces()
	if err != nil {
		return nil, fmt.Errorf("team heat-map: %w", err)
	}
	for _, k := range []*ink{&hm.title, &hm.sub, &hm.note, &panelTitle, &label} {
		*k = pf.swap(*k)
	}
	nt, nd := len(m.Teams.Names), len(m.Departments.Names)
	var cut []string
	switch {
	case nt <= maxHeatMapTeams:
		hm.panels = append(hm.panels, newHeatPanel("Teams", m.Teams, m.Department, label))
	case nd == 0: // nothing else to show: the teams of most strength
		teams, sub := strongestGroups(m.Teams, m.Department, maxHeatMapTeams)
		hm.panels = append(hm.panels, newHeatPanel(fmt.Sprintf("The %d teams of most tie strength", maxHeatMapTeams), teams, sub, label))
		cut = append(cut, fmt.Sprintf("%d teams of %d", maxHeatMapTeams, nt))
	default:
		cut = append(cut, fmt.Sprintf("more than %d teams: departments only", maxHeatMapTeams))
	}
	if nd > 0 {
		depts, _ := strongestGroups(m.Departments, nil, maxHeatMapDepartments)
		title := "Departments"
		if nd > maxHeatMapDepartments {
			title = fmt.Sprintf("The %d departments of most tie strength", maxHeatMapDepartments)
			cut = append(cut, fmt.Sprintf("%d departments of %d", maxHeatMapDepartments, nd))
		}
		hm.panels = append(hm.panels, newHeatPanel(title, depts, nil, label))
	}
	parts := []string{countNoun(nt, "team", "teams"), countNoun(nd, "department", "departments")}
	if !opt.AsOf.IsZero() {
		parts = append(parts, "as of "+opt.AsOf.UTC().Format("2006-01-02"))
	}
	hm.subtitle = strings.Join(parts, " · ")
	hm.notes = "ordered by community (outlined blocks); ties within a group (the diagonal) in grey; every figure in team-matrix.csv"
	if len(cut) > 0 {
		hm.notes = strings.Join(cut, "; ") + " (all in team-matrix.csv); " + hm.notes
	}
	hm.w, hm.h = heatMargin, 0
	for i, p := range hm.panels {
		if i > 0 {
			hm.w += heatPanelGap
		}
		hm.w += p.width()
		hm.h = max(hm.h, p.height())
	}
	hm.w += heatMargin
	hm.w = max(hm.w, 2*heatMargin+hm.sub.width(hm.subtitle), 2*heatMargin+hm.note.width(hm.notes))
	hm.h += heatMargin + 20 + 16 + 14 + 12 + heatMargin
	hm.panelTitle = panelTitle
	return hm, nil
}

// draw draws the heat-map on c, whose size is hm's.
func (hm *heatMap) draw(c draw.Canvas) {
	c.SetColor(color.White)
	c.Fill(c.Rectangle.Path())
	top := c.Max.Y - heatMargin
	hm.title.draw(c, vg.Point{X: heatMargin, Y: top - hm.title.ascent()}, "Tie strength between teams")
	top -= 20
	hm.sub.draw(c, vg.Point{X: heatMargin, Y: top - hm.sub.ascent()}, hm.subtitle)
	top -= 16
	hm.note.draw(c, vg.Point{X: heatMargin, Y: top - hm.note.ascent()}, hm.notes)
	top -= 14 + 12
	x := heatMargin
	for _, p := range hm.panels {
		p.draw(c, x, top, hm.panelTitle, hm.note)
		x += p.width() + heatPanelGap
	}
}

// WriteTeamMatrixSVG writes the heat-map of m (SPEC §4: team-matrix.svg): the tie strength
// between every two teams when there are at most 60, and between every two departments, each
// ordered by community (reports.BlockOrder) with the communities outlined, on a log colour scale
// (reversed viridis, colour-blind safe) from the weakest tie between two groups to the
// strongest, with a colour bar; ties within a group, the diagonal, are grey. Its text names
// Liberation Sans with Arial, Helvetica and sans-serif after it, as the other SVG plots. The
// same m and opt always give the same bytes.
func WriteTeamMatrixSVG(w io.Writer, m *reports.TeamMatrix, opt MatrixOptions) error {
	opt.Fonts = Fonts{} // SVG names Liberation Sans, so it is measured with it too
	hm, err := newHeatMap(m, opt)
	if err != nil {
		return err
	}
	c := newSVGCanvas(hm.w, hm.h)
	hm.draw(draw.New(c))
	if err := c.WriteTo(w, "'Liberation Sans',Arial,Helvetica,sans-serif"); err != nil {
		return fmt.Errorf("team heat-map: %w", err)
	}
	return nil
}

// WriteTeamMatrixPNG writes the heat-map of m as WriteTeamMatrixSVG does, as a PNG at 150 dpi,
// its names in opt.Fonts when given.
func WriteTeamMatrixPNG(w io.Writer, m *reports.TeamMatrix, opt MatrixOptions) error {
	hm, err := newHeatMap(m, opt)
	if err != nil {
		return err
	}
	c := newRasterCanvas(hm.w, hm.h, mapPNGDPI)
	hm.draw(draw.New(c))
	bw := bufio.NewWriterSize(w, 64<<10)
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(bw, c.Image()); err != nil {
		return fmt.Errorf("team heat-map: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("team heat-map: %w", err)
	}
	return nil
}
