#!/usr/bin/env bash
# Builds the release wasm packages into dist/pkg and the validation page into dist/www:
#   luciq_scim        the whole API (name checks and every Okta payload)
#   luciq_scim_names  name checks and the Luciq profile only: the small module for live checks
#   luciq_scim_first_view  name checks plus the page's first view (setup, roles, catalog, names):
#                     what www/ loads before the page answers
#   luciq_scim_page   the whole API plus every view (web-sys, gloo): the rest of the page, which
#                     www/ loads once the first view answers, and the extension's side panel
# and the browser extension into dist/extension/{chrome,firefox} (+ a zip of each).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="$PWD/node_modules/.bin:$PATH"

wasm=target/wasm32-unknown-unknown/release/luciq_scim.wasm
rm -rf dist/pkg dist/www
build() { # name, cargo flags...
  local name=$1
  shift
  cargo build --release --target wasm32-unknown-unknown --lib "$@"
  wasm-bindgen --target web --out-dir dist/pkg --out-name "$name" "$wasm"
  # --converge: passes again until the size stops falling (about 1 KB gzipped less per module).
  wasm-opt -Oz --converge --strip-producers --enable-bulk-memory --enable-nontrapping-float-to-int \
    "dist/pkg/${name}_bg.wasm" -o "dist/pkg/${name}_bg.wasm"
  printf '[build] dist/pkg/%s_bg.wasm: %s bytes, %s gzipped\n' "$name" \
    "$(wc -c < "dist/pkg/${name}_bg.wasm")" "$(gzip -9c "dist/pkg/${name}_bg.wasm" | wc -c)"
}
build luciq_scim_names --no-default-features
build luciq_scim_first_view --no-default-features --features first-view
build luciq_scim_page --no-default-features --features ui
build luciq_scim
mkdir -p dist/www
cp -r www/. dist/www/
cp -r dist/pkg dist/www/pkg
# The browser extension for Chrome and Firefox (and their test builds), from extension/.
node scripts/build-extension.mjs
