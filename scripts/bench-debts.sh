#!/usr/bin/env bash
# Benchmarks the debts register: the import of 1,000,000 debts for 300,000 debtors on SQLite
# and PostgreSQL, each against a raw bulk insert of the same rows into the same database in
# the same run; and "my debts" with 200 debts under load against a static file.
# Usage: scripts/bench-debts.sh [rows, default 1000000; 0: the page part alone] [debtors, default 300000]
#        [seconds, default 10]
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

ROWS="${1:-1000000}"
DEBTORS="${2:-300000}"
DURATION="${3:-10}"
PORT=3202
BASE="http://127.0.0.1:$PORT"
ensure_rust_tools
ensure_npm_packages
ensure_postgres
command -v wrk >/dev/null || apt_install wrk
command -v curl >/dev/null || apt_install curl
build_release

DATA="$(mktemp -d /tmp/dimos-bench-debts.XXXXXX)"
PG_DB="dimos_bench_debts_$$"
PG_ADMIN="${DIMOS_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
SERVER=""
cleanup() {
  [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null && wait "$SERVER" 2>/dev/null
  psql -q "$PG_ADMIN" -c "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$DATA"
}
trap cleanup EXIT

# Debts for `debtors` ΑΦΜ (valid check digits), every kind and category, some certified.
generate() {  # rows debtors first_afm_body
  awk -v rows="$1" -v debtors="$2" -v base="$3" 'BEGIN {
    print "municipality_ref,afm,debtor_name,kind,category,description,principal_eur,due_date,certified_on";
    split("certified certified certified uncertified assessment_note fee", K, " ");
    split("tap cleaning_lighting police_fines public_space municipal_tax water fees", C, " ");
    for (i = 0; i < rows; i++) {
      d = i % debtors; body = sprintf("%08d", base + d); sum = 0;
      for (j = 1; j <= 8; j++) sum += substr(body, j, 1) * 2 ^ (9 - j);
      afm = body ((sum % 11) % 10);
      kind = K[i % 6 + 1]; month = i % 12 + 1;
      cert = (kind == "certified") ? sprintf("2025-%02d-15", month) : "";
      printf "R-%07d,%s,Οφειλέτης %d,%s,%s,\"Οφειλή %d, έτος 2025\",%d.%02d,2025-%02d-01,%s\n",
        i, afm, d, kind, C[i % 7 + 1], i, 10 + i % 500, i % 100, month, cert;
    }
  }'
}

