package chart

import (
	"bufio"
	"errors"
	"fmt"
	"image/color"
	"image/png"
	"io"
	"slices"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/recorder"

	"github.com/relmap/relmap/analysis"
)

// MapOptions says how the stakeholder map and the influence–reach plot are drawn, in any
// format (reports/pdf takes them too).
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

// mapPNGDPI is the resolution of WriteMapPNG: 8 × 6 inches is 1200 × 900 pixels.
const mapPNGDPI = 150

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

// scatter is what the stakeholder map and the influence–reach plot share: people drawn as
// points, lowest rank first so that the top people are drawn on top (dotPlotter); the top
// ones named where no two names overlap (placeLabels, labelPlotter); and a header — title,
// subtitle and legend — above the data area, so that the legend never covers a point
// (headerPlotter). Each plot's layout embeds one and tells it the rest as a scatterPlot.
type scatter struct {
	of       scatterPlot // the layout that embeds it
	labelled []int       // indices of the points to name, in rank order
	title    string
	subtitle []string // the parts of the subtitle, before the note on the labels
	// legend is the legend's entries, numbered as the plot's legendItemWidth takes them;
	// markHeight the height of the tallest mark an entry draws.
	legend     []int
	markHeight vg.Length
	reserved   headerLayout // the header as laid out for the plot's size, which sets its height
	edges      edgeCache    // the points' glyph boxes that pad the plot

	labelInk, titleInk, subtitleInk, legendInk ink
}

// scatterPlot is a plot's layout as what it shares with the other plot (scatter) sees it.
type scatterPlot interface {
	// points is how many points the plot draws; point is point i in data coordinates, with
	// its radius and colour; name is its label, empty for a point that gets none.
	points() int
	point(i int) (x, y float64, r vg.Length, col color.NRGBA)
	name(i int) string
	// softBoxes are the boxes of the fixed text inside the data area, which labels avoid
	// covering where they can.
	softBoxes(c draw.Canvas, plt *plot.Plot) []vg.Rectangle
	// legendItemWidth is the width of a legend entry. drawLegendItem draws one at x, its
	// marks centred on mid and its text on the baseline textBase, and returns where the
	// entry's width is then measured from: x, or further on when it moved x past what it drew
	// (the stakeholder map's "size = reach"; the entry after it stands that much further right).
	legendItemWidth(item int) vg.Length
	drawLegendItem(c draw.Canvas, item int, x, mid, textBase vg.Length) vg.Length
	// headerHeight is the height of the header laid out as hl, the gap below it included.
	// The two plots add its terms in a different order, which can change its last bit, and
	// with it the last digit of a coordinate: each keeps its own sum.
	headerHeight(hl headerLayout) vg.Length
}

// newScatter returns the shared part of a plot titled title whose legend's tallest mark is
// markHeight high, its inks in Liberation Sans.
func newScatter(title string, markHeight vg.Length) scatter {
	return scatter{
		title:       title,
		markHeight:  markHeight,
		labelInk:    newInk(8, false, labelInk),
		titleInk:    newInk(15, true, color.Black),
		subtitleInk: newInk(9.5, false, subtitleInk),
		legendInk:   newInk(9, false, subtitleInk),
	}
}

// useFonts makes the names and the header draw with the user's font, when one is given,
// and so the inks of more: the plot's own texts in its data area. Axis labels and ticks keep
// Liberation Sans: they are ASCII.
func (s *scatter) useFonts(f Fonts, more ...*ink) error {
	pf, err := f.plotFaces()
	if err != nil {
		return err
	}
	for _, k := range append([]*ink{&s.labelInk, &s.titleInk, &s.subtitleInk, &s.legendInk}, more...) {
		*k = pf.swap(*k)
	}
	return nil
}

// styleAxes sets both axes of p, their labels, ticks and lines, in Liberation Sans and grey.
func styleAxes(p *plot.Plot) {
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Font = sansFont(10, false)
		a.Label.TextStyle.Color = axisGrey
		a.Tick.Label.Font = sansFont(9, false)
		a.Tick.Label.Color = axisGrey
		a.LineStyle.Color = axisGrey
		a.Tick.LineStyle.Color = axisGrey
	}
}

// reserve lays the header out before p is drawn, since its height shapes the plot: broken
// for the width the data area will have at w × h, with the longest note on the labels. (The
// header takes no width, so the width does not depend on the height.)
func (s *scatter) reserve(p *plot.Plot, w, h vg.Length) {
	dc := p.DataCanvas(draw.NewCanvas(new(recorder.Canvas), w, h))
	widest := ""
	if n := len(s.labelled); n > 0 {
		widest = fmt.Sprintf("%d of the top %d named", n, n) // as labelNote, widest form
	}
	s.reserved = s.header(dc.Max.X-dc.Min.X, widest)
}

// placeLabels places the labels of the plot's top people on the data canvas c.
func (s *scatter) placeLabels(c draw.Canvas, plt *plot.Plot) (placed []placedLabel, unplaced int) {
	x, y := plt.Transforms(&c)
	dots := make([]labelDot, s.of.points())
	for i := range dots {
		px, py, r, _ := s.of.point(i)
		dots[i] = labelDot{at: vg.Point{X: x(px), Y: y(py)}, r: r, weight: 1}
	}
	targets := make([]labelTarget, len(s.labelled))
	for i, j := range s.labelled {
		dots[j].weight = labelledDotWeight
		targets[i] = labelTarget{text: s.of.name(j), dot: j}
	}
	return placeLabels(targets, dots, c.Rectangle, s.of.softBoxes(c, plt), s.labelInk)
}

// dotPlotter draws the people's points.
type dotPlotter struct{ s *scatter }

// Plot implements plot.Plotter.
func (d dotPlotter) Plot(c draw.Canvas, plt *plot.Plot) {
	x, y := plt.Transforms(&c)
	dots := make([]canvasDot, d.s.of.points())
	for i := range dots {
		px, py, r, col := d.s.of.point(i)
		dots[i] = canvasDot{vg.Point{X: x(px), Y: y(py)}, r, col}
	}
	drawDots(c, dots)
}

// GlyphBoxes implements plot.GlyphBoxer, so that a point on the edge of the window is not
// clipped: the boxes of the points that can reach furthest out (see edgeBoxes).
func (d dotPlotter) GlyphBoxes(plt *plot.Plot) []plot.GlyphBox {
	return d.s.edges.of(plt, func() []plot.GlyphBox {
		boxes := make([]plot.GlyphBox, d.s.of.points())
		for i := range boxes {
			px, py, r, _ := d.s.of.point(i)
			boxes[i] = plot.GlyphBox{
				X: plt.X.Norm(px), Y: plt.Y.Norm(py),
				Rectangle: vg.Rectangle{Min: vg.Point{X: -r, Y: -r}, Max: vg.Point{X: r, Y: r}},
			}
		}
		return boxes
	})
}

// labelPlotter draws the names of the top people where placeLabels put them.
type labelPlotter struct{ s *scatter }

// Plot implements plot.Plotter.
func (l labelPlotter) Plot(c draw.Canvas, plt *plot.Plot) {
	placed, _ := l.s.placeLabels(c, plt)
	drawLabels(c, placed, l.s.labelInk)
}
