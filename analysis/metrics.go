package analysis

import (
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"sort"
	"sync"
	"sync/atomic"
)

// PageRank returns the PageRank of every node of g, as networkx 2.8
// `pagerank(G, alpha, weight="weight")`: a random surfer follows an edge with probability
// proportional to its weight, teleports uniformly with probability 1−alpha, and leaves a
// dangling node (an isolated one, here) uniformly. Power iteration starts from 1/n and stops
// once the L1 change of an iteration is below n·tol (relmap uses tol = 1e-12) or after maxIter
// iterations, returning the last iterate either way (networkx raises instead). Scores lie in
// (0,1] and sum to 1 up to rounding. Each iteration costs O(n + m), in one goroutine: at
// 10⁶ edges a whole run takes a fraction of a second, and splitting it would change the
// order of the change sum that decides when to stop. The result is deterministic; nil when g
// has no nodes.
func PageRank(g *Graph, alpha, tol float64, maxIter int) []float64 {
	n := g.N()
	if n == 0 {
		return nil
	}
	inv := make([]float64, n) // 1/strength, the row normalisation of networkx's stochastic matrix
	var dangling []int32
	for v := range n {
		if s := g.Strength(v); s > 0 {
			inv[v] = 1 / s
		} else {
			dangling = append(dangling, int32(v))
		}
	}
	nf := float64(n)
	teleport := (1 - alpha) / nf
	x := make([]float64, n)
	for v := range x {
		x[v] = 1 / nf
	}
	next := make([]float64, n)
	out := make([]float64, n) // x[u]/strength(u): what u sends along each unit of weight
	for range maxIter {
		var lost float64
		for _, v := range dangling {
			lost += x[v]
		}
		lost /= nf
		for u := range n {
			out[u] = x[u] * inv[u]
		}
		var change float64
		for v := range n {
			var in float64
			for i := g.Off[v]; i < g.Off[v+1]; i++ {
				in += out[g.Adj[i]] * g.W[i]
			}
			r := alpha*(in+lost) + teleport
			change += math.Abs(r - x[v])
			next[v] = r
		}
		x, next = next, x
		if change < nf*tol {
			break
		}
	}
	return x
}

// betweennessShards is the number of partial betweenness sums PathMetrics keeps. It is fixed,
// not the worker count, so that the floating-point additions, and so the bits of the result,
// do not depend on how many goroutines ran; it also caps the useful parallelism.
const betweennessShards = 16

// PathMetrics runs one breadth-first search per source over g, ignoring weights (hop
// distance), and returns for every node:
//
//   - betweenness: the share of shortest paths between other pairs that pass through the
//     node, as networkx 2.8 `betweenness_centrality(G, normalized=True)` (Brandes 2001):
//     the sum over ordered pairs s≠t of σ_st(v)/σ_st, times 1/((n−1)(n−2)); range [0,1], all
//     zero when n ≤ 2;
//   - harmonic: the sum of 1/d(v,u) over the other nodes u (0 when unreachable), as networkx
//     `harmonic_centrality(G)`, divided by n−1; range [0,1], 0 when n ≤ 1;
//   - reach2: the share of the other n−1 nodes within 2 hops; range [0,1], 0 when n ≤ 1.
//
// Pendants — nodes of degree 1 whose neighbour has degree ≥ 2 — are taken out first
// (Baglioni et al. 2012, first round only): a pendant lies on no shortest path between
// others, every path from it runs through its neighbour a, and so the searches run over the
// rest, the core, with each core node t standing for 1 + p(t) targets (itself and its p(t)
// pendants), each source s counted 1 + p(s) times, and a credited with the pairs that start or
// end at its own pendants. A pendant's harmonic centrality and reach2 follow from a's search.
// The cost is O(c·a) for c core nodes and a arcs among them (O(n·m) with no pendants), on
// the 16-shard scheme below; a star costs one search.
//
// Sources are spread over workers goroutines (runtime.GOMAXPROCS(0) when workers ≤ 0, at
// most 16 used). The result is bit-for-bit the same for any worker count: source s adds its
// betweenness into shard s mod 16 (s numbered among core nodes), each shard takes its sources
// in ascending order, and the shards are summed in shard order. Memory is O(n) per worker
// plus 16 c floats of shards. It returns nil slices when g has no nodes.
func PathMetrics(g *Graph, workers int) (betweenness, harmonic, reach2 []float64) {
	n := g.N()
	if n == 0 {
		return nil, nil, nil
	}
	betweenness = make([]float64, n)
	harmonic = make([]float64, n)
	reach2 = make([]float64, n)
	if n == 1 {
		return betweenness, harmonic, reach2
	}

	pc := reducePendants(g)
	nc := pc.core.N()
	bc := make([]float64, nc)
	// Per core node: its own harmonic and reach2, and those of each of its pendants.
	hCore, rCore := make([]float64, nc), make([]float64, nc)
	hPend, rPend := make([]float64, nc), make([]float64, nc)
	others := float64(n - 1)
	inShard(nc, workers, func(sc *bfsScratch, shard, shards int, bc, _, _ []float64) {
		for s := shard; s < nc; s += shards {
			sc.search(pc.core, int32(s))
			hCore[s], rCore[s], hPend[s], rPend[s] = sc.pendantSums(pc, int32(s), others, bc)
			sc.accumulate(pc.core, pc.omega, pc.omega[s], bc)
			sc.reset()
		}
	}, bc, nil, nil)

	for c, v := range pc.node {
		betweenness[v], harmonic[v], reach2[v] = bc[c], hCore[c], rCore[c]
	}
	for v, a := range pc.attach {
		if a >= 0 {
			harmonic[v], reach2[v] = hPend[a], rPend[a]
		}
	}
	if n <= 2 {
		clear(betweenness) // networkx leaves them unscaled; they are zero anyway
		return betweenness, harmonic, reach2
	}
	scale := 1 / (float64(n-1) * float64(n-2))
	for v := range betweenness {
		betweenness[v] *= scale
	}
	return betweenness, harmonic, reach2
}

