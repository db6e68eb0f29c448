//! Facts to the letter: every step and field of the console checklist, for both setups and both
//! attribute types, says where its value comes from or names the unconfirmed fact it states;
//! every label is a console-label constant; the mapping body, the curl script and the Terraform
//! export tell the checklist's mapping story; the SCIM preview checks like every builder; and
//! the README lists the unconfirmed facts the profile's `unknowns` lists.
#![cfg(not(target_arch = "wasm32"))]

use std::path::PathBuf;

use luciq_scim::console::{
    console_checklist, Checklist, ChecklistRequest, Step, ALL_LABELS, APPS_MAPPING_ROW, DO_NOT_MAP,
    MAPPINGS, ROLE_MAPPING_ROW,
};
use luciq_scim::export::curl::{export_curl, shell_quote};
use luciq_scim::export::terraform::{export_terraform, hcl_string};
use luciq_scim::export::{ExportRequest, MappingSources, UserAssignment};
use luciq_scim::names::{Code, Severity};
use luciq_scim::okta::assignment::{build_assignment_payload, AssignmentRequest};
use luciq_scim::okta::mapping::{build_mapping_payload, GroupRule, PushStatus, Source};
use luciq_scim::profile::{luciq_profile, Role, Scope, Setup, Unconfirmed};
use luciq_scim::scim::{preview_scim, PreviewRequest};
use serde_json::json;

const SETUPS: [Setup; 2] = [Setup::Current, Setup::Legacy];
const SCOPES: [Scope; 2] = [Scope::Personal, Scope::Group];

fn catalog() -> Vec<String> {
    vec!["Acme iOS".into(), "Acme Android".into()]
}

/// Every way the two attributes can be sourced, with both push choices.
fn mapping_variants(setup: Setup) -> Vec<Option<MappingSources>> {
    let apps_value = match setup {
        Setup::Current => vec!["Acme iOS".to_string(), "Acme Android".to_string()],
        Setup::Legacy => vec!["Acme iOS".to_string()],
    };
    let mut out = vec![None];
    for push_status in [PushStatus::Push, PushStatus::DontPush] {
        let sources: [(Source<String>, Source<Vec<String>>); 4] = [
            (Source::Assignment, Source::Assignment),
            (
                Source::Attribute {
                    attribute: "luciqRole".into(),
                },
                Source::Assignment,
            ),
            (
                Source::Assignment,
                Source::Groups {
                    rules: vec![GroupRule {
                        group: "Mobile \"Core\"".into(),
                        value: apps_value.clone(),
                    }],
                    fallback: None,
                },
            ),
            (
                Source::Groups {
                    rules: vec![GroupRule {
                        group: "Luciq Admins".into(),
                        value: "adminstrator".into(),
                    }],
                    fallback: Some("member".into()),
                },
                Source::Attribute {
                    attribute: "luciqApps".into(),
                },
            ),
        ];
        for (role, apps) in sources {
            out.push(Some(MappingSources {
                role,
                apps,
                push_status,
            }));
        }
    }
    out
}

fn all_requests() -> Vec<ChecklistRequest> {
    let mut out = Vec::new();
    for setup in SETUPS {
        for scope in SCOPES {
            for catalog in [None, Some(catalog())] {
                for roles in [
                    None,
                    Some(vec![
                        Role {
                            title: "Admin".into(),
                            value: "adminstrator".into(),
                            confirmed: true,
                        },
                        Role {
                            title: "Lead".into(),
                            value: "lead".into(),
                            confirmed: true,
                        },
                        Role {
                            title: "Member".into(),
                            value: "member".into(),
                            confirmed: false,
                        },
                    ]),
                ] {
                    for mapping in mapping_variants(setup) {
                        out.push(ChecklistRequest {
                            setup,
                            scope,
                            roles: roles.clone(),
                            catalog: catalog.clone(),
                            mapping,
                        });
                    }
                }
            }
        }
    }
    out
}

fn step<'a>(c: &'a Checklist, id: &str) -> &'a Step {
    c.steps.iter().find(|s| s.id == id).unwrap()
}

