//! The org read through Okta's API against the setup (src/org.rs): the plan to apply converges
//! (schema and mapping), the audit finds each seeded problem and nothing on a clean org, the bulk
//! plan sorts rows into assign / update / unchanged / rejected, and every CSV reads back with no
//! formula cell. The org JSON is modelled on the fake org's scenarios (tests/fake-okta).
#![cfg(not(target_arch = "wasm32"))]

#[path = "support/oracles.rs"]
mod oracles;

use luciq_scim::bulk::{Journal, Response, Scheduler, SchedulerConfig};
use luciq_scim::config::ValueFrom;
use luciq_scim::org::{
    app_user_values_csv, audit_csv, bulk_results_csv, emails_to_resolve, profile_holds,
    user_search, AssignmentKind, BulkAction, FoundUser, MappingAction, OrgRead,
};
use luciq_scim::profile::Setup;
use luciq_scim::users::{check_users, UsersRequest};
use luciq_scim::workspace::Workspace;
use oracles::{okta_schema_update, read_csv};
use serde_json::{json, Value};

const NS: &str = "urn:ietf:params:scim:schemas:extension:instabug:2.0:User";
const APPS: [&str; 3] = ["Acme iOS", "Acme Android", "Acme Web"];

fn ws() -> Workspace {
    let mut ws = Workspace::example();
    ws.admin.catalog = APPS.iter().map(|s| s.to_string()).collect();
    ws
}

fn members(pairs: &[(&str, &str)]) -> Value {
    json!({
        "enum": pairs.iter().map(|p| p.1).collect::<Vec<_>>(),
        "oneOf": pairs.iter().map(|(t, v)| json!({"const": v, "title": t})).collect::<Vec<_>>(),
    })
}

fn schema(custom: Value) -> Value {
    json!({"id": "#", "definitions": {"custom": {"id": "#custom", "type": "object", "properties": custom}}})
}

fn attr(title: &str, extra: Value) -> Value {
    let mut a = json!({"title": title, "description": "", "type": "string", "mutability": "READ_WRITE",
        "scope": "SELF", "permissions": [{"principal": "SELF", "action": "READ_WRITE"}],
        "master": {"type": "PROFILE_MASTER"}, "required": false});
    for (k, v) in extra.as_object().unwrap() {
        a[k] = v.clone();
    }
    a
}

/// The fake's broken org: role without a namespace and with enum drift, apps the legacy string.
fn broken_schema() -> Value {
    let mut role = attr(
        "Instabug Role",
        members(&[
            ("Owner", "owner"),
            ("Admin", "administrator"),
            ("Member", "member"),
            ("Viewer", "viewer"),
            ("Associate", "associate"),
        ]),
    );
    role.as_object_mut().unwrap().remove("externalName");
    let apps = attr(
        "Instabug Applications",
        json!({"externalName": "instabugApplications", "externalNamespace": NS}),
    );
    schema(json!({"instabugRole": role, "instabugApplications": apps}))
}

fn features(provisioning: bool, push: bool) -> Value {
    let s = |on| if on { "ENABLED" } else { "DISABLED" };
    json!([{"name": "USER_PROVISIONING", "status": s(provisioning),
        "capabilities": {"create": {"lifecycleCreate": {"status": "ENABLED"}},
            "update": {"profile": {"status": s(push)}, "lifecycleDeactivate": {"status": "ENABLED"}}}}])
}

fn app_user(id: &str, login: &str, profile: Value) -> Value {
    json!({"id": id, "scope": "USER", "status": "PROVISIONED", "credentials": {"userName": login}, "profile": profile})
}

fn mapping(properties: Value) -> Value {
    json!({"id": "prm1", "source": {"id": "oty1", "type": "user"}, "target": {"id": "0oa1", "type": "appuser"}, "properties": properties})
}

