#!/usr/bin/env bash
# postgis-up.sh starts a throwaway PostgreSQL 15 + PostGIS cluster for tests.
#
# It listens on 127.0.0.1:$FRONTLINE_PG_PORT (default 55432), keeps its data in
# $FRONTLINE_PGDATA (default /tmp/frontline-postgis-55432), and has a database
# frontline_test with the postgis extension, owned by the login role frontline
# (password frontline; superuser, so tests may create databases and extensions).
# Durability is switched off: this cluster is for tests only.
#
# It is idempotent: a running cluster is reused. The only line on stdout is
#   export FRONTLINE_POSTGIS_URL=postgres://...
# so use it as: eval "$(scripts/postgis-up.sh)". Progress goes to stderr.
# Stop and delete it with scripts/postgis-down.sh.
set -euo pipefail
# shellcheck source=postgis-env.sh
. "$(dirname "$0")/postgis-env.sh"

log() { echo "postgis-up: $*" >&2; }

for b in initdb pg_ctl postgres psql pg_isready; do
	if [ ! -x "$FRONTLINE_PG_BIN/$b" ]; then
		log "$FRONTLINE_PG_BIN/$b missing: run scripts/install-test-deps.sh"
		exit 1
	fi
done

# Serialise concurrent starts (several test runs may call this at once). The
# server must not inherit fd 9, or it would hold the lock for its lifetime.
exec 9>>"$FRONTLINE_PG_LOCK"
flock -w 120 9

PGDATA=$FRONTLINE_PGDATA
PORT=$FRONTLINE_PG_PORT

pgsu() { # psql as the bootstrap superuser over the cluster's unix socket
	as_postgres "$FRONTLINE_PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$PGDATA" -p "$PORT" -U postgres "$@"
}

if [ ! -f "$PGDATA/PG_VERSION" ]; then
	log "initialising cluster in $PGDATA"
	mkdir -p "$PGDATA"
	chmod 700 "$PGDATA"
	if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$PGDATA"; fi
	as_postgres "$FRONTLINE_PG_BIN/initdb" -D "$PGDATA" -U postgres -E UTF8 --locale=C.UTF-8 \
		--auth-local=trust --auth-host=scram-sha-256 >"$PGDATA.initdb.log" 2>&1 ||
		{ cat "$PGDATA.initdb.log" >&2; exit 1; }
	as_postgres tee -a "$PGDATA/postgresql.conf" >/dev/null <<CONF

# frontline test cluster (scripts/postgis-up.sh)
listen_addresses = '127.0.0.1'
port = $PORT
unix_socket_directories = '$PGDATA'
max_connections = 200
fsync = off
synchronous_commit = off
full_page_writes = off
logging_collector = off
CONF
fi

if as_postgres "$FRONTLINE_PG_BIN/pg_ctl" status -D "$PGDATA" >/dev/null 2>&1; then
	log "cluster in $PGDATA already running"
else
	if "$FRONTLINE_PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT"; then
		log "port $PORT is taken by another server; set FRONTLINE_PG_PORT or stop it"
		exit 1
	fi
	log "starting cluster on 127.0.0.1:$PORT"
	as_postgres "$FRONTLINE_PG_BIN/pg_ctl" start -D "$PGDATA" -l "$PGDATA/server.log" -w -t 60 >/dev/null 9>&- ||
		{ tail -n 30 "$PGDATA/server.log" >&2; exit 1; }
fi

if [ "$(pgsu -d postgres -tAc "SELECT 1 FROM pg_roles WHERE rolname = '$FRONTLINE_PG_USER'")" != 1 ]; then
	pgsu -d postgres -c "CREATE ROLE \"$FRONTLINE_PG_USER\" LOGIN SUPERUSER PASSWORD '$FRONTLINE_PG_PASSWORD'"
fi
if [ "$(pgsu -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$FRONTLINE_PG_DB'")" != 1 ]; then
	pgsu -d postgres -c "CREATE DATABASE \"$FRONTLINE_PG_DB\" OWNER \"$FRONTLINE_PG_USER\""
fi
pgsu -d "$FRONTLINE_PG_DB" -c "CREATE EXTENSION IF NOT EXISTS postgis" 2>&1 | grep -v 'already exists' >&2 || true

URL=$(frontline_pg_url)
# Check the URL works as the client will use it (TCP, password).
PGPASSWORD=$FRONTLINE_PG_PASSWORD "$FRONTLINE_PG_BIN/psql" -X -q -tA "$URL" -c 'SELECT postgis_version()' >/dev/null
echo "export FRONTLINE_POSTGIS_URL='$URL'"