// pendantCore is a graph with its pendants taken out, for PathMetrics.
type pendantCore struct {
	core   *Graph    // the core, renumbered by subgraph; W is nil unless there are no pendants
	node   []int32   // original index of each core node
	pend   []float64 // p(c): how many pendants hang on core node c
	omega  []float64 // 1 + p(c): how many nodes core node c stands for
	attach []int32   // per original node: the core index of its neighbour when a pendant, else -1
}

// reducePendants splits g into its core and its pendants: degree-1 nodes whose neighbour has
// degree ≥ 2, so that both ends of an isolated edge stay in the core.
func reducePendants(g *Graph) *pendantCore {
	n := g.N()
	off, adj := g.Off, g.Adj
	pc := &pendantCore{attach: make([]int32, n)}
	keep := make([]bool, n)
	for v := range n {
		pc.attach[v] = -1
		keep[v] = true
		if off[v+1]-off[v] == 1 {
			if a := adj[off[v]]; off[a+1]-off[a] >= 2 {
				pc.attach[v] = a // an original index for now
				keep[v] = false
			}
		}
	}
	var index []int32
	pc.core, pc.node, index = subgraph(g, keep)
	nc := len(pc.node)
	pc.pend = make([]float64, nc)
	pc.omega = make([]float64, nc)
	for v, a := range pc.attach {
		if a >= 0 {
			pc.attach[v] = index[a]
			pc.pend[index[a]]++
		}
	}
	for c := range pc.omega {
		pc.omega[c] = 1 + pc.pend[c]
	}
	return pc
}

// subgraph returns the subgraph of g induced by the nodes with keep[v], without weights, its
// nodes renumbered in ascending order, with node[new] = old and index[old] = new (−1 for a node
// left out); g itself when every node is kept. Rows stay ascending.
//
// Renumbering in breadth-first order, to keep a search's scattered reads within fewer cache
// lines, was tried and measured slower on community-structured graphs numbered community by
// community: breadth-first levels mix communities.
func subgraph(g *Graph, keep []bool) (sg *Graph, node, index []int32) {
	n := g.N()
	off, adj := g.Off, g.Adj
	index = make([]int32, n)
	for v := range n {
		index[v] = -1
		if keep[v] {
			index[v] = int32(len(node))
			node = append(node, int32(v))
		}
	}
	if len(node) == n {
		return g, node, index
	}
	soff := make([]int32, len(node)+1)
	sadj := make([]int32, 0, len(adj))
	for c, v := range node {
		for _, x := range adj[off[v]:off[v+1]] {
			if i := index[x]; i >= 0 {
				sadj = append(sadj, i)
			}
		}
		soff[c+1] = int32(len(sadj))
	}
	return &Graph{Off: soff, Adj: slices.Clip(sadj)}, node, index
}