/// Applies a plan's calls as Okta does: the schema's partial updates, the mapping's merge.
fn apply(org: &mut OrgRead, steps: &[luciq_scim::okta::ApiCall]) {
    for s in steps {
        if s.path.contains("/meta/schemas/") {
            okta_schema_update(&mut org.schema, &s.body);
        } else {
            let m = org.mapping.as_mut().unwrap();
            for (k, v) in s.body["properties"].as_object().unwrap() {
                if v["expression"].is_null() {
                    m["properties"].as_object_mut().unwrap().remove(k);
                } else {
                    m["properties"][k] = v.clone();
                }
            }
        }
    }
}

#[test]
fn plan_then_apply_then_plan_again_is_empty_schema_and_mapping() {
    let ws = ws();
    let mut org = OrgRead {
        schema: broken_schema(),
        // The role pushed from an Okta user attribute: the setup sets it on each assignment.
        mapping: Some(mapping(
            json!({"instabugRole": {"expression": "user.luciqRole", "pushStatus": "PUSH"}}),
        )),
        ..OrgRead::default()
    };
    let plan = ws.apply_plan(&org).unwrap();
    let actions: Vec<_> = plan
        .schema
        .attributes
        .iter()
        .map(|a| (a.attribute, a.action.as_str()))
        .collect();
    assert_eq!(
        actions,
        [
            ("instabugRole", "update"),
            ("instabugApplications", "recreate")
        ]
    );
    assert_eq!(plan.loses_values, ["instabugApplications"]);
    let role_map = &plan.mapping[0];
    assert_eq!(role_map.action, MappingAction::Remove);
    assert!(role_map.reason.contains("E0000075"), "{}", role_map.reason);
    assert_eq!(plan.mapping[1].action, MappingAction::None);
    let last = plan.steps.last().unwrap();
    assert_eq!(last.path, "/api/v1/mappings/{mappingId}");
    assert_eq!(
        last.body,
        json!({"properties": {"instabugRole": {"expression": null, "pushStatus": null}}})
    );
    apply(&mut org, &plan.steps);
    let again = ws.apply_plan(&org).unwrap();
    assert!(again.is_empty(), "{:#?}", again.steps);
    assert!(again
        .mapping
        .iter()
        .all(|m| m.action == MappingAction::None));
}

#[test]
fn a_mapping_from_an_okta_attribute_is_added_then_left_alone() {
    let mut ws = ws();
    ws.admin.mapping.role_from = ValueFrom::Attribute;
    ws.admin.mapping.role_attribute = "luciqRole".into();
    let mut org = OrgRead {
        schema: broken_schema(),
        mapping: Some(mapping(json!({}))),
        ..OrgRead::default()
    };
    let plan = ws.apply_plan(&org).unwrap();
    assert_eq!(plan.mapping[0].action, MappingAction::Add);
    assert_eq!(
        plan.steps.last().unwrap().body["properties"]["instabugRole"],
        json!({"expression": "user.luciqRole", "pushStatus": "PUSH"})
    );
    apply(&mut org, &plan.steps);
    assert!(ws.apply_plan(&org).unwrap().is_empty());
    // Mapped otherwise: an update naming both.
    org.mapping.as_mut().unwrap()["properties"]["instabugRole"] =
        json!({"expression": "user.title", "pushStatus": "DONT_PUSH"});
    let plan = ws.apply_plan(&org).unwrap();
    assert_eq!(plan.mapping[0].action, MappingAction::Update);
    assert!(plan.mapping[0].reason.contains("user.title"));
}

#[test]
fn without_the_mapping_read_the_plan_says_so_and_leaves_it() {
    let plan = ws()
        .apply_plan(&OrgRead {
            schema: broken_schema(),
            ..OrgRead::default()
        })
        .unwrap();
    assert!(plan.mapping.is_empty());
    assert_eq!(plan.notes.len(), 1, "{:?}", plan.notes);
    assert!(plan.steps.iter().all(|s| s.path.contains("/meta/schemas/")));
}

