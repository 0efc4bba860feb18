#!/usr/bin/env bash
# Start-up time and peak memory of one plan, measured as a whole process with public tools.
# Usage: bench/startup.sh [runs]   (uses hyperfine when installed, else /usr/bin/time -v)
# Three cases: cold (rules compiled, no cache), warm (compiled rules read from the on-disk cache),
# and warm with the comparison of every catalog GPU.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
[ -f target/llmcap.jar ] || mvn -B -q -DskipTests package
plan=(./llmcap --model llama-3.1-70b --rps 10 --input-tokens 500 --output-tokens 200 --gpu-type A100-80GB)
cache=$(mktemp -d)
export LLMCAP_JAVA_OPTS="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss1m -Xmx256m -Dllmcap.cache=$cache"

measure() { # label, command...
  local label=$1; shift
  if command -v hyperfine >/dev/null 2>&1; then
    hyperfine --runs "$runs" --warmup 1 --style basic -n "$label" "$(printf '%q ' "$@") > /dev/null"
  else
    for _ in $(seq "$runs"); do
      /usr/bin/time -f "$label: %e s wall, %U s user, %M KB peak RSS" "$@" > /dev/null
    done
  fi
}

echo "== cold start: DRL compiled (cache emptied before each run)"
for _ in $(seq "$runs"); do
  rm -rf "${cache:?}"/*
  /usr/bin/time -f "cold: %e s wall, %U s user, %M KB peak RSS" "${plan[@]}" --no-compare > /dev/null
done
echo "== warm start: compiled rules from the cache"
"${plan[@]}" --no-compare > /dev/null
measure warm "${plan[@]}" --no-compare
echo "== warm start, every catalog GPU compared"
measure warm-compare "${plan[@]}"
rm -rf "$cache"
