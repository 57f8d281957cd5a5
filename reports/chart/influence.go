package chart

import (
	"fmt"
	"image/color"
	"io"
	"math"
	"slices"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/recorder"

	"github.com/relmap/relmap/analysis"
)

// zoneStyles are the zones of SPEC §3.4 in the report's order, and a dark grey for a
// person with no zone last. The colours are Okabe–Ito's (as categoryStyles): supporters
// green and blue, detractors vermilion and reddish purple, neutral orange and grey, the
// high-influence zone of each pair the stronger colour.
var zoneStyles = []struct {
	name  string
	color color.NRGBA
}{
	{string(analysis.Champion), color.NRGBA{0x00, 0x9e, 0x73, 0xff}},           // bluish green
	{string(analysis.AreaForImprovement), color.NRGBA{0xd5, 0x5e, 0x00, 0xff}}, // vermilion
	{string(analysis.KeyToEngage), color.NRGBA{0xe6, 0x9f, 0x00, 0xff}},        // orange
	{string(analysis.Ally), color.NRGBA{0x00, 0x72, 0xb2, 0xff}},               // blue
	{string(analysis.Watch), color.NRGBA{0xcc, 0x79, 0xa7, 0xff}},              // reddish purple
	{string(analysis.Background), color.NRGBA{0x99, 0x99, 0x99, 0xff}},         // grey
	{"no zone", color.NRGBA{0x33, 0x33, 0x33, 0xff}},                           // dark grey
}

// zoneIndex returns the index in zoneStyles of zone, the last for an empty or unknown one.
func zoneIndex(zone analysis.Zone) int {
	for i, s := range zoneStyles[:len(zoneStyles)-1] {
		if s.name == string(zone) {
			return i
		}
	}
	return len(zoneStyles) - 1
}

// reachDotRadius is the radius of every point of the influence-reach plot.
const reachDotRadius = vg.Length(3.5)

// The influence-reach plot's data window: both scores run from 0 to 1, with room for a
// point on the edge.
const (
	reachAxisMin = -0.02
	reachAxisMax = 1.03
)

// InfluenceReach draws the influence-reach plot of r (SPEC §4): x is reach from 0 to 1,
// y influence from 0 to 1, one point per person coloured by zone, the high-influence line
// at opt.HighInfluence, and the names of the top opt.Labels people by rank placed as on
// the stakeholder map (placeLabels: no two overlap; a name that finds no place is left
// off and the subtitle says how many were named). Title, subtitle and legend sit above
// the data area. People whose reach or influence is unknown (NaN) are not drawn.
func InfluenceReach(r *analysis.Result, opt MapOptions) (*plot.Plot, error) {
	p, _, err := influenceReach(r, opt)
	return p, err
}

// WriteInfluenceReachSVG writes the influence-reach plot of r to w as SVG, its text in
// Liberation Sans with Arial, Helvetica and sans-serif after it (as WriteMapSVG). The same
// r and opt always give the same bytes.
func WriteInfluenceReachSVG(w io.Writer, r *analysis.Result, opt MapOptions) error {
	opt.Fonts = Fonts{} // SVG names Liberation Sans, so it is measured with it too
	p, err := InfluenceReach(r, opt)
	if err != nil {
		return err
	}
	return writePlotSVG(w, p, opt, "influence-reach plot")
}

// WriteInfluenceReachPNG writes the influence-reach plot of r to w as a PNG at 150 dpi,
// 1200 × 900 pixels at the default size, its names in opt.Fonts when given.
func WriteInfluenceReachPNG(w io.Writer, r *analysis.Result, opt MapOptions) error {
	p, err := InfluenceReach(r, opt)
	if err != nil {
		return err
	}
	return writePlotPNG(w, p, opt, "influence-reach plot")
}

// reachDot is one person's point on the influence-reach plot.
type reachDot struct {
	reach, influence float64
	zone             int    // index in zoneStyles
	name             string // the label text; empty for people who get no label
}

// reachLayout is what the influence-reach plot's plotters draw.
type reachLayout struct {
	dots     []reachDot // lowest rank first, so the top people are drawn on top
	labelled []int      // indices into dots of the people to label, in rank order
	high     float64
	subtitle []string    // the parts of the subtitle, before the note on the labels
	legend   []int       // indices into zoneStyles of the zones present
	reserved reachHeader // the header as laid out for opt's size, which sets its height
	edges    edgeCache   // the points' glyph boxes that pad the plot
	noteInk  ink         // the note on the high-influence line
	labelInk ink         // names
	titleInk ink         // the title
	subInk   ink         // the subtitle
	legInk   ink         // the legend
}

