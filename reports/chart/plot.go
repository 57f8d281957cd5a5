package chart

import (
	"bufio"
	"errors"
	"fmt"
	"hash/fnv"
	"image/color"
	"image/png"
	"io"
	"math"
	"slices"
	"strings"
	"unicode"

	xfont "golang.org/x/image/font"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/recorder"

	"github.com/relmap/relmap/analysis"
	"github.com/relmap/relmap/reports"
)

// MapOptions says how a stakeholder map is drawn.
type MapOptions struct {
	// Labels is how many of the top-ranked people get their name written next to their
	// point: 0 means 20, a negative number none.
	Labels int

	// HighInfluence is the influence at which "high" starts (SPEC §3.4, the
	// zone.high_quantile of the ranked people's influence), drawn as the horizontal zone
	// line. Analysis computes it; it must lie in [0,1].
	HighInfluence float64

	// Width and Height are the size of the rendered map: 0 means 8 × 6 inches.
	Width, Height vg.Length

	// Fonts is the user's own font for the names and headings of PNG and PDF maps
	// (see Fonts); zero means Liberation Sans. SVG ignores it: it names its font.
	Fonts Fonts
}

// WithDefaults returns o with its zero fields given their documented defaults.
func (o MapOptions) WithDefaults() MapOptions {
	if o.Labels == 0 {
		o.Labels = 20
	}
	if o.Width == 0 {
		o.Width = 8 * vg.Inch
	}
	if o.Height == 0 {
		o.Height = 6 * vg.Inch
	}
	return o
}

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

// mapPNGDPI is the resolution of WriteMapPNG: 8 × 6 inches is 1200 × 900 pixels.
const mapPNGDPI = 150

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

// check fills in opt's defaults and checks it and r for a plot named what.
func (o MapOptions) check(r *analysis.Result, what string) (MapOptions, error) {
	if r == nil {
		return o, errors.New(what + ": no result")
	}
	o = o.WithDefaults()
	if !(o.HighInfluence >= 0 && o.HighInfluence <= 1) {
		return o, fmt.Errorf("%s: high influence %v is outside [0,1]", what, o.HighInfluence)
	}
	if o.Width <= 0 || o.Height <= 0 {
		return o, fmt.Errorf("%s: size %v × %v is not positive", what, o.Width, o.Height)
	}
	return o, nil
}

// stakeholderMap is StakeholderMap, also returning the layout its plotters share, which
// tests examine.
func stakeholderMap(r *analysis.Result, opt MapOptions) (*plot.Plot, *mapLayout, error) {
	opt, err := opt.check(r, "stakeholder map")
	if err != nil {
		return nil, nil, err
	}

	m := newMapLayout(r, opt)
	if err := m.useFonts(opt.Fonts); err != nil {
		return nil, nil, fmt.Errorf("stakeholder map: %w", err)
	}
	p := plot.New()
	p.X.Label.Text = "status (detractor ← → supporter)"
	p.Y.Label.Text = "influence"
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Font = sansFont(10, false)
		a.Label.TextStyle.Color = axisGrey
		a.Tick.Label.Font = sansFont(9, false)
		a.Tick.Label.Color = axisGrey
		a.LineStyle.Color = axisGrey
		a.Tick.LineStyle.Color = axisGrey
	}
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

	p.Add(zonePlotter{m}, dotPlotter{m}, labelPlotter{m}, headerPlotter{m})
	// Fixed ranges, set after Add, so that maps of different runs line up.
	p.X.Min, p.X.Max = mapStatusMin, mapStatusMax
	p.Y.Min, p.Y.Max = mapInfluenceMin, mapInfluenceMax

	// The header's height must be known before the plot is drawn, so break its lines for
	// the width the data area will have at opt's size, with the longest note on the labels.
	// (The header takes no width, so the width does not depend on the height.)
	dc := p.DataCanvas(draw.NewCanvas(new(recorder.Canvas), opt.Width, opt.Height))
	widest := ""
	if n := len(m.labelled); n > 0 {
		widest = fmt.Sprintf("%d of the top %d named", n, n) // as labelNote, widest form
	}
	m.reserved = m.header(dc.Max.X-dc.Min.X, widest)
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

