#!/usr/bin/env bash
# Benchmarks traffic fines: ticket lookups per second under load against a static file in
# the same run, and the import of 100,000 tickets on SQLite and PostgreSQL.
# Usage: scripts/bench-fines.sh [seconds per measurement, default 10]
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

DURATION="${1:-10}"
PORT=3201
BASE="http://127.0.0.1:$PORT"
ensure_rust_tools
ensure_npm_packages
ensure_postgres
command -v wrk >/dev/null || apt_install wrk
command -v curl >/dev/null || apt_install curl
build_release

DATA="$(mktemp -d /tmp/dimos-bench-fines.XXXXXX)"
PG_DB="dimos_bench_fines_$$"
PG_ADMIN="${DIMOS_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
SERVER=""
cleanup() {
  [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null && wait "$SERVER" 2>/dev/null
  psql -q "$PG_ADMIN" -c "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$DATA"
}
trap cleanup EXIT

step "Import of 100,000 tickets"
# Valid plates use only the letters Greek plates share with Latin.
awk 'BEGIN {
  print "ticket_number,municipality_code,ticket_type,plate,date,time,location,officer,amount_eur";
  split("Α Β Ε Ζ Η Ι Κ Μ Ν Ο Ρ Τ Υ Χ", L, " ");
  for (i = 1; i <= 100000; i++) {
    plate = L[i % 14 + 1] L[int(i / 14) % 14 + 1] L[int(i / 196) % 14 + 1] sprintf("%04d", i % 10000);
    printf "%d,1234,P0%d,%s,2026-10-%02d,%02d:%02d,\"Οδός %d, αριθμός %d\",ΔΑ%d,%d.00\n",
      3000000000 + i, i % 5 + 1, plate, i % 28 + 1, i % 24, i % 60, i % 300, i % 200, i % 90, 30 + i % 5 * 10;
  }
}' > "$DATA/tickets.csv"
import_sqlite="$(DATABASE_URL="sqlite://$DATA/import.db" RUST_LOG=warn "$DIMOS_BIN" import-fines "$DATA/tickets.csv" | head -n 1)"
echo "SQLite: $import_sqlite"
psql -q "$PG_ADMIN" -c "CREATE DATABASE $PG_DB" >/dev/null
import_pg="$(DATABASE_URL="${PG_ADMIN%/*}/$PG_DB" RUST_LOG=warn "$DIMOS_BIN" import-fines "$DATA/tickets.csv" | head -n 1)"
echo "PostgreSQL: $import_pg"

step "Lookups under load (wrk, 2 threads, 32 connections, ${DURATION}s) against the static file"
DIMOS_AUTH_ATTEMPTS_PER_MINUTE=10000 DIMOS_OUTBOX_DIR="$DATA/outbox" \
  DIMOS_DEMO=on DATABASE_URL="sqlite://$DATA/serve.db" DIMOS_LISTEN="127.0.0.1:$PORT" DIMOS_SITE_ROOT="$SITE_ROOT" \
  DIMOS_PUBLIC_BASE_URL="$BASE" RUST_LOG=warn LEPTOS_ENV=PROD "$DIMOS_BIN" serve --seed-demo >"$DATA/server.log" 2>&1 &
SERVER=$!
for _ in $(seq 1 100); do curl -fs "$BASE/healthz" >/dev/null && break; sleep 0.2; done
cookie="$(curl -s -D - -o /dev/null -X POST -H 'Accept: application/json' \
  --data 'email=citizen%40demo.dimos.invalid&password=demo-citizen-password' "$BASE/api/login" |
  tr -d '\r' | awk -F'[:;] *' 'tolower($1)=="set-cookie" && $2 ~ /^dimos_session=/ {print $2}')"
cat > "$DATA/lookup.lua" <<LUA
wrk.method = "POST"
wrk.body = "municipality_code=1234&ticket_type=P01&ticket_number=2026000002&plate=NZA2408&date=2026-10-23&time=13:18"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Accept"] = "application/json"
wrk.headers["Cookie"] = "$cookie"
LUA
answer="$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Accept: application/json' -H "Cookie: $cookie" \
  --data 'municipality_code=1234&ticket_type=P01&ticket_number=2026000002&plate=NZA2408&date=2026-10-23&time=13:18' "$BASE/api/find_fine")"
[ "$answer" = 200 ] || { echo "lookup answered $answer" >&2; exit 1; }
static_rps="$(wrk -t2 -c32 -d"${DURATION}s" "$BASE/robots.txt" | awk '/Requests\/sec/ {print $2}')"
lookup_rps="$(wrk -t2 -c32 -d"${DURATION}s" -s "$DATA/lookup.lua" "$BASE/api/find_fine" | awk '/Requests\/sec/ {print $2}')"
ratio="$(awk -v h="$lookup_rps" -v s="$static_rps" 'BEGIN {printf "%.2f", h / s}')"

cat <<REPORT

Paste into BENCHMARKS.md ($(date -u +%Y-%m-%d), $(nproc) cores):

| Measurement | Result |
|---|---|
| Import 100,000 tickets, SQLite | $import_sqlite |
| Import 100,000 tickets, PostgreSQL | $import_pg |
| Static file (robots.txt) | $static_rps req/s |
| Ticket lookup (POST /api/find_fine, signed-in citizen) | $lookup_rps req/s |
| Lookup ÷ static | **$ratio** (target ≥ 0.3) |
REPORT