#[test]
fn the_audit_finds_each_seeded_problem() {
    let org = OrgRead {
        schema: broken_schema(),
        mapping: Some(mapping(json!({}))),
        features: Some(features(true, false)),
        app_users: Some(vec![
            app_user(
                "00u1",
                "ada@example.com",
                json!({"instabugRole": "administrator", "instabugApplications": "Acme Andr\u{043e}id"}),
            ),
            app_user(
                "00u2",
                "grace@example.com",
                json!({"instabugRole": "Member ", "instabugApplications": "Acme Web\u{a0}"}),
            ),
            app_user("00u3", "alan@example.com", json!({})),
        ]),
        app_groups: Some(vec![
            json!({"id": "00g1", "priority": 0, "profile": {"instabugRole": "viewer", "instabugApplications": ["Acme iOS"]}}),
            json!({"id": "00g2", "priority": 1, "profile": {"instabugRole": "Owner", "instabugApplications": ["Acme Web"]}}),
        ]),
    };
    let audit = ws().audit(&org).unwrap();
    let groups: Vec<_> = audit
        .problems
        .iter()
        .filter(|p| p.kind == AssignmentKind::Group)
        .collect();
    assert_eq!(groups.len(), 1, "{groups:#?}");
    assert_eq!(
        (
            groups[0].user_id.as_str(),
            groups[0].attribute,
            groups[0].suggestion.as_deref()
        ),
        ("00g2", "instabugRole", Some("owner"))
    );
    let group_check = audit.checks.iter().find(|c| c.code == "groups").unwrap();
    assert!(!group_check.ok);
    assert!(
        group_check.message.starts_with("1 of 2 group assignments"),
        "{}",
        group_check.message
    );
    let failing: Vec<&str> = audit
        .checks
        .iter()
        .filter(|c| !c.ok)
        .map(|c| c.code.as_str())
        .collect();
    assert!(failing.contains(&"profile-push-off"), "{failing:?}");
    assert!(!failing.contains(&"provisioning-off"));
    assert!(
        failing.iter().any(|c| c.contains("namespace")),
        "{failing:?}"
    );
    assert!(failing.iter().any(|c| c.contains("type")), "{failing:?}");
    assert!(failing.iter().any(|c| c.contains("enum")), "{failing:?}");
    assert_eq!(audit.users.total, 3);
    assert_eq!(audit.users.failing, 2, "the users only");
    assert_eq!(audit.users.without_values, 1);
    let ada: Vec<_> = audit
        .problems
        .iter()
        .filter(|p| p.user_id == "00u1")
        .collect();
    // The legacy string, and each value named to the character.
    assert!(ada.iter().any(|p| p.code == "legacy-string"));
    let role = ada.iter().find(|p| p.attribute == "instabugRole").unwrap();
    assert_eq!(role.suggestion.as_deref(), Some("adminstrator"));
    let android = ada
        .iter()
        .find(|p| p.attribute == "instabugApplications" && p.code != "legacy-string")
        .unwrap();
    assert!(android.message.contains("U+043E"), "{}", android.message);
    assert_eq!(android.suggestion.as_deref(), Some("Acme Android"));
    let csv = audit_csv(&audit);
    let rows = read_csv(&csv);
    assert_eq!(rows.len(), 1 + audit.checks.len() + audit.problems.len());
    assert!(rows
        .iter()
        .flatten()
        .all(|c| !c.starts_with(['=', '+', '-', '@', '\t', '\r'])));
}

#[test]
fn the_audit_of_a_clean_org_finds_nothing() {
    let ws = ws();
    let mut org = OrgRead {
        schema: broken_schema(),
        mapping: Some(mapping(json!({}))),
        features: Some(features(true, true)),
        app_users: Some(vec![
            app_user(
                "00u1",
                "ada@example.com",
                json!({"instabugRole": "adminstrator", "instabugApplications": ["Acme iOS", "Acme Android"]}),
            ),
            app_user(
                "00u2",
                "grace@example.com",
                json!({"instabugRole": "member", "instabugApplications": ["Acme Web"]}),
            ),
        ]),
        app_groups: Some(vec![
            json!({"id": "00g1", "profile": {"instabugRole": "viewer"}}),
        ]),
    };
    let plan = ws.apply_plan(&org).unwrap();
    apply(&mut org, &plan.steps);
    let audit = ws.audit(&org).unwrap();
    assert_eq!(audit.failures, 0, "{:#?}", audit.checks);
    assert!(audit.problems.is_empty());
    assert_eq!(audit.users.ok, 2);
    // An app without a provisioning feature: said, not guessed.
    org.features = Some(json!([]));
    let audit = ws.audit(&org).unwrap();
    assert_eq!(audit.failures, 1);
    assert_eq!(audit.checks[0].code, "provisioning-off");
}

