#!/usr/bin/env sh
# Plans per second with JMH (dev.llmcap.bench.PlanThroughputBenchmark): the batch path from a JSON line, and the rule
# work alone from a validated request; 1,000 generated configs (seed 42, GPU named) cycled through.
#
#   bench/plan-jmh.sh            one thread, then two threads
#   bench/plan-jmh.sh -t 2 ...   any JMH options instead (e.g. -f 1 -wi 2 -i 3 for a shorter run)
set -e
HERE=$(cd "$(dirname "$0")/.." && pwd)
cd "$HERE"
[ -f target/llmcap.jar ] && [ -d target/test-classes/META-INF ] || mvn -B -q -o -DskipTests package >&2
mvn -B -q -o dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt >&2
CP="target/test-classes:target/classes:$(cat target/test-classpath.txt)"
echo "processors: $(nproc); load: $(cut -d' ' -f1-3 /proc/loadavg); $(java -version 2>&1 | head -1)"
if [ $# -gt 0 ]; then
  exec java -Dllmcap.home="$HERE" -cp "$CP" org.openjdk.jmh.Main PlanThroughputBenchmark -jvmArgsAppend "-Dllmcap.home=$HERE" "$@"
fi
for T in 1 2; do
  java -Dllmcap.home="$HERE" -cp "$CP" org.openjdk.jmh.Main PlanThroughputBenchmark -jvmArgsAppend "-Dllmcap.home=$HERE" -t "$T" \
    -rf text -rff "target/jmh-$T-threads.txt"
done
