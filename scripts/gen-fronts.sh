#!/bin/sh
# Regenerates extract/fronts.bin (where the front ran on each DeepStateMap map
# of the shared data; see scripts/genfront/main.go for sources and format).
set -eu
cd "$(dirname "$0")/.."
go run ./scripts/genfront -data "${DATA:-../shared/data}" -out extract/fronts.bin
