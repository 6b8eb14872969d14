#!/usr/bin/env bash
# Benchmarks the release server: requests/s of the home page against a static file served
# by the same server in the same run, and the compressed size of a first page load.
# Usage: scripts/bench.sh [seconds per measurement, default 10]
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

DURATION="${1:-10}"
PORT=3200
BASE="http://127.0.0.1:$PORT"

ensure_rust_tools
ensure_npm_packages
command -v wrk >/dev/null || apt_install wrk
command -v curl >/dev/null || apt_install curl
build_release

DATA="$(mktemp -d /tmp/dimos-bench.XXXXXX)"
DIMOS_AUTH_ATTEMPTS_PER_MINUTE=10000 DIMOS_OUTBOX_DIR="$DATA/outbox" \
  DIMOS_DEMO=on DATABASE_URL="sqlite://$DATA/bench.db" DIMOS_LISTEN="127.0.0.1:$PORT" DIMOS_SITE_ROOT="$SITE_ROOT" \
  DIMOS_PUBLIC_BASE_URL="$BASE" RUST_LOG=warn LEPTOS_ENV=PROD "$DIMOS_BIN" serve --seed-demo >"$DATA/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null; rm -rf "$DATA"' EXIT
for _ in $(seq 1 100); do
  curl -fs "$BASE/healthz" >/dev/null && break
  sleep 0.2
done
if ! curl -fs "$BASE/healthz" >/dev/null; then
  echo "The server did not start; its log:" >&2
  cat "$DATA/server.log" >&2
  exit 1
fi

rps() {
  wrk -t2 -c32 -d"${DURATION}s" "$1" | awk '/Requests\/sec/ {print $2}'
}

step "Throughput (wrk, 2 threads, 32 connections, ${DURATION}s each)"
static_rps="$(rps "$BASE/robots.txt")"
home_rps="$(rps "$BASE/")"
ratio="$(awk -v h="$home_rps" -v s="$static_rps" 'BEGIN {printf "%.2f", h / s}')"

# Median and mean of N sequential requests' total time, in milliseconds.
latency() {
  local n="$1"; shift
  for _ in $(seq 1 "$n"); do curl -s -o /dev/null -w '%{time_total}\n' "$@"; done |
    sort -n | awk '{ v[NR] = $1 * 1000; s += $1 * 1000 } END { printf "%.1f ms median, %.1f ms mean", v[int((NR + 1) / 2)], s / NR }'
}

step "\"My submissions\" with 50 rows (signed-in citizen) against the static file"
cookie="$(curl -s -D - -o /dev/null -X POST -H 'Accept: application/json' \
  --data 'email=citizen%40demo.dimos.invalid&password=demo-citizen-password' "$BASE/api/login" |
  tr -d '\r' | awk -F'[:;] *' 'tolower($1)=="set-cookie" && $2 ~ /^dimos_session=/ {print $2}')"
for i in $(seq 1 50); do
  curl -s -o /dev/null -X POST -H 'Accept: application/json' -H "Cookie: $cookie" \
    --data "kind=request&subject=Request%20$i&text=Text%20$i&desired_action=" "$BASE/api/submit"
done
list_rows="$(curl -s -H "Cookie: $cookie" "$BASE/submissions" | grep -o "<tr>" | wc -l)"
static2_rps="$(rps "$BASE/robots.txt")"
list_rps="$(wrk -t2 -c32 -d"${DURATION}s" -H "Cookie: $cookie" "$BASE/submissions" | awk '/Requests\/sec/ {print $2}')"
list_ratio="$(awk -v h="$list_rps" -v s="$static2_rps" 'BEGIN {printf "%.2f", h / s}')"

step "Sign-in latency (argon2id m=19 MiB, t=2, p=1) against a static file, sequential"
static_latency="$(latency 50 "$BASE/robots.txt")"
login_latency="$(latency 20 -X POST -H 'Accept: application/json' \
  --data 'email=citizen%40demo.dimos.invalid&password=demo-citizen-password' "$BASE/api/login")"

step "First load, compressed as a browser receives it (Accept-Encoding: br, gzip)"
# Only pages with an island load the WASM: the home page (none) and the tax declaration
# page (the live preview), signed in as the demo business.
business_cookie="$(curl -s -D - -o /dev/null -X POST -H 'Accept: application/json' \
  --data 'email=business%40demo.dimos.invalid&password=demo-business-password' "$BASE/api/login" |
  tr -d '\r' | awk -F'[:;] *' 'tolower($1)=="set-cookie" && $2 ~ /^dimos_session=/ {print $2}')"
rows=""
# Adds each file's row to $rows and leaves the compressed total in $load_total.
first_load() {
  local total=0 path bytes enc raw
  for path in "$@"; do
    bytes="$(curl -s -o /dev/null -H "Cookie: $business_cookie" -H 'Accept-Encoding: br, gzip' -w '%{size_download}' "$BASE$path")"
    enc="$(curl -s -o /dev/null -D - -H "Cookie: $business_cookie" -H 'Accept-Encoding: br, gzip' "$BASE$path" | awk 'tolower($1)=="content-encoding:" {print $2}' | tr -d '\r')"
    raw="$(curl -s -o /dev/null -H "Cookie: $business_cookie" -w '%{size_download}' "$BASE$path")"
    rows+="| \`$path\` | $raw | $bytes | ${enc:-identity} |"$'\n'
    total=$((total + bytes))
  done
  load_total="$total"
}
home_scripts="$(curl -s "$BASE/" | grep -c 'dimos.wasm' || true)"
first_load / /pkg/dimos.css
total="$load_total"
kib="$(awk -v b="$total" 'BEGIN {printf "%.1f", b / 1024}')"
first_load /business/tax /pkg/dimos.css /pkg/dimos.js /pkg/dimos.wasm
tax_total="$load_total"
tax_kib="$(awk -v b="$tax_total" 'BEGIN {printf "%.1f", b / 1024}')"

cat <<REPORT

## Results ($(date -u +%Y-%m-%d), $(nproc) cores, ${DURATION}s per measurement)

| measurement | value |
|---|---|
| static file \`/robots.txt\` | $static_rps req/s |
| home page \`/\` (server-rendered, Greek) | $home_rps req/s |
| home ÷ static | $ratio (target ≥ 0.6) |
| first load of \`/\` (no island: $home_scripts references to the WASM), compressed | $total bytes = $kib KiB (target ≤ 150 KiB) |
| first load of \`/business/tax\` (the live preview island), compressed | $tax_total bytes = $tax_kib KiB (target ≤ 150 KiB) |
| \`/submissions\` with $((list_rows - 1)) rows, signed in | $list_rps req/s against $static2_rps req/s static: $list_ratio (target ≥ 0.3) |
| static file, one request at a time | $static_latency |
| sign-in \`POST /api/login\`, one at a time | $login_latency |

| file | raw bytes | compressed bytes | encoding |
|---|---|---|---|
$rows
REPORT
