# spider-plugins: the entry points operators and CI use.
#   make build  - Native AOT binary in bin/ plus veth/router/coordinator links and SHA256SUMS
#   make test   - installs what it needs, runs every suite, prints "N passed, N failed"
#   make demo   - the veth plugin proven on a namespace testbed (the main job)
#   make bench  - benchmarks (not tests)
SHELL := /bin/bash
CONFIG ?= Release
RID ?= linux-x64
BIN := bin

.PHONY: all deps build test demo bench clean

all: build

deps:
	@scripts/deps.sh

build: deps
	@scripts/build.sh $(CONFIG) $(RID) $(BIN)

test: build
	@scripts/test-all.sh

demo: build
	@testbed/demo.sh

bench: build
	@bench/run.sh

clean:
	rm -rf $(BIN) out bench-results
	find src tests -type d \( -name bin -o -name obj \) -prune -exec rm -rf {} +
