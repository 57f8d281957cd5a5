#!/usr/bin/env bash
# bench/kernels.sh — relmap's graph kernels (analysis/metrics.go, louvain.go) against
# python-igraph 0.10.2 on the same generated graphs, medians of RUNS runs, as a markdown table
# on stdout. Not part of .ci/run.
#
#   bench/kernels.sh
#
# Environment: RUNS (3), WORK (a temp dir; the edge lists and raw timings stay there).
# Graphs (analysis/kernels_bench_test.go, kernelGraph): m = 20 000 nodes / ≈ 192 000 edges,
# l = 100 000 / ≈ 960 000, communities with preferential attachment and one node in ten a
# pendant. The Go side is `go test -bench '^BenchmarkKernel$'` (ns/op, each run timed over at
# least a second); the igraph side is bench/kernels.py, which times each call once per run.
# Exact betweenness and harmonic centrality run on m only (≈ 25 times the work on l).
# Takes ≈ 20 minutes on 2 cores, most of it igraph's exact betweenness and harmonic.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
RUNS=${RUNS:-3}
WORK=${WORK:-$(mktemp -d)}
mkdir -p "$WORK"
PY=/usr/bin/python3

if ! $PY -c 'import pandas, igraph' 2>/dev/null; then
	echo "bench/kernels.sh: $PY cannot import pandas and igraph; install them with:" >&2
	echo "  apt-get install -y python3-pandas python3-igraph" >&2
	exit 1
fi

echo "bench/kernels.sh: graphs and raw timings in $WORK" >&2
go test -count 1 -run '^TestWriteKernelGraphs$' ./analysis -kernels.write "$WORK" >&2

go test -run '^$' -bench '^BenchmarkKernel$' -count "$RUNS" -timeout 0 ./analysis | tee "$WORK/go.txt" >&2

: >"$WORK/igraph.txt"
for run in $(seq "$RUNS"); do
	echo "bench/kernels.sh: igraph run $run of $RUNS" >&2
	$PY bench/kernels.py "$WORK/kernels_m.csv" m | tee -a "$WORK/igraph.txt" >&2
	$PY bench/kernels.py "$WORK/kernels_l.csv" l PageRank Reach2 Burt Louvain PathMetricsSampled |
		tee -a "$WORK/igraph.txt" >&2
done

$PY - "$WORK/go.txt" "$WORK/igraph.txt" "$(nproc)" <<'EOF'
import collections, re, statistics, sys

go = collections.defaultdict(list)
for line in open(sys.argv[1]):
    m = re.match(r"BenchmarkKernel/(\w+)/(\w+)(?:-\d+)?\s+\d+\s+([\d.]+) ns/op(?:\s+([\d.]+) cpu-s/op)?", line)
    if m:
        go[m[1], m[2]].append((float(m[3]) / 1e9, float(m[4] or "nan")))
ig = collections.defaultdict(list)
for line in open(sys.argv[2]):
    graph, kernel, wall, cpu = line.split()
    ig[kernel, graph].append((float(wall), float(cpu)))

# kernel label, Go benchmark, igraph kernel, target ratio
rows = [
    ("PageRank (α 0.85, tol 1e-12, weighted)", "PageRank", "PageRank", 1.5),
    ("exact betweenness¹", "PathMetrics", "PathMetrics", 1.0),
    ("harmonic¹", "PathMetrics", "Harmonic", 1.5),
    ("reach2 (exact, `Reach2`)", "Reach2", "Reach2", 1.5),
    ("Burt constraint + effective size²", "Burt", "Burt", 1.5),
    ("Louvain (weighted)", "Louvain", "Louvain", 1.5),
    ("sampled path metrics, 2048 sources³", "PathMetricsSampled", "PathMetricsSampled", 1.5),
]
med = lambda xs, i: statistics.median(x[i] for x in xs)
print(f"Medians of {len(next(iter(ig.values())))} runs on {sys.argv[3]} cores; seconds. The verdict is on wall time; CPU time")
print("(all threads) shows what the machine's other load did to it.\n")
print("| kernel | graph | relmap wall | igraph wall | ratio | target | verdict | relmap CPU | igraph CPU |")
print("|---|---|---:|---:|---:|---:|---|---:|---:|")
for label, gk, ik, target in rows:
    for graph in ("m", "l"):
        g, i = go.get((gk, graph)), ig.get((ik, graph))
        if not g or not i:
            continue
        ratio = med(g, 0) / med(i, 0)
        verdict = "ok" if ratio <= target else "MISSED"
        print(f"| {label} | {graph} | {med(g, 0):.3f} | {med(i, 0):.3f} | {ratio:.2f} | ≤ {target:g} | {verdict} | {med(g, 1):.3f} | {med(i, 1):.3f} |")
print("""
m = 20 000 nodes / ≈ 192 000 edges, l = 100 000 / ≈ 960 000 (kernelGraph in
analysis/kernels_bench_test.go).
¹ relmap's PathMetrics computes betweenness, harmonic centrality and reach2 in one set of
searches; both rows time that one call, against igraph's betweenness() and
harmonic_centrality() alone.
² igraph's constraint() alone: igraph has no effective size.
³ igraph 0.10.2 cannot restrict betweenness to sampled sources: its column is distances() from
the same number of sources, the searches alone, a lower bound.""")
EOF
