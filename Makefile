# Frontline — developer commands. `make test` is what CI runs (.ci/run).

GO ?= go
FUZZTIME ?= 20s

.PHONY: test run replay build bench boundaries fuzz postgis-up postgis-down

## test: install test dependencies, build the web assets, start PostGIS, go vet and go test everything
test:
	scripts/test.sh

## run: serve Frontline from source (web assets built first)
run:
	scripts/build-web.sh
	$(GO) run ./cmd/frontline serve

## replay: serve a fresh temporary store that replays the Kharkiv window as if the tracker published it live (a map every 5 s, alerts as it goes)
replay:
	scripts/build-web.sh
	$(GO) run ./cmd/frontline serve --replay

## build: build bin/frontline (web assets built first; `frontline version` names the git commit)
build:
	scripts/build-web.sh
	$(GO) build -ldflags "-X main.version=$$(git describe --tags --always --dirty 2>/dev/null)" -o bin/frontline ./cmd/frontline

## bench: run the benchmarks under bench/ on the demo window; FULL=DIR: on a folder of the full DeepState archive
bench:
	@if [ -f bench/run.sh ]; then FULL="$(FULL)" bash bench/run.sh; else echo "bench/run.sh not present"; fi

## boundaries: regenerate boundaries/ukraine.geojson from ../shared/data
boundaries:
	scripts/gen-boundaries.sh

## fuzz: run every Fuzz* target for FUZZTIME (default 20s) each
fuzz:
	FUZZTIME=$(FUZZTIME) scripts/fuzz.sh

## postgis-up, postgis-down: start or stop (and delete) the throwaway test PostGIS
postgis-up:
	@scripts/postgis-up.sh
postgis-down:
	scripts/postgis-down.sh
