#!/usr/bin/env bash
# test.sh is the whole test run, as CI does it (`make test`, `.ci/run`):
# install the Debian test dependencies, start the throwaway PostGIS, then
# `go vet` and `go test` over the whole module, and the race detector over
# $RACE_PKGS. Every step runs even if an earlier one failed; the exit status
# is non-zero if any failed.
#
# At the end it stops and deletes the test PostGIS it started (one that was
# already running is left running), and the tests leave no temporary
# folders; browser screenshots go to a temporary folder removed after each
# test unless FRONTLINE_ARTIFACTS names a folder to keep them in.
#
# Environment: RACE_PKGS (space-separated packages, default none),
# GO_TEST_FLAGS (extra flags for go test), GO_TEST_TIMEOUT (default 45m),
# FRONTLINE_KEEP_POSTGIS=1 (leave the test PostGIS running, for reruns),
# FRONTLINE_ARTIFACTS (keep screenshots there).
set -uo pipefail
cd "$(dirname "$0")/.."

# The race detector makes the pure-Go SQLite too slow to run on the whole tree
# on two cores: list here the packages to run under it (with -short).
RACE_PKGS=${RACE_PKGS:-}
# go test's -timeout is per package: a guard against a hung test, not a
# time limit. The slowest package, control, took 625 s of the suite's
# 16.7 min at load 17 on two cores (the suite takes 4.5 min idle); at the
# load 30 CI has seen, it would pass 20 min and be killed as if hung.
GO_TEST_TIMEOUT=${GO_TEST_TIMEOUT:-45m}

export CI=${CI:-true}           # pgtest fails (not skips) without PostGIS
export GOTOOLCHAIN=local        # never download another Go
export GOFLAGS=${GOFLAGS:--mod=readonly}
export TZ=UTC LC_ALL=C.UTF-8 NO_COLOR=1 TERM=dumb

failed=()
step() { # step NAME COMMAND...: run, report, remember failures
	local name=$1
	shift
	echo "==> $name: $*"
	local start=$SECONDS
	if "$@"; then
		echo "==> $name: ok ($((SECONDS - start))s)"
	else
		echo "==> $name: FAILED ($((SECONDS - start))s)"
		failed+=("$name")
	fi
}

scripts/install-test-deps.sh || { echo "==> install-test-deps: FAILED"; exit 1; }
scripts/build-web.sh || { echo "==> build-web: FAILED"; exit 1; }
# shellcheck source=postgis-env.sh
. scripts/postgis-env.sh
if [ "${FRONTLINE_KEEP_POSTGIS:-0}" != 1 ] && ! [ -f "$FRONTLINE_PGDATA/postmaster.pid" ]; then
	# Started here: stopped (and deleted) at the end, whatever happens.
	trap 'scripts/postgis-down.sh || echo "==> postgis-down: FAILED"' EXIT
fi
if ! env_line=$(scripts/postgis-up.sh); then
	echo "==> postgis-up: FAILED"
	exit 1
fi
eval "$env_line"
export FRONTLINE_POSTGIS_URL
echo "==> FRONTLINE_POSTGIS_URL=$FRONTLINE_POSTGIS_URL"
go version

step vet go vet ./...
# shellcheck disable=SC2086
step test go test -count=1 -timeout "$GO_TEST_TIMEOUT" ${GO_TEST_FLAGS:-} ./...
if [ -n "${RACE_PKGS// /}" ]; then
	# shellcheck disable=SC2086
	step race go test -race -count=1 -short -timeout "$GO_TEST_TIMEOUT" $RACE_PKGS
fi

if [ ${#failed[@]} -gt 0 ]; then
	echo "==> FAILED: ${failed[*]}"
	exit 1
fi
echo "==> all passed"
