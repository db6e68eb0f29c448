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

/// `check_names` of `names` in the current setup, no list context.
fn check_current(
    kind: luciq_scim::names::NameKind,
    names: Vec<String>,
    catalog: Option<Vec<String>>,
) -> luciq_scim::names::CheckReport {
    luciq_scim::check_names(&luciq_scim::names::CheckRequest {
        kind,
        names,
        catalog,
        setup: luciq_scim::profile::Setup::Current,
        context: None,
    })
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

// ---- src/okta ----

/// The `okta METHOD "path"` lines of a curl script, in order.
fn script_calls(script: &str) -> Vec<String> {
    script
        .lines()
        .filter(|l| l.starts_with("okta "))
        .map(|l| l.split(" '").next().unwrap().to_string())
        .collect()
}

#[test]
fn curl_scripts_name_each_call_by_its_http_method() {
    use luciq_scim::export::curl::export_curl;
    use luciq_scim::okta::Method;
    let user = json!([{"userId": "00u1", "userName": "ada@example.com", "role": "viewer"}]);
    let script = export_curl(&export(json!({"users": user}))).unwrap();
    assert_eq!(
        script_calls(&script),
        [
            "okta POST \"/api/v1/meta/schemas/apps/$APP_ID/default\"",
            "okta POST \"/api/v1/apps/$APP_ID/users\"",
        ]
    );
    // The four words, as curl's --request takes them.
    let words = [Method::Get, Method::Post, Method::Put, Method::Delete].map(Method::as_str);
    assert_eq!(words, ["GET", "POST", "PUT", "DELETE"]);
}

#[test]
fn a_payload_error_displays_its_code_and_message() {
    use luciq_scim::okta::schema::{build_schema_payload, SchemaRequest};
    let e = build_schema_payload(&SchemaRequest {
        roles: Some(vec![]),
        ..Default::default()
    })
    .unwrap_err();
    assert_eq!(e.code, "no-roles");
    assert_eq!(
        e.to_string(),
        "no-roles: The role table is empty: Luciq needs at least one role value"
    );
}

/// Asserts a builder refused its one app as not in the catalog.
fn refused_as_not_in_catalog(
    built: Result<luciq_scim::okta::ApiCall, luciq_scim::okta::PayloadError>,
) {
    let e = built.unwrap_err();
    assert_eq!(e.code, "invalid-names");
    let codes: Vec<_> = e
        .diagnostics
        .iter()
        .map(|d| d.diagnostic.code.as_str())
        .collect();
    assert_eq!(codes, ["not-in-catalog"]);
}

#[test]
fn a_user_assignment_request_keeps_every_field_it_was_given() {
    use luciq_scim::okta::assignment::{
        build_assignment_payload, AssignmentRequest, UserAssignmentRequest,
    };
    let build = |v: Value| {
        let r: UserAssignmentRequest = serde_json::from_value(v).unwrap();
        build_assignment_payload(&AssignmentRequest::from(r))
    };
    let call = build(json!({
        "setup": "legacy", "userId": "00u1abc", "userName": "ada@example.com",
        "role": "boss", "apps": ["Alpha"], "catalog": ["Alpha", "Beta"],
        "roles": [{"title": "Boss", "value": "boss"}]
    }))
    .unwrap();
    assert_eq!(
        call.body,
        json!({"id": "00u1abc", "scope": "USER", "credentials": {"userName": "ada@example.com"},
               "profile": {"instabugRole": "boss", "instabugApplications": "Alpha"}})
    );
    assert_eq!(call.description, "Assign ada@example.com to Luciq");
    // The catalog is kept: an app outside it is refused.
    refused_as_not_in_catalog(build(
        json!({"userId": "00u1abc", "userName": "ada@example.com",
        "apps": ["Gamma"], "catalog": ["Alpha"]}),
    ));
}

#[test]
fn a_group_assignment_request_keeps_every_field_it_was_given() {
    use luciq_scim::okta::assignment::{
        build_group_assignment_payload, AssignmentRequest, GroupAssignmentRequest,
    };
    let build = |v: Value| {
        let r: GroupAssignmentRequest = serde_json::from_value(v).unwrap();
        build_group_assignment_payload(&AssignmentRequest::from(r))
    };
    let call = build(json!({
        "setup": "legacy", "groupId": "00g1abc", "priority": 3, "scope": "NONE",
        "role": "boss", "apps": ["Alpha"], "catalog": ["Alpha", "Beta"],
        "roles": [{"title": "Boss", "value": "boss"}]
    }))
    .unwrap();
    assert_eq!(
        call.body,
        json!({"priority": 3, "profile": {"instabugRole": "boss", "instabugApplications": "Alpha"}})
    );
    assert_eq!(
        call.description,
        "Assign group 00g1abc to Luciq with priority 3"
    );
    // The scope is kept: Personal (the default) is refused for a group.
    let e = build(json!({"groupId": "00g1abc"})).unwrap_err();
    assert_eq!(e.code, "personal-scope");
    // The catalog is kept: an app outside it is refused.
    refused_as_not_in_catalog(build(json!({"groupId": "00g1abc", "scope": "NONE",
        "apps": ["Gamma"], "catalog": ["Alpha"]})));
}

#[test]
fn a_space_right_after_another_finding_in_an_email_is_still_reported() {
    use luciq_scim::names::Code;
    use luciq_scim::users::{check_users, UsersRequest};
    // The zero-width space's finding spans 3..4; the plain space at 4 is outside it.
    let report = check_users(UsersRequest {
        csv: "email,role,apps\nada\u{200B} b@example.com,viewer,Alpha\n".into(),
        ..Default::default()
    })
    .unwrap();
    let email: Vec<_> = report.rows[0]
        .findings
        .iter()
        .filter(|f| f.column == luciq_scim::users::Column::Email)
        .map(|f| (f.code, f.start, f.end, f.message.as_str()))
        .collect();
    assert_eq!(
        email,
        [
            (
                Code::InvisibleChar,
                3,
                4,
                "U+200B ZERO WIDTH SPACE at 3: invisible, yet part of the value Okta sends"
            ),
            (
                Code::InvalidEmail,
                4,
                5,
                "U+0020 SPACE at 4: an email has no spaces"
            ),
        ]
    );
}

#[test]
fn a_role_table_past_its_limits_is_refused_with_too_large() {
    use luciq_scim::limits::{MAX_CATALOG_NAMES, MAX_NAME_LENGTH};
    use luciq_scim::okta::assignment::{build_assignment_payload, AssignmentRequest};
    use luciq_scim::profile::Role;
    let role = |title: &str, value: &str| Role {
        title: title.into(),
        value: value.into(),
        confirmed: false,
    };
    let user = |roles: Vec<Role>, catalog: Option<Vec<String>>| AssignmentRequest {
        user_id: "00u1".into(),
        user_name: "ada@example.com".into(),
        roles: Some(roles),
        catalog,
        ..Default::default()
    };
    let e = build_assignment_payload(&user(vec![role("A", "a"); MAX_CATALOG_NAMES + 1], None))
        .unwrap_err();
    assert_eq!(
        (e.code, e.message.as_str()),
        ("too-large", "roles is 100,001 roles: the largest this tool takes is 100,000 roles (MAX_CATALOG_NAMES)")
    );
    let long = "t".repeat(MAX_NAME_LENGTH + 1);
    let e =
        build_assignment_payload(&user(vec![role("A", "a"), role(&long, "b")], None)).unwrap_err();
    assert_eq!(e.code, "too-large");
    assert!(
        e.message.starts_with("roles[1].title is 4,097 "),
        "{}",
        e.message
    );
    let e = build_assignment_payload(&user(vec![role("A", &long)], None)).unwrap_err();
    assert!(
        e.message.starts_with("roles[0].value is 4,097 "),
        "{}",
        e.message
    );
    // The catalog is held to the same count.
    let catalog = vec![String::from("x"); MAX_CATALOG_NAMES + 1];
    let e = build_assignment_payload(&user(vec![role("A", "a")], Some(catalog))).unwrap_err();
    assert_eq!(e.code, "too-large");
    assert!(
        e.message.starts_with("catalog is 100,001 names"),
        "{}",
        e.message
    );
    // At the limits, the request is built.
    let at = vec![role("A", "a"); MAX_CATALOG_NAMES];
    assert!(build_assignment_payload(&user(at, None)).is_ok());
}

#[test]
fn a_user_name_must_be_a_login_without_spaces_or_control_characters() {
    use luciq_scim::okta::assignment::{build_assignment_payload, AssignmentRequest};
    let build = |name: &str| {
        build_assignment_payload(&AssignmentRequest {
            user_id: "00u1".into(),
            user_name: name.into(),
            ..Default::default()
        })
    };
    for bad in [
        "",
        "ada lovelace@example.com",
        "ada\u{7}@example.com",
        "ada\t@example.com",
    ] {
        let e = build(bad).unwrap_err();
        assert_eq!(e.code, "invalid-user-name", "{bad:?}");
        assert_eq!(
            e.message,
            format!(
                "userName {bad:?} must be the user's Luciq login (their email), without spaces"
            )
        );
    }
    let call = build("ada@example.com").unwrap();
    assert_eq!(
        call.body["credentials"],
        json!({"userName": "ada@example.com"})
    );
}

#[test]
fn a_group_priority_is_zero_or_more() {
    use luciq_scim::okta::assignment::{build_group_assignment_payload, AssignmentRequest};
    use luciq_scim::profile::Scope;
    let build = |priority: Option<i64>| {
        build_group_assignment_payload(&AssignmentRequest {
            group_id: "00g1".into(),
            scope: Scope::Group,
            priority,
            ..Default::default()
        })
    };
    for (given, sent) in [(None, 0), (Some(0), 0), (Some(1), 1)] {
        let call = build(given).unwrap();
        assert_eq!(call.body, json!({"priority": sent, "profile": {}}));
    }
    let e = build(Some(-1)).unwrap_err();
    assert_eq!(
        (e.code, e.message.as_str()),
        ("invalid-priority", "priority -1 must be 0 or more (0 wins)")
    );
}

#[test]
fn mapping_sources_keep_a_catalog_only_when_it_has_names() {
    use luciq_scim::okta::mapping::{build_mapping_payload, MappingSources};
    use luciq_scim::profile::Setup;
    let sources: MappingSources = serde_json::from_value(json!({
        "role": {"from": "assignment"},
        "apps": {"from": "groups", "rules": [{"group": "iOS", "value": ["Gamma"]}]}
    }))
    .unwrap();
    let with = |catalog: Vec<&str>| {
        let catalog = catalog.into_iter().map(String::from).collect();
        let req = sources.request(Setup::Current, None, Some(catalog));
        (req.catalog.clone(), build_mapping_payload(&req))
    };
    let (catalog, built) = with(vec!["Alpha"]);
    assert_eq!(catalog, Some(vec!["Alpha".to_string()]));
    let e = built.unwrap_err();
    assert_eq!(e.code, "invalid-names");
    assert_eq!(e.diagnostics[0].diagnostic.code.as_str(), "not-in-catalog");
    // An empty catalog is no catalog: the app is checked by its characters only.
    let (catalog, built) = with(vec![]);
    assert_eq!(catalog, None);
    assert_eq!(
        built.unwrap().body["properties"]["instabugApplications"]["expression"],
        r#"isMemberOfGroupName("iOS") ? {"Gamma"} : null"#
    );
}

#[test]
fn a_mapping_past_its_limits_is_refused_with_too_large() {
    use luciq_scim::limits::{MAX_CATALOG_NAMES, MAX_NAME_LENGTH};
    use luciq_scim::okta::mapping::{build_mapping_payload, GroupRule, MappingRequest, Source};
    let long = "g".repeat(MAX_NAME_LENGTH + 1);
    let refused = |role: Value, apps: Value| {
        let req: MappingRequest =
            serde_json::from_value(json!({"role": role, "apps": apps})).unwrap();
        let e = build_mapping_payload(&req).unwrap_err();
        assert_eq!(e.code, "too-large", "{}", e.message);
        e.message
    };
    let assignment = json!({"from": "assignment"});
    // Built in Rust, not JSON: 100,001 rules are quick to make, slow to parse.
    let rules = vec![
        GroupRule {
            group: "Everyone".to_string(),
            value: "viewer".to_string()
        };
        MAX_CATALOG_NAMES + 1
    ];
    let mut req: MappingRequest =
        serde_json::from_value(json!({"role": assignment, "apps": assignment})).unwrap();
    req.role = Source::Groups {
        rules,
        fallback: None,
    };
    let e = build_mapping_payload(&req).unwrap_err();
    assert_eq!(e.code, "too-large");
    assert!(
        e.message.starts_with("role.rules is 100,001 rules"),
        "{}",
        e.message
    );
    assert!(refused(
        json!({"from": "groups", "rules": [{"group": long, "value": "viewer"}]}),
        assignment.clone()
    )
    .starts_with("role.rules[0].group is 4,097 "));
    assert!(refused(
        json!({"from": "groups", "rules": [], "fallback": long}),
        assignment.clone()
    )
    .starts_with("role value is 4,097 "));
    assert!(refused(
        json!({"from": "attribute", "attribute": long}),
        assignment.clone()
    )
    .starts_with("role.attribute is 4,097 "));
    assert!(refused(
        assignment.clone(),
        json!({"from": "groups", "rules": [{"group": "iOS", "value": ["A", long]}]})
    )
    .starts_with("apps value[1] is 4,097 "));
    assert!(refused(
        assignment.clone(),
        json!({"from": "attribute", "attribute": long})
    )
    .starts_with("apps.attribute is 4,097 "));
}

#[test]
fn only_a_push_mapping_warns_that_okta_then_refuses_assignment_values() {
    use luciq_scim::okta::mapping::{build_mapping_payload, MappingRequest};
    let notes = |push: &str| {
        let req: MappingRequest = serde_json::from_value(json!({
            "role": {"from": "attribute", "attribute": "luciqRole"},
            "apps": {"from": "assignment"},
            "pushStatus": push
        }))
        .unwrap();
        let call = build_mapping_payload(&req).unwrap();
        assert_eq!(
            call.body["properties"]["instabugRole"],
            json!({"expression": "user.luciqRole", "pushStatus": push})
        );
        call.notes
    };
    let unmapped =
        "instabugApplications is set on each assignment: any existing mapping of it is removed";
    assert_eq!(
        notes("PUSH"),
        [
            "instabugRole is mapped with PUSH: Okta then refuses to set it on an assignment (403 E0000075); change it at its source",
            unmapped
        ]
    );
    assert_eq!(notes("DONT_PUSH"), [unmapped]);
}

/// The schema the plan asks for with the apps Alpha and Beta, as Okta would return it.
fn planned_schema() -> Value {
    use luciq_scim::okta::schema::{build_schema_payload, SchemaRequest};
    build_schema_payload(&SchemaRequest {
        apps: Some(vec!["Alpha".into(), "Beta".into()]),
        ..Default::default()
    })
    .unwrap()
    .body
}

/// The plan of `current` for the apps Alpha and Beta.
fn plan_for(current: Value) -> luciq_scim::okta::plan::SchemaPlan {
    use luciq_scim::okta::plan::{plan_schema, PlanRequest};
    plan_schema(&PlanRequest {
        current,
        setup: Default::default(),
        roles: None,
        apps: Some(vec!["Alpha".into(), "Beta".into()]),
        scope: Default::default(),
    })
    .unwrap()
}

#[test]
fn each_difference_of_an_attribute_is_one_reason_naming_both_values() {
    use luciq_scim::okta::plan::Action;
    let role = "/definitions/custom/properties/instabugRole";
    let apps = "/definitions/custom/properties/instabugApplications";
    let cases: [(&str, &str, Option<Value>, &str, &str); 9] = [
        (role, "externalName", Some(json!("role")), "wrong-external-name",
         "instabugRole: external name is \"role\", expected \"instabugRole\""),
        (role, "externalName", Some(Value::Null), "missing-external-name",
         "instabugRole has no external name: Okta leaves it out of what Luciq receives"),
        (role, "externalNamespace", Some(json!("urn:x")), "wrong-namespace",
         "instabugRole: external namespace is \"urn:x\", expected \"urn:ietf:params:scim:schemas:extension:instabug:2.0:User\""),
        (role, "externalNamespace", None, "missing-namespace",
         "instabugRole has no external namespace: Okta silently leaves it out of what Luciq receives"),
        (role, "scope", Some(json!("NONE")), "wrong-scope",
         "instabugRole: attribute type (scope) is \"NONE\", expected \"SELF\""),
        (role, "union", Some(json!("DISABLE")), "stray-union",
         "instabugRole: has a group priority (union) \"DISABLE\", which only an array may have"),
        (apps, "union", Some(json!("ENABLE")), "wrong-union",
         "instabugApplications: group priority (union) is \"ENABLE\", expected \"DISABLE\""),
        (apps, "union", None, "wrong-union",
         "instabugApplications: group priority (union) is nothing, expected \"DISABLE\""),
        (role, "title", Some(json!("Role")), "title",
         "instabugRole: display name is \"Role\", expected \"Instabug Role\""),
    ];
    for (at, key, value, code, message) in cases {
        let mut current = planned_schema();
        let p = current.pointer_mut(at).unwrap().as_object_mut().unwrap();
        match value {
            Some(v) => p.insert(key.into(), v),
            None => p.remove(key),
        };
        let plan = plan_for(current);
        let changed = plan
            .attributes
            .iter()
            .find(|a| at.ends_with(a.attribute))
            .unwrap();
        assert_eq!(changed.action, Action::Update, "{key}");
        let reasons: Vec<_> = changed
            .reasons
            .iter()
            .map(|r| (r.code, r.message.as_str()))
            .collect();
        assert_eq!(reasons, [(code, message)], "{key}");
        // The other attribute is right, and the one step writes back only the changed one, whole.
        assert!(plan
            .attributes
            .iter()
            .filter(|a| a.attribute != changed.attribute)
            .all(|a| a.action == Action::None));
        let want = planned_schema().pointer(at).unwrap().clone();
        assert_eq!(plan.steps.len(), 1);
        assert_eq!(
            plan.steps[0].body["definitions"]["custom"]["properties"],
            json!({changed.attribute: want}),
            "{key}"
        );
    }
    // The right schema: nothing to do.
    let plan = plan_for(planned_schema());
    assert!(plan
        .attributes
        .iter()
        .all(|a| a.action == Action::None && a.reasons.is_empty()));
    assert!(plan.steps.is_empty() && plan.next.is_none() && plan.notes.is_empty());
}

#[test]
fn enum_differences_say_what_differs() {
    let role_enum = "/definitions/custom/properties/instabugRole";
    let apps_enum = "/definitions/custom/properties/instabugApplications/items";
    let reasons = |at: &str, edit: &dyn Fn(&mut Value)| {
        let mut current = planned_schema();
        edit(current.pointer_mut(at).unwrap());
        let plan = plan_for(current);
        plan.attributes
            .iter()
            .flat_map(|a| a.reasons.iter().map(|r| (r.code, r.message.clone())))
            .collect::<Vec<_>>()
    };
    let swapped = reasons(role_enum, &|p| p["enum"].as_array_mut().unwrap().swap(0, 1));
    assert_eq!(
        swapped,
        [(
            "enum-order",
            "instabugRole: the enum's order differs from the role table's".to_string()
        )]
    );
    let extra = reasons(apps_enum, &|p| {
        p["enum"] = json!(["Alpha", "Beta", "Gamma", 3])
    });
    assert_eq!(
        extra,
        [(
            "enum-extra",
            "instabugApplications: the enum has values Luciq does not: \"Gamma\", \"3\""
                .to_string()
        )]
    );
    let titles = reasons(role_enum, &|p| p["oneOf"][0]["title"] = json!("Boss"));
    assert_eq!(titles.len(), 1);
    assert_eq!(titles[0].0, "enum-titles");
    assert!(
        titles[0].1.starts_with(
            "instabugRole: the enum's display names (oneOf) are [{\"const\":\"owner\",\"title\":\"Boss\"},"
        ) && titles[0].1.contains(", expected [{\"const\":\"owner\",\"title\":\"Owner\"},"),
        "{}",
        titles[0].1
    );
}

#[test]
fn enum_values_missing_or_near_misses_are_named_in_the_attributes_own_words() {
    let reasons = |at: &str, values: Value| {
        let mut current = planned_schema();
        current.pointer_mut(at).unwrap()["enum"] = values;
        plan_for(current)
            .attributes
            .iter()
            .flat_map(|a| a.reasons.iter().map(|r| (r.code, r.message.clone())))
            .collect::<Vec<_>>()
    };
    let role = "/definitions/custom/properties/instabugRole";
    let apps = "/definitions/custom/properties/instabugApplications/items";
    assert_eq!(
        reasons(apps, json!(["Alpha"])),
        [(
            "enum-missing",
            "instabugApplications: the enum lacks \"Beta\"".to_string()
        )]
    );
    // A role is a role: the near miss says what Luciq's own spelling is.
    let roles = json!([
        "owner",
        "administrator",
        "member",
        "viewer",
        "associate",
        "observer"
    ]);
    assert_eq!(
        reasons(role, roles),
        [
            ("enum-missing", "instabugRole: the enum lacks \"adminstrator\"".to_string()),
            ("enum-near-miss", "instabugRole: the enum has \"administrator\" where Luciq expects \"adminstrator\" (\"administrator\" is not Luciq's value for Admin: Luciq expects \"adminstrator\" (its own spelling, with no \"i\" between \"admin\" and \"strator\"))".to_string()),
        ]
    );
    assert_eq!(
        reasons(apps, json!(["alpha", "Beta"])),
        [
            ("enum-missing", "instabugApplications: the enum lacks \"Alpha\"".to_string()),
            ("enum-near-miss", "instabugApplications: the enum has \"alpha\" where Luciq expects \"Alpha\" (Differs only in case from the catalog name \"Alpha\": \"a\" (U+0061) at 0 where the catalog has \"A\" (U+0041))".to_string()),
        ]
    );
}

/// The plan of `current` without a catalog (`apps` absent).
fn plan_without_catalog(
    current: Value,
) -> Result<luciq_scim::okta::plan::SchemaPlan, luciq_scim::okta::PayloadError> {
    use luciq_scim::okta::plan::{plan_schema, PlanRequest};
    plan_schema(&PlanRequest {
        current,
        setup: Default::default(),
        roles: None,
        apps: None,
        scope: Default::default(),
    })
}

#[test]
fn without_a_catalog_the_orgs_string_apps_enum_is_kept_and_only_that() {
    use luciq_scim::okta::plan::Action;
    let apps = "/definitions/custom/properties/instabugApplications";
    let role = "/definitions/custom/properties/instabugRole";
    // The org's own apps enum stays: nothing to do.
    let plan = plan_without_catalog(planned_schema()).unwrap();
    assert!(
        plan.attributes.iter().all(|a| a.action == Action::None),
        "{plan:?}"
    );
    // The role enum is never kept: it is the role table's.
    let mut current = planned_schema();
    current.pointer_mut(role).unwrap()["enum"]
        .as_array_mut()
        .unwrap()
        .swap(0, 1);
    let plan = plan_without_catalog(current).unwrap();
    assert_eq!(plan.attributes[0].reasons[0].code, "enum-order");
    assert_eq!(plan.attributes[1].action, Action::None);
    // An enum of numbers is not kept: the update drops it.
    let mut current = planned_schema();
    let items = current.pointer_mut(apps).unwrap()["items"]
        .as_object_mut()
        .unwrap();
    items.insert("enum".into(), json!([1, 2]));
    items.remove("oneOf");
    let plan = plan_without_catalog(current).unwrap();
    let reasons: Vec<_> = plan.attributes[1]
        .reasons
        .iter()
        .map(|r| (r.code, r.message.as_str()))
        .collect();
    assert_eq!(
        reasons,
        [(
            "enum-extra",
            "instabugApplications: has an enum [1,2], but no list of values was given for it"
        )]
    );
    assert_eq!(
        plan.steps[0].body["definitions"]["custom"]["properties"]["instabugApplications"]["items"],
        json!({"type": "string"})
    );
}

#[test]
fn a_kept_apps_enum_with_bad_names_refuses_the_plan_only_when_it_would_be_written() {
    let apps = "/definitions/custom/properties/instabugApplications";
    let mut current = planned_schema();
    let items = &mut current.pointer_mut(apps).unwrap()["items"];
    items["enum"][0] = json!("Alpha ");
    items["oneOf"][0]["const"] = json!("Alpha ");
    // Right otherwise: nothing is written, nothing refused.
    assert!(plan_without_catalog(current.clone())
        .unwrap()
        .steps
        .is_empty());
    // Anything to update on the apps: the enum would be written back, so the plan is refused.
    current.pointer_mut(apps).unwrap()["title"] = json!("Apps");
    let e = plan_without_catalog(current.clone()).unwrap_err();
    assert_eq!(e.code, "invalid-names");
    let found: Vec<_> = e
        .diagnostics
        .iter()
        .map(|d| {
            (
                d.field.as_str(),
                d.index,
                d.input.as_str(),
                d.diagnostic.code.as_str(),
            )
        })
        .collect();
    assert_eq!(found, [("apps", 0, "Alpha ", "edge-whitespace")]);
    // An update of the role alone writes no apps: not refused.
    current.pointer_mut(apps).unwrap()["title"] = json!("Instabug Applications");
    current["definitions"]["custom"]["properties"]["instabugRole"]["title"] = json!("Role");
    let plan = plan_without_catalog(current).unwrap();
    assert_eq!(plan.attributes[0].reasons[0].code, "title");
}

#[test]
fn a_schema_is_taken_up_to_exactly_its_limit_in_bytes_of_json() {
    use luciq_scim::limits::MAX_SCHEMA_JSON_BYTES;
    // {"d":"…"} is 8 bytes around the text.
    let sized = |bytes: usize| json!({"d": "x".repeat(bytes - 8)});
    assert_eq!(serde_json::to_string(&sized(100)).unwrap().len(), 100);
    assert!(plan_without_catalog(sized(MAX_SCHEMA_JSON_BYTES)).is_ok());
    let e = plan_without_catalog(sized(MAX_SCHEMA_JSON_BYTES + 1)).unwrap_err();
    assert_eq!(e.code, "too-large");
    assert!(
        e.message
            .starts_with("current (the schema JSON) is 4,194,30")
            && e.message.ends_with("(MAX_SCHEMA_JSON_BYTES)"),
        "{}",
        e.message
    );
}

#[test]
fn only_luciq_attributes_can_be_deleted() {
    use luciq_scim::okta::schema::{build_schema_delete_payload, DeleteRequest};
    let delete = |names: &[&str]| {
        build_schema_delete_payload(&DeleteRequest {
            attributes: names.iter().map(|s| s.to_string()).collect(),
        })
    };
    let call = delete(&["instabugApplications", "instabugRole"]).unwrap();
    assert_eq!(call.method.as_str(), "POST");
    assert_eq!(call.path, "/api/v1/meta/schemas/apps/{appId}/default");
    assert_eq!(
        call.body,
        json!({"definitions": {"custom": {"id": "#custom", "type": "object",
            "properties": {"instabugApplications": null, "instabugRole": null}}}})
    );
    assert_eq!(
        call.description,
        "Delete instabugApplications and instabugRole from the Luciq app's user profile (the values set on assignments are lost)"
    );
    let e = delete(&["instabugRole", "costCenter"]).unwrap_err();
    assert_eq!(
        (e.code, e.message.as_str()),
        ("invalid-attribute", "\"costCenter\" is not a Luciq attribute: expected instabugRole or instabugApplications")
    );
    let e = delete(&[]).unwrap_err();
    assert_eq!(
        (e.code, e.message.as_str()),
        ("invalid-attribute", "attributes is empty")
    );
}

#[test]
fn rows_of_a_file_with_carriage_return_line_ends_keep_their_line_numbers() {
    use luciq_scim::users::{check_users, UsersRequest};
    let lines = |csv: &str| {
        let report = check_users(UsersRequest {
            csv: csv.into(),
            ..Default::default()
        })
        .unwrap();
        report.rows.iter().map(|r| r.line).collect::<Vec<_>>()
    };
    let rows = [
        "email,role,apps",
        "ada@example.com,viewer,Alpha",
        "",
        "bob@example.com,viewer,Alpha",
    ];
    // Old Mac files end lines with a lone CR; Windows files with CR LF; the blank line counts too.
    for end in ["\r", "\r\n", "\n"] {
        assert_eq!(lines(&(rows.join(end) + end)), [2, 4], "{end:?}");
    }
}

#[test]
fn an_email_of_exactly_the_longest_length_is_taken_and_one_more_character_is_refused() {
    use luciq_scim::users::{check_users, Column, UsersRequest};
    let email_findings = |email: &str| {
        let report = check_users(UsersRequest {
            csv: format!("email,role,apps\n{email},viewer,\n"),
            ..Default::default()
        })
        .unwrap();
        report.rows[0]
            .findings
            .iter()
            .filter(|f| f.column == Column::Email)
            .map(|f| (f.code.as_str(), f.message.clone(), f.start, f.end))
            .collect::<Vec<_>>()
    };
    // 242 + "@example.com" = 254 characters, the most an email has (RFC 5321's path limit).
    let longest = format!("{}@example.com", "a".repeat(242));
    assert_eq!(longest.chars().count(), 254);
    assert_eq!(email_findings(&longest), []);
    let one_more = format!("a{longest}");
    assert_eq!(
        email_findings(&one_more),
        [(
            "invalid-email",
            "255 characters: an email has at most 254".to_string(),
            0,
            255
        )]
    );
}

#[test]
fn a_catalog_name_holding_at_n_keeps_its_text_when_a_later_app_is_shifted() {
    use luciq_scim::users::{check_users, Column, UsersRequest};
    // The case-mismatch message quotes the catalog name, which itself holds " at 15" (the
    // finding's own position in the app); only the position after the quote moves to the cell's
    // count: 15 in the app, 9 + 15 = 24 in the cell.
    let report = check_users(UsersRequest {
        csv: "email,role,apps\nada@example.com,viewer,Acme iOS|Desk at 15 AlphA\n".into(),
        catalog: Some(vec!["Acme iOS".into(), "Desk at 15 Alpha".into()]),
        ..Default::default()
    })
    .unwrap();
    let apps: Vec<_> = report.rows[0]
        .findings
        .iter()
        .filter(|f| f.column == Column::Apps)
        .map(|f| (f.code.as_str(), f.message.as_str(), f.start, f.end))
        .collect();
    assert_eq!(
        apps,
        [(
            "case-mismatch",
            "Differs only in case from the catalog name \"Desk at 15 Alpha\": \"A\" (U+0041) at 24 where the catalog has \"a\" (U+0061)",
            24,
            25
        )]
    );
}

// ---- src/names: a run in steps, the shared catalog, the compact report's accessors ----------

mod names_runs {
    use luciq_scim::names::{CheckRequest, CheckRun, Code, NameKind, SharedCatalog};
    use luciq_scim::profile::Setup;

    fn catalog(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("Catalog App {i:04}")).collect()
    }

    fn request(names: &[&str], catalog: Option<Vec<String>>) -> CheckRequest {
        CheckRequest {
            kind: NameKind::App,
            names: names.iter().map(|s| s.to_string()).collect(),
            catalog,
            setup: Setup::Current,
            context: None,
        }
    }

    /// Steps until done, at most `bound` of them (a run that never ends fails here, not hangs).
    fn steps_to_finish(run: &mut CheckRun, budget: usize, bound: usize) -> usize {
        for steps in 1..=bound {
            if run.step(budget) {
                return steps;
            }
        }
        panic!("the run was not done after {bound} steps");
    }

    #[test]
    fn exact_names_are_checked_one_per_step_without_building_tables() {
        // Names that are catalog entries need none of the tables for names not in it.
        let cat = catalog(1000);
        let names: Vec<&str> = cat.iter().take(30).map(String::as_str).collect();
        let mut run = CheckRun::new(request(&names, Some(cat.clone())));
        assert_eq!(steps_to_finish(&mut run, 1, 1000), 30);
        assert_eq!(run.report().errors + run.report().warnings, 0);
    }

    #[test]
    fn a_name_not_in_the_catalog_first_builds_its_tables_in_slices() {
        let cat = catalog(1000);
        let mut run = CheckRun::new(request(&["Catalog Ap 0001", "Catalog App 0002"], Some(cat)));
        // The first step builds part of the tables (8 entries a name of the budget) and checks
        // no name yet.
        assert!(!run.step(1));
        assert_eq!(run.progress(), (0, 2));
        // The step bound of `CheckRun::step`: names + 5 × catalog / 8 + 5.
        let steps = 1 + steps_to_finish(&mut run, 1, 2 + 5 * 1000 / 8 + 5);
        assert!(
            steps > 100,
            "{steps} steps: the tables were built in slices"
        );
        let whole = luciq_scim::check_names(&request(
            &["Catalog Ap 0001", "Catalog App 0002"],
            Some(catalog(1000)),
        ));
        assert_eq!(run.finish(), whole);
        let suggested = whole.results[0]
            .diagnostics
            .iter()
            .find_map(|d| d.suggestion.clone());
        assert_eq!(suggested.as_deref(), Some("Catalog App 0001"));
    }

    #[test]
    fn a_run_counts_the_catalog_entries_whose_tables_are_still_to_build() {
        let shared = SharedCatalog::new(&catalog(1000));
        let typo = || request(&["Catalog Ap 0001"], None);
        let mut run = CheckRun::with_shared_catalog(typo(), &shared);
        assert_eq!(run.cold_catalog(), 1000, "nothing built yet");
        steps_to_finish(&mut run, 1, 1 + 5 * 1000 / 8 + 5);
        assert_eq!(run.cold_catalog(), 0, "built by the run's steps");
        // The tables are the shared catalog's: the next run finds them built.
        assert_eq!(
            CheckRun::with_shared_catalog(typo(), &shared).cold_catalog(),
            0
        );
        // No catalog: nothing to build. Role values are checked against the role table (its
        // six built-in values here).
        assert_eq!(CheckRun::new(request(&["Other"], None)).cold_catalog(), 0);
        let roles = CheckRun::new(CheckRequest {
            kind: NameKind::Role,
            ..request(&["adminstrator"], None)
        });
        assert_eq!(roles.cold_catalog(), 6);
        // Variable names are looked up in their table as they are: a run builds no table.
        let variables = CheckRun::new(CheckRequest {
            kind: NameKind::Variable,
            ..request(&["instabugRol"], None)
        });
        assert_eq!(variables.cold_catalog(), 0);
    }

    #[test]
    fn a_shared_catalog_is_what_app_names_are_checked_against() {
        let shared = SharedCatalog::new(&catalog(3));
        // The request carries no catalog: the shared one is used.
        let run =
            CheckRun::with_shared_catalog(request(&["Catalog App 0001", "Other"], None), &shared);
        let report = run.finish();
        assert!(report.results[0].ok);
        let codes: Vec<Code> = report.results[1]
            .diagnostics
            .iter()
            .map(|d| d.code)
            .collect();
        assert!(codes.contains(&Code::NotInCatalog), "{codes:?}");
        assert!(!report.results[1].ok);
    }

    #[test]
    fn the_compact_report_holds_the_names_and_says_when_it_is_empty() {
        let names = ["Catalog App 0001", "  x", "Catalog App 0001"];
        let report = CheckRun::new(request(&names, Some(catalog(3)))).finish_compact();
        assert_eq!(report.names(), names.map(String::from).as_slice());
        assert!(!report.is_empty());
        assert_eq!(report.len(), 3);
        let empty = CheckRun::new(request(&[], Some(catalog(3)))).finish_compact();
        assert!(empty.is_empty());
        assert_eq!(empty.names(), &[] as &[String]);
    }
}

