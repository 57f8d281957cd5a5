#!/bin/bash
# bench/slack.sh: issue 19's scale target for Slack exports. Writes a synthetic workspace export
# of 2 000 people, 500 channels and ≈ 5.9 M messages (relmap synth --org --slack --channels 500),
# then times `relmap validate` (reading alone) and `relmap run` (reading, scoring, every output)
# on it. The zip holds ≈ 2.8 M day files, past the default limits.zip_entries: the config raises
# it. Needs ≈ 6 GiB of memory and ≈ 3 GB of disk in $WORK. Outside CI.
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=${WORK:-$(mktemp -d)}
go build -o "$WORK/relmap" ./cmd/relmap
R="$WORK/relmap"
[ -f "$WORK/slack.zip" ] || /usr/bin/time -f "synth: %e s, %M KB" "$R" synth --org --slack --channels 500 --people 2000 --interactions 5900000 --teams 80 -o "$WORK/slack.zip"
printf 'limits:\n  zip_entries: 10000000\n  zip_bytes: 100000000000\n' > "$WORK/limits.yaml"
ME=$(unzip -p "$WORK/slack.zip" users.json | /usr/bin/python3 -c "import json,sys;print(json.load(sys.stdin)[0]['profile']['email'])")
/usr/bin/time -f "validate (reading): %e s, %M KB" "$R" validate --config "$WORK/limits.yaml" --me "$ME" "$WORK/slack.zip"
rm -rf "$WORK/out"
/usr/bin/time -f "run (reading, scoring, every output): %e s, %M KB" "$R" run -q --config "$WORK/limits.yaml" --me "$ME" --deterministic --out "$WORK/out" "$WORK/slack.zip"