fn report(csv: &str) -> luciq_scim::users::UsersReport {
    let ws = ws();
    let mut req: UsersRequest = ws.users_request().unwrap();
    req.csv = csv.into();
    check_users(req).unwrap()
}

#[test]
fn the_bulk_plan_sorts_every_row() {
    let file = "email,role,apps\n\
        ada@example.com,adminstrator,Acme iOS|Acme Android\n\
        grace@example.com,viewer,Acme Web\n\
        new@example.com,member,Acme iOS\n\
        NEW@example.com,viewer,Acme iOS\n\
        twin@example.com,member,Acme iOS\n\
        nobody@example.com,member,Acme iOS\n\
        bad@example.com,administrator,Acme iOS\n";
    let r = report(file);
    assert_eq!(
        emails_to_resolve(&r),
        [
            "ada@example.com",
            "grace@example.com",
            "new@example.com",
            "twin@example.com",
            "nobody@example.com"
        ]
    );
    let found = [
        ("00u1", "ada@example.com"),
        ("00u2", "grace@example.com"),
        ("00u3", "new@example.com"),
        ("00u4", "twin@example.com"),
        ("00u5", "twin@example.com"),
    ]
    .map(|(id, login)| FoundUser {
        id: id.into(),
        login: login.into(),
        email: login.into(),
    });
    let assigned = [
        app_user(
            "00u1",
            "ada@example.com",
            json!({"instabugRole": "adminstrator", "instabugApplications": ["Acme iOS", "Acme Android"]}),
        ),
        app_user(
            "00u2",
            "grace@example.com",
            json!({"instabugRole": "member", "instabugApplications": ["Acme Web"]}),
        ),
    ];
    let plan = ws().bulk_plan(&r, &found, &assigned).unwrap();
    let actions: Vec<_> = plan.rows.iter().map(|row| row.action).collect();
    use BulkAction::*;
    assert_eq!(
        actions,
        [Unchanged, Update, Assign, Rejected, Rejected, Rejected, Rejected]
    );
    assert_eq!(plan.sends, [1, 2]);
    assert_eq!(
        (
            plan.counts.assign,
            plan.counts.update,
            plan.counts.unchanged,
            plan.counts.rejected
        ),
        (1, 1, 1, 4)
    );
    let update = plan.rows[1].call.as_ref().unwrap();
    assert_eq!(update.path, "/api/v1/apps/{appId}/users/00u2");
    assert_eq!(
        update.body,
        json!({"profile": {"instabugRole": "viewer", "instabugApplications": ["Acme Web"]}})
    );
    let assign = plan.rows[2].call.as_ref().unwrap();
    assert_eq!(assign.path, "/api/v1/apps/{appId}/users");
    assert_eq!(
        assign.body,
        json!({"id": "00u3", "scope": "USER", "credentials": {"userName": "new@example.com"},
            "profile": {"instabugRole": "member", "instabugApplications": ["Acme iOS"]}})
    );
    assert!(
        plan.rows[3].reasons[0].contains("line 4"),
        "{:?}",
        plan.rows[3].reasons
    );
    assert!(
        plan.rows[4].reasons[0].contains("2 Okta users"),
        "{:?}",
        plan.rows[4].reasons
    );
    assert!(plan.rows[5].reasons[0].contains("No Okta user"));
    assert!(
        plan.rows[6].reasons[0].starts_with("role: "),
        "{:?}",
        plan.rows[6].reasons
    );

    // The read-back of a send: Okta holds the values, or does not.
    let want = &plan.rows[2].want;
    assert!(profile_holds(
        want,
        &app_user(
            "00u3",
            "new@example.com",
            json!({"instabugRole": "member", "instabugApplications": ["Acme iOS"], "other": 1})
        )
    ));
    assert!(!profile_holds(
        want,
        &app_user("00u3", "new@example.com", json!({"instabugRole": "member"}))
    ));

    // The result of a job, one line per row, the scheduler's outcome for the rows sent.
    let mut s = Scheduler::new(SchedulerConfig::default(), plan.sends.len());
    let now = 1_800_000_000_000;
    let luciq_scim::bulk::Action::Send { row, .. } = s.next(now) else {
        panic!()
    };
    s.on_response(row, now + 5, &Response::status(200)).unwrap();
    let journal: Journal = s.to_journal();
    let csv = bulk_results_csv(&plan, &journal.rows);
    let lines = read_csv(&csv);
    assert_eq!(
        lines[0],
        ["line", "email", "userId", "action", "result", "status", "code", "message"]
    );
    assert_eq!(lines.len(), 8);
    assert_eq!(lines[2][3..6], ["update", "done", "200"]);
    assert_eq!(lines[3][3..5], ["assign", "not sent"]);
    assert_eq!(lines[6][3..5], ["rejected", "rejected"]);
}

