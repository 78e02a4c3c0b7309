#!/usr/bin/env bash
# Installs what building and testing Nines needs, and only what is missing. Safe to run again.
#
#   scripts/setup.sh               everything: build tools, npm packages, Chromium + chromedriver,
#                                  Prometheus (the end-to-end tests start their own)
#   scripts/setup.sh --build-only  only what a release build needs (no browser)
#
# Rust tools go to ~/.cargo/bin, npm packages to ./node_modules (from package-lock.json).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

say() { printf 'setup: %s\n' "$*"; }
fail() { printf 'setup: %s\n' "$*" >&2; exit 1; }
have() { command -v "$1" >/dev/null 2>&1; }

build_only=false
case "${1:-}" in
  --build-only) build_only=true ;;
  "") ;;
  *) fail "unknown option $1 (use --build-only or nothing)" ;;
esac

TRUNK_VERSION=0.21.14

# --- Rust -------------------------------------------------------------------------------------
have cargo && have rustup || fail "Rust is missing: install it with rustup (https://rustup.rs), then run make again."
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the Rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi
if ! trunk --version 2>/dev/null | grep -q " $TRUNK_VERSION\$"; then
  say "installing trunk $TRUNK_VERSION (several minutes, once)"
  cargo install --locked trunk --version "$TRUNK_VERSION"
fi
# wasm-bindgen-cli must be exactly the wasm-bindgen version in Cargo.lock.
wasm_bindgen_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
[ -n "$wasm_bindgen_version" ] || fail "cannot find wasm-bindgen's version in Cargo.lock"
grep -q "^wasm_bindgen = \"$wasm_bindgen_version\"" Trunk.toml ||
  fail "Trunk.toml's [tools] wasm_bindgen must be \"$wasm_bindgen_version\" (the version in Cargo.lock)"
if ! wasm-bindgen --version 2>/dev/null | grep -q " $wasm_bindgen_version\$"; then
  say "installing wasm-bindgen-cli $wasm_bindgen_version (several minutes, once)"
  # No --locked: the CLI's own lock file pins a yanked crate.
  cargo install wasm-bindgen-cli --version "$wasm_bindgen_version"
fi

# --- System packages (Debian/Ubuntu) -------------------------------------------------------------
apt_install() {
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if have sudo && sudo -n true 2>/dev/null; then sudo="sudo"; else
      fail "please install these packages, then run make again: $*"
    fi
  fi
  have apt-get || fail "no apt-get here; please install these packages, then run make again: $*"
  say "installing $* with apt-get"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}
missing=()
have brotli || missing+=(brotli)
have node && have npm || missing+=(nodejs npm)
if ! $build_only; then
  [ -x /usr/bin/chromium ] || [ -n "${CHROMIUM:-}" ] || missing+=(chromium)
  [ -x /usr/bin/chromedriver ] || [ -n "${CHROMEDRIVER:-}" ] || missing+=(chromium-driver)
  # prometheus and promtool: tests/e2e/prometheus.spec.mjs backfills a data folder and starts its
  # own server on 127.0.0.1; it never uses the package's service.
  have prometheus && have promtool || missing+=(prometheus)
fi
[ ${#missing[@]} -eq 0 ] || apt_install "${missing[@]}"
# Where systemd runs, installing the package enables and starts its service on port 9090, which
# nothing here needs: stop it and leave it disabled.
if [[ " ${missing[*]} " == *" prometheus "* ]] && [ -d /run/systemd/system ]; then
  say "stopping and disabling the prometheus service the package started (the tests start their own)"
  $([ "$(id -u)" -eq 0 ] || echo sudo) systemctl disable --now prometheus.service >/dev/null 2>&1 || true
fi

# --- npm packages: wasm-opt (binaryen), Playwright ------------------------------------------------
# Reinstall only when package-lock.json changed since the last install.
if ! cmp -s package-lock.json node_modules/.nines-installed-lock 2>/dev/null; then
  say "installing npm packages from package-lock.json"
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json node_modules/.nines-installed-lock
fi
wasm-opt --version | grep -q "version 132" || fail "node_modules/.bin/wasm-opt is not binaryen 132; delete node_modules and run make again"

say "ready"
