#!/usr/bin/env bash
# Benchmarks an e-mail campaign: 13,000 debtors' notices issued and e-mailed with their PDF
# to a local SMTP server (aiosmtpd, accepting and discarding), on SQLite and PostgreSQL,
# with the process's memory at 10, 50 and 90 % of the run. The reference in the same run:
# the same number of notice PDFs typeset on one core with nothing else (bench-notice-pdf).
# Usage: scripts/bench-campaign.sh [debtors, default 13000]
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

DEBTORS="${1:-13000}"
SMTP_PORT=2526
ensure_rust_tools
ensure_postgres
ensure_smtp_sink
build_release

DATA="$(mktemp -d /tmp/dimos-bench-campaign.XXXXXX)"
PG_DB="dimos_bench_campaign_$$"
PG_ADMIN="${DIMOS_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
SINK=""
cleanup() {
  [ -n "$SINK" ] && kill "$SINK" 2>/dev/null && wait "$SINK" 2>/dev/null
  psql -q "$PG_ADMIN" -c "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$DATA"
}
trap cleanup EXIT

python3 -m aiosmtpd -n -l "127.0.0.1:$SMTP_PORT" -c aiosmtpd.handlers.Sink &
SINK=$!
for _ in $(seq 1 50); do (exec 3<>"/dev/tcp/127.0.0.1/$SMTP_PORT") 2>/dev/null && break; sleep 0.1; done
export DIMOS_SMTP_URL="smtp://127.0.0.1:$SMTP_PORT"

step "Reference: $DEBTORS notice PDFs typeset on one core"
pdf_line="$("$DIMOS_BIN" bench-notice-pdf --count "$DEBTORS" | tail -n 1)"
echo "$pdf_line"

step "Campaign of $DEBTORS debtors, SQLite"
sqlite_line="$(DIMOS_DEMO=on DATABASE_URL="sqlite://$DATA/campaign.db" RUST_LOG=warn "$DIMOS_BIN" bench-campaign --debtors "$DEBTORS" | tail -n 1)"
echo "$sqlite_line"

step "Campaign of $DEBTORS debtors, PostgreSQL"
psql -q "$PG_ADMIN" -c "CREATE DATABASE $PG_DB" >/dev/null
pg_line="$(DIMOS_DEMO=on DATABASE_URL="${PG_ADMIN%/*}/$PG_DB" RUST_LOG=warn "$DIMOS_BIN" bench-campaign --debtors "$DEBTORS" | tail -n 1)"
echo "$pg_line"

cat <<REPORT

Paste into BENCHMARKS.md ($(date -u +%Y-%m-%d), $(nproc) cores):

| Measurement | Result |
|---|---|
| Reference: notice PDFs alone | $pdf_line |
| Campaign, SQLite | $sqlite_line |
| Campaign, PostgreSQL | $pg_line |
REPORT
