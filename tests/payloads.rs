//! Native tests of the Okta payloads, the schema plan, the SCIM preview and the exports.
#![cfg(not(target_arch = "wasm32"))]

#[path = "support/oracles.rs"]
mod oracles;

use std::path::PathBuf;

use luciq_scim::export::curl::export_curl;
use luciq_scim::export::terraform::export_terraform;
use luciq_scim::export::ExportRequest;
use luciq_scim::names::{check_names, CheckRequest, NameKind};
use luciq_scim::okta::assignment::{
    build_assignment_payload, build_group_assignment_payload, AssignmentRequest,
};
use luciq_scim::okta::mapping::{build_mapping_payload, MappingRequest};
use luciq_scim::okta::plan::{plan_schema, Action, PlanRequest};
use luciq_scim::okta::schema::{build_schema_payload, SchemaRequest};
use luciq_scim::profile::Setup;
use luciq_scim::scim::{preview_scim, PreviewRequest};
use proptest::prelude::*;
use serde_json::{json, Value};

fn golden(name: &str, actual: &Value) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    let text = serde_json::to_string_pretty(actual).unwrap() + "\n";
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, &text).unwrap();
    }
    let want = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("{} is missing: run with UPDATE_GOLDEN=1", path.display()));
    assert_eq!(text, want, "{name} differs from the reviewed golden file");
}

fn catalog() -> Vec<String> {
    vec!["Acme iOS".into(), "Acme Android".into(), "Ada's App".into()]
}

#[test]
fn golden_schema_bodies() {
    for (setup, file) in [
        (Setup::Current, "schema-current.json"),
        (Setup::Legacy, "schema-legacy.json"),
    ] {
        let req = SchemaRequest {
            setup,
            apps: Some(catalog()),
            ..Default::default()
        };
        golden(file, &build_schema_payload(&req).unwrap().body);
    }
}

#[test]
fn schema_without_apps_has_no_apps_enum() {
    for apps in [None, Some(vec![])] {
        let req = SchemaRequest {
            apps,
            ..Default::default()
        };
        let body = build_schema_payload(&req).unwrap().body;
        let apps = &body["definitions"]["custom"]["properties"]["instabugApplications"];
        assert_eq!(apps["items"], json!({"type": "string"}));
        assert!(apps.get("enum").is_none());
    }
}

#[test]
fn group_scope_and_custom_roles() {
    let req: SchemaRequest = serde_json::from_value(json!({
        "scope": "NONE", "roles": [{"title": "Lead", "value": "lead", "confirmed": false}]
    }))
    .unwrap();
    let body = build_schema_payload(&req).unwrap().body;
    let role = &body["definitions"]["custom"]["properties"]["instabugRole"];
    assert_eq!(role["scope"], "NONE");
    assert_eq!(role["enum"], json!(["lead"]));
    assert_eq!(role["oneOf"], json!([{"const": "lead", "title": "Lead"}]));
    let err = build_schema_payload(&SchemaRequest {
        roles: Some(vec![]),
        ..Default::default()
    })
    .unwrap_err();
    assert_eq!(err.code, "no-roles");
}

