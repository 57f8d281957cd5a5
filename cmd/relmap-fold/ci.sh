#!/usr/bin/env bash
# CI for cmd/relmap-fold, the Apache Beam pipeline: formatting, the main module kept free of
# Beam, go vet, a pure-Go build of the worker binary, and the tests on Beam's local runner
# (prism). It is its own Go module, so the repository's `go build ./...` never compiles Beam.
# Run from the repository root: bash cmd/relmap-fold/ci.sh
# With RELMAP_REQUIRE_TOOLS=1 (as .ci/run sets it) a test that cannot start prism fails
# instead of skipping.
set -euo pipefail
cd "$(dirname "$0")"
export PATH="$PATH:/usr/local/go/bin"
# Pure Go throughout, so that vet, the build and the tests share one compilation of Beam.
export CGO_ENABLED=0

echo "== relmap-fold: gofmt"
unformatted=$(gofmt -l .)
if [ -n "$unformatted" ]; then
  echo "gofmt would change:"; echo "$unformatted"; exit 1
fi

echo "== relmap-fold: the main module does not build Beam"
if (cd ../.. && go list -deps ./...) | grep -E 'relmap-fold|apache/beam'; then
  echo "the main module reaches the packages above: cmd/relmap-fold must stay a module of its own"; exit 1
fi

echo "== relmap-fold: go vet"
go vet ./...

# The binary a runner's workers run (--worker_binary): static, linux/amd64.
echo "== relmap-fold: GOOS=linux GOARCH=amd64 go build"
GOOS=linux GOARCH=amd64 go build -o /dev/null .

echo "== relmap-fold: go test ./..."
go test ./...
