#!/usr/bin/env bash
# Starts or stops a local Kinesis-compatible server for the parity EventLog tests, bound to 127.0.0.1 only.
#
#   scripts/harness/kinesis.sh start kinesalite     # port $FP_KINESALITE_PORT (default 4567), in-memory
#   scripts/harness/kinesis.sh start kinesis-mock   # plain HTTP port $FP_KINESIS_MOCK_PORT (default 4568),
#                                                   # TLS port $FP_KINESIS_MOCK_TLS_PORT (default 4569, unused)
#   scripts/harness/kinesis.sh stop  kinesalite|kinesis-mock
#
# start prints FP_TEST_KINESALITE_ENDPOINT=... or FP_TEST_KINESIS_MOCK_ENDPOINT=... on stdout (eval-able) and writes
# .fp-test/<name>.pid and .fp-test/<name>.log; starting a server that already answers only prints its endpoint.
# The servers come from package.json (npm ci runs when node_modules lacks them).
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
state="$root/.fp-test"
action=${1:-}
name=${2:-}

usage() {
  echo "usage: $0 start|stop kinesalite|kinesis-mock" >&2
  exit 2
}

case "$name" in
  kinesalite) port=${FP_KINESALITE_PORT:-4567}; var=FP_TEST_KINESALITE_ENDPOINT ;;
  kinesis-mock) port=${FP_KINESIS_MOCK_PORT:-4568}; var=FP_TEST_KINESIS_MOCK_ENDPOINT ;;
  *) usage ;;
esac
pidfile="$state/$name.pid"
logfile="$state/$name.log"
endpoint="http://127.0.0.1:$port"

# Any HTTP answer (kinesis answers 400/403 to an unsigned GET) means the server is up.
answers() {
  curl -s -o /dev/null --max-time 2 "$endpoint/"
}

running_pid() {
  [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null && cat "$pidfile"
}

ensure_modules() {
  if [ ! -d "$root/node_modules/kinesalite" ] || [ ! -d "$root/node_modules/kinesis-local" ]; then
    (cd "$root" && npm ci --no-audit --no-fund >&2)
  fi
}

# kinesalite's own CLI listens on every interface, so the server is started through its module API on loopback.
start_kinesalite() {
  # cd first, on its own: with `cd && node &` the background job would be a subshell holding our stdout, and a
  # caller reading it through $(...) would never see EOF.
  (cd "$root" || exit 1
  nohup node -e '
    const port = Number(process.argv[1]);
    require("kinesalite")({createStreamMs: 0, deleteStreamMs: 0, updateStreamMs: 0, shardLimit: 100000})
      .listen(port, "127.0.0.1", () => console.log("kinesalite listening on 127.0.0.1:" + port));
  ' "$port" >"$logfile" 2>&1 &
  echo $! >"$pidfile")
}

# kinesis-mock (npm kinesis-local, a Scala.js build) hard-codes host 0.0.0.0 and reads server.json (its TLS
# certificate) from the working directory; a preloaded patch of net.Server.listen pins both ports to 127.0.0.1.
start_kinesis_mock() {
  local dir="$root/node_modules/kinesis-local"
  (cd "$dir" || exit 1
  KINESIS_MOCK_PLAIN_PORT=$port KINESIS_MOCK_TLS_PORT=${FP_KINESIS_MOCK_TLS_PORT:-4569} \
    SHARD_LIMIT=100000 CREATE_STREAM_DURATION=0ms DELETE_STREAM_DURATION=0ms UPDATE_SHARD_COUNT_DURATION=0ms \
    LOG_LEVEL=WARN nohup node -e '
      const net = require("net");
      const listen = net.Server.prototype.listen;
      net.Server.prototype.listen = function (...args) {
        if (typeof args[0] === "number") {
          if (typeof args[1] === "string") args[1] = "127.0.0.1"; else args.splice(1, 0, "127.0.0.1");
        }
        return listen.apply(this, args);
      };
      require("./main.js");
    ' >"$logfile" 2>&1 &
  echo $! >"$pidfile")
}

start() {
  mkdir -p "$state"
  if answers; then
    echo "$var=$endpoint"
    return
  fi
  ensure_modules
  if [ "$name" = kinesalite ]; then start_kinesalite; else start_kinesis_mock; fi
  for _ in $(seq 1 120); do
    if answers; then
      echo "$var=$endpoint"
      return
    fi
    if ! running_pid >/dev/null; then
      echo "$name exited during start-up; log $logfile:" >&2
      tail -n 20 "$logfile" >&2
      exit 1
    fi
    sleep 0.5
  done
  echo "$name did not answer on $endpoint within 60 s; log $logfile" >&2
  exit 1
}

stop() {
  local pid
  if pid=$(running_pid); then
    kill "$pid"
    for _ in $(seq 1 40); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.25
    done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
  fi
  rm -f "$pidfile"
}

case "$action" in
  start) start ;;
  stop) stop ;;
  *) usage ;;
esac
