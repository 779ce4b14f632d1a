#!/usr/bin/env bash
# bench/api/run.sh — API latency and server memory under mixed reads at a
# fixed rate.
#
# Starts `frontline serve` on a store in a temporary folder — by default a
# fresh one, into which the bundled demo loads on first start (90 DeepState
# snapshots, 2022-08-20 – 2022-10-20); with DB=FILE a copy of that store
# (e.g. the full archive imported by `make bench FULL=DIR`), so that what the
# server stores (the change cache) does not change FILE. It waits until the
# server answers and has read its cell indexes (serve does so once it
# listens), optionally warms it up with the same mix for WARM seconds,
# then runs wrk for DURATION seconds with CONNECTIONS connections, each
# pacing itself to RATE requests a second (bench/api/mixed.lua; Debian's wrk
# has no -R). Change asks for random pairs of days, so almost every change
# on the full archive is computed, not read from a cache; nothing computes
# them before (PRECOMPUTE=1 restores the old step that computed every area
# and every week-apart change first).
#
# While wrk runs, the server's resident memory (VmRSS of /proc/PID/status)
# is sampled every second. It prints wrk's report, a RESULT line (requests,
# achieved rate, p50/p90/p99/max latency, errors) and an RSS line (start,
# max, end; VmHWM, the kernel's peak) and a CPU line (the server's user +
# system CPU during wrk, and per request), and writes them to OUT (default
# bench/results/api.txt; not committed).
#
# Environment: DB (none: the demo), BIN (a frontline binary; default: built
# from the working tree), DURATION (60), CONNECTIONS (50), RATE per
# connection (10), THREADS (2), WARM (0), PRECOMPUTE (0), ADDR
# (127.0.0.1:18089), OUT, GOMEMLIMIT/GOGC (passed to the server as set),
# MIX (change: only the change between two random days, for issue 13's
# "change through the API p99 ≤ 20 ms"; default: the mix above), ROUTES
# (1: the server logs each request's route and its own time on it,
# FRONTLINE_ROUTE_LOG; after wrk the server is stopped and a ROUTES table
# per route — count, p50/p99/max of the server's time, and how many of
# the requests slower than the server-side p99 are of that route — is
# printed and written to OUT, the raw log to OUT.routes).
set -euo pipefail
cd "$(dirname "$0")/../.."

export GOTOOLCHAIN=local
DURATION=${DURATION:-60}
CONNECTIONS=${CONNECTIONS:-50}
RATE=${RATE:-10}
THREADS=${THREADS:-2}
WARM=${WARM:-0}
ADDR=${ADDR:-127.0.0.1:18089}
OUT=${OUT:-bench/results/api.txt}

tmp=$(mktemp -d)
pid=""
sampler=""
cleanup() {
	if [ -n "$sampler" ]; then kill "$sampler" 2>/dev/null || true; fi
	if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
	rm -rf "$tmp"
}
trap cleanup EXIT

bin=${BIN:-}
if [ -z "$bin" ]; then
	go build -o "$tmp/frontline" ./cmd/frontline
	bin=$tmp/frontline
fi
store="a fresh store (the bundled demo)"
if [ -n "${DB:-}" ]; then
	cp "$DB" "$tmp/frontline.db"
	[ -f "$DB-wal" ] && cp "$DB-wal" "$tmp/frontline.db-wal"
	store="a copy of $DB ($(du -h "$DB" | cut -f1))"
fi
if [ "${ROUTES:-0}" = 1 ]; then export FRONTLINE_ROUTE_LOG=$tmp/routes; fi
"$bin" serve --db "$tmp/frontline.db" --addr "$ADDR" >"$tmp/serve.log" 2>&1 &
pid=$!
base="http://$ADDR"
for _ in $(seq 1 600); do
	if curl -fsS "$base/api/v1/layers/deepstate" >/dev/null 2>&1; then break; fi
	if ! kill -0 "$pid" 2>/dev/null; then cat "$tmp/serve.log" >&2; exit 1; fi
	sleep 0.5
done
curl -fsS "$base/api/v1/layers/deepstate" >/dev/null || { cat "$tmp/serve.log" >&2; exit 1; }
echo "serving $store: $(grep -o 'demo loaded in .*' "$tmp/serve.log" || echo 'no demo load')" >&2

# serve reads each layer's cell index in the background once it listens
# (a start-up cost, ~1 s of CPU on the full archive; no answer is
# computed): wait for it, so that the run measures a started server.
for _ in $(seq 1 240); do
	if grep -q 'cells read in\|cells: ' "$tmp/serve.log"; then break; fi
	sleep 0.5
done
echo "$(grep -o 'cells read in .*' "$tmp/serve.log" || echo 'cell index not read')" >&2