#[test]
fn mapping_sources() {
    let req: MappingRequest = serde_json::from_value(json!({
        "role": {"from": "attribute", "attribute": "luciqRole"},
        "apps": {"from": "assignment"},
        "pushStatus": "DONT_PUSH"
    }))
    .unwrap();
    let call = build_mapping_payload(&req).unwrap();
    assert_eq!(
        call.body,
        json!({"properties": {
            "instabugRole": {"expression": "user.luciqRole", "pushStatus": "DONT_PUSH"},
            "instabugApplications": {"expression": null, "pushStatus": null}
        }})
    );
    let bad: MappingRequest = serde_json::from_value(json!({
        "role": {"from": "attribute", "attribute": "luciq role"}, "apps": {"from": "assignment"}
    }))
    .unwrap();
    assert_eq!(
        build_mapping_payload(&bad).unwrap_err().code,
        "invalid-expression"
    );
    let bad: MappingRequest = serde_json::from_value(json!({
        "role": {"from": "groups", "rules": [{"group": "Admins", "value": "administrator"}]}, "apps": {"from": "assignment"}
    }))
    .unwrap();
    let err = build_mapping_payload(&bad).unwrap_err();
    assert_eq!(err.code, "invalid-names");
    assert_eq!(
        err.diagnostics[0].diagnostic.code.as_str(),
        "admin-role-value"
    );
    let legacy: MappingRequest = serde_json::from_value(json!({
        "setup": "legacy", "role": {"from": "assignment"},
        "apps": {"from": "groups", "rules": [{"group": "iOS", "value": ["Acme iOS"]}], "fallback": []}
    }))
    .unwrap();
    let call = build_mapping_payload(&legacy).unwrap();
    assert_eq!(
        call.body["properties"]["instabugApplications"]["expression"],
        r#"isMemberOfGroupName("iOS") ? "Acme iOS" : null"#
    );
}

#[test]
fn assignments_check_names_first() {
    let mut req = AssignmentRequest {
        user_id: "00u1abc".into(),
        user_name: "ada@example.com".into(),
        role: Some("member".into()),
        apps: Some(vec!["Acme iOS".into()]),
        catalog: Some(catalog()),
        ..Default::default()
    };
    let call = build_assignment_payload(&req).unwrap();
    assert_eq!(
        call.body,
        json!({"id": "00u1abc", "scope": "USER", "credentials": {"userName": "ada@example.com"},
               "profile": {"instabugRole": "member", "instabugApplications": ["Acme iOS"]}})
    );
    req.apps = Some(vec!["Acme IOS".into()]);
    let err = build_assignment_payload(&req).unwrap_err();
    assert_eq!(err.code, "invalid-names");
    assert_eq!(err.diagnostics[0].field, "apps");
    assert_eq!(err.diagnostics[0].diagnostic.code.as_str(), "case-mismatch");
    req.apps = Some(vec!["Acme iOS".into(), "Acme Android".into()]);
    req.setup = Setup::Legacy;
    assert_eq!(
        build_assignment_payload(&req).unwrap_err().code,
        "legacy-single-app"
    );
    req.apps = Some(vec!["Acme iOS".into()]);
    assert_eq!(
        build_assignment_payload(&req).unwrap().body["profile"]["instabugApplications"],
        "Acme iOS"
    );
    req.user_id = "00u 1".into();
    assert_eq!(
        build_assignment_payload(&req).unwrap_err().code,
        "invalid-id"
    );
}

#[test]
fn group_assignments_need_group_attributes() {
    let mut req = AssignmentRequest {
        group_id: "00g1".into(),
        role: Some("viewer".into()),
        ..Default::default()
    };
    assert_eq!(
        build_group_assignment_payload(&req).unwrap_err().code,
        "personal-scope"
    );
    req.scope = luciq_scim::profile::Scope::Group;
    req.priority = Some(2);
    let call = build_group_assignment_payload(&req).unwrap();
    assert_eq!(call.path, "/api/v1/apps/{appId}/groups/{groupId}");
    assert_eq!(
        call.body,
        json!({"priority": 2, "profile": {"instabugRole": "viewer"}})
    );
}

#[test]
fn scim_preview_carries_the_extension() {
    let req = PreviewRequest {
        user_name: "ada@example.com".into(),
        role: Some("adminstrator".into()),
        apps: Some(vec!["Acme iOS".into()]),
        ..Default::default()
    };
    let preview = preview_scim(&req).unwrap();
    assert!(preview.warnings.is_empty());
    let user = preview.user;
    assert_eq!(
        user["urn:ietf:params:scim:schemas:extension:instabug:2.0:User"],
        json!({"instabugRole": "adminstrator", "instabugApplications": ["Acme iOS"]})
    );
    assert_eq!(
        user["schemas"][1],
        "urn:ietf:params:scim:schemas:extension:instabug:2.0:User"
    );
    let legacy = preview_scim(&PreviewRequest {
        setup: Setup::Legacy,
        ..req
    })
    .unwrap()
    .user;
    assert_eq!(
        legacy["urn:ietf:params:scim:schemas:extension:instabug:2.0:User"]["instabugApplications"],
        "Acme iOS"
    );
}

