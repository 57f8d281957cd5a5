package chart

import (
	"bytes"
	"fmt"
	"image/color"
	"io"
	"math"
	"strconv"
	"strings"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgsvg"

	"github.com/relmap/relmap/reports"
)

// svgCanvas is a vgsvg canvas that writes the points of a plot itself. vgsvg formats every
// number of every path with fmt, which for the 60 000 paths of a 30 000-person map takes
// longer than all the rest of the plot; svgCanvas writes the same bytes (see writeDot)
// several times faster. A plot's points go in as one batch, which leaves a marker path in
// vgsvg's output where they belong, and WriteTo puts them in its place.
type svgCanvas struct {
	*vgsvg.Canvas
	batches [][]canvasDot
	styles  map[color.NRGBA]*[2]string // fill and stroke styles of a point's colour
}

func newSVGCanvas(w, h vg.Length) *svgCanvas {
	return &svgCanvas{Canvas: vgsvg.New(w, h)}
}

// canvasDot is a point to draw: a translucent disc with an opaque rim (see drawDot).
type canvasDot struct {
	at  vg.Point
	r   vg.Length
	col color.NRGBA
}

// dotRim is the width of a point's rim.
var dotRim = vg.Points(0.6)

// dotFill is the fill of a point: its category colour at 60 % opacity, so that a crowd
// of points shows as a darker patch.
func dotFill(c color.NRGBA) color.NRGBA {
	c.A = 0x99
	return c
}

// drawDots draws the points in order, as drawDot each.
func drawDots(c draw.Canvas, dots []canvasDot) {
	if sc := canvasUnder[*svgCanvas](c.Canvas); sc != nil && len(dots) > 0 {
		sc.batches = append(sc.batches, dots)
		c.SetColor(color.Black)
		var marker vg.Path
		marker.Move(svgMarkerAt)
		c.Fill(marker)
		// Leave the canvas's state as drawing the last point would.
		c.SetLineStyle(draw.LineStyle{Color: dots[len(dots)-1].col, Width: dotRim})
		return
	}
	for _, d := range dots {
		drawDot(c, d.at, d.r, d.col)
	}
}

// canvasUnder returns the canvas of type T under c, or the zero T: plots wrap their canvas
// in draw.Canvas values, which pass every call through unchanged.
func canvasUnder[T vg.Canvas](c vg.Canvas) T {
	for {
		switch v := c.(type) {
		case T:
			return v
		case draw.Canvas:
			c = v.Canvas
		case *draw.Canvas:
			c = v.Canvas
		default:
			var zero T
			return zero
		}
	}
}

// svgMarkerAt is where the marker of a batch of points moves to: far off the drawing, so
// that its path data, `M-12345,-54321`, can be no other path's.
var svgMarkerAt = vg.Point{X: -12345, Y: -54321}

// WriteTo writes the SVG document, as vgsvg.Canvas.WriteTo does, with each batch of points
// in its place and every font-family of a style replaced by family.
func (c *svgCanvas) WriteTo(w io.Writer, family string) error {
	var doc bytes.Buffer
	if _, err := c.Canvas.WriteTo(&doc); err != nil {
		return err
	}
	out := doc.Bytes()
	fix := func(b []byte) error {
		// vgsvg writes the bare family name; names in text are escaped, so this attribute
		// prefix occurs only in style attributes. vgsvg writes text as it is given, U+FFFE
		// too: reports.XMLSafe keeps the document XML. The marker lines cut b between runes.
		_, err := w.Write(reports.XMLSafe(bytes.ReplaceAll(b, []byte(`style="font-family:Liberation Sans;`), []byte(`style="font-family:`+family+`;`))))
		return err
	}
	marker := []byte(`<path d="M-12345,-54321"`)
	var buf []byte
	for _, dots := range c.batches {
		i := bytes.Index(out, marker)
		j := bytes.IndexByte(out[max(i, 0):], '\n')
		if i < 0 || j < 0 {
			return fmt.Errorf("svg: the marker of %d points is missing", len(dots))
		}
		if err := fix(out[:i]); err != nil {
			return err
		}
		out = out[i+j+1:]
		for _, d := range dots {
			buf = c.writeDot(buf, d)
			if len(buf) >= 64<<10 {
				if _, err := w.Write(buf); err != nil {
					return err
				}
				buf = buf[:0]
			}
		}
		if _, err := w.Write(buf); err != nil {
			return err
		}
		buf = buf[:0]
	}
	return fix(out)
}

