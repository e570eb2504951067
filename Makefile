# The two commands (README): `make run` and `make test`. Everything else is a step of those.
SHELL := /bin/bash
JOBS ?= $(shell nproc)
PORT ?= 8050
# Let ccache share objects between clones of the project (paths are made relative to it).
export CCACHE_BASEDIR := $(CURDIR)
export CCACHE_NOHASHDIR := 1

.PHONY: run test build setup web configure unit asan integration browser bench fuzz format tidy clean

setup:
	@scripts/setup

configure:
	@[ -f build/release/build.ninja ] || cmake --preset release >/dev/null

web: setup
	@[ ! -f web/package.json ] || (cd web && npm run --silent build)

build: setup configure
	@cmake --build --preset release -j $(JOBS)
	@ln -sfn release/src/app/streams build/streams 2>/dev/null || true
	@$(MAKE) --no-print-directory web

run: build
	build/streams serve --port $(PORT)

test: build
	@scripts/test

bench: build
	@scripts/bench

fuzz:
	@scripts/fuzz

format:
	@scripts/format.sh

tidy:
	@scripts/tidy.sh

clean:
	rm -rf build web/dist
