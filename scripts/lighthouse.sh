#!/usr/bin/env bash
# Lighthouse performance and accessibility scores of the release build, with Lighthouse's
# default (mobile) settings: a mid-range phone's screen, 4× CPU slowdown and a slow 4G
# network, simulated. Pages: home, sign-in, fines (citizen), municipal tax (the business
# representative: the page with the WASM island), staff home and inbox (clerk). Each page is
# measured N times; the table shows each column's median, then what Lighthouse names as the
# causes of every lost point (audit ids and figures). Not part of ./scripts/test.sh.
# Usage: scripts/lighthouse.sh [--no-build] [runs per page, default 3]
#   --no-build  measure the release build already in $CARGO_TARGET_DIR and target/site, or
#               the binary and site named by LIGHTHOUSE_BIN and LIGHTHOUSE_SITE
# The JSON reports stay in /tmp/dimos-lighthouse.*/reports (the path is printed).
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

BUILD=1
if [ "${1:-}" = "--no-build" ]; then
  BUILD=0
  shift
fi
RUNS="${1:-3}"
# 13.x needs Node 22.19; 12.8.2 is the newest that runs on the Node 20 the scripts require.
LIGHTHOUSE_VERSION=12.8.2
LIGHTHOUSE_DIR="$HOME/.cache/dimos/lighthouse"
LIGHTHOUSE="$LIGHTHOUSE_DIR/node_modules/.bin/lighthouse"

if [ "$BUILD" = 1 ]; then
  check_prerequisites
  ensure_rust_tools
  ensure_npm_packages
  build_release
else
  check_prerequisites node
  DIMOS_BIN="${LIGHTHOUSE_BIN:-$DIMOS_BIN}"
  SITE_ROOT="${LIGHTHOUSE_SITE:-$SITE_ROOT}"
fi
ensure_chromium
command -v curl >/dev/null || apt_install curl
if ! "$LIGHTHOUSE" --version 2>/dev/null | grep -qx "$LIGHTHOUSE_VERSION"; then
  step "Installing Lighthouse $LIGHTHOUSE_VERSION into $LIGHTHOUSE_DIR"
  mkdir -p "$LIGHTHOUSE_DIR"
  npm install --prefix "$LIGHTHOUSE_DIR" --no-audit --no-fund --no-save "lighthouse@$LIGHTHOUSE_VERSION"
fi
if [ ! -x "$DIMOS_BIN" ] || [ ! -f "$SITE_ROOT/pkg/dimos.wasm" ]; then
  echo "No release build at $DIMOS_BIN and $SITE_ROOT: run without --no-build." >&2
  exit 1
fi

# Measure a copy, so a rebuild during the runs cannot change what is measured.
WORK="$(mktemp -d /tmp/dimos-lighthouse.XXXXXX)"
mkdir -p "$WORK/reports"
cp -a "$SITE_ROOT" "$WORK/site"
cp "$DIMOS_BIN" "$WORK/dimos"
PORT="$(node -e 'const s = require("net").createServer(); s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })')"
BASE="http://127.0.0.1:$PORT"
DIMOS_AUTH_ATTEMPTS_PER_MINUTE=10000 DIMOS_OUTBOX_DIR="$WORK/outbox" \
  DIMOS_DEMO=on DATABASE_URL="sqlite://$WORK/lighthouse.db" DIMOS_LISTEN="127.0.0.1:$PORT" \
  DIMOS_SITE_ROOT="$WORK/site" DIMOS_PUBLIC_BASE_URL="$BASE" RUST_LOG=warn LEPTOS_ENV=PROD \
  "$WORK/dimos" serve --seed-demo >"$WORK/server.log" 2>&1 &
SERVER=$!
cleanup() {
  kill "$SERVER" 2>/dev/null || true
  wait "$SERVER" 2>/dev/null || true
  rm -rf "$WORK/site" "$WORK/dimos" "$WORK"/lighthouse.db* "$WORK/outbox"
}
trap cleanup EXIT
for _ in $(seq 1 100); do
  curl -fs "$BASE/healthz" >/dev/null && break
  sleep 0.2
done
if ! curl -fs "$BASE/healthz" >/dev/null; then
  echo "The server did not start; its log:" >&2
  cat "$WORK/server.log" >&2
  exit 1
fi

# A session cookie for a demo account (README, "Demo logins"), through the login server function.
session_of() {
  local cookie
  cookie="$(curl -s -D - -o /dev/null -X POST -H 'Accept: application/json' \
    --data "email=$1%40demo.dimos.invalid&password=demo-$1-password" "$BASE/api/login" |
    tr -d '\r' | awk -F'[:;] *' 'tolower($1)=="set-cookie" && $2 ~ /^dimos_session=/ {print $2}')"
  if [ -z "$cookie" ]; then
    echo "Signing in as the demo $1 failed (server log: $WORK/server.log)" >&2
    exit 1
  fi
  printf '%s' "$cookie"
}
# (Plain assignments first: set -e stops the script when one fails, which it would not inside
# the array's declaration.)
citizen_cookie="$(session_of citizen)"
business_cookie="$(session_of business)"
clerk_cookie="$(session_of clerk)"
declare -A COOKIE=([citizen]="$citizen_cookie" [business]="$business_cookie" [clerk]="$clerk_cookie")

# name, path, demo account ("-" for none)
PAGES=(
  "home / -"
  "login /login -"
  "fines /fines citizen"
  "tax /business/tax business"
  "staff /staff clerk"
  "inbox /staff/inbox clerk"
)