#[test]
fn a_search_names_each_email_as_login_or_email_and_skips_quotes() {
    assert_eq!(
        user_search(&["a@x.com".into(), "b\"@x.com".into()]),
        r#"profile.login eq "a@x.com" or profile.email eq "a@x.com""#
    );
}

#[test]
fn the_values_csv_is_a_users_file_without_formulas() {
    let csv = app_user_values_csv(&[
        app_user(
            "00u1",
            "=cmd@example.com",
            json!({"instabugRole": "-1", "instabugApplications": ["@A", "B"]}),
        ),
        app_user(
            "00u2",
            "b@example.com",
            json!({"instabugApplications": "Legacy"}),
        ),
    ]);
    let rows = read_csv(&csv);
    assert_eq!(rows[0], ["email", "role", "apps", "id"]);
    assert_eq!(rows[1], ["'=cmd@example.com", "'-1", "'@A|B", "00u1"]);
    assert_eq!(rows[2], ["b@example.com", "", "Legacy", "00u2"]);
}

#[test]
fn hostile_responses_read_as_absent_never_a_panic() {
    let ws = ws();
    for schema in [
        json!({}),
        json!({"definitions": 3}),
        json!({"definitions": {"custom": {"properties": []}}}),
    ] {
        let org = OrgRead {
            schema,
            mapping: Some(json!({"properties": "x"})),
            features: Some(json!({"not": "a list"})),
            app_users: Some(vec![
                json!(null),
                json!({"profile": {"instabugRole": 3, "instabugApplications": [1, null]}}),
            ]),
            app_groups: Some(vec![json!(7), json!({"id": {"x": 1}, "profile": []})]),
        };
        let audit = ws.audit(&org).unwrap();
        assert_eq!(audit.users.total, 2);
        assert!(audit.problems.iter().any(|p| p.code == "wrong-type"));
        let _ = ws.apply_plan(&org).unwrap();
    }
    let _ = Setup::Current;
}

#[test]
fn a_type_change_is_named_with_its_article() {
    let org = OrgRead {
        schema: schema(
            json!({"instabugRole": {"title": "Instabug Role", "type": "integer"},
            "instabugApplications": {"title": "Instabug Applications", "type": "array"}}),
        ),
        ..OrgRead::default()
    };
    let plan = ws().apply_plan(&org).unwrap();
    let first = |i: usize| plan.schema.attributes[i].reasons[0].message.clone();
    assert!(
        first(0).starts_with("instabugRole is an integer and must be a string:"),
        "{}",
        first(0)
    );
    assert!(
        first(1).starts_with("instabugApplications is an array and must be a string array:"),
        "{}",
        first(1)
    );
}
