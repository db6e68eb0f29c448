//! Native tests of the workspace: what the page and the side panel show for each setup, scope and
//! set of inputs (every output block, built or not, and its exact text), the requests of each
//! check, what a role edit changes, and the configuration round trip.
#![cfg(not(target_arch = "wasm32"))]

use luciq_scim::config::{config_from_json, config_to_json, Config, ValueFrom};
use luciq_scim::console::console_checklist;
use luciq_scim::export::curl::export_curl;
use luciq_scim::export::terraform::export_terraform;
use luciq_scim::export::{ExportRequest, MappingSources};
use luciq_scim::names::NameKind;
use luciq_scim::okta::mapping::{build_mapping_payload, MappingRequest, PushStatus, Source};
use luciq_scim::okta::plan::{plan_schema, PlanRequest};
use luciq_scim::okta::schema::{build_schema_payload, SchemaRequest};
use luciq_scim::profile::{builtin_roles, Role, Scope, Setup};
use luciq_scim::scim::{preview_scim, PreviewRequest};
use luciq_scim::users::{assignments_ndjson, check_users, UsersReport};
use luciq_scim::workspace::{
    example_names, lines, names_replaceable, role_changes, Changes, OutputKind, OutputsRun,
    Workspace, AHEAD_NAMES,
};

const SETUPS: [Setup; 2] = [Setup::Current, Setup::Legacy];
const SCOPES: [Scope; 2] = [Scope::Personal, Scope::Group];

fn pretty<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string_pretty(v).unwrap()
}

fn users(ws: &Workspace) -> Option<UsersReport> {
    ws.users_request().map(|r| check_users(r).unwrap())
}

fn kinds(ws: &Workspace) -> Vec<OutputKind> {
    ws.outputs(users(ws).as_ref())
        .blocks
        .iter()
        .map(|o| o.kind)
        .collect()
}

fn block(ws: &Workspace, kind: OutputKind) -> (String, bool) {
    let out = ws.outputs(users(ws).as_ref());
    let b = out.blocks.iter().find(|o| o.kind == kind).unwrap();
    (b.text.clone(), b.built)
}

fn example(setup: Setup, scope: Scope) -> Workspace {
    let mut ws = Workspace::example();
    ws.admin.setup = setup;
    ws.admin.scope = scope;
    ws
}

#[test]
fn every_setup_and_scope_shows_the_same_blocks_in_order_and_the_schema_is_the_builders() {
    use OutputKind::*;
    for setup in SETUPS {
        for scope in SCOPES {
            let ws = example(setup, scope);
            assert_eq!(
                kinds(&ws),
                [Schema, Mapping, Assignments, Group, Scim, Curl, Terraform],
                "{setup:?} {scope:?}: no plan without a pasted schema"
            );
            let (text, built) = block(&ws, Schema);
            let want = build_schema_payload(&SchemaRequest {
                setup,
                roles: Some(builtin_roles()),
                apps: ws.catalog(),
                scope,
            })
            .unwrap();
            assert!(built);
            assert_eq!(text, pretty(&want.body), "{setup:?} {scope:?}");
            // Without a group id, an org or an app id, those blocks say what is missing.
            assert_eq!(
                block(&ws, Group),
                (
                    "Enter an Okta group id above to build this.".to_string(),
                    false
                )
            );
            for kind in [Curl, Terraform] {
                assert_eq!(
                    block(&ws, kind),
                    (
                        "Enter the Okta org and the Luciq app id above to build this.".to_string(),
                        false
                    )
                );
            }
            assert_eq!(
                block(&ws, Mapping),
                (
                    "Both attributes are set on each assignment: no mapping is needed.".to_string(),
                    false
                )
            );
        }
    }
}

