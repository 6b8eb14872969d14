#!/usr/bin/env bash
# Runs the portal on http://127.0.0.1:3000 with SQLite (data/dimos.db) and demo data.
# Installs what a fresh machine lacks, builds client and server, migrates, seeds, serves.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

ensure_rust_tools
ensure_npm_packages
build_release

mkdir -p data
export DIMOS_SITE_ROOT="${DIMOS_SITE_ROOT:-$SITE_ROOT}"
export LEPTOS_ENV="${LEPTOS_ENV:-PROD}"
step "Starting Dimos on http://${DIMOS_LISTEN:-127.0.0.1:3000} (Ctrl-C stops it)"
exec "$DIMOS_BIN" serve --seed-demo
