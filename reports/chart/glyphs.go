package chart

import (
	"math"
	"slices"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
)

// edgeBoxes returns the boxes of boxes, in their order, that can be the furthest out on
// some side of a plot of any size, which are all the boxes gonum/plot pads a plot by: it
// takes the leftmost box, the rightmost, the lowest and the highest (the first of equals),
// where a box's left edge lies at c.X(b.X) + b.Min.X for a canvas c of any width. A box
// whose X and left edge are both no less than another's is never leftmost, and so on for
// the other sides, so a plot of 30 000 points needs a dozen boxes, not 30 000 — which
// gonum/plot gathers, copies and scans four times for every drawing.
func edgeBoxes(boxes []plot.GlyphBox) []plot.GlyphBox {
	keep := make([]bool, len(boxes))
	// Each side as the two keys, norm and edge, to be minimised; and whether gonum/plot
	// considers the box for that side at all.
	sides := []func(b *plot.GlyphBox) (norm float64, edge vg.Length, ok bool){
		func(b *plot.GlyphBox) (float64, vg.Length, bool) { return b.X, b.Min.X, b.Size().X > 0 && b.X >= 0 },
		func(b *plot.GlyphBox) (float64, vg.Length, bool) { return -b.X, -b.Max.X, b.Size().X > 0 && b.X <= 1 },
		func(b *plot.GlyphBox) (float64, vg.Length, bool) { return b.Y, b.Min.Y, b.Size().Y > 0 && b.Y >= 0 },
		func(b *plot.GlyphBox) (float64, vg.Length, bool) { return -b.Y, -b.Max.Y, b.Size().Y > 0 && b.Y <= 1 },
	}
	for _, side := range sides {
		// Walk the Pareto front: the box of least norm (then edge, then index) among those
		// whose edge is below every box kept so far, until there is none. A front has a
		// handful of boxes, so this is a few passes.
		bound := vg.Length(math.Inf(1))
		for {
			best := -1
			var bn float64
			var be vg.Length
			for i := range boxes {
				n, e, ok := side(&boxes[i])
				if !ok || !(e < bound) {
					continue
				}
				if best < 0 || n < bn || n == bn && e < be {
					best, bn, be = i, n, e
				}
			}
			if best < 0 {
				break
			}
			keep[best] = true
			bound = be
		}
	}
	var out []plot.GlyphBox
	for i, k := range keep {
		if k {
			out = append(out, boxes[i])
		}
	}
	return out
}

// edgeCache remembers a plotter's edgeBoxes for the axes they were worked out for.
type edgeCache struct {
	axes  [4]float64
	boxes []plot.GlyphBox
	done  bool
}

// of returns edgeBoxes(all()) for plt's axes, working it out again only when they changed.
func (c *edgeCache) of(plt *plot.Plot, all func() []plot.GlyphBox) []plot.GlyphBox {
	axes := [4]float64{plt.X.Min, plt.X.Max, plt.Y.Min, plt.Y.Max}
	if !c.done || axes != c.axes {
		c.axes, c.boxes, c.done = axes, edgeBoxes(all()), true
	}
	return slices.Clone(c.boxes)
}
