//! The core's invariants, stated once and tested by search (issue 12): proptest generates names
//! from every class of character the checks know (edge, repeated and unusual spaces, zero-width
//! and other default-ignorables, controls, NFD accents, Cyrillic and Greek look-alikes, curly
//! quotes, case variants, typos of catalog entries, characters outside the BMP) and checks:
//!
//! 1. with a catalog in "user" context, `ok` is true iff the name is byte for byte a catalog entry
//!    (for roles, a value of the role table); every other name has an error, located inside it,
//!    whose message says " at N" (N = its start) when the code is about a character;
//! 2. a suggestion or `fixed` passes the same check with no error; fixing is idempotent;
//! 3. every offset is a UTF-16 boundary of the input (never inside a surrogate pair);
//! 4. every payload builder returns a body or refuses with a coded error, and never emits a name
//!    the names check refuses;
//! 5. every CSV the core writes parses back to the same cells, the findings CSV with no cell
//!    starting a formula; every HCL string decodes back to its value; every body in the curl
//!    script, as a real `sh` reads it, is exactly the builder's body.
#![cfg(not(target_arch = "wasm32"))]

#[path = "support/oracles.rs"]
mod oracles;
use oracles::*;

use std::collections::HashSet;
use std::io::Write;
use std::process::{Command, Stdio};

use luciq_scim::export::curl::export_curl;
use luciq_scim::export::terraform::{export_terraform, hcl_string};
use luciq_scim::export::{ExportRequest, MappingSources, UserAssignment};
use luciq_scim::names::{
    check_names, clean, CheckRequest, ListContext, NameChecker, NameKind, NameResult, Severity,
};
use luciq_scim::okta::assignment::{
    build_assignment_payload, build_group_assignment_payload, AssignmentRequest,
};
use luciq_scim::okta::mapping::{build_mapping_payload, GroupRule, MappingRequest, Source};
use luciq_scim::okta::plan::{plan_schema, PlanRequest};
use luciq_scim::okta::schema::{build_schema_payload, schema_refusal, SchemaRequest};
use luciq_scim::okta::PayloadError;
use luciq_scim::profile::{builtin_roles, Role, Scope, Setup};
use luciq_scim::scim::{preview_scim, PreviewRequest};
use luciq_scim::users::{check_users, findings_csv, fixed_csv, UsersRequest};
use proptest::prelude::*;
use serde_json::{json, Value};

/// Clean catalog entries: ASCII, accents, apostrophes, other scripts, an emoji (a surrogate pair
/// in UTF-16), a ZWJ sequence.
const CATALOG: &[&str] = &[
    "Acme iOS",
    "Acme Android",
    "Ada's App",
    "Café",
    "Zeta Pay",
    "O\"Neil $HOME `x` \\ ${y} %{z}",
    "日本語アプリ",
    "Приложение",
    "Rocket 🚀",
    "Team 👩\u{200D}💻",
];

/// A role table beside the built-in one.
fn custom_roles() -> Vec<Role> {
    vec![
        Role {
            title: "Team Lead".into(),
            value: "team lead".into(),
            confirmed: false,
        },
        Role {
            title: "Admin".into(),
            value: "adminstrator".into(),
            confirmed: true,
        },
        Role {
            title: "Ünïcode 🚀".into(),
            value: "Ünïcode 🚀".into(),
            confirmed: true,
        },
    ]
}

/// One of every class of character the checks know, and plain ones to carry them.
const TRICKY: &[char] = &[
    ' ',
    ' ',
    ' ',
    'a',
    'e',
    'o',
    'I',
    'l',
    '0',
    'A',
    'c',
    'm',
    'S',
    '\'',
    '"',
    '-',
    ',',
    ';',
    '.',
    '=',
    '+',
    '@',
    '$',
    '{',
    '%',
    '`',
    '\\',
    '|',
    '\t',
    '\n',
    '\r',
    '\0',
    '\u{7F}',
    '\u{85}',
    '\u{A0}',
    '\u{AD}',
    '\u{2009}',
    '\u{3000}',
    '\u{200B}',
    '\u{200C}',
    '\u{200D}',
    '\u{2060}',
    '\u{FEFF}',
    '\u{202E}',
    '\u{2066}',
    '\u{FE0F}',
    '\u{E0100}',
    '\u{E0067}',
    '\u{E007F}',
    '\u{1F3F4}',
    '\u{1F468}',
    '\u{1F469}',
    '\u{2764}',
    '\u{301}',
    '\u{308}',
    '\u{430}',
    '\u{435}',
    '\u{43E}',
    '\u{406}',
    '\u{3BF}',
    '\u{391}',
    '\u{2018}',
    '\u{2019}',
    '\u{201C}',
    '\u{2013}',
    '\u{2014}',
    '\u{2026}',
    '\u{FF07}',
    '\u{FFFD}',
    '\u{E000}',
    '\u{FFFF}',
    '\u{10FFFF}',
    'é',
    '日',
    'ア',
    'ж',
    '\u{645}',
    '\u{6CC}',
    '\u{1F680}',
    '\u{2028}',
    '\u{1F3FB}',
    '\u{20E3}',
    '1',
];

