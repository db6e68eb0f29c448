//! The JS API with JS values, run by wasm-bindgen-test in Node and in headless Chromium
//! (`WASM_BINDGEN_USE_BROWSER=1`). Requests are built from JSON text and results read back as
//! plain objects, so these go through exactly the conversions a page or the extension uses.
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, Function, Reflect, JSON};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

// The exported functions take and return JsValues; the same functions are exported to JS as
// `checkNames` and `luciqProfile` (tests/js/ calls those through the built package).
use luciq_scim::wasm::{check_names_js as check_names, luciq_profile_js as luciq_profile};

fn json(text: &str) -> JsValue {
    JSON::parse(text).expect("test JSON parses")
}

fn get(v: &JsValue, path: &str) -> JsValue {
    path.split('.')
        .fold(v.clone(), |v, key| match key.parse::<u32>() {
            Ok(i) => Reflect::get_u32(&v, i).unwrap(),
            Err(_) => Reflect::get(&v, &key.into()).unwrap(),
        })
}

fn codes(report: &JsValue, i: u32) -> Vec<String> {
    let diags: Array = get(report, &format!("results.{i}.diagnostics"))
        .dyn_into()
        .unwrap();
    diags
        .iter()
        .map(|d| get(&d, "code").as_string().unwrap())
        .collect()
}

#[wasm_bindgen_test]
fn profile_current_by_default() {
    let p = luciq_profile(JsValue::UNDEFINED).unwrap();
    assert_eq!(get(&p, "setup").as_string().unwrap(), "current");
    assert_eq!(get(&p, "appProfile").as_string().unwrap(), "Luciq User");
    assert_eq!(
        get(&p, "attributes.1.dataType").as_string().unwrap(),
        "string array"
    );
    assert_eq!(
        get(&p, "attributes.0.externalNamespace")
            .as_string()
            .unwrap(),
        "urn:ietf:params:scim:schemas:extension:instabug:2.0:User"
    );
    assert_eq!(
        get(&p, "roles.1.value").as_string().unwrap(),
        "adminstrator"
    );
    assert_eq!(get(&p, "roles.1.confirmed").as_bool(), Some(true));
    assert_eq!(get(&p, "roles.2.confirmed").as_bool(), Some(false));
    assert!(get(&p, "maxAppsPerUser").is_null());
    // Plain JSON objects, not Maps.
    assert!(JSON::stringify(&p)
        .unwrap()
        .as_string()
        .unwrap()
        .contains("\"appProfile\":\"Luciq User\""));
}

