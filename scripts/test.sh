#!/usr/bin/env bash
# Runs every check: formatting, clippy (server and WASM), unit and integration tests on
# SQLite and PostgreSQL, the release build, and the end-to-end suite in Chromium.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

ensure_rust_tools
ensure_npm_packages
ensure_chromium
ensure_postgres

step "Formatting"
cargo fmt --all -- --check

# erase_components shortens debug builds of views; tests and clippy share these artefacts.
export RUSTFLAGS="--cfg erase_components"
step "Clippy: server side (ssr)"
cargo clippy --workspace --all-targets --features app/ssr -- -D warnings
step "Clippy: browser side (hydrate, wasm32)"
cargo clippy -p app --lib --target wasm32-unknown-unknown --no-default-features --features hydrate -- -D warnings

step "Unit and integration tests (SQLite and PostgreSQL)"
cargo test --workspace --features app/ssr
unset RUSTFLAGS

build_release

step "End-to-end tests in Chromium (axe-core on every page)"
export DIMOS_BIN SITE_ROOT
(cd end2end && npx playwright test)

step "All checks passed"