fn tricky_string() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            4 => prop::sample::select(TRICKY),
            1 => any::<char>(),
        ],
        0..16,
    )
    .prop_map(|v| v.into_iter().collect())
}

/// One change to a name, of a kind people (and word processors) make.
#[derive(Clone, Debug)]
enum Edit {
    Insert(usize, char),
    Replace(usize, char),
    Delete(usize),
    DoubleSpace(usize),
    SwapCase(usize),
    Swap(usize),
    Nfd,
    Lookalike(usize),
    Curly,
}

fn edit() -> impl Strategy<Value = Edit> {
    let at = any::<prop::sample::Index>();
    prop_oneof![
        (at.clone(), prop::sample::select(TRICKY)).prop_map(|(i, c)| Edit::Insert(i.index(64), c)),
        (at.clone(), prop::sample::select(TRICKY)).prop_map(|(i, c)| Edit::Replace(i.index(64), c)),
        at.clone().prop_map(|i| Edit::Delete(i.index(64))),
        at.clone().prop_map(|i| Edit::DoubleSpace(i.index(64))),
        at.clone().prop_map(|i| Edit::SwapCase(i.index(64))),
        at.clone().prop_map(|i| Edit::Swap(i.index(64))),
        Just(Edit::Nfd),
        at.prop_map(|i| Edit::Lookalike(i.index(64))),
        Just(Edit::Curly),
    ]
}

fn apply(name: &str, e: &Edit) -> String {
    use unicode_normalization::UnicodeNormalization;
    let mut cs: Vec<char> = name.chars().collect();
    let n = cs.len();
    let pick = |i: usize| if n == 0 { 0 } else { i % n };
    match *e {
        Edit::Insert(i, c) => cs.insert(i % (n + 1), c),
        Edit::Replace(i, c) if n > 0 => cs[pick(i)] = c,
        Edit::Delete(i) if n > 0 => {
            cs.remove(pick(i));
        }
        Edit::DoubleSpace(i) => {
            match cs
                .iter()
                .enumerate()
                .cycle()
                .skip(pick(i))
                .take(n)
                .find(|(_, c)| **c == ' ')
            {
                Some((j, _)) => cs.insert(j, ' '),
                None => cs.insert(i % (n + 1), ' '),
            }
        }
        Edit::SwapCase(i) if n > 0 => {
            let c = cs[pick(i)];
            let swapped: Vec<char> = if c.is_uppercase() {
                c.to_lowercase().collect()
            } else {
                c.to_uppercase().collect()
            };
            cs.splice(pick(i)..pick(i) + 1, swapped);
        }
        Edit::Swap(i) if n > 1 => cs.swap(pick(i) % (n - 1), pick(i) % (n - 1) + 1),
        Edit::Nfd => return name.nfd().collect(),
        Edit::Lookalike(i) if n > 0 => {
            let j = pick(i);
            cs[j] = match cs[j] {
                'a' => '\u{430}',
                'e' => '\u{435}',
                'o' => '\u{43E}',
                'p' => '\u{440}',
                'c' => '\u{441}',
                'A' => '\u{391}',
                'O' => '\u{39F}',
                'i' => '\u{456}',
                'S' => '\u{405}',
                other => other,
            }
        }
        Edit::Curly => {
            return name
                .replace('\'', "\u{2019}")
                .replace('"', "\u{201C}")
                .replace('-', "\u{2013}")
        }
        _ => {}
    }
    cs.into_iter().collect()
}

/// A name: a catalog entry exactly, one edited a little, or hostile text.
fn name_near(entries: Vec<String>) -> impl Strategy<Value = String> {
    let base = prop::sample::select(entries);
    prop_oneof![
        2 => base.clone(),
        5 => (base, prop::collection::vec(edit(), 1..4))
            .prop_map(|(b, es)| es.iter().fold(b, |s, e| apply(&s, e))),
        2 => tricky_string(),
    ]
}

