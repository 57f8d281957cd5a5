package reports

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"codeberg.org/go-pdf/fpdf"
	xfont "golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/relmap/relmap/analysis"
)

// PDFOptions says how a PDF is made.
type PDFOptions struct {
	// Fonts is the user's own font for the PDF's text (see Fonts); zero means the
	// MapOptions' Fonts, and when those are zero too, Liberation Sans.
	Fonts Fonts

	// Created is the PDF's creation and modification date. Zero means the Result's as-of
	// day at midnight UTC (1970-01-01 when that is unknown too), never the wall clock:
	// the same inputs give the same bytes.
	Created time.Time
}

// created returns the PDF's date for r.
func (po PDFOptions) created(r *analysis.Result) time.Time {
	switch {
	case !po.Created.IsZero():
		return po.Created.UTC()
	case !r.AsOf.IsZero():
		y, m, d := r.AsOf.UTC().Date()
		return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	}
	return time.Unix(0, 0).UTC()
}

// WriteMapPDF writes the stakeholder map of r to w as a one-page vector PDF the size of
// opt (8 × 6 inches by default). It is the map of StakeholderMap, drawn with fpdf and an
// embedded TrueType font (Liberation Sans, or po.Fonts) so that every name renders:
// gonum/plot's own PDF backend writes only Windows-1252 text. The same r, opt and po
// always give the same bytes.
func WriteMapPDF(w io.Writer, r *analysis.Result, opt MapOptions, po PDFOptions) (err error) {
	if r == nil {
		return errors.New("stakeholder map: no result")
	}
	opt = opt.withDefaults()
	if opt.Width <= 0 || opt.Height <= 0 {
		return fmt.Errorf("stakeholder map: size %v × %v is not positive", opt.Width, opt.Height)
	}
	d, err := newPDFDoc(fpdf.SizeType{Wd: opt.Width.Points(), Ht: opt.Height.Points()}, r, opt, po)
	if err != nil {
		return fmt.Errorf("stakeholder map: %w", err)
	}
	defer d.recover(&err, "stakeholder map")
	d.f.SetTitle("Stakeholder map of "+pdfText(shown(r.Ego.Name)), true)
	d.f.AddPage()
	if err := d.drawMap(r, opt, 0, 0, opt.Width.Points(), opt.Height.Points()); err != nil {
		return err
	}
	return d.output(w, "stakeholder map")
}

// pdfDoc is an fpdf document in points with the fonts relmap draws with.
type pdfDoc struct {
	f      *fpdf.Fpdf
	fonts  Fonts           // the user's font, or zero for Liberation Sans only
	loaded map[string]bool // fpdf font keys added so far: family + style
	images int
	// fallback is, with a user's font, what it lacks that Liberation Sans has: regular
	// and bold.
	fallback [2]*fallback
}

// Font families of a pdfDoc: Liberation Sans, and the user's font when given.
const (
	familyLiberation = "liberation"
	familyUser       = "user"
)

// newPDFDoc starts a PDF of pages of size, dated and made reproducible: fpdf then writes
// no random ids and sorts its resource catalogues, so the same drawing gives the same
// bytes.
func newPDFDoc(size fpdf.SizeType, r *analysis.Result, opt MapOptions, po PDFOptions) (*pdfDoc, error) {
	fonts := po.Fonts
	if !fonts.given() {
		fonts = opt.Fonts
	}
	var fb [2]*fallback
	if fonts.given() {
		var regular *sfnt.Font
		for i, b := range [][]byte{fonts.Regular, fonts.Bold} {
			if len(b) == 0 { // no bold: the regular font draws bold text too
				fb[i] = newFallback(regular, true)
				continue
			}
			if err := checkFontFile(b, true); err != nil {
				return nil, fmt.Errorf("font: %w", err)
			}
			sf, err := sfnt.Parse(b)
			if err != nil {
				return nil, fmt.Errorf("font: %w", err)
			}
			if i == 0 {
				regular = sf
			}
			fb[i] = newFallback(sf, i == 1)
		}
	}
	f := fpdf.NewCustom(&fpdf.InitType{UnitStr: "pt", Size: size})
	f.SetCatalogSort(true)
	f.SetCompression(true)
	t := po.created(r)
	f.SetCreationDate(t)
	f.SetModificationDate(t)
	f.SetCreator("relmap", true)
	f.SetMargins(0, 0, 0)
	f.SetAutoPageBreak(false, 0)
	return &pdfDoc{f: f, fonts: fonts, loaded: map[string]bool{}, fallback: fb}, nil
}

