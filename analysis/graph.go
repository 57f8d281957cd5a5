package analysis

import (
	"fmt"
	"math"
	"slices"
)

// Edge is one undirected weighted edge between node indexes U and V.
type Edge struct {
	U, V int32
	W    float64
}

// Graph is an undirected weighted graph in compressed sparse row form, nodes 0..N()-1.
// Every edge is stored twice, once in each endpoint's row, with the same weight.
// The metric kernels (PageRank, PathMetrics, Burt) read it concurrently; nothing writes
// to it after NewGraph.
type Graph struct {
	Off []int32   // len N+1; neighbours of v are Adj[Off[v]:Off[v+1]], sorted ascending
	Adj []int32   // neighbour indexes, no duplicates, no self-loops
	W   []float64 // weight of each entry of Adj, > 0
}

// NewGraph builds the graph of n nodes from edges. Duplicate (u,v)/(v,u) edges have their
// weights summed in the order given, so both rows of a pair hold bit-identical weights;
// self-loops are dropped. It panics when an endpoint is outside [0,n) or a weight is not a
// finite number > 0: callers build edges from validated data, so either is a bug.
func NewGraph(n int, edges []Edge) *Graph {
	if n < 0 || n >= math.MaxInt32 {
		panic(fmt.Sprintf("analysis: NewGraph: %d nodes out of range", n))
	}
	for i, e := range edges {
		if e.U < 0 || int(e.U) >= n || e.V < 0 || int(e.V) >= n {
			panic(fmt.Sprintf("analysis: NewGraph: edge %d (%d,%d) outside 0..%d", i, e.U, e.V, n-1))
		}
		if !(e.W > 0) || math.IsInf(e.W, 1) {
			panic(fmt.Sprintf("analysis: NewGraph: edge %d (%d,%d) has weight %v, want finite > 0", i, e.U, e.V, e.W))
		}
	}

	// Count arcs per node; each non-loop edge gives one arc in each direction.
	deg := make([]int32, n+1)
	arcs := 0
	for _, e := range edges {
		if e.U == e.V {
			continue
		}
		deg[e.U]++
		deg[e.V]++
		arcs += 2
	}
	if arcs >= math.MaxInt32 {
		panic(fmt.Sprintf("analysis: NewGraph: %d arcs do not fit int32 offsets", arcs))
	}
	off := make([]int32, n+1)
	for v := range n {
		off[v+1] = off[v] + deg[v]
	}

	// Two stable counting sorts, by head then by tail, leave every row sorted by neighbour
	// with duplicates in input order: O(n + m) and the sums below are in the order given.
	next := slices.Clone(off[:n])
	byHeadTail := make([]int32, arcs)
	byHeadW := make([]float64, arcs)
	for _, e := range edges {
		if e.U == e.V {
			continue
		}
		byHeadTail[next[e.V]], byHeadW[next[e.V]] = e.U, e.W
		next[e.V]++
		byHeadTail[next[e.U]], byHeadW[next[e.U]] = e.V, e.W
		next[e.U]++
	}
	copy(next, off[:n])
	adj := make([]int32, arcs)
	w := make([]float64, arcs)
	for head := range n {
		for i := off[head]; i < off[head+1]; i++ {
			tail := byHeadTail[i]
			adj[next[tail]], w[next[tail]] = int32(head), byHeadW[i]
			next[tail]++
		}
	}

	// Merge runs of the same neighbour in place.
	k := int32(0)
	start := int32(0)
	for v := range n {
		end := off[v+1]
		for i := start; i < end; i++ {
			if i > start && adj[i] == adj[k-1] {
				w[k-1] += w[i]
				continue
			}
			adj[k], w[k] = adj[i], w[i]
			k++
		}
		start = end
		off[v+1] = k
	}
	return &Graph{Off: off, Adj: slices.Clip(adj[:k]), W: slices.Clip(w[:k])}
}

// without is g less node x, the nodes after it renumbered one down: the graph NewGraph builds
// from g's edges that do not touch x, bit for bit, without building it again.
func (g *Graph) without(x int) *Graph {
	n := g.N()
	out := &Graph{Off: make([]int32, n)}
	arcs := len(g.Adj) - 2*g.Degree(x)
	out.Adj, out.W = make([]int32, 0, arcs), make([]float64, 0, arcs)
	for v := range n {
		if v == x {
			continue
		}
		for e := g.Off[v]; e < g.Off[v+1]; e++ {
			switch u := g.Adj[e]; {
			case int(u) < x:
				out.Adj, out.W = append(out.Adj, u), append(out.W, g.W[e])
			case int(u) > x:
				out.Adj, out.W = append(out.Adj, u-1), append(out.W, g.W[e])
			}
		}
		j := v
		if v > x {
			j--
		}
		out.Off[j+1] = int32(len(out.Adj))
	}
	return out
}

// N returns the number of nodes.
func (g *Graph) N() int { return len(g.Off) - 1 }

// Degree returns the number of distinct neighbours of v.
func (g *Graph) Degree(v int) int { return int(g.Off[v+1] - g.Off[v]) }

// Strength returns the sum of the weights of the edges incident to v, added in ascending
// neighbour order; 0 for an isolated node.
func (g *Graph) Strength(v int) float64 {
	var s float64
	for _, x := range g.W[g.Off[v]:g.Off[v+1]] {
		s += x
	}
	return s
}

// Weight returns the weight of the edge between u and v, or 0 when there is none.
func (g *Graph) Weight(u, v int) float64 {
	if g.Degree(u) > g.Degree(v) {
		u, v = v, u
	}
	lo, hi := g.Off[u], g.Off[u+1]
	if i, ok := slices.BinarySearch(g.Adj[lo:hi], int32(v)); ok {
		return g.W[int(lo)+i]
	}
	return 0
}

// NumEdges returns the number of undirected edges.
func (g *Graph) NumEdges() int { return len(g.Adj) / 2 }
