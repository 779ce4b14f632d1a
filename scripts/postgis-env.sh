# shellcheck shell=bash
# Shared settings for postgis-up.sh and postgis-down.sh (sourced, not run).
# Every value can be overridden from the environment.
FRONTLINE_PG_PORT=${FRONTLINE_PG_PORT:-55432}
FRONTLINE_PG_BIN=${FRONTLINE_PG_BIN:-/usr/lib/postgresql/15/bin}
FRONTLINE_PGDATA=${FRONTLINE_PGDATA:-/tmp/frontline-postgis-$FRONTLINE_PG_PORT}
FRONTLINE_PG_DB=${FRONTLINE_PG_DB:-frontline_test}
FRONTLINE_PG_USER=${FRONTLINE_PG_USER:-frontline}
FRONTLINE_PG_PASSWORD=${FRONTLINE_PG_PASSWORD:-frontline}
FRONTLINE_PG_LOCK=${FRONTLINE_PG_LOCK:-/tmp/frontline-postgis-$FRONTLINE_PG_PORT.lock}

# as_postgres runs a command as the postgres OS user when we are root
# (PostgreSQL refuses to run as root), and as ourselves otherwise.
as_postgres() {
	if [ "$(id -u)" = 0 ]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

frontline_pg_url() {
	printf 'postgres://%s:%s@127.0.0.1:%s/%s?sslmode=disable' \
		"$FRONTLINE_PG_USER" "$FRONTLINE_PG_PASSWORD" "$FRONTLINE_PG_PORT" "$FRONTLINE_PG_DB"
}