// runs splits s, to be written in family, between the user's font and Liberation Sans
// (see fallback); s is one run in Liberation Sans, or when the user's font has every
// character of it.
func (d *pdfDoc) runs(family string, bold bool, s string) []textRun {
	fb := d.fallback[0]
	if bold {
		fb = d.fallback[1]
	}
	if family != familyUser || fb == nil {
		return []textRun{{text: s, liberation: family == familyLiberation}}
	}
	return fb.runs(s)
}

// text writes s with its baseline starting at x, y in family at size points, regular or
// bold, which must be the current font; with a user's font, the characters it lacks in
// Liberation Sans. The current font is the same afterwards.
func (d *pdfDoc) text(x, y float64, s, family string, bold bool, size float64) {
	runs := d.runs(family, bold, s)
	if len(runs) == 1 && (family == familyLiberation) == runs[0].liberation {
		d.f.Text(x, y, s)
		return
	}
	for _, r := range runs {
		fam := family
		if r.liberation {
			fam = familyLiberation
		}
		d.setFont(fam, bold, size)
		d.f.Text(x, y, r.text)
		x += d.f.GetStringWidth(r.text)
	}
	d.setFont(family, bold, size)
}

// width is the width of s as text writes it, family at size points being the current
// font. Liberation Sans's runs are measured without making it current, so that measuring
// writes nothing to the page.
func (d *pdfDoc) width(s, family string, bold bool, size float64) float64 {
	runs := d.runs(family, bold, s)
	if len(runs) == 1 && (family == familyLiberation) == runs[0].liberation {
		return d.f.GetStringWidth(s)
	}
	fb := d.fallback[0]
	if bold {
		fb = d.fallback[1]
	}
	w := 0.0
	for _, r := range runs {
		if !r.liberation {
			w += d.f.GetStringWidth(r.text)
			continue
		}
		n := 0
		for _, c := range r.text {
			n += fb.liberation.width1000(c)
		}
		w += float64(n) * size / 1000
	}
	return w
}

// recover turns a panic inside fpdf (which may come from a font file it cannot read)
// into an error; a report writer must not bring the run down.
func (d *pdfDoc) recover(err *error, what string) {
	if p := recover(); p != nil {
		*err = fmt.Errorf("%s: PDF: %v", what, p)
	}
}