#[test]
fn list_findings_span_the_whole_name_in_utf16_units() {
    use luciq_scim::names::{CheckRequest, Code, ListContext, NameKind};
    use luciq_scim::profile::Setup;
    let names = [
        "Acme iOS",
        "Acme iOS",
        "Café \u{1F600}",
        "Café \u{1F600}",
        "CAFÉ \u{1F600}",
    ];
    let report = luciq_scim::check_names(&CheckRequest {
        kind: NameKind::App,
        names: names.iter().map(|s| s.to_string()).collect(),
        catalog: None,
        setup: Setup::Legacy,
        context: Some(ListContext::User),
    });
    // (name, code, end): ASCII counts bytes; "é" is one unit, the emoji two (a surrogate pair).
    for (i, code, end) in [
        (1, Code::Duplicate, 8),
        (3, Code::Duplicate, 7),
        (4, Code::NearDuplicate, 7),
        (4, Code::LegacySingleApp, 7),
    ] {
        let d = report.results[i]
            .diagnostics
            .iter()
            .find(|d| d.code == code)
            .unwrap_or_else(|| panic!("name {i} has no {code:?}"));
        assert_eq!((d.start, d.end), (0, end), "name {i}, {code:?}");
    }
}

#[test]
fn too_many_findings_without_an_error_among_those_not_listed_is_a_note() {
    use luciq_scim::names::{Code, NameKind, Severity};
    // 60 curly apostrophes, no catalog: 60 warnings, 48 listed.
    let name = "a\u{2019}".repeat(60);
    let report = check_current(NameKind::App, vec![name], None);
    let d = &report.results[0].diagnostics;
    assert!(d[..d.len() - 1]
        .iter()
        .all(|d| d.severity == Severity::Warning && d.code == Code::TypographicPunctuation));
    let last = d.last().unwrap();
    assert_eq!(last.code, Code::TooManyFindings);
    assert_eq!(last.severity, Severity::Info);
    assert!(
        last.message
            .starts_with("12 more findings in this name are not listed (0 of them errors)"),
        "{}",
        last.message
    );
}

