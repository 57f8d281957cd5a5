package chart

import (
	"fmt"
	"slices"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Header geometry: the gaps between the header's lines and below it, and the legend's
// marks.
const (
	headerGap       = vg.Length(4)
	headerGapBelow  = vg.Length(8)
	legendDotRadius = vg.Length(4)
	legendItemGap   = vg.Length(14)
	legendMarkGap   = vg.Length(3)
)

// headerLayout is a plot's header broken into lines to fit a width.
type headerLayout struct {
	subtitle []string // lines of the subtitle
	legend   [][]int  // lines of legend entries, as scatter.legend numbers them
}

// header breaks the subtitle (its parts, then note) and the legend into lines no wider
// than width, breaking only between parts and between entries.
func (s *scatter) header(width vg.Length, note string) headerLayout {
	parts := s.subtitle
	if note != "" {
		parts = append(slices.Clip(parts), note)
	}
	k := s.subtitleInk
	var hl headerLayout
	for _, line := range wrap(parts, k.width, k.width(" · "), width) {
		var ps []string
		for _, i := range line {
			ps = append(ps, parts[i])
		}
		hl.subtitle = append(hl.subtitle, strings.Join(ps, " · "))
	}
	for _, line := range wrap(s.legend, s.of.legendItemWidth, legendItemGap, width) {
		var row []int
		for _, i := range line {
			row = append(row, s.legend[i])
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

// legendLineHeight is the height of a line of the legend, tall enough for its tallest mark.
func (s *scatter) legendLineHeight() vg.Length {
	k := s.legendInk
	return max(s.markHeight, k.ascent()+k.descent())
}

// headerPlotter draws the title, the subtitle and the legend above the data area, flush
// with its left edge, so that the legend never covers a point.
type headerPlotter struct{ s *scatter }

// GlyphBoxes implements plot.GlyphBoxer: a box as tall as the header sitting on top of the
// data area makes the plot leave room for it.
func (h headerPlotter) GlyphBoxes(*plot.Plot) []plot.GlyphBox {
	height := h.s.of.headerHeight(h.s.reserved)
	return []plot.GlyphBox{{X: 0, Y: 1, Rectangle: vg.Rectangle{Max: vg.Point{Y: height}}}}
}

// Plot implements plot.Plotter.
func (h headerPlotter) Plot(c draw.Canvas, plt *plot.Plot) {
	s := h.s
	_, unplaced := s.placeLabels(c, plt)
	hl := s.header(c.Max.X-c.Min.X, labelNote(len(s.labelled), unplaced))

	left := c.Min.X
	top := c.Max.Y + s.of.headerHeight(s.reserved)
	base := top - s.titleInk.ascent()
	s.titleInk.draw(c, vg.Point{X: left, Y: base}, s.title)
	base -= s.titleInk.descent()
	k := s.subtitleInk
	for _, line := range hl.subtitle {
		base -= headerGap + k.ascent()
		k.draw(c, vg.Point{X: left, Y: base}, line)
		base -= k.descent()
	}

	k = s.legendInk
	lh := s.legendLineHeight()
	for _, line := range hl.legend {
		base -= headerGap
		mid := base - lh/2
		textBase := mid - (k.ascent()-k.descent())/2
		x := left
		for _, item := range line {
			x = s.of.drawLegendItem(c, item, x, mid, textBase)
			x += s.of.legendItemWidth(item) + legendItemGap
		}
		base -= lh
	}
}