#[test]
fn the_users_file_gives_the_assignments_the_scim_preview_and_the_scripts_users() {
    for setup in SETUPS {
        let mut ws = example(setup, Scope::Personal);
        ws.work.users_csv = "email,role,apps,id\n\
            ada@example.com,member,Acme iOS,00u1ada\n\
            grace@example.com,administrator,Acme iOS,00u2gra\n\
            linus@example.com,viewer,Acme Android,\n"
            .into();
        let report = users(&ws).unwrap();
        let (text, built) = block(&ws, OutputKind::Assignments);
        assert!(built);
        assert_eq!(text, assignments_ndjson(&report, setup));
        // The preview is the first ready row's.
        let out = ws.outputs(Some(&report));
        let scim = out
            .blocks
            .iter()
            .find(|o| o.kind == OutputKind::Scim)
            .unwrap();
        assert_eq!(
            scim.title,
            "SCIM preview: what Luciq receives for ada@example.com (line 2)"
        );
        let want = preview_scim(&PreviewRequest {
            setup,
            user_name: "ada@example.com".into(),
            role: Some("member".into()),
            apps: Some(vec!["Acme iOS".into()]),
            roles: Some(builtin_roles()),
            catalog: ws.catalog(),
            ..Default::default()
        })
        .unwrap();
        assert!(want.warnings.is_empty());
        assert_eq!(scim.text, pretty(&want.user));
        // The scripts carry the ready rows that have an id: ada (grace is not ready, linus has
        // no id).
        let script_users = Workspace::script_users(Some(&report));
        assert_eq!(
            script_users
                .iter()
                .map(|u| u.user_id.as_str())
                .collect::<Vec<_>>(),
            ["00u1ada"]
        );
        ws.admin.org = "acme.okta.com".into();
        ws.admin.app_id = "0oa1abcd".into();
        let export = ExportRequest {
            setup,
            roles: Some(builtin_roles()),
            apps: ws.catalog(),
            scope: Scope::Personal,
            org: "acme.okta.com".into(),
            app_id: "0oa1abcd".into(),
            mapping: None,
            mapping_id: None,
            users: script_users,
        };
        assert_eq!(
            block(&ws, OutputKind::Curl),
            (export_curl(&export).unwrap(), true)
        );
        assert_eq!(
            block(&ws, OutputKind::Terraform),
            (export_terraform(&export).unwrap(), true)
        );
    }
}

#[test]
fn without_a_users_file_or_a_ready_row_the_blocks_say_so() {
    let mut ws = Workspace::example();
    ws.work.users_csv = "  \n".into();
    assert!(ws.users_request().is_none());
    assert_eq!(
        block(&ws, OutputKind::Assignments),
        (
            "Paste or open a users file above to build these.".to_string(),
            false
        )
    );
    assert_eq!(
        block(&ws, OutputKind::Scim),
        (
            "Needs a users file with at least one ready row.".to_string(),
            false
        )
    );
    ws.work.users_csv = "email,role,apps\ngrace@example.com,administrator,Acme iOS\n".into();
    assert_eq!(
        block(&ws, OutputKind::Assignments),
        (
            "No row of the users file is ready to assign.".to_string(),
            false
        )
    );
}

#[test]
fn the_mapping_follows_where_each_attribute_comes_from() {
    for setup in SETUPS {
        let mut ws = example(setup, Scope::Personal);
        assert!(ws.mapping_sources().is_none());
        ws.admin.mapping.role_from = ValueFrom::Attribute;
        ws.admin.mapping.role_attribute = "luciqRole".into();
        // The apps attribute name is kept but not used while the apps come from assignments.
        ws.admin.mapping.apps_attribute = "luciqApps".into();
        let m = ws.mapping_sources().unwrap();
        assert_eq!(
            m.role,
            Source::Attribute {
                attribute: "luciqRole".into()
            }
        );
        assert_eq!(m.apps, Source::Assignment);
        assert_eq!(m.push_status, PushStatus::Push);
        let want = build_mapping_payload(&MappingRequest {
            role: m.role.clone(),
            apps: m.apps.clone(),
            push_status: PushStatus::Push,
            setup,
            roles: Some(builtin_roles()),
            catalog: ws.catalog(),
        })
        .unwrap();
        assert_eq!(block(&ws, OutputKind::Mapping), (pretty(&want.body), true));
        ws.admin.mapping.apps_from = ValueFrom::Attribute;
        let m: MappingSources = ws.mapping_sources().unwrap();
        assert_eq!(
            m.apps,
            Source::Attribute {
                attribute: "luciqApps".into()
            }
        );
        // A name Okta would refuse is not built, and the block says why.
        ws.admin.mapping.role_attribute = "luciq role".into();
        let (text, built) = block(&ws, OutputKind::Mapping);
        assert!(!built);
        assert!(text.starts_with("Not built: "), "{text}");
    }
}

