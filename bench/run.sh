#!/usr/bin/env bash
# bench/run.sh — relmap's benchmarks, side by side with the same job in pandas + python-igraph.
#
#   bench/run.sh            personal heavy + organisation (ORG_PEOPLE/ORG_INTERACTIONS/ORG_TEAMS,
#                           default 100000 / 10000000 / 4000)
#   bench/run.sh small      personal heavy + a small organisation (2000 / 100000 / 80), minutes
#   bench/run.sh PEOPLE INTERACTIONS [TEAMS]
#
# Environment: RUNS (3), BENCH_TIMEOUT seconds per run (900), WORK (a temp dir), OUT
# (BENCHMARKS.md at the repository root), CASES (personal,org,team1,teams,reference,kernels;
# "fold" adds relmap fold against the Beam pipeline on FOLD_INTERACTIONS (1000000) rows),
# ORG_PEOPLE, ORG_INTERACTIONS, ORG_TEAMS; TEAMS_RUNS and REF_RUNS (RUNS), TEAMS_TIMEOUT
# (BENCH_TIMEOUT) for the two longest cases. "kernels" runs bench/kernels.sh (≈ 20 minutes) and adds its table.
# Each case runs RUNS times under GNU time (-v) and `timeout`; the medians of wall time and
# peak RSS go to BENCHMARKS.md. A run that hits the timeout is reported as "timed out" and the
# case's remaining runs are skipped. Not part of .ci/run.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"

preset=${1:-}
if [[ $preset == small ]]; then
	ORG_PEOPLE=2000 ORG_INTERACTIONS=100000 ORG_TEAMS=80
elif [[ -n $preset ]]; then
	ORG_PEOPLE=$1 ORG_INTERACTIONS=${2:?interactions} ORG_TEAMS=${3:-${ORG_TEAMS:-$(($1 / 25))}}
fi
ORG_PEOPLE=${ORG_PEOPLE:-100000}
ORG_INTERACTIONS=${ORG_INTERACTIONS:-10000000}
ORG_TEAMS=${ORG_TEAMS:-4000}
RUNS=${RUNS:-3}
BENCH_TIMEOUT=${BENCH_TIMEOUT:-900}
CASES=${CASES:-personal,org,team1,teams,reference,kernels}
TEAMS_RUNS=${TEAMS_RUNS:-$RUNS}
TEAMS_TIMEOUT=${TEAMS_TIMEOUT:-$BENCH_TIMEOUT}
REF_RUNS=${REF_RUNS:-$RUNS}
OUT=${OUT:-$repo/BENCHMARKS.md}
PY=/usr/bin/python3
ASOF=2026-03-14

if ! $PY -c 'import pandas, igraph' 2>/dev/null; then
	echo "bench/run.sh: $PY cannot import pandas and igraph; install them with:" >&2
	echo "  apt-get install -y python3-pandas python3-igraph" >&2
	exit 1
fi
if ! /usr/bin/time -V >/dev/null 2>&1; then
	echo "bench/run.sh: GNU time is missing: apt-get install -y time" >&2
	exit 1
fi

work=${WORK:-$(mktemp -d /tmp/relmap-bench.XXXXXX)}
mkdir -p "$work"
echo "bench/run.sh: working in $work" >&2
started=$(date +%s)

go build -o "$work/relmap" ./cmd/relmap
relmap=$work/relmap

# --- inputs ---------------------------------------------------------------------------------
zip=$work/Complete_LinkedInDataExport_03-14-2026.zip
org=$work/org-$ORG_PEOPLE-$ORG_INTERACTIONS-$ORG_TEAMS
[[ -f $zip ]] || "$relmap" synth --connections 30000 --messages 200000 -o "$zip" >&2
if [[ $CASES == *org* || $CASES == *teams* || $CASES == *reference* ]]; then
	[[ -f $org/interactions.csv ]] || "$relmap" synth --org --people "$ORG_PEOPLE" \
		--interactions "$ORG_INTERACTIONS" --teams "$ORG_TEAMS" -o "$org" >&2
fi
me=$(sed -n '2{s/,.*//;p;q}' "$org/people.csv" 2>/dev/null || true)
team=$($PY -c 'import csv, sys; r = csv.DictReader(open(sys.argv[1])); print(next(r)["team"])' "$org/people.csv" 2>/dev/null || true)