fn catalog() -> Vec<String> {
    CATALOG.iter().map(|s| s.to_string()).collect()
}

fn role_table() -> impl Strategy<Value = Vec<Role>> {
    let dirty = prop::collection::vec(name_near(values(&builtin_roles())), 1..4).prop_map(|v| {
        v.into_iter()
            .map(|value| Role {
                title: value.clone(),
                value,
                confirmed: false,
            })
            .collect()
    });
    prop_oneof![2 => Just(builtin_roles()), 2 => Just(custom_roles()), 1 => dirty]
}

fn values(roles: &[Role]) -> Vec<String> {
    roles.iter().map(|r| r.value.clone()).collect()
}

fn check_one(kind: NameKind, name: &str, catalog: Option<Vec<String>>, setup: Setup) -> NameResult {
    check_names(&CheckRequest {
        kind,
        names: vec![name.to_string()],
        catalog,
        setup,
        context: Some(ListContext::User),
    })
    .results
    .remove(0)
}

/// Invariants 2 and 3 for one result: spans on boundaries, suggestions and `fixed` pass.
fn assert_sound(r: &NameResult, recheck: impl Fn(&str) -> NameResult) -> Result<(), TestCaseError> {
    let name = &r.input;
    let ends = boundaries16(name);
    for d in &r.diagnostics {
        prop_assert!(
            d.start <= d.end && d.end <= utf16_len(name),
            "{d:?} in {name:?}"
        );
        prop_assert!(
            ends.contains(&d.start) && ends.contains(&d.end),
            "{d:?} splits a character of {name:?}"
        );
        if about_a_character(d.code) && d.severity == Severity::Error {
            prop_assert!(
                d.message.contains(&format!(" at {}", d.start)),
                "{d:?} does not say where in {name:?}"
            );
        }
        if let Some(s) = &d.suggestion {
            let again = recheck(s);
            prop_assert!(
                !has_error(&again),
                "{:?} suggested {s:?} for {name:?}, which fails: {:?}",
                d.code,
                again.diagnostics
            );
        }
    }
    if let Some(f) = &r.fixed {
        let again = recheck(f);
        prop_assert!(
            !has_error(&again),
            "fixed {f:?} of {name:?} fails: {:?}",
            again.diagnostics
        );
        prop_assert_eq!(
            &again.fixed,
            &None,
            "fixing {:?} twice changes it again",
            name
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(400), ..ProptestConfig::default() })]

    /// 1, 2, 3 for app names against a catalog in "user" context.
    #[test]
    fn an_app_name_is_ok_iff_it_is_a_catalog_entry(
        name in name_near(catalog()),
        setup in prop::sample::select(vec![Setup::Current, Setup::Legacy]),
    ) {
        let r = check_one(NameKind::App, &name, Some(catalog()), setup);
        let exact = CATALOG.contains(&name.as_str());
        prop_assert_eq!(r.ok, exact, "{:?}: {:?}", name, r.diagnostics);
        prop_assert_eq!(r.ok, !has_error(&r));
        // The same through the single-name checker the users file uses.
        let single = NameChecker::new(NameKind::App, Some(&catalog()), setup).check(&name);
        prop_assert_eq!(&single, &r);
        assert_sound(&r, |s| check_one(NameKind::App, s, Some(catalog()), setup))?;
    }

    /// 1 against any catalog, dirty entries included: ok only when byte for byte an entry.
    #[test]
    fn ok_only_for_an_entry_even_in_a_dirty_catalog(
        (entries, name) in prop::collection::vec(name_near(catalog()), 1..5)
            .prop_flat_map(|e| { let n = name_near(e.clone()); (Just(e), n) }),
        kind in prop::sample::select(vec![NameKind::App, NameKind::Role]),
    ) {
        let r = check_one(kind, &name, Some(entries.clone()), Setup::Current);
        prop_assert!(!r.ok || entries.contains(&name), "{:?} is ok against {:?}", name, entries);
        assert_sound(&r, |s| check_one(kind, s, Some(entries.clone()), Setup::Current))?;
    }

    /// 1, 2, 3 for role values against the role table.
    #[test]
    fn a_role_is_ok_iff_it_is_a_value_of_the_role_table(
        (roles, name) in prop_oneof![Just(builtin_roles()), Just(custom_roles())]
            .prop_flat_map(|t| { let v = values(&t); (Just(t), name_near(v)) }),
        setup in prop::sample::select(vec![Setup::Current, Setup::Legacy]),
    ) {
        let table = values(&roles);
        let r = check_one(NameKind::Role, &name, Some(table.clone()), setup);
        prop_assert_eq!(r.ok, table.contains(&name), "{:?}: {:?}", name, r.diagnostics);
        assert_sound(&r, |s| check_one(NameKind::Role, s, Some(table.clone()), setup))?;
    }

    /// 2 and 3 in every other context: catalogs themselves, no catalog, variable names.
    #[test]
    fn suggestions_pass_and_offsets_are_boundaries_everywhere(
        name in name_near(catalog()),
        kind in prop::sample::select(vec![NameKind::App, NameKind::Role, NameKind::Variable]),
        context in prop::sample::select(vec![ListContext::Catalog, ListContext::User]),
    ) {
        let req = |n: &str| CheckRequest {
            kind, names: vec![n.to_string()], catalog: None, setup: Setup::Current, context: Some(context),
        };
        let r = check_names(&req(&name)).results.remove(0);
        assert_sound(&r, |s| check_names(&req(s)).results.remove(0))?;
        let once = clean(&name);
        prop_assert_eq!(clean(&once), once);
    }

    /// 4: the schema builder, and the plan against a current schema.
    #[test]
    fn schema_and_plan_emit_only_names_that_pass(
        roles in prop::collection::vec((name_near(vec!["Admin".into(), "Team Lead".into()]), name_near(values(&builtin_roles()))), 0..4),
        apps in prop::option::of(prop::collection::vec(name_near(catalog()), 0..4)),
        setup in prop::sample::select(vec![Setup::Current, Setup::Legacy]),
        current in current_schema(),
    ) {
        let roles: Vec<Role> = roles.into_iter().map(|(title, value)| Role { title, value, confirmed: false }).collect();
        let req = SchemaRequest { setup, roles: Some(roles.clone()), apps: apps.clone(), scope: Scope::Personal };
        match build_schema_payload(&req) {
            Ok(call) => assert_enums_pass(&call.body, setup)?,
            Err(e) => assert_coded(&e)?,
        }
        let plan = plan_schema(&PlanRequest { current, setup, roles: Some(roles), apps, scope: Scope::Personal });
        match plan {
            Ok(plan) => {
                for step in &plan.steps {
                    assert_enums_pass(&step.body, setup)?;
                }
            }
            Err(e) => assert_coded(&e)?,
        }
    }

    /// 4: user and group assignments, and the SCIM preview.
    #[test]
    fn assignments_and_the_preview_emit_only_names_that_pass(
        (roles, role) in role_table().prop_flat_map(|t| { let v = values(&t); (Just(t), prop::option::of(name_near(v))) }),
        apps in prop::option::of(prop::collection::vec(name_near(catalog()), 0..3)),
        with_catalog in any::<bool>(),
        setup in prop::sample::select(vec![Setup::Current, Setup::Legacy]),
    ) {
        let cat = with_catalog.then(catalog);
        let req = AssignmentRequest {
            setup, user_id: "00u1abc".into(), user_name: "ada@example.com".into(), group_id: "00g1abc".into(),
            priority: Some(1), scope: Scope::Group, role: role.clone(), apps: apps.clone(),
            catalog: cat.clone(), roles: Some(roles.clone()),
        };
        let table = values(&roles);
        for built in [build_assignment_payload(&req), build_group_assignment_payload(&req)] {
            match built {
                Ok(call) => assert_profile_passes(&call.body["profile"], &table, cat.as_ref(), setup)?,
                Err(e) => assert_coded(&e)?,
            }
        }
        let preview = preview_scim(&PreviewRequest {
            setup, user_name: "ada@example.com".into(), role, apps, given_name: None, family_name: None,
            roles: Some(roles), catalog: cat.clone(),
        });
        match preview {
            Ok(p) => {
                let ext = &p.user["urn:ietf:params:scim:schemas:extension:instabug:2.0:User"];
                let profile = json!({"instabugRole": ext["instabugRole"], "instabugApplications": ext["instabugApplications"]});
                assert_profile_passes(&profile, &table, cat.as_ref(), setup)?;
            }
            Err(e) => assert_coded(&e)?,
        }
    }

    /// 4: a refusal names exactly the names check's errors: the schema payload's apps, checked
    /// as a catalog, refused with one finding for each error `check_names` gives that list (the
    /// builders check without messages and word only the names with an error).
    #[test]
    fn a_refusal_names_exactly_the_checks_errors(
        apps in prop::collection::vec(name_near(catalog()), 1..8),
        setup in prop::sample::select(vec![Setup::Current, Setup::Legacy]),
    ) {
        let report = check_names(&CheckRequest {
            kind: NameKind::App,
            names: apps.clone(),
            catalog: None,
            setup,
            context: Some(ListContext::Catalog),
        });
        let expected: Vec<Value> = report
            .results
            .iter()
            .enumerate()
            .flat_map(|(index, r)| {
                r.diagnostics.iter().filter(|d| d.severity == Severity::Error).map(move |d| {
                    let mut f = serde_json::to_value(d).unwrap();
                    f["field"] = json!("apps");
                    f["index"] = json!(index);
                    f["input"] = json!(r.input);
                    f
                })
            })
            .collect();
        let req = SchemaRequest { setup, roles: None, apps: Some(apps), scope: Scope::Personal };
        // The refusal alone (what the console checklist asks) is the builder's, exactly.
        prop_assert_eq!(schema_refusal(&req).err(), build_schema_payload(&req).err());
        match build_schema_payload(&req) {
            Ok(_) => prop_assert!(expected.is_empty(), "built, but the check finds {expected:?}"),
            Err(e) => {
                let found: Vec<Value> = e.diagnostics.iter().map(|f| serde_json::to_value(f).unwrap()).collect();
                prop_assert!(!expected.is_empty(), "refused ({}) without an error of the check", e.message);
                prop_assert_eq!(found, expected);
            }
        }
    }

    /// 4: the mapping: every string literal of its expressions passes (group names aside).
    #[test]
    fn the_mapping_emits_only_names_that_pass(
        (roles, rules) in role_table().prop_flat_map(|t| {
            let v = values(&t);
            (Just(t), prop::collection::vec((tricky_string(), name_near(v), prop::collection::vec(name_near(catalog()), 0..3)), 0..3))
        }),
        with_catalog in any::<bool>(),
        setup in prop::sample::select(vec![Setup::Current, Setup::Legacy]),
    ) {
        let cat = with_catalog.then(catalog);
        let req = MappingRequest {
            role: Source::Groups { rules: rules.iter().map(|(g, r, _)| GroupRule { group: g.clone(), value: r.clone() }).collect(), fallback: None },
            apps: Source::Groups { rules: rules.iter().map(|(g, _, a)| GroupRule { group: g.clone(), value: a.clone() }).collect(), fallback: None },
            push_status: Default::default(), setup, roles: Some(roles.clone()), catalog: cat.clone(),
        };
        match build_mapping_payload(&req) {
            Ok(call) => {
                let table = values(&roles);
                let groups: HashSet<&str> = rules.iter().map(|(g, _, _)| g.as_str()).collect();
                for (attr, kind) in [("instabugRole", NameKind::Role), ("instabugApplications", NameKind::App)] {
                    let expr = call.body["properties"][attr]["expression"].as_str().unwrap_or("");
                    for lit in el_literals(expr) {
                        if groups.contains(lit.as_str()) && !expr.contains(&format!("? {}", el_quote(&lit))) {
                            continue;
                        }
                        let r = match kind {
                            NameKind::Role => check_one(kind, &lit, Some(table.clone()), setup),
                            _ => app_check(&lit, cat.as_ref(), setup),
                        };
                        let is_group = groups.contains(lit.as_str());
                        prop_assert!(is_group || !has_error(&r), "mapping emits {lit:?}: {:?}", r.diagnostics);
                    }
                }
            }
            Err(e) => assert_coded(&e)?,
        }
    }
}

