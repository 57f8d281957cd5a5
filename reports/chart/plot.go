package chart

import (
	"fmt"
	"hash/fnv"
	"image/color"
	"io"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/relmap/relmap/analysis"
)

// The map's fixed data window and zone boundaries (SPEC §3.4): the axes run a little past
// the scores' ranges so that points on the edge are not cut in half.
//
// People of unknown status (no signal with enough evidence) are drawn apart, in a strip right
// of the status axis, never as neutral at 0 (SPEC §3.4).
const (
	mapStatusMin    = -1.05
	mapStatusMax    = 1.5
	unknownFrom     = 1.12 // where the unknown-status strip begins
	unknownX        = 1.31 // the middle of the strip, where its points stand …
	unknownSpread   = 0.26 // … spread this wide
	mapInfluenceMin = -0.02
	mapInfluenceMax = 1.03
	supporterAt     = 0.25 // status ≥ +0.25 is a supporter, ≤ −0.25 a detractor, unless the result says otherwise
)

// Point radii: reach 0 draws a dot of minDotRadius, reach 1 one of maxDotRadius.
const (
	minDotRadius = vg.Length(2)
	maxDotRadius = vg.Length(7)
)

// StakeholderMap draws the stakeholder map of r (SPEC §4): x is status from −1 (detractor)
// to +1 (supporter), y is influence from 0 to 1, with the zone lines of SPEC §3.4, one
// point per person sized by reach and coloured by category, and the names of the top
// opt.Labels people by rank next to their points, where no two names overlap (see
// placeLabels); a name that finds no such place is left off, and the subtitle says how
// many were named. Title, subtitle and legend sit above the data area, so the legend never
// covers a point. People of unknown status (label unknown) stand in a strip right of the
// status axis; people with no influence, or no status and no such label, are not drawn.
func StakeholderMap(r *analysis.Result, opt MapOptions) (*plot.Plot, error) {
	p, _, err := stakeholderMap(r, opt)
	return p, err
}

// stakeholderMap is StakeholderMap, also returning the layout its plotters share, which
// tests examine.
func stakeholderMap(r *analysis.Result, opt MapOptions) (*plot.Plot, *mapLayout, error) {
	opt, err := opt.check(r, "stakeholder map")
	if err != nil {
		return nil, nil, err
	}

	m := newMapLayout(r, opt)
	// The names, the header and the zone texts draw with the user's font, when one is given.
	if err := m.useFonts(opt.Fonts, &m.zoneInk, &m.noteInk); err != nil {
		return nil, nil, fmt.Errorf("stakeholder map: %w", err)
	}
	p := plot.New()
	p.X.Label.Text = "status (detractor ← → supporter)"
	p.Y.Label.Text = "influence"
	styleAxes(p)
	p.X.Tick.Marker = plot.ConstantTicks{
		{Value: -1, Label: "−1"}, {Value: -0.5, Label: "−0.5"}, {Value: m.detractor, Label: "−" + trimFloat(-m.detractor)},
		{Value: 0, Label: "0"},
		{Value: m.supporter, Label: "+" + trimFloat(m.supporter)}, {Value: 0.5, Label: "+0.5"}, {Value: 1, Label: "+1"},
		{Value: unknownX, Label: string(analysis.Unknown)},
	}
	p.Y.Tick.Marker = plot.ConstantTicks{
		{Value: 0, Label: "0"}, {Value: 0.2, Label: "0.2"}, {Value: 0.4, Label: "0.4"},
		{Value: 0.6, Label: "0.6"}, {Value: 0.8, Label: "0.8"}, {Value: 1, Label: "1"},
	}

	p.Add(zonePlotter{m}, dotPlotter{&m.scatter}, labelPlotter{&m.scatter}, headerPlotter{&m.scatter})
	// Fixed ranges, set after Add, so that maps of different runs line up.
	p.X.Min, p.X.Max = mapStatusMin, mapStatusMax
	p.Y.Min, p.Y.Max = mapInfluenceMin, mapInfluenceMax

	m.reserve(p, opt.Width, opt.Height)
	return p, m, nil
}

// WriteMapSVG writes the stakeholder map of r to w as SVG. The same r and opt always give
// the same bytes. Text names the font as Liberation Sans with Arial (its metric twin),
// Helvetica and sans-serif after it, so a viewer without Liberation keeps the label widths
// the layout was made for.
func WriteMapSVG(w io.Writer, r *analysis.Result, opt MapOptions) error {
	opt.Fonts = Fonts{} // SVG names Liberation Sans, so it is measured with it too
	p, err := StakeholderMap(r, opt)
	if err != nil {
		return err
	}
	return writePlotSVG(w, p, opt, "stakeholder map")
}