// PathMetricsSampled estimates what PathMetrics computes from k sources drawn without
// replacement by a PCG seeded with seed (Brandes & Pich 2007): betweenness as networkx
// `betweenness_centrality(G, k=k, normalized=True)`, the sample's dependencies scaled by n/k;
// harmonic and reach2 of every node from its distances to the sampled sources, scaled the same
// way and capped at 1. Each estimate is a mean of k terms in [0, n/(n−1)], so by Hoeffding's
// inequality it lies within SampleError(k, 0.05) of the exact value with 95 % confidence. With
// k ≥ n it returns PathMetrics. It costs O(k·m), the searches spread over workers goroutines
// as in PathMetrics, and it is deterministic for any worker count, as PathMetrics. Pendants
// are not taken out: they are sampled like any node.
func PathMetricsSampled(g *Graph, k int, seed uint64, workers int) (betweenness, harmonic, reach2 []float64) {
	n := g.N()
	if k >= n || n <= 2 {
		return PathMetrics(g, workers)
	}
	k = max(k, 1)
	rng := rand.New(rand.NewPCG(seed, seed^0x5eed))
	sources := rng.Perm(n)[:k]
	sort.Ints(sources)
	return sampledFrom(g, sources, workers)
}

// sampledFrom is PathMetricsSampled's estimate from the given sources, ascending.
func sampledFrom(g *Graph, sources []int, workers int) (betweenness, harmonic, reach2 []float64) {
	n, k := g.N(), len(sources)

	betweenness, harmonic, reach2 = make([]float64, n), make([]float64, n), make([]float64, n)
	ones := make([]float64, n)
	for v := range ones {
		ones[v] = 1
	}
	inShard(k, workers, func(sc *bfsScratch, shard, shards int, bc, hv, rv []float64) {
		for i := shard; i < k; i += shards {
			sc.search(g, int32(sources[i]))
			sc.distanceSums(hv, rv)
			sc.accumulate(g, ones, 1, bc)
			sc.reset()
		}
	}, betweenness, harmonic, reach2)
	up := float64(n) / float64(k)
	bscale := up / (float64(n-1) * float64(n-2))
	for v := range betweenness {
		betweenness[v] *= bscale
		harmonic[v] = min(1, harmonic[v]*up/float64(n-1))
		reach2[v] = min(1, reach2[v]*up/float64(n-1))
	}
	return betweenness, harmonic, reach2
}

// SampleError is the half-width of the interval that holds a sampled estimate of
// PathMetricsSampled with the given confidence (0.95 → δ = 0.05): √(ln(2/δ) / 2k), Hoeffding's
// bound for a mean of k terms in [0, 1].
func SampleError(k int, delta float64) float64 {
	return math.Sqrt(math.Log(2/delta) / (2 * float64(k)))
}

// inShard runs work over a fixed number of shards (min(16, items)) on workers goroutines, each
// shard with its own partial sums of bc, hv and rv (a nil one is not kept), and adds the
// partials into them in shard order: the result is bit-for-bit the same for any worker count.
// The scratch given to work is sized for len(bc) nodes.
func inShard(items, workers int, work func(sc *bfsScratch, shard, shards int, bc, hv, rv []float64), bc, hv, rv []float64) {
	n := len(bc)
	shards := min(betweennessShards, items)
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = min(workers, shards)
	partial := func(sum []float64) []float64 {
		if sum == nil {
			return nil
		}
		return make([]float64, n)
	}
	type part struct{ bc, hv, rv []float64 }
	parts := make([]part, shards)
	var claimed atomic.Int32
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			sc := newBFSScratch(n)
			for {
				j := int(claimed.Add(1)) - 1
				if j >= shards {
					return
				}
				p := part{partial(bc), partial(hv), partial(rv)}
				work(sc, j, shards, p.bc, p.hv, p.rv)
				parts[j] = p
			}
		})
	}
	wg.Wait()
	for _, p := range parts {
		for _, sum := range [][2][]float64{{bc, p.bc}, {hv, p.hv}, {rv, p.rv}} {
			for v, x := range sum[1] {
				sum[0][v] += x
			}
		}
	}
}