step "Lighthouse $LIGHTHOUSE_VERSION, mobile defaults, $RUNS runs per page, $BASE"
for page in "${PAGES[@]}"; do
  read -r name path account <<<"$page"
  headers=()
  if [ "$account" != "-" ]; then
    headers=(--extra-headers "{\"Cookie\": \"${COOKIE[$account]}\"}")
  fi
  for run in $(seq 1 "$RUNS"); do
    printf '%s %s run %s\n' "$name" "$path" "$run"
    CHROME_PATH="$(command -v chromium)" "$LIGHTHOUSE" "$BASE$path" "${headers[@]}" \
      --only-categories=performance,accessibility --output=json \
      --output-path="$WORK/reports/$name-$run.json" \
      --chrome-flags="--headless=new --no-sandbox" --quiet
  done
done

step "Results"
PAGE_LIST="$(printf '%s\n' "${PAGES[@]}")"
node - "$WORK/reports" "$RUNS" "$PAGE_LIST" "$(nproc)" <<'JS'
const fs = require('fs');
const [dir, runs, pageList, cores] = process.argv.slice(2);
const pages = pageList.trim().split('\n').map((l) => l.split(' '));
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[(s.length - 1) >> 1]; };
const int = (n) => Math.round(n).toLocaleString('en-US');
const rows = [];
const causes = [];
let failed = false;
let version = '';
for (const [name, path, account] of pages) {
  const reports = [];
  for (let i = 1; i <= Number(runs); i++) {
    const r = JSON.parse(fs.readFileSync(`${dir}/${name}-${i}.json`, 'utf8'));
    version = r.lighthouseVersion;
    const landed = new URL(r.finalDisplayedUrl).pathname;
    if (r.runtimeError || landed !== path) {
      console.error(`${path} run ${i}: ${r.runtimeError ? r.runtimeError.message : `landed on ${landed}`}`);
      failed = true;
      continue;
    }
    reports.push(r);
  }
  if (reports.length === 0) continue;
  const m = (f) => median(reports.map(f));
  const perf = m((r) => r.categories.performance.score * 100);
  const a11y = m((r) => r.categories.accessibility.score * 100);
  const perfs = reports.map((r) => Math.round(r.categories.performance.score * 100));
  const spread = Math.min(...perfs) === Math.max(...perfs) ? '' : ` (${Math.min(...perfs)}–${Math.max(...perfs)})`;
  rows.push(`| \`${path}\`${account === '-' ? '' : ` (${account})`} | ${Math.round(perf)}${spread} | ${Math.round(a11y)} | ` +
    `${int(m((r) => r.audits['total-blocking-time'].numericValue))} | ` +
    `${int(m((r) => r.audits['largest-contentful-paint'].numericValue))} | ` +
    `${int(m((r) => r.audits['first-contentful-paint'].numericValue))} | ` +
    `${m((r) => r.audits['cumulative-layout-shift'].numericValue).toFixed(3)} | ` +
    `${int(m((r) => r.audits['total-byte-weight'].numericValue))} |`);
  // Causes, from the run with the median performance score.
  const r = reports.find((x) => x.categories.performance.score * 100 === perf);
  const lines = [];
  // The scored metrics that lost points, and the long tasks behind total blocking time.
  for (const ref of r.categories.performance.auditRefs.filter((x) => x.group === 'metrics')) {
    const a = r.audits[ref.id];
    if (a.score !== null && a.score < 1) {
      lines.push(`  - metric \`${ref.id}\`: ${a.displayValue} (score ${a.score}, weight ${ref.weight} %)`);
    }
  }
  const tasks = (r.audits['long-tasks'].details || {}).items || [];
  if (r.audits['total-blocking-time'].numericValue > 0 && tasks.length) {
    lines.push(`  - \`long-tasks\` (simulated ms): ` + tasks.map((t) =>
      `${t.url.startsWith('http') ? `\`${new URL(t.url).pathname}\`` : t.url} ${int(t.duration)}`).join(', '));
  }
  for (const [category, groups] of [['performance', ['diagnostics']], ['accessibility', null]]) {
    for (const ref of r.categories[category].auditRefs) {
      const a = r.audits[ref.id];
      if (groups && !groups.includes(ref.group)) continue;
      if (a.score === null || a.score >= 1 || !['binary', 'numeric', 'metricSavings'].includes(a.scoreDisplayMode)) continue;
      const savings = Object.entries(a.metricSavings || {}).filter(([, v]) => v > 0).map(([k, v]) => `${k} −${int(v)} ms`).join(', ');
      const items = (a.details && a.details.items) || [];
      const where = items.slice(0, 3).map((it) => it.url ? new URL(it.url).pathname : (it.node && it.node.selector) || it.protocolReason || '')
        .filter(Boolean).map((w) => `\`${w}\``).join(', ');
      lines.push(`  - ${category} \`${ref.id}\` (score ${a.score})${a.displayValue ? `: ${a.displayValue}` : ''}` +
        `${savings ? `; savings ${savings}` : ''}${where ? `; ${where}${items.length > 3 ? ` and ${items.length - 3} more` : ''}` : ''}`);
    }
  }
  causes.push(`- \`${path}\`: ${perf < 95 || a11y < 100 ? '**below target** ' : ''}` +
    `performance ${Math.round(perf)}, accessibility ${Math.round(a11y)}` +
    (lines.length ? `\n${lines.join('\n')}` : ', nothing flagged'));
}
console.log(`
## Lighthouse ${version}, mobile defaults (${new Date().toISOString().slice(0, 10)}, ${cores} cores, median of ${runs} runs)

| page | performance (runs) | accessibility | TBT ms | LCP ms | FCP ms | CLS | total bytes |
|---|---|---|---|---|---|---|---|
${rows.join('\n')}

Audits below a full score (target: performance ≥ 95, accessibility 100), from each page's median run:

${causes.join('\n')}
`);
process.exit(failed ? 1 : 0);
JS
echo "JSON reports: $WORK/reports"