// writePlotSVG draws p as SVG at opt's size, naming the font as Liberation Sans with Arial
// (its metric twin), Helvetica and sans-serif after it.
func writePlotSVG(w io.Writer, p *plot.Plot, opt MapOptions, what string) error {
	opt = opt.WithDefaults()
	c := newSVGCanvas(opt.Width, opt.Height)
	p.Draw(draw.New(c))
	if err := c.WriteTo(w, "'Liberation Sans',Arial,Helvetica,sans-serif"); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	return nil
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

// writePlotPNG draws p as a PNG at mapPNGDPI and opt's size.
func writePlotPNG(w io.Writer, p *plot.Plot, opt MapOptions, what string) error {
	opt = opt.WithDefaults()
	c := newRasterCanvas(opt.Width, opt.Height, mapPNGDPI)
	p.Draw(draw.New(c))
	// Fastest compression: the default level makes a map of 30 000 people only 3 % smaller,
	// for more time than drawing it.
	bw := bufio.NewWriterSize(w, 64<<10)
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(bw, c.Image()); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	return nil
}

// The map's greys and inks.
var (
	axisGrey     = color.NRGBA{0x55, 0x55, 0x55, 0xff}
	zoneNameGrey = color.NRGBA{0xb4, 0xb4, 0xb4, 0xff} // light, not translucent: vgsvg drops a text colour's alpha
	zoneLineGrey = color.NRGBA{0x88, 0x88, 0x88, 0xff}
	neutralShade = color.NRGBA{0xf1, 0xf1, 0xf1, 0xff}
	unknownShade = color.NRGBA{0xe8, 0xee, 0xf4, 0xff}
	labelInk     = color.NRGBA{0x1a, 0x1a, 0x1a, 0xff}
	labelPaper   = color.NRGBA{0xff, 0xff, 0xff, 0xc8}
	subtitleInk  = color.NRGBA{0x44, 0x44, 0x44, 0xff}
)

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

// dotFill is the fill of a point: its category colour at 60 % opacity, so that a crowd
// of points shows as a darker patch.
func dotFill(c color.NRGBA) color.NRGBA {
	c.A = 0x99
	return c
}

// sansFont returns Liberation Sans, which gonum/plot bundles and which covers Latin,
// Greek and Cyrillic.
func sansFont(size vg.Length, bold bool) font.Font {
	f := font.Font{Typeface: "Liberation", Variant: "Sans", Size: size}
	if bold {
		f.Weight = xfont.WeightBold
	}
	return f
}

// ink is a font at a size in a colour. Text is measured and drawn with the face directly,
// baseline first, so that the boxes the labels are placed by are exactly the boxes drawn.
// With a user's font (Fonts), back is Liberation Sans at the same size and weight, which
// draws the characters the user's font lacks, as Fallback says.
type ink struct {
	face     font.Face
	color    color.Color
	back     *font.Face
	fallback *Fallback
}

// newInk returns Liberation Sans at size points, bold or regular, in colour c.
func newInk(size vg.Length, bold bool, c color.Color) ink {
	f := sansFont(size, bold)
	return ink{face: font.DefaultCache.Lookup(f, size), color: c}
}

// runs splits s between k's font and its fallback, each run with the face that draws it.
func (k ink) runs(s string) []faceRun {
	if k.back == nil {
		return []faceRun{{k.face, s}}
	}
	var out []faceRun
	for _, r := range k.fallback.Runs(s) {
		f := k.face
		if r.Liberation {
			f = *k.back
		}
		out = append(out, faceRun{f, r.Text})
	}
	return out
}

// faceRun is a piece of text and the face that draws it.
type faceRun struct {
	face font.Face
	text string
}

// width is the width of s in k.
func (k ink) width(s string) vg.Length {
	var w vg.Length
	for _, r := range k.runs(s) {
		w += r.face.Width(r.text)
	}
	return w
}

// ascent and descent are how far k's text reaches above and below its baseline: with a
// fallback, the more of the two fonts.
func (k ink) ascent() vg.Length {
	a := k.face.Extents().Ascent
	if k.back != nil {
		a = max(a, k.back.Extents().Ascent)
	}
	return a
}

func (k ink) descent() vg.Length {
	d := k.face.Extents().Descent
	if k.back != nil {
		d = max(d, k.back.Extents().Descent)
	}
	return d
}

// draw writes s with its baseline starting at pt.
func (k ink) draw(c draw.Canvas, pt vg.Point, s string) {
	c.SetColor(k.color)
	for _, r := range k.runs(s) {
		c.FillString(r.face, pt, r.text)
		pt.X += r.face.Width(r.text)
	}
}

// mapDot is one person's point.
type mapDot struct {
	status, influence float64
	radius            vg.Length
	category          int    // index in categoryStyles
	name              string // the label text; empty for people who get no label
}

// mapLayout is what the map's plotters draw, fixed before any canvas exists; positions on
// the canvas are worked out when the plot is drawn.
type mapLayout struct {
	dots     []mapDot // lowest rank first, so the top people are drawn on top
	labelled []int    // indices into dots of the people to label, in rank order
	unknowns int      // points of unknown status, in the strip
	high     float64
	// supporter and detractor are where the neutral band ends: the result's thresholds.
	supporter, detractor float64
	subtitle             []string     // the parts of the subtitle, before the note on the labels
	legend               []int        // indices into categoryStyles of the categories present
	maxLabel             int          // opt.Labels
	reserved             headerLayout // the header as laid out for opt's size, which sets its height
	edges                edgeCache    // the points' glyph boxes that pad the plot

	zoneInk, noteInk, labelInk, titleInk, subtitleInk, legendInk ink
}

// newMapLayout turns r's people into points in drawing order and picks the ones to name.
func newMapLayout(r *analysis.Result, opt MapOptions) *mapLayout {
	m := &mapLayout{
		high:        opt.HighInfluence,
		supporter:   supporterAt,
		detractor:   -supporterAt,
		maxLabel:    max(opt.Labels, 0),
		zoneInk:     newInk(10, false, zoneNameGrey),
		noteInk:     newInk(7.5, false, zoneLineGrey),
		labelInk:    newInk(8, false, labelInk),
		titleInk:    newInk(15, true, color.Black),
		subtitleInk: newInk(9.5, false, subtitleInk),
		legendInk:   newInk(9, false, subtitleInk),
	}

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

// rankedDot is a plot's point with its person's rank.
type rankedDot[D any] struct {
	rank int
	dot  D
}

// drawOrder sorts the points by rank (the input order breaking ties), keeps names only on
// the first limit of those that have one, and returns the points lowest rank first — so
// that the top people are drawn on top — with the indices of the named ones in rank order.
func drawOrder[D any](people []rankedDot[D], limit int, name func(*D) *string) (dots []D, labelled []int) {
	slices.SortStableFunc(people, func(a, b rankedDot[D]) int { return a.rank - b.rank })
	labels := 0
	for i := range people {
		n := name(&people[i].dot)
		if *n != "" && labels < limit {
			labels++
			continue
		}
		*n = ""
	}
	for i := len(people) - 1; i >= 0; i-- {
		dots = append(dots, people[i].dot)
	}
	for i := len(dots) - 1; i >= 0; i-- {
		if *name(&dots[i]) != "" {
			labelled = append(labelled, i)
		}
	}
	return dots, labelled
}

// labelText makes s safe to draw on one line: control characters become spaces, and a name
// over MaxShownName characters is cut.
func labelText(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, reports.Shown(s))
	return strings.TrimSpace(s)
}

// countNoun writes n with the singular or plural noun.
func countNoun(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// jitter is a number in [0, 1) fixed by s (FNV-1a): a stable spread for points that share a
// value.
func jitter(s string) float64 {
	h := fnv.New32a()
	h.Write([]byte(s))
	return float64(h.Sum32()%1000) / 1000
}

// clamp returns x limited to [lo, hi].
func clamp(x, lo, hi float64) float64 { return math.Max(lo, math.Min(hi, x)) }

// zoneText is a piece of fixed text inside the data area: a zone name or the note on the
// high-influence line. Labels avoid covering it where they can.
type zoneText struct {
	text     string
	baseline vg.Point
	box      vg.Rectangle
	ink      ink
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

// textAt returns s in k with its baseline starting at baseline, and its box.
func textAt(k ink, s string, baseline vg.Point) zoneText {
	return zoneText{
		text:     s,
		baseline: baseline,
		box: vg.Rectangle{
			Min: vg.Point{X: baseline.X, Y: baseline.Y - k.descent()},
			Max: vg.Point{X: baseline.X + k.width(s), Y: baseline.Y + k.ascent()},
		},
		ink: k,
	}
}

// trimFloat writes x with at most two decimals and no trailing zeros.
func trimFloat(x float64) string {
	s := fmt.Sprintf("%.2f", x)
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, ".")
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

// dotPlotter draws the people's points.
type dotPlotter struct{ m *mapLayout }

// Plot implements plot.Plotter.
func (d dotPlotter) Plot(c draw.Canvas, plt *plot.Plot) {
	x, y := plt.Transforms(&c)
	dots := make([]canvasDot, len(d.m.dots))
	for i, p := range d.m.dots {
		dots[i] = canvasDot{vg.Point{X: x(p.status), Y: y(p.influence)}, p.radius, categoryStyles[p.category].color}
	}
	drawDots(c, dots)
}

// GlyphBoxes implements plot.GlyphBoxer, so that a point on the edge of the window is not
// clipped: the boxes of the points that can reach furthest out (see edgeBoxes).
func (d dotPlotter) GlyphBoxes(plt *plot.Plot) []plot.GlyphBox {
	return d.m.edges.of(plt, func() []plot.GlyphBox {
		boxes := make([]plot.GlyphBox, len(d.m.dots))
		for i, p := range d.m.dots {
			boxes[i] = plot.GlyphBox{
				X: plt.X.Norm(p.status), Y: plt.Y.Norm(p.influence),
				Rectangle: vg.Rectangle{Min: vg.Point{X: -p.radius, Y: -p.radius}, Max: vg.Point{X: p.radius, Y: p.radius}},
			}
		}
		return boxes
	})
}

// labelPlotter draws the names of the top people where placeLabels put them.
type labelPlotter struct{ m *mapLayout }

// Plot implements plot.Plotter.
func (l labelPlotter) Plot(c draw.Canvas, plt *plot.Plot) {
	placed, _ := l.m.placeLabels(c, plt)
	drawLabels(c, placed, l.m.labelInk)
}

// placeLabels places the labels of the map's top people on the data canvas c.
func (m *mapLayout) placeLabels(c draw.Canvas, plt *plot.Plot) (placed []placedLabel, unplaced int) {
	x, y := plt.Transforms(&c)
	dots := make([]labelDot, len(m.dots))
	for i, d := range m.dots {
		dots[i] = labelDot{at: vg.Point{X: x(d.status), Y: y(d.influence)}, r: d.radius, weight: 1}
	}
	targets := make([]labelTarget, len(m.labelled))
	for i, j := range m.labelled {
		dots[j].weight = labelledDotWeight
		targets[i] = labelTarget{text: m.dots[j].name, dot: j}
	}
	var soft []vg.Rectangle
	for _, t := range m.zoneTexts(c, plt) {
		soft = append(soft, t.box)
	}
	return placeLabels(targets, dots, c.Rectangle, soft, m.labelInk)
}

// Label geometry: the white box reaches labelPadX and labelPadY past the text, and stands
// labelGap off the point's rim.
const (
	labelPadX = vg.Length(1.5)
	labelPadY = vg.Length(0.5)
	labelGap  = vg.Length(1.5)
)

// leaderLength is how much further out the second ring of label positions lies.
const leaderLength = vg.Length(10)

// softBoxWeight is what overlapping a zone name costs a label candidate: the names are
// faint background, so a label may cover one, but not for free.
const softBoxWeight = 3

// labelledDotWeight is what covering the point of another labelled person costs a label
// candidate, against 1 for an unlabelled one: a name over a named point reads as
// belonging to it.
const labelledDotWeight = 10

// labelDot is a point as label placement sees it.
type labelDot struct {
	at     vg.Point
	r      vg.Length
	weight int // the cost of a label covering it
}

// labelTarget is one label to place: its text and the index of its point.
type labelTarget struct {
	text string
	dot  int
}

// placedLabel is a label that found a place: its box includes the white padding.
type placedLabel struct {
	target int // index into the targets given to placeLabels
	text   string
	box    vg.Rectangle
	leader [2]vg.Point // from the point's rim to the box; zero when the label is adjacent
}

// placeLabels places the targets' labels greedily, in the order given (rank order). Each
// label tries eight positions next to its point — right, left, above, below, then the four
// diagonals — and, when none of those is free, the same eight leaderLength further out,
// joined to the point by a leader line. A position is free when it lies inside bounds and
// overlaps no label placed before it. Among the free positions of the nearer ring the
// label takes the one that covers least, counting each other point it touches at its
// labelDot.weight and each box of soft it overlaps at softBoxWeight, the earlier position
// on a tie. A label with no free position is not placed; unplaced counts them.
func placeLabels(targets []labelTarget, dots []labelDot, bounds vg.Rectangle, soft []vg.Rectangle, k ink) (placed []placedLabel, unplaced int) {
	h := k.ascent() + k.descent() + 2*labelPadY
	for ti, t := range targets {
		d := dots[t.dot]
		w := k.width(t.text) + 2*labelPadX
		var (
			best     vg.Rectangle
			bestCost = -1
			leader   bool
		)
		for ring, off := range []vg.Length{d.r + labelGap, d.r + labelGap + leaderLength} {
			for _, box := range labelCandidates(d.at, off, w, h) {
				if !inside(box, bounds) || overlapsAny(box, placed) {
					continue
				}
				cost := 0
				for i, o := range dots {
					if i != t.dot && circleMeetsBox(o.at, o.r, box) {
						cost += o.weight
					}
				}
				for _, b := range soft {
					if overlaps(box, b) {
						cost += softBoxWeight
					}
				}
				if bestCost < 0 || cost < bestCost {
					best, bestCost, leader = box, cost, ring > 0
				}
			}
			if bestCost >= 0 {
				break
			}
		}
		if bestCost < 0 {
			unplaced++
			continue
		}
		pl := placedLabel{target: ti, text: t.text, box: best}
		if leader {
			to := nearestOnBox(d.at, best)
			v := to.Sub(d.at)
			n := vg.Length(math.Hypot(float64(v.X), float64(v.Y)))
			pl.leader = [2]vg.Point{d.at.Add(v.Scale(d.r / n)), to}
		}
		placed = append(placed, pl)
	}
	return placed, unplaced
}

// labelCandidates returns the boxes of a w × h label off away from the point p (from its
// centre to the box's nearest edge or corner), in order of preference.
func labelCandidates(p vg.Point, off, w, h vg.Length) []vg.Rectangle {
	const diag = 0.7071 // cos 45°
	doff := off * diag
	// Lower-left corners.
	corners := []vg.Point{
		{X: p.X + off, Y: p.Y - h/2},           // right
		{X: p.X - off - w, Y: p.Y - h/2},       // left
		{X: p.X - w/2, Y: p.Y + off},           // above
		{X: p.X - w/2, Y: p.Y - off - h},       // below
		{X: p.X + doff, Y: p.Y + doff},         // above right
		{X: p.X - doff - w, Y: p.Y + doff},     // above left
		{X: p.X + doff, Y: p.Y - doff - h},     // below right
		{X: p.X - doff - w, Y: p.Y - doff - h}, // below left
	}
	boxes := make([]vg.Rectangle, len(corners))
	for i, c := range corners {
		boxes[i] = vg.Rectangle{Min: c, Max: vg.Point{X: c.X + w, Y: c.Y + h}}
	}
	return boxes
}

// overlapsAny reports whether box overlaps any label of placed.
func overlapsAny(box vg.Rectangle, placed []placedLabel) bool {
	for _, q := range placed {
		if overlaps(box, q.box) {
			return true
		}
	}
	return false
}

// nearestOnBox returns the point of box nearest to p.
func nearestOnBox(p vg.Point, box vg.Rectangle) vg.Point {
	return vg.Point{X: max(box.Min.X, min(p.X, box.Max.X)), Y: max(box.Min.Y, min(p.Y, box.Max.Y))}
}

// overlaps reports whether a and b share any area; boxes that only touch do not overlap.
func overlaps(a, b vg.Rectangle) bool {
	return a.Min.X < b.Max.X && b.Min.X < a.Max.X && a.Min.Y < b.Max.Y && b.Min.Y < a.Max.Y
}

// inside reports whether a lies within b.
func inside(a, b vg.Rectangle) bool {
	return a.Min.X >= b.Min.X && a.Max.X <= b.Max.X && a.Min.Y >= b.Min.Y && a.Max.Y <= b.Max.Y
}

// circleMeetsBox reports whether the disc of radius r at c shares any area with box.
func circleMeetsBox(c vg.Point, r vg.Length, box vg.Rectangle) bool {
	nx := max(box.Min.X, min(c.X, box.Max.X))
	ny := max(box.Min.Y, min(c.Y, box.Max.Y))
	dx, dy := c.X-nx, c.Y-ny
	return dx*dx+dy*dy < r*r
}

// headerPlotter draws the title, the subtitle and the legend above the data area, flush
// with its left edge, so that the legend never covers a point.
type headerPlotter struct{ m *mapLayout }

// Header geometry: the gaps between the header's lines and below it, and the legend's
// marks.
const (
	headerGap       = vg.Length(4)
	headerGapBelow  = vg.Length(8)
	legendDotRadius = vg.Length(4)
	legendItemGap   = vg.Length(14)
	legendMarkGap   = vg.Length(3)
)

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

// headerLayout is the header broken into lines to fit a width.
type headerLayout struct {
	subtitle []string // lines of the subtitle
	legend   [][]int  // lines of legend entries: indices into categoryStyles, or reachItem
}

// header breaks the subtitle (its parts, then note) and the legend into lines no wider
// than width, breaking only between parts and between entries.
func (m *mapLayout) header(width vg.Length, note string) headerLayout {
	parts := m.subtitle
	if note != "" {
		parts = append(slices.Clip(parts), note)
	}
	k := m.subtitleInk
	var hl headerLayout
	for _, line := range wrap(parts, k.width, k.width(" · "), width) {
		var s []string
		for _, i := range line {
			s = append(s, parts[i])
		}
		hl.subtitle = append(hl.subtitle, strings.Join(s, " · "))
	}
	items := slices.Clone(m.legend)
	if len(m.dots) > 0 {
		items = append(items, reachItem)
	}
	if m.unknowns > 0 {
		items = append(items, unknownItem)
	}
	for _, line := range wrap(items, m.legendItemWidth, legendItemGap, width) {
		var row []int
		for _, i := range line {
			row = append(row, items[i])
		}
		hl.legend = append(hl.legend, row)
	}
	return hl
}

// wrap breaks items into lines whose widths, sep apart, add up to no more than width;
// an item wider than width has a line of its own. It returns the lines as indices.
func wrap[T any](items []T, widthOf func(T) vg.Length, sep, width vg.Length) [][]int {
	var lines [][]int
	var used vg.Length
	for i, it := range items {
		w := widthOf(it)
		if n := len(lines); n > 0 && used+sep+w <= width {
			lines[n-1] = append(lines[n-1], i)
			used += sep + w
			continue
		}
		lines = append(lines, []int{i})
		used = w
	}
	return lines
}

// labelNote is the subtitle's account of the labels: how many of the top people are named.
func labelNote(labelled, unplaced int) string {
	switch {
	case labelled == 0:
		return ""
	case unplaced == 0:
		return fmt.Sprintf("top %d named", labelled)
	default:
		return fmt.Sprintf("%d of the top %d named", labelled-unplaced, labelled)
	}
}

// legendItemWidth is the width of a legend entry: a category index or reachItem.
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

// legendLineHeight is the height of a line of the legend, tall enough for the largest point.
func (m *mapLayout) legendLineHeight() vg.Length {
	k := m.legendInk
	return max(2*maxDotRadius, k.ascent()+k.descent())
}

// headerHeight is the height of the header laid out as hl, the gap below it included.
func (m *mapLayout) headerHeight(hl headerLayout) vg.Length {
	h := m.titleInk.ascent() + m.titleInk.descent()
	sub := m.subtitleInk.ascent() + m.subtitleInk.descent()
	h += vg.Length(len(hl.subtitle)) * (headerGap + sub)
	h += vg.Length(len(hl.legend)) * (headerGap + m.legendLineHeight())
	return h + headerGapBelow
}

// GlyphBoxes implements plot.GlyphBoxer: a box as tall as the header sitting on top of the
// data area makes the plot leave room for it.
func (h headerPlotter) GlyphBoxes(*plot.Plot) []plot.GlyphBox {
	height := h.m.headerHeight(h.m.reserved)
	return []plot.GlyphBox{{X: 0, Y: 1, Rectangle: vg.Rectangle{Max: vg.Point{Y: height}}}}
}

// Plot implements plot.Plotter.
func (h headerPlotter) Plot(c draw.Canvas, plt *plot.Plot) {
	m := h.m
	_, unplaced := m.placeLabels(c, plt)
	hl := m.header(c.Max.X-c.Min.X, labelNote(len(m.labelled), unplaced))

	left := c.Min.X
	top := c.Max.Y + m.headerHeight(m.reserved)
	base := top - m.titleInk.ascent()
	m.titleInk.draw(c, vg.Point{X: left, Y: base}, "Stakeholder map")
	base -= m.titleInk.descent()
	k := m.subtitleInk
	for _, line := range hl.subtitle {
		base -= headerGap + k.ascent()
		k.draw(c, vg.Point{X: left, Y: base}, line)
		base -= k.descent()
	}

	k = m.legendInk
	lh := m.legendLineHeight()
	for _, line := range hl.legend {
		base -= headerGap
		mid := base - lh/2
		textBase := mid - (k.ascent()-k.descent())/2
		x := left
		for _, item := range line {
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
			x += m.legendItemWidth(item) + legendItemGap
		}
		base -= lh
	}
}
