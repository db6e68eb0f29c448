//! The fuzz targets' bodies, one function per door of the core's public API, shared by the
//! libFuzzer targets (`fuzz/fuzz_targets/*.rs`, nightly) and the corpus replay
//! (`tests/fuzz_corpus.rs`, stable), so the two cannot drift. Both include this file with
//! `#[path]`.
//!
//! Each function takes raw bytes and panics only when an invariant breaks: no panic inside the
//! core, every refusal a coded error, and the cheap invariants of what comes out (suggestions
//! pass, offsets on UTF-16 boundaries, CSV cells never start a formula, HCL and shell quoting
//! decode back, plans converge).
//!
//! Input layout (no `arbitrary` dependency, so the crate's own test build needs nothing new): the
//! first bytes are flags, the rest is UTF-8 (lossily) split into sections by U+001E (record
//! separator) and items by U+001F (unit separator). The corpus files are readable that way.
#![allow(dead_code)]

#[path = "../tests/support/oracles.rs"]
mod oracles;
use oracles::*;

use std::collections::HashSet;

use luciq_scim::config::{catalog_from_file, config_from_json, config_to_json};
use luciq_scim::export::curl::{export_curl, shell_quote};
use luciq_scim::export::terraform::{export_terraform, hcl_string};
use luciq_scim::export::{ExportRequest, MappingSources, UserAssignment};
use luciq_scim::limits::TooLarge;
use luciq_scim::names::{
    check_names, CheckRequest, CheckRun, ListContext, NameKind, NameResult, Severity,
};
use luciq_scim::okta::mapping::{
    build_mapping_payload, mapping_story, string_literal, GroupRule, MappingRequest, PushStatus,
    Source,
};
use luciq_scim::okta::plan::{current_from_text, plan_schema, Action, PlanRequest};
use luciq_scim::okta::PayloadError;
use luciq_scim::profile::{Role, Scope, Setup};
use luciq_scim::users::{
    assignments_ndjson, check_users, findings_csv, fixed_csv, with_cells, CellEdit, Column,
    UsersRequest, UsersRun,
};
use serde_json::Value;

/// A target's body: the input bytes in, a panic when an invariant breaks.
pub type Target = fn(&[u8]);

/// The targets by name, as `fuzz/fuzz_targets/` and `fuzz/corpus/` name them.
pub const TARGETS: &[(&str, Target)] = &[
    ("names", names),
    ("users", users),
    ("files", files),
    ("plan", plan),
    ("mapping", mapping),
    ("exports", exports),
];

// ---------------------------------------------------------------- reading the input

/// Flags from the first bytes, then sections of text.
struct Input {
    flags: Vec<u8>,
    sections: Vec<String>,
}

impl Input {
    fn new(data: &[u8], flag_bytes: usize) -> Self {
        let n = flag_bytes.min(data.len());
        let mut flags = data[..n].to_vec();
        flags.resize(flag_bytes, 0);
        let text = String::from_utf8_lossy(&data[n..]);
        Input {
            flags,
            sections: text.split('\u{1e}').map(String::from).collect(),
        }
    }

    fn flag(&self, byte: usize, bit: u8) -> bool {
        self.flags[byte] & (1 << bit) != 0
    }

    fn text(&self, i: usize) -> &str {
        self.sections.get(i).map(String::as_str).unwrap_or("")
    }

    /// Section `i` as a list of items; `None` when the input has no such section.
    fn list(&self, i: usize) -> Option<Vec<String>> {
        let s = self.sections.get(i)?;
        Some(if s.is_empty() {
            Vec::new()
        } else {
            s.split('\u{1f}').map(String::from).collect()
        })
    }
}

fn setup_of(flag: bool) -> Setup {
    if flag {
        Setup::Legacy
    } else {
        Setup::Current
    }
}

/// A role table from values: each its own title, every other one confirmed.
fn roles_of(values: &[String]) -> Vec<Role> {
    values
        .iter()
        .enumerate()
        .map(|(i, v)| Role {
            title: format!("{v} ({i})"),
            value: v.clone(),
            confirmed: i % 2 == 0,
        })
        .collect()
}

// ---------------------------------------------------------------- shared checks