#[test]
fn every_step_and_field_has_a_source_or_names_its_unconfirmed_fact() {
    let mut marked = std::collections::HashSet::new();
    for req in all_requests() {
        let c = console_checklist(&req);
        let unknowns = luciq_profile(req.setup).unknowns;
        let known = |fact: Unconfirmed, what: &str| {
            assert!(fact.applies_to(req.setup), "{what}: {fact:?}");
            assert!(
                unknowns.contains(&fact.text()),
                "{what}: {fact:?} is not in the {:?} profile's unknowns",
                req.setup
            );
        };
        for s in &c.steps {
            match (s.confirmed, s.unconfirmed) {
                (true, None) => assert!(!s.source.url.is_empty(), "step {}", s.id),
                (false, Some(fact)) => {
                    known(fact, s.id.as_str());
                    let note = s.note.as_deref().unwrap_or_default();
                    assert!(note.contains(fact.source_note()), "step {}: {note}", s.id);
                    marked.insert(fact);
                }
                other => panic!("step {}: confirmed/unconfirmed disagree: {other:?}", s.id),
            }
            for f in &s.fields {
                let what = format!("{}: {} = {:?}", s.id, f.label, f.value);
                assert!(
                    ALL_LABELS.contains(&f.label),
                    "{what}: the label is not a console-label constant"
                );
                match (f.confirmed, f.unconfirmed) {
                    (true, None) => {
                        assert!(f.source.is_some(), "{what}: confirmed without a source")
                    }
                    (false, Some(fact)) => {
                        known(fact, &what);
                        assert!(f.source.is_none(), "{what}");
                        let note = f.note.as_deref().unwrap_or_default();
                        assert!(
                            note.starts_with(&format!("Not confirmed ({})", fact.source_note())),
                            "{what}: the reasoning is not shown with the value: {note}"
                        );
                        marked.insert(fact);
                    }
                    other => panic!("{what}: confirmed/unconfirmed disagree: {other:?}"),
                }
            }
        }
        // The checklist's notes say every unknown of the setup.
        for u in &unknowns {
            assert!(c.notes.iter().any(|n| n == u), "{u}");
        }
    }
    // The walk reaches each fact the issue names.
    for fact in [
        Unconfirmed::ExternalName,
        Unconfirmed::LegacyNamespace,
        Unconfirmed::RoleValues,
        Unconfirmed::TokenField,
        Unconfirmed::CurrentMapping,
        Unconfirmed::PushChoice,
        Unconfirmed::GroupPriority,
        Unconfirmed::Description,
    ] {
        assert!(marked.contains(&fact), "{fact:?} is never marked");
    }
}

#[test]
fn unknowns_are_the_registry_in_order() {
    for setup in SETUPS {
        let want: Vec<&str> = Unconfirmed::ALL
            .iter()
            .filter(|f| f.applies_to(setup))
            .map(|f| f.text())
            .collect();
        assert_eq!(luciq_profile(setup).unknowns, want);
    }
    let legacy = luciq_profile(Setup::Legacy).unknowns;
    assert!(legacy.contains(&Unconfirmed::LegacyOneApp.text()));
    assert!(legacy.contains(&Unconfirmed::ExternalName.text()));
    let current = luciq_profile(Setup::Current).unknowns;
    assert!(current.contains(&Unconfirmed::CurrentMapping.text()));
    assert!(current.contains(&Unconfirmed::ExternalName.text()));
    assert!(!current.contains(&Unconfirmed::LegacyNamespace.text()));
}

/// The external name and the older setup's namespace are tool defaults, with the reason shown.
#[test]
fn tool_defaults_are_not_confirmed() {
    for setup in SETUPS {
        let c = console_checklist(&ChecklistRequest {
            setup,
            ..Default::default()
        });
        for id in ["role-attribute", "apps-attribute"] {
            let s = step(&c, id);
            let name = s
                .fields
                .iter()
                .find(|f| f.label == "External name")
                .unwrap();
            assert!(!name.confirmed);
            assert_eq!(name.unconfirmed, Some(Unconfirmed::ExternalName));
            assert!(name
                .note
                .as_deref()
                .unwrap()
                .contains("not in the vendor's doc"));
            let ns = s
                .fields
                .iter()
                .find(|f| f.label == "External namespace")
                .unwrap();
            assert_eq!(ns.confirmed, setup == Setup::Current, "{setup:?}");
        }
    }
}

/// What the mapping step says, per attribute: `None` = not mapped, else (expression, push label).
fn checklist_story(c: &Checklist) -> Vec<(&'static str, Option<(String, String)>)> {
    let s = step(c, "mapping");
    assert!(s.fields.iter().any(|f| f.label == MAPPINGS));
    [ROLE_MAPPING_ROW, APPS_MAPPING_ROW]
        .into_iter()
        .map(|row| {
            let values: Vec<&str> = s
                .fields
                .iter()
                .filter(|f| f.label == row)
                .map(|f| f.value.as_str())
                .collect();
            let told = match values.as_slice() {
                [v] if *v == DO_NOT_MAP => None,
                [expression, push] => Some((expression.to_string(), push.to_string())),
                other => panic!("{row}: {other:?}"),
            };
            (row, told)
        })
        .collect()
}