#[test]
fn the_group_assignment_needs_a_group_scope_a_whole_priority_and_a_role_of_the_table() {
    let mut ws = example(Setup::Current, Scope::Group);
    ws.admin.group.group_id = "00g1abcd".into();
    ws.admin.group.priority = "x1".into();
    assert_eq!(
        block(&ws, OutputKind::Group),
        (
            "Not built: priority \"x1\" is not a whole number".to_string(),
            false
        )
    );
    ws.admin.group.priority = " 2 ".into();
    ws.admin.group.role = "viewer".into();
    ws.admin.group.apps = "Acme iOS|Acme Android".into();
    let req = ws.group_request().unwrap().unwrap();
    assert_eq!(req.priority, Some(2));
    assert_eq!(req.role.as_deref(), Some("viewer"));
    assert_eq!(
        req.apps,
        Some(vec!["Acme iOS".to_string(), "Acme Android".to_string()])
    );
    let (text, built) = block(&ws, OutputKind::Group);
    assert!(built, "{text}");
    let body: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(body["priority"], 2);
    assert_eq!(body["profile"]["instabugRole"], "viewer");
    // No priority is no priority, not zero.
    ws.admin.group.priority = String::new();
    assert_eq!(ws.group_request().unwrap().unwrap().priority, None);
    // A role since removed from the table is no longer chosen.
    ws.admin.roles.retain(|r| r.value != "viewer");
    assert_eq!(ws.group_role(), None);
    assert_eq!(ws.group_request().unwrap().unwrap().role, None);
    // Okta ignores Personal attributes on group assignments: refused with the reason.
    ws.admin.scope = Scope::Personal;
    let (text, built) = block(&ws, OutputKind::Group);
    assert!(!built);
    assert!(text.starts_with("Not built: "), "{text}");
}

#[test]
fn a_pasted_schema_gets_the_plan_first_and_bad_json_says_where() {
    let mut ws = Workspace::example();
    assert!(ws.plan().is_none());
    ws.work.current_schema = "{\"definitions\": ".into();
    let err = ws.plan().unwrap().unwrap_err();
    assert!(
        err.starts_with("The pasted schema is not valid JSON: EOF while parsing"),
        "{err}"
    );
    let out = ws.outputs(None);
    assert_eq!(out.blocks[0].kind, OutputKind::Plan);
    assert_eq!(
        (out.blocks[0].text.as_str(), out.blocks[0].built),
        (err.as_str(), false)
    );

    let current = serde_json::json!({"definitions": {"custom": {"id": "#custom", "type": "object", "properties": {
        "instabugRole": {"title": "Instabug Role", "type": "string"}}}}});
    ws.work.current_schema = current.to_string();
    let want = plan_schema(&PlanRequest {
        current,
        setup: Setup::Current,
        roles: Some(builtin_roles()),
        apps: ws.catalog(),
        scope: Scope::Personal,
    })
    .unwrap();
    let out = ws.outputs(None);
    assert_eq!(out.plan.as_ref().unwrap().as_ref().unwrap(), &want);
    assert_eq!(out.blocks[0].text, pretty(&want));
    assert!(out.blocks[0].built);
}

#[test]
fn the_checks_requests_follow_the_kind_and_the_catalog() {
    let mut ws = Workspace::example();
    let req = ws.names_request();
    assert_eq!(req.kind, NameKind::App);
    assert_eq!(req.catalog, ws.catalog());
    assert_eq!(req.names.len(), example_names(NameKind::App).len());
    assert!(ws.names_depend_on().intersects(Changes::CATALOG));
    assert!(!ws.names_depend_on().intersects(Changes::ROLE_VALUES));

    ws.work.names_kind = NameKind::Role;
    let req = ws.names_request();
    assert_eq!(req.catalog, Some(ws.role_values()));
    assert!(ws.names_depend_on().intersects(Changes::ROLE_VALUES));
    assert!(!ws.names_depend_on().intersects(Changes::CATALOG));

    ws.work.names_kind = NameKind::Variable;
    assert_eq!(ws.names_request().catalog, None);
    for c in [
        Changes::ROLE_TITLES,
        Changes::ORG,
        Changes::APP_ID,
        Changes::USERS_REPORT,
    ] {
        assert!(!ws.names_depend_on().intersects(c));
    }

    // A catalog of blank lines is no catalog.
    ws.admin.catalog = vec!["".into(), "  ".into()];
    assert_eq!(ws.catalog(), None);
    assert!(ws.catalog_request().is_none());
    assert_eq!(ws.users_request().unwrap().catalog, None);
    assert_eq!(ws.checklist_request().catalog, None);
    // The checklist and the schema block agree on the catalog.
    let list = console_checklist(&ws.checklist_request());
    assert!(list.findings.is_empty());
}

#[test]
fn a_title_alone_changes_no_check() {
    let old = builtin_roles();
    let mut titled = old.clone();
    titled[2].title.push('s');
    assert_eq!(role_changes(&old, &titled), Changes::ROLE_TITLES);
    let mut valued = old.clone();
    valued[2].value = "Member".into();
    assert_eq!(role_changes(&old, &valued), Changes::ROLE_VALUES);
    let mut confirmed = old.clone();
    confirmed[0].confirmed = true;
    assert_eq!(role_changes(&old, &confirmed), Changes::ROLE_VALUES);
    let mut added = old.clone();
    added.push(Role {
        title: "Guest".into(),
        value: "guest".into(),
        confirmed: false,
    });
    assert_eq!(
        role_changes(&old, &added),
        Changes::ROLE_VALUES | Changes::ROLE_TITLES
    );
    assert_eq!(role_changes(&old, &old), Changes::NONE);
    assert!(!Changes::USERS_REPORT.touches_saved());
    assert!(Changes::ROLE_TITLES.touches_saved());
}

