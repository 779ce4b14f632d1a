#!/usr/bin/env bash
# run.sh times the web map in headless Chromium (page load to idle, slider
# step), BENCH_WEB_RUNS runs (default 10), and writes the figures to
# bench/results/web.txt. Needs Debian's chromium (or FRONTLINE_CHROMIUM).
set -euo pipefail
cd "$(dirname "$0")/../.."
scripts/build-web.sh
# Software WebGL shares the two cores with everything else: wait (up to
# 5 minutes; BENCH_WEB_WAIT=N seconds, 0 for none) for the 1-minute load
# average to fall below 1.
for _ in $(seq $(( ${BENCH_WEB_WAIT:-300} / 5 ))); do
	awk '{exit !($1 < 1.0)}' /proc/loadavg && break
	echo "bench/web: waiting for an idle machine (load $(cut -d' ' -f1 /proc/loadavg))" >&2
	sleep 5
done
mkdir -p bench/results
BENCH_WEB_OUT=$PWD/bench/results/web.txt go test -tags webbench -count=1 -timeout 20m -run TestPageLoad -v ./bench/web/ | grep -v '^=== RUN'
