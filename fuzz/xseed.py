#!/usr/bin/env python3
"""Cross-seeding (round 15 on): each input of the `names` corpus rewritten as an input of another
target, so that target starts from the names check's branches the `names` target has reached
(a users CSV cell or an export's app reaches the same check, through more code and at a tenth
of the speed). The rewritten inputs go into that target's `corpus-full/`, named `xseed-<sha1>`;
libFuzzer keeps those that add coverage.

    python3 xseed.py users   corpus-full/names corpus-full/users
    python3 xseed.py exports corpus-full/names corpus-full/exports
    python3 xseed.py plan    corpus-full/names corpus-full/plan

The layouts are those of harness.rs: flag bytes first, then sections split by U+001E and items
by U+001F. A `names` input: flags byte 0 = kind (bits 0-1: app, role, variable, app), legacy
(bit 2), catalog given (bit 5), role table from the catalog (bit 6); sections: names, catalog.
Variable-name lists are skipped (no other target checks them); inputs past 4,096 bytes too.
"""
import hashlib
import json
import os
import sys


def quoted(cell):
    return '"' + cell.replace('"', '""') + '"'


def read_names(data):
    flags = (data[:2] + b"\0\0")[:2]
    secs = data[2:].decode("utf-8", "replace").split("\x1e")
    names = secs[0].split("\x1f") if secs[0] else []
    catalog = secs[1].split("\x1f") if len(secs) > 1 and secs[1] else []
    return flags, names, catalog


def as_users(data):
    """users: flags byte 0 = legacy (0), catalog given (1), role table given (2), shared catalog
    (3); byte 1 = the run's step budget. Sections: the CSV, the catalog, the role values."""
    flags, names, catalog = read_names(data)
    kind = flags[0] & 3
    if kind == 2 or not names:
        return None
    rows = ["email,role,apps"]
    for i, name in enumerate(names):
        if kind == 1:
            rows.append(f"u{i}@example.com,{quoted(name)},Acme iOS")
        else:
            rows.append(f"u{i}@example.com,member,{quoted(name)}")
    has_catalog = bool(flags[0] & (1 << 5))
    f0 = 1 if flags[0] & (1 << 2) else 0
    if has_catalog and kind != 1:
        f0 |= 2
    if kind == 1 and has_catalog and flags[0] & (1 << 6):
        f0 |= 4
    f0 |= (hashlib.sha1(data).digest()[0] & 1) << 3
    apps = "\x1f".join(catalog) if kind != 1 else ""
    roles = "\x1f".join(catalog) if kind == 1 else ""
    return bytes([f0, flags[1]]) + "\x1e".join(["\n".join(rows), apps, roles]).encode()


def as_exports(data):
    """exports: flags byte 0 = legacy (0), group scope (1), apps given (2), mapping by groups (3),
    mapping id (4), confirmed roles (5). Sections: org, app id, role titles, role values, apps,
    users (`name|role|app|app…`), groups, mapping id."""
    flags, names, _ = read_names(data)
    kind = flags[0] & 3
    if kind == 2 or not names:
        return None
    h = hashlib.sha1(data).digest()
    f0 = 1 << 2
    if flags[0] & (1 << 2):
        f0 |= 1
    if h[0] & 1:
        f0 |= 2
    if h[0] & 4:
        f0 |= 1 << 5
    values, apps = (names, ["Acme iOS"]) if kind == 1 else (["member", "admin"], names)
    users = [f"ada@example.com|{values[0]}|{apps[0]}"]
    if h[1] & 1 and len(apps) > 1:
        users.append(f"bob@example.com|{values[-1]}|" + "|".join(apps[1:4]))
    sections = ["acme.okta.com", "0oa1b2c3d4e5f6g7h8i9", "", "\x1f".join(values),
                "\x1f".join(apps), "\x1f".join(users), "", ""]
    return bytes([f0]) + "\x1e".join(sections).encode()


def as_plan(data):
    """plan: flags byte 0 = legacy (0), group scope (1), apps given (2), role table given (3).
    Sections: the current schema's text, the apps, the role values. The current schema is an
    Okta app user schema whose enum (apps, or roles for a role list) is the names input's catalog
    (or the first half of its names): the plan then compares the names with entries near them."""
    flags, names, catalog = read_names(data)
    kind = flags[0] & 3
    if kind == 2 or not names:
        return None
    current = catalog or names[: len(names) // 2]
    roles, apps = ["member", "viewer"], ["Acme iOS"]
    if kind == 1:
        roles = current or roles
    else:
        apps = current or apps
    one_of = lambda values: [{"const": v, "title": v} for v in values]
    schema = {
        "id": "https://acme.okta.com/meta/schemas/apps/0oa1/default",
        "definitions": {
            "custom": {"id": "#custom", "type": "object", "properties": {
                "instabugRole": {"title": "Role", "type": "string", "enum": roles,
                                 "oneOf": one_of(roles), "scope": "SELF"},
                "instabugApplications": {"title": "Apps", "type": "array", "items": {
                    "type": "string", "enum": apps, "oneOf": one_of(apps)},
                    "union": "DISABLE", "scope": "NONE"}}},
            "base": {"id": "#base", "properties": {"userName": {"type": "string"}}}}}
    f0 = 1 if flags[0] & (1 << 2) else 0
    if hashlib.sha1(data).digest()[0] & 1:
        f0 |= 2
    f0 |= 1 << 3 if kind == 1 else 1 << 2
    sections = [json.dumps(schema, ensure_ascii=False),
                "\x1f".join(names) if kind != 1 else "",
                "\x1f".join(names) if kind == 1 else ""]
    return bytes([f0]) + "\x1e".join(sections).encode()


def main():
    target, src, dst = sys.argv[1:4]
    rewrite = {"users": as_users, "exports": as_exports, "plan": as_plan}[target]
    os.makedirs(dst, exist_ok=True)
    n = 0
    for f in sorted(os.listdir(src)):
        with open(os.path.join(src, f), "rb") as fh:
            out = rewrite(fh.read())
        if out is None or len(out) > 4096:
            continue
        with open(os.path.join(dst, "xseed-" + hashlib.sha1(out).hexdigest()), "wb") as fh:
            fh.write(out)
        n += 1
    print(f"{n} inputs written to {dst}")


if __name__ == "__main__":
    main()
