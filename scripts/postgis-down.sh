#!/usr/bin/env bash
# postgis-down.sh stops the throwaway test cluster started by postgis-up.sh and
# deletes its data directory. With --keep it only stops the server.
set -euo pipefail
# shellcheck source=postgis-env.sh
. "$(dirname "$0")/postgis-env.sh"

keep=0
case "${1:-}" in
--keep) keep=1 ;;
"") ;;
*) echo "usage: $0 [--keep]" >&2; exit 2 ;;
esac

exec 9>>"$FRONTLINE_PG_LOCK"
flock -w 120 9

PGDATA=$FRONTLINE_PGDATA
if [ -f "$PGDATA/PG_VERSION" ] && as_postgres "$FRONTLINE_PG_BIN/pg_ctl" status -D "$PGDATA" >/dev/null 2>&1; then
	echo "postgis-down: stopping cluster in $PGDATA" >&2
	as_postgres "$FRONTLINE_PG_BIN/pg_ctl" stop -D "$PGDATA" -m fast -w >/dev/null
fi
if [ "$keep" = 0 ]; then
	case "$PGDATA" in
	/tmp/* | */.cache/*) rm -rf -- "$PGDATA" "$PGDATA.initdb.log" ;;
	*) echo "postgis-down: not deleting $PGDATA (outside /tmp and .cache); remove it yourself" >&2 ;;
	esac
fi
