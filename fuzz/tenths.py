#!/usr/bin/env python3
"""Edges (libFuzzer's `cov`) reached by each tenth of a run's executions, from its log."""
import re
import sys

for path in sys.argv[1:]:
    points = []  # (execution number, cov)
    start = None
    for line in open(path, errors="replace"):
        m = re.match(r"#(\d+)\s+(\w+)\s+cov: (\d+)", line)
        if not m:
            continue
        n, kind, cov = int(m[1]), m[2], int(m[3])
        if kind == "INITED":
            start = cov
        points.append((n, cov))
    total = None
    for line in open(path, errors="replace"):
        m = re.match(r"stat::number_of_executed_units: (\d+)", line)
        if m:
            total = int(m[1])
    if not points or total is None:
        print(f"{path}: no status lines or no final stats")
        continue
    tenths = []
    for k in range(1, 11):
        limit = total * k / 10
        tenths.append(max((c for n, c in points if n <= limit), default=start))
    first_at_end = min(n for n, c in points if c == tenths[-1])
    gains = [b - a for a, b in zip([start] + tenths[:-1], tenths)]
    print(f"{path}: {total:,} executions, cov {start} -> {tenths[-1]}; "
          f"by tenth {', '.join(map(str, tenths))}; gains {gains}; "
          f"last new edge at #{first_at_end:,} ({100 * first_at_end / total:.1f} %)")