// influenceReach is InfluenceReach, also returning the layout, which tests examine.
func influenceReach(r *analysis.Result, opt MapOptions) (*plot.Plot, *reachLayout, error) {
	opt, err := opt.check(r, "influence-reach plot")
	if err != nil {
		return nil, nil, err
	}
	m := newReachLayout(r, opt)
	pf, err := opt.Fonts.plotFaces()
	if err != nil {
		return nil, nil, fmt.Errorf("influence-reach plot: %w", err)
	}
	for _, k := range []*ink{&m.noteInk, &m.labelInk, &m.titleInk, &m.subInk, &m.legInk} {
		*k = pf.swap(*k)
	}

	p := plot.New()
	p.X.Label.Text = "reach"
	p.Y.Label.Text = "influence"
	ticks := plot.ConstantTicks{
		{Value: 0, Label: "0"}, {Value: 0.2, Label: "0.2"}, {Value: 0.4, Label: "0.4"},
		{Value: 0.6, Label: "0.6"}, {Value: 0.8, Label: "0.8"}, {Value: 1, Label: "1"},
	}
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Font = sansFont(10, false)
		a.Label.TextStyle.Color = axisGrey
		a.Tick.Label.Font = sansFont(9, false)
		a.Tick.Label.Color = axisGrey
		a.LineStyle.Color = axisGrey
		a.Tick.LineStyle.Color = axisGrey
		a.Tick.Marker = ticks
	}
	p.Add(reachLinePlotter{m}, reachDotPlotter{m}, reachLabelPlotter{m}, reachHeaderPlotter{m})
	p.X.Min, p.X.Max = reachAxisMin, reachAxisMax
	p.Y.Min, p.Y.Max = reachAxisMin, reachAxisMax

	// As the stakeholder map: lay the header out for the data area's width at opt's size
	// before drawing, since its height shapes the plot.
	dc := p.DataCanvas(draw.NewCanvas(new(recorder.Canvas), opt.Width, opt.Height))
	widest := ""
	if n := len(m.labelled); n > 0 {
		widest = fmt.Sprintf("%d of the top %d named", n, n)
	}
	m.reserved = m.header(dc.Max.X-dc.Min.X, widest)
	return p, m, nil
}

// newReachLayout turns r's people into points in drawing order and picks the ones to name.
func newReachLayout(r *analysis.Result, opt MapOptions) *reachLayout {
	m := &reachLayout{
		high:     opt.HighInfluence,
		noteInk:  newInk(7.5, false, zoneLineGrey),
		labelInk: newInk(8, false, labelInk),
		titleInk: newInk(15, true, color.Black),
		subInk:   newInk(9.5, false, subtitleInk),
		legInk:   newInk(9, false, subtitleInk),
	}
	var people []rankedDot[reachDot]
	unknown := 0
	present := make([]bool, len(zoneStyles))
	for i, p := range r.People {
		if math.IsNaN(p.Reach) || math.IsNaN(p.Influence) {
			unknown++
			continue
		}
		rank := p.Rank
		if rank <= 0 {
			rank = i + 1
		}
		d := reachDot{reach: clamp(p.Reach, 0, 1), influence: clamp(p.Influence, 0, 1), zone: zoneIndex(p.Zone)}
		present[d.zone] = true
		d.name = labelText(p.Name)
		if d.name == "" {
			d.name = labelText(p.ID)
		}
		people = append(people, rankedDot[reachDot]{rank, d})
	}
	m.dots, m.labelled = drawOrder(people, max(opt.Labels, 0), func(d *reachDot) *string { return &d.name })
	for i, ok := range present {
		if ok {
			m.legend = append(m.legend, i)
		}
	}
	if name := labelText(r.Ego.Name); name != "" {
		m.subtitle = append(m.subtitle, name)
	}
	if !r.AsOf.IsZero() {
		m.subtitle = append(m.subtitle, "as of "+r.AsOf.UTC().Format("2006-01-02"))
	}
	m.subtitle = append(m.subtitle, countNoun(len(r.People), "person", "people"))
	if unknown > 0 {
		m.subtitle[len(m.subtitle)-1] += fmt.Sprintf(" (%d unscored, not shown)", unknown)
	}
	return m
}

