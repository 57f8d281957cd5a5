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
// (0,1] and sum to 1 up to rounding. The result is deterministic; nil when g has no nodes.
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
// Sources are spread over workers goroutines (runtime.GOMAXPROCS(0) when workers ≤ 0, at
// most 16 used). The result is bit-for-bit the same for any worker count: source s adds its
// betweenness into shard s mod 16, each shard takes its sources in ascending order, and the
// shards are summed in shard order. Memory is O(n) per worker plus 16 n floats of shards.
// It returns nil slices when g has no nodes.
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

	inShard(n, workers, func(sc *bfsScratch, shard, shards int, bc, _, _ []float64) {
		for s := shard; s < n; s += shards {
			harmonic[s], reach2[s] = sc.source(g, int32(s), bc, nil, nil)
		}
	}, betweenness, nil, nil)
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

// PathMetricsSampled estimates what PathMetrics computes from k sources drawn without
// replacement by a PCG seeded with seed (Brandes & Pich 2007): betweenness as networkx
// `betweenness_centrality(G, k=k, normalized=True)`, the sample's dependencies scaled by n/k;
// harmonic and reach2 of every node from its distances to the sampled sources, scaled the same
// way and capped at 1. Each estimate is a mean of k terms in [0, n/(n−1)], so by Hoeffding's
// inequality it lies within SampleError(k, 0.05) of the exact value with 95 % confidence. With
// k ≥ n it returns PathMetrics. Deterministic for any worker count, as PathMetrics.
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
	inShard(k, workers, func(sc *bfsScratch, shard, shards int, bc, hv, rv []float64) {
		for i := shard; i < k; i += shards {
			sc.source(g, int32(sources[i]), bc, hv, rv)
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

// bfsScratch is one worker's state for PathMetrics, reused across sources: only the nodes a
// search reached are reset after it.
type bfsScratch struct {
	dist  []int32   // hops from the source; -1 when not reached
	sigma []float64 // number of shortest paths from the source
	coeff []float64 // (1 + δ(v)) / σ(v), Brandes' dependency passed to predecessors
	order []int32   // nodes in the order reached, so by non-decreasing distance
}

func newBFSScratch(n int) *bfsScratch {
	sc := &bfsScratch{
		dist:  make([]int32, n),
		sigma: make([]float64, n),
		coeff: make([]float64, n),
		order: make([]int32, n),
	}
	for v := range sc.dist {
		sc.dist[v] = -1
	}
	return sc
}

// source runs one search from s, adds the dependency of s on every other node to bc, and
// returns the harmonic centrality (divided by n−1) and reach2 share of s.
//
// When hv and rv are given, it also adds 1/d(s,v) to hv[v] and, for d(s,v) ≤ 2, 1 to rv[v] for
// every other node v it reaches: what a sample of sources needs to estimate every node's
// harmonic centrality and reach2 (the graph is undirected, so d(s,v) = d(v,s)).
func (sc *bfsScratch) source(g *Graph, s int32, bc, hv, rv []float64) (harmonic, reach2 float64) {
	off, adj := g.Off, g.Adj
	dist, sigma, coeff, order := sc.dist, sc.sigma, sc.coeff, sc.order
	dist[s], sigma[s] = 0, 1
	order[0] = s
	tail := 1
	for head := 0; head < tail; head++ {
		v := order[head]
		dv, sv := dist[v]+1, sigma[v]
		for _, x := range adj[off[v]:off[v+1]] {
			switch dist[x] {
			case -1:
				dist[x], sigma[x] = dv, sv
				order[tail] = x
				tail++
			case dv:
				sigma[x] += sv
			}
		}
	}
	reached := order[:tail]

	// Distances come in runs, so add count/d per level rather than 1/d per node.
	var h float64
	level, count, within2 := int32(1), 0, 0
	for _, v := range reached[1:] {
		if d := dist[v]; d != level {
			h += float64(count) / float64(level)
			level, count = d, 0
		}
		count++
		if level <= 2 {
			within2++
		}
		if hv != nil {
			hv[v] += 1 / float64(level)
			if level <= 2 {
				rv[v]++
			}
		}
	}
	h += float64(count) / float64(level)
	others := float64(len(dist) - 1)

	// Brandes' accumulation in reverse order of distance, pulling from successors:
	// δ(w) = σ(w) Σ_{x: d(x)=d(w)+1} (1 + δ(x)) / σ(x).
	for i := tail - 1; i > 0; i-- {
		w := reached[i]
		dn := dist[w] + 1
		var sum float64
		for _, x := range adj[off[w]:off[w+1]] {
			if dist[x] == dn {
				sum += coeff[x]
			}
		}
		delta := sigma[w] * sum
		coeff[w] = (1 + delta) / sigma[w]
		bc[w] += delta
	}

	for _, v := range reached {
		dist[v] = -1
	}
	return h / others, float64(within2) / others
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
// runs in one goroutine, walking for every edge the shorter of its two rows, and returns nil
// slices when g has no nodes.
func Burt(g *Graph) (constraint, effectiveSize []float64) {
	n := g.N()
	if n == 0 {
		return nil, nil
	}
	off, adj, wt := g.Off, g.Adj, g.W
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

	// p holds p(v,x) for the neighbours x of the current ego v, marked by owner[x] == v, so
	// neither needs clearing between egos.
	p := make([]float64, n)
	owner := make([]int32, n)
	for x := range owner {
		owner[x] = -1
	}
	for v := range int32(n) {
		lo, hi := off[v], off[v+1]
		if lo == hi {
			constraint[v], effectiveSize[v] = math.NaN(), math.NaN()
			continue
		}
		for i := lo; i < hi; i++ {
			p[adj[i]] = wt[i] / strength[v]
			owner[adj[i]] = v
		}
		var c, e float64
		for i := lo; i < hi; i++ {
			u := adj[i]
			ulo, uhi := off[u], off[u+1]
			// Common neighbours x of v and u, ascending; walk the shorter row.
			var indirect, redundant float64
			if uhi-ulo <= hi-lo {
				for j := ulo; j < uhi; j++ {
					if x := adj[j]; owner[x] == v {
						indirect += p[x] * (wt[j] / strength[x])
						redundant += p[x] * (wt[j] / maxW[u])
					}
				}
			} else {
				urow := adj[ulo:uhi]
				for _, x := range adj[lo:hi] {
					if j, ok := slices.BinarySearch(urow, x); ok {
						w := wt[int(ulo)+j]
						indirect += p[x] * (w / strength[x])
						redundant += p[x] * (w / maxW[u])
					}
				}
			}
			local := p[u] + indirect
			c += local * local
			e += 1 - redundant
		}
		constraint[v], effectiveSize[v] = c, e
	}
	return constraint, effectiveSize
}