#[test]
fn exports_tell_the_checklist_mapping_story() {
    for req in all_requests() {
        let Some(mapping) = req.mapping.clone() else {
            continue;
        };
        let c = console_checklist(&req);
        let export = ExportRequest {
            setup: req.setup,
            roles: req.roles.clone(),
            apps: req.catalog.clone(),
            scope: req.scope,
            org: "acme.okta.com".into(),
            app_id: "0oa1abcd".into(),
            mapping: Some(mapping.clone()),
            mapping_id: Some("prm1abcd".into()),
            users: vec![UserAssignment {
                user_id: "00u1abcd".into(),
                user_name: "ada@example.com".into(),
                role: Some("adminstrator".into()),
                apps: Some(vec!["Acme iOS".into()]),
            }],
        };
        let body = build_mapping_payload(&mapping.request(
            req.setup,
            req.roles.clone(),
            req.catalog.clone(),
        ))
        .unwrap()
        .body;
        let curl = export_curl(&export).unwrap();
        let hcl = export_terraform(&export).unwrap();
        assert!(
            curl.contains(&shell_quote(&serde_json::to_string(&body).unwrap())),
            "the curl script does not send the mapping body"
        );
        for (row, told) in checklist_story(&c) {
            let sent = &body["properties"][row];
            match told {
                None => {
                    assert_eq!(
                        sent,
                        &json!({"expression": null, "pushStatus": null}),
                        "{row}"
                    );
                    assert!(
                        !hcl.contains(&format!("id          = {}", hcl_string(row))),
                        "{row}: Terraform maps it, the checklist does not"
                    );
                    assert!(hcl.contains(&format!("# {row}: not mapped (\"{DO_NOT_MAP}\")")));
                }
                Some((expression, push_label)) => {
                    let push: PushStatus =
                        serde_json::from_value(sent["pushStatus"].clone()).unwrap();
                    assert_eq!(push.console_label(), push_label, "{row}");
                    assert_eq!(push, mapping.push_status);
                    assert_eq!(sent["expression"], json!(expression), "{row}");
                    let block = format!(
                        "  mappings {{\n    id          = {}\n    expression  = {}\n    push_status = {}\n  }}\n",
                        hcl_string(row),
                        hcl_string(&expression),
                        hcl_string(sent["pushStatus"].as_str().unwrap())
                    );
                    assert!(hcl.contains(&block), "{row}: Terraform disagrees:\n{hcl}");
                }
            }
        }
        // The assignment form asks for what the exports' assignment bodies send, nothing mapped.
        let form: Vec<&str> = step(&c, "assign-people")
            .fields
            .iter()
            .map(|f| f.label)
            .collect();
        let profile = luciq_profile(req.setup);
        let want: Vec<&str> = profile
            .attributes
            .iter()
            .filter(|a| form.contains(&a.display_name))
            .map(|a| a.variable_name)
            .collect();
        let calls = export.calls().unwrap();
        let assignment = calls.last().unwrap();
        let sent: Vec<&str> = assignment.body["profile"]
            .as_object()
            .unwrap()
            .keys()
            .map(|k| k.as_str())
            .collect();
        let mut want_sorted = want.clone();
        want_sorted.sort();
        assert_eq!(sent, want_sorted, "{mapping:?}");
    }
}

#[test]
fn scim_preview_checks_roles_like_the_assignment() {
    for setup in SETUPS {
        for role in ["administrator", "Admin", "", "member ", "read_only"] {
            let preview = preview_scim(&PreviewRequest {
                setup,
                user_name: "ada@example.com".into(),
                role: Some(role.into()),
                ..Default::default()
            })
            .unwrap_err();
            let assignment = build_assignment_payload(&AssignmentRequest {
                setup,
                user_id: "00u1abcd".into(),
                user_name: "ada@example.com".into(),
                role: Some(role.into()),
                ..Default::default()
            })
            .unwrap_err();
            assert_eq!(preview.code, "invalid-names", "{role:?}");
            assert_eq!(preview.code, assignment.code);
            assert_eq!(preview.diagnostics, assignment.diagnostics, "{role:?}");
            assert!(!preview.diagnostics.is_empty());
            assert!(preview.diagnostics.iter().all(|d| d.field == "role"));
        }
    }
    let admin = preview_scim(&PreviewRequest {
        user_name: "ada@example.com".into(),
        role: Some("administrator".into()),
        ..Default::default()
    })
    .unwrap_err();
    assert_eq!(admin.diagnostics[0].diagnostic.code, Code::AdminRoleValue);
    assert_eq!(
        admin.diagnostics[0].diagnostic.suggestion.as_deref(),
        Some("adminstrator")
    );
    // A custom role table: its values pass, others are refused.
    let roles = Some(vec![Role {
        title: "Read only".into(),
        value: "read_only".into(),
        confirmed: false,
    }]);
    let ok = preview_scim(&PreviewRequest {
        user_name: "ada@example.com".into(),
        role: Some("read_only".into()),
        roles: roles.clone(),
        ..Default::default()
    })
    .unwrap();
    assert_eq!(
        ok.user["urn:ietf:params:scim:schemas:extension:instabug:2.0:User"]["instabugRole"],
        "read_only"
    );
    // Apps against the catalog, like the assignment.
    let err = preview_scim(&PreviewRequest {
        user_name: "ada@example.com".into(),
        apps: Some(vec!["Acme iOS".into(), "acme android".into()]),
        catalog: Some(catalog()),
        ..Default::default()
    })
    .unwrap_err();
    assert_eq!(err.code, "invalid-names");
    assert_eq!(
        (err.diagnostics[0].field.as_str(), err.diagnostics[0].index),
        ("apps", 1)
    );
    assert_eq!(err.diagnostics[0].diagnostic.code, Code::CaseMismatch);
}