// WriteMapPNG writes the stakeholder map of r to w as a PNG at 150 dpi, 1200 × 900 pixels
// at the default size.
func WriteMapPNG(w io.Writer, r *analysis.Result, opt MapOptions) error {
	p, err := StakeholderMap(r, opt)
	if err != nil {
		return err
	}
	return writePlotPNG(w, p, opt, "stakeholder map")
}

// categoryStyles are the categories of SPEC §3.2 in legend order, and the grey for any
// other (or missing) category last. The colours are the Okabe–Ito palette (Okabe & Ito
// 2008, "Color Universal Design"), which stays distinguishable under the common
// colour-vision deficiencies; its yellow and sky blue are left out because they vanish on
// white or next to the blue.
var categoryStyles = []struct {
	name  string
	color color.NRGBA
}{
	{"stakeholder", color.NRGBA{0x00, 0x72, 0xb2, 0xff}}, // blue
	{"other team", color.NRGBA{0xe6, 0x9f, 0x00, 0xff}},  // orange
	{"provider", color.NRGBA{0x00, 0x9e, 0x73, 0xff}},    // bluish green
	{"client", color.NRGBA{0xcc, 0x79, 0xa7, 0xff}},      // reddish purple
	{"other", color.NRGBA{0x88, 0x88, 0x88, 0xff}},       // grey
}

// categoryIndex returns the index in categoryStyles of category, the last (grey) for any
// unknown one.
func categoryIndex(category string) int {
	for i, s := range categoryStyles[:len(categoryStyles)-1] {
		if s.name == category {
			return i
		}
	}
	return len(categoryStyles) - 1
}

// mapDot is one person's point.
type mapDot struct {
	status, influence float64
	radius            vg.Length
	category          int    // index in categoryStyles
	name              string // the label text; empty for people who get no label
}

// mapLayout is what the map's plotters draw, fixed before any canvas exists; positions on
// the canvas are worked out when the plot is drawn. The points, their names and the header
// are drawn as the influence–reach plot's (scatter); the zones are the map's own.
type mapLayout struct {
	scatter
	dots     []mapDot // lowest rank first, so the top people are drawn on top
	unknowns int      // points of unknown status, in the strip
	high     float64
	// supporter and detractor are where the neutral band ends: the result's thresholds.
	supporter, detractor float64
	maxLabel             int // opt.Labels

	zoneInk, noteInk ink
}

// newMapLayout turns r's people into points in drawing order and picks the ones to name.
func newMapLayout(r *analysis.Result, opt MapOptions) *mapLayout {
	m := &mapLayout{
		scatter:   newScatter("Stakeholder map", 2*maxDotRadius),
		high:      opt.HighInfluence,
		supporter: supporterAt,
		detractor: -supporterAt,
		maxLabel:  max(opt.Labels, 0),
		zoneInk:   newInk(10, false, zoneNameGrey),
		noteInk:   newInk(7.5, false, zoneLineGrey),
	}
	m.of = m

	if r.SupporterFrom > 0 && r.DetractorFrom < 0 {
		m.supporter, m.detractor = r.SupporterFrom, r.DetractorFrom
	}

	var people []rankedDot[mapDot]
	unscored := 0 // no status or influence at all: not drawn
	present := make([]bool, len(categoryStyles))
	for i, p := range r.People {
		unknownStatus := p.StatusLabel == analysis.Unknown
		if (math.IsNaN(p.Status) && !unknownStatus) || math.IsNaN(p.Influence) {
			unscored++
			continue
		}
		rank := p.Rank
		if rank <= 0 {
			rank = i + 1
		}
		reach := p.Reach
		if math.IsNaN(reach) {
			reach = 0
		}
		status := clamp(p.Status, -1, 1)
		if unknownStatus {
			// Spread across the strip by the person's id, so that its density shows and
			// the same person stands in the same place run after run.
			status = unknownX + unknownSpread*(jitter(p.ID)-0.5)
			m.unknowns++
		}
		d := mapDot{
			status:    status,
			influence: clamp(p.Influence, 0, 1),
			radius:    minDotRadius + vg.Length(clamp(reach, 0, 1))*(maxDotRadius-minDotRadius),
			category:  categoryIndex(p.Category),
		}
		present[d.category] = true
		name := labelText(p.Name)
		if name == "" {
			name = labelText(p.ID)
		}
		d.name = name
		people = append(people, rankedDot[mapDot]{rank, d})
	}
	m.dots, m.labelled = drawOrder(people, m.maxLabel, func(d *mapDot) *string { return &d.name })
	for i, ok := range present {
		if ok {
			m.legend = append(m.legend, i)
		}
	}
	if len(m.dots) > 0 {
		m.legend = append(m.legend, reachItem)
	}
	if m.unknowns > 0 {
		m.legend = append(m.legend, unknownItem)
	}

	var parts []string
	if name := labelText(r.Ego.Name); name != "" {
		parts = append(parts, name)
	}
	if !r.AsOf.IsZero() {
		parts = append(parts, "as of "+r.AsOf.UTC().Format("2006-01-02"))
	} else if r.Coverage.Undated {
		parts = append(parts, "undated")
	}
	parts = append(parts, countNoun(len(r.People), "person", "people"))
	if unscored > 0 {
		parts[len(parts)-1] += fmt.Sprintf(" (%d unscored, not shown)", unscored)
	}
	m.subtitle = parts
	return m
}