// ---------------------------------------------------------------- the plan

use oracles::okta_schema_update as apply;

fn plan(
    current: Value,
    setup: Setup,
    apps: Option<Vec<String>>,
) -> luciq_scim::okta::plan::SchemaPlan {
    plan_schema(&PlanRequest {
        current,
        setup,
        roles: None,
        apps,
        scope: Default::default(),
    })
    .unwrap()
}

fn converge(mut current: Value, setup: Setup, apps: Option<Vec<String>>) -> Value {
    let first = plan_schema(&PlanRequest {
        current: current.clone(),
        setup,
        roles: None,
        apps: apps.clone(),
        scope: Default::default(),
    });
    let p = match first {
        Ok(p) => p,
        // An apps enum kept from the org (no catalog given) with names the check refuses
        // (repeats, invisible characters) is not written back: the plan says so instead.
        Err(e) if e.code == "invalid-names" && apps.is_none() => {
            assert!(
                e.message.contains("kept because no catalog was given"),
                "{e}"
            );
            return current;
        }
        Err(e) => panic!("{e}"),
    };
    for step in &p.steps {
        apply(&mut current, &step.body);
    }
    let again = plan(current.clone(), setup, apps);
    assert!(
        again.attributes.iter().all(|a| a.action == Action::None),
        "{:#?}",
        again.attributes
    );
    assert!(again.steps.is_empty() && again.next.is_none());
    current
}

/// The seed's setup: both plain strings, created before provisioning, so no namespace.
fn seed_schema() -> Value {
    json!({"id": "https://acme.okta.com/meta/schemas/apps/0oa1/default", "definitions": {"custom": {"id": "#custom", "type": "object",
    "properties": {
        "instabugRole": {"title": "Instabug Role", "type": "string", "scope": "NONE",
            "enum": ["owner", "administrator", "member"],
            "oneOf": [{"const": "owner", "title": "Owner"}, {"const": "administrator", "title": "Admin"}, {"const": "member", "title": "Member"}]},
        "instabugApplications": {"title": "Instabug Applications", "type": "string", "scope": "SELF", "maxLength": 200},
        "costCenter": {"title": "Cost center", "type": "string", "scope": "NONE"}
    }}}})
}

#[test]
fn plan_from_the_seed_setup() {
    let p = plan(seed_schema(), Setup::Current, Some(catalog()));
    let role = &p.attributes[0];
    assert_eq!(role.action, Action::Update);
    let codes: Vec<&str> = role.reasons.iter().map(|r| r.code).collect();
    assert!(
        codes.contains(&"missing-namespace") && codes.contains(&"missing-external-name"),
        "{codes:?}"
    );
    assert!(
        codes.contains(&"wrong-scope") && codes.contains(&"enum-missing"),
        "{codes:?}"
    );
    let near = role
        .reasons
        .iter()
        .find(|r| r.code == "enum-near-miss")
        .expect("administrator is a near miss");
    assert!(
        near.message
            .contains("\"administrator\" where Luciq expects \"adminstrator\""),
        "{}",
        near.message
    );
    let apps = &p.attributes[1];
    assert_eq!(apps.action, Action::Recreate);
    assert!(apps.loses_values);
    assert_eq!(apps.reasons[0].code, "wrong-type");
    assert!(apps.reasons[0]
        .message
        .contains("is a string and must be a string array"));
    // A recreate is two steps: delete, then add.
    assert_eq!(p.steps.len(), 2);
    assert_eq!(
        p.steps[0].body["definitions"]["custom"]["properties"],
        json!({"instabugApplications": null})
    );
    assert_eq!(p.next.as_ref(), Some(&p.steps[0].body));
    let done = converge(seed_schema(), Setup::Current, Some(catalog()));
    // Other attributes and unknown properties are left alone.
    assert_eq!(
        done["definitions"]["custom"]["properties"]["costCenter"],
        seed_schema()["definitions"]["custom"]["properties"]["costCenter"]
    );
    assert_eq!(done["id"], seed_schema()["id"]);
}

