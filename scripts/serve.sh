#!/usr/bin/env bash
# Sets everything up, builds the wasm package and the page, and serves the page on 127.0.0.1.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
LUCIQ_NEED_BROWSER=0 source scripts/setup.sh
bash scripts/build.sh
exec node scripts/serve.mjs dist/www
