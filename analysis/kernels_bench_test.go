package analysis

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// The kernel benchmarks run on two generated graphs that bench/kernels.py reads back, so that
// relmap and python-igraph time the same graph:
//
//	go test -run '^TestWriteKernelGraphs$' ./analysis -kernels.write DIR
//
// writes DIR/kernels_m.csv and DIR/kernels_l.csv (`u,v,w`, one row per undirected edge, u < v,
// nodes 0..n-1; the first line is `# n=<nodes>`). bench/kernels.sh does this and compares.
var kernelGraphsDir = flag.String("kernels.write", "", "write the kernel benchmark graphs as CSV edge lists into this directory")

// kernelGraphSizes are the benchmark graphs: M is the size exact betweenness must handle, L
// the size of a large organisation, where only the sampled path metrics run.
var kernelGraphSizes = []struct {
	name         string
	nodes, edges int
	seed         uint64
}{
	{"m", 20000, 200000, 1},
	{"l", 100000, 1000000, 2},
}

// kernelGraph returns a deterministic social-network-like graph: nodes in communities of 20
// to 400, one in ten a pendant tied once to a node chosen by preferential attachment, and the
// remaining edges 80 % inside the community of a uniformly chosen node, 20 % to a node chosen
// by preferential attachment (the endpoint of a random earlier edge), so degrees are skewed
// and a few hubs bridge the communities. Weights are whole numbers 1..5, like interaction
// counts; repeated pairs add up in NewGraph, so the graph has somewhat fewer edges than asked.
func kernelGraph(nodes, edges int, seed uint64) *Graph {
	rng := rand.New(rand.NewPCG(seed, 0x6b65726e656c73))
	comm := make([]int32, nodes) // community of each node
	var start []int32            // first node of each community
	for v, c := 0, int32(0); v < nodes; c++ {
		size := 20 + rng.IntN(381)
		start = append(start, int32(v))
		for i := 0; i < size && v < nodes; i++ {
			comm[v] = c
			v++
		}
	}
	start = append(start, int32(nodes))

	pendant := make([]bool, nodes)
	var core []int32
	for v := range nodes {
		if rng.IntN(10) == 0 {
			pendant[v] = true
		} else {
			core = append(core, int32(v))
		}
	}
	es := make([]Edge, 0, edges)
	weight := func() float64 { return float64(1 + rng.IntN(5)) }
	// Seed the preferential choice with a ring over the core so that every core node has an
	// edge and the graph is connected apart from what pendants hang on.
	for i, u := range core {
		es = append(es, Edge{U: u, V: core[(i+1)%len(core)], W: weight()})
	}
	attach := func() int32 {
		e := es[rng.IntN(len(es))]
		if rng.IntN(2) == 0 {
			return e.U
		}
		return e.V
	}
	for v := range nodes {
		if pendant[v] {
			es = append(es, Edge{U: int32(v), V: attach(), W: weight()})
		}
	}
	for len(es) < edges {
		u := core[rng.IntN(len(core))]
		var v int32
		if rng.IntN(5) < 4 {
			c := comm[u]
			v = start[c] + int32(rng.IntN(int(start[c+1]-start[c])))
			if pendant[v] {
				continue
			}
		} else {
			v = attach()
			if pendant[v] {
				continue
			}
		}
		es = append(es, Edge{U: u, V: v, W: weight()})
	}
	return NewGraph(nodes, es)
}

var kernelGraphCache sync.Map // name → *Graph

func benchKernelGraph(b *testing.B, name string) *Graph {
	b.Helper()
	for _, s := range kernelGraphSizes {
		if s.name == name {
			g, _ := kernelGraphCache.LoadOrStore(name, sync.OnceValue(func() *Graph { return kernelGraph(s.nodes, s.edges, s.seed) }))
			return g.(func() *Graph)()
		}
	}
	b.Fatalf("no kernel graph %q", name)
	return nil
}

