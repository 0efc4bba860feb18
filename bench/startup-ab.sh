#!/usr/bin/env bash
# Interleaved A/B of whole commands (start-up variants: launchers, JDKs, JVM options, builds), with /usr/bin/time:
# runs every case in turn (A B C, C B A, ...) so a change in the machine's load hits all cases alike, then prints the
# median wall time, CPU time (user + sys) and peak RSS of each, with the load average before and after.
# Usage: bench/startup-ab.sh RUNS 'label=command' 'label=command' ...
# Example (JDK 17 AppCDS against the JDK 25 AOT cache; the launcher makes each archive on its first run):
#   p='--model llama-3.1-70b --rps 10 --input-tokens 500 --output-tokens 200 --gpu-type A100-80GB --no-compare'
#   bench/startup-ab.sh 10 "jdk17=./llmcap $p" "jdk25=JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 ./llmcap $p"
# Every command runs once untimed first (archives, rule cache). Its stdout is discarded; each case's last stderr is
# kept in $TMPDIR/startup-ab.<label>.err.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=$1; shift
exec python3 - "$runs" "$@" <<'PY'
import os, statistics as st, subprocess, sys, tempfile, time
runs = int(sys.argv[1]); cases = [a.split("=", 1) for a in sys.argv[2:]]
tmp = tempfile.gettempdir()
def run(label, cmd):
    err = os.path.join(tmp, "startup-ab.%s.err" % label)
    r = subprocess.run(["/usr/bin/time", "-f", "@@ %e %U %S %M", "sh", "-c", cmd + " >/dev/null 2>" + err],
                       capture_output=True, text=True)
    w, u, s, m = [l for l in r.stderr.splitlines() if l.startswith("@@ ")][-1].split()[1:]
    return float(w), float(u) + float(s), int(m), r.returncode
for label, cmd in cases:
    run(label, cmd)
load = lambda: open("/proc/loadavg").read().split()[0]
res = {label: [] for label, _ in cases}
before, start = load(), time.strftime("%H:%M", time.gmtime())
for i in range(runs):
    for label, cmd in (cases if i % 2 == 0 else cases[::-1]):
        res[label].append(run(label, cmd))
print("%d runs each, interleaved, %s-%s UTC, load average (1 min) %s -> %s, %d processors" % (
    runs, start, time.strftime("%H:%M", time.gmtime()), before, load(), os.cpu_count()))
for label, _ in cases:
    v = res[label]
    bad = sum(1 for x in v if x[3] != 0)
    print("%-16s wall median %.2f s (min %.2f, max %.2f)  CPU median %.2f s  peak RSS median %.0f MB%s" % (
        label, st.median(x[0] for x in v), min(x[0] for x in v), max(x[0] for x in v),
        st.median(x[1] for x in v), st.median(x[2] for x in v) / 1024, "  (%d runs failed)" % bad if bad else ""))
PY
