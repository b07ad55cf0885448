#!/usr/bin/env bash
# Full-cap benchmark on the embedded profile: `fp run --cap $CAP` (default 500 000 per output) in a fresh folder under
# /tmp, under /usr/bin/time -v (peak RSS of the JVM) with the heap sampled every $SAMPLE_SECONDS s through
# `jcmd <pid> GC.heap_info` (peak used heap). Prints the phase table with each phase's time, the seconds from P3 done to
# P11 PASS (the issue's target: <= 180 s), the peaks, the load average, and exits with fp run's exit code.
#
#   mvn -q -B package -DskipTests && scripts/bench-fullcap.sh          # the lead's full cap, on a quiet machine
#   CAP=2000 scripts/bench-fullcap.sh                                   # a quick proof of the script
#
# Environment: CAP, SAMPLE_SECONDS (5), JAVA_OPTS (e.g. -Xmx4g), JAR (target/fraud-platform.jar), KEEP=1 keeps the
# run folder (it is kept anyway when the run fails).
set -euo pipefail

CAP=${CAP:-500000}
SAMPLE_SECONDS=${SAMPLE_SECONDS:-5}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR=${JAR:-$ROOT/target/fraud-platform.jar}
[[ -f "$JAR" ]] || { echo "bench-fullcap: $JAR missing: build it first (mvn -q -B package -DskipTests)" >&2; exit 2; }
for tool in /usr/bin/time jcmd python3; do
  command -v "$tool" >/dev/null || { echo "bench-fullcap: $tool is required" >&2; exit 2; }
done

WORK=$(mktemp -d /tmp/fp-fullcap.XXXXXX)
cd "$WORK"
echo "bench-fullcap: cap $CAP per output in $WORK; $(uptime)"

# shellcheck disable=SC2086  # JAVA_OPTS is a list of options
/usr/bin/time -v -o time.txt java ${JAVA_OPTS:-} -jar "$JAR" run --cap "$CAP" >run.out 2>run.err &
TIME_PID=$!

# The JVM is /usr/bin/time's child; sample its heap until it exits (a failed sample, e.g. at exit, is skipped).
: >heap.txt
JVM_PID=""
while kill -0 "$TIME_PID" 2>/dev/null; do
  [[ -n "$JVM_PID" ]] || JVM_PID=$(pgrep -P "$TIME_PID" java || true)
  if [[ -n "$JVM_PID" ]]; then
    jcmd "$JVM_PID" GC.heap_info 2>/dev/null | grep -m1 -E 'used [0-9]+K' >>heap.txt || true
  fi
  sleep "$SAMPLE_SECONDS"
done
set +e
wait "$TIME_PID"
RC=$?
set -e

sed -n '/^platform_run_id:/,$p' run.out
RUN_ID=$(sed -n 's/^platform_run_id: //p' run.out | head -1)
PHASES="runs/fraud-platform/$RUN_ID/supervisor/phases.json"
python3 - "$PHASES" time.txt heap.txt <<'EOF'
import json, re, sys
from datetime import datetime

phases_file, time_file, heap_file = sys.argv[1:4]

def at(text):
    return datetime.fromisoformat(text.replace("Z", "+00:00"))

try:
    phases = json.load(open(phases_file))["phases"]
except (OSError, ValueError) as e:
    phases = {}
    print(f"no phase record ({phases_file}): {e}")
print("phase times:")
for name, p in sorted(phases.items(), key=lambda kv: int(kv[0][1:])):
    if p.get("duration_ms") is not None:
        print(f"  {name:4} {p['title']:26} {p['state']:9} {p['duration_ms'] / 1000:9.1f} s")
p3, p11 = phases.get("P3", {}), phases.get("P11", {})
if p3.get("exited_at_utc") and p11.get("state") == "PASSED" and p11.get("exited_at_utc"):
    print(f"P3 done -> P11 PASS: {(at(p11['exited_at_utc']) - at(p3['exited_at_utc'])).total_seconds():.1f} s")
else:
    print("P3 done -> P11 PASS: n/a (P11 did not pass)")

rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", open(time_file).read())
wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", open(time_file).read())
heap = [int(m.group(1)) for m in re.finditer(r"used (\d+)K", open(heap_file).read())]
print(f"wall clock: {wall.group(1) if wall else 'n/a'}")
print(f"peak RSS: {int(rss.group(1)) / 1024:.0f} MiB" if rss else "peak RSS: n/a")
print(f"peak heap used (sampled, {len(heap)} samples): {max(heap) / 1024:.0f} MiB" if heap else "peak heap: n/a")
EOF
echo "load: $(uptime)"
echo "exit code: $RC"
if [[ "$RC" == 0 && -z "${KEEP:-}" ]]; then
  rm -rf "$WORK"
else
  echo "run folder kept: $WORK (run.out, run.err, time.txt, heap.txt, runs/)"
fi
exit "$RC"
