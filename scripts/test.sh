#!/usr/bin/env bash
# Runs every check: formatting, clippy (server and WASM), unit and integration tests on
# SQLite and PostgreSQL, the release build, and the end-to-end suite in Chromium.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

check_prerequisites

ensure_rust_tools
ensure_npm_packages
ensure_chromium
ensure_postgres
ensure_smtp_sink

step "Formatting"
cargo fmt --all -- --check

step "House rules: layers, one redirect check, escaped titles"
house_rule() {  # message, then the command whose output must be empty
  local message="$1"; shift
  local found
  found="$("$@" || true)"
  if [ -n "$found" ]; then
    printf '%s\n%s\n' "$message" "$found" >&2
    exit 1
  fi
}
house_rule "The backend must not import the api or pages layers:" \
  grep -rnE 'crate::(api|pages)' app/src/backend
house_rule "Redirect through api::context::redirect_local / http::see_other (one local-path check):" \
  sh -c "grep -rn 'leptos_axum::redirect\|Redirect::to' app/src server/src | grep -v '^app/src/api/mod.rs'"
house_rule "Set page titles with components::PageTitle (leptos_meta's Title does not escape):" \
  sh -c "grep -rn '<Title ' app/src | grep -v '^app/src/components/title.rs\|^app/src/app.rs'"

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