# --- measuring ------------------------------------------------------------------------------
# measure NAME CMD...: RUNS runs; sets R_WALL R_RSS (medians, s and MiB), R_STATUS, R_RUNS.
measure() {
	local name=$1
	shift
	local walls=() rsss=() i f rc
	R_STATUS=ok
	for ((i = 1; i <= RUNS; i++)); do
		f=$work/$name.$i.time
		rm -rf "$work/out-$name"
		set +e
		/usr/bin/time -v -o "$f" timeout "$BENCH_TIMEOUT" "$@" >"$work/$name.$i.log" 2>&1
		rc=$?
		set -e
		if ((rc == 124)); then
			R_STATUS="timed out after ${BENCH_TIMEOUT} s (run $i)"
			echo "bench/run.sh: $name run $i: timed out" >&2
			break
		elif ((rc != 0)); then
			R_STATUS="failed, exit $rc (run $i, see $work/$name.$i.log)"
			echo "bench/run.sh: $name run $i: exit $rc" >&2
			break
		fi
		walls+=("$(awk -F': ' '/Elapsed \(wall clock\)/{n=split($2,a,":"); s=0; for(j=1;j<=n;j++) s=s*60+a[j]; print s}' "$f")")
		rsss+=("$(awk -F': ' '/Maximum resident set size/{printf "%.0f", $2/1024}' "$f")")
		echo "bench/run.sh: $name run $i: ${walls[-1]} s, ${rsss[-1]} MiB" >&2
	done
	R_RUNS=${#walls[@]}
	if ((R_RUNS > 0)); then
		R_WALL=$(printf '%s\n' "${walls[@]}" | sort -g | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}')
		R_RSS=$(printf '%s\n' "${rsss[@]}" | sort -g | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}')
		R_ALL="$(
			IFS=' '
			echo "${walls[*]}"
		)"
	else
		R_WALL=- R_RSS=- R_ALL=-
	fi
}

# verdict WALL RSS MAXWALL MAXRSS_MIB
verdict() {
	if [[ $1 == - ]]; then
		echo "**missed** ($R_STATUS)"
	elif awk -v w="$1" -v r="$2" -v W="$3" -v R="$4" 'BEGIN{exit !(w<=W && r<=R)}'; then
		echo "met"
	else
		echo "**missed**"
	fi
}

rows=()
row() { rows+=("| $1 | \`$2\` | $3 | $4 | $5 | $6 | $7 |"); }

# --- cases ----------------------------------------------------------------------------------
if [[ $CASES == *personal* ]]; then
	cmd=("$relmap" run -q --out "$work/out-personal" "$zip")
	measure personal "${cmd[@]}"
	row "Personal heavy (30 000 connections, 200 000 messages), every report" \
		"relmap run -q --out OUT $(basename "$zip")" "$R_WALL" "$R_RSS" "$R_ALL" "≤ 3 s, ≤ 1024 MiB" \
		"$(verdict "$R_WALL" "$R_RSS" 3 1024)"
fi
org_wall=-
if [[ $CASES == *org* ]]; then
	cmd=("$relmap" run -q --me "$me" --as-of $ASOF --out "$work/out-org" "$org/people.csv" "$org/interactions.csv")
	measure org "${cmd[@]}"
	org_wall=$R_WALL org_rss=$R_RSS
	row "Organisation ($ORG_PEOPLE people, $ORG_INTERACTIONS interactions), one person's map, ranked outputs" \
		"relmap run -q --me $me --as-of $ASOF --out OUT people.csv interactions.csv" "$R_WALL" "$R_RSS" "$R_ALL" \
		"≤ 120 s, ≤ 6144 MiB" "$(verdict "$R_WALL" "$R_RSS" 120 6144)"
fi
if [[ $CASES == *team1* ]]; then
	cmd=("$relmap" run -q --ego "team:$team" --as-of $ASOF --out "$work/out-team1" "$org/people.csv" "$org/interactions.csv")
	measure team1 "${cmd[@]}"
	limit=$(awk -v o="$org_wall" 'BEGIN{print (o=="-" ? 180 : o+60)}')
	row "Organisation ($ORG_PEOPLE people, $ORG_INTERACTIONS interactions), one team's map (\"$team\")" \
		"relmap run -q --ego 'team:$team' --as-of $ASOF --out OUT people.csv interactions.csv" "$R_WALL" "$R_RSS" "$R_ALL" \
		"—" "—"
