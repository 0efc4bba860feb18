#!/usr/bin/env sh
# The first plan after a rule edit, for bench/startup-ab.sh: edits inference/storage.drl of a copy of rules/ in the
# checkout given (made once as rules-e/; give each checkout its own, so two builds never share a cache file), then
# plans the one-GPU plan with that folder through the checkout's ./llmcap. KIND: "rule" adds one more blank inside the
# first insertLogical( (a change to code, a new version every run), "comment" appends a new "// edit <ns>" line, "none"
# edits nothing. Example (docs/performance.md, Round 10c):
#   bench/startup-ab.sh 7 "main=bench/edit-plan.sh ../main-copy rule" "this=bench/edit-plan.sh . rule"
set -e
cd "$1"; kind=$2; shift 2
[ -d rules-e ] || cp -R rules rules-e
f=rules-e/inference/storage.drl
case $kind in
  rule) awk '!done && sub(/insertLogical\(/, "insertLogical( ") { done = 1 } { print }' $f > $f.tmp && mv -f $f.tmp $f ;;
  comment) echo "// edit $(date +%s%N)" >> $f ;;
  none) ;;
  *) echo "usage: bench/edit-plan.sh CHECKOUT rule|comment|none [plan flags]" >&2; exit 2 ;;
esac
exec ./llmcap --rules rules-e --model llama-3.1-70b --rps 10 --input-tokens 500 --output-tokens 200 \
  --gpu-type A100-80GB --no-compare "$@"