// highNote is the note on the high-influence line, flush left just above it.
func (m *reachLayout) highNote(c draw.Canvas, plt *plot.Plot) zoneText {
	_, y := plt.Transforms(&c)
	note := fmt.Sprintf("high influence ≥ %s", trimFloat(m.high))
	return textAt(m.noteInk, note, vg.Point{X: c.Min.X + 4, Y: y(m.high) + 2 + m.noteInk.descent()})
}

// placeLabels places the labels of the plot's top people on the data canvas c.
func (m *reachLayout) placeLabels(c draw.Canvas, plt *plot.Plot) ([]placedLabel, int) {
	x, y := plt.Transforms(&c)
	dots := make([]labelDot, len(m.dots))
	for i, d := range m.dots {
		dots[i] = labelDot{at: vg.Point{X: x(d.reach), Y: y(d.influence)}, r: reachDotRadius, weight: 1}
	}
	targets := make([]labelTarget, len(m.labelled))
	for i, j := range m.labelled {
		dots[j].weight = labelledDotWeight
		targets[i] = labelTarget{text: m.dots[j].name, dot: j}
	}
	soft := []vg.Rectangle{m.highNote(c, plt).box}
	return placeLabels(targets, dots, c.Rectangle, soft, m.labelInk)
}

// reachLinePlotter draws the high-influence line and its note.
type reachLinePlotter struct{ m *reachLayout }

// Plot implements plot.Plotter.
func (l reachLinePlotter) Plot(c draw.Canvas, plt *plot.Plot) {
	_, y := plt.Transforms(&c)
	line := draw.LineStyle{Color: zoneLineGrey, Width: vg.Points(0.8), Dashes: []vg.Length{4, 3}}
	c.StrokeLine2(line, c.Min.X, y(l.m.high), c.Max.X, y(l.m.high))
	t := l.m.highNote(c, plt)
	t.ink.draw(c, t.baseline, t.text)
}

// reachDotPlotter draws the people's points.
type reachDotPlotter struct{ m *reachLayout }

// Plot implements plot.Plotter.
func (d reachDotPlotter) Plot(c draw.Canvas, plt *plot.Plot) {
	x, y := plt.Transforms(&c)
	dots := make([]canvasDot, len(d.m.dots))
	for i, p := range d.m.dots {
		dots[i] = canvasDot{vg.Point{X: x(p.reach), Y: y(p.influence)}, reachDotRadius, zoneStyles[p.zone].color}
	}
	drawDots(c, dots)
}

// GlyphBoxes implements plot.GlyphBoxer, so that a point on the edge is not clipped: the
// boxes of the points that can reach furthest out (see edgeBoxes).
func (d reachDotPlotter) GlyphBoxes(plt *plot.Plot) []plot.GlyphBox {
	return d.m.edges.of(plt, func() []plot.GlyphBox {
		boxes := make([]plot.GlyphBox, len(d.m.dots))
		r := reachDotRadius
		for i, p := range d.m.dots {
			boxes[i] = plot.GlyphBox{X: plt.X.Norm(p.reach), Y: plt.Y.Norm(p.influence),
				Rectangle: vg.Rectangle{Min: vg.Point{X: -r, Y: -r}, Max: vg.Point{X: r, Y: r}}}
		}
		return boxes
	})
}

// reachLabelPlotter draws the names of the top people where placeLabels put them.
type reachLabelPlotter struct{ m *reachLayout }

// Plot implements plot.Plotter.
func (l reachLabelPlotter) Plot(c draw.Canvas, plt *plot.Plot) {
	placed, _ := l.m.placeLabels(c, plt)
	drawLabels(c, placed, l.m.labelInk)
}

