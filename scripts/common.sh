# Shared set-up for the run, test and bench scripts: installs only what is missing.
# Sourced, not executed.

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

# Build artefacts live outside the clone so a fresh clone (CI) builds incrementally.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/dimos/target}"
export PATH="$HOME/.cargo/bin:$ROOT/end2end/node_modules/.bin:$PATH"
export LEPTOS_OUTPUT_NAME=dimos
SITE_ROOT="$ROOT/target/site"
DIMOS_BIN="$CARGO_TARGET_DIR/release/dimos"

CARGO_LEPTOS_VERSION=0.3.10   # 0.3.11 needs Rust 1.96
WASM_BINDGEN_VERSION=0.2.130  # must equal the wasm-bindgen pin in Cargo.toml
AIOSMTPD_VERSION=1.4.6       # the tests' SMTP server

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

apt_install() {
  step "Installing Debian packages: $*"
  if [ -z "${DIMOS_APT_UPDATED:-}" ]; then
    as_root apt-get update -qq
    export DIMOS_APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@"
}

# True when version $1 is at least $2 (dotted numbers; "v" prefixes and "-suffixes" ignored).
version_at_least() {
  local have="${1#v}" need="${2#v}"
  have="${have%%-*}"
  [[ "$have" =~ ^[0-9]+(\.[0-9]+)*$ ]] || return 1
  printf '%s\n%s\n' "$need" "$have" | sort -V -C
}

# What the scripts cannot install for you, checked before anything slow starts, every missing
# piece named at once with how to get it. Arguments pick the checks (default: all):
# rust (rustup and Rust at least the workspace's rust-version), cc (a C compiler and make, for
# SQLite, mimalloc and cargo-leptos' vendored OpenSSL), node (Node.js 20 or newer). When there is
# no Node at all, Debian's nodejs is installed as before, then its version is checked.
check_prerequisites() {
  local checks=("$@") problems=() check need found
  [ ${#checks[@]} -gt 0 ] || checks=(rust cc node)
  for check in "${checks[@]}"; do
    case "$check" in
      rust)
        need="$(sed -n 's/^rust-version *= *"\([0-9.]*\)".*/\1/p' "$ROOT/Cargo.toml" | head -n 1)"
        if ! command -v rustup >/dev/null || ! command -v rustc >/dev/null; then
          problems+=("Rust $need or newer through rustup is needed (rustup also adds the WASM target):
    curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y")
        else
          found="$(rustc --version | awk '{print $2}')"
          found="${found:-none}"
          if ! version_at_least "$found" "$need"; then
            problems+=("Rust $need or newer is needed (found $found): rustup update stable && rustup default stable")
          fi
        fi
        ;;
      cc)
        if ! command -v cc >/dev/null || ! command -v make >/dev/null; then
          problems+=("A C compiler (cc) and make are needed: sudo apt install build-essential")
        fi
        ;;
      node)
        local node_help="Node 22 from NodeSource:
    curl -fsSL https://deb.nodesource.com/setup_22.x | sudo bash - && sudo apt-get install -y nodejs"
        if ! command -v node >/dev/null && [ ${#problems[@]} -eq 0 ]; then
          apt_install nodejs npm
        fi
        if ! command -v node >/dev/null; then
          problems+=("Node.js 20 or newer is needed. $node_help")
        else
          found="$(node --version)"
          if ! version_at_least "$found" 20; then
            problems+=("Node.js 20 or newer is needed (found $found; Debian 12's own nodejs is 18). $node_help")
          fi
        fi
        ;;
    esac
  done
  if [ ${#problems[@]} -gt 0 ]; then
    printf '\n\033[1mMissing prerequisites (see README, "The two commands"):\033[0m\n' >&2
    printf -- '- %s\n' "${problems[@]}" >&2
    exit 1
  fi
}

ensure_rust_tools() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    step "Adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
  if ! cargo leptos --version 2>/dev/null | grep -q "$CARGO_LEPTOS_VERSION"; then
    step "Installing cargo-leptos $CARGO_LEPTOS_VERSION (about 15 minutes on 2 cores, once)"
    cargo install cargo-leptos --locked --version "$CARGO_LEPTOS_VERSION" --features no_downloads
  fi
  if ! wasm-bindgen --version 2>/dev/null | grep -q "$WASM_BINDGEN_VERSION"; then
    step "Installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 2.5 minutes on 2 cores, once)"
    cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
  fi
}

ensure_npm_packages() {
  if ! command -v npm >/dev/null; then
    apt_install nodejs npm
  fi
  if [ ! -x end2end/node_modules/.bin/playwright ] || [ ! -x end2end/node_modules/.bin/wasm-opt ] \
     || [ end2end/package-lock.json -nt end2end/node_modules/.package-lock.json ]; then
    step "Installing npm packages (Playwright, axe-core, binaryen's wasm-opt)"
    (cd end2end && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund)
  fi
}

ensure_chromium() {
  if [ ! -x /usr/bin/chromium ]; then
    apt_install chromium
  fi
}

# The tests' real SMTP server: aiosmtpd (Python, from PyPI), run on a free local port.
ensure_smtp_sink() {
  if python3 -c 'import aiosmtpd' 2>/dev/null; then
    return
  fi
  step "Installing the SMTP sink for the tests (aiosmtpd ${AIOSMTPD_VERSION})"
  python3 -m pip install --quiet "aiosmtpd==${AIOSMTPD_VERSION}"
}

ensure_postgres() {
  if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
    return
  fi
  if ! ls /etc/postgresql/*/main >/dev/null 2>&1; then
    apt_install postgresql
  fi
  step "Starting PostgreSQL"
  local version
  version="$(ls /etc/postgresql | sort -V | tail -n 1)"
  as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  for _ in $(seq 1 30); do
    pg_isready -q -h 127.0.0.1 -p 5432 && return
    sleep 1
  done
  echo "PostgreSQL did not start on 127.0.0.1:5432" >&2
  exit 1
}

build_release() {
  step "Building the release (server + size-tuned WASM)"
  cargo leptos build --release
}
