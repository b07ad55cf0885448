#!/usr/bin/env bash
# Runs the local_parity profile against the test doubles: S3Mock (S3 API), kinesalite (Kinesis) and the local
# PostgreSQL, the same servers scripts/test.sh uses, on loopback.
#
#   eval "$(scripts/parity-env.sh start)"     # start them (idempotent) and export what conf/local_parity.yaml reads
#   java -jar target/fraud-platform.jar run --profile local_parity --cap 20
#   scripts/parity-env.sh env                 # only print the export lines (servers already up)
#   scripts/parity-env.sh stop                # stop S3Mock and kinesalite (PostgreSQL is left running)
#
# S3Mock and kinesalite listen where conf/local_parity.yaml expects MinIO and LocalStack (127.0.0.1:9000 and
# 127.0.0.1:4566; FP_S3MOCK_PORT / FP_KINESALITE_PORT move them). PostgreSQL is the harness's (127.0.0.1:5432, trust
# auth as postgres; FP_PG_HOST / FP_PG_PORT move it), with a database of its own (fp_parity) created on first start.
# Runs go to runs/local_parity so they do not share ACTIVE_RUN_ID with embedded runs. Progress goes to stderr; stdout
# carries only the export lines. Note: scripts/test.sh stops the doubles it finds in .fp-test when it exits.
set -euo pipefail
cd "$(dirname "$0")/.."

s3_port=${FP_S3MOCK_PORT:-9000}
kinesis_port=${FP_KINESALITE_PORT:-4566}
pg_host=${FP_PG_HOST:-127.0.0.1}
pg_port=${FP_PG_PORT:-5432}
pg_database=${FP_PARITY_DATABASE:-fp_parity}

exports() {
  cat <<EOT
export OBJECT_STORE_ENDPOINT=http://127.0.0.1:$s3_port
export KINESIS_ENDPOINT_URL=http://127.0.0.1:$kinesis_port
export AWS_DEFAULT_REGION=us-east-1
export AWS_ACCESS_KEY_ID=test
export AWS_SECRET_ACCESS_KEY=test
export FP_PG_HOST=$pg_host
export FP_PG_PORT=$pg_port
export FP_PG_USER=postgres
export FP_PG_PASSWORD=postgres
export FP_PG_DATABASE=$pg_database
export FP_RUNS_ROOT=runs/local_parity
EOT
}

ensure_database() {
  if [ "$(psql -h "$pg_host" -p "$pg_port" -U postgres -d postgres -tAc \
      "SELECT 1 FROM pg_database WHERE datname = '$pg_database'")" != 1 ]; then
    createdb -h "$pg_host" -p "$pg_port" -U postgres "$pg_database"
    echo "created PostgreSQL database $pg_database at $pg_host:$pg_port" >&2
  fi
}

case "${1:-}" in
  start)
    FP_PG_HOST=$pg_host FP_PG_PORT=$pg_port scripts/harness/postgres.sh
    ensure_database
    FP_S3MOCK_PORT=$s3_port scripts/harness/s3mock.sh start >&2
    FP_KINESALITE_PORT=$kinesis_port scripts/harness/kinesis.sh start kinesalite >&2
    exports
    ;;
  env) exports ;;
  stop)
    scripts/harness/s3mock.sh stop
    scripts/harness/kinesis.sh stop kinesalite
    ;;
  *) echo "usage: $0 start|env|stop" >&2; exit 2 ;;
esac
