#!/usr/bin/env bash
# Benchmarks the bank's camt.054 files: 100,000 exact transfers, each paying a live notice
# (payment, receipt numbered, its e-mail queued), imported and reconciled on SQLite and
# PostgreSQL; the references in the same run are the file read alone (streaming XML) and
# the same file imported again (every transfer known).
# Usage: scripts/bench-bank.sh [entries, default 100000]
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

ENTRIES="${1:-100000}"
ensure_rust_tools
ensure_postgres
build_release

DATA="$(mktemp -d /tmp/dimos-bench-bank.XXXXXX)"
PG_DB="dimos_bench_bank_$$"
PG_ADMIN="${DIMOS_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
cleanup() {
  psql -q "$PG_ADMIN" -c "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$DATA"
}
trap cleanup EXIT

step "camt.054 of $ENTRIES transfers, SQLite"
sqlite_line="$(DIMOS_DEMO=on DATABASE_URL="sqlite://$DATA/bank.db" RUST_LOG=warn "$DIMOS_BIN" bench-reconcile --entries "$ENTRIES" | tail -n 1)"
echo "$sqlite_line"

step "camt.054 of $ENTRIES transfers, PostgreSQL"
psql -q "$PG_ADMIN" -c "CREATE DATABASE $PG_DB" >/dev/null
pg_line="$(DIMOS_DEMO=on DATABASE_URL="${PG_ADMIN%/*}/$PG_DB" RUST_LOG=warn "$DIMOS_BIN" bench-reconcile --entries "$ENTRIES" | tail -n 1)"
echo "$pg_line"

cat <<REPORT

Paste into BENCHMARKS.md ($(date -u +%Y-%m-%d), $(nproc) cores):

| Measurement | Result |
|---|---|
| Reconciliation, SQLite | $sqlite_line |
| Reconciliation, PostgreSQL | $pg_line |
REPORT