#[test]
fn the_workspace_is_the_configuration_file_both_ways() {
    let mut ws = Workspace::example();
    ws.admin.org = "acme.okta.com".into();
    ws.admin.mapping.role_from = ValueFrom::Attribute;
    ws.work.current_schema = "{}".into();
    let text = config_to_json(&ws.to_config());
    let back: Workspace = config_from_json(&text).unwrap().into();
    assert_eq!(back, ws);
    assert_eq!(Workspace::from(Config::default()), Workspace::default());
}

#[test]
fn closed_sets_use_their_wire_names() {
    for (setup, name) in [(Setup::Current, "current"), (Setup::Legacy, "legacy")] {
        assert_eq!(setup.as_str(), name);
        assert_eq!(Setup::parse(name), Some(setup));
    }
    for (scope, name) in [(Scope::Personal, "SELF"), (Scope::Group, "NONE")] {
        assert_eq!(scope.as_str(), name);
        assert_eq!(Scope::parse(name), Some(scope));
    }
    for (kind, name) in [
        (NameKind::App, "app"),
        (NameKind::Role, "role"),
        (NameKind::Variable, "variable"),
    ] {
        assert_eq!(kind.as_str(), name);
        assert_eq!(NameKind::parse(name), Some(kind));
    }
    assert_eq!(ValueFrom::Attribute.as_str(), "attribute");
    assert_eq!(Setup::parse("Current"), None);
    assert_eq!(Scope::parse(""), None);
}

#[test]
fn an_example_gives_way_to_another_kinds_but_typed_names_stay() {
    let as_vec = |k| {
        example_names(k)
            .iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>()
    };
    assert!(names_replaceable(&as_vec(NameKind::App)));
    assert!(names_replaceable(&as_vec(NameKind::Role)));
    assert!(names_replaceable(&[]));
    assert!(names_replaceable(&[" ".into(), "".into()]));
    assert!(!names_replaceable(&["Acme iOS".into()]));
    let mut almost = as_vec(NameKind::Role);
    almost.pop();
    assert!(!names_replaceable(&almost));
}

#[test]
fn text_boxes_are_lines() {
    assert_eq!(lines("a\r\nb\n"), ["a", "b"]);
    assert_eq!(lines("a\n\n"), ["a", ""]);
    assert_eq!(lines(""), Vec::<String>::new());
}

#[test]
fn the_fill_plan_is_the_checklists_attribute_step() {
    use luciq_scim::console::StepId;
    use luciq_scim::workspace::FillTarget;
    for setup in SETUPS {
        for scope in SCOPES {
            let ws = example(setup, scope);
            let list = console_checklist(&ws.checklist_request());
            for (target, id) in [
                (FillTarget::Role, StepId::RoleAttribute),
                (FillTarget::Apps, StepId::AppsAttribute),
            ] {
                let plan = ws.fill_plan(target).unwrap();
                assert_eq!(plan.step.id, id);
                assert_eq!(Some(&plan.step), list.steps.iter().find(|s| s.id == id));
                // The dialog's own labels are the console's (src/labels.rs).
                assert_eq!(plan.dialog.title, "Add Attribute");
                assert_eq!(plan.dialog.members, "Attribute members");
                assert_eq!(
                    plan.dialog.required,
                    ["Data type", "Display name", "Variable name"]
                );
                // Every members row's field is one of the dialog's two row labels.
                for f in plan.step.fields.iter().filter(|f| f.member_row.is_some()) {
                    assert!(
                        [
                            plan.dialog.member_name.as_str(),
                            plan.dialog.member_value.as_str()
                        ]
                        .contains(&f.label),
                        "{}",
                        f.label
                    );
                }
            }
            // One "Attribute members" row per role, with the table's values.
            let role = ws.fill_plan(FillTarget::Role).unwrap().step;
            let values: Vec<&str> = role
                .fields
                .iter()
                .filter(|f| f.member_row.is_some() && f.label == "Value")
                .map(|f| f.value.as_str())
                .collect();
            assert_eq!(values, ws.role_values());
        }
    }
}

