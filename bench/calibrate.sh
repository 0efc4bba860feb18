#!/usr/bin/env bash
# Whole-process time of `llmcap calibrate` on the shipped measurements, with public tools (hyperfine when installed,
# else /usr/bin/time -v), and a checksum of the file it writes so two builds can be compared for the same fit.
#
#   bench/calibrate.sh [runs] [max-evaluations] [measurements.csv] [threads...]
#
# Defaults: 1 run, 200 evaluations per GPU family and precision (the command's default), docs/accuracy-data/inference.csv,
# the number of processors as the only thread count. Give thread counts after the file to compare them, e.g.
#   bench/calibrate.sh 3 20 docs/accuracy-data/inference.csv 1 2
# (the fit, and so the checksum, must be the same for every thread count). LLMCAP_JAVA_OPTS changes the launcher's
# JVM options (e.g. LLMCAP_JAVA_OPTS="-XX:+UseSerialGC -Xmx256m" for the default JIT instead of C1 only).
# Quote medians with the machine's load, printed before and after: on a shared machine, the CPU time (user + sys) moves
# much less with the load than the wall time.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-1}
evals=${2:-200}
data=${3:-docs/accuracy-data/inference.csv}
shift $(( $# < 3 ? $# : 3 ))
threads=("$@")
[ ${#threads[@]} -gt 0 ] || threads=("$(nproc)")
[ -f target/llmcap.jar ] || mvn -B -q -DskipTests package
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "machine: $(nproc) processors, $(uname -m); load: $(cut -d' ' -f1-3 /proc/loadavg); $(java -version 2>&1 | grep -v 'Picked up' | head -1); $(date -u +%FT%TZ)"
echo "data: $data ($(($(wc -l < "$data") - 1)) rows), --max-evaluations $evals, $runs run(s) per thread count"
./llmcap --version > /dev/null 2>&1   # builds the class-data archive once, outside the measurement

for t in "${threads[@]}"; do
  cmd=(./llmcap calibrate --measurements "$data" --out "$work/calibration-$t.json" --force --max-evaluations "$evals" --threads "$t")
  if command -v hyperfine > /dev/null 2>&1; then
    hyperfine --runs "$runs" --style none -N -n "threads $t" --export-json "$work/h.json" "$(printf '%q ' "${cmd[@]}")" > /dev/null 2>&1 || true
    python3 -c 'import json,statistics as s,sys; r=json.load(open(sys.argv[1]))["results"][0]; print("threads %s: median %.1f s wall, mean %.1f s user + %.1f s sys (hyperfine, %d runs)" % (sys.argv[2], s.median(r["times"]), r["user"], r["system"], len(r["times"])))' "$work/h.json" "$t" 2>/dev/null || true
  else
    for _ in $(seq "$runs"); do
      /usr/bin/time -v -o "$work/time.txt" "${cmd[@]}" > "$work/report-$t.txt" 2> /dev/null || { echo "threads $t: calibrate failed"; exit 1; }
      awk -v t="$t" -F': ' '/Elapsed/ {w=$2} /User time/ {u=$2} /System time/ {s=$2} /Maximum resident/ {m=$2}
        END {printf "threads %s: %s wall, %s s user + %s s sys, %d MB peak RSS (/usr/bin/time -v)\n", t, w, u, s, m/1024}' "$work/time.txt"
    done
  fi
  echo "threads $t: fitted values sha256 $(sha256sum < "$work/calibration-$t.json" | cut -c1-16)"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