mod names_findings {
    use luciq_scim::names::{CheckReport, Code, NameKind};

    fn check(names: &[&str], catalog: Option<&[&str]>) -> CheckReport {
        super::check_current(
            NameKind::App,
            names.iter().map(|s| s.to_string()).collect(),
            catalog.map(|c| c.iter().map(|s| s.to_string()).collect()),
        )
    }

    fn fixed(name: &str) -> Option<String> {
        check(&[name], None).results[0].fixed.clone()
    }

    #[test]
    fn controls_are_dropped_and_line_breaks_become_spaces_in_the_fixed_name() {
        // ASCII (the one-pass cleaner) and not (the general one).
        assert_eq!(fixed("Acme\u{7}iOS").as_deref(), Some("AcmeiOS"));
        assert_eq!(fixed("Acme\u{7F}iOS").as_deref(), Some("AcmeiOS"));
        assert_eq!(fixed("Acme\riOS").as_deref(), Some("Acme iOS"));
        assert_eq!(fixed("Café\u{7}App").as_deref(), Some("CaféApp"));
        assert_eq!(fixed("Café\u{2028}App").as_deref(), Some("Café App"));
        assert_eq!(fixed("Café\u{85}App").as_deref(), Some("Café App"));
    }

    #[test]
    fn a_broken_character_and_an_unassigned_one_are_told_apart() {
        let r = check(&["Acme\u{378}", "Acme\u{FFFD}"], None);
        let message = |i: usize| r.results[i].diagnostics[0].message.clone();
        assert_eq!(r.results[0].diagnostics[0].code, Code::InvalidChar);
        assert_eq!(
            message(0),
            "U+0378 <unassigned> at 4: not an assigned, usable character"
        );
        assert!(message(1).ends_with(
            "at 4: a broken character (an unpaired surrogate or text in the wrong encoding)"
        ));
    }