#[test]
fn drift_names_what_the_console_shows_that_the_setup_does_not() {
    use luciq_scim::names::Code;
    use luciq_scim::workspace::FillTarget;
    let mut ws = Workspace::example();
    ws.admin.catalog = vec!["Acme iOS".into(), "Acme Android".into(), "Acme Web".into()];
    let shown = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let role = ws.drift(
        FillTarget::Role,
        &shown(&["owner", "administrator", "member", "viewer", "associate"]),
    );
    assert_eq!(role.missing, ["adminstrator", "observer"]);
    assert_eq!(role.matching, 4);
    assert_eq!(role.extra.len(), 1);
    assert_eq!(role.extra[0].input, "administrator");
    assert!(role.extra[0]
        .diagnostics
        .iter()
        .any(|d| d.code == Code::AdminRoleValue));

    let apps = ws.drift(
        FillTarget::Apps,
        &shown(&["Acme iOS", "Acme Andr\u{43E}id", "Acme Web ", "Old App"]),
    );
    assert_eq!(apps.missing, ["Acme Android", "Acme Web"]);
    assert_eq!(apps.matching, 1);
    let codes =
        |i: usize| -> Vec<Code> { apps.extra[i].diagnostics.iter().map(|d| d.code).collect() };
    assert_eq!(apps.extra[0].input, "Acme Andr\u{43E}id");
    assert!(codes(0).contains(&Code::Confusable), "{:?}", codes(0));
    assert!(apps.extra[0].diagnostics[0].message.contains("U+043E"));
    assert!(codes(1).contains(&Code::EdgeWhitespace), "{:?}", codes(1));
    assert!(codes(2).contains(&Code::NotInCatalog), "{:?}", codes(2));
    // Nothing differs: nothing to say.
    let same = ws.drift(FillTarget::Apps, &ws.admin.catalog.clone());
    assert!(same.missing.is_empty() && same.extra.is_empty());
    assert_eq!(same.matching, 3);
}

/// The assignment form's labels follow the setup's attribute display names; the panel's choices
/// are the role table and the catalog, in order.
#[test]
fn assignment_form_labels_and_choices() {
    for setup in SETUPS {
        let mut ws = example(setup, Scope::Personal);
        ws.admin.catalog = vec!["Acme iOS".into(), "".into(), "Acme Web".into()];
        let form = ws.assignment_form();
        let profile = luciq_scim::profile::luciq_profile(setup);
        assert_eq!(form.role_label, profile.attributes[0].display_name);
        assert_eq!(form.apps_label, profile.attributes[1].display_name);
        assert_eq!(form.save, ["Save and Go Back", "Save"]);
        assert_eq!(form.add_another, "Add Another");
        let values: Vec<_> = form.roles.iter().map(|r| r.value.as_str()).collect();
        assert_eq!(values, ws.role_values());
        assert_eq!(form.roles[1].title, ws.admin.roles[1].title);
        assert_eq!(form.apps, ws.admin.catalog);
    }
}

/// Each value of an assignment form is checked the way the users file checks its cells: exact
/// values pass, a near-miss names the character and offers the exact value, which passes.
#[test]
fn assignment_values_are_checked_with_suggestions_that_pass() {
    let mut ws = example(Setup::Current, Scope::Personal);
    ws.admin.catalog = vec!["Acme iOS".into(), "Acme Android".into(), "Acme Web".into()];
    let apps: Vec<String> = [
        "Acme iOS",
        "Acme Andr\u{43e}id",
        "Acme Web ",
        "Old App",
        "",
        "Acme iOS",
    ]
    .map(String::from)
    .to_vec();
    let check = ws.check_assignment(Some("administrator"), &apps);
    let role = check.role.as_ref().unwrap();
    assert!(!role.ok);
    assert_eq!(role.suggestion.as_deref(), Some("adminstrator"), "{role:?}");
    assert!(
        role.message.as_deref().unwrap().contains("administrator"),
        "{role:?}"
    );
    // The empty row is skipped: five values, in order.
    let got: Vec<_> = check
        .apps
        .iter()
        .map(|v| (v.value.as_str(), v.ok))
        .collect();
    assert_eq!(
        got,
        [
            ("Acme iOS", true),
            ("Acme Andr\u{43e}id", false),
            ("Acme Web ", false),
            ("Old App", false),
            ("Acme iOS", true)
        ]
    );
    let cyrillic = &check.apps[1];
    assert_eq!(cyrillic.suggestion.as_deref(), Some("Acme Android"));
    let m = cyrillic.message.as_deref().unwrap();
    assert!(
        m.contains("U+043E") && m.contains("at 9 "),
        "names the character and its position: {m}"
    );
    assert_eq!(check.apps[2].suggestion.as_deref(), Some("Acme Web"));
    assert_eq!(
        check.apps[3].code.map(|c| c.as_str()),
        Some("not-in-catalog")
    );
    assert_eq!(check.apps[4].code.map(|c| c.as_str()), Some("duplicate"));
    assert_eq!(check.errors, 4);
    // Every suggestion passes the same check.
    for v in check.apps.iter().chain(check.role.as_ref()) {
        if let Some(s) = &v.suggestion {
            let again = ws.check_assignment(Some(s), std::slice::from_ref(s));
            let passed = again.role.as_ref().unwrap().ok || again.apps[0].ok;
            assert!(passed, "{s:?} passes");
        }
    }
    // Exact values, and no role: nothing to report.
    let fine = ws.check_assignment(Some(""), &["Acme Web".to_string()]);
    assert_eq!((fine.role, fine.errors), (None, 0));
    assert!(fine.apps[0].ok && fine.apps[0].code.is_none() && fine.apps[0].message.is_none());
    // Without a catalog every app is refused (nothing to be exact against).
    ws.admin.catalog.clear();
    assert!(!ws.check_assignment(None, &["Acme Web".to_string()]).apps[0].ok);
}