fn assert_span(start: usize, end: usize, text: &str, what: &dyn std::fmt::Debug) {
    // The boundaries of the last text asked about, kept: a name's findings are checked one
    // after another against it (a 4 KB name with a finding a character made this check
    // quadratic, seconds an input under the fuzzer's instrumentation).
    thread_local! {
        static LAST: std::cell::RefCell<(String, HashSet<usize>)> = Default::default();
    }
    LAST.with(|last| {
        let mut last = last.borrow_mut();
        if last.0 != text {
            *last = (text.to_string(), boundaries16(text));
        }
        assert!(
            start <= end && end <= utf16_len(text),
            "{what:?} is outside {text:?}"
        );
        assert!(
            last.1.contains(&start) && last.1.contains(&end),
            "{what:?} splits a character of {text:?}"
        );
    });
}

fn assert_too_large(e: &TooLarge) {
    assert!(e.actual > e.limit, "{e:?}");
    assert!(e.message().contains(e.limit_name), "{e:?}");
}

/// A refusal: a stable code (lower case and hyphens), a message, and the findings behind
/// `invalid-names`.
fn assert_coded(e: &PayloadError) {
    assert!(
        !e.code.is_empty() && e.code.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
        "{e:?}"
    );
    assert_ne!(e.code, "internal", "{e:?}");
    assert!(!e.message.is_empty(), "{e:?}");
    if e.code == "invalid-names" {
        assert!(!e.diagnostics.is_empty(), "{e:?}");
    }
}

/// Whether a spreadsheet would read the cell as a formula (OWASP "CSV Injection").
fn starts_formula(cell: &str) -> bool {
    matches!(
        cell.chars().next(),
        Some('=' | '+' | '-' | '@' | '\t' | '\r' | '\0')
    )
}

// ---------------------------------------------------------------- 1. names

