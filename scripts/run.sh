#!/usr/bin/env bash
# Runs the portal on http://127.0.0.1:3000 with SQLite (data/dimos.db) and demo data.
# Installs what a fresh machine lacks, builds client and server, migrates, seeds, serves.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

check_prerequisites

ensure_rust_tools
ensure_npm_packages
build_release

mkdir -p data
export DIMOS_SITE_ROOT="${DIMOS_SITE_ROOT:-$SITE_ROOT}"
export LEPTOS_ENV="${LEPTOS_ENV:-PROD}"
# A local demonstration: demo accounts, and the sandbox bank in place of an acquirer (with a
# signing key made for this database). Never on a real installation: see the README.
export DIMOS_DEMO="${DIMOS_DEMO:-on}"
step "Starting Dimos on http://${DIMOS_LISTEN:-127.0.0.1:3000} (Ctrl-C stops it)"
exec "$DIMOS_BIN" serve --seed-demo