fi
if [[ $CASES == *teams,* || $CASES == *teams ]]; then
	cmd=("$relmap" run -q --ego 'team:*' --as-of $ASOF --out "$work/out-teams" "$org/people.csv" "$org/interactions.csv")
	BENCH_TIMEOUT=$TEAMS_TIMEOUT RUNS=$TEAMS_RUNS measure teams "${cmd[@]}"
	limit=$(awk -v o="$org_wall" 'BEGIN{print (o=="-" ? 180 : o+60)}')
	row "Organisation ($ORG_PEOPLE people, $ORG_INTERACTIONS interactions, $ORG_TEAMS teams), every team's map" \
		"relmap run -q --ego 'team:*' --as-of $ASOF --out OUT people.csv interactions.csv" "$R_WALL" "$R_RSS" "$R_ALL" \
		"≤ one-person run + 60 s = $limit s, ≤ 6144 MiB" "$(verdict "$R_WALL" "$R_RSS" "$limit" 6144)"
fi
ref_wall=-
if [[ $CASES == *reference* ]]; then
	cmd=($PY "$repo/bench/reference.py" --as-of $ASOF "$org/people.csv" "$org/interactions.csv" "$work/reference-ranked.csv")
	RUNS=$REF_RUNS measure reference "${cmd[@]}"
	ref_wall=$R_WALL ref_rss=$R_RSS
	row "Same organisation job in pandas + python-igraph (bench/reference.py)" \
		"/usr/bin/python3 bench/reference.py --as-of $ASOF people.csv interactions.csv ranked.csv" "$R_WALL" "$R_RSS" "$R_ALL" "—" "—"
fi

if [[ $CASES == *fold* ]]; then
	# Both folds on the same FOLD_INTERACTIONS rows (default 1 000 000) in 8 files: relmap fold
	# and the Beam pipeline of cmd/relmap-fold on prism; their outputs must be byte-identical,
	# and a run on the folded pairs must rank as a run on the rows.
	FOLD_INTERACTIONS=${FOLD_INTERACTIONS:-1000000}
	forg=$work/fold-org-$FOLD_INTERACTIONS
	if [[ ! -f $forg/shards/part-7.csv ]]; then
		"$relmap" synth --org --people 100000 --interactions "$FOLD_INTERACTIONS" --teams 800 -o "$forg" >&2
		mkdir -p "$forg/shards"
		head -1 "$forg/interactions.csv" >"$forg/header"
		tail -n +2 "$forg/interactions.csv" | split -n r/8 -d -a 1 - "$forg/shards/body-"
		for i in 0 1 2 3 4 5 6 7; do
			cat "$forg/header" "$forg/shards/body-$i" >"$forg/shards/part-$i.csv"
			rm "$forg/shards/body-$i"
		done
	fi
	(cd cmd/relmap-fold && CGO_ENABLED=0 go build -o "$work/relmap-fold" .)
	cmd=("$relmap" fold -o "$work/pairs-local.csv" "$forg"/shards/part-{0..7}.csv)
	measure fold-local "${cmd[@]}"
	row "relmap fold, $FOLD_INTERACTIONS rows in 8 files" "relmap fold -o pairs.csv part-{0..7}.csv" "$R_WALL" "$R_RSS" "$R_ALL" "—" "—"
	cmd=("$work/relmap-fold" --input "$forg/shards/part-*.csv" --output "$work/pairs-beam.csv")
	measure fold-beam "${cmd[@]}"
	same="**differ**"
	cmp -s "$work/pairs-local.csv" "$work/pairs-beam.csv" && same="byte-identical to relmap fold's"
	row "relmap-fold (Apache Beam, prism), the same files" "relmap-fold --input 'part-*.csv' --output pairs.csv" "$R_WALL" "$R_RSS" "$R_ALL" "—" "$same"
	fme=$(sed -n '2{s/,.*//;p;q}' "$forg/people.csv")
	"$relmap" run -q --deterministic --me "$fme" --as-of $ASOF --out "$work/fold-rows" "$forg/people.csv" "$forg"/shards/part-{0..7}.csv
	"$relmap" run -q --deterministic --me "$fme" --as-of $ASOF --out "$work/fold-pairs" "$forg/people.csv" "pairs=$work/pairs-local.csv"
	if cmp -s "$work/fold-rows/latest/ranked.csv" "$work/fold-pairs/latest/ranked.csv"; then
		echo "bench/run.sh: ranked.csv on the pairs equals ranked.csv on the rows" >&2
	else
		echo "bench/run.sh: ranked.csv on the pairs DIFFERS from ranked.csv on the rows" >&2
	fi
