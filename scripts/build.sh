#!/usr/bin/env bash
# Builds the release wasm package into dist/pkg and the validation page into dist/www.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="$PWD/node_modules/.bin:$PATH"

cargo build --release --target wasm32-unknown-unknown --lib
rm -rf dist/pkg dist/www
wasm-bindgen --target web --out-dir dist/pkg target/wasm32-unknown-unknown/release/luciq_scim.wasm
wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
  dist/pkg/luciq_scim_bg.wasm -o dist/pkg/luciq_scim_bg.wasm
mkdir -p dist/www
cp -r www/. dist/www/
cp -r dist/pkg dist/www/pkg
raw=$(wc -c < dist/pkg/luciq_scim_bg.wasm)
gz=$(gzip -9c dist/pkg/luciq_scim_bg.wasm | wc -c)
printf '[build] dist/pkg/luciq_scim_bg.wasm: %s bytes, %s gzipped\n' "$raw" "$gz"