// bfsScratch is one worker's state for the searches, reused across sources: only the nodes a
// search reached are reset after it.
type bfsScratch struct {
	seen   []bool    // reached by the search
	sigma  []float64 // number of shortest paths from the source; 0 when not reached
	coeff  []float64 // (ω(v) + δ(v)) / σ(v), Brandes' dependency passed to predecessors; 0 until set
	order  []int32   // nodes in the order reached, so by non-decreasing distance
	sum    []float64 // per position in order: Σ coeff over the node's successors
	levels []int32   // order[levels[d]:levels[d+1]] are the nodes at distance d
	tail   int       // how many nodes the last search reached
}

func newBFSScratch(n int) *bfsScratch {
	sc := &bfsScratch{
		seen:  make([]bool, n),
		sigma: make([]float64, n),
		coeff: make([]float64, n),
		order: make([]int32, n),
		sum:   make([]float64, n),
	}
	return sc
}

// search runs a breadth-first search from s over g, counting shortest paths level by level:
// expanding level d finds level d+1 and, in the same pass over the rows, pulls each level-d
// node's σ from all its neighbours. Neighbours of a node at distance d lie at d−1, d or d+1
// and σ is still 0 at d and d+1 while level d sums (the level's σ is set once all of it has
// summed), so the sum needs no test of the neighbours' distances; the only branch is the
// rarely taken one for a newly found node. σ is a count of paths, a whole number summed
// exactly while below 2⁵³.
func (sc *bfsScratch) search(g *Graph, s int32) {
	off, adj := g.Off, g.Adj
	seen, sigma, order, sum := sc.seen, sc.sigma, sc.order, sc.sum
	seen[s], sigma[s] = true, 1
	order[0] = s
	tail := 1
	levels := append(sc.levels[:0], 0, 1)
	for lo, hi := 0, 1; lo < hi; lo, hi = hi, tail {
		if lo > 0 {
			levels = append(levels, int32(hi))
		}
		for i := lo; i < hi; i++ {
			var sv float64
			for _, x := range adj[off[order[i]]:off[order[i]+1]] {
				sv += sigma[x]
				if !seen[x] {
					seen[x] = true
					order[tail] = x
					tail++
				}
			}
			sum[i] = sv
		}
		if lo > 0 {
			for i := lo; i < hi; i++ {
				sigma[order[i]] = sum[i]
			}
		}
	}
	sc.levels, sc.tail = levels, tail
}

// accumulate adds to bc[w], for every node w the last search reached other than its source,
// ws·δ(w), where δ(w) = Σ_t ω(t) σ_st(w)/σ_st is the dependency of the source on w with node
// t standing for ω(t) targets (Brandes' recursion, pulled from successors level by level:
// δ(w) = σ(w) Σ_{x: d(x)=d(w)+1} (ω(x) + δ(x)) / σ(x)).
//
// Neighbours of a node at distance d lie at d−1, d or d+1, and coeff is still 0 at d−1 and d
// while level d sums, so the sum runs over all neighbours with no test of their distance; the
// level's coefficients are set only once all of it has summed. Adding the zeros leaves every
// sum with the bits of a sum over the successors alone.
func (sc *bfsScratch) accumulate(g *Graph, omega []float64, ws float64, bc []float64) {
	off, adj := g.Off, g.Adj
	sigma, coeff, order, sum, levels := sc.sigma, sc.coeff, sc.order, sc.sum, sc.levels
	for d := len(levels) - 2; d >= 1; d-- {
		lo, hi := levels[d], levels[d+1]
		if d < len(levels)-2 {
			for i := lo; i < hi; i++ {
				w := order[i]
				var s float64
				for _, x := range adj[off[w]:off[w+1]] {
					s += coeff[x]
				}
				sum[i] = s
			}
		} else {
			clear(sum[lo:hi]) // the last level has no successors
		}
		for i := lo; i < hi; i++ {
			w := order[i]
			delta := sigma[w] * sum[i]
			coeff[w] = (omega[w] + delta) / sigma[w]
			bc[w] += ws * delta
		}
	}
}

// distanceSums adds 1/d(s,v) to hv[v] and, for d(s,v) ≤ 2, 1 to rv[v] for every node v other
// than the source s that the last search reached: what a sample of sources needs to estimate
// every node's harmonic centrality and reach2 (the graph is undirected, so d(s,v) = d(v,s)).
func (sc *bfsScratch) distanceSums(hv, rv []float64) {
	for d := 1; d < len(sc.levels)-1; d++ {
		inv := 1 / float64(d)
		for _, v := range sc.order[sc.levels[d]:sc.levels[d+1]] {
			hv[v] += inv
			if d <= 2 {
				rv[v]++
			}
		}
	}
}

