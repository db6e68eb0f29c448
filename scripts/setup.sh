#!/usr/bin/env bash
# Installs what building and testing need, idempotently, and fails loudly on a wrong version.
# Sourced by scripts/serve.sh and scripts/test.sh; safe to run again.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }
die() { printf '\033[31m[setup] %s\033[0m\n' "$*" >&2; exit 1; }

command -v cargo >/dev/null || die "cargo not found: this project needs a Rust toolchain (rustup)"
command -v node >/dev/null || die "node not found: Node.js 20+ is needed for the wasm tests and the local server"

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# wasm-bindgen-cli must match the wasm-bindgen in Cargo.lock exactly. (--locked fails on this
# registry: see ../shared/TOOLCHAIN.md.)
want=$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/"/, "", $3); print $3 }' Cargo.lock)
[ -n "$want" ] || die "no wasm-bindgen in Cargo.lock"
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$want" ]; then
  say "installing wasm-bindgen-cli $want (have: ${have:-none}; takes about 4 minutes)"
  cargo install wasm-bindgen-cli --version "$want" --force
  have=$(wasm-bindgen --version | awk '{print $2}')
  [ "$have" = "$want" ] || die "wasm-bindgen is $have after install, Cargo.lock wants $want"
fi

# npm tools (binaryen's wasm-opt, playwright-core, puppeteer-core, web-ext), exactly as
# package-lock.json pins them. Neither driver downloads a browser: the Debian ones are used.
if [ ! -x node_modules/.bin/wasm-opt ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm dev tools"
  PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund
fi
export PATH="$PWD/node_modules/.bin:$PATH"
# Debian's binaryen (v108) writes -Oz output that fails to load; insist on npm's.
[ "$(command -v wasm-opt)" = "$PWD/node_modules/.bin/wasm-opt" ] || die "wasm-opt is not the npm binaryen one"
wasm-opt --version | grep -q 'version 132' || die "wasm-opt is $(wasm-opt --version), expected binaryen 132"

# Debian Chromium + ChromeDriver for the headless browser tests.
if [ "${LUCIQ_NEED_BROWSER:-1}" = 1 ]; then
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    command -v apt-get >/dev/null || die "chromium and chromedriver are needed; install them with your package manager"
    say "installing Debian chromium and chromium-driver"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
  fi
  # Debian Firefox ESR for the extension's Firefox build, driven by puppeteer-core (WebDriver BiDi).
  if ! command -v firefox-esr >/dev/null; then
    command -v apt-get >/dev/null || die "firefox-esr is needed; install it with your package manager"
    say "installing Debian firefox-esr"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq firefox-esr >/dev/null
  fi
  cv=$(chromium --version 2>/dev/null | grep -oE '[0-9]+' | head -1)
  dv=$(chromedriver --version | grep -oE '[0-9]+' | head -1)
  [ "$cv" = "$dv" ] || die "chromium $cv and chromedriver $dv differ"
fi
