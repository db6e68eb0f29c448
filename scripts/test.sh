#!/usr/bin/env bash
# Sets everything up and runs every test: native (unit, integration, property), wasm-bindgen in
# Node and in headless Chromium, the built package's JS API and .d.ts, and the page end to end.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/setup.sh
export PATH="$PWD/node_modules/.bin:$PATH"

log=$(mktemp)
trap 'rm -f "$log"' EXIT
step() {
  printf '\n\033[1m== %s\033[0m\n' "$1"
  shift
  "$@" 2>&1 | tee -a "$log"
}

step "format" cargo fmt --check
step "lint" cargo clippy --all-targets --quiet -- -D warnings
step "lint (wasm, with the page's views)" cargo clippy --target wasm32-unknown-unknown --lib --features ui --quiet -- -D warnings
step "lint (wasm, the page's first view alone)" cargo clippy --target wasm32-unknown-unknown --lib \
  --no-default-features --features first-view --quiet -- -D warnings
step "native tests" cargo test
step "wasm tests in Node" env CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  cargo test --target wasm32-unknown-unknown --test wasm_api
# (A shared, loaded machine can take longer than the runner's default 20 s per test.)
step "wasm tests in headless Chromium" env CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  WASM_BINDGEN_TEST_TIMEOUT=180 \
  WASM_BINDGEN_USE_BROWSER=1 CHROMEDRIVER="$(command -v chromedriver)" \
  cargo test --target wasm32-unknown-unknown --test wasm_api
step "release build" bash scripts/build.sh
step "Firefox build lint (web-ext)" bash -c 'web-ext lint --source-dir dist/extension/firefox --output json \
  | node -e "const r = JSON.parse(require(\"fs\").readFileSync(0, \"utf8\")); console.log(\"web-ext lint:\", JSON.stringify(r.summary)); for (const m of [...r.errors, ...r.warnings]) console.log(m._type, m.code, m.message); process.exit(r.errors.length ? 1 : 0)"'
step "JS API of the built package, and the built extension" node --test tests/js/
step "Okta spec and SCIM contract tests" node --test tests/contract/
step ".d.ts type check" tsc --noEmit --strict --target es2022 --module es2022 --moduleResolution bundler tests/js/usage.ts
step "page and extension end to end (Chromium)" node --test tests/e2e/

# One closing line over every runner above (cargo's "N passed", node's "# pass N").
passed=$(( $(grep -oE 'test result: ok\. [0-9]+ passed' "$log" | awk '{s+=$4} END {print s+0}') \
         + $(grep -E '^# pass [0-9]+' "$log" | awk '{s+=$3} END {print s+0}') ))
failed=$(( $(grep -oE '[0-9]+ failed' "$log" | awk '{s+=$1} END {print s+0}') \
         + $(grep -E '^# fail [0-9]+' "$log" | awk '{s+=$3} END {print s+0}') ))
printf '\n'
echo "all: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