fi

if [[ $CASES == *kernels* ]]; then
	# A failure here must not lose the rows measured above: it is reported, and the table written.
	if ! RUNS=$RUNS WORK=$work/kernels bench/kernels.sh >"$work/kernels.md"; then
		echo "bench/run.sh: bench/kernels.sh failed; BENCHMARKS.md is written without the kernels" >&2
		: >"$work/kernels.md"
	fi
fi

# --- BENCHMARKS.md --------------------------------------------------------------------------
elapsed=$(($(date +%s) - started))
{
	echo "# Benchmarks"
	echo
	echo "Written by \`bench/run.sh${preset:+ $*}\` on $(date -u +%Y-%m-%d) (took ${elapsed} s). Medians of $RUNS runs"
	echo "measured by the script with GNU \`/usr/bin/time -v\` (wall clock, maximum resident set"
	echo "size), each run under \`timeout $BENCH_TIMEOUT\`. Benchmarks are not part of \`.ci/run\`."
	echo
	echo "## Machine"
	echo
	echo "- CPU: $(awk -F': ' '/model name/{print $2; exit}' /proc/cpuinfo), nproc $(nproc)"
	echo "- memory: $(awk '/MemTotal/{printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
	echo "- $(go version); relmap at $(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$repo" diff --quiet 2>/dev/null || echo ' (with uncommitted changes)')"
	echo "- $($PY -c 'import sys, pandas, igraph; print(f"python {sys.version.split()[0]}, pandas {pandas.__version__}, python-igraph {igraph.__version__}")')"
	echo
	echo "## Results"
	echo
	echo "| case | command | median wall (s) | median peak RSS (MiB) | every run (s) | target | verdict |"
	echo "|---|---|---|---|---|---|---|"
	printf '%s\n' "${rows[@]}"
	echo
	if [[ $org_wall != - && $ref_wall != - ]]; then
		echo "relmap / pandas+igraph on the same organisation: wall $(awk -v a="$org_wall" -v b="$ref_wall" 'BEGIN{printf "%.2f", a/b}')×," \
			"peak RSS $(awk -v a="$org_rss" -v b="$ref_rss" 'BEGIN{printf "%.2f", a/b}')×."
		echo
	fi
	if [[ -f $work/reference.1.log ]]; then
		echo "Stage times of the reference (run 1):"
		echo
		echo '```'
		grep '^reference:' "$work/reference.1.log" || true
		echo '```'
		echo
	fi
	if [[ -s $work/kernels.md ]]; then
		echo "## Kernels"
		echo
		cat "$work/kernels.md"
		echo
	fi
	echo "## Reproduce"
	echo
	echo '```sh'
	echo "apt-get install -y time python3-pandas python3-igraph   # once"
	echo "RUNS=$RUNS BENCH_TIMEOUT=$BENCH_TIMEOUT bench/run.sh $ORG_PEOPLE $ORG_INTERACTIONS $ORG_TEAMS"
	echo "bench/run.sh small   # a quick run"
	echo '```'
	echo
	echo "Inputs: \`relmap synth --connections 30000 --messages 200000 -o Complete_LinkedInDataExport_03-14-2026.zip\`"
	echo "and \`relmap synth --org --people $ORG_PEOPLE --interactions $ORG_INTERACTIONS --teams $ORG_TEAMS -o DIR\` (seed 1)."
	echo "The reference folds interactions with SPEC §3.1's bases and 180-day decay (simplifications"
	echo "listed at the top of bench/reference.py) and computes the metrics on the whole graph; above"
	echo "20 000 nodes it estimates betweenness and harmonic from 2 048 seeded sources, as relmap does."
} >"$OUT.tmp"
if [[ -n ${BENCH_APPEND:-} && -f $OUT ]]; then
	# keep what is already there (e.g. notes written by hand) below the generated part
	cat "$OUT" >>"$OUT.tmp"
fi
mv "$OUT.tmp" "$OUT"
echo "bench/run.sh: wrote $OUT (${elapsed} s)" >&2
