#!/bin/sh
# Measuring aid for the executable-model trial (README.md): runs the planner of this checkout (built with hook.patch
# applied) with the launcher's JVM options for single commands, as one of two variants:
#   classic - the inference rules from the on-disk rule cache (the product's path);
#   exec    - the inference rules from the executable-model kjar $SPIKE/inference-exec.jar (made by ExecGen).
# Each variant uses its own start-up archive $SPIKE/cds-VARIANT.jsa when present (CDSV=other picks the other's).
# Usage: bench/exec-model/run-variant.sh classic|exec PLANNER-ARGS...
V=$1; shift
H=$(cd "$(dirname "$0")/../.." && pwd)
SPIKE=${SPIKE:-${TMPDIR:-/tmp}/exec-model-spike}
OPTS="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss1m -Xmx256m"
case "${1:-}" in batch|calibrate|validate|compare|forecast) ;; *) OPTS="$OPTS -Xmn8m -XX:Tier3InvocationThreshold=1000 -XX:Tier3CompileThreshold=5000";; esac
CP="$H/target/llmcap.jar:$H/target/lib/*"
X=
if [ "$V" = exec ]; then
  CP="$CP:$SPIKE/inference-exec.jar"
  X="-Dllmcap.spike.execModel.inference=$(unzip -p "$SPIKE/inference-exec.jar" 'META-INF/kie/*/drools-model' | grep '^inference\.')"
fi
CDS=
A="$SPIKE/cds-${CDSV:-$V}.jsa"
[ -f "$A" ] && CDS="-Xlog:cds=off,cds+dynamic=off -XX:SharedArchiveFile=$A"
cd "$H" && exec java $OPTS $CDS $X ${SPIKE_OPTS:-} -Dllmcap.home="$H" -Djava.awt.headless=true -cp "$CP" dev.llmcap.cli.Main "$@"
