#!/usr/bin/env sh
# Batch planning throughput: plans/s on 1 and 2 threads for N generated configs (default 10000, seed 42).
#
#   bench/plan-throughput.sh [N] [SEED]
#
# Generates N varied, valid configs as JSONL (dev.llmcap.batch.ConfigGenerator, deterministic for a seed; every config
# names its GPU, as fleet configs usually do), then runs `llmcap batch` on them with --threads 1 and --threads 2 under
# /usr/bin/time -v. Two figures per run:
#   - plans/s from the batch summary: configs / seconds from the first to the last plan (parse, validate, plan,
#     flatten; excludes JVM start and the one-off rule compilation);
#   - CPU time per plan on the worker threads (from the same summary): on a shared machine wall-clock rates swing
#     with the load of other processes, CPU time per plan much less;
#   - wall-clock seconds and peak RSS from /usr/bin/time (includes JVM start and rule compilation).
# The JVM runs with the default JIT (C2) here: the launcher's default -XX:TieredStopAtLevel=1 favours start-up time,
# which suits single plans, not long batches (set LLMCAP_JAVA_OPTS to compare).
# The heap is capped at the launcher's -Xmx256m (BENCH_JAVA_OPTS replaces the options): without a cap the parallel
# collector sizes the heap from the machine's memory, and peak RSS then measures that, not the batch.
set -e
HERE=$(cd "$(dirname "$0")/.." && pwd)
N=${1:-10000}
SEED=${2:-42}
OUT=${BENCH_DIR:-$(mktemp -d)}
JAVA_OPTS=${BENCH_JAVA_OPTS:--XX:+UseParallelGC -Xmx256m}
cd "$HERE"
[ -f target/llmcap.jar ] && [ -d target/lib ] || mvn -B -q -DskipTests package >&2
CP="target/llmcap.jar:target/lib/*"
java -cp "$CP" dev.llmcap.batch.ConfigGenerator "$N" "$SEED" --pin-gpu > "$OUT/configs.jsonl"
echo "configs: $N (seed $SEED) in $OUT/configs.jsonl; processors: $(nproc); load: $(cut -d' ' -f1-3 /proc/loadavg)"
for T in 1 2; do
  /usr/bin/time -v -o "$OUT/time-$T.txt" java $JAVA_OPTS -Dllmcap.home="$HERE" -Djava.awt.headless=true -cp "$CP" \
    dev.llmcap.cli.Main batch "$OUT/configs.jsonl" --threads "$T" --no-progress --output "$OUT/results-$T.csv" --force \
    2> "$OUT/summary-$T.txt" || true
  RATE=$(grep -o '[0-9.]* plans/s' "$OUT/summary-$T.txt" | tail -1)
  CPUS=$(grep -o '[0-9.]* ms CPU per plan ([0-9.]* plans per CPU-second)' "$OUT/summary-$T.txt" | tail -1)
  WALL=$(grep 'Elapsed (wall clock)' "$OUT/time-$T.txt" | sed 's/.*: //')
  RSS=$(grep 'Maximum resident' "$OUT/time-$T.txt" | sed 's/.*: //')
  echo "threads $T: $RATE; $CPUS (wall clock $WALL, peak RSS ${RSS} KB)"
done
if cmp -s "$OUT/results-1.csv" "$OUT/results-2.csv"; then echo "results identical on 1 and 2 threads"; else echo "results DIFFER between 1 and 2 threads"; fi