/// A names list and a catalog: `check_names` and `CheckRun` in steps, both kinds of list, the
/// role table; exactness, spans, suggestions and `fixed` that pass, fixing idempotent.
///
/// Flags: byte 0 = kind (bits 0-1), legacy (2), context (3-4: none, catalog, user), catalog
/// given (5), role table given (6), the runs without messages (7: each result worded when it is
/// asked for, which must equal the one call's); byte 1 = the step budget. Sections: names,
/// catalog.
pub fn names(data: &[u8]) {
    let input = Input::new(data, 2);
    let kind = [
        NameKind::App,
        NameKind::Role,
        NameKind::Variable,
        NameKind::App,
    ][usize::from(input.flags[0] & 3)];
    let setup = setup_of(input.flag(0, 2));
    let context = match (input.flags[0] >> 3) & 3 {
        0 => None,
        1 => Some(ListContext::Catalog),
        _ => Some(ListContext::User),
    };
    let names = input.list(0).unwrap_or_default();
    let catalog = input.flag(0, 5).then(|| input.list(1).unwrap_or_default());
    let roles = (input.flag(0, 6) && kind == NameKind::Role)
        .then(|| roles_of(catalog.as_deref().unwrap_or_default()));
    let req = CheckRequest {
        kind,
        names: names.clone(),
        catalog: catalog.clone(),
        setup,
        context,
    };
    let wordless = input.flag(0, 7);
    let run_of = |req: CheckRequest| {
        let run = CheckRun::try_new(req).map(|run| {
            if wordless {
                run.without_messages()
            } else {
                run
            }
        });
        match &roles {
            Some(r) => run.map(|run| run.with_roles(r)),
            None => run,
        }
    };
    let mut run = match run_of(req.clone()) {
        Ok(run) => run,
        Err(e) => return assert_too_large(&e),
    };
    let budget = usize::from(input.flags[1]);
    // Each step checks a name, or takes at least 8 entries of the catalog through one of the five
    // stages of its lazy tables (folded, skeletons, trigrams, deletions counted and placed).
    let catalog_len = req.catalog.as_ref().map_or(16, |c| c.len().max(16));
    let most_steps = names.len() + 5 * catalog_len / 8 + 8;
    let mut steps = 0;
    while !run.step(budget) {
        steps += 1;
        assert!(steps <= most_steps, "step never finishes");
        let (done, all) = run.progress();
        assert!(done <= all && all == names.len());
    }
    let report = run.finish();
    if roles.is_none() {
        assert_eq!(
            report,
            check_names(&req),
            "a run in steps differs from one call"
        );
    }
    assert_eq!(report.results.len(), names.len());
    let count = |s: Severity| {
        report
            .results
            .iter()
            .flat_map(|r| &r.diagnostics)
            .filter(|d| d.severity == s)
            .count()
    };
    assert_eq!(report.errors, count(Severity::Error));
    assert_eq!(report.warnings, count(Severity::Warning));
    assert_eq!(report.infos, count(Severity::Info));

    // The catalog a name must be exactly one of, when there is one in "user" context.
    let user_context = context != Some(ListContext::Catalog);
    let exact: Option<Vec<String>> = match kind {
        NameKind::App if user_context => catalog.clone(),
        NameKind::Role if user_context => Some(catalog.clone().unwrap_or_else(|| {
            luciq_scim::profile::builtin_roles()
                .into_iter()
                .map(|r| r.value)
                .collect()
        })),
        _ => None,
    };
    let recheck = |name: &str| -> NameResult {
        let one = CheckRequest {
            names: vec![name.to_string()],
            ..req.clone()
        };
        match run_of(one) {
            Ok(run) => run.finish().results.remove(0),
            Err(e) => panic!("a suggestion is past the limits: {e}"),
        }
    };
    for (i, (r, name)) in report.results.iter().zip(&names).enumerate() {
        assert_eq!(&r.input, name);
        assert_eq!(r.ok, !has_error(r), "{r:?}");
        if let Some(exact) = &exact {
            if r.ok {
                assert!(
                    exact.contains(name),
                    "{name:?} is ok but not an entry of {exact:?}: {r:?}"
                );
            }
        }
        for d in &r.diagnostics {
            assert_span(d.start, d.end, name, d);
            assert!(!d.message.is_empty());
            if about_a_character(d.code) && d.severity == Severity::Error {
                assert!(
                    d.message.contains(&format!(" at {}", d.start)),
                    "{d:?} does not say where in {name:?}"
                );
            }
        }
        // Re-checking costs a catalog index each: the first names are enough.
        if i >= 8 {
            continue;
        }
        for d in &r.diagnostics {
            if let Some(s) = &d.suggestion {
                let again = recheck(s);
                assert!(
                    !has_error(&again),
                    "{:?} suggested {s:?} for {name:?}, which fails: {:?}",
                    d.code,
                    again.diagnostics
                );
            }
        }
        if let Some(f) = &r.fixed {
            let again = recheck(f);
            assert!(
                !has_error(&again),
                "fixed {f:?} of {name:?} fails: {:?}",
                again.diagnostics
            );
            assert_eq!(again.fixed, None, "fixing {name:?} twice changes it again");
        }
    }
}

// ---------------------------------------------------------------- 2. the users file

const USERS_FILE_CODES: &[&str] = &[
    "empty-file",
    "missing-column",
    "duplicate-column",
    "invalid-csv",
    TooLarge::CODE,
];

