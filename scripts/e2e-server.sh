#!/usr/bin/env bash
# Starts the release server for the end-to-end suite on a fresh SQLite database.
# Playwright runs it and waits for /healthz.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PORT="${1:-3100}"
DATA="$(mktemp -d /tmp/dimos-e2e.XXXXXX)"
export DATABASE_URL="sqlite://$DATA/e2e.db"
export DIMOS_LISTEN="127.0.0.1:$PORT"
export DIMOS_PUBLIC_BASE_URL="http://127.0.0.1:$PORT"
export DIMOS_SITE_ROOT="${SITE_ROOT:-$ROOT/target/site}"
export LEPTOS_ENV=PROD
# Demonstration mode: demo accounts and the sandbox bank.
export DIMOS_DEMO=on
# The suite signs in many times a minute from one address; the limit itself is covered by
# the integration tests.
export DIMOS_AUTH_ATTEMPTS_PER_MINUTE=10000
# Likewise anonymous comments (several tests post them, failed posts count too); the limit
# is covered by the integration tests (security.rs).
export DIMOS_COMMENTS_PER_HOUR=10000
# Abandoned payments expire after a minute and the clean-up looks every 5 s, so the suite
# can watch the clean-up settle one.
export DIMOS_PAYMENT_EXPIRY_MINUTES=1
export DIMOS_PAYMENT_CLEANUP_SECONDS=5
# Campaigns send 20 messages a second: the 50-debtor campaign shows its bar move and end.
export DIMOS_CAMPAIGN_PER_SECOND=20
BIN="${DIMOS_BIN:-${CARGO_TARGET_DIR:-$HOME/.cache/dimos/target}/release/dimos}"
exec "$BIN" serve --seed-demo