/// A pasted schema past the limit is refused with the limit's message before it is parsed.
#[test]
fn a_pasted_schema_past_the_limit_is_refused_before_parsing() {
    let mut ws = example(Setup::Current, Scope::Personal);
    ws.work.current_schema = format!(
        "{{\"x\":\"{}\"}}",
        "a".repeat(luciq_scim::limits::MAX_SCHEMA_JSON_BYTES)
    );
    let err = ws.plan().unwrap().unwrap_err();
    assert!(
        err.starts_with("Not built: ") && err.contains("MAX_SCHEMA_JSON_BYTES"),
        "{err}"
    );
}

/// A catalog past MAX_CATALOG_NAMES is refused as a catalog, with the limit named.
#[test]
fn a_catalog_past_the_limit_is_refused() {
    let mut ws = example(Setup::Current, Scope::Personal);
    assert!(ws.catalog_within_limits().is_ok());
    let max = luciq_scim::limits::MAX_CATALOG_NAMES;
    ws.admin.catalog = (0..=max).map(|i| format!("App {i}")).collect();
    let e = ws.catalog_within_limits().unwrap_err().message();
    assert!(
        e.contains("MAX_CATALOG_NAMES") && e.contains("100,001"),
        "{e}"
    );
    ws.admin.catalog.pop();
    assert!(ws.catalog_within_limits().is_ok());
}

/// A workspace whose every part differs from the example's.
fn every_part_changed() -> Workspace {
    let mut ws = Workspace::example();
    let (a, w) = (&mut ws.admin, &mut ws.work);
    a.setup = Setup::Legacy;
    a.scope = Scope::Group;
    a.roles.push(Role {
        title: "Auditor".into(),
        value: "auditor".into(),
        confirmed: false,
    });
    a.catalog = vec!["Only App".into(), " spaced ".into()];
    a.org = "acme.okta.com".into();
    a.app_id = "0oa1".into();
    a.mapping.role_from = ValueFrom::Attribute;
    a.mapping.role_attribute = "luciqRole".into();
    a.group.group_id = "00g1".into();
    w.names_kind = NameKind::Role;
    w.names = vec!["Zeta\u{00A0}Pay".into(), "\u{200B}".into(), String::new()];
    w.users_csv = "email,role,apps\r\n".into();
    w.current_schema = "{\"definitions\": ".into();
    ws
}

/// Copies the fields of `part` from `from` (the expectation, written field by field).
fn copy_part(to: &mut Workspace, from: &Workspace, part: Changes) {
    let (a, w, fa, fw) = (&mut to.admin, &mut to.work, &from.admin, &from.work);
    match part {
        Changes::SETUP => a.setup = fa.setup,
        Changes::SCOPE => a.scope = fa.scope,
        Changes::ROLE_VALUES | Changes::ROLE_TITLES => a.roles = fa.roles.clone(),
        Changes::CATALOG => a.catalog = fa.catalog.clone(),
        Changes::ORG => a.org = fa.org.clone(),
        Changes::APP_ID => a.app_id = fa.app_id.clone(),
        Changes::MAPPING => a.mapping = fa.mapping.clone(),
        Changes::GROUP => a.group = fa.group.clone(),
        Changes::NAMES_KIND => w.names_kind = fw.names_kind,
        Changes::NAMES => w.names = fw.names.clone(),
        Changes::USERS_CSV => w.users_csv = fw.users_csv.clone(),
        Changes::CURRENT_SCHEMA => w.current_schema = fw.current_schema.clone(),
        _ => unreachable!("one part at a time"),
    }
}