/// The users CSV: the run in steps equals the one-call check; findings inside their cells;
/// the findings CSV parses back with no formula cell; the NDJSON is one JSON object a line for
/// each ok row; the fixed file and a taken suggestion parse and check again.
///
/// Flags: byte 0 = legacy (0), catalog given (1), role table given (2), shared catalog (3);
/// byte 1 = the step budget. Sections: the CSV, catalog, role values.
pub fn users(data: &[u8]) {
    let input = Input::new(data, 2);
    let setup = setup_of(input.flag(0, 0));
    let req = UsersRequest {
        setup,
        catalog: input.flag(0, 1).then(|| input.list(1).unwrap_or_default()),
        roles: input
            .flag(0, 2)
            .then(|| roles_of(&input.list(2).unwrap_or_default())),
        csv: input.text(0).to_string(),
    };
    let run = match (&req.catalog, input.flag(0, 3)) {
        (Some(c), true) => {
            UsersRun::with_shared_catalog(req.clone(), &luciq_scim::names::SharedCatalog::new(c))
        }
        _ => UsersRun::new(req.clone()),
    };
    let one_call = check_users(req.clone());
    let mut run = match run {
        Ok(run) => run,
        Err(e) => {
            assert!(USERS_FILE_CODES.contains(&e.code), "{e:?}");
            assert!(!e.message.is_empty());
            assert_eq!(Err(e), one_call);
            return;
        }
    };
    let budget = usize::from(input.flags[1]);
    while !run.step(budget) {}
    let report = run.finish();
    assert_eq!(
        Ok(&report),
        one_call.as_ref(),
        "a run in steps differs from one call"
    );
    for row in &report.rows {
        assert_eq!(
            row.ok,
            !row.findings.iter().any(|f| f.severity == Severity::Error)
        );
        for f in &row.findings {
            assert!(!f.message.is_empty());
            if f.column != Column::Row {
                assert_span(f.start, f.end, &row.cell(f.column), f);
            }
        }
    }

    let findings = read_csv(&findings_csv(&report));
    let total: usize = report.rows.iter().map(|r| r.findings.len()).sum();
    assert_eq!(
        findings.len(),
        total + 1,
        "one line per finding and a header"
    );
    for cell in findings.iter().flatten() {
        assert!(!starts_formula(cell), "formula cell {cell:?}");
    }
    for record in &findings {
        assert_eq!(record.len(), 6);
    }

    let ndjson = assignments_ndjson(&report, setup);
    assert_eq!(
        ndjson.lines().count(),
        report.rows.iter().filter(|r| r.ok).count()
    );
    for line in ndjson.lines() {
        let v: Value = serde_json::from_str(line).expect("each NDJSON line is JSON");
        assert!(v["body"].is_object(), "{line}");
    }

    let fixed = fixed_csv(&req.csv, &report, None).expect("a file that was read is written");
    let again = check_users(UsersRequest {
        csv: fixed,
        ..req.clone()
    });
    assert!(again.is_ok(), "the fixed file is refused: {again:?}");

    // The first suggestion, taken.
    if let Some((row, f)) = report
        .rows
        .iter()
        .flat_map(|r| r.findings.iter().map(move |f| (r, f)))
        .find(|(_, f)| f.suggestion.is_some() && f.column != Column::Row)
    {
        let edited = with_cells(
            &req.csv,
            &[CellEdit {
                line: row.line,
                column: f.column,
                value: f.suggestion.clone().unwrap_or_default(),
            }],
        )
        .expect("a file that was read is written");
        let again = check_users(UsersRequest {
            csv: edited,
            ..req.clone()
        });
        assert!(again.is_ok(), "the edited file is refused: {again:?}");
    }
}

// ---------------------------------------------------------------- 3. config and catalog files

/// The configuration file and the catalog file: refused with a message (coded only when too
/// large), or read; a configuration read is written and read back to itself.
///
/// Flags: byte 0 = which (0 config; 1, 2, 3 catalog `.txt`, `.csv`, `.json`; 4 the file name
/// from section 1). Sections: the text, a file name.
pub fn files(data: &[u8]) {
    let input = Input::new(data, 1);
    let text = input.text(0);
    let which = input.flags[0] % 5;
    if which == 0 {
        match config_from_json(text) {
            Ok(config) => {
                let written = config_to_json(&config);
                assert_eq!(
                    config_from_json(&written).as_ref(),
                    Ok(&config),
                    "{written}"
                );
            }
            Err(e) => {
                assert!(matches!(e.code, None | Some(TooLarge::CODE)), "{e:?}");
                assert!(!e.message.is_empty());
            }
        }
        return;
    }
    let file_name = match which {
        1 => "apps.txt".to_string(),
        2 => "apps.csv".to_string(),
        3 => "apps.json".to_string(),
        _ => input.text(1).to_string(),
    };
    match catalog_from_file(&file_name, text) {
        Ok(file) => {
            assert!(file.names.len() <= luciq_scim::limits::MAX_CATALOG_NAMES);
            for n in &file.names {
                assert!(utf16_len(n) <= luciq_scim::limits::MAX_NAME_LENGTH);
                // A name read is one line of the file, never several.
                if file_name.ends_with(".txt") {
                    assert!(!n.contains('\n'), "{n:?}");
                }
            }
        }
        Err(e) => {
            assert!(matches!(e.code, None | Some(TooLarge::CODE)), "{e:?}");
            assert!(!e.message.is_empty());
        }
    }
}

// ---------------------------------------------------------------- 4. the plan

/// Every enum value and title of a schema body passes the check of its kind, in catalog
/// context.
fn assert_enums_pass(body: &Value, setup: Setup) {
    let failures = enum_failures(body, setup);
    assert!(failures.is_empty(), "{failures:?}");
}

