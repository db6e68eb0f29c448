#!/usr/bin/env bash
# One fuzzing round: each TARGET:SECONDS in turn on one core, continuing from corpus-full/<target>
# (seeded from the kept corpus/<target>), then each run's edges per tenth of its executions.
#   fuzz/round.sh r5 files:900 mapping:1500
# Logs go to fuzz/logs/<target>-<round>.log; start and end times to fuzz/logs/<round>.times.
# From round 6 on every run takes the core's dictionary (dict.py) and no length control
# (inputs may be 4,096 bytes at once); FLAGS adds libFuzzer flags, NOBUILD=1 skips the build
# (two rounds side by side, one a core, share one build); PCS=1 logs each new edge's address for
# newpcs.py (round 8 on).
set -euo pipefail
cd "$(dirname "$0")"
round=$1; shift
mkdir -p logs corpus-full
if [ -z "${NOBUILD:-}" ]; then
  nice -n 19 cargo +nightly fuzz build -s none >"logs/build-$round.log" 2>&1
fi
python3 -W ignore dict.py >core.dict
bin=target/x86_64-unknown-linux-gnu/release
for spec in "$@"; do
  t=${spec%%:*}; s=${spec##*:}
  mkdir -p "corpus-full/$t"
  cp -n "corpus/$t"/* "corpus-full/$t/" 2>/dev/null || true
  echo "$t start $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)" >>"logs/$round.times"
  rc=0
  # PCS=1: each new edge's address in the log (-print_pcs=1), the binary at a fixed base
  # (setarch -R), so that newpcs.py can say whether it is in the core, the harness or a library.
  pcs=(); [ -n "${PCS:-}" ] && pcs=(setarch -R)
  nice -n 19 "${pcs[@]}" "$bin/$t" "corpus-full/$t" -max_total_time="$s" -timeout=5 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="artifacts/$t/" \
    -dict=core.dict -len_control=0 -max_len=4096 ${PCS:+-print_pcs=1} ${FLAGS:-} >"logs/$t-$round.log" 2>&1 || rc=$?
  echo "$t end $(date -u +%T) rc $rc load $(cut -d' ' -f1-3 /proc/loadavg)" >>"logs/$round.times"
  python3 tenths.py "logs/$t-$round.log"
done
