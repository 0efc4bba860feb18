#!/usr/bin/env bash
# Where a single plan's start-up goes, from the JVM's own logs (no agent): the time the first class of each phase was
# loaded (-Xlog:class+load with uptime), classes loaded by source (the class-data archive, each jar, classes generated at
# run time), and the young-collection pauses (-Xlog:gc). Same JVM options and archive as ./llmcap (run it once first).
# Usage: bench/startup-profile.sh [llmcap plan arguments...]   (default: the one-GPU plan of docs/performance.md)
# Under load every phase stretches; compare shares, or profile on a quiet machine.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -gt 0 ] || set -- --model llama-3.1-70b --rps 10 --input-tokens 500 --output-tokens 200 --gpu-type A100-80GB --no-compare
JAVA=${LLMCAP_JAVA:-${JAVA_HOME:+$JAVA_HOME/bin/java}}; JAVA=${JAVA:-java}
archive=$(ls -t target/cds/*.jsa 2>/dev/null | head -1 || true)
cds=; [ -n "$archive" ] && [ "$("$JAVA" -version 2>&1 | grep -c '"17')" != 0 ] && cds="-Xlog:cds=off,cds+dynamic=off -XX:SharedArchiveFile=$archive"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
echo "load: $(cut -d' ' -f1-3 /proc/loadavg); $("$JAVA" -version 2>&1 | head -1); archive: ${archive:-none}; $(date -u +%FT%TZ)"
"$JAVA" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss1m -Xmx256m -Xmn8m -XX:Tier3InvocationThreshold=1000 -XX:Tier3CompileThreshold=5000 $cds \
  -Xlog:class+load:file="$work/cl.txt":uptime -Xlog:gc:file="$work/gc.txt":uptime \
  -Dllmcap.home=. -Djava.awt.headless=true -cp "target/llmcap.jar:target/lib/*" dev.llmcap.cli.Main "$@" > /dev/null
python3 - "$work/cl.txt" "$work/gc.txt" <<'PY'
import re, sys, collections
lines = [l for l in open(sys.argv[1]) if l.startswith("[")]
def t(l): return float(l[1:l.index("s]")])
phases = [("JVM start to Main", "dev.llmcap.cli.Main "),
          ("CLI, config, JSON parsing, schema validation, request", "dev.llmcap.export.Exporters "),
          ("exporter registry", "dev.llmcap.catalog.Catalog "),
          ("GPU and model catalogs, assumptions", "dev.llmcap.engine.RuleBase "),
          ("rule files read and hashed, cache looked up, input prepared", "org.drools.base.common.DroolsObjectInputStream "),
          ("cached inference package deserialised", "org.drools.core.impl.KnowledgeBaseImpl "),
          ("rule network built (field accessors generated)", "org.drools.kiesession.session.StatefulKnowledgeSessionImpl "),
          ("session, facts inserted, first fireAllRules (cold code)", "dev.llmcap.engine.SessionResult "),
          ("conclusions read back, plan assembled, report written", None)]
marks = []
for _, cls in phases:
    if cls is None: marks.append(t(lines[-1])); continue
    hit = next((t(l) for l in lines if ("] " + cls) in l), None)
    marks.append(hit)
print("%-62s %8s %8s" % ("phase (ends when the next phase's first class loads)", "seconds", "share"))
prev, end = 0.0, t(lines[-1])
for (name, _), m in zip(phases, marks):
    if m is None: print("%-62s %8s" % (name, "-")); continue
    print("%-62s %8.3f %7.1f%%" % (name, m - prev, 100 * (m - prev) / end)); prev = m
print("%-62s %8.3f" % ("last class loaded at", end))
src = collections.Counter()
for l in lines:
    m = re.search(r"source: (.*)$", l.strip()); s = m.group(1) if m else "?"
    if "shared objects file" in s: s = "class-data archive"
    elif s.endswith(".jar"): s = s.rsplit("/", 1)[-1]
    elif "jrt:/" in s: s = "JDK modules (not archived)"
    else: s = "generated at run time (" + s.split(" ")[0] + ")"
    src[s] += 1
print("classes loaded: %d" % len(lines))
for s, n in src.most_common(12): print("  %5d  %s" % (n, s))
pauses = [float(x) for x in re.findall(r"Pause Young.* ([0-9.]+)ms", open(sys.argv[2]).read())]
print("young collections: %d, %.0f ms of pauses" % (len(pauses), sum(pauses)))
PY