    #[test]
    fn a_look_alike_letter_is_spanned_alone() {
        for (name, end) in [("\u{410}cme iOS", 1), ("Acme i\u{41E}S", 7)] {
            let r = check(&[name], None);
            let d = r.results[0]
                .diagnostics
                .iter()
                .find(|d| d.code == Code::Confusable)
                .unwrap();
            assert_eq!((d.start, d.end), (end - 1, end), "{name}");
        }
    }

    #[test]
    fn a_name_that_stops_short_of_its_look_alike_entry_is_told_so() {
        let r = check(&["Acme"], Some(&["Acme\u{AD}"]));
        let d = &r.results[0].diagnostics[0];
        assert_eq!(d.code, Code::Confusable);
        assert_eq!((d.start, d.end), (4, 4));
        assert!(
            d.message
                .ends_with(": the name ends at 4 where the catalog has U+00AD SOFT HYPHEN"),
            "{}",
            d.message
        );
    }
}

mod names_against_a_catalog {
    use luciq_scim::names::{CheckReport, CheckRequest, Code, Diagnostic, NameKind, Severity};
    use luciq_scim::profile::Setup;

    fn check(kind: NameKind, names: &[&str], catalog: &[&str]) -> CheckReport {
        luciq_scim::check_names(&CheckRequest {
            kind,
            names: names.iter().map(|s| s.to_string()).collect(),
            catalog: Some(catalog.iter().map(|s| s.to_string()).collect()),
            setup: Setup::Current,
            context: None,
        })
    }

