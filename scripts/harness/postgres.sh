#!/usr/bin/env bash
# Makes sure PostgreSQL answers at ${FP_PG_HOST:-127.0.0.1}:${FP_PG_PORT:-5432}: starts the local cluster when it is
# installed but down; otherwise fails saying how to provide one.
set -euo pipefail
host=${FP_PG_HOST:-127.0.0.1}
port=${FP_PG_PORT:-5432}
ready() { pg_isready -q -h "$host" -p "$port" 2>/dev/null; }
if ready; then
  exit 0
fi
if command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
  version=$(ls /etc/postgresql | sort -V | tail -n 1)
  echo "starting PostgreSQL cluster $version/main" >&2
  pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  for _ in $(seq 1 30); do ready && exit 0; sleep 1; done
fi
echo "PostgreSQL is not reachable at $host:$port. Start one (trust auth for user postgres), or set FP_PG_HOST/FP_PG_PORT." >&2
exit 1
