package pdf

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"slices"
	"strconv"

	"codeberg.org/go-pdf/fpdf"
	xfont "golang.org/x/image/font"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"

	"github.com/relmap/relmap/reports/chart"
)

// pdfCanvas is a vg.Canvas that draws with fpdf into a box of a page, so that gonum/plot
// lays out a plot and fpdf writes it with embedded UTF-8 fonts. Coordinates are
// gonum/plot's: points from the box's bottom left corner, y up. Arcs become Bézier
// curves and every transform is applied here, so any rotation or scale draws right.
type pdfCanvas struct {
	d      *pdfDoc
	ox, oy float64 // the box's top left corner on the page, in fpdf's points from the top left
	h      float64 // the box's height
	stack  []pdfState
	// set is what fpdf has been told last, so that unchanged state is not written again.
	set struct {
		valid  bool
		color  color.NRGBA
		alpha  float64
		width  vg.Length
		dashes []float64 // nil until set
		offset float64
	}
	pw  pathWriter   // the path being written, its buffer reused
	raw bytes.Reader // reads pw's buffer to fpdf
}

// pdfState is the drawing state that Push saves and Pop restores.
type pdfState struct {
	m      affine
	color  color.Color
	width  vg.Length
	dashes []vg.Length
	offset vg.Length
}

// affine maps (x, y) to (a·x + c·y + e, b·x + d·y + f).
type affine struct{ a, b, c, d, e, f float64 }

var identity = affine{a: 1, d: 1}

// then returns the transform that applies n first, then m.
func (m affine) then(n affine) affine {
	return affine{
		a: m.a*n.a + m.c*n.b, b: m.b*n.a + m.d*n.b,
		c: m.a*n.c + m.c*n.d, d: m.b*n.c + m.d*n.d,
		e: m.a*n.e + m.c*n.f + m.e, f: m.b*n.e + m.d*n.f + m.f,
	}
}

func (m affine) apply(p vg.Point) (float64, float64) {
	x, y := float64(p.X), float64(p.Y)
	return m.a*x + m.c*y + m.e, m.b*x + m.d*y + m.f
}

func newPDFCanvas(d *pdfDoc, ox, oy, h float64) *pdfCanvas {
	return &pdfCanvas{d: d, ox: ox, oy: oy, h: h,
		stack: []pdfState{{m: identity, color: color.Black, width: 1}}}
}

// finish leaves fpdf's state as the rest of the document expects it: opaque, solid lines.
func (c *pdfCanvas) finish() {
	c.d.f.SetAlpha(1, "Normal")
	c.d.f.SetDashPattern(nil, 0)
}

func (c *pdfCanvas) top() *pdfState { return &c.stack[len(c.stack)-1] }

// page returns the page coordinates of p.
func (c *pdfCanvas) page(p vg.Point) (float64, float64) {
	x, y := c.top().m.apply(p)
	return c.ox + x, c.oy + c.h - y
}

// SetLineWidth implements vg.Canvas.
func (c *pdfCanvas) SetLineWidth(w vg.Length) { c.top().width = w }

// SetLineDash implements vg.Canvas.
func (c *pdfCanvas) SetLineDash(dashes []vg.Length, offset vg.Length) {
	c.top().dashes, c.top().offset = append([]vg.Length(nil), dashes...), offset
}

// SetColor implements vg.Canvas.
func (c *pdfCanvas) SetColor(col color.Color) {
	if col == nil {
		col = color.Black
	}
	c.top().color = col
}

// Rotate implements vg.Canvas.
func (c *pdfCanvas) Rotate(rad float64) {
	s, co := math.Sincos(rad)
	c.top().m = c.top().m.then(affine{a: co, b: s, c: -s, d: co})
}

// Translate implements vg.Canvas.
func (c *pdfCanvas) Translate(p vg.Point) {
	c.top().m = c.top().m.then(affine{a: 1, d: 1, e: float64(p.X), f: float64(p.Y)})
}

// Scale implements vg.Canvas.
func (c *pdfCanvas) Scale(x, y float64) {
	c.top().m = c.top().m.then(affine{a: x, d: y})
}

// Push implements vg.Canvas.
func (c *pdfCanvas) Push() { c.stack = append(c.stack, *c.top()) }

// Pop implements vg.Canvas.
func (c *pdfCanvas) Pop() {
	if len(c.stack) > 1 {
		c.stack = c.stack[:len(c.stack)-1]
	}
}

// scale is how much the current transform scales lengths (its mean, for line widths
// and font sizes).
func (c *pdfCanvas) scale() float64 {
	m := c.top().m
	return math.Sqrt(math.Abs(m.a*m.d - m.b*m.c))
}