/// Cases per property: modest by default so the suite stays fast; `INVARIANT_CASES=20000` for a
/// longer search.
fn cases(default: u32) -> u32 {
    std::env::var("INVARIANT_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn el_quote(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

fn app_check(app: &str, catalog: Option<&Vec<String>>, setup: Setup) -> NameResult {
    match catalog {
        Some(c) => check_one(NameKind::App, app, Some(c.clone()), setup),
        None => check_names(&CheckRequest {
            kind: NameKind::App,
            names: vec![app.to_string()],
            catalog: None,
            setup,
            context: Some(ListContext::Catalog),
        })
        .results
        .remove(0),
    }
}

fn assert_coded(e: &PayloadError) -> Result<(), TestCaseError> {
    prop_assert!(
        !e.code.is_empty() && e.code.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
        "{e:?}"
    );
    prop_assert!(!e.message.is_empty());
    if e.code == "invalid-names" {
        prop_assert!(!e.diagnostics.is_empty());
    }
    Ok(())
}

/// Every enum value and title of a schema body passes the catalog check of its kind.
fn assert_enums_pass(body: &Value, setup: Setup) -> Result<(), TestCaseError> {
    let failures = enum_failures(body, setup);
    prop_assert!(failures.is_empty(), "{:?}", failures);
    Ok(())
}

/// The role and apps of an assignment profile pass the checks the builder made.
fn assert_profile_passes(
    profile: &Value,
    table: &[String],
    catalog: Option<&Vec<String>>,
    setup: Setup,
) -> Result<(), TestCaseError> {
    if let Some(role) = profile["instabugRole"].as_str() {
        let r = check_one(NameKind::Role, role, Some(table.to_vec()), setup);
        prop_assert!(!has_error(&r), "emits role {role:?}: {:?}", r.diagnostics);
        let own = check_names(&CheckRequest {
            kind: NameKind::Role,
            names: vec![role.to_string()],
            catalog: None,
            setup,
            context: Some(ListContext::Catalog),
        });
        prop_assert_eq!(own.errors, 0, "emits role {:?}: {:?}", role, own.results);
    }
    let apps: Vec<String> = match &profile["instabugApplications"] {
        Value::String(s) => vec![s.clone()],
        Value::Array(a) => a
            .iter()
            .filter_map(|v| v.as_str().map(String::from))
            .collect(),
        _ => Vec::new(),
    };
    for app in &apps {
        let r = app_check(app, catalog, setup);
        prop_assert!(!has_error(&r), "emits app {app:?}: {:?}", r.diagnostics);
        let own = app_check(app, None, setup);
        prop_assert!(!has_error(&own), "emits app {app:?}: {:?}", own.diagnostics);
    }
    Ok(())
}

/// A current schema as Okta might return it, or hostile JSON.
fn current_schema() -> impl Strategy<Value = Value> {
    let enum_values = || prop::collection::vec(name_near(catalog()), 0..3);
    prop_oneof![
        Just(json!({})),
        Just(json!({"definitions": {"custom": {"properties": {}}}})),
        (enum_values(), enum_values()).prop_map(|(roles, apps)| json!({"definitions": {"custom": {"id": "#custom", "type": "object", "properties": {
            "instabugRole": {"title": "Luciq role", "type": "string", "enum": roles, "scope": "SELF"},
            "instabugApplications": {"title": "Luciq apps", "type": "array", "items": {"type": "string", "enum": apps}, "scope": "NONE"},
            "other": {"type": "boolean"}
        }}}})),
        Just(json!([1, 2])),
        Just(json!({"definitions": {"custom": {"properties": {"instabugRole": 5, "instabugApplications": {"type": null}}}}})),
    ]
}

// ---- 5. Exports ----

const FORMULA_START: &[char] = &['=', '+', '-', '@', '\t', '\r'];

fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => name_near(catalog()),
        1 => name_near(values(&builtin_roles())),
        1 => "[=+@\\-\t\r]?[a-z]{0,6}@?[a-z]{0,4}\\.?[a-z]{0,3}",
        1 => tricky_string(),
    ]
}