    fn find(r: &CheckReport, i: usize, code: Code) -> &Diagnostic {
        r.results[i]
            .diagnostics
            .iter()
            .find(|d| d.code == code)
            .unwrap_or_else(|| panic!("{:?} has no {code:?}", r.results[i].input))
    }

    #[test]
    fn typographic_punctuation_the_catalog_name_has_too_is_not_called_a_difference() {
        let r = check(NameKind::App, &["Bob\u{2019}s  App"], &["Bob\u{2019}s App"]);
        let d = find(&r, 0, Code::TypographicPunctuation);
        assert_eq!(d.severity, Severity::Warning);
        assert!(
            d.message.ends_with(", as the catalog name has it"),
            "{}",
            d.message
        );
        assert_eq!(d.suggestion, None, "the catalog name keeps the character");
        let d = find(&r, 0, Code::RepeatedSpace);
        assert_eq!(d.severity, Severity::Error);
        assert_eq!(d.suggestion.as_deref(), Some("Bob\u{2019}s App"));
        // Where the catalog has the ASCII form, it is a difference and says so.
        let r = check(NameKind::App, &["Bob\u{2019}s App"], &["Bob's App"]);
        let d = find(&r, 0, Code::TypographicPunctuation);
        assert_eq!(d.severity, Severity::Error);
        assert!(d.message.ends_with(", and the catalog has the ASCII form"));
    }