/// Two views of one workspace in two modules tell each other the parts that changed: each part
/// crosses alone and whole, and the parts not sent stay as they were.
#[test]
fn a_parts_message_carries_exactly_the_parts_named() {
    let (old, new) = (Workspace::example(), every_part_changed());
    let parts: Vec<Changes> = (0..13).map(|i| Changes::from_bits(1 << i)).collect();
    for &part in &parts {
        let mut got = old.clone();
        got.take_parts_json(part, &new.parts_json(part)).unwrap();
        let mut want = old.clone();
        copy_part(&mut want, &new, part);
        assert_eq!(got, want, "part {:#x}", part.bits());
    }
    // Every part at once makes the same workspace; no part leaves it as it was.
    let mut got = old.clone();
    got.take_parts_json(Changes::WORKSPACE, &new.parts_json(Changes::WORKSPACE))
        .unwrap();
    assert_eq!(got, new);
    let mut got = new.clone();
    got.take_parts_json(Changes::NONE, &old.parts_json(Changes::WORKSPACE))
        .unwrap();
    assert_eq!(got, new);
    // A part not named is not taken, even when the message holds it.
    let mut got = old.clone();
    got.take_parts_json(Changes::NAMES, &new.parts_json(Changes::WORKSPACE))
        .unwrap();
    let mut want = old.clone();
    want.work.names = new.work.names.clone();
    assert_eq!(got, want);
    // What is derived (the users file's report) is not a part; nor are unknown bits.
    assert_eq!(
        new.parts_json(Changes::USERS_REPORT),
        Workspace::default().parts_json(Changes::NONE)
    );
    assert_eq!(Changes::from_bits(u32::MAX), Changes::ALL);
    assert_eq!(Changes::from_bits(Changes::NAMES.bits()), Changes::NAMES);
}

/// A message that does not read (or names an unknown field) changes nothing.
#[test]
fn a_parts_message_that_does_not_read_changes_nothing() {
    for bad in [
        "",
        "{\"format\": \"luciq-scim-config\", \"names\": ",
        "{\"format\": \"luciq-scim-config\", \"catalogue\": []}",
        "{\"format\": \"luciq-scim-config\", \"setup\": \"newest\"}",
    ] {
        let mut ws = Workspace::example();
        assert!(ws.take_parts_json(Changes::ALL, bad).is_err(), "{bad:?}");
        assert_eq!(ws, Workspace::example(), "{bad:?}");
    }
}

/// The outputs built a step at a time (as the page builds them) are the outputs built in one
/// go: whatever the number of steps a slice takes, with and without a users file, a plan, an
/// org, a mapping; and what is shown before the end is the start of the whole.
#[test]
fn the_outputs_in_steps_are_the_outputs_in_one_go() {
    let mut workspaces = Vec::new();
    for setup in SETUPS {
        for scope in SCOPES {
            let mut ws = Workspace::example();
            ws.admin.setup = setup;
            ws.admin.scope = scope;
            workspaces.push(ws.clone());
            ws.admin.org = "acme.okta.com".into();
            ws.admin.app_id = "0oa1abcd".into();
            ws.admin.group.group_id = "00g1abcd".into();
            ws.admin.mapping.role_from = ValueFrom::Attribute;
            workspaces.push(ws.clone());
            ws.work.current_schema = "{\"definitions\": ".into();
            workspaces.push(ws.clone());
            ws.work.current_schema = serde_json::json!({"definitions": {"custom": {"id": "#custom",
                "type": "object", "properties": {}}}})
            .to_string();
            ws.work.users_csv = String::new();
            workspaces.push(ws);
        }
    }
    for ws in &workspaces {
        let report = users(ws);
        let whole = format!("{:?}", ws.outputs(report.as_ref()));
        let shared = report.map(|r| std::rc::Rc::new(Ok::<_, String>(r)));
        for per_step in [1, 2, 3, 7, 100] {
            let mut run = OutputsRun::new(ws.clone(), shared.clone());
            let mut seen = Vec::new();
            let mut steps = 0;
            while !run.step(per_step) {
                steps += 1;
                assert!(steps < 10, "a run that does not end");
                assert_eq!(run.progress().0, steps * per_step);
                seen.push(run.built().blocks.len());
            }
            assert_eq!(run.progress(), (7, 7));
            let built = run.built().clone();
            assert!(seen.windows(2).all(|w| w[0] <= w[1]));
            assert_eq!(format!("{built:?}"), whole, "{per_step} steps a slice");
            assert_eq!(format!("{:?}", run.finish()), whole);
        }
        let rows = users(ws).map_or(0, |r| r.rows.len());
        assert_eq!(
            OutputsRun::new(ws.clone(), shared.clone()).names(),
            ws.admin.catalog.len() + ws.admin.roles.len() + rows
        );
        // Finishing early builds the rest.
        let mut run = OutputsRun::new(ws.clone(), shared.clone());
        run.step(2);
        let early = format!("{:?}", run.built().blocks);
        let whole_blocks = format!("{:?}", ws.outputs(users(ws).as_ref()).blocks);
        assert!(whole_blocks.starts_with(early.trim_end_matches(']')));
        assert_eq!(format!("{:?}", run.finish()), whole);
    }
}

