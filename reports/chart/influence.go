package chart

import (
	"fmt"
	"image/color"
	"io"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

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

// reachLayout is what the influence-reach plot's plotters draw: its points, their names and
// its header as the stakeholder map's (scatter), and the high-influence line.
type reachLayout struct {
	scatter
	dots    []reachDot // lowest rank first, so the top people are drawn on top
	high    float64
	noteInk ink // the note on the high-influence line
}

// influenceReach is InfluenceReach, also returning the layout, which tests examine.
func influenceReach(r *analysis.Result, opt MapOptions) (*plot.Plot, *reachLayout, error) {
	opt, err := opt.check(r, "influence-reach plot")
	if err != nil {
		return nil, nil, err
	}
	m := newReachLayout(r, opt)
	if err := m.useFonts(opt.Fonts, &m.noteInk); err != nil {
		return nil, nil, fmt.Errorf("influence-reach plot: %w", err)
	}

	p := plot.New()
	p.X.Label.Text = "reach"
	p.Y.Label.Text = "influence"
	ticks := plot.ConstantTicks{
		{Value: 0, Label: "0"}, {Value: 0.2, Label: "0.2"}, {Value: 0.4, Label: "0.4"},
		{Value: 0.6, Label: "0.6"}, {Value: 0.8, Label: "0.8"}, {Value: 1, Label: "1"},
	}
	styleAxes(p)
	p.X.Tick.Marker, p.Y.Tick.Marker = ticks, ticks
	p.Add(reachLinePlotter{m}, dotPlotter{&m.scatter}, labelPlotter{&m.scatter}, headerPlotter{&m.scatter})
	p.X.Min, p.X.Max = reachAxisMin, reachAxisMax
	p.Y.Min, p.Y.Max = reachAxisMin, reachAxisMax

	m.reserve(p, opt.Width, opt.Height)
	return p, m, nil
}

// newReachLayout turns r's people into points in drawing order and picks the ones to name.
func newReachLayout(r *analysis.Result, opt MapOptions) *reachLayout {
	m := &reachLayout{
		scatter: newScatter("Influence and reach", 2*legendDotRadius),
		high:    opt.HighInfluence,
		noteInk: newInk(7.5, false, zoneLineGrey),
	}
	m.of = m
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

// points, point and name implement scatterPlot.
func (m *reachLayout) points() int { return len(m.dots) }

func (m *reachLayout) point(i int) (x, y float64, r vg.Length, col color.NRGBA) {
	d := &m.dots[i]
	return d.reach, d.influence, reachDotRadius, zoneStyles[d.zone].color
}

func (m *reachLayout) name(i int) string { return m.dots[i].name }

// highNote is the note on the high-influence line, flush left just above it.
func (m *reachLayout) highNote(c draw.Canvas, plt *plot.Plot) zoneText {
	_, y := plt.Transforms(&c)
	note := fmt.Sprintf("high influence ≥ %s", trimFloat(m.high))
	return textAt(m.noteInk, note, vg.Point{X: c.Min.X + 4, Y: y(m.high) + 2 + m.noteInk.descent()})
}

// softBoxes implements scatterPlot: the note on the high-influence line.
func (m *reachLayout) softBoxes(c draw.Canvas, plt *plot.Plot) []vg.Rectangle {
	return []vg.Rectangle{m.highNote(c, plt).box}
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

// legendItemWidth implements scatterPlot: the width of a zone's legend entry.
func (m *reachLayout) legendItemWidth(zone int) vg.Length {
	return 2*legendDotRadius + legendMarkGap + m.legendInk.width(zoneStyles[zone].name)
}

// drawLegendItem implements scatterPlot: a zone's dot and name.
func (m *reachLayout) drawLegendItem(c draw.Canvas, zone int, x, mid, textBase vg.Length) vg.Length {
	s := zoneStyles[zone]
	drawDot(c, vg.Point{X: x + legendDotRadius, Y: mid}, legendDotRadius, s.color)
	m.legendInk.draw(c, vg.Point{X: x + 2*legendDotRadius + legendMarkGap, Y: textBase}, s.name)
	return x
}

// headerHeight implements scatterPlot.
func (m *reachLayout) headerHeight(h headerLayout) vg.Length {
	height := m.titleInk.ascent() + m.titleInk.descent()
	height += vg.Length(len(h.subtitle)) * (headerGap + m.subtitleInk.ascent() + m.subtitleInk.descent())
	height += vg.Length(len(h.legend)) * (headerGap + m.legendLineHeight())
	return height + headerGapBelow
}
