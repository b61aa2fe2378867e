#!/bin/sh
# bench_local.sh - times enumerating every instance of every class in
# root/cimv2 of the embedded local: provider (not a timed test).
# Usage: tests/bench/bench_local.sh [BUILD_DIR]   (default: current directory)
# Builds tests/bench/bench_local if needed, then runs it twice: root classes
# with deep inheritance (each instance once) and every class separately.
set -e
build=${1:-.}
cd "$build"
[ -x tests/bench/bench_local ] || make tests/bench/bench_local >/dev/null
echo "== root classes, deep inheritance (each instance once)"
./tests/bench/bench_local
echo "== every class separately (--each)"
./tests/bench/bench_local --each