// points, point and name implement scatterPlot.
func (m *mapLayout) points() int { return len(m.dots) }

func (m *mapLayout) point(i int) (x, y float64, r vg.Length, col color.NRGBA) {
	d := &m.dots[i]
	return d.status, d.influence, d.radius, categoryStyles[d.category].color
}

func (m *mapLayout) name(i int) string { return m.dots[i].name }

// jitter is a number in [0, 1) fixed by s (FNV-1a): a stable spread for points that share a
// value.
func jitter(s string) float64 {
	h := fnv.New32a()
	h.Write([]byte(s))
	return float64(h.Sum32()%1000) / 1000
}

// zoneTexts places the six zone names faintly in the corners of their regions — the top
// row along the top, the bottom row along the bottom, each flush left but "champion" and
// "ally" flush right — away from the middle of the neutral band, where everyone without a
// status signal (status 0) lines up; and the note naming the high-influence line.
func (m *mapLayout) zoneTexts(c draw.Canvas, plt *plot.Plot) []zoneText {
	x, y := plt.Transforms(&c)
	const pad = 4
	k := m.zoneInk
	top := c.Max.Y - pad - k.ascent()
	bottom := c.Min.Y + pad + k.descent()
	names := []struct {
		text  string
		align float64 // 0 flush left at at, 1 flush right
		at    vg.Length
		base  vg.Length
	}{
		{string(analysis.AreaForImprovement), 0, c.Min.X + pad, top},
		{string(analysis.KeyToEngage), 0, x(m.detractor) + pad, top},
		{string(analysis.Champion), 1, x(unknownFrom) - pad, top},
		{string(analysis.Watch), 0, c.Min.X + pad, bottom},
		{string(analysis.Background), 0, x(m.detractor) + pad, bottom},
		{string(analysis.Ally), 1, x(unknownFrom) - pad, bottom},
		{"status", 0.5, x(unknownX), top},
		{string(analysis.Unknown), 0.5, x(unknownX), top - k.ascent() - k.descent()},
	}
	var out []zoneText
	for _, n := range names {
		w := k.width(n.text)
		left := n.at - vg.Length(n.align)*w
		out = append(out, textAt(k, n.text, vg.Point{X: left, Y: n.base}))
	}
	note := fmt.Sprintf("high influence ≥ %s", trimFloat(m.high))
	nw := m.noteInk.width(note)
	hy := y(m.high)
	out = append(out, textAt(m.noteInk, note, vg.Point{X: x(m.detractor) - 3 - nw, Y: hy + 2 + m.noteInk.descent()}))
	return out
}

// softBoxes implements scatterPlot: the zone names and the note on the high-influence line.
func (m *mapLayout) softBoxes(c draw.Canvas, plt *plot.Plot) []vg.Rectangle {
	var soft []vg.Rectangle
	for _, t := range m.zoneTexts(c, plt) {
		soft = append(soft, t.box)
	}
	return soft
}

// zonePlotter draws the neutral band, the zone lines and the zone names.
type zonePlotter struct{ m *mapLayout }

