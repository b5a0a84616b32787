# Thin wrapper around CMake presets. `make run` and `make test` work on a fresh Debian 12 machine:
# they install what is missing, configure, build, then run the app or the whole test suite.

JOBS ?= $(shell nproc)
ARGS ?=

.PHONY: all deps deps-test deps-bench build build-asan run test test-asan test-e2e fuzz bench format clean

all: build

deps:
	@packaging/install-deps.sh build

deps-test:
	@packaging/install-deps.sh test

deps-bench:
	@packaging/install-deps.sh bench

build/build.ninja:
	cmake --preset default

build: deps build/build.ninja
	cmake --build --preset default -j $(JOBS)

build-asan/build.ninja:
	cmake --preset asan

build-asan: deps-test build-asan/build.ninja
	cmake --build --preset asan -j $(JOBS)

# Starts Switchyard. Without a display (or with ARGS=--headless) it runs headless on 127.0.0.1:8000.
run: build
	./build/app/switchyard $(ARGS)

# The whole suite: unit, integration and the end-to-end test with the real Claude Code CLI.
test: deps-test build
	ctest --preset default -j $(JOBS)

test-asan: build-asan
	ctest --preset asan -j $(JOBS)

test-e2e: deps-test build
	ctest --preset default -L e2e

build-fuzz/build.ninja:
	cmake --preset fuzz

# libFuzzer targets (clang), each run for FUZZ_SECONDS (default 60).
FUZZ_SECONDS ?= 60
fuzz: deps-test build-fuzz/build.ninja
	cmake --build --preset fuzz -j $(JOBS) --target fuzzers
	tests/fuzz/run-fuzzers.sh build-fuzz $(FUZZ_SECONDS)

bench: deps-bench build
	tests/bench/run-benchmarks.sh build

format:
	git ls-files '*.cpp' '*.h' | xargs clang-format -i

clean:
	rm -rf build build-asan build-debug build-fuzz