#[test]
fn plan_keeps_unknown_properties_on_update() {
    let mut s = seed_schema();
    s["definitions"]["custom"]["properties"]["instabugRole"]["minLength"] = json!(2);
    let done = converge(s, Setup::Current, Some(catalog()));
    assert_eq!(
        done["definitions"]["custom"]["properties"]["instabugRole"]["minLength"],
        2
    );
}

#[test]
fn plan_of_an_empty_and_a_correct_schema() {
    let p = plan(json!({}), Setup::Current, None);
    assert!(p.attributes.iter().all(|a| a.action == Action::Add));
    assert_eq!(p.steps.len(), 1);
    let done = converge(json!({}), Setup::Current, None);
    let p = plan(done, Setup::Current, None);
    assert!(p.next.is_none());
    assert!(plan_schema(&PlanRequest {
        current: json!([1]),
        setup: Setup::Current,
        roles: None,
        apps: None,
        scope: Default::default()
    })
    .is_err());
}

#[test]
fn plan_notes_case_collisions() {
    let s =
        json!({"definitions": {"custom": {"properties": {"InstabugRole": {"type": "string"}}}}});
    let p = plan(s, Setup::Current, None);
    assert!(
        p.notes.iter().any(|n| n.contains("\"InstabugRole\"")),
        "{:?}",
        p.notes
    );
}