// Plot implements plot.Plotter.
func (z zonePlotter) Plot(c draw.Canvas, plt *plot.Plot) {
	x, y := plt.Transforms(&c)
	c.FillPolygon(neutralShade, []vg.Point{
		{X: x(z.m.detractor), Y: c.Min.Y}, {X: x(z.m.supporter), Y: c.Min.Y},
		{X: x(z.m.supporter), Y: c.Max.Y}, {X: x(z.m.detractor), Y: c.Max.Y},
	})
	c.FillPolygon(unknownShade, []vg.Point{
		{X: x(unknownFrom), Y: c.Min.Y}, {X: c.Max.X, Y: c.Min.Y},
		{X: c.Max.X, Y: c.Max.Y}, {X: x(unknownFrom), Y: c.Max.Y},
	})
	line := draw.LineStyle{Color: zoneLineGrey, Width: vg.Points(0.8), Dashes: []vg.Length{4, 3}}
	c.StrokeLine2(line, x(z.m.detractor), c.Min.Y, x(z.m.detractor), c.Max.Y)
	c.StrokeLine2(line, x(z.m.supporter), c.Min.Y, x(z.m.supporter), c.Max.Y)
	c.StrokeLine2(line, c.Min.X, y(z.m.high), c.Max.X, y(z.m.high))
	for _, t := range z.m.zoneTexts(c, plt) {
		t.ink.draw(c, t.baseline, t.text)
	}
}

// legendReachRadii are the example points of the legend's "size = reach" entry.
var legendReachRadii = []vg.Length{minDotRadius, (minDotRadius + maxDotRadius) / 2, maxDotRadius}

// reachItem and unknownItem stand for the "size = reach" and the unknown-status entries among
// the legend's category indices.
const (
	reachItem   = -1
	unknownItem = -2
)

// unknownLegend explains the strip right of the status axis.
const unknownLegend = "right strip: status unknown (no evidence)"

// legendItemWidth implements scatterPlot: the width of a legend entry, a category index,
// reachItem or unknownItem.
func (m *mapLayout) legendItemWidth(item int) vg.Length {
	k := m.legendInk
	if item == unknownItem {
		return 2*legendDotRadius + legendMarkGap + k.width(unknownLegend)
	}
	if item == reachItem {
		w := k.width("size = reach")
		for _, r := range legendReachRadii {
			w += legendMarkGap + 2*r
		}
		return w
	}
	return 2*legendDotRadius + legendMarkGap + k.width(categoryStyles[item].name)
}

// drawLegendItem implements scatterPlot: a category's dot and name, the example points of
// "size = reach", or the unknown-status strip's swatch.
func (m *mapLayout) drawLegendItem(c draw.Canvas, item int, x, mid, textBase vg.Length) vg.Length {
	k := m.legendInk
	if item == unknownItem {
		c.FillPolygon(unknownShade, []vg.Point{
			{X: x, Y: mid - legendDotRadius}, {X: x + 2*legendDotRadius, Y: mid - legendDotRadius},
			{X: x + 2*legendDotRadius, Y: mid + legendDotRadius}, {X: x, Y: mid + legendDotRadius},
		})
		k.draw(c, vg.Point{X: x + 2*legendDotRadius + legendMarkGap, Y: textBase}, unknownLegend)
	} else if item == reachItem {
		k.draw(c, vg.Point{X: x, Y: textBase}, "size = reach")
		x += k.width("size = reach")
		for _, r := range legendReachRadii {
			drawDot(c, vg.Point{X: x + legendMarkGap + r, Y: mid}, r, categoryStyles[len(categoryStyles)-1].color)
			x += legendMarkGap + 2*r
		}
	} else {
		s := categoryStyles[item]
		drawDot(c, vg.Point{X: x + legendDotRadius, Y: mid}, legendDotRadius, s.color)
		k.draw(c, vg.Point{X: x + 2*legendDotRadius + legendMarkGap, Y: textBase}, s.name)
	}
	return x
}

// headerHeight implements scatterPlot.
func (m *mapLayout) headerHeight(hl headerLayout) vg.Length {
	h := m.titleInk.ascent() + m.titleInk.descent()
	sub := m.subtitleInk.ascent() + m.subtitleInk.descent()
	h += vg.Length(len(hl.subtitle)) * (headerGap + sub)
	h += vg.Length(len(hl.legend)) * (headerGap + m.legendLineHeight())
	return h + headerGapBelow
}
