#!/usr/bin/env bash
# The validation page as scripts/build.sh builds it, with the wasm's function names kept (for
# CPU profiles: benches/page_profile.mjs), into DIR (default /tmp/www-prof). Same profiles and
# wasm-opt levels; names kept (wasm-bindgen --keep-debug, wasm-opt -g), no budget checked.
#   bash scripts/build-profile.sh [DIR]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="$PWD/node_modules/.bin:$PATH"
out=${1:-/tmp/www-prof}
pkg=$(mktemp -d)
trap 'rm -rf "$pkg"' EXIT
build() {
  local name=$1 profile=$2
  shift 2
  local opt=(-O3)
  [ "$profile" = release ] && opt=(-Os --converge)
  cargo build -q --profile "$profile" --target wasm32-unknown-unknown --lib "$@"
  wasm-bindgen --keep-debug --target web --out-dir "$pkg" --out-name "$name" \
    "target/wasm32-unknown-unknown/$profile/luciq_scim.wasm"
  wasm-opt "${opt[@]}" -g --low-memory-unused --enable-bulk-memory \
    --enable-nontrapping-float-to-int "$pkg/${name}_bg.wasm" -o "$pkg/${name}_bg.wasm"
}
build luciq_scim_names release-speed --no-default-features
build luciq_scim_first_view release --no-default-features --features first-view
build luciq_scim_page release-speed --no-default-features --features ui
build luciq_scim release-speed
rm -rf "$out"
mkdir -p "$out"
cp -r www/. "$out/"
cp -r "$pkg" "$out/pkg"
node scripts/inline-page.mjs "$out"
chmod -R a+rX "$out"
echo "[build-profile] $out"
