package chart

import (
	"math"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

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

// drawLabels draws placed labels in k: leader lines first, so that none crosses a name,
// then each name on its white box. Both plots draw their names with it.
func drawLabels(c draw.Canvas, placed []placedLabel, k ink) {
	leader := draw.LineStyle{Color: axisGrey, Width: vg.Points(0.5)}
	for _, p := range placed {
		if p.leader != [2]vg.Point{} {
			c.StrokeLine2(leader, p.leader[0].X, p.leader[0].Y, p.leader[1].X, p.leader[1].Y)
		}
	}
	for _, p := range placed {
		c.FillPolygon(labelPaper, []vg.Point{
			p.box.Min, {X: p.box.Max.X, Y: p.box.Min.Y}, p.box.Max, {X: p.box.Min.X, Y: p.box.Max.Y},
		})
		k.draw(c, vg.Point{X: p.box.Min.X + labelPadX, Y: p.box.Min.Y + labelPadY + k.descent()}, p.text)
	}
}

// zoneText is a piece of fixed text inside the data area: a zone name or the note on the
// high-influence line. Labels avoid covering it where they can.
type zoneText struct {
	text     string
	baseline vg.Point
	box      vg.Rectangle
	ink      ink
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
