package reports

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

	"github.com/relmap/relmap/analysis"
)

// TeamMatrix is the tie strength between the teams of an organisation (SPEC §4, issue 17:
// vivainsights' network_g2g view), and between its departments, as team-matrix.csv and the
// heat-map team-matrix.png|svg show it. People without a team are left out of the team
// matrix, people without a department out of the department matrix.
type TeamMatrix struct {
	Teams       Matrix
	Departments Matrix
	// Department is each team's department (index into Departments.Names, -1 for none): the
	// most common among its members, the first by name on a tie.
	Department []int
}

// Matrix is the ties between groups of people, each unordered pair of groups once.
type Matrix struct {
	Names []string     // the groups, sorted
	Cells []MatrixCell // every pair with at least one tie, sorted by A then B
}

// MatrixCell is the ties between two groups A ≤ B (indexes into Matrix.Names); A = B is the
// ties within a group.
type MatrixCell struct {
	A, B     int
	Strength float64 // the sum of the weights of the edges between a member of A and one of B
	Ties     int     // how many such edges
}

// TeamTies computes the team and department matrices of an organisation's whole graph
// (analysis.TeamMaps.Organisation): each edge counts once, toward the pair of its two ends'
// teams (and departments). Strengths are summed in the network's edge order, so the same
// network gives the same bits.
func TeamTies(nw analysis.Network) *TeamMatrix {
	var tm TeamMatrix
	team, teams := groupOf(nw, func(n *analysis.NetworkNode) string { return n.TeamName })
	dept, depts := groupOf(nw, func(n *analysis.NetworkNode) string { return n.Department })
	tm.Teams = ties(nw, team, teams)
	tm.Departments = ties(nw, dept, depts)

	// Each team's department: the most common among its members.
	count := map[[2]int]int{}
	for i, t := range team {
		if t >= 0 && dept[i] >= 0 {
			count[[2]int{t, dept[i]}]++
		}
	}
	tm.Department = make([]int, len(teams))
	best := make([]int, len(teams))
	for t := range tm.Department {
		tm.Department[t] = -1
	}
	for td, c := range count { // in any order: the first by name wins a tie
		t, d := td[0], td[1]
		if c > best[t] || c == best[t] && d < tm.Department[t] {
			best[t], tm.Department[t] = c, d
		}
	}
	return &tm
}

// groupOf numbers the groups key gives the nodes of nw: each node's group (index into the
// sorted names, -1 for an empty key) and the names.
func groupOf(nw analysis.Network, key func(*analysis.NetworkNode) string) ([]int, []string) {
	index := map[string]int{}
	var names []string
	for i := range nw.Nodes {
		if k := key(&nw.Nodes[i]); k != "" {
			if _, ok := index[k]; !ok {
				index[k] = 0
				names = append(names, k)
			}
		}
	}
	slices.Sort(names)
	for i, n := range names {
		index[n] = i
	}
	of := make([]int, len(nw.Nodes))
	for i := range nw.Nodes {
		of[i] = -1
		if k := key(&nw.Nodes[i]); k != "" {
			of[i] = index[k]
		}
	}
	return of, names
}

// ties sums nw's edges by the groups of their ends. Cells are found by a map from the pair to
// their index, which allocates nothing per cell: TeamTies takes 0.8 s for 5 M edges between
// 4 000 teams of 100 000 people (1.5 M pairs of teams), teams and departments together.
func ties(nw analysis.Network, group []int, names []string) Matrix {
	at := map[uint64]int32{}
	var cells []MatrixCell
	for _, e := range nw.Edges {
		a, b := group[e.U], group[e.V]
		if a < 0 || b < 0 {
			continue
		}
		if a > b {
			a, b = b, a
		}
		key := uint64(a)<<32 | uint64(b)
		i, ok := at[key]
		if !ok {
			i = int32(len(cells))
			at[key] = i
			cells = append(cells, MatrixCell{A: a, B: b})
		}
		cells[i].Strength += e.W
		cells[i].Ties++
	}
	slices.SortFunc(cells, func(x, y MatrixCell) int { return cmp.Or(cmp.Compare(x.A, y.A), cmp.Compare(x.B, y.B)) })
	return Matrix{Names: names, Cells: cells}
}

// WriteTeamMatrixCSV writes team-matrix.csv: team_a, team_b, strength, ties, one row per
// unordered pair of teams with at least one tie (team_a < team_b), and one per team with ties
// within it (team_a = team_b), sorted by team_a, then team_b. Team names are text cells,
// neutralised against formula injection as ranked.csv's.
func WriteTeamMatrixCSV(w io.Writer, m *TeamMatrix) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	bw.WriteString("team_a,team_b,strength,ties\n")
	var row []byte
	for _, c := range m.Teams.Cells {
		row = appendCSVField(row[:0], "", Text(m.Teams.Names[c.A]))
		row = append(row, ',')
		row = appendCSVField(row, "", Text(m.Teams.Names[c.B]))
		row = append(row, ',')
		row = appendNumber(row, c.Strength)
		row = append(row, ',')
		row = fmt.Appendf(row, "%d\n", c.Ties)
		bw.Write(row)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("team matrix: %w", err)
	}
	return nil
}