// writeDot appends what vgsvg writes for drawDot's two paths: the disc filled, then its rim
// stroked.
func (c *svgCanvas) writeDot(dst []byte, d canvasDot) []byte {
	st := c.styles[d.col]
	if st == nil {
		if c.styles == nil {
			c.styles = map[color.NRGBA]*[2]string{}
		}
		fill := dotFill(d.col)
		st = &[2]string{
			svgStyle(svgElm("fill", "#000000", svgColor(fill)), svgElm("fill-opacity", "1", svgOpacity(fill))),
			svgStyle(svgElm("fill", "#000000", "none"),
				svgElm("stroke", "none", svgColor(d.col)),
				svgElm("stroke-opacity", "1", svgOpacity(d.col)),
				svgElm("stroke-width", "1", fmt.Sprintf("%.*g", svgPrecision, dotRim.Points())),
				// No dashes: vgsvg writes none, and offset 0, as its defaults, so nothing.
			),
		}
		c.styles[d.col] = st
	}
	start := len(dst)
	dst = append(dst, `<path d="`...)
	dst = appendCirclePath(dst, d.at, d.r)
	dst = append(dst, `" `...)
	path := len(dst) // the path data and what follows it, up to the style
	dst = append(dst, st[0]...)
	dst = append(dst, " />\n"...)
	dst = append(dst, dst[start:path]...)
	dst = append(dst, st[1]...)
	return append(dst, " />\n"...)
}

// svgPrecision is vgsvg's precision of numbers: %.5g.
const svgPrecision = 5

// appendSVGNumber appends x as vgsvg writes it, with fmt's %.5g, which is strconv's 'g'
// format to 5 digits.
func appendSVGNumber(dst []byte, x float64) []byte {
	return strconv.AppendFloat(dst, x, 'g', svgPrecision, 64)
}

// appendCirclePath appends the path data vgsvg writes for drawDot's path: a move to the
// circle's rightmost point, then a full turn, which vgsvg writes as two half-circle arcs,
// then the close. It follows vgsvg's pathData and circle step by step, so that each number
// comes out the same to the last bit.
func appendCirclePath(dst []byte, at vg.Point, r vg.Length) []byte {
	start := vg.Point{X: at.X + r, Y: at.Y} // as path.Move
	x, y := start.X.Points(), start.Y.Points()
	dst = append(dst, 'M')
	dst = appendSVGNumber(dst, x)
	dst = append(dst, ',')
	dst = appendSVGNumber(dst, y)

	const turn = 2 * math.Pi // the arc's angle; it starts at 0
	rad := r.Points()
	sin, cos := math.Sincos(0)
	if x0, y0 := at.X.Points()+rad*cos, at.Y.Points()+rad*sin; x0 != x || y0 != y {
		dst = append(dst, 'L')
		dst = appendSVGNumber(dst, x0)
		dst = append(dst, ',')
		dst = appendSVGNumber(dst, y0)
	}
	angle := 2*math.Pi + (turn/(2*math.Pi)-math.Trunc(turn/(2*math.Pi)))*(2*math.Pi)
	s0, c0 := math.Sincos(0 + 0.5*angle)
	s1, c1 := math.Sincos(0 + angle)
	half := [2]vg.Point{
		{X: vg.Length(at.X.Points() + rad*c0), Y: vg.Length(at.Y.Points() + rad*s0)},
		{X: vg.Length(at.X.Points() + rad*c1), Y: vg.Length(at.Y.Points() + rad*s1)},
	}
	large, sweep := "0", "1"
	if math.Abs(angle/2) >= math.Pi {
		large = "1"
	}
	for _, p := range half {
		dst = append(dst, 'A')
		dst = appendSVGNumber(dst, rad)
		dst = append(dst, ',')
		dst = appendSVGNumber(dst, rad)
		dst = append(dst, " 0 "...)
		dst = append(dst, large...)
		dst = append(dst, ' ')
		dst = append(dst, sweep...)
		dst = append(dst, ' ')
		dst = appendSVGNumber(dst, float64(p.X))
		dst = append(dst, ',')
		dst = appendSVGNumber(dst, float64(p.Y))
	}
	return append(dst, 'Z')
}

// svgStyle, svgElm, svgColor and svgOpacity are vgsvg's style, elm, colorString and
// opacityString.
func svgStyle(elms ...string) string {
	var parts []string
	for _, e := range elms {
		if e != "" {
			parts = append(parts, e)
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return `style="` + strings.Join(parts, ";") + `"`
}

func svgElm(key, def, val string) string {
	if val == def {
		return ""
	}
	return key + ":" + val
}

func svgColor(c color.Color) string {
	r, g, b, a16 := c.RGBA()
	a := 255.0 / float64(a16)
	return fmt.Sprintf("#%02X%02X%02X", int(float64(r)*a), int(float64(g)*a), int(float64(b)*a))
}

func svgOpacity(c color.Color) string {
	_, _, _, a := c.RGBA()
	return fmt.Sprintf("%.*g", svgPrecision, float64(a)/math.MaxUint16)
}
