#!/usr/bin/env bash
# Hostile-input benchmark (issue 16): every case of testdata/bad, and the large hostile inputs
# bench/hostilegen writes (a million-character name, 150 000 e-mails in one vCard, a
# 100 000-observance time zone, a zip of blank lines, 48 zip entries of repeated rows), each
# through `relmap validate` (beside the LinkedIn samples, as TestBadInputs does) and `relmap
# run`, under /usr/bin/time. Prints wall time, peak RSS and exit status per case and command,
# then the worst against the targets: at most 20 s and 1 GiB each. Not part of .ci/run.
#
#   bench/hostile.sh            # all cases
#   bench/hostile.sh zip        # the cases whose name contains "zip"
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x /usr/bin/time ] || { echo "bench/hostile.sh needs /usr/bin/time (apt-get install time)" >&2; exit 2; }
filter=${1:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/relmap" ./cmd/relmap
go run ./bench/hostilegen "$work/gen"
samples=$PWD/testdata/linkedin/samples
printf '%-44s %-9s %8s %9s %5s\n' case command wall_s peak_MiB exit
worst_t=0 worst_m=0 worst_tc="" worst_mc=""
for dir in testdata/bad/*/ "$work"/gen/*/; do
	dir=${dir%/}
	name=$(basename "$dir")
	[[ -z $filter || $name == *"$filter"* ]] || continue
	abs=$(cd "$dir" && pwd)
	args=()
	if [ -f "$dir/args" ]; then
		while IFS= read -r a; do args+=("${a//\$CASE/$abs}"); done <"$dir/args"
	elif [ -f "$dir/input.zip" ]; then
		args=("$abs/input.zip")
	else
		copy="$work/in/$name"
		mkdir -p "$copy" && cp -R "$abs/." "$copy" && rm -f "$copy/want"
		args=("$copy")
	fi
	for cmd in validate run; do
		extra=()
		[ "$cmd" = run ] && extra=(--out "$work/out/$name")
		set +e
		/usr/bin/time -f '%e %M' -o "$work/time" "$work/relmap" "$cmd" "${extra[@]}" "$samples" "${args[@]}" >/dev/null 2>&1
		code=$?
		set -e
		read -r t kb < <(tail -n 1 "$work/time")
		mib=$((kb / 1024))
		printf '%-44s %-9s %8s %9s %5s\n' "$name" "$cmd" "$t" "$mib" "$code"
		if awk "BEGIN{exit !($t > $worst_t)}"; then worst_t=$t worst_tc="$name $cmd"; fi
		if [ "$mib" -gt "$worst_m" ]; then worst_m=$mib worst_mc="$name $cmd"; fi
	done
done
verdict() { if awk "BEGIN{exit !($1 <= $2)}"; then echo pass; else echo FAIL; fi; }
echo
echo "worst wall time: $worst_t s ($worst_tc), target <= 20 s: $(verdict "$worst_t" 20)"
echo "worst peak RSS: $worst_m MiB ($worst_mc), target <= 1024 MiB: $(verdict "$worst_m" 1024)"