    #[test]
    fn each_suggestion_is_verified_on_its_own() {
        // The clean-up ("Acme Andriod") is not a catalog name, the nearest name is.
        let r = check(
            NameKind::App,
            &["Acme  Andriod"],
            &["Acme Android", "Acme iOS"],
        );
        assert_eq!(find(&r, 0, Code::RepeatedSpace).suggestion, None);
        assert_eq!(
            find(&r, 0, Code::NotInCatalog).suggestion.as_deref(),
            Some("Acme Android")
        );
    }

    #[test]
    fn the_admin_misspelling_rule_is_for_role_values_only() {
        let r = check(NameKind::App, &["administrator"], &["Acme iOS"]);
        let codes: Vec<Code> = r.results[0].diagnostics.iter().map(|d| d.code).collect();
        assert_eq!(codes, vec![Code::NotInCatalog]);
        let r = check(NameKind::Role, &["viewr"], &["viewer", "member"]);
        assert_eq!(
            find(&r, 0, Code::NotInCatalog).message,
            "\"viewr\" is not a catalog role value; nearest: \"viewer\""
        );
    }

    #[test]
    fn a_case_mismatch_after_clean_up_names_the_first_letter_whose_case_differs() {
        let r = check(NameKind::App, &["ACME  iOS"], &["Acme iOS"]);
        let d = find(&r, 0, Code::CaseMismatch);
        assert_eq!((d.start, d.end), (1, 2));
        assert!(d
            .message
            .ends_with(": \"C\" (U+0043) at 1 where the catalog has \"c\" (U+0063)"));
        // Where the letters no longer line up, the first difference.
        let r = check(NameKind::App, &["Acme  IOS"], &["Acme iOS"]);
        let d = find(&r, 0, Code::CaseMismatch);
        assert_eq!((d.start, d.end), (5, 6));
    }

    #[test]
    fn a_look_alike_of_a_catalog_name_is_named_beside_other_findings() {
        // "rn" looks like "m"; the trailing space is a finding of its own.
        let r = check(NameKind::App, &["rn App "], &["m App"]);
        find(&r, 0, Code::EdgeWhitespace);
        let d = find(&r, 0, Code::Confusable);
        assert_eq!((d.start, d.end), (0, 1));
        assert!(d
            .message
            .ends_with(": \"r\" (U+0072) at 0 where the catalog has \"m\" (U+006D)"));
    }
}

#[test]
fn names_shown_with_their_exact_characters() {
    use luciq_scim::names::chars::visible;
    assert_eq!(
        visible("a b\u{200B}\u{7}\u{A0}\u{378}é", true),
        "a␣b⟨U+200B⟩⟨U+0007⟩⟨U+00A0⟩⟨U+0378⟩é"
    );
    assert_eq!(visible("a b\u{200B}", false), "a b⟨U+200B⟩");
}

#[test]
fn fullwidth_punctuation_is_typed_as_its_ascii_form() {
    use luciq_scim::names::{CheckRequest, NameKind};
    let r = luciq_scim::check_names(&CheckRequest {
        kind: NameKind::App,
        names: vec![
            "AC\u{FF0F}DC".into(),
            "A\u{FF1A}B".into(),
            "Why\u{FF1F}".into(),
        ],
        catalog: None,
        setup: luciq_scim::profile::Setup::Current,
        context: None,
    });
    let messages: Vec<&str> = r
        .results
        .iter()
        .map(|x| x.diagnostics[0].message.as_str())
        .collect();
    assert_eq!(
        messages,
        [
            "U+FF0F FULLWIDTH SOLIDUS at 2: typographic punctuation, typed as \"/\" elsewhere",
            "U+FF1A FULLWIDTH COLON at 1: typographic punctuation, typed as \":\" elsewhere",
            "U+FF1F FULLWIDTH QUESTION MARK at 3: typographic punctuation, typed as \"?\" elsewhere",
        ]
    );
}

#[test]
fn two_edit_typos_in_a_large_catalog_find_their_entry_through_the_trigram_search() {
    use luciq_scim::names::{Code, NameKind};
    // 3,000 made-up app names of three syllable words (deterministic), and 60 of them with two
    // letters changed: too far for the one-edit deletion index, so the trigram search ranks.
    const SYL: [&str; 16] = [
        "ka", "lo", "mi", "ne", "ru", "so", "ta", "vi", "be", "do", "fu", "ge", "hi", "jo", "pa",
        "qu",
    ];
    let mut seed: u32 = 12345;
    let mut next = move || {
        seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        (seed >> 16) as usize
    };
    let mut word = |n: usize| -> String {
        let mut w: String = (0..n).map(|_| SYL[next() % 16]).collect();
        w[..1].make_ascii_uppercase();
        w
    };
    let mut catalog: Vec<String> = Vec::new();
    while catalog.len() < 3000 {
        let name = format!("{} {} {}", word(3), word(2), word(3));
        if !catalog.contains(&name) {
            catalog.push(name);
        }
    }
    let queries: Vec<(String, &String)> = catalog
        .iter()
        .step_by(50)
        .map(|entry| {
            let mut c: Vec<char> = entry.chars().collect();
            c[1] = if c[1] == 'x' { 'y' } else { 'x' };
            let last = c.len() - 2;
            c[last] = if c[last] == 'z' { 'w' } else { 'z' };
            (c.into_iter().collect(), entry)
        })
        .collect();
    let report = check_current(
        NameKind::App,
        queries.iter().map(|(q, _)| q.clone()).collect(),
        Some(catalog.clone()),
    );
    let found = report
        .results
        .iter()
        .zip(&queries)
        .filter(|(r, (_, entry))| {
            r.diagnostics
                .iter()
                .find(|d| d.code == Code::NotInCatalog)
                .and_then(|d| d.suggestion.as_ref())
                == Some(*entry)
        })
        .count();
    assert!(
        found >= 57,
        "{found} of {} typos found their entry",
        queries.len()
    );
}

#[test]
fn the_nearest_entry_is_found_behind_ten_closer_looking_longer_names() {
    use luciq_scim::names::{Code, NameKind};
    // The typo shares more trigrams with each longer name (it is their start) than with its
    // own entry, two letters away: the entry is ranked 11th by shared trigrams, so it is found
    // only because the first 24 are all weighed (the longer ones are ruled out by length).
    let entry = "Kalomi Neru Sotavi";
    let typo = "Kxlomi Neru Sotaxi";
    let mut catalog: Vec<String> = (0..10).map(|k| format!("{typo} Extra Words {k}")).collect();
    catalog.push(entry.to_string());
    let report = check_current(NameKind::App, vec![typo.to_string()], Some(catalog));
    let d = report.results[0]
        .diagnostics
        .iter()
        .find(|d| d.code == Code::NotInCatalog)
        .unwrap();
    assert_eq!(d.suggestion.as_deref(), Some(entry), "{}", d.message);
}

#[test]
fn the_nearest_name_search_counts_the_cells_it_fills() {
    use luciq_scim::names::catalog::CatalogIndex;
    // Two letters changed: past the deletion index, one edit distance of 11 × 11 cells.
    let index = CatalogIndex::new(&["Kalomi Neru".to_string(), "Other".to_string()]);
    let (found, work) = index.nearest_counted("Kxlomi Nerx", 3);
    assert_eq!(found, vec![0]);
    assert_eq!(work.cells, 11 * 11);
}

#[test]
fn the_catalog_tables_are_warmed_budget_by_budget_and_not_twice() {
    use luciq_scim::names::catalog::CatalogIndex;
    let catalog: Vec<String> = (0..300).map(|i| format!("Acme App {i}")).collect();
    let calls = |index: &CatalogIndex, budget: usize| {
        let mut calls = 1;
        while !index.warm(budget) {
            assert!(!index.warm_done());
            calls += 1;
            assert!(calls <= 10_000, "warming does not end");
        }
        assert!(index.warm_done());
        calls
    };
    // Four tables of 300 entries in five stages (the deletions' in two passes), 7 entries a
    // call, what is left of a call going on to the next stage: ⌈1,500 / 7⌉ calls.
    assert_eq!(calls(&CatalogIndex::new(&catalog), 7), 215);
    assert_eq!(calls(&CatalogIndex::new(&catalog), 300), 5);
    // A table a lookup built is not built again: the case-folded one (⌈1,200 / 7⌉ calls),
    // then all of them (one call).
    let index = CatalogIndex::new(&catalog);
    index.same_but_case("acme app 1");
    assert_eq!(calls(&index, 7), 172);
    let index = CatalogIndex::new(&catalog);
    index.same_but_case("acme app 1");
    index.same_skeleton("Acme App 1");
    index.nearest("Acme Apq 12", 3);
    index.nearest("Axme Apq 12", 3);
    assert_eq!(calls(&index, 7), 1);
}

