package chart

import (
	"math/rand/v2"
	"testing"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// edgeBoxes keeps the boxes gonum/plot pads a plot by: on canvases of any width and height,
// the leftmost, rightmost, lowest and highest box among the kept ones is the one among all,
// found as gonum/plot finds it (the first of equals, strictly beyond the canvas).
func TestEdgeBoxes(t *testing.T) {
	rnd := rand.New(rand.NewPCG(7, 11))
	for trial := range 50 {
		boxes := make([]plot.GlyphBox, 1+rnd.IntN(400))
		for i := range boxes {
			r := vg.Length(2 + 5*rnd.Float64())
			if trial%2 == 0 {
				r = 3.5 // all alike, as on the influence-reach plot
			}
			boxes[i] = plot.GlyphBox{X: rnd.Float64()*1.2 - 0.1, Y: float64(rnd.IntN(20)) / 19,
				Rectangle: vg.Rectangle{Min: vg.Point{X: -r, Y: -r}, Max: vg.Point{X: r, Y: r}}}
		}
		kept := edgeBoxes(boxes)
		for _, size := range []vg.Length{50, 300, 1000} {
			c := draw.Canvas{Rectangle: vg.Rectangle{Min: vg.Point{X: 10, Y: 10}, Max: vg.Point{X: 10 + size, Y: 10 + size}}}
			for side, most := range []func(*draw.Canvas, []plot.GlyphBox) plot.GlyphBox{leftMostBox, rightMostBox, bottomMostBox, topMostBox} {
				if got, want := most(&c, kept), most(&c, boxes); got != want {
					t.Fatalf("trial %d, size %v, side %d: %+v from the %d kept boxes, want %+v from all %d",
						trial, size, side, got, len(kept), want, len(boxes))
				}
			}
		}
	}
}

// leftMostBox, rightMostBox, bottomMostBox and topMostBox are gonum/plot's leftMost,
// rightMost, bottomMost and topMost (plot.go), which it does not export.
func leftMostBox(c *draw.Canvas, boxes []plot.GlyphBox) plot.GlyphBox {
	minx, l := c.Min.X, plot.GlyphBox{}
	for _, b := range boxes {
		if b.Size().X <= 0 {
			continue
		}
		if x := c.X(b.X) + b.Min.X; x < minx && b.X >= 0 {
			minx, l = x, b
		}
	}
	return l
}

func rightMostBox(c *draw.Canvas, boxes []plot.GlyphBox) plot.GlyphBox {
	maxx, r := c.Max.X, plot.GlyphBox{X: 1}
	for _, b := range boxes {
		if b.Size().X <= 0 {
			continue
		}
		if x := c.X(b.X) + b.Min.X + b.Size().X; x > maxx && b.X <= 1 {
			maxx, r = x, b
		}
	}
	return r
}

func bottomMostBox(c *draw.Canvas, boxes []plot.GlyphBox) plot.GlyphBox {
	miny, l := c.Min.Y, plot.GlyphBox{}
	for _, b := range boxes {
		if b.Size().Y <= 0 {
			continue
		}
		if y := c.Y(b.Y) + b.Min.Y; y < miny && b.Y >= 0 {
			miny, l = y, b
		}
	}
	return l
}

func topMostBox(c *draw.Canvas, boxes []plot.GlyphBox) plot.GlyphBox {
	maxy, t := c.Max.Y, plot.GlyphBox{Y: 1}
	for _, b := range boxes {
		if b.Size().Y <= 0 {
			continue
		}
		if y := c.Y(b.Y) + b.Min.Y + b.Size().Y; y > maxy && b.Y <= 1 {
			maxy, t = y, b
		}
	}
	return t
}