rss() { awk '/^VmRSS:/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0; }
# cpu: the server's user+system CPU so far, in clock ticks (fields 14 and
# 15 of /proc/PID/stat; the command name, field 2, has no spaces here).
cpu() { awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0; }

# Snapshot ids and their days (UTC) for the script.
mapfile -t pairs < <(curl -fsS "$base/api/v1/layers/deepstate/snapshots" | jq -r '.snapshots[] | "\(.id):\(.valid_at[0:10])"')
echo "${#pairs[@]} snapshots" >&2

if [ "${PRECOMPUTE:-0}" = 1 ]; then
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
rss0=$(rss)
(
	while kill -0 "$pid" 2>/dev/null; do
		echo "$(date +%s) $(rss)"
		sleep 1
	done
) >"$tmp/rss" &
sampler=$!
load0=$(cut -d' ' -f1-3 /proc/loadavg)
wrk0=$(date +%s%3N)
cpu0=$(cpu)
echo "wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s at $RATE req/s per connection (target $((CONNECTIONS * RATE)) req/s)" >&2
wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -s bench/api/mixed.lua "$base" -- "$RATE" deepstate "${pairs[@]}" | tee "$tmp/wrk"
rss1=$(rss)
cpu1=$(cpu)
hwm=$(awk '/^VmHWM:/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)
kill "$sampler" 2>/dev/null || true
sampler=""
max=$(awk 'BEGIN {m = 0} $2 > m {m = $2} END {print m}' "$tmp/rss")
n=$(wc -l <"$tmp/rss")
line=$(printf 'RSS start_mb=%.0f max_mb=%.0f end_mb=%.0f vmhwm_mb=%.0f samples=%d (1 s apart)' \
	"$(echo "$rss0/1024" | bc -l)" "$(echo "$max/1024" | bc -l)" "$(echo "$rss1/1024" | bc -l)" "$(echo "$hwm/1024" | bc -l)" "$n")
echo "$line"
tck=$(getconf CLK_TCK)
reqs=$(grep -o 'requests=[0-9]*' "$tmp/wrk" | head -1 | cut -d= -f2)
cpuline=$(printf 'CPU server_s=%.2f per_request_ms=%.3f (user+system during wrk)' \
	"$(echo "($cpu1 - $cpu0) / $tck" | bc -l)" "$(echo "($cpu1 - $cpu0) * 1000 / $tck / ${reqs:-1}" | bc -l)")
echo "$cpuline"
routes=""
if [ "${ROUTES:-0}" = 1 ]; then
	# Stop the server so that it flushes its route log; only the requests
	# wrk sent (from its start) count.
	kill "$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
	pid=""
	mkdir -p "$(dirname "$OUT")"
	awk -v t0="$wrk0" '$1 >= t0' "$tmp/routes" >"$OUT.routes"
	slow=$(awk '{print $2}' "$OUT.routes" | sort -n | awk '{v[NR] = $1} END {i = int(NR * 0.99); if (i < 1) i = 1; print v[i] + 0}')
	routes=$(awk -v slow="$slow" '{print $5, $2}' "$OUT.routes" | sort -k1,1 -k2,2n | awk -v slow="$slow" '
		function flush() {
			if (n == 0) return
			p50 = v[int((n + 1) * 0.5)]; i99 = int(n * 0.99); if (i99 < 1) i99 = 1
			printf "ROUTE %-40s n=%6d p50_ms=%8.2f p99_ms=%8.2f max_ms=%8.2f over_p99=%d\n", r, n, p50 / 1000, v[i99] / 1000, v[n] / 1000, over
		}
		$1 != r { flush(); r = $1; n = 0; over = 0 }
		{ v[++n] = $2; if ($2 > slow) over++ }
		END { flush() }')
	routes="ROUTES server-side p99 of all requests: $(echo "$slow / 1000" | bc -l | xargs printf '%.2f') ms
$routes"
	echo "$routes"
fi
mkdir -p "$(dirname "$OUT")"
{
	echo "API: $store, $(basename "$bin") $(env -u FRONTLINE_CPUPROFILE -u FRONTLINE_MEMPROFILE -u FRONTLINE_ROUTE_LOG "$bin" version 2>/dev/null | head -1), ${#pairs[@]} snapshots"
	echo "load average at start $load0, at end $(cut -d' ' -f1-3 /proc/loadavg); WARM=$WARM PRECOMPUTE=${PRECOMPUTE:-0} MIX=${MIX:-mixed} RATE=$RATE CONNECTIONS=$CONNECTIONS"
	grep '^RESULT' "$tmp/wrk" || true
	echo "$line"
	echo "$cpuline"
	if [ -n "$routes" ]; then echo "$routes"; fi
	echo "RSS every second (MB):$(awk '{printf " %.0f", $2/1024}' "$tmp/rss")"
} >"$OUT"
echo "written to $OUT" >&2
