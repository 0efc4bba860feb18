#!/usr/bin/env bash
# Start-up time and peak memory of single commands, measured as whole processes with public tools (hyperfine when
# installed, else /usr/bin/time -v). Usage: bench/startup.sh [runs]   (default 5; quote medians, and the load shown)
# Cases (the table of docs/performance.md):
#   version       ./llmcap --version (JVM + CLI floor)
#   one-gpu       the one-GPU plan with the compiled-rule cache warm
#   readme        the README plan (examples/chat-service.json, every catalog GPU compared), cache warm
#   edit-rule     the first plan after editing one inference rule file (only that file compiled, into the package
#                 compiled before)
#   edit-function the first plan after adding a function to the inference package (the whole package recompiled)
#   cold          no compiled-rule cache at all (every package compiled)
# The launcher's class-data archive (target/cds) is made before the first measurement; LLMCAP_CDS=off measures without.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
[ -f target/llmcap.jar ] || mvn -B -q -DskipTests package
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cache="$work/cache"
cp -r rules "$work/rules"
export LLMCAP_JAVA_OPTS="${LLMCAP_JAVA_OPTS:-}"
[ -n "$LLMCAP_JAVA_OPTS" ] || unset LLMCAP_JAVA_OPTS
# the cache location is a system property; the launcher passes JAVA_TOOL_OPTIONS through to the JVM
export JAVA_TOOL_OPTIONS="-Dllmcap.cache=$cache"
plan=(./llmcap --model llama-3.1-70b --rps 10 --input-tokens 500 --output-tokens 200 --gpu-type A100-80GB --no-compare)
echo "machine: $(nproc) processors, $(uname -m); load: $(cut -d' ' -f1-3 /proc/loadavg); $(java -version 2>&1 | grep -v 'Picked up' | head -1); $(date -u +%FT%TZ)"
"${plan[@]}" > /dev/null 2>&1   # makes the class-data archive (once per build and JDK) and fills the rule cache

measure() { # label, command...
  local label=$1; shift
  if command -v hyperfine >/dev/null 2>&1; then
    hyperfine --runs "$runs" --warmup 1 --style none -N -n "$label" --export-json "$work/h.json" "$(printf '%q ' "$@")" \
      > /dev/null 2>&1 || true
    python3 -c 'import json,statistics as s,sys; r=json.load(open(sys.argv[1]))["results"][0]; print("%s: median %.2f s wall, median %.2f s user + %.2f s sys (hyperfine, %d runs)" % (sys.argv[2], s.median(r["times"]), s.median(r["user"]), s.median(r["system"]), len(r["times"])))' "$work/h.json" "$label" 2>/dev/null || true
  fi
  for _ in 1 2; do
    /usr/bin/time -f "$label: %e s wall, %U s user + %S s sys, %M KB peak RSS" "$@" 2>&1 > /dev/null | grep -v 'Picked up'
  done
}

echo "== version"; measure version ./llmcap --version
echo "== one-gpu (rule cache warm)"; measure one-gpu "${plan[@]}"
echo "== readme plan (every catalog GPU compared)"; measure readme ./llmcap --config examples/chat-service.json
echo "== first plan after editing one inference rule file"
for i in $(seq "$runs"); do
  printf '\n// edit %s %s\n' "$i" "$RANDOM" >> "$work/rules/inference/storage.drl"
  /usr/bin/time -f "edit-rule: %e s wall, %U s user + %S s sys, %M KB peak RSS" "${plan[@]}" --rules "$work/rules" 2>&1 >/dev/null | grep -v 'Picked up'
done
echo "== first plan after adding a function (declarations changed: the whole inference package is compiled)"
for i in $(seq "$runs"); do
  printf '\nfunction double benchEdit%s() { return %s; }\n' "$i$RANDOM" "$i" >> "$work/rules/inference/functions.drl"
  /usr/bin/time -f "edit-function: %e s wall, %U s user + %S s sys, %M KB peak RSS" "${plan[@]}" --rules "$work/rules" 2>&1 >/dev/null | grep -v 'Picked up'
done
echo "== cold: no compiled-rule cache"
for _ in $(seq "$runs"); do
  rm -rf "$cache"
  /usr/bin/time -f "cold: %e s wall, %U s user + %S s sys, %M KB peak RSS" "${plan[@]}" 2>&1 >/dev/null | grep -v 'Picked up'
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