fn random_property() -> impl Strategy<Value = Value> {
    let ns = prop::sample::select(vec![
        Value::Null,
        json!("urn:ietf:params:scim:schemas:extension:instabug:2.0:User"),
        json!("urn_ietf:params:scim:schemas:extension:instabug:2.0:User"),
        json!("urn:ietf:params:scim:schemas:core:2.0:User"),
    ]);
    let ty = prop::sample::select(vec!["string", "array", "number", "boolean"]);
    let en = prop::option::of(prop::collection::vec(
        prop::sample::select(vec![
            "owner",
            "adminstrator",
            "administrator",
            "member",
            "Acme iOS",
            "acme ios",
            "Old App",
        ]),
        0..5,
    ));
    let scope = prop::sample::select(vec![Value::Null, json!("SELF"), json!("NONE")]);
    let extra = prop::option::of(0..100i64);
    (ns, ty, en, scope, extra, any::<bool>()).prop_map(|(ns, ty, en, scope, extra, named)| {
        let mut p = json!({"title": "x", "type": ty});
        if !ns.is_null() {
            p["externalNamespace"] = ns;
        }
        if named {
            p["externalName"] = json!("instabugRole");
        }
        if !scope.is_null() {
            p["scope"] = scope;
        }
        if let Some(e) = en {
            let one_of: Vec<Value> = e.iter().map(|v| json!({"const": v, "title": v})).collect();
            if ty == "array" {
                p["items"] = json!({"type": "string", "enum": e, "oneOf": one_of});
                p["union"] = json!("ENABLE");
            } else {
                p["enum"] = json!(e);
                p["oneOf"] = json!(one_of);
            }
        } else if ty == "array" {
            p["items"] = json!({"type": "integer"});
        }
        if let Some(n) = extra {
            p["maxLength"] = json!(n);
        }
        p
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    /// From any mix of existing attributes, applying the plan's steps in order leaves nothing to do.
    #[test]
    fn plans_converge(
        role in prop::option::of(random_property()),
        apps in prop::option::of(random_property()),
        other in prop::option::of(random_property()),
        legacy in any::<bool>(),
        with_catalog in any::<bool>(),
    ) {
        let mut props = serde_json::Map::new();
        if let Some(r) = role { props.insert("instabugRole".into(), r); }
        if let Some(a) = apps { props.insert("instabugApplications".into(), a); }
        if let Some(o) = other.clone() { props.insert("somethingElse".into(), o); }
        let current = json!({"definitions": {"custom": {"id": "#custom", "type": "object", "properties": props}}});
        let setup = if legacy { Setup::Legacy } else { Setup::Current };
        let done = converge(current, setup, with_catalog.then(catalog));
        prop_assert_eq!(done["definitions"]["custom"]["properties"].get("somethingElse"), other.as_ref());
    }
}

// ---------------------------------------------------------------- exports

fn export_request(apps: Vec<String>, users: Value) -> ExportRequest {
    serde_json::from_value(json!({
        "org": "acme-admin.okta.com", "appId": "0oa1abc", "apps": apps,
        "mapping": {"role": {"from": "groups", "rules": [{"group": "Dev \"Core\" \\ (ops) 'q' $x {y}", "value": "member"}], "fallback": "viewer"},
                    "apps": {"from": "assignment"}},
        "users": users,
    }))
    .unwrap()
}

/// Runs the script with a stand-in `curl` that records its arguments, and returns the
/// (method, url, body) of every call it made.
fn run_script(script: &str) -> Vec<(String, String, Value)> {
    let dir = std::env::temp_dir().join(format!(
        "luciq-curl-{}-{}",
        std::process::id(),
        rand_suffix()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let fake = dir.join("curl");
    std::fs::write(&fake, "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\0' \"$a\"; done >> \"$CALLS\"\nprintf '\\1\\0' >> \"$CALLS\"\n").unwrap();
    std::process::Command::new("chmod")
        .arg("+x")
        .arg(&fake)
        .status()
        .unwrap();
    let script_path = dir.join("setup.sh");
    std::fs::write(&script_path, script).unwrap();
    let calls = dir.join("calls");
    let out = std::process::Command::new("sh")
        .arg(&script_path)
        .env("PATH", format!("{}:/usr/bin:/bin", dir.display()))
        .env("OKTA_API_TOKEN", "test-token")
        .env("MAPPING_ID", "0pm1")
        .env("CALLS", &calls)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let raw = std::fs::read(&calls).unwrap_or_default();
    let _ = std::fs::remove_dir_all(&dir);
    let args: Vec<String> = raw
        .split(|&b| b == 0)
        .map(|a| String::from_utf8(a.to_vec()).unwrap())
        .collect();
    args.split(|a| a == "\u{1}")
        .filter(|c| c.iter().any(|a| !a.is_empty()))
        .map(|c| {
            let after = |flag: &str| c[c.iter().position(|a| a == flag).unwrap() + 1].clone();
            assert!(
                c.contains(&"Authorization: SSWS test-token".to_string()),
                "{c:?}"
            );
            (
                after("--request"),
                c[c.iter().position(|a| a == "--request").unwrap() + 2].clone(),
                serde_json::from_str(&after("--data-binary")).unwrap(),
            )
        })
        .collect()
}

fn rand_suffix() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    N.fetch_add(1, Ordering::Relaxed)
}

#[test]
fn curl_script_round_trips_through_sh() {
    let req = export_request(
        catalog(),
        json!([{"userId": "00u1", "userName": "ada@example.com", "role": "adminstrator", "apps": ["Ada's App"]}]),
    );
    let script = export_curl(&req).unwrap();
    assert!(!script.contains("test-token"));
    let ran = run_script(&script);
    let calls = req.calls().unwrap();
    assert_eq!(ran.len(), calls.len());
    for ((method, url, body), call) in ran.iter().zip(&calls) {
        assert_eq!(method, call.method.as_str());
        let path = call
            .path
            .replace("{appId}", "0oa1abc")
            .replace("{mappingId}", "0pm1");
        assert_eq!(url, &format!("https://acme.okta.com{path}"));
        assert_eq!(body, &call.body);
    }
}

#[test]
fn exports_refuse_bad_input() {
    let mut req = export_request(catalog(), json!([]));
    req.org = "acme.okta.com; rm -rf /".into();
    assert_eq!(export_curl(&req).unwrap_err().code, "invalid-org");
    let mut req = export_request(catalog(), json!([]));
    req.app_id = "0oa1'$(id)".into();
    assert_eq!(export_terraform(&req).unwrap_err().code, "invalid-id");
    let req = export_request(
        catalog(),
        json!([{"userId": "00u1", "userName": "a@b.c", "apps": ["Nope"]}]),
    );
    let err = export_curl(&req).unwrap_err();
    assert_eq!(err.code, "invalid-names");
    assert!(err.message.starts_with("users[0]: "));
}

/// Reads the HCL quoted string literals of a document (HCL native syntax: `\\`, `\"`, `\n`,
/// `\r`, `\t`, `\uNNNN`, `\UNNNNNNNN`, and `$${` / `%%{` for a literal `${` / `%{`).
fn hcl_strings(doc: &str) -> Vec<String> {
    let c: Vec<char> = doc.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < c.len() {
        match c[i] {
            '#' => {
                while i < c.len() && c[i] != '\n' {
                    i += 1;
                }
            }
            '"' => {
                i += 1;
                let mut s = String::new();
                loop {
                    assert!(i < c.len(), "unterminated HCL string");
                    match c[i] {
                        '"' => break,
                        '\\' => {
                            i += 1;
                            match c[i] {
                                'n' => s.push('\n'),
                                'r' => s.push('\r'),
                                't' => s.push('\t'),
                                '"' => s.push('"'),
                                '\\' => s.push('\\'),
                                u @ ('u' | 'U') => {
                                    let n = if u == 'u' { 4 } else { 8 };
                                    let hex: String = c[i + 1..i + 1 + n].iter().collect();
                                    s.push(
                                        char::from_u32(u32::from_str_radix(&hex, 16).unwrap())
                                            .unwrap(),
                                    );
                                    i += n;
                                }
                                other => panic!("unknown escape \\{other}"),
                            }
                        }
                        // `$${` and `%%{` stand for a literal `${` and `%{`.
                        m @ ('$' | '%')
                            if c.get(i + 1) == Some(&m) && c.get(i + 2) == Some(&'{') =>
                        {
                            s.push(m);
                            s.push('{');
                            i += 2;
                        }
                        m @ ('$' | '%') if c.get(i + 1) == Some(&'{') => {
                            panic!("unescaped template sequence {m}{{ in {s:?}")
                        }
                        '\n' => panic!("newline inside an HCL string"),
                        other => s.push(other),
                    }
                    i += 1;
                }
                out.push(s);
            }
            _ => {}
        }
        i += 1;
    }
    out
}

fn check_terraform(req: &ExportRequest) {
    let hcl = export_terraform(req).unwrap();
    let strings = hcl_strings(&hcl);
    let calls = req.calls().unwrap();
    let schema = &calls[0].body["definitions"]["custom"]["properties"];
    for (name, p) in schema.as_object().unwrap() {
        assert!(strings.contains(name));
        let holder = if p["type"] == "array" { &p["items"] } else { p };
        for v in holder["enum"].as_array().into_iter().flatten() {
            assert!(
                strings.iter().any(|s| Some(s.as_str()) == v.as_str()),
                "{v} not in the HCL"
            );
        }
    }
    for call in &calls[1..] {
        if let Some(props) = call.body.get("properties").and_then(Value::as_object) {
            for m in props.values() {
                if let Some(e) = m["expression"].as_str() {
                    assert!(
                        strings.iter().any(|s| s == e),
                        "expression {e:?} not in the HCL"
                    );
                }
            }
        }
        if let Some(profile) = call.body.get("profile") {
            assert!(
                strings
                    .iter()
                    .any(|s| serde_json::from_str::<Value>(s).ok().as_ref() == Some(profile)),
                "profile {profile}"
            );
        }
    }
}

#[test]
fn terraform_strings_round_trip() {
    let req = export_request(
        vec!["Acme iOS".into(), "Ada's \"Best\" App \\ ${v} %{if}".into()],
        json!([{"userId": "00u1", "userName": "ada@example.com", "role": "member", "apps": ["Ada's \"Best\" App \\ ${v} %{if}"]}]),
    );
    check_terraform(&req);
    let hcl = export_terraform(&req).unwrap();
    assert!(
        hcl.contains(r#""Ada's \"Best\" App \\ $${v} %%{if}""#),
        "{hcl}"
    );
    assert!(
        hcl.contains("array_enum")
            && hcl.contains("array_one_of")
            && hcl.contains("union              = false")
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Any valid app names survive both exports exactly.
    #[test]
    fn exports_round_trip(names in prop::collection::btree_set("[A-Za-z0-9 '\"\\\\${}%#()?:;.é日]{1,16}", 1..4)) {
        let names: Vec<String> = names.into_iter().collect();
        let report = check_names(&CheckRequest { kind: NameKind::App, names: names.clone(), catalog: None, setup: Setup::Current, context: None });
        prop_assume!(report.errors == 0);
        let users = json!([{"userId": "00u1", "userName": "ada@example.com", "role": "member", "apps": names.clone()}]);
        let req = export_request(names, users);
        check_terraform(&req);
        let ran = run_script(&export_curl(&req).unwrap());
        let calls = req.calls().unwrap();
        for ((_, _, body), call) in ran.iter().zip(&calls) {
            prop_assert_eq!(body, &call.body);
        }
    }
}

#[test]
fn several_groups_may_give_the_same_role() {
    let req: MappingRequest = serde_json::from_value(json!({
        "role": {"from": "groups", "rules": [{"group": "EU", "value": "adminstrator"}, {"group": "US", "value": "adminstrator"},
                 {"group": "Eng", "value": "member"}], "fallback": "member"},
        "apps": {"from": "assignment"}
    }))
    .unwrap();
    assert!(build_mapping_payload(&req).is_ok());
    let bad: MappingRequest = serde_json::from_value(json!({
        "role": {"from": "groups", "rules": [{"group": "EU", "value": "member"}, {"group": "US", "value": "Admin"}]},
        "apps": {"from": "assignment"}
    }))
    .unwrap();
    let err = build_mapping_payload(&bad).unwrap_err();
    assert_eq!(err.diagnostics[0].index, 1, "the index is the rule's");
}

#[test]
fn exports_leave_mapped_attributes_off_assignments() {
    let req: ExportRequest = serde_json::from_value(json!({
        "org": "acme.okta.com", "appId": "0oa1", "apps": catalog(),
        "mapping": {"role": {"from": "attribute", "attribute": "luciqRole"}, "apps": {"from": "assignment"}},
        "users": [{"userId": "00u1", "userName": "ada@example.com", "role": "member", "apps": ["Acme iOS"]}]
    }))
    .unwrap();
    let calls = req.calls().unwrap();
    assert_eq!(
        calls[2].body["profile"],
        json!({"instabugApplications": ["Acme iOS"]})
    );
    assert!(calls[2].notes[0].starts_with("instabugRole comes from the mapping"));
}

/// Issue 12: without a catalog the plan kept the org's apps enum and wrote it back as it was,
/// an empty name and all. A kept enum is written back only when every name passes.
#[test]
fn a_kept_apps_enum_with_refused_names_is_not_written_back() {
    let current = json!({"definitions": {"custom": {"properties": {
        "instabugApplications": {"title": "Luciq apps", "type": "array", "items": {"type": "string", "enum": ["Acme iOS", ""]}, "scope": "NONE"}
    }}}});
    let err = plan_schema(&PlanRequest {
        current,
        setup: Setup::Current,
        roles: None,
        apps: None,
        scope: Default::default(),
    })
    .unwrap_err();
    assert_eq!(err.code, "invalid-names");
    assert_eq!(err.diagnostics[0].field.as_str(), "apps");
    assert_eq!(err.diagnostics[0].index, 1);
    assert_eq!(err.diagnostics[0].diagnostic.code.as_str(), "empty");
}

/// Issue 12: a role given as `{title, value}` (no `confirmed`) is read as unconfirmed by every
/// request that takes a role table; an unknown field in it is still refused.
#[test]
fn a_role_without_confirmed_is_accepted_everywhere_and_unknown_fields_are_not() {
    use luciq_scim::config::{config_from_json, Config};
    use luciq_scim::console::ChecklistRequest;
    use luciq_scim::okta::assignment::{GroupAssignmentRequest, UserAssignmentRequest};
    use luciq_scim::users::{check_users, UsersRequest};
    use serde::de::DeserializeOwned;

    fn reads<T: DeserializeOwned>(base: Value, role: Value) -> Result<T, String> {
        let mut v = base;
        v["roles"] = json!([role]);
        serde_json::from_value::<T>(v).map_err(|e| e.to_string())
    }
    let plain = json!({"title": "Lead", "value": "lead"});
    let typo = json!({"title": "Lead", "value": "lead", "confirmd": true});
    macro_rules! both {
        ($t:ty, $base:expr) => {{
            let ok: $t = reads($base, plain.clone()).expect(stringify!($t));
            let err = reads::<$t>($base, typo.clone()).unwrap_err();
            assert!(
                err.contains("unknown field `confirmd`"),
                "{}: {err}",
                stringify!($t)
            );
            ok
        }};
    }
    let schema = both!(SchemaRequest, json!({}));
    assert!(!schema.roles.unwrap()[0].confirmed);
    both!(
        MappingRequest,
        json!({"role": {"from": "assignment"}, "apps": {"from": "assignment"}})
    );
    both!(
        UserAssignmentRequest,
        json!({"userId": "00u1", "userName": "a@b.co"})
    );
    both!(GroupAssignmentRequest, json!({"groupId": "00g1"}));
    both!(PreviewRequest, json!({"userName": "a@b.co"}));
    both!(PlanRequest, json!({"current": {}}));
    both!(
        ExportRequest,
        json!({"org": "acme.okta.com", "appId": "0oa1"})
    );
    both!(ChecklistRequest, json!({}));
    let users = both!(
        UsersRequest,
        json!({"csv": "email,role,apps\na@b.co,lead,\n"})
    );
    both!(Config, json!({"format": "luciq-scim-config"}));
    let config = config_from_json(
        r#"{"format": "luciq-scim-config", "roles": [{"title": "Lead", "value": "lead"}]}"#,
    )
    .unwrap();
    assert!(!config.roles[0].confirmed);
    // Unconfirmed: the users file says to confirm it, and the role is accepted.
    let report = check_users(users).unwrap();
    assert!(report.rows[0].ok);
    assert_eq!(
        report.rows[0].findings[0].code.as_str(),
        "unconfirmed-value"
    );
    // And the payload builders take it.
    let call = build_schema_payload(&schema_with_lead()).unwrap();
    assert_eq!(
        call.body["definitions"]["custom"]["properties"]["instabugRole"]["enum"],
        json!(["lead"])
    );
}

fn schema_with_lead() -> SchemaRequest {
    serde_json::from_value(json!({"roles": [{"title": "Lead", "value": "lead"}]})).unwrap()
}
