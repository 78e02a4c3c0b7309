#!/usr/bin/env bash
# Installs what building and testing Nines needs, and only what is missing. Safe to run again.
#
#   scripts/setup.sh               everything: build tools, npm packages, Chromium + chromedriver,
#                                  Prometheus (the end-to-end tests start their own)
#   scripts/setup.sh --build-only  only what a release build needs (no browser)
#   scripts/setup.sh --check-only  only what `make check` needs (rustfmt, clippy, leptosfmt, the wasm target,
#                                  openssl for the collector's certificate test)
#
# Rust tools go to ~/.cargo/bin, npm packages to ./node_modules (from package-lock.json).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

say() { printf 'setup: %s\n' "$*"; }
fail() { printf 'setup: %s\n' "$*" >&2; exit 1; }
have() { command -v "$1" >/dev/null 2>&1; }

build_only=false
check_only=false
case "${1:-}" in
  --build-only) build_only=true ;;
  --check-only) check_only=true ;;
  "") ;;
  *) fail "unknown option $1 (use --build-only, --check-only or nothing)" ;;
esac

TRUNK_VERSION=0.21.14
LEPTOSFMT_VERSION=0.1.33

# Installs Debian packages, with sudo when not root.
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

# --- Rust -------------------------------------------------------------------------------------
have cargo && have rustup || fail "Rust is missing: install it with rustup (https://rustup.rs), then run make again."
if ! $build_only; then
  # `make check` formats and lints; a minimal rustup profile has neither component.
  for component in rustfmt clippy; do
    rustup component list --installed | grep -q "^$component" || {
      say "adding the Rust component $component"
      rustup component add "$component"
    }
  done
  cargo fmt --version >/dev/null 2>&1 || fail "rustfmt does not run ('cargo fmt --version' failed)"
  cargo clippy --version >/dev/null 2>&1 || fail "clippy does not run ('cargo clippy --version' failed)"
  # rustfmt leaves the view! macros alone; leptosfmt formats them (leptosfmt.toml).
  if ! leptosfmt --version 2>/dev/null | grep -q " $LEPTOSFMT_VERSION\$"; then
    say "installing leptosfmt $LEPTOSFMT_VERSION (a minute or two, once)"
    cargo install --locked leptosfmt --version "$LEPTOSFMT_VERSION"
  fi
  leptosfmt --version >/dev/null 2>&1 || fail "leptosfmt does not run ('leptosfmt --version' failed)"
fi
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the Rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi
# The collector's HTTPS probe test makes its certificates with openssl.
runs() { "$@" >/dev/null 2>&1; }
$build_only || runs openssl version || apt_install openssl
$check_only && { openssl version >/dev/null 2>&1 || fail "openssl does not run ('openssl version' failed)"; exit 0; }
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

# --- System packages (Debian/Ubuntu) ---------------------------------------------------------------
# A browser path that is Debian's own (or not set) is installed from Debian's package when it does not
# run; a path set elsewhere is the user's choice, and it must run as it is.
browser_tool() {  # browser_tool VARIABLE DEBIAN_PATH PACKAGE
  local path="${!1:-$2}"
  runs "$path" --version && return 0
  [ "$path" = "$2" ] || fail "$1=$path does not run ('$path --version' failed); unset $1 to use Debian's $3"
  missing+=("$3")
}
missing=()
have brotli || missing+=(brotli)
have node && have npm || missing+=(nodejs npm)
if ! $build_only; then
  browser_tool CHROMIUM /usr/bin/chromium chromium
  browser_tool CHROMEDRIVER /usr/bin/chromedriver chromium-driver
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

# --- Proof: every tool the next steps call runs here --------------------------------------------
# Each is run once (`--version`); a tool that is on PATH but broken stops setup here, by name,
# instead of failing a test tier minutes later.
prove() {  # prove NAME COMMAND...
  local out line
  out=$("${@:2}" 2>&1) && [ -n "$out" ] || fail "$1 does not run: '${*:2}' failed${out:+: ${out%%$'\n'*}}"
  # The line with the version (a wrapper script may print a warning first).
  line=$(grep -m1 -E '[0-9]+\.[0-9]+' <<<"$out") || line=${out%%$'\n'*}
  say "  $1: $line"
}
say "checking every tool runs"
prove cargo cargo --version
prove rustc rustc --version
prove trunk trunk --version
prove wasm-bindgen wasm-bindgen --version
prove wasm-opt wasm-opt --version
prove node node --version
prove npm npm --version
prove brotli brotli --version
if ! $build_only; then
  prove rustfmt cargo fmt --version
  prove clippy cargo clippy --version
  prove leptosfmt leptosfmt --version
  prove openssl openssl version
  prove wasm-bindgen-test-runner wasm-bindgen-test-runner --version
  prove chromium "${CHROMIUM:-/usr/bin/chromium}" --version
  prove chromedriver "${CHROMEDRIVER:-/usr/bin/chromedriver}" --version
  prove prometheus prometheus --version
  prove promtool promtool --version
  prove playwright npx --no-install playwright --version
fi

say "ready"