// pendantSums returns, from the last search (from core node s of pc), the harmonic
// centrality and reach2 of s and of each of its pendants, all divided by others = n−1. When
// s has pendants it also adds to bc[s] the ordered pairs on which s lies because one end is
// its pendant: 2 p(s)(r − 2) − p(s)(p(s) − 1) for r nodes in s's component, the pairs between
// two of its pendants having been counted from both ends.
//
// With c_d core nodes and q_d pendants of core nodes at distance d from s, a pendant of s sees
// s at 1, its p(s) − 1 fellows at 2, and everything else one hop further than s does.
func (sc *bfsScratch) pendantSums(pc *pendantCore, s int32, others float64, bc []float64) (hs, rs, hp, rp float64) {
	ps := pc.pend[s]
	levels, order := sc.levels, sc.order
	hs = ps
	hp = 1 + (ps-1)/2
	var within1, within2, pendants float64
	for d := 1; d < len(levels)-1; d++ {
		lo, hi := levels[d], levels[d+1]
		count := float64(hi - lo)
		var q float64
		for _, v := range order[lo:hi] {
			q += pc.pend[v]
		}
		df := float64(d)
		hs += count / df
		hs += q / (df + 1)
		hp += count/(df+1) + q/(df+2)
		pendants += q
		if d == 1 {
			within1 = count
			within2 = count + q
		} else if d == 2 {
			within2 += count
		}
	}
	if ps > 0 {
		r := float64(sc.tail) + pendants + ps
		bc[s] += 2*ps*(r-2) - ps*(ps-1)
	}
	return hs / others, (ps + within2) / others, hp / others, (within1 + ps) / others
}

// reset readies the scratch for the next search, touching only what the last one reached.
func (sc *bfsScratch) reset() {
	for _, v := range sc.order[:sc.tail] {
		sc.seen[v], sc.sigma[v], sc.coeff[v] = false, 0, 0
	}
}

// Burt returns Burt's (1992) constraint and effective size of every node of g, as networkx 2.8
// `constraint(G, weight="weight")` and `effective_size(G, weight="weight")`. With
// p(v,u) = w(v,u)/strength(v) and m(u,x) = w(u,x)/max_y w(u,y):
//
//   - constraint(v) = Σ_{u∈N(v)} (p(v,u) + Σ_{x∈N(v)} p(v,x) p(x,u))², in (0,4): 1 for a
//     single contact, lower for many unconnected contacts, higher when the contacts are tied
//     to one another (9/8 for a triangle);
//   - effectiveSize(v) = Σ_{u∈N(v)} (1 − Σ_{x∈N(v), x≠u} p(v,x) m(u,x)), in [1, degree(v)]
//     for a node with any contact (the number of contacts less their redundancy); networkx's
//     unweighted n − 2t/n shortcut is not used because relmap always passes weights.
//
// The mutual weight of an undirected edge is 2w and the factor cancels in p and m. Sums run
// over ascending neighbour index. Both are NaN for an isolated node, as in networkx. It
// costs O(Σ_{edges uv} min(d(u), d(v)) · log) — for every edge the shorter of its two rows is
// walked, the longer binary-searched — with the nodes spread over runtime.GOMAXPROCS(0)
// goroutines; each node's values are summed by one goroutine in a fixed order, so they do not
// depend on the number of cores. It returns nil slices when g has no nodes.
func Burt(g *Graph) (constraint, effectiveSize []float64) {
	n := g.N()
	if n == 0 {
		return nil, nil
	}
	off, wt := g.Off, g.W
	strength := make([]float64, n)
	maxW := make([]float64, n)
	for v := range n {
		strength[v] = g.Strength(v)
		for _, x := range wt[off[v]:off[v+1]] {
			maxW[v] = max(maxW[v], x)
		}
	}
	constraint = make([]float64, n)
	effectiveSize = make([]float64, n)

	parallelBlocks(n, 256, 0, func() func(lo, hi int) {
		// p holds p(v,x) for the neighbours x of the current ego v, marked by owner[x] == v,
		// so neither needs clearing between egos.
		p := make([]float64, n)
		owner := make([]int32, n)
		for x := range owner {
			owner[x] = -1
		}
		return func(lo, hi int) {
			for v := int32(lo); v < int32(hi); v++ {
				constraint[v], effectiveSize[v] = burtEgo(g, v, strength, maxW, p, owner)
			}
		}
	})
	return constraint, effectiveSize
}

