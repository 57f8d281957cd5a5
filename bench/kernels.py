#!/usr/bin/python3
"""Time python-igraph on the graph kernels relmap's analysis/metrics.go and louvain.go compute.

    /usr/bin/python3 bench/kernels.py GRAPH.csv NAME [KERNEL ...]

GRAPH.csv is an edge list written by `go test -run TestWriteKernelGraphs ./analysis
-kernels.write DIR` (first line `# n=<nodes>`, then `u,v,w`). Prints one line per kernel:
`NAME KERNEL WALL CPU`, the wall and process CPU seconds of the igraph call alone (graph
loading excluded). Kernels,
named like the Go benchmarks (BenchmarkKernel/<kernel>/<graph>):

  PageRank            pagerank(weights, damping 0.85), PRPACK
  PathMetrics         betweenness(directed=False), exact, hop distance (relmap's PathMetrics
                      also returns harmonic and reach2 from the same searches)
  Harmonic            harmonic_centrality(), exact, hop distance
  Reach2              neighborhood_size(order=2)
  Burt                constraint(weights) (relmap's Burt also returns effective size, which
                      igraph lacks)
  Louvain             community_multilevel(weights)
  PathMetricsSampled  distances() from the same number of sources relmap samples (2048): the
                      searches alone, a lower bound for a sampled betweenness in igraph, which
                      0.10.2 cannot restrict to a set of sources
"""

import random
import sys
import time

import igraph
import pandas as pd


def load(path):
    with open(path) as f:
        first = f.readline()
    n = int(first.split("n=")[1])
    df = pd.read_csv(path, comment="#")
    g = igraph.Graph(n=n, edges=list(zip(df.u.tolist(), df.v.tolist())), directed=False)
    g.es["weight"] = df.w.astype(float).tolist()
    return g


def sampled(g, k=2048, seed=1):
    sources = sorted(random.Random(seed).sample(range(g.vcount()), k))
    for i in range(0, k, 32):
        g.distances(source=sources[i : i + 32])


KERNELS = {
    "PageRank": lambda g: g.pagerank(weights="weight", damping=0.85),
    "PathMetrics": lambda g: g.betweenness(directed=False),
    "Harmonic": lambda g: g.harmonic_centrality(),
    "Reach2": lambda g: g.neighborhood_size(order=2),
    "Burt": lambda g: g.constraint(weights="weight"),
    "Louvain": lambda g: g.community_multilevel(weights="weight"),
    "PathMetricsSampled": sampled,
}


def main():
    path, name = sys.argv[1], sys.argv[2]
    kernels = sys.argv[3:] or list(KERNELS)
    g = load(path)
    for k in kernels:
        t, c = time.perf_counter(), time.process_time()
        KERNELS[k](g)
        print(f"{name} {k} {time.perf_counter() - t:.6f} {time.process_time() - c:.6f}", flush=True)


if __name__ == "__main__":
    main()
