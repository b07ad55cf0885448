#!/usr/bin/env bash
# The whole test suite: unit, embedded and parity tests. Starts what the parity tests need and stops it afterwards:
# S3Mock, kinesalite and kinesis-mock (loopback only); uses PostgreSQL at 127.0.0.1:5432 (started if installed but
# down). Extra arguments go to Maven, e.g. scripts/test.sh -Dtest='Fs*Test'.
set -euo pipefail
cd "$(dirname "$0")/.."

stop_services() {
  scripts/harness/s3mock.sh stop >/dev/null 2>&1 || true
  scripts/harness/kinesis.sh stop kinesalite >/dev/null 2>&1 || true
  scripts/harness/kinesis.sh stop kinesis-mock >/dev/null 2>&1 || true
}
trap stop_services EXIT

scripts/harness/postgres.sh
export FP_TEST_PG_HOST=${FP_PG_HOST:-127.0.0.1} FP_TEST_PG_PORT=${FP_PG_PORT:-5432}
for line in $(scripts/harness/s3mock.sh start) \
            $(scripts/harness/kinesis.sh start kinesalite) \
            $(scripts/harness/kinesis.sh start kinesis-mock); do
  case "$line" in FP_TEST_*=*) export "$line"; echo "test service: $line" ;; esac
done

mvn -B -ntp test -Dfp.test.excludedGroups=none "$@"