// burtEgo returns Burt's constraint and effective size of v, with p and owner as in Burt.
func burtEgo(g *Graph, v int32, strength, maxW, p []float64, owner []int32) (constraint, effectiveSize float64) {
	off, adj, wt := g.Off, g.Adj, g.W
	lo, hi := off[v], off[v+1]
	if lo == hi {
		return math.NaN(), math.NaN()
	}
	for i := lo; i < hi; i++ {
		p[adj[i]] = wt[i] / strength[v]
		owner[adj[i]] = v
	}
	var c, e float64
	for i := lo; i < hi; i++ {
		u := adj[i]
		ulo, uhi := off[u], off[u+1]
		// Common neighbours x of v and u, ascending: scan u's row, checking owner, unless it
		// is much longer than v's (a branchy search costs some eight sequential checks).
		var indirect, redundant float64
		if uhi-ulo <= 8*(hi-lo) {
			for j := ulo; j < uhi; j++ {
				if x := adj[j]; owner[x] == v {
					indirect += p[x] * (wt[j] / strength[x])
					redundant += p[x] * (wt[j] / maxW[u])
				}
			}
		} else {
			// Gallop through u's row: v's row is ascending, so each search starts where the
			// last one ended, O(d(v) log(d(u)/d(v))) for the whole row.
			urow := adj[ulo:uhi]
			for _, x := range adj[lo:hi] {
				step := 1
				for step < len(urow) && urow[step-1] < x {
					step *= 2
				}
				j, ok := slices.BinarySearch(urow[:min(step, len(urow))], x)
				if ok {
					w := wt[int(uhi)-len(urow)+j]
					indirect += p[x] * (w / strength[x])
					redundant += p[x] * (w / maxW[u])
				}
				if urow = urow[j:]; len(urow) == 0 {
					break
				}
			}
		}
		local := p[u] + indirect
		c += local * local
		e += 1 - redundant
	}
	return c, e
}

// Reach2 returns, for every node of g, the share of the other n−1 nodes within 2 hops: the
// reach2 of PathMetrics, as networkx `len(single_source_shortest_path_length(G, v, cutoff=2))
// − 1` over n−1 or igraph `neighborhood_size(order=2) − 1` over n−1; range [0,1], 0 when
// n ≤ 1. It costs O(Σ_v degree(v)²), far less than a search from every node, and is exact
// where PathMetricsSampled's reach2 is an estimate. Nodes are spread over workers goroutines
// (runtime.GOMAXPROCS(0) when workers ≤ 0); every value is an integer count divided once, so
// the result does not depend on the worker count. Nil when g has no nodes.
func Reach2(g *Graph, workers int) []float64 {
	n := g.N()
	if n == 0 {
		return nil
	}
	reach := make([]float64, n)
	if n == 1 {
		return reach
	}
	others := float64(n - 1)
	const block = 256
	parallelBlocks(n, block, workers, func() func(lo, hi int) {
		// seen[x] == mark: x already counted for the current node. Bytes, not node numbers,
		// keep the array small enough to stay in cache; it is cleared every 255 nodes.
		seen := make([]uint8, n)
		mark := uint8(0)
		return func(lo, hi int) {
			off, adj := g.Off, g.Adj
			for v := lo; v < hi; v++ {
				if mark == math.MaxUint8 {
					clear(seen)
					mark = 0
				}
				mark++
				seen[v] = mark
				count := 0
				for _, u := range adj[off[v]:off[v+1]] {
					if seen[u] != mark {
						seen[u] = mark
						count++
					}
					for _, x := range adj[off[u]:off[u+1]] {
						if seen[x] != mark {
							seen[x] = mark
							count++
						}
					}
				}
				reach[v] = float64(count) / others
			}
		}
	})
	return reach
}

// parallelBlocks calls the function made by newWorker on blocks [lo,hi) of block items
// covering [0,n), on workers goroutines (runtime.GOMAXPROCS(0) when workers ≤ 0), each with
// its own state from newWorker. The blocks must write disjoint outputs.
func parallelBlocks(n, block, workers int, newWorker func() func(lo, hi int)) {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	blocks := (n + block - 1) / block
	workers = max(1, min(workers, blocks))
	var claimed atomic.Int32
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			work := newWorker()
			for {
				j := int(claimed.Add(1)) - 1
				if j >= blocks {
					return
				}
				work(j*block, min(n, (j+1)*block))
			}
		})
	}
	wg.Wait()
}