#[test]
fn a_name_much_longer_than_its_entry_still_finds_it() {
    use luciq_scim::names::catalog::CatalogIndex;
    // 11 characters more than the only entry (25): within a third of the name's length.
    let index = CatalogIndex::new(&["Kalomi Neru Sotavi Pamira".to_string()]);
    assert_eq!(
        index.nearest("Kalomi Neru Sotavi Pamira Extra Lorem", 3),
        vec![0]
    );
}

#[test]
fn a_private_use_character_is_named_as_such() {
    use luciq_scim::names::{Code, NameKind};
    let r = check_current(NameKind::App, vec!["Acme\u{E000}".into()], None);
    let d = &r.results[0].diagnostics[0];
    assert_eq!(d.code, Code::InvalidChar);
    assert!(
        d.message.starts_with("U+E000 <private use> at 4: "),
        "{}",
        d.message
    );
}

/// `n` lowercase letters, every `step`th of the alphabet in turn (the folded form is the same).
fn letters(n: usize, step: usize) -> String {
    (0..n)
        .map(|i| char::from(b'a' + ((i * step) % 26) as u8))
        .collect()
}

#[test]
fn the_cell_budget_weighs_exactly_24_candidates_of_64_characters() {
    use luciq_scim::names::catalog::{CatalogIndex, NearestWork};
    // 64 characters: past the deletion index, so only the trigram search runs. Thirty entries
    // two substitutions away, all sharing trigrams with the name: the 24 ranked first each get a
    // distance of 64 × 64 cells, which is the budget to the cell.
    let catalog: Vec<String> = (0..30)
        .map(|k| format!("{k:02}{}", "x".repeat(62)))
        .collect();
    let index = CatalogIndex::new(&catalog);
    let (found, work) = index.nearest_counted(&format!("qq{}", "x".repeat(62)), 3);
    assert_eq!(found, vec![0, 1, 2]);
    assert_eq!(work.cells, 24 * 64 * 64);
    assert_eq!(NearestWork::MAX_CELLS, 24 * 64 * 64);
}

#[test]
fn exactly_24_candidates_are_weighed_however_many_share_trigrams() {
    use luciq_scim::names::catalog::CatalogIndex;
    // "Kxlomi Y07" is two edits from "Kalomi X07" (the deletion index has nothing one edit
    // away) and shares three or four trigrams with every entry: each entry is a candidate
    // ("Kalomi X00" to "X06" are three edits away, within the allowed three).
    for entries in [24, 40] {
        let catalog: Vec<String> = (0..entries).map(|i| format!("Kalomi X{i:02}")).collect();
        let index = CatalogIndex::new(&catalog);
        let (found, work) = index.nearest_counted("Kxlomi Y07", 3);
        assert_eq!(found[0], 7, "{entries} entries");
        assert_eq!(work.cells, 24 * 10 * 10, "{entries} entries");
    }
}

#[test]
fn the_trigram_lower_bound_rules_out_an_entry_and_only_past_the_allowed_distance() {
    use luciq_scim::names::catalog::CatalogIndex;
    // 32 distinct characters, and an entry of 32 sharing one trigram (its first): at least
    // ⌈31 / 3⌉ = 11 edits apart, more than the 10 allowed, so no distance is computed.
    let query = "abcdefghijklmnopqrstuvwxyz012345";
    let index = CatalogIndex::new(&[format!("ab{}", "@#%&*+=?!~".repeat(3))]);
    let (found, work) = index.nearest_counted(query, 3);
    assert!(found.is_empty());
    assert_eq!(work.cells, 0);
    // 30 characters and an entry ten substitutions away that keeps two of the 30 trigrams:
    // the bound is 10, exactly the allowed distance, so the entry is weighed and found.
    let query = "abcdefghijklmnopqrstuvwxyz0123";
    let entry = "a4cdef5hi6k7mn8pq9s!uv#xy$01%3";
    let index = CatalogIndex::new(&[entry.to_string()]);
    let (found, work) = index.nearest_counted(query, 3);
    assert_eq!(found, vec![0]);
    assert_eq!(work.cells, 30 * 30);
}

#[test]
fn the_allowed_distance_is_a_third_of_the_longer_name() {
    use luciq_scim::names::catalog::CatalogIndex;
    let index = CatalogIndex::new(&["Kalomi Neru".to_string()]);
    // Three substitutions in eleven characters: within ⌊11 / 3⌋.
    assert_eq!(index.nearest("Kxlomi Nxrx", 3), vec![0]);
    // Eight: too far, though two trigrams are shared.
    assert!(index.nearest("Kalxyzwvuts", 3).is_empty());
}

#[test]
fn a_posting_list_that_fills_the_budget_exactly_is_walked() {
    use luciq_scim::names::catalog::{CatalogIndex, NearestWork};
    // The name (64 characters: no deletion lookup) has two trigrams in the catalog: the end
    // "~~" of 24 entries, then the start "ab" of 1,000: 1,024 postings, the whole budget.
    let mut catalog: Vec<String> = (0..24).map(|i| format!("{i:04}~~")).collect();
    catalog.extend((0..1000).map(|i| format!("ab{i:04}")));
    catalog.push("k".repeat(30));
    let index = CatalogIndex::new(&catalog);
    let (_, work) = index.nearest_counted(&format!("ab{}", "~".repeat(62)), 3);
    assert_eq!(work.postings, 1024);
    assert_eq!(NearestWork::MAX_POSTINGS, 1024);
}

#[test]
fn the_one_edit_lookup_walks_at_most_the_posting_budget() {
    use luciq_scim::names::catalog::CatalogIndex;
    // 2,000 entries one letter longer than "ab": one deletion row each under "ab".
    let catalog: Vec<String> = (0..2000u32)
        .map(|i| format!("ab{}", char::from_u32(0x4E00 + i).unwrap()))
        .collect();
    let index = CatalogIndex::new(&catalog);
    let (found, work) = index.nearest_counted("ab", 3);
    assert_eq!(found, vec![0, 1, 2]);
    assert_eq!(work.postings, 1024);
}

#[test]
fn keys_of_64_characters_are_in_the_deletion_index_and_names_of_64_use_the_trigrams() {
    use luciq_scim::names::catalog::CatalogIndex;
    // A name of 63 characters: the entry one substitution away and the one a letter longer
    // (64 characters, the longest key the deletion index holds) are both one edit away.
    let name = letters(63, 7);
    let mut substituted = name.clone();
    substituted.replace_range(30..31, "9");
    let index = CatalogIndex::new(&[substituted.clone(), format!("{name}9")]);
    assert_eq!(index.nearest(&name, 3), vec![0, 1]);
    // A name of 64 characters is looked up by trigrams, which also find the entry of 65 one
    // edit away (too long for the deletion index).
    let name = letters(64, 7);
    let mut substituted = name.clone();
    substituted.replace_range(30..31, "9");
    let index = CatalogIndex::new(&[substituted, format!("{name}9")]);
    assert_eq!(index.nearest(&name, 3), vec![0, 1]);
}

#[test]
fn candidates_are_ranked_by_shared_trigrams_not_pairs_of_letters() {
    use luciq_scim::names::catalog::CatalogIndex;
    // Forty-eight long entries share every pair of adjacent letters ("ab", "bc", …) or every
    // pair one letter apart ("a.c", "b.d", …) with the name, and not one trigram. Keys built
    // from pairs would rank them all above the entry two substitutions away, and only 24
    // candidates are weighed.
    let query = "abcdefghijkl";
    let entry = "abcxefghyjkl";
    let pairs: Vec<String> = (0..11).map(|i| query[i..i + 2].to_string()).collect();
    let gapped: Vec<String> = (0..10)
        .map(|i| format!("{}.{}", &query[i..i + 1], &query[i + 2..i + 3]))
        .collect();
    let mut catalog: Vec<String> = (0..24)
        .map(|k| format!("-{}-{k:02}", pairs.join("-")))
        .collect();
    catalog.extend((0..24).map(|k| format!("-{}-{k:02}", gapped.join("-"))));
    catalog.push(entry.to_string());
    let index = CatalogIndex::new(&catalog);
    assert_eq!(index.nearest(query, 3), vec![48]);
}

#[test]
fn a_name_that_looks_like_an_entry_only_before_clean_up_is_still_a_look_alike() {
    use luciq_scim::names::{Code, NameKind};
    // The catalog entry ends in a space, with a Greek capital alpha: the name's trimmed form
    // no longer has the same skeleton, its raw form does.
    let r = check_current(
        NameKind::App,
        vec!["Acme App ".into()],
        Some(vec!["\u{391}cme App ".into()]),
    );
    let codes: Vec<Code> = r.results[0].diagnostics.iter().map(|d| d.code).collect();
    assert!(
        codes.contains(&Code::Confusable),
        "{:?}",
        r.results[0].diagnostics
    );
}