/// The plan against any schema text: refused with a code, or a plan whose `next` is its first
/// step, whose bodies emit only names that pass, and whose steps, applied, leave nothing to do.
///
/// Flags: byte 0 = legacy (0), group scope (1), apps given (2), role table given (3).
/// Sections: the schema text, apps, role values.
pub fn plan(data: &[u8]) {
    let input = Input::new(data, 1);
    let current = match current_from_text(input.text(0)) {
        Ok(v) => v,
        Err(e) => return assert_coded(&e),
    };
    let req = PlanRequest {
        current: current.clone(),
        setup: setup_of(input.flag(0, 0)),
        roles: input
            .flag(0, 3)
            .then(|| roles_of(&input.list(2).unwrap_or_default())),
        apps: input.flag(0, 2).then(|| input.list(1).unwrap_or_default()),
        scope: if input.flag(0, 1) {
            Scope::Group
        } else {
            Scope::Personal
        },
    };
    let plan = match plan_schema(&req) {
        Ok(p) => p,
        Err(e) => return assert_coded(&e),
    };
    assert_eq!(plan.next.as_ref(), plan.steps.first().map(|s| &s.body));
    for step in &plan.steps {
        assert_enums_pass(&step.body, req.setup);
    }
    // Converges: the steps applied, the plan of the result is empty.
    let mut done = current;
    for step in &plan.steps {
        okta_schema_update(&mut done, &step.body);
    }
    let again = plan_schema(&PlanRequest {
        current: done,
        ..req.clone()
    });
    match again {
        Ok(again) => {
            assert!(
                again.attributes.iter().all(|a| a.action == Action::None),
                "does not converge: {:#?}",
                again.attributes
            );
            assert!(again.steps.is_empty() && again.next.is_none());
        }
        Err(e) => panic!("the plan's result is refused: {e:?}"),
    }
}

// ---------------------------------------------------------------- 5. the mapping

/// Group rules from a list: group, value, group, value…
fn rules_of<T>(items: &[String], value: impl Fn(&str) -> T) -> Vec<GroupRule<T>> {
    items
        .chunks(2)
        .map(|c| GroupRule {
            group: c[0].clone(),
            value: value(c.get(1).map(String::as_str).unwrap_or("")),
        })
        .collect()
}

fn apps_of(text: &str) -> Vec<String> {
    if text.is_empty() {
        Vec::new()
    } else {
        text.split('|').map(String::from).collect()
    }
}