// drawLabels draws placed labels in k: leader lines first, so that none crosses a name,
// then each name on its white box. Both plots draw their names with it.
func drawLabels(c draw.Canvas, placed []placedLabel, k ink) {
	leader := draw.LineStyle{Color: axisGrey, Width: vg.Points(0.5)}
	for _, p := range placed {
		if p.leader != [2]vg.Point{} {
			c.StrokeLine2(leader, p.leader[0].X, p.leader[0].Y, p.leader[1].X, p.leader[1].Y)
		}
	}
	for _, p := range placed {
		c.FillPolygon(labelPaper, []vg.Point{
			p.box.Min, {X: p.box.Max.X, Y: p.box.Min.Y}, p.box.Max, {X: p.box.Min.X, Y: p.box.Max.Y},
		})
		k.draw(c, vg.Point{X: p.box.Min.X + labelPadX, Y: p.box.Min.Y + labelPadY + k.descent()}, p.text)
	}
}

// reachHeader is the influence-reach plot's header broken into lines.
type reachHeader struct {
	subtitle []string
	legend   [][]int // indices into zoneStyles
}

// header breaks the subtitle (its parts, then note) and the legend into lines no wider
// than width.
func (m *reachLayout) header(width vg.Length, note string) reachHeader {
	parts := m.subtitle
	if note != "" {
		parts = append(slices.Clip(parts), note)
	}
	var h reachHeader
	for _, line := range wrap(parts, m.subInk.width, m.subInk.width(" · "), width) {
		var s []string
		for _, i := range line {
			s = append(s, parts[i])
		}
		h.subtitle = append(h.subtitle, strings.Join(s, " · "))
	}
	for _, line := range wrap(m.legend, m.legendItemWidth, legendItemGap, width) {
		var row []int
		for _, i := range line {
			row = append(row, m.legend[i])
		}
		h.legend = append(h.legend, row)
	}
	return h
}

// legendItemWidth is the width of a zone's legend entry.
func (m *reachLayout) legendItemWidth(zone int) vg.Length {
	return 2*legendDotRadius + legendMarkGap + m.legInk.width(zoneStyles[zone].name)
}

// legendLineHeight is the height of a line of the legend.
func (m *reachLayout) legendLineHeight() vg.Length {
	return max(2*legendDotRadius, m.legInk.ascent()+m.legInk.descent())
}

// headerHeight is the height of the header laid out as h, the gap below it included.
func (m *reachLayout) headerHeight(h reachHeader) vg.Length {
	height := m.titleInk.ascent() + m.titleInk.descent()
	height += vg.Length(len(h.subtitle)) * (headerGap + m.subInk.ascent() + m.subInk.descent())
	height += vg.Length(len(h.legend)) * (headerGap + m.legendLineHeight())
	return height + headerGapBelow
}

// reachHeaderPlotter draws the title, the subtitle and the legend above the data area.
type reachHeaderPlotter struct{ m *reachLayout }

// GlyphBoxes implements plot.GlyphBoxer: it makes the plot leave room for the header.
func (h reachHeaderPlotter) GlyphBoxes(*plot.Plot) []plot.GlyphBox {
	height := h.m.headerHeight(h.m.reserved)
	return []plot.GlyphBox{{X: 0, Y: 1, Rectangle: vg.Rectangle{Max: vg.Point{Y: height}}}}
}

// Plot implements plot.Plotter.
func (h reachHeaderPlotter) Plot(c draw.Canvas, plt *plot.Plot) {
	m := h.m
	_, unplaced := m.placeLabels(c, plt)
	hl := m.header(c.Max.X-c.Min.X, labelNote(len(m.labelled), unplaced))
	left := c.Min.X
	base := c.Max.Y + m.headerHeight(m.reserved) - m.titleInk.ascent()
	m.titleInk.draw(c, vg.Point{X: left, Y: base}, "Influence and reach")
	base -= m.titleInk.descent()
	for _, line := range hl.subtitle {
		base -= headerGap + m.subInk.ascent()
		m.subInk.draw(c, vg.Point{X: left, Y: base}, line)
		base -= m.subInk.descent()
	}
	k := m.legInk
	lh := m.legendLineHeight()
	for _, line := range hl.legend {
		base -= headerGap
		mid := base - lh/2
		textBase := mid - (k.ascent()-k.descent())/2
		x := left
		for _, z := range line {
			s := zoneStyles[z]
			drawDot(c, vg.Point{X: x + legendDotRadius, Y: mid}, legendDotRadius, s.color)
			k.draw(c, vg.Point{X: x + 2*legendDotRadius + legendMarkGap, Y: textBase}, s.name)
			x += m.legendItemWidth(z) + legendItemGap
		}
		base -= lh
	}
}