#[test]
fn several_apps_in_the_older_setup_warn_in_the_preview() {
    let preview = preview_scim(&PreviewRequest {
        setup: Setup::Legacy,
        user_name: "ada@example.com".into(),
        apps: Some(vec!["Acme iOS".into(), "Acme Android".into()]),
        catalog: Some(catalog()),
        ..Default::default()
    })
    .unwrap();
    assert_eq!(
        preview.user["urn:ietf:params:scim:schemas:extension:instabug:2.0:User"]
            ["instabugApplications"],
        json!("Acme iOS")
    );
    assert_eq!(preview.warnings.len(), 1);
    let w = &preview.warnings[0];
    assert_eq!(
        (w.field.as_str(), w.index, w.input.as_str()),
        ("apps", 1, "Acme Android")
    );
    assert_eq!(w.diagnostic.code, Code::LegacySingleApp);
    assert_eq!(w.diagnostic.severity, Severity::Warning);
    assert_eq!((w.diagnostic.start, w.diagnostic.end), (0, 12));
    assert!(w
        .diagnostic
        .message
        .contains(Unconfirmed::LegacyOneApp.source_note()));
    // The current setup carries the list, without a warning.
    let current = preview_scim(&PreviewRequest {
        user_name: "ada@example.com".into(),
        apps: Some(vec!["Acme iOS".into(), "Acme Android".into()]),
        ..Default::default()
    })
    .unwrap();
    assert!(current.warnings.is_empty());
}

/// The README's list of unconfirmed facts, as the registry gives it.
fn readme_unknowns() -> String {
    let mut s = String::new();
    for fact in Unconfirmed::ALL {
        let setups = match (
            fact.applies_to(Setup::Current),
            fact.applies_to(Setup::Legacy),
        ) {
            (true, true) => "both setups",
            (true, false) => "current setup",
            (false, true) => "older setup",
            (false, false) => unreachable!("{fact:?} applies to no setup"),
        };
        s.push_str(&format!(
            "- `{}`, {setups}: {} *(Source: {}.)*\n",
            fact.as_str(),
            fact.text(),
            fact.source_note()
        ));
    }
    s
}

#[test]
fn readme_lists_the_unknowns() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = std::fs::read_to_string(&path).unwrap();
    let (start, end) = ("<!-- unknowns:start -->\n", "<!-- unknowns:end -->");
    let want = readme_unknowns();
    let got = readme
        .split_once(start)
        .and_then(|(_, rest)| rest.split_once(end))
        .map(|(list, _)| list);
    assert!(
        got == Some(want.as_str()),
        "README.md's list of unconfirmed facts differs from the profile's; put this between {start:?} and {end:?}:\n\n{want}"
    );
}

#[test]
fn group_priority_is_never_offered_with_personal() {
    let c = console_checklist(&ChecklistRequest {
        setup: Setup::Current,
        scope: Scope::Personal,
        ..Default::default()
    });
    let apps = step(&c, "apps-attribute");
    assert!(apps.fields.iter().all(|f| f.label != "Group Priority"));
    let c = console_checklist(&ChecklistRequest {
        setup: Setup::Current,
        scope: Scope::Group,
        ..Default::default()
    });
    let apps = step(&c, "apps-attribute");
    let gp = apps
        .fields
        .iter()
        .find(|f| f.label == "Group Priority")
        .unwrap();
    assert_eq!(gp.value, "Use Group Priority");
}