/// A users file: header, then rows of (email, role, apps joined with `|`, id, an extra column).
fn users_csv() -> impl Strategy<Value = (String, Vec<Vec<String>>)> {
    let row = (
        cell(),
        cell(),
        prop::collection::vec(cell(), 0..3),
        "(00u[a-zA-Z0-9]{4})?",
        cell(),
    );
    (prop::collection::vec(row, 1..5), any::<bool>()).prop_map(|(rows, crlf)| {
        let mut records = vec![["email", "role", "apps", "id", "note"]
            .map(String::from)
            .to_vec()];
        for (email, role, apps, id, note) in rows {
            records.push(vec![email, role, apps.join("|"), id, note]);
        }
        let mut w = csv::WriterBuilder::new()
            .terminator(if crlf {
                csv::Terminator::CRLF
            } else {
                csv::Terminator::Any(b'\n')
            })
            .from_writer(Vec::new());
        for r in &records {
            w.write_record(r).unwrap();
        }
        (String::from_utf8(w.into_inner().unwrap()).unwrap(), records)
    })
}

/// A cell as the findings CSV must write it.
fn neutralised(cell: &str) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r' | '\0') => format!("'{cell}"),
        _ => cell.to_string(),
    }
}

/// Runs the curl script in `sh` with `curl` a function that prints its arguments; returns the
/// `--data-binary` argument of each call.
fn bodies_as_sh_reads_them(script: &str) -> Vec<String> {
    let prelude = "curl() { while [ $# -gt 0 ]; do if [ \"$1\" = --data-binary ]; then printf '%s\\036' \"$2\"; fi; shift; done; }\n";
    let mut child = Command::new("sh")
        .arg("-s")
        .env("OKTA_API_TOKEN", "token")
        .env("MAPPING_ID", "0oa1map")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("sh runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(format!("{prelude}{script}").as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "sh failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .split('\u{1E}')
        .map(|s| s.trim_start_matches('\n').to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

fn export_request(
    roles: Vec<Role>,
    apps: Option<Vec<String>>,
    users: Vec<(String, Option<String>, Option<Vec<String>>)>,
    groups: Vec<(String, String)>,
) -> ExportRequest {
    ExportRequest {
        setup: Setup::Current,
        roles: Some(roles),
        apps,
        scope: Scope::Personal,
        org: "acme.okta.com".into(),
        app_id: "0oa1app".into(),
        mapping: (!groups.is_empty()).then(|| MappingSources {
            role: Source::Groups {
                rules: groups
                    .iter()
                    .map(|(g, v)| GroupRule {
                        group: g.clone(),
                        value: v.clone(),
                    })
                    .collect(),
                fallback: None,
            },
            apps: Source::Assignment,
            push_status: Default::default(),
        }),
        mapping_id: None,
        users: users
            .into_iter()
            .enumerate()
            .map(|(i, (user_name, role, apps))| UserAssignment {
                user_id: format!("00u{i}"),
                user_name,
                role,
                apps,
            })
            .collect(),
    }
}

fn export_inputs() -> impl Strategy<Value = ExportRequest> {
    // Names a shell or HCL would read specially, and that the checks let through.
    const ODD: &str = "[A-Za-z'\"$`\\\\!*?{}%#;&|<>()~é🚀]([A-Za-z'\"$`\\\\!*?{}%#;&|<>()~ é🚀]{0,8}[A-Za-z'\"$`\\\\!*?{}%#;&|<>()~é🚀])?";
    (
        prop::collection::vec((ODD, ODD), 1..3),
        prop::option::of(prop::collection::vec(
            prop_oneof![name_near(catalog()), ODD.prop_map(String::from)],
            0..3,
        )),
        prop::collection::vec(ODD, 0..2),
    )
        .prop_flat_map(|(roles, apps, groups)| {
            let roles: Vec<Role> = roles
                .into_iter()
                .map(|(title, value)| Role {
                    title,
                    value,
                    confirmed: false,
                })
                .collect();
            let values = values(&roles);
            let app_names = apps
                .clone()
                .filter(|a| !a.is_empty())
                .unwrap_or_else(|| vec!["Acme iOS".into()]);
            let role = prop_oneof![
                prop::sample::select(values.clone()),
                ODD.prop_map(String::from)
            ];
            let user = (
                "[a-z'$`\"\\\\]{1,6}@[a-z]{1,4}\\.com",
                prop::option::of(role.clone()),
                prop::option::of(prop::collection::vec(prop::sample::select(app_names), 0..2)),
            );
            let group_values = prop::collection::vec(role, groups.len());
            (
                Just(roles),
                Just(apps),
                prop::collection::vec(user, 0..3),
                Just(groups),
                group_values,
            )
        })
        .prop_map(|(roles, apps, users, groups, group_values)| {
            let groups = groups.into_iter().zip(group_values).collect();
            export_request(roles, apps, users, groups)
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(64), ..ProptestConfig::default() })]

    /// 5: the users findings CSV and the fixed CSV parse back to their cells.
    #[test]
    fn the_users_csvs_parse_back(
        (text, records) in users_csv(),
        with_catalog in any::<bool>(),
    ) {
        let req = UsersRequest { setup: Setup::Current, roles: None, catalog: with_catalog.then(catalog), csv: text.clone() };
        let Ok(report) = check_users(req) else { return Ok(()) };
        let found = read_csv(&findings_csv(&report));
        let mut want = vec![["line", "column", "severity", "code", "message", "value"].map(String::from).to_vec()];
        for row in &report.rows {
            for f in &row.findings {
                want.push([row.line.to_string(), f.column.as_str().into(), f.severity.as_str().into(), f.code.as_str().into(), f.message.clone(), row.cell(f.column)].iter().map(|c| neutralised(c)).collect());
                let cell = row.cell(f.column);
                prop_assert!(f.start <= f.end && f.end <= utf16_len(&cell) && boundaries16(&cell).contains(&f.start) && boundaries16(&cell).contains(&f.end), "{f:?} in {cell:?}");
            }
        }
        prop_assert_eq!(&found, &want);
        for cell in found.iter().flatten() {
            prop_assert!(!cell.starts_with(FORMULA_START), "formula cell {cell:?}");
        }
        // The fixed file: every cell as it was, but the fixed ones.
        let fixed = read_csv(&fixed_csv(&text, &report, None).unwrap());
        let mut want: Vec<Vec<String>> = records.iter().filter(|r| !r.iter().all(|f| f.chars().all(|c| c.is_ascii_whitespace()))).cloned().collect();
        for row in &report.rows {
            let Some(f) = &row.fixed else { continue };
            let i = report.rows.iter().position(|r| r.line == row.line).unwrap() + 1;
            for (col, v) in [(0, &f.email), (1, &f.role), (2, &f.apps), (3, &f.id)] {
                if let Some(v) = v {
                    prop_assert!(!v.starts_with(FORMULA_START) || v.chars().next() == want[i][col].chars().next(), "a fix makes a formula cell: {v:?}");
                    want[i][col] = v.clone();
                }
            }
        }
        prop_assert_eq!(fixed, want);
    }

    /// 5: HCL strings decode back to their text.
    #[test]
    fn hcl_strings_decode_back(text in prop_oneof![tricky_string(), "[$%{}\"\\\\\n\r\tA-z]{0,12}"]) {
        let lit = hcl_string(&text);
        let (decoded, rest) = hcl_decode(&lit).expect("decodable");
        prop_assert_eq!(decoded, text);
        prop_assert_eq!(rest, "");
    }

    /// 5: every name of the Terraform export is one of its decoded literals; every body of the curl
    /// script, as `sh` reads it, is exactly the builder's body.
    #[test]
    fn exports_say_exactly_what_the_builders_built(req in export_inputs()) {
        match export_terraform(&req) {
            Ok(hcl) => {
                let lits = hcl_literals(&hcl).map_err(TestCaseError::fail)?;
                let lits: HashSet<String> = lits.into_iter().collect();
                let mut names: Vec<String> = req.roles.iter().flatten().flat_map(|r| [r.title.clone(), r.value.clone()]).collect();
                names.extend(req.apps.iter().flatten().cloned());
                for u in &req.users {
                    names.push(u.user_name.clone());
                }
                for n in names {
                    prop_assert!(lits.contains(&n), "{n:?} is not a literal of the HCL");
                }
            }
            Err(e) => assert_coded(&e)?,
        }
        match export_curl(&req) {
            Ok(script) => {
                let calls = req.calls().expect("the script was built from them");
                let want: Vec<String> = calls.iter().map(|c| serde_json::to_string(&c.body).unwrap()).collect();
                prop_assert_eq!(bodies_as_sh_reads_them(&script), want);
            }
            Err(e) => assert_coded(&e)?,
        }
    }
}

/// A body that holds every character the shell treats specially reaches curl unchanged.
#[test]
fn a_hostile_name_reaches_curl_unchanged() {
    // (`${` and `#{` are refused in a mapping: SpEL template markers.)
    let hostile = "It's $HOME `id` \"q\" \\ %{x} $(id) $ {y} !1 * ? ~ ; & | < > # é 🚀";
    let req = export_request(
        vec![Role {
            title: hostile.into(),
            value: hostile.into(),
            confirmed: false,
        }],
        Some(vec![hostile.into()]),
        vec![(
            "ada@example.com".into(),
            Some(hostile.into()),
            Some(vec![hostile.into()]),
        )],
        vec![(hostile.into(), hostile.into())],
    );
    let script = export_curl(&req).expect("these names pass");
    let bodies = bodies_as_sh_reads_them(&script);
    assert_eq!(bodies.len(), 3);
    assert!(
        bodies.iter().all(|b| b.contains("It's $HOME `id`")),
        "{bodies:?}"
    );
    let hcl = export_terraform(&req).unwrap();
    assert!(hcl_literals(&hcl).unwrap().iter().any(|l| l == hostile));
}
