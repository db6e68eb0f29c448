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
    let big = "a\u{200B}".repeat(500_000); // 1 MB of UTF-8, half invisible
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
    let user = preview_scim_js(json(
        r#"{"userName":"ada@example.com","role":"adminstrator","apps":["Acme iOS"]}"#,
    ))
    .unwrap();
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
