#!/usr/bin/env python3
"""Where a run's new edges are: each NEW_PC of a libFuzzer log (a run with -print_pcs=1 under
`setarch -R`, so the binary sits at the default base), symbolized with addr2line and put in one
of three places: the core (a function of luciq_scim, its inlined library code included: a
branch of an iterator inlined in a check is the check's branch), the harness (the fuzz crate),
or a dependency (std, serde_json, csv, hashbrown... not inlined in either). Prints the count of
each by tenth of the run's executions, and the core's new edges of the last half with their
functions. A core edge whose innermost line (addr2line's first) is in the crate's own `src/` is
also counted as "own": one inlined from a library (`sort_unstable_by`'s, `Vec::dedup`'s
branches on the shape of the data) is the library's branch, made for the core.

    python3 newpcs.py logs/users-r8.log target/x86_64-unknown-linux-gnu/release/users
"""
import re
import subprocess
import sys

BASE = 0x555555554000  # where a PIE loads with ASLR off (setarch -R), x86-64 Linux

log, binary = sys.argv[1], sys.argv[2]
pcs = []  # (execution, address)
last = 0
total = 0
for line in open(log, errors="replace"):
    m = re.match(r"#(\d+)\s", line)
    if m:
        last = int(m.group(1))
        if "DONE" in line:
            total = last
        continue
    m = re.match(r"\s+NEW_PC: (0x[0-9a-f]+)", line)
    if m:
        pcs.append((last, int(m.group(1), 16)))
total = total or last
if not pcs:
    print(f"{log}: no NEW_PC lines (run with -print_pcs=1)")
    sys.exit(0)
# addr2line -a prints each address, then (function, file:line) pairs for each inlined level.
proc = subprocess.run(["addr2line", "-a", "-f", "-C", "-i", "-e", binary],
                      input="".join(f"{hex(a - BASE)}\n" for _, a in pcs),
                      capture_output=True, text=True, check=True).stdout.splitlines()
groups = []
innermost = []  # each address's first file:line (the innermost inlined level)
for line in proc:
    if re.fullmatch(r"0x[0-9a-f]+", line):
        groups.append([])
        innermost.append(None)
    elif groups and not re.match(r"(\?\?|/|[A-Za-z]:)?.*:(\d+|\?)( \(discriminator \d+\))?$", line):
        groups[-1].append(line)
    elif groups and innermost[-1] is None:
        innermost[-1] = line
OWN_SRC = re.compile(r"(^|/)src/[^:]*\.rs:")


def own(line):
    """The innermost line is in the crate's own src/ (not the fuzz crate's, not a library's)."""
    return bool(line) and OWN_SRC.search(line) is not None and "/fuzz/" not in line and "/.cargo/" not in line and not line.startswith("/rustc/")


def place(chain):
    if any(f.startswith("luciq_scim::") or f.startswith("<luciq_scim::") for f in chain):
        return "core"
    if any("luciq_scim_fuzz" in f or f.startswith("harness::") or "oracles::" in f or "rust_fuzzer_test_input" in f
           for f in chain):
        return "harness"
    # A library's generic code made for one of the core's types (serde's derived visitors: which
    # JSON type came where a field wanted another).
    if any("luciq_scim::" in f for f in chain):
        return "generic"
    return "dependency"


PLACES = ("core", "harness", "generic", "dependency")
tenths = [dict.fromkeys(PLACES, 0) for _ in range(10)]
late = []
owns = [0] * 10
for (execution, addr), chain, line in zip(pcs, groups, innermost):
    where = place(chain)
    t = min(9, execution * 10 // max(total, 1))
    tenths[t][where] += 1
    mine = where == "core" and own(line)
    owns[t] += mine
    if where == "core" and t >= 5:
        at = re.sub(r"^.*?/src/", "src/", line or "?")
        late.append((execution, chain[-1] if chain else "?", "own line " + at if mine else "library line inlined"))
print(f"{log}: {len(pcs)} new edges in {total:,} executions")
print("tenth  core (own) harness generic dependency")
for k, t in enumerate(tenths):
    print(f"{k + 1:5}  {t['core']:4} {owns[k]:5} {t['harness']:7} {t['generic']:7} {t['dependency']:10}")
print("all    " + f"{sum(t['core'] for t in tenths):4} {sum(owns):5} "
      + " ".join(f"{sum(t[p] for t in tenths):{w}}" for p, w in zip(PLACES[1:], (7, 7, 10))))
for execution, fn, what in late:
    print(f"  core, last half: #{execution:,} in {fn} ({what})")
