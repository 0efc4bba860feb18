#!/usr/bin/env sh
# The engine's floor: microseconds per rule session of the planner's shape (the shipped assumptions inserted, FIRINGS
# trivial rules each concluding one Quantity with insertLogical, pooled sessions), with no physics in it.
#
#   bench/engine-floor.sh [FIRINGS]      (default 86: the firings of one batch plan for one named GPU)
#
# Compare with the CPU time per plan of bench/plan-throughput.sh: the gap is what the planner's rules compute and
# match; the floor bounds how fast any plan made of this many rule firings can be.
set -e
HERE=$(cd "$(dirname "$0")/.." && pwd)
cd "$HERE"
[ -f target/llmcap.jar ] && [ -d target/lib ] && [ -d target/test-classes/dev/llmcap/bench ] || mvn -B -q -DskipTests package >&2
java -XX:+UseParallelGC -Dllmcap.home="$HERE" -cp "target/test-classes:target/llmcap.jar:target/lib/*" dev.llmcap.bench.EngineFloor "$@"
