#!/usr/bin/env bash
# Whole-process time of large training plans (layout search over thousands of candidate layouts) against a small one,
# with /usr/bin/time. On a shared machine compare user CPU seconds, not wall clock.
# Usage: bench/training-scale.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
[ -f target/llmcap.jar ] || mvn -B -q -DskipTests package
out=$(mktemp -d)
common=(--mode training --epochs 1 --gpu-type H100-80GB --force)
small=(--model llama-3.1-8b --num-gpus 8 --dataset-size 1000000000 --sequence-length 4096 --global-batch-size 64 --training-precision BF16)
dense=(--model llama-3.1-405b --num-gpus 16384 --dataset-size 1000000000000 --sequence-length 8192 --global-batch-size 2048 --training-precision BF16)
moe=(--model deepseek-v3 --num-gpus 2048 --dataset-size 1000000000000 --sequence-length 4096 --global-batch-size 15360 --training-precision FP8)
echo "load: $(cut -d' ' -f1-3 /proc/loadavg); processors: $(nproc)"
./llmcap "${common[@]}" "${small[@]}" --output "$out/warmup.json" >/dev/null 2>&1  # compiles the rules into the cache once
for case in small dense moe; do
  declare -n args=$case
  for _ in $(seq "$runs"); do
    /usr/bin/time -f "$case: %e s wall, %U s user, %S s sys, %M KB peak RSS" ./llmcap "${common[@]}" "${args[@]}" \
      --output "$out/$case.json" 2>&1 >/dev/null | tail -1
  done
  echo "$case: plan JSON $(wc -c < "$out/$case.json") bytes"
done
rm -rf "$out"