// useColor tells fpdf the current colour, for strokes, fills and text alike.
func (c *pdfCanvas) useColor() {
	n := color.NRGBAModel.Convert(c.top().color).(color.NRGBA)
	f := c.d.f
	if !c.set.valid || n.R != c.set.color.R || n.G != c.set.color.G || n.B != c.set.color.B {
		f.SetDrawColor(int(n.R), int(n.G), int(n.B))
		f.SetFillColor(int(n.R), int(n.G), int(n.B))
		f.SetTextColor(int(n.R), int(n.G), int(n.B))
	}
	if a := float64(n.A) / 255; !c.set.valid || a != c.set.alpha {
		f.SetAlpha(a, "Normal")
		c.set.alpha = a
	}
	c.set.color = n
	c.set.valid = true
}

// Stroke implements vg.Canvas.
func (c *pdfCanvas) Stroke(p vg.Path) {
	st := c.top()
	if st.width <= 0 || len(p) == 0 {
		return
	}
	c.useColor()
	f := c.d.f
	if w := st.width * vg.Length(c.scale()); w != c.set.width {
		f.SetLineWidth(float64(w))
		c.set.width = w
	}
	ds := make([]float64, len(st.dashes))
	for i, x := range st.dashes {
		ds[i] = float64(x) * c.scale()
	}
	if off := float64(st.offset) * c.scale(); c.set.dashes == nil || !slices.Equal(ds, c.set.dashes) || off != c.set.offset {
		f.SetDashPattern(ds, off)
		c.set.dashes, c.set.offset = ds, off
	}
	c.draw(p, "S")
}

// Fill implements vg.Canvas.
func (c *pdfCanvas) Fill(p vg.Path) {
	if len(p) == 0 {
		return
	}
	c.useColor()
	c.draw(p, "f")
}

// draw writes p and then op, the operator that paints it, when p has any segment.
//
// It writes the operators fpdf's MoveTo, LineTo, CurveBezierCubicTo, ClosePath and
// DrawPath write, byte for byte (see pathWriter), but all at once: a map's 30 000 points
// are 60 000 paths, and fpdf makes a string of every number. Unlike MoveTo and the rest, it
// leaves fpdf's current position alone, which relmap's PDFs never use: every text is
// placed explicitly.
func (c *pdfCanvas) draw(p vg.Path, op string) {
	_, h := c.d.f.GetPageSize()
	c.pw = pathWriter{buf: c.pw.buf[:0], k: c.d.f.GetConversionRatio(), h: h}
	if c.path(p) {
		c.pw.buf = append(c.pw.buf, op...)
		c.pw.buf = append(c.pw.buf, '\n')
	}
	if n := len(c.pw.buf); n > 0 {
		c.raw.Reset(c.pw.buf[:n-1])
		c.d.f.RawWriteBuf(&c.raw) // which ends the line
	}
}

// pathWriter writes path operators as fpdf writes them: page coordinates in points from
// the bottom left, to two decimals for moves and lines and five for curves.
type pathWriter struct {
	buf  []byte
	k, h float64 // fpdf's scale and page height, in its units
}

func (w *pathWriter) num(v float64, prec int) {
	w.buf = strconv.AppendFloat(w.buf, v, 'f', prec, 64)
	w.buf = append(w.buf, ' ')
}

func (w *pathWriter) moveTo(x, y float64) {
	w.num(x*w.k, 2)
	w.num((w.h-y)*w.k, 2)
	w.buf = append(w.buf, "m\n"...)
}

func (w *pathWriter) lineTo(x, y float64) {
	w.num(x*w.k, 2)
	w.num((w.h-y)*w.k, 2)
	w.buf = append(w.buf, "l\n"...)
}

func (w *pathWriter) curveTo(x1, y1, x2, y2, x, y float64) {
	w.num(x1*w.k, 5)
	w.num((w.h-y1)*w.k, 5)
	w.num(x2*w.k, 5)
	w.num((w.h-y2)*w.k, 5)
	w.num(x*w.k, 5)
	w.num((w.h-y)*w.k, 5)
	w.buf = append(w.buf, "c\n"...)
}

func (w *pathWriter) close() { w.buf = append(w.buf, "h\n"...) }