#[test]
fn a_space_is_classified_as_a_space_and_a_tab_as_unusual() {
    use luciq_scim::names::chars::{classify, CharClass};
    assert_eq!(classify(Some('a'), ' ', Some('b')), CharClass::Space);
    assert_eq!(classify(None, '\t', None), CharClass::UnusualSpace);
    assert_eq!(classify(None, 'a', None), CharClass::Plain);
}

#[test]
fn every_listed_stand_in_is_typographic_punctuation_whatever_its_category() {
    use luciq_scim::names::chars::{classify, CharClass};
    use luciq_scim::names::{Code, NameKind};
    // The product's list of what keyboards and word processors type in place of ASCII. Two are
    // not punctuation to Unicode (U+2212 MINUS SIGN is a math symbol, U+02BC MODIFIER LETTER
    // APOSTROPHE a letter), and two have prototypes that are not their ASCII (U+2014 EM DASH and
    // U+FF0D FULLWIDTH HYPHEN-MINUS look like a long vowel mark): they were once missed.
    let listed = [
        (
            "\u{2018}\u{2019}\u{201A}\u{201B}\u{2032}\u{02BC}\u{FF07}",
            "'",
        ),
        ("\u{201C}\u{201D}\u{201E}\u{201F}\u{2033}\u{FF02}", "\""),
        (
            "\u{2010}\u{2011}\u{2012}\u{2013}\u{2014}\u{2015}\u{2212}\u{FE63}\u{FF0D}",
            "-",
        ),
        ("\u{2026}", "..."),
    ];
    for (chars, ascii) in listed {
        for c in chars.chars() {
            assert_eq!(
                classify(Some('b'), c, Some('s')),
                CharClass::Typographic(Some(ascii)),
                "U+{:04X}",
                c as u32
            );
            let r = check_current(NameKind::App, vec![format!("Bob{c}s App")], None);
            let d = r.results[0]
                .diagnostics
                .iter()
                .find(|d| d.code == Code::TypographicPunctuation)
                .unwrap_or_else(|| panic!("U+{:04X}: {:?}", c as u32, r.results[0]));
            assert!(
                d.message.contains(&format!("typed as \"{ascii}\"")),
                "{}",
                d.message
            );
            assert_eq!((d.start, d.end), (3, 3 + c.len_utf16()));
        }
    }
}

#[test]
fn other_punctuation_is_typed_as_its_ascii_prototype() {
    use luciq_scim::names::chars::{classify, CharClass};
    // Not on the product's list: each is typographic by its UTS #39 prototype.
    for (c, ascii) in [
        ('\u{055A}', "'"),  // ARMENIAN APOSTROPHE
        ('\u{05F4}', "\""), // HEBREW PUNCTUATION GERSHAYIM (prototype '')
        ('\u{2043}', "-"),  // HYPHEN BULLET
        ('\u{2024}', "."),  // ONE DOT LEADER
        ('\u{FF01}', "!"),  // FULLWIDTH EXCLAMATION MARK
        ('\u{FF1F}', "?"),  // FULLWIDTH QUESTION MARK
        ('\u{0589}', ":"),  // ARMENIAN FULL STOP
        ('\u{2041}', "/"),  // CARET INSERTION POINT
    ] {
        assert_eq!(
            classify(Some('b'), c, Some('s')),
            CharClass::Typographic(Some(ascii)),
            "U+{:04X}",
            c as u32
        );
    }
    // Punctuation with no ASCII prototype: a dash or quote still typographic, other not.
    assert_eq!(
        classify(None, '\u{301C}', None),
        CharClass::Typographic(None)
    );
    assert_eq!(classify(None, '\u{00BF}', None), CharClass::Plain);
}

#[test]
fn c1_controls_and_noncharacters_are_named_as_such() {
    use luciq_scim::names::chars::{classify, CharClass};
    for c in ('\u{80}'..='\u{9F}').chain(['\u{7F}']) {
        assert_eq!(
            classify(Some('a'), c, Some('b')),
            CharClass::Control,
            "U+{:04X}",
            c as u32
        );
    }
    // All 66 noncharacters, and U+FFFD (what a broken surrogate becomes).
    let noncharacters =
        (0xFDD0..=0xFDEF).chain((0..=16).flat_map(|p| [p << 16 | 0xFFFE, p << 16 | 0xFFFF]));
    for c in noncharacters.filter_map(char::from_u32).chain(['\u{FFFD}']) {
        assert_eq!(
            classify(Some('a'), c, Some('b')),
            CharClass::Invalid,
            "U+{:04X}",
            c as u32
        );
    }
}

#[test]
fn a_joiner_is_needed_only_inside_an_emoji_sequence_or_a_joining_word() {
    use luciq_scim::names::chars::{classify, CharClass};
    let (zwj, zwnj) = ('\u{200D}', '\u{200C}');
    let (plain, invisible) = (CharClass::Plain, CharClass::Invisible);
    for (prev, c, next, expected) in [
        // Between two emoji, or after an emoji's presentation selector or skin tone: part of it.
        (Some('\u{1F468}'), zwj, Some('\u{1F469}'), &plain),
        (Some('\u{FE0F}'), zwj, Some('\u{1F525}'), &plain),
        (Some('\u{1F3FB}'), zwj, Some('\u{1F4BB}'), &plain),
        // On one side only, or between letters of a script that does not join: invisible.
        (Some('\u{1F468}'), zwj, Some('a'), &invisible),
        (Some('a'), zwj, Some('\u{1F469}'), &invisible),
        (Some('\u{1F468}'), zwj, None, &invisible),
        // ZWNJ inside an Arabic-script word is spelling; at its edge it is not.
        (Some('\u{645}'), zwnj, Some('\u{6CC}'), &plain),
        (Some('\u{645}'), zwnj, Some('a'), &invisible),
        (Some('a'), zwnj, Some('\u{6CC}'), &invisible),
        (Some('\u{645}'), zwnj, None, &invisible),
    ] {
        assert_eq!(
            &classify(prev, c, next),
            expected,
            "{prev:?} {c:?} {next:?}"
        );
    }
}

#[test]
fn the_look_alike_is_the_letter_of_the_fewer_script() {
    use luciq_scim::names::lookalike::find_lookalikes;
    use unicode_script::Script;
    // Five Cyrillic letters and one Latin "o": the Latin letter is the one out of place.
    let chars: Vec<char> = "М\u{6F}сква".chars().collect();
    let found = find_lookalikes(&chars);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].index, 1);
    assert_eq!(found[0].script, Script::Latin);
    assert_eq!(found[0].expected, Script::Cyrillic);
}

#[test]
fn a_look_alike_between_two_scripts_neither_of_them_latin_is_found() {
    use luciq_scim::names::lookalike::find_lookalikes;
    use unicode_script::Script;
    // A Greek omicron among Cyrillic letters: no character below U+0250 in the name.
    let chars: Vec<char> = "М\u{3BF}сква".chars().collect();
    let found = find_lookalikes(&chars);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!((found[0].index, found[0].script), (1, Script::Greek));
    assert_eq!(found[0].expected, Script::Cyrillic);
}

#[test]
fn a_variable_name_differing_in_case_or_underscores_has_one_candidate() {
    use luciq_scim::names::{Code, NameKind};
    let r = check_current(
        NameKind::Variable,
        vec!["InstabugRole".into(), "Instabug_Applications".into()],
        None,
    );
    for (i, expected) in ["instabugRole", "instabugApplications"].iter().enumerate() {
        let d = r.results[i]
            .diagnostics
            .iter()
            .find(|d| d.code == Code::VariableNameMismatch)
            .unwrap();
        assert_eq!(d.suggestion.as_deref(), Some(*expected));
        assert_eq!(d.alternatives, vec![expected.to_string()], "{}", d.message);
    }
}

#[test]
fn a_variable_name_cut_short_says_where_it_ends() {
    use luciq_scim::names::{Code, NameKind};
    let r = check_current(NameKind::Variable, vec!["instabugRol".into()], None);
    let d = r.results[0]
        .diagnostics
        .iter()
        .find(|d| d.code == Code::VariableNameMismatch)
        .unwrap();
    assert_eq!(
        d.message,
        "Luciq expects the variable name \"instabugRole\" exactly (it is also the external name): it ends at 11 too early"
    );
    assert_eq!((d.start, d.end), (11, 11));
}
