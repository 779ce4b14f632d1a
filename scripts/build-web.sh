#!/usr/bin/env bash
# build-web.sh builds the web map's generated assets, which package web
# embeds with go:embed:
#
#   web/static/vendor/   MapLibre GL JS (npm maplibre-gl, version pinned in
#                        web/package.json and web/package-lock.json)
#   web/static/basemap/  the offline basemap (web/tools/basemap.mjs: Natural
#                        Earth neighbours from npm world-atlas, Ukraine from
#                        boundaries/ukraine.geojson)
#
# `npm ci` runs only when web/node_modules is missing or older than
# web/package-lock.json; otherwise nothing is downloaded. Idempotent and fast
# (well under a second) when everything is up to date. Run by `make run`,
# `make build` and `make test` before Go compiles.
set -euo pipefail
cd "$(dirname "$0")/../web"

if ! command -v npm >/dev/null; then
	# Install Node.js and npm from Debian's apt, as the test dependencies are.
	if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
		echo "build-web: installing nodejs and npm from apt" >&2
		apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends nodejs npm
	else
		echo "build-web: npm not found (Debian: sudo apt-get install nodejs npm)" >&2
		exit 1
	fi
fi

stamp=node_modules/.package-lock.json # written by npm ci / npm install
if [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ] || [ package.json -nt "$stamp" ]; then
	echo "build-web: npm ci" >&2
	npm ci --no-audit --no-fund --loglevel=error
	touch "$stamp"
fi

# MapLibre's CSP build: its worker is a file of its own (served, cached and
# compiled like any script), not a blob: URL made from the page's bundle on
# every load.
mkdir -p static/vendor
for pair in maplibre-gl-csp.js:maplibre-gl.js maplibre-gl-csp-worker.js:maplibre-gl-worker.js \
	maplibre-gl.css:maplibre-gl.css LICENSE.txt:maplibre-gl-LICENSE.txt; do
	src=node_modules/maplibre-gl/dist/${pair%%:*}
	dst=static/vendor/${pair#*:}
	if ! cmp -s "$src" "$dst"; then
		cp "$src" "$dst"
	fi
done

# The basemap depends on the script, the npm packages and the boundaries.
if [ ! -f static/basemap/ukraine.geojson ] || [ ! -f static/basemap/countries.geojson ] ||
	[ tools/basemap.mjs -nt static/basemap/ukraine.geojson ] ||
	[ ../boundaries/ukraine.geojson -nt static/basemap/ukraine.geojson ] ||
	[ "$stamp" -nt static/basemap/ukraine.geojson ]; then
	node tools/basemap.mjs
fi