// output finishes the document and writes it to w.
func (d *pdfDoc) output(w io.Writer, what string) error {
	var buf bytes.Buffer
	if err := d.f.Output(&buf); err != nil {
		return fmt.Errorf("%s: PDF: %w", what, err)
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	return nil
}

// bodyFamily is the family of the report's own text: the user's font when given.
func (d *pdfDoc) bodyFamily() string {
	if d.fonts.given() {
		return familyUser
	}
	return familyLiberation
}

// setFont selects family at size points, regular or bold, adding the font file to the
// document on first use.
func (d *pdfDoc) setFont(family string, bold bool, size float64) {
	style := ""
	if bold {
		style = "B"
	}
	if key := family + style; !d.loaded[key] {
		data := Fonts{}.bytesFor(bold)
		if family == familyUser {
			data = d.fonts.bytesFor(bold)
		}
		d.f.AddUTF8FontFromBytes(family, style, data)
		d.loaded[key] = true
	}
	d.f.SetFont(family, style, size)
}

// drawMap draws the stakeholder map of r at x, y (its top left corner, in points from the
// page's top left) in a box of w × h points on the current page.
func (d *pdfDoc) drawMap(r *analysis.Result, opt MapOptions, x, y, w, h float64) error {
	opt.Fonts = d.fonts
	opt.Width, opt.Height = vg.Points(w), vg.Points(h)
	p, err := StakeholderMap(r, opt)
	if err != nil {
		return err
	}
	c := newPDFCanvas(d, x, y, h)
	p.Draw(draw.NewCanvas(c, opt.Width, opt.Height))
	c.finish()
	return nil
}

// pdfText makes s safe for fpdf's UTF-8 text: control characters become spaces, and
// characters outside the Basic Multilingual Plane (emoji, rare CJK), which fpdf's
// two-byte encoding cannot carry, become U+FFFD, so that a name made of them is not lost
// without a trace.
func pdfText(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return r > 0xffff || unicode.IsControl(r) }) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r > 0xffff:
			b.WriteRune('\uFFFD')
		case unicode.IsControl(r):
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

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
// embeds for f's typeface and weight — the user's font for userTypeface, Liberation Sans
// otherwise — so that the width gonum/plot measured is the width drawn.
func (c *pdfCanvas) FillString(f font.Face, pt vg.Point, s string) {
	s = pdfText(s)
	if f.Font.Size == 0 || s == "" {
		return
	}
	family := familyLiberation
	if f.Font.Typeface == userTypeface && c.d.fonts.given() {
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

// WritePDF writes report.pdf (SPEC §4): A4 portrait pages holding the title block (title,
// subtitle, inputs, summary and the people per zone), the stakeholder map of r drawn as
// vector graphics (the same drawing as WriteMapPDF, in the page's width), the changes since
// the last run when rep has them, each of rep's sections as a table, then data coverage,
// what the data cannot show and the method. Tables break across pages between rows, never
// within one, repeating their header row; long cells wrap within their column; numeric
// columns align right; a capped table says how many of how many it shows and where the
// full list is. Every page's footer has the report's title, the as-of date and "page X of
// Y"; each section is a bookmark in the document outline. Text is set in Liberation Sans
// (or the user's font, see Fonts), embedded, so that every name renders. The same
// arguments always give the same bytes.
func WritePDF(w io.Writer, rep *Report, r *analysis.Result, opt MapOptions, po PDFOptions) (err error) {
	if rep == nil || r == nil {
		return errors.New("report: no report")
	}
	opt = opt.withDefaults()
	d, err := newPDFDoc(fpdf.SizeType{Wd: a4Width, Ht: a4Height}, r, opt, po)
	if err != nil {
		return fmt.Errorf("report: %w", err)
	}
	defer d.recover(&err, "report")
	d.f.SetTitle(pdfText(rep.Title), true)
	p := &pdfFlow{d: d}
	p.newPage()

	p.titleBlock(rep, po.Created)
	if err := p.stakeholderMap(r, opt); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	for _, t := range rep.Sections {
		p.table(t, 0, t.FullIn)
	}
	if rep.Changes != nil { // SPEC §4's order: after the organisations
		p.changes(rep.Changes)
	} else {
		p.heading("Changes since the last run", styH1, 0, 2*styBody.lead)
		p.paragraph("This is the first run into this output folder: changes show from the next run on.", styNote, 0, "")
	}
	p.lines("Data coverage", rep.Coverage)
	p.lines("What the data cannot show", rep.Limits)
	p.lines("Method", rep.Method)

	foot := rep.Title
	if !r.AsOf.IsZero() {
		foot += " · as of " + date(r.AsOf)
	}
	p.footers(foot)
	return d.output(w, "report")
}

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
func (p *pdfFlow) titleBlock(rep *Report, made time.Time) {
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
		t := Table{Columns: []Column{{Name: "zone"}, {Name: "people", Numeric: true}}, Total: len(rep.Zones)}
		for _, z := range rep.Zones {
			t.Rows = append(t.Rows, []Cell{{Text: z.Name}, num2(float64(z.N))})
		}
		p.y += 8
		p.table(t, -1, "")
	}
}

// stakeholderMap draws the map in the page's width, on this page when it fits.
func (p *pdfFlow) stakeholderMap(r *analysis.Result, opt MapOptions) error {
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
func (p *pdfFlow) changes(cs *ChangesSection) {
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
func (p *pdfFlow) table(t Table, level int, fullList string) {
	widths := p.columnWidths(t, p.width(), level >= 0)
	head := make([]Cell, len(t.Columns))
	for i, c := range t.Columns {
		head[i] = Cell{Text: c.Name}
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
func (p *pdfFlow) rowHeight(cells []Cell, widths []float64, s textStyle) float64 {
	p.use(s)
	n := 1
	for i, c := range cells[:min(len(cells), len(widths))] {
		n = max(n, len(p.cellLines(c.Text, widths[i], s)))
	}
	return float64(n)*s.lead + 2*cellPadY
}

// row draws one row of a table h points tall at p.y, on fill when not nil.
func (p *pdfFlow) row(cells []Cell, cols []Column, widths []float64, s textStyle, h float64, fill *color.NRGBA) {
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
func (p *pdfFlow) columnWidths(t Table, width float64, stretch bool) []float64 {
	natural, least := p.measureColumns(t)
	fitWords(t, least, width)
	return shareWidths(t, natural, least, width, stretch)
}

// measureColumns is each column's natural width (the widest cell or header, unwrapped) and
// least (the widest word, up to maxWordWidth; for numbers, the widest value), without padding.
func (p *pdfFlow) measureColumns(t Table) (natural, least []float64) {
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
func fitWords(t Table, least []float64, width float64) {
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
func shareWidths(t Table, natural, least []float64, width float64, stretch bool) []float64 {
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
