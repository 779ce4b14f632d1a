#!/usr/bin/env bash
# bench/api/run.sh — API latency under mixed reads at a fixed rate.
#
# Builds ./cmd/frontline, starts `frontline serve` on a fresh database in a
# temporary folder (the bundled demo loads on first start: 90 DeepState
# snapshots, 2022-08-20 – 2022-10-20), waits until it answers, warms it up
# with the same mix for WARM seconds, then runs wrk for DURATION seconds with
# CONNECTIONS connections, each pacing itself to RATE requests a second
# (bench/api/mixed.lua; Debian's wrk has no -R). It prints wrk's report and a
# RESULT line: requests, achieved rate, p50/p90/p99/max latency, errors.
#
# Environment: DURATION (60), CONNECTIONS (50), RATE per connection (10),
# THREADS (2), WARM (10), ADDR (127.0.0.1:18089).
set -euo pipefail
cd "$(dirname "$0")/../.."

export GOTOOLCHAIN=local
DURATION=${DURATION:-60}
CONNECTIONS=${CONNECTIONS:-50}
RATE=${RATE:-10}
THREADS=${THREADS:-2}
WARM=${WARM:-10}
ADDR=${ADDR:-127.0.0.1:18089}

tmp=$(mktemp -d)
pid=""
cleanup() {
	if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
	rm -rf "$tmp"
}
trap cleanup EXIT

go build -o "$tmp/frontline" ./cmd/frontline
"$tmp/frontline" serve --db "$tmp/frontline.db" --addr "$ADDR" >"$tmp/serve.log" 2>&1 &
pid=$!
base="http://$ADDR"
for _ in $(seq 1 600); do
	if curl -fsS "$base/api/v1/layers/deepstate" >/dev/null 2>&1; then break; fi
	if ! kill -0 "$pid" 2>/dev/null; then cat "$tmp/serve.log" >&2; exit 1; fi
	sleep 0.5
done
curl -fsS "$base/api/v1/layers/deepstate" >/dev/null || { cat "$tmp/serve.log" >&2; exit 1; }
echo "serving after: $(grep -o 'demo loaded in .*' "$tmp/serve.log" || echo 'no demo load')" >&2

# Snapshot ids and their days (UTC) for the script.
mapfile -t pairs < <(curl -fsS "$base/api/v1/layers/deepstate/snapshots" | jq -r '.snapshots[] | "\(.id):\(.valid_at[0:10])"')
echo "${#pairs[@]} snapshots" >&2

# Every answer the mix can ask for computed once, as a server that has been
# up for a while has (areas and settlement statuses per map, the changes
# between days a week apart, which the store then caches): the measurement
# is of steady-state reads, not of first computations. PRECOMPUTE=0 skips it.
if [ "${PRECOMPUTE:-1}" = 1 ]; then
	start=$(date +%s.%N)
	days=()
	for p in "${pairs[@]}"; do days+=("${p#*:}"); done
	for d in "${days[@]}"; do curl -fsS -o /dev/null "$base/api/v1/layers/deepstate/area?at=$d"; done
	for ((i = 0; i + 7 < ${#days[@]}; i++)); do
		curl -fsS -o /dev/null "$base/api/v1/layers/deepstate/change?from=${days[$i]}&to=${days[$((i + 7))]}"
	done
	echo "precomputed every area and week-apart change in $(echo "$(date +%s.%N) - $start" | bc) s" >&2
fi
if [ "$WARM" -gt 0 ]; then
	wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARM}s" -s bench/api/mixed.lua "$base" -- "$RATE" deepstate "${pairs[@]}" >/dev/null
fi
echo "wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s at $RATE req/s per connection (target $((CONNECTIONS * RATE)) req/s)" >&2
wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -s bench/api/mixed.lua "$base" -- "$RATE" deepstate "${pairs[@]}"
