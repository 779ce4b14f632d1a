#!/usr/bin/env bash
# bench/run.sh — Frontline vs PostGIS, side by side in one run (`make bench`).
#
# Builds frontline and bench/cmd/compare into a temporary folder, starts (or
# reuses) the throwaway PostGIS of scripts/postgis-up.sh, and runs the
# comparison on the DeepState daily window: import, area of a day, change
# between two days, the daily series. It prints a Markdown report and writes
# it to bench/results/latest.md (every sample in latest.json; bench/results
# is not committed). About 4 minutes on two idle cores, plus the wait for an
# idle machine (BENCH_WAIT_IDLE).
#
# Environment:
#   FRONTLINE_BENCH_DATA  folder of snapshots (default
#                         ../shared/data/control/deepstate/daily-2022-08-20_2022-10-20)
#   BENCH_WAIT_IDLE       seconds to wait, at most, for the machine to be idle (1-minute
#                         load average under 0.5) before starting; default 120, 0 to skip.
#                         Other work on two cores distorts every figure.
#   BENCH_REF             build Frontline (bin/frontline and the in-process code linked
#                         into the comparison) from this commit, exported with git archive,
#                         instead of the working tree: e.g. BENCH_REF=HEAD while the tree
#                         holds unfinished work
#   BENCH_FLAGS           extra flags for compare (see `go run ./bench/cmd/compare -h`),
#                         e.g. BENCH_FLAGS="-reps 5 -slow-reps 1 -pg-import-reps 1" for a quick run
set -euo pipefail
cd "$(dirname "$0")/.."

export GOTOOLCHAIN=local
export PATH=$PATH:/usr/local/go/bin
export TZ=UTC LC_ALL=C.UTF-8

DATA=${FRONTLINE_BENCH_DATA:-../shared/data/control/deepstate/daily-2022-08-20_2022-10-20}
if [ ! -d "$DATA" ]; then
	echo "bench: no data folder $DATA (set FRONTLINE_BENCH_DATA)" >&2
	exit 1
fi
for tool in ogr2ogr; do
	command -v "$tool" >/dev/null || { echo "bench: $tool missing: run scripts/install-test-deps.sh" >&2; exit 1; }
done

# The binaries go to a private folder: bin/frontline is shared with whoever
# else builds in this tree, and must not change under a running benchmark.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
src=$PWD
source_desc="working tree"
if [ -n "${BENCH_REF:-}" ]; then
	src=$tmp/src
	mkdir "$src"
	git archive "$BENCH_REF" | tar -x -C "$src"
	source_desc="$BENCH_REF ($(git rev-parse --short "$BENCH_REF"), git archive)"
fi
echo "bench: building from the $source_desc" >&2
(cd "$src" && go build -o "$tmp/frontline" ./cmd/frontline && go build -o "$tmp/bench-compare" ./bench/cmd/compare)

eval "$(scripts/postgis-up.sh)"

wait_idle=${BENCH_WAIT_IDLE:-120}
for ((i = 0; i < wait_idle; i += 5)); do
	load=$(cut -d' ' -f1 /proc/loadavg)
	awk -v l="$load" 'BEGIN { exit !(l < 0.5) }' && break
	[ "$i" = 0 ] && echo "bench: load average $load: waiting up to ${wait_idle}s for the machine to be idle" >&2
	sleep 5
done
echo "bench: load average $(cut -d' ' -f1-3 /proc/loadavg) at start" >&2
export FRONTLINE_POSTGIS_URL

# shellcheck disable=SC2086
"$tmp/bench-compare" -data "$DATA" -bin "$tmp/frontline" -out bench/results -source "$source_desc" ${BENCH_FLAGS:-}