sqlite_line="not run"; pg_line="not run"
# 0 rows: the page part alone.
if [ "$ROWS" -gt 0 ]; then
  step "Import of $ROWS debts for $DEBTORS debtors"
  generate "$ROWS" "$DEBTORS" 20000000 > "$DATA/debts.csv"
  ls -lh "$DATA/debts.csv" | awk '{print "file:", $5}'
  # The figures are the last line (a warning logged on the way, such as a slow statement, is not).
  sqlite_line="$(DIMOS_DEMO=on DATABASE_URL="sqlite://$DATA/import.db" RUST_LOG=warn "$DIMOS_BIN" bench-import-debts "$DATA/debts.csv" | tail -n 1)"
  echo "SQLite: $sqlite_line"
  psql -q "$PG_ADMIN" -c "CREATE DATABASE $PG_DB" >/dev/null
  pg_line="$(DIMOS_DEMO=on DATABASE_URL="${PG_ADMIN%/*}/$PG_DB" RUST_LOG=warn "$DIMOS_BIN" bench-import-debts "$DATA/debts.csv" | tail -n 1)"
  echo "PostgreSQL: $pg_line"
fi

step "\"My debts\" with 200 debts (wrk, 2 threads, 32 connections, ${DURATION}s, five rounds) against the static file"
DB_URL="sqlite://$DATA/serve.db"
# The demo business's 200 debts (ΑΦΜ 090000045), imported before the server starts.
awk 'BEGIN {
  print "municipality_ref,afm,debtor_name,kind,category,description,principal_eur,due_date,certified_on";
  for (i = 0; i < 200; i++)
    printf "B-%03d,090000045,Καφέ Πλατεία Ο.Ε.,%s,tap,Οφειλή %d,%d.50,2025-%02d-28,%s\n",
      i, (i % 2 ? "certified" : "uncertified"), i, 20 + i, i % 12 + 1, (i % 2 ? "2025-12-01" : "");
}' > "$DATA/mine.csv"
DIMOS_DEMO=on DATABASE_URL="$DB_URL" RUST_LOG=warn "$DIMOS_BIN" import-debts "$DATA/mine.csv" | head -n 1
# A copy of the site, so the page itself can be served as a static file of the same size.
cp -r "$SITE_ROOT" "$DATA/site"
DIMOS_AUTH_ATTEMPTS_PER_MINUTE=10000 DIMOS_OUTBOX_DIR="$DATA/outbox" \
  DIMOS_DEMO=on DATABASE_URL="$DB_URL" DIMOS_LISTEN="127.0.0.1:$PORT" DIMOS_SITE_ROOT="$DATA/site" \
  DIMOS_PUBLIC_BASE_URL="$BASE" RUST_LOG=warn LEPTOS_ENV=PROD "$DIMOS_BIN" serve --seed-demo >"$DATA/server.log" 2>&1 &
SERVER=$!
for _ in $(seq 1 100); do curl -fs "$BASE/healthz" >/dev/null && break; sleep 0.2; done
cookie="$(curl -s -D - -o /dev/null -X POST -H 'Accept: application/json' \
  --data 'email=business%40demo.dimos.invalid&password=demo-business-password' "$BASE/api/login" |
  tr -d '\r' | awk -F'[:;] *' 'tolower($1)=="set-cookie" && $2 ~ /^dimos_session=/ {print $2}')"
shown="$(curl -s -H "Cookie: $cookie" "$BASE/debts" | grep -o 'name="debts\[\]"' | wc -l)"
[ "$shown" -ge 200 ] || { echo "my debts shows $shown payable debts, expected at least 200" >&2; exit 1; }
curl -s -H "Cookie: $cookie" "$BASE/debts" > "$DATA/site/same-size.html"
page_bytes="$(wc -c < "$DATA/site/same-size.html")"
rps() { wrk -t2 -c32 -d"${DURATION}s" "$@" | awk '/Requests\/sec/ {print $2}'; }
# This machine's rates drift by ±20 % from one minute to the next, and the static file's most
# (it is the shortest request, the one most moved by how the two cores are shared). Each of
# five rounds measures the static file, the page, the same bytes static, then the static file
# again, and sets the page against the mean of the two static figures around it, so that a
# drift within the round weighs on both sides alike. The report gives the median round.
rounds=""
for round in 1 2 3 4 5; do
  before_rps="$(rps "$BASE/robots.txt")"
  page_rps="$(rps -H "Cookie: $cookie" "$BASE/debts")"
  same_rps="$(rps "$BASE/same-size.html")"
  after_rps="$(rps "$BASE/robots.txt")"
  static_rps="$(awk -v a="$before_rps" -v b="$after_rps" 'BEGIN {printf "%.2f", (a + b) / 2}')"
  ratio="$(awk -v h="$page_rps" -v s="$static_rps" 'BEGIN {printf "%.3f", h / s}')"
  echo "round $round: robots.txt $before_rps and $after_rps req/s, /debts $page_rps req/s, the same bytes static $same_rps req/s: $ratio"
  rounds+="$ratio $static_rps $page_rps $same_rps"$'\n'
done
read -r ratio static_rps page_rps same_rps < <(printf '%s' "$rounds" | sort -n | sed -n 3p)
all_ratios="$(printf '%s' "$rounds" | awk '{printf "%s%.2f", (NR > 1 ? ", " : ""), $1}')"
ratio="$(awk -v r="$ratio" 'BEGIN {printf "%.2f", r}')"
same_ratio="$(awk -v h="$page_rps" -v s="$same_rps" 'BEGIN {printf "%.2f", h / s}')"

cat <<REPORT

Paste into BENCHMARKS.md ($(date -u +%Y-%m-%d), $(nproc) cores):

| Measurement | Result |
|---|---|
| Import, SQLite | $sqlite_line |
| Import, PostgreSQL | $pg_line |
| Static file (robots.txt), median round (mean of before and after the page) | $static_rps req/s |
| /debts with $shown payable debts, signed in ($page_bytes bytes), median round | $page_rps req/s |
| The same page as a static file, median round | $same_rps req/s |
| My debts ÷ static, median of five rounds ($all_ratios) | **$ratio** (target ≥ 0.3) |
| My debts ÷ the same bytes served static, median round | $same_ratio |
REPORT
