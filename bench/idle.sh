#!/usr/bin/env bash
# bench/idle.sh — issue 13's command-line figures for one or two binaries,
# side by side, on a folder of the DeepState archive (docs/benchmarks-journal.md,
# "The merged tree on an idle machine, side by side …").
#
#   bench/idle.sh DIR NEW [BASE]
#
# DIR is a folder of maps named by UTC time (2023-11-17T233359Z.geojson, as
# bench/run.sh links the public archive): all but the last are imported in
# one run into a new store, and the last is the "daily map" imported into
# three copies of it. Then each command of the list runs RUNS times (9) on a
# copy after the daily map and one change; with BASE, the two binaries take
# turns on their own stores, and each line gives both medians. Wall times
# in ms; the import's wall, CPU and peak RSS from /usr/bin/time. Stores and
# logs go to a temporary folder (WORK to choose it). Run it on an idle
# machine: the load average is printed at the start and the end.
set -euo pipefail
DIR=${1:?usage: bench/idle.sh DIR NEW [BASE]}
NEW=${2:?usage: bench/idle.sh DIR NEW [BASE]}
BASE=${3:-}
RUNS=${RUNS:-9}
WORK=${WORK:-$(mktemp -d)}
ARTICLE=${ARTICLE:-$(cd "$(dirname "$0")/.." && pwd)/../shared/data/articles/kharkiv-counteroffensive-2022-09.txt}
mapfile -t maps < <(ls "$DIR"/*.geojson | sort)
(( ${#maps[@]} >= 2 )) || { echo "bench/idle.sh: $DIR holds fewer than two maps" >&2; exit 2; }
daily=${maps[-1]}
mkdir -p "$WORK/bulk"
for f in "${maps[@]:0:${#maps[@]}-1}"; do ln -sf "$f" "$WORK/bulk/"; done
echo "== load $(cut -d' ' -f1-3 /proc/loadavg) $(date -u +%H:%M:%S); ${#maps[@]} maps; work in $WORK"

bins=(new); [[ -n $BASE ]] && bins+=(base)
binOf() { if [[ $1 == new ]]; then echo "$NEW"; else echo "$BASE"; fi; }
for b in "${bins[@]}"; do
  bin=$(binOf "$b")
  echo "== $b: import of $(( ${#maps[@]} - 1 )) maps with cells"
  /usr/bin/time -f "$b import: %e s wall, %U+%S s CPU, %M KB" "$bin" layer import --db "$WORK/$b.db" \
    --layer deepstate --recorded-at valid "$WORK/bulk" > /dev/null 2> "$WORK/$b-import.err" || { tail -3 "$WORK/$b-import.err"; exit 1; }
  tail -1 "$WORK/$b-import.err"
  echo "$b store: $(stat -c %s "$WORK/$b.db") bytes"
done
echo "== the daily map ($(basename "$daily")) into copies, the binaries in turn"
for i in 1 2 3; do
  for b in "${bins[@]}"; do
    cp "$WORK/$b.db" "$WORK/$b-d$i.db"
    /usr/bin/time -f "$b daily $i: %e s wall, %U+%S s CPU" "$(binOf "$b")" layer import --db "$WORK/$b-d$i.db" \
      --layer deepstate --recorded-at valid "$daily" 2>&1 > /dev/null | tail -1
  done
done
for b in "${bins[@]}"; do
  "$(binOf "$b")" change --db "$WORK/$b-d1.db" --layer deepstate --from 2023-05-20 --to 2024-02-17 > /dev/null 2>&1 || true # a warm-up: its figures are not used
done
cmds=(
  "place search Pokrovsk"
  "place show Bakhmut"
  "layer list"
  "area --layer deepstate --at 2024-06-01"
  "series --layer deepstate"
  "area --layer deepstate --settlements --at 2024-06-01"
  "change --layer deepstate --from 2023-05-20 --to 2024-02-17"
  "settlements --layer deepstate --changed --oblast UA-14"
  "check --published 2022-09-13 $ARTICLE"
)
ms() { local s e; s=$(date +%s%N); "$@" > /dev/null 2>&1; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
median() { printf '%s\n' "$@" | sort -n | sed -n "$(( ($# + 1) / 2 ))p"; }
echo "== commands, $RUNS runs each (ms, median and every run)"
for c in "${cmds[@]}"; do
  declare -A runs=()
  for _ in $(seq "$RUNS"); do
    for b in "${bins[@]}"; do
      # shellcheck disable=SC2086 # the command's words
      runs[$b]+=" $(ms "$(binOf "$b")" $c --db "$WORK/$b-d1.db")"
    done
  done
  line="$c:"
  for b in "${bins[@]}"; do
    # shellcheck disable=SC2086
    line+=" $b $(median ${runs[$b]}) ms (${runs[$b]# })"
    [[ $b == new && -n $BASE ]] && line+=" |"
  done
  echo "$line"
  unset runs
done
echo "== load $(cut -d' ' -f1-3 /proc/loadavg) $(date -u +%H:%M:%S)"