// path writes p as the current path to c.pw and reports whether it has any segment.
func (c *pdfCanvas) path(p vg.Path) bool {
	w := &c.pw
	var (
		start, cur vg.Point
		open       bool
		segments   int
	)
	moveTo := func(pt vg.Point) {
		w.moveTo(c.page(pt))
		start, cur, open = pt, pt, true
	}
	lineTo := func(pt vg.Point) {
		if !open {
			moveTo(pt)
			return
		}
		w.lineTo(c.page(pt))
		cur = pt
		segments++
	}
	curveTo := func(c1, c2, pt vg.Point) {
		if !open {
			moveTo(cur)
		}
		x1, y1 := c.page(c1)
		x2, y2 := c.page(c2)
		x, y := c.page(pt)
		w.curveTo(x1, y1, x2, y2, x, y)
		cur = pt
		segments++
	}
	for _, comp := range p {
		switch comp.Type {
		case vg.MoveComp:
			moveTo(comp.Pos)
		case vg.LineComp:
			lineTo(comp.Pos)
		case vg.ArcComp:
			// As vg.Path.Arc: a line to the arc's start, then the arc, in pieces of at most
			// a quarter turn, each a cubic Bézier curve.
			at := func(a float64) vg.Point {
				s, co := math.Sincos(a)
				return vg.Point{X: comp.Pos.X + comp.Radius*vg.Length(co), Y: comp.Pos.Y + comp.Radius*vg.Length(s)}
			}
			lineTo(at(comp.Start))
			n := max(1, int(math.Ceil(math.Abs(comp.Angle)/(math.Pi/2)-1e-9)))
			step := comp.Angle / float64(n)
			k := vg.Length(4.0 / 3 * math.Tan(step/4))
			for i := range n {
				a0 := comp.Start + float64(i)*step
				a1 := a0 + step
				p0, p3 := at(a0), at(a1)
				s0, c0 := math.Sincos(a0)
				s1, c1 := math.Sincos(a1)
				r := comp.Radius
				curveTo(vg.Point{X: p0.X - k*r*vg.Length(s0), Y: p0.Y + k*r*vg.Length(c0)},
					vg.Point{X: p3.X + k*r*vg.Length(s1), Y: p3.Y - k*r*vg.Length(c1)}, p3)
			}
		case vg.CurveComp:
			switch len(comp.Control) {
			case 1: // quadratic: raise to cubic
				q := comp.Control[0]
				curveTo(vg.Point{X: cur.X + 2*(q.X-cur.X)/3, Y: cur.Y + 2*(q.Y-cur.Y)/3},
					vg.Point{X: comp.Pos.X + 2*(q.X-comp.Pos.X)/3, Y: comp.Pos.Y + 2*(q.Y-comp.Pos.Y)/3}, comp.Pos)
			case 2:
				curveTo(comp.Control[0], comp.Control[1], comp.Pos)
			default:
				lineTo(comp.Pos)
			}
		case vg.CloseComp:
			if open {
				w.close()
				cur = start
			}
		}
	}
	return segments > 0
}

// FillString implements vg.Canvas: s with its baseline starting at pt, in the font fpdf
// embeds for f's typeface and weight — the user's font for chart.UserTypeface, Liberation Sans
// otherwise — so that the width gonum/plot measured is the width drawn.
func (c *pdfCanvas) FillString(f font.Face, pt vg.Point, s string) {
	s = pdfText(s)
	if f.Font.Size == 0 || s == "" {
		return
	}
	family := familyLiberation
	if f.Font.Typeface == chart.UserTypeface && c.d.fonts.Given() {
		family = familyUser
	}
	c.d.setFont(family, f.Font.Weight >= xfont.WeightBold, float64(f.Font.Size)*c.scale())
	c.useColor()
	x, y := c.page(pt)
	m := c.top().m
	if angle := math.Atan2(m.b, m.a); math.Abs(angle) > 1e-9 {
		c.d.f.TransformBegin()
		c.d.f.TransformRotate(angle*180/math.Pi, x, y)
		c.d.f.Text(x, y, s)
		c.d.f.TransformEnd()
		return
	}
	c.d.f.Text(x, y, s)
}

// DrawImage implements vg.Canvas; relmap's plots draw no images, but a plotter may.
func (c *pdfCanvas) DrawImage(rect vg.Rectangle, img image.Image) {
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		c.d.f.SetError(fmt.Errorf("image: %w", err))
		return
	}
	c.d.images++
	name := fmt.Sprintf("image%d", c.d.images)
	opt := fpdf.ImageOptions{ImageType: "png"}
	c.d.f.RegisterImageOptionsReader(name, opt, &buf)
	x0, y0 := c.page(vg.Point{X: rect.Min.X, Y: rect.Max.Y})
	x1, y1 := c.page(vg.Point{X: rect.Max.X, Y: rect.Min.Y})
	c.d.f.ImageOptions(name, x0, y0, x1-x0, y1-y0, false, opt, 0, "")
}