/// Group rules (and attributes) to Okta EL: the story and the body agree, refusals are coded,
/// and every literal of an expression is, in order, a rule's group and value and the fallback.
///
/// Flags: byte 0 = legacy (0), don't push (1), role source (2-3: assignment, attribute,
/// groups, groups with fallback), apps source (4-5, the same), role table given (6), catalog
/// given (7). Sections: role rules (group, value…), apps rules (group, apps joined by `|`…),
/// role fallback, apps fallback, attribute, role values, catalog.
pub fn mapping(data: &[u8]) {
    let input = Input::new(data, 1);
    for item in input.sections.iter().flat_map(|s| s.split('\u{1f}')) {
        if let Ok(lit) = string_literal(item) {
            assert_eq!(el_literals(&lit), [item.to_string()], "{lit}");
        }
    }
    let attribute = input.text(4).to_string();
    let role_rules = rules_of(&input.list(0).unwrap_or_default(), |s: &str| s.to_string());
    let apps_rules = rules_of(&input.list(1).unwrap_or_default(), apps_of);
    let role = match (input.flags[0] >> 2) & 3 {
        0 => Source::Assignment,
        1 => Source::Attribute {
            attribute: attribute.clone(),
        },
        n => Source::Groups {
            rules: role_rules.clone(),
            fallback: (n == 3).then(|| input.text(2).to_string()),
        },
    };
    let apps = match (input.flags[0] >> 4) & 3 {
        0 => Source::Assignment,
        1 => Source::Attribute { attribute },
        n => Source::Groups {
            rules: apps_rules.clone(),
            fallback: (n == 3).then(|| apps_of(input.text(3))),
        },
    };
    let req = MappingRequest {
        role: role.clone(),
        apps: apps.clone(),
        push_status: if input.flag(0, 1) {
            PushStatus::DontPush
        } else {
            PushStatus::Push
        },
        setup: setup_of(input.flag(0, 0)),
        roles: input
            .flag(0, 6)
            .then(|| roles_of(&input.list(5).unwrap_or_default())),
        catalog: input.flag(0, 7).then(|| input.list(6).unwrap_or_default()),
    };
    let story = mapping_story(&req);
    let call = build_mapping_payload(&req);
    match (&story, &call) {
        (Ok(story), Ok(call)) => {
            for m in story {
                let sent = &call.body["properties"][m.attribute]["expression"];
                assert_eq!(
                    sent.as_str(),
                    m.expression.as_deref(),
                    "the body and the story differ"
                );
            }
            let want = |rules: Vec<Vec<String>>, fallback: Option<Vec<String>>| {
                let mut out: Vec<String> = rules.into_iter().flatten().collect();
                out.extend(fallback.into_iter().flatten());
                out
            };
            if let Source::Groups { rules, fallback } = &role {
                let expr = story[0].expression.as_deref().unwrap_or_default();
                let lits = want(
                    rules
                        .iter()
                        .map(|r| vec![r.group.clone(), r.value.clone()])
                        .collect(),
                    fallback.clone().map(|f| vec![f]),
                );
                assert_eq!(el_literals(expr), lits, "{expr}");
            }
            if let Source::Groups { rules, fallback } = &apps {
                let expr = story[1].expression.as_deref().unwrap_or_default();
                let lits = want(
                    rules
                        .iter()
                        .map(|r| {
                            std::iter::once(r.group.clone())
                                .chain(r.value.iter().cloned())
                                .collect()
                        })
                        .collect(),
                    fallback.clone(),
                );
                assert_eq!(el_literals(expr), lits, "{expr}");
            }
        }
        (Err(a), Err(b)) => {
            assert_coded(a);
            assert_eq!(a.code, b.code, "the story and the body refuse differently");
        }
        _ => panic!("the story and the body disagree: {story:?} / {call:?}"),
    }
}

// ---------------------------------------------------------------- 6. exports

/// One single-quoted shell word (`'…'` pieces joined by `\'`), as `sh` reads it; `None` when
/// the text is not exactly one such word.
fn sh_single_quoted(word: &str) -> Option<String> {
    let mut out = String::new();
    let mut rest = word;
    loop {
        let body = rest.strip_prefix('\'')?;
        let end = body.find('\'')?;
        out.push_str(&body[..end]);
        rest = &body[end + 1..];
        if rest.is_empty() {
            return Some(out);
        }
        rest = rest.strip_prefix("\\'")?;
        out.push('\'');
        if rest.is_empty() {
            return Some(out);
        }
    }
}

/// The bodies of the script's `okta METHOD "path" '…'` lines, as `sh` reads them.
fn curl_bodies(script: &str) -> Vec<String> {
    script
        .lines()
        .filter(|l| l.starts_with("okta ") && !l.starts_with("okta()"))
        .map(|l| {
            let after_path = l
                .splitn(3, ' ')
                .nth(2)
                .and_then(|rest| rest.strip_prefix('"'))
                .and_then(|rest| rest.split_once("\" "))
                .map(|(_, body)| body)
                .unwrap_or_else(|| panic!("an okta line without a path and body: {l}"));
            sh_single_quoted(after_path)
                .unwrap_or_else(|| panic!("a body that is not one quoted word: {l}"))
        })
        .collect()
}

