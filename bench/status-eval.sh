#!/bin/sh
# Status evaluation (issue 15, item 3): builds relmap from this tree, plants status
# behaviour in metadata alone (relmap synth --plant-status, organisation and personal
# export), runs relmap on each and prints the share of every planted group labelled
# supporter / neutral / detractor / unknown against issue 15's acceptance targets.
#
# Seeds 101, 102 and 103 are for evaluation: never tune on them. Tune on seed 7:
#   bench/status-eval.sh -seeds 7
# Other flags go to bench/statuseval (go run ./bench/statuseval -h): -people, -interactions,
# -connections, -messages, -kinds org,personal, -work DIR (keep the data and runs), -v (every
# planted person's label and basis).
set -eu
cd "$(dirname "$0")/.."
bin=$(mktemp -d)
trap 'rm -rf "$bin"' EXIT
go build -o "$bin/relmap" ./cmd/relmap
go run ./bench/statuseval -relmap "$bin/relmap" "$@"