#[wasm_bindgen_test]
fn profile_legacy() {
    let p = luciq_profile(json(r#"{"setup":"legacy"}"#)).unwrap();
    assert_eq!(get(&p, "appProfile").as_string().unwrap(), "Instabug User");
    assert_eq!(
        get(&p, "attributes.1.dataType").as_string().unwrap(),
        "string"
    );
    assert_eq!(get(&p, "maxAppsPerUser").as_f64(), Some(1.0));
}

#[wasm_bindgen_test]
fn check_names_reports_exact_positions_in_utf16() {
    // The emoji before the zero-width space takes two UTF-16 units.
    let r = check_names(json(
        r#"{"kind":"app","names":["🚀Acme\u200b iOS","Acme iOS"]}"#,
    ))
    .unwrap();
    let d = get(&r, "results.0.diagnostics.0");
    assert_eq!(get(&d, "code").as_string().unwrap(), "invisible-char");
    assert_eq!(get(&d, "start").as_f64(), Some(6.0));
    assert_eq!(get(&d, "end").as_f64(), Some(7.0));
    assert!(get(&d, "message")
        .as_string()
        .unwrap()
        .starts_with("U+200B ZERO WIDTH SPACE at 6"));
    assert_eq!(get(&d, "suggestion").as_string().unwrap(), "🚀Acme iOS");
    assert_eq!(get(&r, "results.0.ok").as_bool(), Some(false));
    assert_eq!(get(&r, "results.1.ok").as_bool(), Some(true));
    assert_eq!(codes(&r, 1), Vec::<String>::new());
    assert!(get(&r, "results.1.fixed").is_null());
    assert_eq!(get(&r, "errors").as_f64(), Some(1.0));
}

#[wasm_bindgen_test]
fn check_names_against_a_catalog() {
    let r = check_names(json(
        r#"{"kind":"app","names":["acme ios","Acme Andriod","Acme iOS"],"catalog":["Acme iOS","Acme Android"]}"#,
    ))
    .unwrap();
    assert_eq!(codes(&r, 0), ["case-mismatch"]);
    assert_eq!(codes(&r, 1), ["not-in-catalog"]);
    assert_eq!(
        get(&r, "results.1.diagnostics.0.alternatives.0")
            .as_string()
            .unwrap(),
        "Acme Android"
    );
    // The third entry is in the catalog; it only repeats the first once case is ignored.
    assert_eq!(codes(&r, 2), ["near-duplicate"]);
}

#[wasm_bindgen_test]
fn role_values_and_variables() {
    let r = check_names(json(
        r#"{"kind":"role","names":["administrator","adminstrator"]}"#,
    ))
    .unwrap();
    assert_eq!(codes(&r, 0), ["admin-role-value"]);
    assert_eq!(
        get(&r, "results.0.diagnostics.0.suggestion")
            .as_string()
            .unwrap(),
        "adminstrator"
    );
    assert!(codes(&r, 1).is_empty());
    let r = check_names(json(
        r#"{"kind":"variable","names":["InstabugRole","instabugApplications"]}"#,
    ))
    .unwrap();
    assert_eq!(codes(&r, 0), ["variable-name-mismatch"]);
    assert!(codes(&r, 1).is_empty());
}

#[wasm_bindgen_test]
fn unpaired_surrogates_keep_their_positions() {
    // Build a string with a lone high surrogate in JS itself: JSON escapes allow it.
    let names = Function::new_no_args("return ['ab\\uD800cd', 'x\\uDC00']")
        .call0(&JsValue::NULL)
        .unwrap();
    let request = js_sys::Object::new();
    Reflect::set(&request, &"kind".into(), &"app".into()).unwrap();
    Reflect::set(&request, &"names".into(), &names).unwrap();
    let r = check_names(request.into()).unwrap();
    let d = get(&r, "results.0.diagnostics.0");
    assert_eq!(get(&d, "code").as_string().unwrap(), "invalid-char");
    assert_eq!(get(&d, "start").as_f64(), Some(2.0));
    assert_eq!(get(&d, "end").as_f64(), Some(3.0));
    assert_eq!(codes(&r, 1), ["invalid-char"]);
}

#[wasm_bindgen_test]
fn bad_requests_throw_errors_with_a_code() {
    for bad in [
        r#"{"kind":"apps","names":["a"]}"#,
        r#"{"kind":"app"}"#,
        r#"{"kind":"app","names":"Acme"}"#,
        r#"{"kind":"app","names":[1]}"#,
        r#"{"kind":"app","names":[],"catalogue":[]}"#,
        r#"{"kind":"app","names":[],"setup":"old"}"#,
        r#"null"#,
    ] {
        let err = check_names(json(bad)).expect_err(bad);
        assert!(err.is_instance_of::<js_sys::Error>(), "{bad}");
        assert_eq!(
            get(&err, "code").as_string().unwrap(),
            "invalid-request",
            "{bad}"
        );
        assert!(
            get(&err, "message")
                .as_string()
                .unwrap()
                .starts_with("checkNames: "),
            "{bad}"
        );
    }
    let err = luciq_profile(json(r#"{"setup":"future"}"#)).unwrap_err();
    assert_eq!(get(&err, "code").as_string().unwrap(), "invalid-request");
}

#[wasm_bindgen_test]
fn large_and_hostile_input_does_not_trap() {
    // A name past MAX_NAME_LENGTH (1 MB of UTF-8, half invisible) is refused at once, cleanly.
    let huge = Array::new();
    huge.push(&"a\u{200B}".repeat(500_000).into());
    let request = js_sys::Object::new();
    Reflect::set(&request, &"kind".into(), &"app".into()).unwrap();
    Reflect::set(&request, &"names".into(), &huge).unwrap();
    let err = check_names(request.into()).unwrap_err();
    assert_eq!(get(&err, "code").as_string().unwrap(), "too-large");
    // The largest name taken, hostile all through, is checked without trapping.
    let big = "a\u{200B}".repeat(2_048); // 4,096 UTF-16 units, half invisible
    let names = Array::new();
    names.push(&big.into());
    names.push(&"\u{0}\u{202E}gnp.exe\u{FEFF}".into());
    names.push(&"👨‍👩‍👧 Family ❤️".into());
    let request = js_sys::Object::new();
    Reflect::set(&request, &"kind".into(), &"app".into()).unwrap();
    Reflect::set(&request, &"names".into(), &names).unwrap();
    let r = check_names(request.into()).unwrap();
    assert_eq!(codes(&r, 0).last().unwrap(), "too-many-findings");
    assert!(codes(&r, 1).contains(&"control-char".to_string()));
    assert!(codes(&r, 1).contains(&"invisible-char".to_string()));
    assert!(codes(&r, 2).is_empty(), "{:?}", codes(&r, 2));
}

// ---------------------------------------------------------------- payloads (part 2)

use luciq_scim::wasm::{
    build_assignment_payload_js, build_group_assignment_payload_js, build_mapping_payload_js,
    build_schema_delete_js, build_schema_payload_js, export_curl_js, export_terraform_js,
    plan_schema_js, preview_scim_js,
};

#[wasm_bindgen_test]
fn schema_payloads() {
    let call = build_schema_payload_js(json(r#"{"apps":["Acme iOS"],"scope":"NONE"}"#)).unwrap();
    assert_eq!(get(&call, "method").as_string().unwrap(), "POST");
    assert_eq!(
        get(&call, "path").as_string().unwrap(),
        "/api/v1/meta/schemas/apps/{appId}/default"
    );
    let apps = get(
        &call,
        "body.definitions.custom.properties.instabugApplications",
    );
    assert_eq!(get(&apps, "type").as_string().unwrap(), "array");
    assert_eq!(get(&apps, "items.enum.0").as_string().unwrap(), "Acme iOS");
    assert_eq!(get(&apps, "union").as_string().unwrap(), "DISABLE");
    assert_eq!(get(&apps, "scope").as_string().unwrap(), "NONE");
    let del = build_schema_delete_js(json(r#"{"attributes":["instabugApplications"]}"#)).unwrap();
    assert!(get(
        &del,
        "body.definitions.custom.properties.instabugApplications"
    )
    .is_null());
    let err = build_schema_delete_js(json(r#"{"attributes":["costCenter"]}"#)).unwrap_err();
    assert_eq!(get(&err, "code").as_string().unwrap(), "invalid-attribute");
    let err = build_schema_payload_js(json(r#"{"apps":["Acme iOS "]}"#)).unwrap_err();
    assert_eq!(get(&err, "code").as_string().unwrap(), "invalid-names");
    assert_eq!(
        get(&err, "diagnostics.0.field").as_string().unwrap(),
        "apps"
    );
    assert_eq!(
        get(&err, "diagnostics.0.code").as_string().unwrap(),
        "edge-whitespace"
    );
}

#[wasm_bindgen_test]
fn mapping_and_assignment_payloads() {
    let call = build_mapping_payload_js(json(
        r#"{"role":{"from":"groups","rules":[{"group":"Luciq \"Admins\"","value":"adminstrator"}],"fallback":"viewer"},"apps":{"from":"assignment"}}"#,
    ))
    .unwrap();
    assert_eq!(
        get(&call, "body.properties.instabugRole.expression")
            .as_string()
            .unwrap(),
        r#"isMemberOfGroupName("Luciq ""Admins""") ? "adminstrator" : "viewer""#
    );
    assert!(get(&call, "body.properties.instabugApplications.expression").is_null());
    let user = build_assignment_payload_js(json(
        r#"{"userId":"00u1","userName":"ada@example.com","role":"member","apps":["Acme iOS"],"catalog":["Acme iOS"]}"#,
    ))
    .unwrap();
    assert_eq!(
        get(&user, "body.profile.instabugApplications.0")
            .as_string()
            .unwrap(),
        "Acme iOS"
    );
    let err = build_group_assignment_payload_js(json(r#"{"groupId":"00g1","role":"member"}"#))
        .unwrap_err();
    assert_eq!(get(&err, "code").as_string().unwrap(), "personal-scope");
    let group = build_group_assignment_payload_js(json(
        r#"{"groupId":"00g1","role":"member","scope":"NONE"}"#,
    ))
    .unwrap();
    assert_eq!(get(&group, "method").as_string().unwrap(), "PUT");
}

#[wasm_bindgen_test]
fn preview_plan_and_exports() {
    let preview = preview_scim_js(json(
        r#"{"userName":"ada@example.com","role":"adminstrator","apps":["Acme iOS"]}"#,
    ))
    .unwrap();
    assert_eq!(Array::from(&get(&preview, "warnings")).length(), 0);
    let refused = preview_scim_js(json(
        r#"{"userName":"ada@example.com","role":"administrator"}"#,
    ))
    .unwrap_err();
    assert_eq!(get(&refused, "code").as_string().unwrap(), "invalid-names");
    let user = get(&preview, "user");
    let ext = Reflect::get(
        &user,
        &"urn:ietf:params:scim:schemas:extension:instabug:2.0:User".into(),
    )
    .unwrap();
    assert_eq!(
        get(&ext, "instabugRole").as_string().unwrap(),
        "adminstrator"
    );
    let plan = plan_schema_js(json(
        r#"{"current":{"definitions":{"custom":{"properties":{"instabugApplications":{"type":"string","title":"Instabug Applications"}}}}}}"#,
    ))
    .unwrap();
    assert_eq!(
        get(&plan, "attributes.0.action").as_string().unwrap(),
        "add"
    );
    assert_eq!(
        get(&plan, "attributes.1.action").as_string().unwrap(),
        "recreate"
    );
    assert_eq!(get(&plan, "attributes.1.losesValues").as_bool(), Some(true));
    assert_eq!(Array::from(&get(&plan, "steps")).length(), 2);
    let request = r#"{"org":"acme.okta.com","appId":"0oa1","apps":["Acme iOS"]}"#;
    let script = export_curl_js(json(request)).unwrap().as_string().unwrap();
    assert!(script.starts_with("#!/bin/sh\n") && script.contains("SSWS $OKTA_API_TOKEN"));
    let hcl = export_terraform_js(json(request))
        .unwrap()
        .as_string()
        .unwrap();
    assert!(hcl.contains("resource \"okta_app_user_schema_property\""));
    let err = export_curl_js(json(
        r#"{"org":"acme.okta.com","appId":"0oa1","token":"x"}"#,
    ))
    .unwrap_err();
    assert_eq!(get(&err, "code").as_string().unwrap(), "invalid-request");
}

// ---------------------------------------------------------------- users file

use luciq_scim::wasm::check_users_csv_js;

#[wasm_bindgen_test]
fn users_csv() {
    let request = js_sys::Object::new();
    let csv = "\u{FEFF}Role,EMAIL,apps,id\r\nadminstrator,ada@example.com,\"Acme iOS|Zeta Pay\",00u1ada\r\n\
               member,bob@exam\u{200B}ple.com,Acme iOS,\r\nadministrator,=cmd@localhost,Acme iOS,\r\n";
    Reflect::set(&request, &"csv".into(), &csv.into()).unwrap();
    Reflect::set(
        &request,
        &"catalog".into(),
        &json(r#"["Acme iOS","Zeta Pay"]"#),
    )
    .unwrap();
    let r = check_users_csv_js(request.into()).unwrap();
    assert_eq!(get(&r, "report.rows.0.line").as_f64(), Some(2.0));
    assert_eq!(get(&r, "report.rows.0.ok").as_bool(), Some(true));
    assert!(get(&r, "report.rows.0.fixed").is_null());
    assert_eq!(
        get(&r, "report.rows.0.apps.1").as_string().unwrap(),
        "Zeta Pay"
    );
    let f = get(&r, "report.rows.1.findings.0");
    assert_eq!(get(&f, "column").as_string().unwrap(), "email");
    assert_eq!(get(&f, "code").as_string().unwrap(), "invisible-char");
    assert_eq!(get(&f, "start").as_f64(), Some(8.0));
    assert!(get(&f, "message")
        .as_string()
        .unwrap()
        .starts_with("U+200B ZERO WIDTH SPACE at 8"));
    assert_eq!(
        get(&r, "report.rows.1.fixed.email").as_string().unwrap(),
        "bob@example.com"
    );
    assert!(get(&r, "report.rows.1.fixed.role").is_null());
    assert!(get(&r, "report.rows.1.userId").is_null());
    assert_eq!(get(&r, "report.errors").as_f64(), Some(3.0));
    let ndjson = get(&r, "ndjson").as_string().unwrap();
    assert_eq!(ndjson.lines().count(), 1);
    let line = JSON::parse(ndjson.lines().next().unwrap()).unwrap();
    assert_eq!(
        get(&line, "body.profile.instabugRole").as_string().unwrap(),
        "adminstrator"
    );
    assert_eq!(get(&line, "body.id").as_string().unwrap(), "00u1ada");
    let findings = get(&r, "findingsCsv").as_string().unwrap();
    assert!(findings.starts_with("line,column,severity,code,message,value\r\n"));
    assert!(findings.contains(",'=cmd@localhost\r\n"), "{findings}");

    for (bad, code) in [
        (
            r#"{"csv":"email,role\nada@example.com,member\n"}"#,
            "missing-column",
        ),
        (r#"{"csv":""}"#, "empty-file"),
        (
            r#"{"csv":"email,role,apps\n","catalogue":[]}"#,
            "invalid-request",
        ),
        (
            r#"{"csv":"email,role,apps\n","setup":"old"}"#,
            "invalid-request",
        ),
        (r#"{"catalog":[]}"#, "invalid-request"),
    ] {
        let err = check_users_csv_js(json(bad)).expect_err(bad);
        assert!(err.is_instance_of::<js_sys::Error>(), "{bad}");
        assert_eq!(get(&err, "code").as_string().unwrap(), code, "{bad}");
    }
    let err = check_users_csv_js(json(r#"{"csv":"email,role\n"}"#)).unwrap_err();
    assert!(get(&err, "message")
        .as_string()
        .unwrap()
        .starts_with("The header (line 1) has no \"apps\" column"));
}

// ---------------------------------------------------------------- checklist, files, fixes

use luciq_scim::wasm::{
    catalog_from_file_js, config_from_json_js, config_to_json_js, console_checklist_js,
    fixed_users_csv_js,
};

fn keys(v: &JsValue) -> Vec<String> {
    let mut keys: Vec<String> = js_sys::Object::keys(v.unchecked_ref::<js_sys::Object>())
        .iter()
        .map(|k| k.as_string().unwrap())
        .collect();
    keys.sort();
    keys
}

fn json_keys(v: &serde_json::Value) -> Vec<String> {
    let mut keys: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
    keys.sort();
    keys
}

fn text(v: &JsValue) -> String {
    JSON::stringify(v).unwrap().as_string().unwrap()
}

fn error_of(err: &JsValue) -> (String, String) {
    assert!(err.is_instance_of::<js_sys::Error>(), "{err:?}");
    (
        get(err, "code").as_string().unwrap(),
        get(err, "message").as_string().unwrap(),
    )
}

#[wasm_bindgen_test]
fn console_checklist() {
    let c = console_checklist_js(json(
        r#"{"setup":"legacy","scope":"NONE","catalog":["Acme iOS"]}"#,
    ))
    .unwrap();
    assert_eq!(get(&c, "setup").as_string().unwrap(), "legacy");
    assert_eq!(get(&c, "scope").as_string().unwrap(), "NONE");
    let ids: Vec<String> = Array::from(&get(&c, "steps"))
        .iter()
        .map(|s| get(&s, "id").as_string().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "saml",
            "enable-scim",
            "scim-connection",
            "to-app",
            "open-profile",
            "role-attribute",
            "apps-attribute",
            "mapping",
            "assign-people",
            "assign-groups"
        ]
    );
    let role = get(&c, "steps.5");
    assert_eq!(get(&role, "source.kind").as_string().unwrap(), "olderDoc");
    assert_eq!(
        get(&role, "location").as_string().unwrap(),
        "Directory → Profile Editor → Instabug User"
    );
    let field = get(&role, "fields.0");
    assert_eq!(get(&field, "input").as_string().unwrap(), "select");
    // Plain JSON: an absent member row is null, not undefined.
    assert!(get(&field, "memberRow").is_null());
    assert!(text(&field).contains("\"memberRow\":null"));
    assert_eq!(
        get(&c, "steps.2.fields.0.input").as_string().unwrap(),
        "fromLuciq"
    );
    assert_eq!(Array::from(&get(&c, "findings")).length(), 0);
    assert!(get(&c, "notes.0").as_string().is_some());

    // Values the schema payload would refuse: the same findings, on the fields concerned.
    let c = console_checklist_js(json(r#"{"catalog":["Acme iOS","Acme iOS "]}"#)).unwrap();
    assert_eq!(get(&c, "findings.0.field").as_string().unwrap(), "apps");
    assert_eq!(get(&c, "findings.0.index").as_f64(), Some(1.0));
    assert_eq!(
        get(&c, "findings.0.code").as_string().unwrap(),
        "edge-whitespace"
    );
    let apps = Array::from(&get(&c, "steps.7.fields"));
    assert_eq!(get(&c, "steps.7.id").as_string().unwrap(), "apps-attribute");
    let refused: Vec<JsValue> = apps
        .iter()
        .filter(|f| get(f, "memberRow").as_f64() == Some(1.0))
        .collect();
    assert_eq!(refused.len(), 2);
    assert!(refused
        .iter()
        .all(|f| Array::from(&get(f, "errors")).length() > 0));

    for bad in [
        r#"{"apps":["Acme iOS"]}"#,
        r#"{"scope":"GROUP"}"#,
        r#"{"roles":[{"title":"Admin"}]}"#,
        r#"null"#,
    ] {
        let (code, message) = error_of(&console_checklist_js(json(bad)).expect_err(bad));
        assert_eq!(code, "invalid-request", "{bad}");
        assert!(message.starts_with("consoleChecklist: "), "{message}");
    }
}

#[wasm_bindgen_test]
fn catalog_from_file() {
    let file = catalog_from_file_js(
        "apps.CSV".into(),
        "\u{FEFF}id,App Name\r\n1,\"Acme, iOS\"\r\n2,\r\n3,Trailing \r\n".into(),
    )
    .unwrap();
    assert_eq!(text(&get(&file, "names")), r#"["Acme, iOS","Trailing "]"#);
    assert_eq!(
        text(&get(&file, "notes")),
        r#"["Took the names from column 2 (\"App Name\").","Skipped 1 blank cell (line 3)."]"#
    );
    let file = catalog_from_file_js("apps.json".into(), r#"{"apps":["A"]}"#.into()).unwrap();
    assert_eq!(text(&file), r#"{"names":["A"],"notes":[]}"#);

    let (code, message) =
        error_of(&catalog_from_file_js("apps.xlsx".into(), "".into()).unwrap_err());
    assert_eq!(code, "invalid-file");
    assert!(message.contains(".txt, .csv, .json"), "{message}");
    let (code, message) =
        error_of(&catalog_from_file_js("a.json".into(), "[\"a\", 4]".into()).unwrap_err());
    assert_eq!(code, "invalid-file");
    assert_eq!(message, "[1] is a number, expected a string");
    let (code, message) = error_of(&catalog_from_file_js(JsValue::from(3), "".into()).unwrap_err());
    assert_eq!(code, "invalid-request");
    assert_eq!(
        message,
        "catalogFromFile: fileName is a number, expected a string"
    );
    let (code, message) =
        error_of(&catalog_from_file_js("a.txt".into(), JsValue::UNDEFINED).unwrap_err());
    assert_eq!(code, "invalid-request");
    assert_eq!(
        message,
        "catalogFromFile: text is undefined, expected a string"
    );
}

#[wasm_bindgen_test]
fn config_round_trip() {
    let config = config_from_json_js(
        r#"{"format":"luciq-scim-config","scope":"NONE","catalog":["Acme iOS "],"mapping":{"roleFrom":"attribute","roleAttribute":"luciqRole"}}"#
            .into(),
    )
    .unwrap();
    // Every field, with its default where the file has none: the fields the core type has.
    let all = serde_json::to_value(luciq_scim::config::Config::default()).unwrap();
    assert_eq!(keys(&config), json_keys(&all));
    assert_eq!(keys(&get(&config, "mapping")), json_keys(&all["mapping"]));
    assert_eq!(keys(&get(&config, "group")), json_keys(&all["group"]));
    assert_eq!(keys(&get(&config, "roles.0")), json_keys(&all["roles"][0]));
    assert_eq!(get(&config, "version").as_f64(), Some(1.0));
    assert_eq!(get(&config, "setup").as_string().unwrap(), "current");
    assert_eq!(get(&config, "scope").as_string().unwrap(), "NONE");
    assert_eq!(get(&config, "namesKind").as_string().unwrap(), "app");
    assert_eq!(get(&config, "catalog.0").as_string().unwrap(), "Acme iOS ");
    assert_eq!(
        get(&config, "mapping.roleFrom").as_string().unwrap(),
        "attribute"
    );
    assert_eq!(
        get(&config, "mapping.appsFrom").as_string().unwrap(),
        "assignment"
    );
    assert_eq!(
        get(&config, "roles.1.value").as_string().unwrap(),
        "adminstrator"
    );

    let saved = config_to_json_js(config.clone())
        .unwrap()
        .as_string()
        .unwrap();
    assert!(saved.starts_with("{\n  \"format\": \"luciq-scim-config\",\n  \"version\": 1,\n"));
    assert!(saved.ends_with("}\n"));
    assert!(saved.contains("\"catalog\": [\n    \"Acme iOS \"\n  ],"));
    let again = config_from_json_js(saved.clone().into()).unwrap();
    assert_eq!(text(&again), text(&config));

    // Missing fields take their defaults; fields set to undefined count as not given.
    let minimal = js_sys::Object::new();
    Reflect::set(&minimal, &"format".into(), &"luciq-scim-config".into()).unwrap();
    Reflect::set(&minimal, &"org".into(), &JsValue::UNDEFINED).unwrap();
    let minimal = config_to_json_js(minimal.into())
        .unwrap()
        .as_string()
        .unwrap();
    let defaults = config_from_json_js(r#"{"format":"luciq-scim-config"}"#.into()).unwrap();
    assert_eq!(
        text(&config_from_json_js(minimal.into()).unwrap()),
        text(&defaults)
    );
}

#[wasm_bindgen_test]
fn config_errors() {
    for (bad, start) in [
        (
            r#"{"format":"other"}"#,
            "format is \"other\", expected luciq-scim-config",
        ),
        (r#"{"catalog":[]}"#, "format is missing"),
        (
            r#"{"format":"luciq-scim-config","version":2}"#,
            "version 2 is newer than this tool understands",
        ),
        (
            "{\"format\":\"luciq-scim-config\",\n\"colour\":\"blue\"}",
            "The configuration file is not usable: unknown field `colour`",
        ),
        ("{", "The configuration file is not valid JSON"),
    ] {
        let (code, message) = error_of(&config_from_json_js(bad.into()).expect_err(bad));
        assert_eq!(code, "invalid-config", "{bad}");
        assert!(message.starts_with(start), "{message}");
    }
    let (code, message) = error_of(&config_from_json_js(JsValue::NULL).unwrap_err());
    assert_eq!(code, "invalid-request");
    assert_eq!(message, "configFromJson: text is null, expected a string");

    // serde-wasm-bindgen skips fields it does not know: configToJson names them, nested too.
    for (bad, code, start) in [
        (
            r#"{"format":"luciq-scim-config","colour":"blue"}"#,
            "invalid-request",
            "configToJson: unknown field `colour`, expected one of `format`",
        ),
        (
            r#"{"format":"luciq-scim-config","mapping":{"roleForm":"attribute"}}"#,
            "invalid-request",
            "configToJson: mapping: unknown field `roleForm`, expected one of `roleFrom`",
        ),
        (
            r#"{"format":"luciq-scim-config","group":{"groupID":"00g1"}}"#,
            "invalid-request",
            "configToJson: group: unknown field `groupID`",
        ),
        (
            r#"{"format":"luciq-scim-config","roles":[{"title":"A","value":"a","confirmed":true,"id":1}]}"#,
            "invalid-request",
            "configToJson: roles[0]: unknown field `id`",
        ),
        (
            r#"{"format":"luciq-scim-config","setup":"old"}"#,
            "invalid-request",
            "configToJson: ",
        ),
        (
            r#"{"org":"acme.okta.com"}"#,
            "invalid-request",
            "configToJson: ",
        ),
        (r#"[]"#, "invalid-request", "configToJson: "),
        (
            r#"{"format":"luciq"}"#,
            "invalid-config",
            "configToJson: format is \"luciq\", expected luciq-scim-config",
        ),
        (
            r#"{"format":"luciq-scim-config","version":2}"#,
            "invalid-config",
            "configToJson: version 2 is newer",
        ),
    ] {
        let (got, message) = error_of(&config_to_json_js(json(bad)).expect_err(bad));
        assert_eq!(got, code, "{bad}: {message}");
        assert!(message.starts_with(start), "{message}");
    }
}

#[wasm_bindgen_test]
fn fixed_users_csv() {
    let csv = "\u{FEFF}email,role,apps,note\r\n\
               bob@exam\u{200B}ple.com,member,Acme iOS,\"keep, this\"\r\n\r\n\
               ada@example.com,member,Acme\u{00A0}iOS,x\r\n";
    let request = || {
        let request = js_sys::Object::new();
        Reflect::set(&request, &"csv".into(), &csv.into()).unwrap();
        Reflect::set(&request, &"catalog".into(), &json(r#"["Acme iOS"]"#)).unwrap();
        JsValue::from(request)
    };
    let all = fixed_users_csv_js(request(), None)
        .unwrap()
        .as_string()
        .unwrap();
    assert_eq!(
        all,
        "email,role,apps,note\r\nbob@example.com,member,Acme iOS,\"keep, this\"\r\n\
         ada@example.com,member,Acme iOS,x\r\n"
    );
    for undefined in [JsValue::UNDEFINED, JsValue::NULL] {
        let same = fixed_users_csv_js(request(), Some(undefined)).unwrap();
        assert_eq!(same.as_string().unwrap(), all);
    }
    let only_ada = fixed_users_csv_js(request(), Some(JsValue::from(4)))
        .unwrap()
        .as_string()
        .unwrap();
    assert_eq!(
        only_ada,
        "email,role,apps,note\r\nbob@exam\u{200B}ple.com,member,Acme iOS,\"keep, this\"\r\n\
         ada@example.com,member,Acme iOS,x\r\n"
    );

    for (line, message) in [
        (
            JsValue::from(0),
            "fixedUsersCsv: onlyLine is 0, expected a line number",
        ),
        (
            JsValue::from(2.5),
            "fixedUsersCsv: onlyLine is 2.5, expected",
        ),
        (
            JsValue::from(f64::NAN),
            "fixedUsersCsv: onlyLine is NaN, expected",
        ),
        (
            JsValue::from(f64::INFINITY),
            "fixedUsersCsv: onlyLine is Infinity, expected",
        ),
        (
            JsValue::from("2"),
            "fixedUsersCsv: onlyLine is a string, expected",
        ),
    ] {
        let (code, got) = error_of(&fixed_users_csv_js(request(), Some(line)).unwrap_err());
        assert_eq!(code, "invalid-request");
        assert!(got.starts_with(message), "{got}");
    }
    for (bad, code) in [
        (r#"{"csv":""}"#, "empty-file"),
        (r#"{"csv":"email,role\n"}"#, "missing-column"),
        (
            r#"{"csv":"email,role,apps\n","catalogue":[]}"#,
            "invalid-request",
        ),
    ] {
        let (got, _) = error_of(&fixed_users_csv_js(json(bad), None).expect_err(bad));
        assert_eq!(got, code, "{bad}");
    }
}

// The table of first occurrences spreads its texts on every target: its hash is 64 bits wide
// natively and 32 bits on wasm32, where taking the upper half put every text in one slot (a
// 1M-name check took minutes). 20,000 distinct names like an org's export; a table at most half
// full that spreads them reads a few dozen slots at worst, one that does not reads thousands.
#[wasm_bindgen_test]
fn first_occurrences_spread_on_this_target() {
    let texts: Vec<String> = (0..20_000)
        .map(|i| format!("Kalomi {} iOS (Staging {})", i % 97, i))
        .collect();
    let longest = luciq_scim::names::first_seen_longest_probe(&texts);
    assert!(longest <= 64, "a lookup reads up to {longest} slots");
}
