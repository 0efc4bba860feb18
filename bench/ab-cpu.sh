#!/usr/bin/env sh
# Two builds compared in one JVM, for a shared machine whose load swings: CPU ms per plan of each, and the ratio B/A of
# chunks planned in turn (dev.llmcap.bench.BuildsCpuAb). A build is a folder holding llmcap.jar and lib/ (copy
# target/llmcap.jar and target/lib of each commit); rules and catalogs come from this folder (-Dllmcap.home).
#
#   bench/ab-cpu.sh BUILD_A BUILD_B [N] [CHUNK] [ROUNDS]     (default 300 configs of seed 42, chunks of 100, 20 rounds)
# A build folder with rules/, gpu-catalog/ and model-catalog/ of its own plans with them (to compare rule edits).
#
# The JVM runs with the default JIT (C2) and the parallel collector, as bench/plan-throughput.sh.
set -e
HERE=$(cd "$(dirname "$0")/.." && pwd)
A=$(cd "$1" && pwd); B=$(cd "$2" && pwd)
N=${3:-300}; CHUNK=${4:-100}; ROUNDS=${5:-20}
OUT=${BENCH_DIR:-$(mktemp -d)}
cd "$HERE"
[ -f target/llmcap.jar ] && [ -d target/lib ] && [ -f target/test-classes/dev/llmcap/bench/BuildsCpuAb.class ] \
  || mvn -B -q -DskipTests package >&2
java -cp "target/llmcap.jar:target/lib/*" dev.llmcap.batch.ConfigGenerator "$N" 42 --pin-gpu > "$OUT/configs.jsonl"
echo "processors: $(nproc); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
java -XX:+UseParallelGC -Xmx512m -Dllmcap.home="$HERE" -Djava.awt.headless=true -cp target/test-classes \
  dev.llmcap.bench.BuildsCpuAb "$A" "$B" "$OUT/configs.jsonl" "$CHUNK" "$ROUNDS"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
