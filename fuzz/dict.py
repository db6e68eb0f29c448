#!/usr/bin/env python3
"""A libFuzzer dictionary from the core's own string literals (role values, attribute names,
the SCIM namespace, JSON keys, console labels, error codes) and, from round 9 on, the non-ASCII
characters its source names one by one: the fuzzers are built with `-s none`, so no memcmp hook
hands them the strings the core compares with; the dictionary does.
    python3 fuzz/dict.py > fuzz/core.dict"""
import codecs
import pathlib
import re

root = pathlib.Path(__file__).resolve().parent.parent
seen = set()
literal = re.compile(r'"((?:[^"\\\n]|\\.){2,64})"')
for path in sorted(list((root / "src").rglob("*.rs")) + [root / "fuzz" / "harness.rs"]):
    text = path.read_text(encoding="utf-8")
    for m in literal.finditer(text):
        s = m.group(1)
        if "{" in s or "\\u{" in s or s.startswith("\\"):
            continue  # format strings and escapes: not tokens the core compares with
        try:
            raw = codecs.decode(s.encode("utf-8"), "unicode_escape").encode("latin-1", "ignore")
        except Exception:
            continue
        if not raw or len(raw) > 64 or raw.count(b" ") > 2:
            continue  # sentences of messages and labels: no comparison reads them
        seen.add(raw)
# The characters the core names one by one (match arms, ranges, tables): `'\u{200D}'`, `'’'`.
# A branch for a rare character (an invisible joiner, a tag character, a look-alike letter) is
# reached when that character comes; random bytes seldom make one, the dictionary does.
char_literal = re.compile(r"'(\\u\{([0-9A-Fa-f]{1,6})\}|[^'\\\n])'")
for path in sorted((root / "src").rglob("*.rs")):
    for m in char_literal.finditer(path.read_text(encoding="utf-8")):
        c = chr(int(m.group(2), 16)) if m.group(2) else m.group(1)
        if ord(c) >= 0x80 and not 0xD800 <= ord(c) <= 0xDFFF:
            seen.add(c.encode("utf-8"))
for raw in sorted(seen):
    body = "".join(chr(b) if 0x20 <= b < 0x7F and b not in (0x22, 0x5C) else f"\\x{b:02X}"
                   for b in raw)
    print(f'"{body}"')