// TestWriteKernelGraphs writes the benchmark graphs for bench/kernels.py when -kernels.write
// is given; otherwise it only checks that the generator is what the benchmarks promise.
func TestWriteKernelGraphs(t *testing.T) {
	if *kernelGraphsDir == "" {
		g := kernelGraph(2000, 20000, 9)
		pendants := 0
		for v := range g.N() {
			if g.Degree(v) == 1 {
				pendants++
			}
		}
		if g.NumEdges() < 19000 || pendants < 150 {
			t.Errorf("kernelGraph(2000, 20000): %d edges, %d pendants; want about 20000 and 200", g.NumEdges(), pendants)
		}
		return
	}
	for _, s := range kernelGraphSizes {
		g := kernelGraph(s.nodes, s.edges, s.seed)
		path := filepath.Join(*kernelGraphsDir, "kernels_"+s.name+".csv")
		f, err := os.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		w := bufio.NewWriter(f)
		fmt.Fprintf(w, "# n=%d\nu,v,w\n", g.N())
		for u := range g.N() {
			for i := g.Off[u]; i < g.Off[u+1]; i++ {
				if v := g.Adj[i]; int(v) > u {
					fmt.Fprintf(w, "%d,%d,%g\n", u, v, g.W[i])
				}
			}
		}
		if err := w.Flush(); err != nil {
			t.Fatal(err)
		}
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: %d nodes, %d edges", path, g.N(), g.NumEdges())
	}
}

// The benchmarks are named Kernel/<kernel>/<graph>; bench/kernels.sh matches them by name.
// Besides ns/op each reports cpu-s/op, the process's CPU time per call (all goroutines, from
// /proc/self/stat, so Linux only): on a shared machine wall time depends on the other load,
// CPU time much less.
func BenchmarkKernel(b *testing.B) {
	for _, size := range []string{"m", "l"} {
		b.Run("PageRank/"+size, func(b *testing.B) {
			g := benchKernelGraph(b, size)
			benchCPU(b, func() { PageRank(g, 0.85, 1e-12, 10000) })
		})
		b.Run("Burt/"+size, func(b *testing.B) {
			g := benchKernelGraph(b, size)
			benchCPU(b, func() { Burt(g) })
		})
		b.Run("Louvain/"+size, func(b *testing.B) {
			g := benchKernelGraph(b, size)
			benchCPU(b, func() { Louvain(g, 1) })
		})
		b.Run("Reach2/"+size, func(b *testing.B) {
			g := benchKernelGraph(b, size)
			benchCPU(b, func() { Reach2(g, 0) })
		})
		// Sampled path metrics as relmap runs them above its exact limit: 2048 sources.
		b.Run("PathMetricsSampled/"+size, func(b *testing.B) {
			g := benchKernelGraph(b, size)
			benchCPU(b, func() { PathMetricsSampled(g, 2048, 1, 0) })
		})
	}
	// Exact betweenness, harmonic and reach2 come from the same searches: one benchmark times
	// all three. Only on M: at L it is ≈ 25 times the work.
	b.Run("PathMetrics/m", func(b *testing.B) {
		g := benchKernelGraph(b, "m")
		benchCPU(b, func() { PathMetrics(g, 0) })
	})
}

// benchCPU runs f in a b.Loop and reports its CPU time per call as cpu-s/op when it can.
func benchCPU(b *testing.B, f func()) {
	c0, ok0 := cpuSeconds()
	calls := 0
	for b.Loop() {
		f()
		calls++
	}
	if c1, ok1 := cpuSeconds(); ok0 && ok1 && calls > 0 {
		b.ReportMetric((c1-c0)/float64(calls), "cpu-s/op")
	}
}

// cpuSeconds returns the user plus system time of this process so far, from /proc/self/stat
// (fields 14 and 15, in clock ticks, taken as 1/100 s: Linux's USER_HZ everywhere).
func cpuSeconds() (float64, bool) {
	b, err := os.ReadFile("/proc/self/stat")
	if err != nil {
		return 0, false
	}
	// The command name, field 2, is in parentheses and may hold spaces: count after it.
	i := bytes.LastIndexByte(b, ')')
	if i < 0 {
		return 0, false
	}
	f := strings.Fields(string(b[i+1:]))
	if len(f) < 13 {
		return 0, false
	}
	utime, err1 := strconv.ParseFloat(f[11], 64)
	stime, err2 := strconv.ParseFloat(f[12], 64)
	if err1 != nil || err2 != nil {
		return 0, false
	}
	return (utime + stime) / 100, true
}
