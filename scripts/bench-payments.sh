#!/usr/bin/env bash
# Benchmarks card payments created and completed per second through the sandbox bank, on
# SQLite and on PostgreSQL (fresh databases, removed afterwards). BENCH=bench-tax measures
# tax declarations submitted and paid instead (scripts/bench-tax.sh).
# Usage: scripts/bench-payments.sh [payments, default 500] [payers at once, default 16]
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

COUNT="${1:-500}"
CONCURRENCY="${2:-16}"
ensure_rust_tools
ensure_npm_packages
ensure_postgres
build_release

DATA="$(mktemp -d /tmp/dimos-bench-payments.XXXXXX)"
PG_DB="dimos_bench_$$"
PG_ADMIN="${DIMOS_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
cleanup() {
  psql -q "$PG_ADMIN" -c "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$DATA"
}
trap cleanup EXIT
psql -q "$PG_ADMIN" -c "CREATE DATABASE $PG_DB" >/dev/null

bench() {
  DIMOS_DEMO=on DATABASE_URL="$1" DIMOS_OUTBOX_DIR="$DATA/outbox" DIMOS_SITE_ROOT="$SITE_ROOT" RUST_LOG=warn \
    "$DIMOS_BIN" "${BENCH:-bench-payments}" --count "$COUNT" --concurrency "$CONCURRENCY"
}

step "SQLite"
sqlite_line="$(bench "sqlite://$DATA/bench.db")"
echo "$sqlite_line"
step "PostgreSQL"
pg_line="$(bench "${PG_ADMIN%/*}/$PG_DB")"
echo "$pg_line"

cat <<REPORT

Paste into BENCHMARKS.md ($(date -u +%Y-%m-%d), $(nproc) cores):

| Engine | Result |
|---|---|
| SQLite | $sqlite_line |
| PostgreSQL | $pg_line |
REPORT
