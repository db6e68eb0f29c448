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

rm -rf dist/pkg dist/www
# name, profile, cargo flags... The profile: `release` (opt-level "z", then wasm-opt -Os) for the
# module the page loads before it answers, whose bytes are budgeted tightly; `release-speed`
# (opt-level 3, then wasm-opt -O3) for the names-only module and the ones loaded after, where
# the checks of long lists run (about twice as fast, a few KB more).
build() {
  local name=$1 profile=$2
  shift 2
  local opt=(-O3)
  [ "$profile" = release ] && opt=(-Os --converge)
  cargo build --profile "$profile" --target wasm32-unknown-unknown --lib "$@"
  wasm-bindgen --target web --out-dir dist/pkg --out-name "$name" \
    "target/wasm32-unknown-unknown/$profile/luciq_scim.wasm"
  # -Os --converge: passes again until the size stops falling (about 1 KB gzipped less). For the
  # first view -Os ends about 350 B gzipped smaller than -Oz, its mount as fast (benches/RESULTS.md,
  # "Issue 11, twentieth session").
  # --low-memory-unused: no object lies in the first 1 KiB of memory, so `load (p + c)` may be
  # `load offset=c (p)` (about 0.5 KB gzipped less). The modules put the stack first, growing
  # down from 1 MiB to 0: the first KiB holds a frame only in a stack about to overflow, and
  # the one case the folding changes (a pointer computed below address 0, then added back up)
  # traps instead of reading there.
  wasm-opt "${opt[@]}" --low-memory-unused \
    --strip-producers --enable-bulk-memory --enable-nontrapping-float-to-int \
    "dist/pkg/${name}_bg.wasm" -o "dist/pkg/${name}_bg.wasm"
  printf '[build] dist/pkg/%s_bg.wasm: %s bytes, %s gzipped\n' "$name" \
    "$(wc -c < "dist/pkg/${name}_bg.wasm")" "$(gzip -9c "dist/pkg/${name}_bg.wasm" | wc -c)"
}
# The budgets of issue 11 (gzip -9 bytes), checked on every build.
budget() { # name, most bytes gzipped
  local size
  size=$(gzip -9c "dist/pkg/$1_bg.wasm" | wc -c)
  if [ "$size" -gt "$2" ]; then
    echo "[build] dist/pkg/$1_bg.wasm is $size bytes gzipped, over its budget of $2" >&2
    exit 1
  fi
}
build luciq_scim_names release-speed --no-default-features
build luciq_scim_first_view release --no-default-features --features first-view
build luciq_scim_page release-speed --no-default-features --features ui
build luciq_scim release-speed
budget luciq_scim_first_view 250000
budget luciq_scim_names 200000
mkdir -p dist/www
cp -r www/. dist/www/
cp -r dist/pkg dist/www/pkg
# The stylesheet and main.js (with the first view's glue) inline in index.html.
node scripts/inline-page.mjs dist/www
# The browser extension for Chrome and Firefox (and their test builds), from extension/.
node scripts/build-extension.mjs
