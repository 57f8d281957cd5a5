package chart

import (
	"image"
	"image/color"
	"math"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// rasterCanvas is a vgimg canvas that also draws discs straight into its pixels (see disc):
// a map of 30 000 people drawn as 60 000 vector paths spends a second or more flattening and
// rasterising circles, and this well under a tenth of that. It knows where a point lands
// only while no transform is in effect, so it tracks Translate, Rotate and Scale, and
// drawDot draws a path while one is. Each PNG has its own canvas: nothing is shared.
type rasterCanvas struct {
	*vgimg.Canvas
	img       *image.RGBA
	dotsPerPt float64 // pixels per point
	height    float64 // of the image, in pixels
	moved     bool    // whether a transform is in effect
	saved     []bool  // moved at each Push
	luts      []*colourLUT
}

// newRasterCanvas returns a canvas of w × h at dpi dots per inch on white.
func newRasterCanvas(w, h vg.Length, dpi int) *rasterCanvas {
	c := vgimg.NewWith(vgimg.UseWH(w, h), vgimg.UseDPI(dpi))
	rc := &rasterCanvas{Canvas: c, dotsPerPt: float64(dpi) / vg.Inch.Points()}
	// vgimg draws on an *image.RGBA of its own unless given one; should that change, every
	// disc is drawn as a path instead.
	if img, ok := c.Image().(*image.RGBA); ok {
		rc.img = img
		rc.height = float64(img.Bounds().Dy())
	}
	return rc
}

// Translate implements vg.Canvas.
func (c *rasterCanvas) Translate(pt vg.Point) {
	c.moved = c.moved || pt != vg.Point{}
	c.Canvas.Translate(pt)
}

// Rotate implements vg.Canvas.
func (c *rasterCanvas) Rotate(rad float64) {
	c.moved = c.moved || rad != 0
	c.Canvas.Rotate(rad)
}

// Scale implements vg.Canvas.
func (c *rasterCanvas) Scale(x, y float64) {
	c.moved = c.moved || x != 1 || y != 1
	c.Canvas.Scale(x, y)
}

// Push implements vg.Canvas.
func (c *rasterCanvas) Push() {
	c.saved = append(c.saved, c.moved)
	c.Canvas.Push()
}

// Pop implements vg.Canvas.
func (c *rasterCanvas) Pop() {
	if n := len(c.saved); n > 0 {
		c.moved = c.saved[n-1]
		c.saved = c.saved[:n-1]
	}
	c.Canvas.Pop()
}

// disc draws a disc of radius r at at, filled with fill and edged by a line of width rim in
// the colour edge centred on its circumference — what filling and then stroking a circular
// path draws — and reports whether it could. Coverage is anti-aliased by the distance of
// each pixel's centre from the edge, which is within a few percent of the exact area a
// path rasteriser computes.
func (c *rasterCanvas) disc(at vg.Point, r vg.Length, fill, edge color.NRGBA, rim vg.Length) bool {
	if c.img == nil || c.moved {
		return false
	}
	s := c.dotsPerPt
	cx, cy := float64(at.X)*s, c.height-float64(at.Y)*s
	rad, half := float64(r)*s, float64(rim)*s/2
	inner, outer := rad-half, rad+half
	if !(rad > 0) || inner < 0 || !finite(cx) || !finite(cy) {
		return false
	}
	fr, fg, fb, fa := fill.RGBA()
	er, eg, eb, ea := edge.RGBA()
	lut := c.solid(fill)

	b := c.img.Bounds()
	y0 := max(int(math.Floor(cy-outer-1)), b.Min.Y)
	y1 := min(int(math.Ceil(cy+outer+1)), b.Max.Y)
	// Within solid of the centre a pixel is wholly inside the rim's inner edge, so takes
	// the fill alone; from clear on it is wholly outside the rim.
	solid := max(inner-0.5, 0)
	clear := outer + 0.5
	for y := y0; y < y1; y++ {
		dy := float64(y) + 0.5 - cy
		w2 := clear*clear - dy*dy
		if w2 <= 0 {
			continue
		}
		// Pixels x with |x + 0.5 − cx| < w.
		w := math.Sqrt(w2)
		xa := max(int(math.Ceil(cx-w-0.5)), b.Min.X)
		xb := min(int(math.Floor(cx+w-0.5))+1, b.Max.X)
		sa, sb := xa, xa // the solid span
		if v2 := solid*solid - dy*dy; v2 > 0 {
			v := math.Sqrt(v2)
			sa = min(max(int(math.Ceil(cx-v-0.5)), xa), xb)
			sb = max(min(int(math.Floor(cx+v-0.5))+1, xb), sa)
		}
		row := c.img.Pix[c.img.PixOffset(b.Min.X, y):]
		for x := xa; x < xb; x++ {
			i := 4 * (x - b.Min.X)
			p := row[i : i+4 : i+4]
			if x >= sa && x < sb {
				p[0], p[1], p[2], p[3] = lut[0][p[0]], lut[1][p[1]], lut[2][p[2]], lut[3][p[3]]
				continue
			}
			dx := float64(x) + 0.5 - cx
			d := math.Sqrt(dx*dx + dy*dy)
			fm, em := coverage(rad-d), coverage(outer-d)-coverage(inner-d)
			if p[3] == 0xff {
				// On opaque paper, painting over is mixing: cheaper in 8 bits.
				if fm > 0 {
					mix(p, fill, fm*float64(fill.A)/0xff)
				}
				if em > 0 {
					mix(p, edge, em*float64(edge.A)/0xff)
				}
				continue
			}
			if fm > 0 {
				over(p, fr, fg, fb, fa, uint32(fm*0xffff))
			}
			if em > 0 {
				over(p, er, eg, eb, ea, uint32(em*0xffff))
			}
		}
	}
	return true
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// solid returns what painting col over each 8-bit value of a pixel's channels gives,
// remembered per colour.
func (c *rasterCanvas) solid(col color.NRGBA) *[4][256]uint8 {
	for _, l := range c.luts {
		if l.col == col {
			return &l.lut
		}
	}
	l := &colourLUT{col: col}
	r, g, b, a := col.RGBA()
	var p [4]uint8
	for v := range 256 {
		p = [4]uint8{uint8(v), uint8(v), uint8(v), uint8(v)}
		over(p[:], r, g, b, a, 0xffff)
		for ch := range 4 {
			l.lut[ch][v] = p[ch]
		}
	}
	c.luts = append(c.luts, l)
	return &l.lut
}

// colourLUT is rasterCanvas.solid's table for one colour.
type colourLUT struct {
	col color.NRGBA
	lut [4][256]uint8
}

// coverage is the share of a pixel inside an edge whose distance from the pixel's centre is
// e (positive inside).
func coverage(e float64) float64 {
	return min(max(e+0.5, 0), 1)
}

// mix paints the opaque pixel p a share w of the way to the colour c, in 8 bits, which is
// what painting c over p with alpha w gives.
func mix(p []uint8, c color.NRGBA, w float64) {
	k := int32(w*256 + 0.5)
	p[0] = uint8(int32(p[0]) + (int32(c.R)-int32(p[0]))*k/256)
	p[1] = uint8(int32(p[1]) + (int32(c.G)-int32(p[1]))*k/256)
	p[2] = uint8(int32(p[2]) + (int32(c.B)-int32(p[2]))*k/256)
}

// over composites the premultiplied 16-bit colour r, g, b, a through the mask m onto the
// 8-bit RGBA pixel p, as image/draw's Over does.
func over(p []uint8, r, g, b, a, m uint32) {
	const full = 0xffff
	inv := full - a*m/full
	p[0] = uint8((uint32(p[0])*0x101*inv + r*m) / full >> 8)
	p[1] = uint8((uint32(p[1])*0x101*inv + g*m) / full >> 8)
	p[2] = uint8((uint32(p[2])*0x101*inv + b*m) / full >> 8)
	p[3] = uint8((uint32(p[3])*0x101*inv + a*m) / full >> 8)
}

// drawDot draws a translucent disc with an opaque rim of the same colour: straight into the
// pixels of a rasterCanvas, as a path on any other.
func drawDot(c draw.Canvas, at vg.Point, r vg.Length, col color.NRGBA) {
	rim := dotRim
	if rc := canvasUnder[*rasterCanvas](c.Canvas); rc != nil && rc.disc(at, r, dotFill(col), col, rim) {
		return
	}
	var path vg.Path
	path.Move(vg.Point{X: at.X + r, Y: at.Y})
	path.Arc(at, r, 0, 2*math.Pi)
	path.Close()
	c.SetColor(dotFill(col))
	c.Fill(path)
	c.SetLineStyle(draw.LineStyle{Color: col, Width: rim})
	c.Stroke(path)
}