/// A catalog long enough to be remembered is checked ahead of the outputs, `AHEAD_NAMES` names
/// a step (the page's slices look at the clock between two steps), and the outputs are those
/// built in one go: with a clean catalog and with one name the schema body refuses, run to the
/// end a step at a time or finished early in the middle of the check. (Each in a thread of its
/// own: the check of a long list is remembered per thread.)
#[test]
fn a_long_catalog_is_checked_ahead_of_the_outputs() {
    fn fresh<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
        std::thread::spawn(f).join().unwrap()
    }
    for bad in [None, Some(1234)] {
        let mut ws = Workspace::example();
        ws.admin.catalog = (0..3_000).map(|i| format!("Acme app {i:04}")).collect();
        if let Some(i) = bad {
            ws.admin.catalog[i] = format!("Acme app\u{a0}{i:04}");
        }
        let w = ws.clone();
        let whole = fresh(move || format!("{:?}", w.outputs(None)));
        assert_eq!(
            whole.contains("Not built: The schema was not built"),
            bad.is_some()
        );
        let w = ws.clone();
        let (stepped, ahead) = fresh(move || {
            let mut run = OutputsRun::new(w, None);
            let mut ahead = 0;
            while !run.step(1) {
                if run.checking_ahead() {
                    ahead += 1;
                    assert_eq!(run.progress().0, 0);
                    assert!(run.built().blocks.is_empty());
                }
            }
            (format!("{:?}", run.finish()), ahead)
        });
        // 11 steps of 256 leave the check running; the 12th ends it.
        assert_eq!(ahead, 3_000usize.div_ceil(AHEAD_NAMES) - 1);
        assert_eq!(stepped, whole);
        let w = ws.clone();
        let early = fresh(move || {
            let mut run = OutputsRun::new(w, None);
            run.step(3);
            assert!(run.checking_ahead());
            format!("{:?}", run.finish())
        });
        assert_eq!(early, whole);
        // A catalog checked before (here by the outputs in one go) is not checked again.
        let w = ws.clone();
        fresh(move || {
            w.outputs(None);
            let mut run = OutputsRun::new(w, None);
            run.step(1);
            assert!(!run.checking_ahead());
            assert_eq!(run.progress().0, 1);
        });
    }
    // A catalog short enough to be checked again at no cost is not run ahead (256 is: its
    // first step is the check, no output).
    for (n, ahead) in [(255, false), (256, true)] {
        let mut ws = Workspace::example();
        ws.admin.catalog = (0..n).map(|i| format!("Acme app {i:04}")).collect();
        fresh(move || {
            let mut run = OutputsRun::new(ws, None);
            run.step(1);
            assert_eq!(run.progress().0, usize::from(!ahead), "{n}");
        });
    }
}

/// Two askers of the same long check at once (the checklist and the outputs) share one run:
/// a step of either takes it on, whoever ends it remembers it, and the other's next step is
/// its end. A different request is a run of its own.
#[test]
fn two_askers_of_one_check_share_its_run() {
    use luciq_scim::okta::schema::NameErrorsRun;
    std::thread::spawn(|| {
        let mut ws = Workspace::example();
        ws.admin.catalog = (0..1_000).map(|i| format!("Acme app {i:04}")).collect();
        let request = ws.checklist_request().schema_request();
        let mut a = NameErrorsRun::of_schema(&request).expect("a long catalog not checked yet");
        let mut b = NameErrorsRun::of_schema(&request).expect("the same run");
        assert!(!a.step(300));
        assert_eq!(b.progress(), (300, 1_000));
        let mut other = request.clone();
        other.setup = match other.setup {
            Setup::Current => Setup::Legacy,
            Setup::Legacy => Setup::Current,
        };
        let c = NameErrorsRun::of_schema(&other).expect("another check");
        assert_eq!(c.progress(), (0, 1_000));
        assert!(!b.step(300));
        assert_eq!(a.progress(), (600, 1_000));
        assert!(b.step(1_000));
        assert!(a.step(1));
        assert_eq!(a.progress(), (1_000, 1_000));
        assert!(NameErrorsRun::of_schema(&request).is_none(), "remembered");
        assert!(NameErrorsRun::of_schema(&other).is_some(), "still running");
        c.finish();
        assert!(NameErrorsRun::of_schema(&other).is_none());
    })
    .join()
    .unwrap();
}