// maxHeatMapTeams is the most teams the heat-map draws a cell for each pair of; with more,
// it shows the departments alone.
const maxHeatMapTeams = 60

// maxHeatMapDepartments is the most departments the heat-map draws; with more, it draws those
// of most tie strength (between and within them), which keeps the figure's cells countable.
const maxHeatMapDepartments = 150

// strongestGroups is m cut to its k groups of most strength (ties within a group and with
// others, the first by name on a tie), kept in name order, with sub (nil for none) cut alike;
// m itself when it has at most k groups.
func strongestGroups(m Matrix, sub []int, k int) (Matrix, []int) {
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
	out := Matrix{Names: make([]string, k)}
	var outSub []int
	for j, i := range keep {
		at[i], out.Names[j] = j, m.Names[i]
		if sub != nil {
			outSub = append(outSub, sub[i])
		}
	}
	for _, c := range m.Cells {
		if a, b := at[c.A], at[c.B]; a >= 0 && b >= 0 {
			out.Cells = append(out.Cells, MatrixCell{A: a, B: b, Strength: c.Strength, Ties: c.Ties})
		}
	}
	return out, outSub
}

// MatrixOptions says how the team heat-map is drawn.
type MatrixOptions struct {
	AsOf  time.Time // written in the subtitle; zero for none
	Fonts Fonts     // the user's font for PNG (as MapOptions.Fonts); SVG ignores it
}

// BlockOrder is the order in which the heat-map lists the groups of m, so that groups tied
// closely stand together and blocks show along the diagonal: Louvain communities (seed 1) of
// the graph of ties between groups (those within a group left out), the community of most
// strength first; within one, by sub (a team's department; nil for none), then by strength
// to the other groups, strongest first, then by name. It also returns each group's community,
// numbered in that order.
func BlockOrder(m Matrix, sub []int) (order, block []int) {
	n := len(m.Names)
	var edges []analysis.Edge
	strength := make([]float64, n)
	for _, c := range m.Cells {
		if c.A != c.B && c.Strength > 0 {
			edges = append(edges, analysis.Edge{U: int32(c.A), V: int32(c.B), W: c.Strength})
			strength[c.A] += c.Strength
			strength[c.B] += c.Strength
		}
	}
	comm, _ := analysis.Louvain(analysis.NewGraph(n, edges), 1)
	weight := make([]float64, n)
	for i, c := range comm {
		weight[c] += strength[i]
	}
	subOf := func(i int) int {
		if sub == nil {
			return 0
		}
		return sub[i]
	}
	order = make([]int, n)
	for i := range order {
		order[i] = i
	}
	// Communities are numbered by their smallest member (Louvain), which breaks ties of weight.
	slices.SortStableFunc(order, func(x, y int) int {
		cx, cy := comm[x], comm[y]
		return cmp.Or(-cmp.Compare(weight[cx], weight[cy]), cmp.Compare(cx, cy),
			cmp.Compare(subOf(x), subOf(y)), -cmp.Compare(strength[x], strength[y]), cmp.Compare(x, y))
	})
	block = make([]int, n)
	k, prev := -1, int32(-1)
	for _, i := range order {
		if comm[i] != prev {
			k, prev = k+1, comm[i]
		}
		block[i] = k
	}
	return order, block
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
	m         Matrix
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

func newHeatPanel(title string, m Matrix, sub []int, label ink) *heatPanel {
	p := &heatPanel{title: title, m: m, value: map[[2]int]float64{}}
	p.order, p.block = BlockOrder(m, sub)
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

func newHeatMap(m *TeamMatrix, opt MatrixOptions) (*heatMap, error) {
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
// ordered by community (BlockOrder) with the communities outlined, on a log colour scale
// (reversed viridis, colour-blind safe) from the weakest tie between two groups to the
// strongest, with a colour bar; ties within a group, the diagonal, are grey. Its text names
// Liberation Sans with Arial, Helvetica and sans-serif after it, as the other SVG plots. The
// same m and opt always give the same bytes.
func WriteTeamMatrixSVG(w io.Writer, m *TeamMatrix, opt MatrixOptions) error {
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
func WriteTeamMatrixPNG(w io.Writer, m *TeamMatrix, opt MatrixOptions) error {
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
