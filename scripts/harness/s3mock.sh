#!/usr/bin/env bash
# Adobe S3Mock as its own java process, for the parity ObjectStore tests.
#
#   scripts/harness/s3mock.sh start   # prints FP_TEST_S3_ENDPOINT=http://127.0.0.1:<port>
#   scripts/harness/s3mock.sh stop
#
# Env: FP_S3MOCK_PORT (default 9090), FP_S3MOCK_START_TIMEOUT seconds (default 120).
# The jar (com.adobe.testing:s3mock:4.11.0, classifier exec) is fetched once through Maven into .fp-test/tools.
#
# Listener: S3Mock's main Tomcat connector is switched to plain HTTP and bound to 127.0.0.1 on the port
# (server.ssl.enabled=false, server.address). Its extra "httpPort" connector cannot be given an address, so it is
# put on an ephemeral port (0); nothing uses it.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
VERSION=4.11.0
PORT="${FP_S3MOCK_PORT:-9090}"
TIMEOUT="${FP_S3MOCK_START_TIMEOUT:-120}"
TOOLS="$ROOT/.fp-test/tools"
JAR="$TOOLS/s3mock-$VERSION-exec.jar"
STATE="$ROOT/.fp-test/s3mock"
PIDFILE="$ROOT/.fp-test/s3mock.pid"
ENDPOINT="http://127.0.0.1:$PORT"

fetch_jar() {
  [[ -s "$JAR" ]] && return 0
  mkdir -p "$TOOLS"
  mvn -q -B dependency:copy -Dartifact="com.adobe.testing:s3mock:$VERSION:jar:exec" -DoutputDirectory="$TOOLS" >&2
}

running_pid() {
  [[ -f "$PIDFILE" ]] || return 1
  local pid
  pid="$(cat "$PIDFILE")"
  kill -0 "$pid" 2>/dev/null && echo "$pid"
}

answers() {
  curl -s -o /dev/null --max-time 2 "$ENDPOINT/"
}

start() {
  if pid="$(running_pid)" && answers; then
    echo "s3mock already running (pid $pid)" >&2
    echo "FP_TEST_S3_ENDPOINT=$ENDPOINT"
    return 0
  fi
  if answers; then
    echo "s3mock: port $PORT is already taken by another process; set FP_S3MOCK_PORT" >&2
    exit 1
  fi
  fetch_jar
  rm -rf "$STATE/data"
  mkdir -p "$STATE"
  nohup java -Xmx512m -jar "$JAR" \
    --server.address=127.0.0.1 --server.port="$PORT" --server.ssl.enabled=false \
    --com.adobe.testing.s3mock.httpPort=0 \
    --com.adobe.testing.s3mock.store.root="$STATE/data" \
    --com.adobe.testing.s3mock.store.retainFilesOnExit=false \
    >"$STATE/s3mock.log" 2>&1 </dev/null &
  echo $! >"$PIDFILE"
  local deadline=$((SECONDS + TIMEOUT))
  until answers; do
    if ! kill -0 "$(cat "$PIDFILE")" 2>/dev/null; then
      echo "s3mock exited during start-up; log: $STATE/s3mock.log" >&2
      tail -n 30 "$STATE/s3mock.log" >&2
      exit 1
    fi
    if ((SECONDS >= deadline)); then
      echo "s3mock did not answer on $ENDPOINT within ${TIMEOUT}s; log: $STATE/s3mock.log" >&2
      stop
      exit 1
    fi
    sleep 0.5
  done
  echo "s3mock started (pid $(cat "$PIDFILE")) on $ENDPOINT" >&2
  echo "FP_TEST_S3_ENDPOINT=$ENDPOINT"
}

stop() {
  local pid
  if ! pid="$(running_pid)"; then
    rm -f "$PIDFILE"
    echo "s3mock not running" >&2
    return 0
  fi
  kill "$pid"
  for _ in $(seq 1 40); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.25
  done
  kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
  rm -f "$PIDFILE"
  echo "s3mock stopped (pid $pid)" >&2
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
