package analysis

import (
	"slices"

	"gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/iterator"
)

// Gonum is g as gonum sees a weighted undirected graph (nodes 0 to N()−1), so that any of
// gonum's algorithms runs on relmap's own graph, without a copy: the tests cross-check the
// kernels through it (TestGonumCrossCheck, the Louvain tests). The weight of a node with
// itself, and of two nodes without an edge, is 0 (with ok false for the latter), as
// simple.NewWeightedUndirectedGraph(0, 0) gives; relmap's weights are all over 0.
func (g *Graph) Gonum() GonumGraph { return GonumGraph{g} }

// GonumGraph is a Graph seen as a graph.WeightedUndirected (Graph.Gonum).
type GonumGraph struct{ g *Graph }

var _ graph.WeightedUndirected = GonumGraph{}

// Node is the node id, nil when the graph has none.
func (x GonumGraph) Node(id int64) graph.Node {
	if id < 0 || id >= int64(x.g.N()) {
		return nil
	}
	return gonumNode(id)
}

// Nodes are 0 to N()−1, in order.
func (x GonumGraph) Nodes() graph.Nodes {
	return iterator.NewImplicitNodes(0, x.g.N(), func(id int) graph.Node { return gonumNode(id) })
}

// From are id's neighbours, in order.
func (x GonumGraph) From(id int64) graph.Nodes {
	if x.Node(id) == nil {
		return graph.Empty
	}
	row := x.g.Adj[x.g.Off[id]:x.g.Off[id+1]]
	nodes := make([]graph.Node, len(row))
	for i, u := range row {
		nodes[i] = gonumNode(u)
	}
	return iterator.NewOrderedNodes(nodes)
}

// weight is the weight of the edge between u and v, found by binary search in u's row (rows
// are sorted by neighbour).
func (x GonumGraph) weight(u, v int64) (float64, bool) {
	if x.Node(u) == nil || x.Node(v) == nil {
		return 0, false
	}
	lo := int(x.g.Off[u])
	i, ok := slices.BinarySearch(x.g.Adj[lo:x.g.Off[u+1]], int32(v))
	if !ok {
		return 0, false
	}
	return x.g.W[lo+i], true
}

// HasEdgeBetween reports whether u and v share an edge.
func (x GonumGraph) HasEdgeBetween(u, v int64) bool {
	_, ok := x.weight(u, v)
	return ok
}

// Edge is WeightedEdgeBetween(u, v).
func (x GonumGraph) Edge(u, v int64) graph.Edge { return x.WeightedEdgeBetween(u, v) }

// EdgeBetween is WeightedEdgeBetween(u, v).
func (x GonumGraph) EdgeBetween(u, v int64) graph.Edge { return x.WeightedEdgeBetween(u, v) }

// WeightedEdge is WeightedEdgeBetween(u, v).
func (x GonumGraph) WeightedEdge(u, v int64) graph.WeightedEdge { return x.WeightedEdgeBetween(u, v) }

// WeightedEdgeBetween is the edge from u to v with its weight, nil when there is none.
func (x GonumGraph) WeightedEdgeBetween(u, v int64) graph.WeightedEdge {
	w, ok := x.weight(u, v)
	if !ok {
		return nil
	}
	return gonumEdge{from: u, to: v, w: w}
}

// Weight is the weight between u and v: 0 for a node with itself, and 0 and false without an
// edge.
func (x GonumGraph) Weight(u, v int64) (float64, bool) {
	if u == v {
		return 0, true
	}
	return x.weight(u, v)
}

// gonumNode is a node of GonumGraph: its id, a Graph's index.
type gonumNode int64

func (n gonumNode) ID() int64 { return int64(n) }

// gonumEdge is an edge of GonumGraph, from one node to another, with its weight.
type gonumEdge struct {
	from, to int64
	w        float64
}

func (e gonumEdge) From() graph.Node         { return gonumNode(e.from) }
func (e gonumEdge) To() graph.Node           { return gonumNode(e.to) }
func (e gonumEdge) ReversedEdge() graph.Edge { return gonumEdge{from: e.to, to: e.from, w: e.w} }
func (e gonumEdge) Weight() float64          { return e.w }
