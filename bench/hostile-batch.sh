#!/usr/bin/env sh
# A large batch with hostile configs mixed in, in the launcher's default heap (-Xmx256m): rows out must equal configs in,
# and peak memory (GNU time's maximum resident set size) must not grow with the number of configs.
#
#   bench/hostile-batch.sh [CONFIGS] [HOSTILE_PER_100]      (default 100000 configs, 1 in 100 hostile)
#
# The hostile lines cycle through: a billion-digit exponent, invalid UTF-8, a 120 KB array, trailing text, a second
# object, a raw CR inside the line, a NaN string, a 400-level nesting, an 80 KB enum value, a target utilisation of 1e-300.
set -e
HERE=$(cd "$(dirname "$0")/.." && pwd)
N=${1:-100000}
H=${2:-1}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
awk -v n="$N" -v h="$H" 'BEGIN {
  srand(16);
  split("llama-3.1-8b llama-3.1-70b mistral-7b mixtral-8x7b qwen2.5-72b llama-3.1-405b", models, " ");
  split("L4 L40S A100-80GB H100-80GB H200 B200", gpus, " ");
  big = "["; for (i = 0; i < 60000; i++) big = big "1,"; big = big "1]";
  deep = ""; for (i = 0; i < 400; i++) deep = deep "["; for (i = 0; i < 400; i++) deep = deep "]";
  long = ""; for (i = 0; i < 8000; i++) long = long "FP16FP16FP";
  for (i = 1; i <= n; i++) {
    rps = sprintf("%.3f", exp(log(0.01) + rand() * (log(2000) - log(0.01))));
    base = "{\"workload\":{\"requests_per_second\":" rps ",\"avg_input_tokens\":" int(50 + rand() * 4000) \
      ",\"avg_output_tokens\":" int(20 + rand() * 1000) "},\"model\":{\"model_name\":\"" models[1 + int(rand() * 6)] "\"}," \
      "\"gpu\":{\"gpu_type\":\"" gpus[1 + int(rand() * 6)] "\"}}";
    if (i % 100 < h) {
      k = int(i / 100) % 10;
      if (k == 0) base = "{\"workload\":{\"requests_per_second\":1,\"avg_input_tokens\":1,\"avg_output_tokens\":1},\"model\":{\"model_name\":\"llama-3.1-8b\",\"precision\":1e999999999}}";
      else if (k == 1) { sub(/llama/, "ll\377ma", base) ; sub(/mistral/, "mis\377tral", base); sub(/qwen/, "q\377wen", base); sub(/mixtral/, "mi\377xtral", base) }
      else if (k == 2) base = "{\"workload\":{\"requests_per_second\":1,\"avg_input_tokens\":1,\"avg_output_tokens\":1},\"x\":" big "}";
      else if (k == 3) base = base " garbage";
      else if (k == 4) base = base base;
      else if (k == 5) sub(/,"model"/, ",\r\"model\"", base);
      else if (k == 6) sub(/"requests_per_second":[0-9.]+/, "\"requests_per_second\":\"NaN\"", base);
      else if (k == 7) base = "{\"workload\":" deep "}";
      else if (k == 8) base = "{\"workload\":{\"requests_per_second\":1,\"avg_input_tokens\":1,\"avg_output_tokens\":1},\"model\":{\"model_name\":\"llama-3.1-8b\",\"precision\":\"" long "\"}}";
      else sub(/\}\}$/, "},\"x\":0}", base) ;
      if (k == 9) base = "{\"workload\":{\"requests_per_second\":1,\"avg_input_tokens\":100,\"avg_output_tokens\":100},\"model\":{\"model_name\":\"llama-3.1-8b\"},\"gpu\":{\"target_gpu_utilization\":1e-300}}";
    }
    print base;
  }
}' > "$WORK/configs.jsonl"
echo "generated $N configs ($(wc -c < "$WORK/configs.jsonl") bytes), $H in 100 hostile" >&2
cd "$WORK"
/usr/bin/time -v "$HERE/llmcap" batch configs.jsonl --output rows.csv --no-progress 2> stderr.txt || true
grep -E "llmcap batch:|plans in|Maximum resident|Elapsed \(wall" stderr.txt
echo "rows in the CSV (without header): $(($(wc -l < rows.csv) - 1))"
