//! The crate's layers, checked on its source: which module may import which (the table in the
//! README's architecture section), no import cycle among the core's modules, sections that import
//! neither the page nor one another, and a page that only composes.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// What each top-level module may import from the crate. The core is pure (everything but `wasm`
/// and `ui`); `labels` (the console's labels), `wire` (the closed sets' macro) and `limits` (the
/// largest inputs) are leaves every layer may use.
const ALLOWED: &[(&str, &[&str])] = &[
    ("labels", &[]),
    ("wire", &[]),
    ("limits", &[]),
    ("unicode_data", &[]),
    ("normalization", &["unicode_data"]),
    ("profile", &["labels", "wire"]),
    (
        "names",
        &["limits", "normalization", "profile", "unicode_data", "wire"],
    ),
    ("okta", &["labels", "limits", "names", "profile", "wire"]),
    ("scim", &["limits", "names", "okta", "profile"]),
    ("export", &["labels", "limits", "names", "okta", "profile"]),
    ("users", &["limits", "names", "okta", "profile", "wire"]),
    ("console", &["labels", "names", "okta", "profile", "wire"]),
    ("config", &["limits", "names", "profile", "wire"]),
    ("tab", &["wire"]),
    ("bulk", &["wire"]),
    (
        "org",
        &[
            "bulk",
            "limits",
            "names",
            "okta",
            "profile",
            "users",
            "wire",
            "workspace",
        ],
    ),
    (
        "workspace",
        &[
            "config", "console", "export", "labels", "limits", "names", "okta", "profile", "scim",
            "users",
        ],
    ),
    (
        "wasm",
        &[
            "config",
            "console",
            "export",
            "labels",
            "limits",
            "names",
            "okta",
            "profile",
            "scim",
            "users",
            "workspace",
            "tab",
            "bulk",
            "org",
            "ui",
        ],
    ),
    (
        "ui",
        &[
            "config",
            "console",
            "export",
            "labels",
            "limits",
            "names",
            "okta",
            "profile",
            "scim",
            "users",
            "workspace",
            "tab",
            "org",
            "wasm",
        ],
    ),
];

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level module a file belongs to (`src/okta/plan.rs` → `okta`); `None` for `lib.rs`.
fn module_of(path: &Path) -> Option<String> {
    let rel = path.strip_prefix(src()).unwrap();
    let first = rel.components().next()?.as_os_str().to_str()?.to_string();
    let name = first.strip_suffix(".rs").unwrap_or(&first).to_string();
    (name != "lib").then_some(name)
}

/// The code of a file without its comments (doc links name modules without importing them).
fn code_lines(path: &Path) -> Vec<(usize, String)> {
    fs::read_to_string(path)
        .unwrap()
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.split("//").next().unwrap_or("").to_string()))
        .collect()
}

/// Every `crate::module` a file mentions, with the line.
fn crate_refs(path: &Path) -> Vec<(usize, String)> {
    let mut refs = Vec::new();
    for (n, line) in code_lines(path) {
        let mut rest = line.as_str();
        while let Some(at) = rest.find("crate::") {
            let after = &rest[at + "crate::".len()..];
            let name: String = after
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            // `luciq_scim::…` or `$crate::…` are not this crate's module paths.
            let before = rest[..at].chars().last();
            if !name.is_empty()
                && !matches!(before, Some(c) if c.is_ascii_alphanumeric() || c == '_' || c == '$')
            {
                refs.push((n, name));
            }
            rest = after;
        }
    }
    refs
}

/// The actual module graph: module → (imported module → first place).
fn graph() -> BTreeMap<String, BTreeMap<String, String>> {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let mut g: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    for f in files {
        let Some(m) = module_of(&f) else { continue };
        let entry = g.entry(m.clone()).or_default();
        for (line, to) in crate_refs(&f) {
            if to != m {
                let at = format!("{}:{line}", f.strip_prefix(src()).unwrap().display());
                entry.entry(to).or_insert(at);
            }
        }
    }
    g
}

#[test]
fn each_module_imports_only_what_its_layer_allows() {
    let allowed: BTreeMap<&str, BTreeSet<&str>> = ALLOWED
        .iter()
        .map(|(m, deps)| (*m, deps.iter().copied().collect()))
        .collect();
    let mut wrong = Vec::new();
    for (module, deps) in graph() {
        let Some(ok) = allowed.get(module.as_str()) else {
            wrong.push(format!(
                "{module}: a new module: give it a layer in tests/layers.rs and the README"
            ));
            continue;
        };
        for (to, at) in deps {
            if !ok.contains(to.as_str()) {
                wrong.push(format!("{module} imports {to} ({at})"));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "imports across layers:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn the_core_has_no_import_cycle() {
    let g = graph();
    // Kahn's algorithm over the core's modules (the shell's `wasm` ↔ `ui` pair is not core).
    let core: Vec<&String> = g.keys().filter(|m| *m != "wasm" && *m != "ui").collect();
    let mut left: BTreeMap<&String, BTreeSet<&String>> = core
        .iter()
        .map(|m| {
            let deps = g[*m]
                .keys()
                .filter(|d| core.contains(d))
                .collect::<BTreeSet<_>>();
            (*m, deps)
        })
        .collect();
    let mut order = Vec::new();
    while let Some(next) = left
        .iter()
        .find(|(_, deps)| deps.is_empty())
        .map(|(m, _)| *m)
    {
        left.remove(next);
        for deps in left.values_mut() {
            deps.remove(next);
        }
        order.push(next.clone());
    }
    assert!(
        left.is_empty(),
        "import cycle among: {:?} (ordered so far: {order:?})",
        left.keys().collect::<Vec<_>>()
    );
    assert_eq!(order.first().map(String::as_str), Some("labels"));
}

#[test]
fn labels_and_wire_are_leaves() {
    assert!(crate_refs(&src().join("labels.rs")).is_empty());
    assert!(crate_refs(&src().join("wire.rs")).is_empty());
}

#[test]
fn sections_import_neither_the_page_nor_each_other() {
    let dir = src().join("ui/sections");
    let mut files = Vec::new();
    rust_files(&dir, &mut files);
    let sections: Vec<String> = files
        .iter()
        .filter_map(|f| f.file_stem()?.to_str().map(String::from))
        .filter(|s| s != "mod")
        .collect();
    assert!(sections.len() >= 9, "{sections:?}");
    let mut wrong = Vec::new();
    for f in files.iter().filter(|f| !f.ends_with("mod.rs")) {
        for (n, line) in code_lines(f) {
            let forbidden = [
                "crate::ui::page",
                "super::super::page",
                "crate::ui::sections::",
            ];
            let sibling = sections.iter().any(|s| {
                line.contains(&format!("super::{s}::")) || line.contains(&format!("super::{s};"))
            });
            if sibling || forbidden.iter().any(|p| line.contains(p)) {
                wrong.push(format!("{}:{n}: {}", f.display(), line.trim()));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_page_only_composes() {
    let lines = fs::read_to_string(src().join("ui/page.rs"))
        .unwrap()
        .lines()
        .count();
    assert!(lines < 150, "src/ui/page.rs has {lines} lines");
}
