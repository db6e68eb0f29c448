//! Tests written to catch the mutants `cargo mutants` found surviving (issue 12, item 3; figures in
//! `benches/RESULTS.md`, "Mutation testing (issue 12)"). Each states a behaviour the other test
//! files left unpinned.
#![cfg(not(target_arch = "wasm32"))]

use luciq_scim::export::ExportRequest;
use serde_json::{json, Value};

fn export(extra: Value) -> ExportRequest {
    let mut base = json!({"org": "acme.okta.com", "appId": "0oa1abc"});
    for (k, v) in extra.as_object().unwrap() {
        base[k] = v.clone();
    }
    serde_json::from_value(base).unwrap()
}

/// The body of the last call (the one assignment these requests have).
fn last_body(req: &ExportRequest) -> Value {
    req.calls().unwrap().last().unwrap().body.clone()
}

#[test]
fn export_assignments_follow_the_setup() {
    // Legacy holds one app as a plain string; current holds an array.
    let user = json!([{"userId": "00u1", "userName": "ada@example.com", "apps": ["Alpha"]}]);
    let legacy = export(json!({"setup": "legacy", "apps": ["Alpha"], "users": user}));
    assert_eq!(
        last_body(&legacy)["profile"]["instabugApplications"],
        json!("Alpha")
    );
    let current = export(json!({"setup": "current", "apps": ["Alpha"], "users": user}));
    assert_eq!(
        last_body(&current)["profile"]["instabugApplications"],
        json!(["Alpha"])
    );
}

#[test]
fn export_assignments_use_the_given_role_table() {
    let roles = json!([{"title": "Boss", "value": "boss"}]);
    let user = json!([{"userId": "00u1", "userName": "ada@example.com", "role": "boss"}]);
    let req = export(json!({"roles": roles, "users": user}));
    assert_eq!(last_body(&req)["profile"]["instabugRole"], json!("boss"));
    // The same role is refused against the built-in table.
    let req = export(json!({"users": user}));
    assert_eq!(req.calls().unwrap_err().code, "invalid-names");
}

#[test]
fn export_notes_only_what_the_mapping_drops() {
    // No mapping: both values are sent, and no note says otherwise.
    let user = json!([{"userId": "00u1", "userName": "ada@example.com", "role": "viewer", "apps": ["Alpha"]}]);
    let req = export(json!({"apps": ["Alpha"], "users": user}));
    let calls = req.calls().unwrap();
    assert!(calls.last().unwrap().notes.is_empty(), "{calls:?}");
    // A mapping of the role only: one note, for the role.
    let req = export(json!({"apps": ["Alpha"], "users": user,
        "mapping": {"role": {"from": "groups", "rules": [], "fallback": "viewer"}, "apps": {"from": "assignment"}}}));
    let calls = req.calls().unwrap();
    let notes = &calls.last().unwrap().notes;
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert!(notes[0].starts_with("instabugRole comes from the mapping"));
    // A user with neither value: no note, even with both mapped.
    let bare = json!([{"userId": "00u1", "userName": "ada@example.com"}]);
    let req = export(json!({"apps": ["Alpha"], "users": bare,
        "mapping": {"role": {"from": "groups", "rules": [], "fallback": "viewer"}, "apps": {"from": "groups", "rules": [], "fallback": ["Alpha"]}}}));
    assert!(req.calls().unwrap().last().unwrap().notes.is_empty());
}

#[test]
fn an_export_past_its_user_limit_is_refused_before_any_user_is_built() {
    use luciq_scim::export::UserAssignment;
    use luciq_scim::limits::MAX_CATALOG_NAMES;
    // Every user is invalid: were the limit not checked first, the first user's error would win.
    let bad = UserAssignment {
        user_id: "not an id".into(),
        user_name: String::new(),
        role: None,
        apps: None,
    };
    let mut req = export(json!({}));
    req.users = vec![bad; MAX_CATALOG_NAMES + 1];
    let e = req.calls().unwrap_err();
    assert_eq!(e.code, "too-large", "{}", e.message);
    req.users.truncate(MAX_CATALOG_NAMES);
    assert_eq!(req.calls().unwrap_err().code, "invalid-id");
}

#[test]
fn terraform_lists_the_enums_of_both_attributes() {
    use luciq_scim::export::terraform::export_terraform;
    let roles = "  enum               = [\"owner\", \"adminstrator\", \"member\", \"viewer\", \"associate\", \"observer\"]\n";
    let req = export(json!({"apps": ["Alpha", "Be\"ta"]}));
    let hcl = export_terraform(&req).unwrap();
    assert!(hcl.contains(roles), "{hcl}");
    assert!(
        hcl.contains("  array_enum         = [\"Alpha\", \"Be\\\"ta\"]\n"),
        "{hcl}"
    );
    // No catalog: no apps enum at all (an empty list is not written as a list of one).
    let hcl = export_terraform(&export(json!({}))).unwrap();
    assert!(hcl.contains(roles), "{hcl}");
    assert!(!hcl.contains("array_enum"), "{hcl}");
    assert_eq!(hcl.matches("enum ").count(), 1, "{hcl}");
}

#[test]
fn terraform_resource_names_are_slugs_of_the_names() {
    use luciq_scim::export::terraform::export_terraform;
    let user = json!([{"userId": "00u1", "userName": "Ada.L@Example.com"}]);
    let hcl = export_terraform(&export(json!({"users": user}))).unwrap();
    let schema = [
        "okta_app_user_schema_property.luciq_0_instabugrole",
        "okta_app_user_schema_property.luciq_1_instabugapplications",
    ];
    for r in schema {
        let (kind, name) = r.split_once('.').unwrap();
        assert!(
            hcl.contains(&format!("resource \"{kind}\" \"{name}\" {{\n")),
            "{hcl}"
        );
    }
    assert!(
        hcl.contains("resource \"okta_app_user\" \"luciq_user_0_ada_l_example_com\" {\n"),
        "{hcl}"
    );
    assert!(
        hcl.contains(&format!("  depends_on = [{}]\n", schema.join(", "))),
        "{hcl}"
    );
}

#[test]
fn a_users_file_error_displays_its_code_and_message() {
    use luciq_scim::users::{check_users, UsersRequest};
    let e = check_users(UsersRequest {
        csv: String::new(),
        ..Default::default()
    })
    .unwrap_err();
    assert_eq!(e.code, "empty-file");
    assert_eq!(e.to_string(), format!("empty-file: {}", e.message));
    assert!(!e.message.is_empty());
}

#[test]
fn apps_that_clean_to_nothing_are_not_near_duplicates_of_each_other() {
    use luciq_scim::names::Code;
    use luciq_scim::users::{check_users, UsersRequest};
    // " " and "  " differ, and both clean to the empty text: they are errors of their own, not
    // one app repeated after clean-up. Two apps that clean to the same text are.
    let apps = |cell: &str| {
        let report = check_users(UsersRequest {
            csv: format!("email,role,apps\nada@example.com,viewer,{cell}\n"),
            ..Default::default()
        })
        .unwrap();
        report.rows[0]
            .findings
            .iter()
            .map(|f| f.code)
            .collect::<Vec<_>>()
    };
    let blank = apps(" |  ");
    assert!(!blank.is_empty());
    assert!(!blank.contains(&Code::NearDuplicate), "{blank:?}");
    assert!(apps("Acme|acme").contains(&Code::NearDuplicate));
}
