package analysis

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestNewGraph(t *testing.T) {
	// 1e16+1 rounds back to 1e16, so the (0,1) weight shows the order of summation:
	// ((1e16 + 1) + 1) = 1e16 as given, whereas 1 + 1 + 1e16 would be 1e16+2.
	edges := []Edge{
		{U: 3, V: 1, W: 2},
		{U: 0, V: 1, W: 1e16},
		{U: 2, V: 2, W: 7}, // self-loop, dropped
		{U: 1, V: 0, W: 1},
		{U: 3, V: 0, W: 0.5},
		{U: 0, V: 1, W: 1},
		{U: 1, V: 3, W: 0.25},
	}
	g := NewGraph(5, edges)
	want := &Graph{
		Off: []int32{0, 2, 4, 4, 6, 6},
		Adj: []int32{1, 3, 0, 3, 0, 1},
		W:   []float64{1e16, 0.5, 1e16, 2.25, 0.5, 2.25},
	}
	if diff := cmp.Diff(want, g); diff != "" {
		t.Fatalf("NewGraph mismatch (-want +got):\n%s", diff)
	}
	if got := g.N(); got != 5 {
		t.Errorf("N() = %d, want 5", got)
	}
	if got := g.NumEdges(); got != 3 {
		t.Errorf("NumEdges() = %d, want 3", got)
	}
	for _, c := range []struct {
		v        int
		deg      int
		strength float64
	}{
		{0, 2, 1e16 + 0.5},
		{1, 2, 1e16 + 2.25},
		{2, 0, 0}, // only had a self-loop
		{3, 2, 2.75},
		{4, 0, 0},
	} {
		if got := g.Degree(c.v); got != c.deg {
			t.Errorf("Degree(%d) = %d, want %d", c.v, got, c.deg)
		}
		if got := g.Strength(c.v); got != c.strength {
			t.Errorf("Strength(%d) = %v, want %v", c.v, got, c.strength)
		}
	}
	for _, c := range []struct {
		u, v int
		w    float64
	}{
		{0, 1, 1e16}, {1, 0, 1e16}, {1, 3, 2.25}, {3, 1, 2.25}, {0, 3, 0.5},
		{0, 2, 0}, {2, 2, 0}, {4, 0, 0}, {1, 1, 0},
	} {
		if got := g.Weight(c.u, c.v); got != c.w {
			t.Errorf("Weight(%d, %d) = %v, want %v", c.u, c.v, got, c.w)
		}
	}
}

func TestNewGraphEmpty(t *testing.T) {
	g := NewGraph(0, nil)
	if g.N() != 0 || g.NumEdges() != 0 {
		t.Errorf("NewGraph(0, nil): N = %d, NumEdges = %d, want 0, 0", g.N(), g.NumEdges())
	}
	g = NewGraph(3, nil)
	if g.N() != 3 || g.NumEdges() != 0 || g.Degree(2) != 0 {
		t.Errorf("NewGraph(3, nil): N = %d, NumEdges = %d, Degree(2) = %d, want 3, 0, 0", g.N(), g.NumEdges(), g.Degree(2))
	}
}

func TestNewGraphPanics(t *testing.T) {
	for name, e := range map[string]Edge{
		"negative node": {U: -1, V: 1, W: 1},
		"node too big":  {U: 0, V: 3, W: 1},
		"zero weight":   {U: 0, V: 1, W: 0},
		"negative":      {U: 0, V: 1, W: -1},
		"NaN":           {U: 0, V: 1, W: math.NaN()},
		"infinite":      {U: 0, V: 1, W: math.Inf(1)},
	} {
		t.Run(name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Errorf("NewGraph(3, {%v}) did not panic", e)
				}
			}()
			NewGraph(3, []Edge{e})
		})
	}
}

// TestNewGraphRandom checks NewGraph against a map of summed weights on random multigraphs.
func TestNewGraphRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20 {
		n := 1 + rng.IntN(40)
		edges := make([]Edge, rng.IntN(200))
		want := map[[2]int32]float64{}
		for i := range edges {
			e := Edge{U: int32(rng.IntN(n)), V: int32(rng.IntN(n)), W: rng.Float64() + 0.01}
			edges[i] = e
			if e.U != e.V {
				want[[2]int32{min(e.U, e.V), max(e.U, e.V)}] += e.W
			}
		}
		g := NewGraph(n, edges)
		if g.N() != n || g.NumEdges() != len(want) || len(g.Off) != n+1 || len(g.W) != len(g.Adj) {
			t.Fatalf("n = %d: N = %d, NumEdges = %d, want %d", n, g.N(), g.NumEdges(), len(want))
		}
		for v := range n {
			row := g.Adj[g.Off[v]:g.Off[v+1]]
			if !slices.IsSorted(row) || len(slices.Compact(slices.Clone(row))) != len(row) {
				t.Fatalf("row %d = %v, want strictly ascending", v, row)
			}
			for i, u := range row {
				key := [2]int32{min(int32(v), u), max(int32(v), u)}
				if w := g.W[int(g.Off[v])+i]; w != want[key] {
					t.Errorf("weight of row %d entry %d = %v, want %v", v, u, w, want[key])
				}
			}
		}
		for k, w := range want {
			if got := g.Weight(int(k[0]), int(k[1])); got != w {
				t.Errorf("Weight(%d, %d) = %v, want %v", k[0], k[1], got, w)
			}
		}
	}
}

// G − x by without equals G − x built again from the edges, bit for bit, for every x of a
// random graph with duplicate edges.
func TestGraphWithout(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	const n = 60
	var edges []Edge
	for range 400 {
		edges = append(edges, Edge{U: int32(rng.IntN(n)), V: int32(rng.IntN(n)), W: rng.Float64() + 0.01})
	}
	g := NewGraph(n, edges)
	for x := range n {
		var sub []Edge
		for _, e := range edges {
			if int(e.U) == x || int(e.V) == x {
				continue
			}
			down := func(v int32) int32 {
				if int(v) > x {
					return v - 1
				}
				return v
			}
			sub = append(sub, Edge{U: down(e.U), V: down(e.V), W: e.W})
		}
		want := NewGraph(n-1, sub)
		got := g.without(x)
		if !slices.Equal(got.Off, want.Off) || !slices.Equal(got.Adj, want.Adj) || !slices.Equal(got.W, want.W) {
			t.Fatalf("without(%d) differs from the graph built again", x)
		}
	}
}