/// The curl script, the Terraform HCL, the NDJSON and the findings CSV from arbitrary names:
/// coded refusals or outputs that say exactly what the builders built.
///
/// Flags: byte 0 = legacy (0), group scope (1), apps given (2), mapping by groups (3), mapping
/// id given (4), confirmed roles (5). Sections: org, app id, role titles, role values, apps,
/// users (`name|role|app|app…` each), groups (group, value…), mapping id.
pub fn exports(data: &[u8]) {
    let input = Input::new(data, 1);
    for item in input.sections.iter().flat_map(|s| s.split('\u{1f}')) {
        let quoted = hcl_string(item);
        let (decoded, rest) = hcl_decode(&quoted).expect("hcl_string decodes");
        assert_eq!((decoded.as_str(), rest), (item, ""));
        assert_eq!(sh_single_quoted(&shell_quote(item)).as_deref(), Some(item));
    }
    let titles = input.list(2).unwrap_or_default();
    let values = input.list(3).unwrap_or_default();
    let roles: Vec<Role> = values
        .iter()
        .enumerate()
        .map(|(i, v)| Role {
            title: titles.get(i).cloned().unwrap_or_else(|| v.clone()),
            value: v.clone(),
            confirmed: input.flag(0, 5),
        })
        .collect();
    let apps = input.flag(0, 2).then(|| input.list(4).unwrap_or_default());
    let users: Vec<UserAssignment> = input
        .list(5)
        .unwrap_or_default()
        .iter()
        .enumerate()
        .map(|(i, u)| {
            let mut parts = u.split('|');
            let user_name = parts.next().unwrap_or("").to_string();
            let role = parts.next().filter(|r| !r.is_empty()).map(String::from);
            let apps: Vec<String> = parts.map(String::from).collect();
            UserAssignment {
                user_id: format!("00u{i}"),
                user_name,
                role,
                apps: (!apps.is_empty()).then_some(apps),
            }
        })
        .collect();
    let mapping = input.flag(0, 3).then(|| MappingSources {
        role: Source::Groups {
            rules: rules_of(&input.list(6).unwrap_or_default(), |s: &str| s.to_string()),
            fallback: None,
        },
        apps: Source::Assignment,
        push_status: PushStatus::Push,
    });
    let req = ExportRequest {
        setup: setup_of(input.flag(0, 0)),
        roles: (!roles.is_empty()).then(|| roles.clone()),
        apps: apps.clone(),
        scope: if input.flag(0, 1) {
            Scope::Group
        } else {
            Scope::Personal
        },
        org: input.text(0).to_string(),
        app_id: input.text(1).to_string(),
        mapping,
        mapping_id: input.flag(0, 4).then(|| input.text(7).to_string()),
        users: users.clone(),
    };
    match export_curl(&req) {
        Ok(script) => {
            let calls = req.calls().expect("the script was built from them");
            let want: Vec<String> = calls
                .iter()
                .map(|c| serde_json::to_string(&c.body).expect("a body is JSON"))
                .collect();
            assert_eq!(curl_bodies(&script), want);
            for line in script.lines() {
                // Only comments, the okta lines and the script's own lines: a name never
                // starts a line of its own.
                assert!(
                    line.is_empty()
                        || line.starts_with(['#', ':', ' ', '}'])
                        || line.starts_with("okta")
                        || line.starts_with("set -eu")
                        || line.starts_with("OKTA_ORG=")
                        || line.starts_with("APP_ID=")
                        || line.starts_with("MAPPING_ID="),
                    "unexpected line {line:?}"
                );
            }
        }
        Err(e) => assert_coded(&e),
    }
    match export_terraform(&req) {
        Ok(hcl) => {
            let lits: HashSet<String> = hcl_literals(&hcl)
                .unwrap_or_else(|e| panic!("{e}"))
                .into_iter()
                .collect();
            let mut names: Vec<&String> = roles.iter().flat_map(|r| [&r.title, &r.value]).collect();
            names.extend(apps.iter().flatten());
            names.extend(users.iter().map(|u| &u.user_name));
            for n in names {
                assert!(lits.contains(n), "{n:?} is not a literal of the HCL");
            }
        }
        Err(e) => assert_coded(&e),
    }
    // The same users as a users file: the NDJSON and the findings CSV.
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(["email", "role", "apps"]);
    for u in &users {
        let _ = w.write_record([
            u.user_name.clone(),
            u.role.clone().unwrap_or_default(),
            u.apps.clone().unwrap_or_default().join("|"),
        ]);
    }
    let text = String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default();
    if let Ok(report) = check_users(UsersRequest {
        setup: req.setup,
        roles: req.roles.clone(),
        catalog: apps,
        csv: text,
    }) {
        for cell in read_csv(&findings_csv(&report)).iter().flatten() {
            assert!(!starts_formula(cell), "formula cell {cell:?}");
        }
        for line in assignments_ndjson(&report, req.setup).lines() {
            let v: Value = serde_json::from_str(line).expect("each NDJSON line is JSON");
            assert!(v["body"].is_object(), "{line}");
        }
    }
}
