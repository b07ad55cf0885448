#!/usr/bin/env bash
# Crash soak: paced Gate-200 runs on the embedded profile, each SIGKILLed at random moments and resumed with
# `fp run --resume` until the run passes its closeout (exit 0 at P11); then every run's evidence is counted per event (dev.fp.testing.RunLedger): lost (of a finished run, not on the bus or without ADMIT receipt),
# doubled (on the bus twice, or two ADMIT receipts where the evidence index places them, any run; lines of a segment a
# kill cut off before its index commit are not receipts and are counted apart as orphan_segment_lines), unfinished (the last resume did not pass P11; its directory
# is kept for inspection).
#
#   scripts/soak-crash.sh [KILLS] [KILLS_PER_RUN]      defaults: 100 kills, 5 per run
#
# Needs the packaged jar and the test classes: mvn -q -o -B package -DskipTests (package compiles both).
# Env: FP_SOAK_CAP (200), FP_SOAK_SPEEDUP (100000), FP_SOAK_MAX_DELAY_S (45: a kill lands 1..45 s after a launch;
# "start-up" = before the supervisor logged anything, "restore" = a resume restarting the packs, else the phase),
# FP_SOAK_DIR (a fresh temp folder; one sub-folder per run, kept for inspection).
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
KILLS=${1:-100}
PER_RUN=${2:-5}
CAP=${FP_SOAK_CAP:-200}
SPEEDUP=${FP_SOAK_SPEEDUP:-100000}
MAX_DELAY=${FP_SOAK_MAX_DELAY_S:-45}
SOAK=${FP_SOAK_DIR:-$(mktemp -d -t fp-soak-XXXX)}
JAR=$ROOT/target/fraud-platform.jar
CP=$JAR:$ROOT/target/test-classes
EXPECTED=$((CAP * 4))
[ -f "$JAR" ] && [ -d "$ROOT/target/test-classes/dev/fp/testing" ] || {
  echo "soak-crash: build first: mvn -q -o -B package -DskipTests" >&2; exit 2; }

kills=0 runs=0 lost=0 doubled=0 unfinished=0 orphans=0
declare -A landed
running_phase() { # where launch $2 of the run in $1 is: start-up, restore (resume), or the phase RUNNING
  python3 - "$1" "$2" <<'PY'
import json, sys, pathlib
work = pathlib.Path(sys.argv[1])
root = work / "runs/fraud-platform"
err = (work / ("err-%s.txt" % sys.argv[2])).read_text(errors="replace")
if "entering (attempt" not in err:
    print("restore" if "resuming run" in err else "start-up")
    sys.exit()
try:
    run = (root / "ACTIVE_RUN_ID").read_text().strip()
    phases = json.loads((root / run / "supervisor/phases.json").read_text())["phases"]
    print(next((p for p, v in phases.items() if v["state"] == "RUNNING"), "-"))
except Exception:
    print("-")
PY
}

summary() {
  echo "kills by phase: $(for p in "${!landed[@]}"; do printf '%s=%s ' "$p" "${landed[$p]}"; done)"
  echo "soak-crash: runs=$done_runs kills=$counted_kills lost=$lost doubled=$doubled unfinished=$unfinished" \
    "orphan_segment_lines=$orphans ($(( $(date +%s) - start )) s)"
}
# stopped early (SIGTERM/SIGINT): kill the platform process of the run in progress, report the runs completed
stop() { [ -n "${pid:-}" ] && kill -9 "$pid" 2>/dev/null; echo "soak-crash: stopped in run $runs"; summary; exit 130; }
trap stop TERM INT

echo "soak-crash: $KILLS kills, $PER_RUN per run, cap $CAP, speedup $SPEEDUP, in $SOAK"
start=$(date +%s)
done_runs=0 counted_kills=0
while [ "$kills" -lt "$KILLS" ]; do
  runs=$((runs + 1))
  work=$SOAK/run-$runs
  mkdir -p "$work"
  finished=0
  for ((k = 1; k <= PER_RUN + 1; k++)); do
    # an operator resumes a pinned run, and starts again one killed before P1 pinned it
    if [ -f "$work/runs/fraud-platform/ACTIVE_RUN_ID" ]; then args=(run --resume); else
      args=(run --cap "$CAP" --speedup "$SPEEDUP"); fi
    (cd "$work" && FP_RUNS_ROOT=$work/runs FP_HTTP_PORT=0 exec java -Xmx512m -jar "$JAR" "${args[@]}" \
      >"$work/out-$k.txt" 2>"$work/err-$k.txt") &
    pid=$!
    if [ "$k" -gt "$PER_RUN" ] || [ "$kills" -ge "$KILLS" ]; then
      wait "$pid"; code=$?
      { grep -Eq "result: PASSED at P11 " "$work/out-$k.txt" && [ "$code" = 0 ]; } && finished=1
      break
    fi
    delay=$((RANDOM % MAX_DELAY + 1)).$((RANDOM % 10))
    for ((t = 0; t < ${delay%.*} * 10 + ${delay#*.}; t++)); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
      phase=$(running_phase "$work" "$k")
      kill -9 "$pid"; wait "$pid" 2>/dev/null
      kills=$((kills + 1)); landed[$phase]=$(( ${landed[$phase]:-0} + 1 ))
      echo "run $runs: kill $kills after ${delay}s in ${phase}"
    else
      wait "$pid"; code=$?
      { grep -Eq "result: PASSED at P11 " "$work/out-$k.txt" && [ "$code" = 0 ]; } && { finished=1; break; }
    fi
  done
  [ "$finished" = 1 ] || { unfinished=$((unfinished + 1)); echo "run $runs: UNFINISHED (see $work)"; }
  runid=$(cat "$work/runs/fraud-platform/ACTIVE_RUN_ID" 2>/dev/null)
  if [ -n "$runid" ]; then
    line=$(cd "$work" && FP_RUNS_ROOT=$work/runs java -cp "$CP" dev.fp.testing.RunLedger embedded "$runid" "$EXPECTED" \
      2>/dev/null | tail -1)
    echo "run $runs ($runid): $line"
    l=$(sed -n 's/.*lost=\([0-9]*\).*/\1/p' <<<"$line"); d=$(sed -n 's/.*doubled=\([0-9]*\).*/\1/p' <<<"$line")
    # an unfinished run has events WSP never sent: they count as unfinished, not lost
    [ "$finished" = 1 ] && lost=$((lost + ${l:-$EXPECTED}))
    doubled=$((doubled + ${d:-0}))
    o=$(sed -n 's/.*orphan_segment_lines=\([0-9]*\).*/\1/p' <<<"$line"); orphans=$((orphans + ${o:-0}))
  fi
  done_runs=$runs counted_kills=$kills
done
pid=
summary
[ "$lost" = 0 ] && [ "$doubled" = 0 ] && [ "$unfinished" = 0 ]
