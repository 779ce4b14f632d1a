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
# Then, on the store Frontline imported, the API under load (bench/api/run.sh,
# 60 s at 500 req/s, server RSS sampled) and, when Chromium is there, the web
# map (bench/web/run.sh); reports in bench/results/api.txt and web.txt.
#
# The full archive: `make bench FULL=DIR` (= FULL=DIR bench/run.sh) runs the
# same on a folder of DeepState maps — e.g. the 1,359 maps of the public
# archive (github.com/DanielRose2310/deepstatemaps-history, 634 MB), named
# by unix time — with settings for its size: one timed import each
# (Frontline; PostGIS on 2 connections), no GOGC=100 import, no series from
# raw features (it is the whole import again), area of 2024-02-17, change
# 2023-05-20 → 2024-02-17, the series over every day of the folder. Files
# named by unix time (1700264039.geojson) are linked under their UTC time
# (2023-11-17T233359Z.geojson) in a temporary folder first: that is the name
# Frontline and the PostGIS import read the valid time from. Nothing is
# written to the folder. About 25–30 minutes on two idle cores.
#
# Environment:
#   FULL                  folder of the full archive (see above); overrides FRONTLINE_BENCH_DATA
#   FRONTLINE_BENCH_DATA  folder of snapshots (default
#                         ../shared/data/control/deepstate/daily-2022-08-20_2022-10-20)
#   BENCH_API, BENCH_WEB  0 to skip the API or the web map measurement (default 1)
#   BENCH_DB              a Frontline store imported before from the same folder: a copy of it
#                         is measured and the Frontline import is not timed again
#   BENCH_PG_REUSE        1: the PostGIS tables of an earlier run are measured, the PostGIS
#                         import is not timed again
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
FULL=${FULL:-}
if [ -n "$FULL" ]; then
	DATA=$FULL
fi
if [ ! -d "$DATA" ]; then
	echo "bench: no data folder $DATA (set FRONTLINE_BENCH_DATA, or FULL=DIR)" >&2
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

# Files named by unix time are linked under their UTC time (see above). A
# folder already named by UTC time (2023-11-17T233359Z.geojson, e.g.
# /work/fullarchive/utc) is read as it is: linking its 1,359 files one ln
# each took minutes on a loaded machine, and date(1) was given no time.
if ls "$DATA" | grep -qE '^[0-9]{9,11}\.geojson$'; then
	mkdir "$tmp/data"
	mapfile -t files < <(cd "$DATA" && ls -- *.geojson)
	unix=()
	for f in "${files[@]}"; do
		if [[ ${f%.geojson} =~ ^[0-9]{9,11}$ ]]; then unix+=("${f%.geojson}"); fi
	done
	# One date(1) for every name: its -f reads one time a line.
	mapfile -t iso < <(printf '@%s\n' "${unix[@]}" | date -u -f - +%Y-%m-%dT%H%M%SZ)
	declare -A name
	for i in "${!unix[@]}"; do name[${unix[$i]}]=${iso[$i]}; done
	abs=$(cd "$DATA" && pwd -P)
	for f in "${files[@]}"; do
		b=${f%.geojson}
		ln -s "$abs/$f" "$tmp/data/${name[$b]:-$b}.geojson"
	done
	echo "bench: ${#unix[@]} files named by unix time, linked under their UTC time in $tmp/data" >&2
	DATA=$tmp/data
fi
full_flags=()
if [ -n "$FULL" ]; then
	first=$(ls "$DATA" | grep -m1 -o '^[0-9]\{4\}-[0-9]\{2\}-[0-9]\{2\}' || true)
	last=$(ls "$DATA" | grep -o '^[0-9]\{4\}-[0-9]\{2\}-[0-9]\{2\}' | tail -1 || true)
	full_flags=(-reps 5 -import-reps 1 -pg-import-reps 1 -pg-import-conns "$(nproc)" -gogc100=false -slow-reps 0
		-area-day 2024-02-17 -change-from 2023-05-20 -change-to 2024-02-17)
	if [ -n "$first" ] && [ -n "$last" ]; then
		full_flags+=(-series-from "$first" -series-to "$last")
	fi
fi

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

db=$tmp/work/import-1.db
reuse=()
if [ -n "${BENCH_DB:-}" ]; then
	mkdir -p "$tmp/work"
	cp "$BENCH_DB" "$tmp/work/reused.db"
	db=$tmp/work/reused.db
	reuse+=(-frontline-db "$db")
fi
if [ "${BENCH_PG_REUSE:-0}" = 1 ]; then
	reuse+=(-pg-reuse)
fi
# shellcheck disable=SC2086
"$tmp/bench-compare" -data "$DATA" -bin "$tmp/frontline" -out bench/results -source "$source_desc" \
	-work "$tmp/work" "${full_flags[@]}" "${reuse[@]}" ${BENCH_FLAGS:-}

# The API and the web map, on the store the (first) Frontline import made.
if [ "${BENCH_API:-1}" = 1 ]; then
	echo "bench: the API under load on $db" >&2
	DB=$db BIN=$tmp/frontline OUT=bench/results/api.txt bash bench/api/run.sh
fi
if [ "${BENCH_WEB:-1}" = 1 ] && command -v "${FRONTLINE_CHROMIUM:-chromium}" >/dev/null; then
	echo "bench: the web map on $db" >&2
	BENCH_WEB_DB=$db bash bench/web/run.sh
fi
