//! The outputs: every Okta body and export for what is in the inputs, each with Copy and
//! Download. The text shown, copied and downloaded is exactly what the core returns (JSON
//! pretty-printed with two spaces; NDJSON as the core writes it).

use std::rc::Rc;

use wasm_bindgen::JsValue;
use web_sys::Element;

use super::dom::{child, copy_button, download_button};
use super::page::Page;
use crate::export::curl::export_curl;
use crate::export::terraform::export_terraform;
use crate::export::{ExportRequest, MappingSources, UserAssignment};
use crate::okta::assignment::{build_group_assignment_payload, AssignmentRequest};
use crate::okta::mapping::{build_mapping_payload, MappingRequest, PushStatus, Source};
use crate::okta::plan::{plan_schema, Action, PlanRequest, SchemaPlan};
use crate::okta::schema::{build_schema_payload, SchemaRequest};
use crate::okta::{ApiCall, PayloadError};
use crate::scim::{preview_scim, PreviewRequest};
use crate::users::assignments_ndjson;

/// One output block.
pub struct Output {
    pub id: &'static str,
    pub title: String,
    pub file: &'static str,
    pub mime: &'static str,
    pub text: String,
    /// Whether `text` is a body (copy/download offered) or only says why there is none.
    pub built: bool,
}

/// Characters of an output shown on the page.
const PREVIEW_CHARS: usize = 20_000;

const JSON: &str = "application/json;charset=utf-8";
const TEXT: &str = "text/plain;charset=utf-8";

fn pretty(v: &serde_json::Value) -> String {
    serde_json::to_string_pretty(v).unwrap_or_default()
}

fn refused(e: &PayloadError) -> String {
    let mut s = format!("Not built: {}", e.message);
    for d in &e.diagnostics {
        s.push_str(&format!(
            "\n  {}[{}] \"{}\": {}",
            d.field,
            d.index,
            super::dom::visible(&d.input, true),
            d.diagnostic.message
        ));
    }
    s
}

fn call_text(r: Result<ApiCall, PayloadError>) -> (String, bool) {
    match r {
        Ok(call) => (pretty(&call.body), true),
        Err(e) => (refused(&e), false),
    }
}

/// Where the two attributes come from, as chosen in the mapping inputs.
pub(super) fn mapping_sources(page: &Page) -> Option<MappingSources> {
    let role = match page.role_source.value().as_str() {
        "attribute" => Source::Attribute {
            attribute: page.role_attribute.value(),
        },
        _ => Source::Assignment,
    };
    let apps = match page.apps_source.value().as_str() {
        "attribute" => Source::Attribute {
            attribute: page.apps_attribute.value(),
        },
        _ => Source::Assignment,
    };
    (role != Source::Assignment || apps != Source::Assignment).then_some(MappingSources {
        role,
        apps,
        push_status: PushStatus::Push,
    })
}

/// The plan against the pasted schema, or why there is none.
pub fn plan(page: &Page) -> Option<Result<SchemaPlan, String>> {
    let text = page.current_schema.value();
    if text.trim().is_empty() {
        return None;
    }
    let current: serde_json::Value = match serde_json::from_str(&text) {
        Ok(v) => v,
        Err(e) => return Some(Err(format!("The pasted schema is not valid JSON: {e}"))),
    };
    let req = PlanRequest {
        current,
        setup: page.setup_value(),
        roles: Some(page.roles_value()),
        apps: page.catalog_lines(),
        scope: page.scope_value(),
    };
    Some(plan_schema(&req).map_err(|e| refused(&e)))
}

/// Every output for what is in the inputs now, in the order an admin uses them.
pub fn outputs(page: &Page) -> Vec<Output> {
    let setup = page.setup_value();
    let scope = page.scope_value();
    let roles = Some(page.roles_value());
    let catalog = page.catalog_lines();
    let mut out = Vec::new();
    if let Some(p) = plan(page) {
        let (text, built) = match p {
            Ok(p) => (serde_json::to_string_pretty(&p).unwrap_or_default(), true),
            Err(e) => (e, false),
        };
        out.push(Output {
            id: "out-plan",
            title: "Plan against the pasted schema (steps in order)".into(),
            file: "luciq-plan.json",
            mime: JSON,
            text,
            built,
        });
    }
    let (text, built) = call_text(build_schema_payload(&SchemaRequest {
        setup,
        roles: roles.clone(),
        apps: catalog.clone(),
        scope,
    }));
    out.push(Output {
        id: "out-schema",
        title: "Schema body: POST /api/v1/meta/schemas/apps/{appId}/default".into(),
        file: "luciq-schema.json",
        mime: JSON,
        text,
        built,
    });
    let mapping = mapping_sources(page);
    let (text, built) = match &mapping {
        None => (
            "Both attributes are set on each assignment: no mapping is needed.".to_string(),
            false,
        ),
        Some(m) => call_text(build_mapping_payload(&MappingRequest {
            role: m.role.clone(),
            apps: m.apps.clone(),
            push_status: m.push_status,
            setup,
            roles: roles.clone(),
            catalog: catalog.clone(),
        })),
    };
    out.push(Output {
        id: "out-mapping",
        title: "Mapping body: POST /api/v1/mappings/{mappingId} (Okta user → Luciq)".into(),
        file: "luciq-mapping.json",
        mime: JSON,
        text,
        built,
    });

    let users = page.users_report.borrow();
    let report = users.as_ref().and_then(|r| r.as_ref().ok());
    let (text, built) = match report {
        None => (
            "Paste or open a users file above to build these.".to_string(),
            false,
        ),
        Some(r) if r.rows.iter().all(|row| !row.ok) => (
            "No row of the users file is ready to assign.".to_string(),
            false,
        ),
        Some(r) => (assignments_ndjson(r, setup), true),
    };
    out.push(Output {
        id: "out-assignments",
        title: "Assignment bodies, one per ready row: POST /api/v1/apps/{appId}/users (NDJSON; rows without an id carry the lookup to make first)".into(),
        file: "luciq-assignments.ndjson",
        mime: "application/x-ndjson;charset=utf-8",
        text,
        built,
    });

    let group_id = page.group_id.value();
    let (text, built) = if group_id.trim().is_empty() {
        (
            "Enter an Okta group id above to build this.".to_string(),
            false,
        )
    } else {
        let apps: Vec<String> = page
            .group_apps
            .value()
            .split('|')
            .filter(|a| !a.is_empty())
            .map(String::from)
            .collect();
        let priority = page.group_priority.value();
        match priority.trim().parse::<i64>() {
            Err(_) if !priority.trim().is_empty() => (
                format!("Not built: priority {priority:?} is not a whole number"),
                false,
            ),
            p => {
                let role = page.group_role.value();
                call_text(build_group_assignment_payload(&AssignmentRequest {
                    setup,
                    group_id,
                    priority: p.ok(),
                    scope,
                    role: (!role.is_empty()).then_some(role),
                    apps: (!apps.is_empty()).then_some(apps),
                    catalog: catalog.clone(),
                    roles: roles.clone(),
                    ..Default::default()
                }))
            }
        }
    };
    out.push(Output {
        id: "out-group",
        title: "Group assignment body: PUT /api/v1/apps/{appId}/groups/{groupId}".into(),
        file: "luciq-group-assignment.json",
        mime: JSON,
        text,
        built,
    });

    let first = report.and_then(|r| r.rows.iter().find(|row| row.ok));
    let (title, text, built) = match first {
        None => (
            "SCIM preview: what Luciq receives".to_string(),
            "Needs a users file with at least one ready row.".to_string(),
            false,
        ),
        Some(row) => {
            let preview = preview_scim(&PreviewRequest {
                setup,
                user_name: row.email.clone(),
                role: row.role.clone(),
                apps: (!row.apps.is_empty()).then(|| row.apps.clone()),
                roles: roles.clone(),
                catalog: catalog.clone(),
                ..Default::default()
            });
            let mut title = format!(
                "SCIM preview: what Luciq receives for {} (line {})",
                row.email, row.line
            );
            let (text, built) = match preview {
                Ok(p) => {
                    for w in &p.warnings {
                        title.push_str(&format!("; warning: {}", w.diagnostic.message));
                    }
                    (pretty(&p.user), true)
                }
                Err(e) => (refused(&e), false),
            };
            (title, text, built)
        }
    };
    out.push(Output {
        id: "out-scim",
        title,
        file: "luciq-scim-user.json",
        mime: JSON,
        text,
        built,
    });

    let (org, app_id) = (page.org.value(), page.app_id.value());
    let (curl, hcl, built) = if org.trim().is_empty() || app_id.trim().is_empty() {
        let hint = "Enter the Okta org and the Luciq app id above to build this.".to_string();
        (hint.clone(), hint, false)
    } else {
        // Users go into the scripts only with their Okta id (the scripts don't look users up).
        let users: Vec<UserAssignment> = report
            .map(|r| {
                r.rows
                    .iter()
                    .filter(|row| row.ok)
                    .filter_map(|row| {
                        Some(UserAssignment {
                            user_id: row.user_id.clone()?,
                            user_name: row.email.clone(),
                            role: row.role.clone(),
                            apps: (!row.apps.is_empty()).then(|| row.apps.clone()),
                        })
                    })
                    .collect()
            })
            .unwrap_or_default();
        let export = ExportRequest {
            setup,
            roles: roles.clone(),
            apps: catalog.clone(),
            scope,
            org,
            app_id,
            mapping,
            mapping_id: None,
            users,
        };
        match (export_curl(&export), export_terraform(&export)) {
            (Ok(c), Ok(t)) => (c, t, true),
            (Err(e), _) | (_, Err(e)) => (refused(&e), refused(&e), false),
        }
    };
    out.push(Output {
        id: "out-curl",
        title: "curl script (schema, mapping, and the users that have an id)".into(),
        file: "luciq-setup.sh",
        mime: TEXT,
        text: curl,
        built,
    });
    out.push(Output {
        id: "out-terraform",
        title: "Terraform (okta provider)".into(),
        file: "luciq.tf",
        mime: TEXT,
        text: hcl,
        built,
    });
    out
}

/// Renders the outputs into the page.
pub fn render(page: &Rc<Page>) -> Result<(), JsValue> {
    let container = &page.outputs;
    container.set_text_content(None);
    let mut listeners = Vec::new();
    if let Some(Ok(p)) = plan(page) {
        child::<Element>(container, "h3", &[], Some("What the plan does"))?;
        let list: Element = child(container, "ul", &[("id", "plan-summary")], None)?;
        for a in &p.attributes {
            let what = match a.action {
                Action::Add => "add",
                Action::Update => "update",
                Action::None => "nothing to change",
                Action::Recreate => "delete and add again (values set on assignments are lost)",
            };
            let item: Element = child(&list, "li", &[], Some(&format!("{}: {what}", a.attribute)))?;
            if !a.reasons.is_empty() {
                let reasons: Element = child(&item, "ul", &[], None)?;
                for r in &a.reasons {
                    child::<Element>(&reasons, "li", &[], Some(&r.message))?;
                }
            }
        }
        for n in &p.notes {
            child::<Element>(&list, "li", &[], Some(n))?;
        }
    }
    for o in outputs(page) {
        let block: Element = child(container, "div", &[("class", "output")], None)?;
        child::<Element>(&block, "h3", &[], Some(&o.title))?;
        if o.built {
            let text: Rc<str> = Rc::from(o.text.as_str());
            let tools: Element = child(&block, "div", &[("class", "tools")], None)?;
            listeners.push(copy_button(
                &tools,
                "Copy",
                o.file,
                text.clone(),
                &[("id", &format!("{}-copy", o.id))],
            )?);
            listeners.push(download_button(
                &tools,
                &format!("{}-download", o.id),
                o.file,
                text,
                o.mime,
            )?);
        }
        let class = if o.built { "body" } else { "body not-built" };
        // A 10,000-app catalog makes bodies of megabytes: laying that out would freeze the
        // page, so only the start is shown (Copy and Download give all of it).
        let shown = match o.text.char_indices().nth(PREVIEW_CHARS) {
            Some((end, _)) => {
                child::<Element>(
                    &block,
                    "p",
                    &[("class", "hint"), ("id", &format!("{}-cut", o.id))],
                    Some(&format!(
                        "Showing the first {PREVIEW_CHARS} of {} characters: Copy and Download give all of it.",
                        o.text.chars().count()
                    )),
                )?;
                &o.text[..end]
            }
            None => o.text.as_str(),
        };
        child::<Element>(
            &block,
            "pre",
            &[("id", o.id), ("tabindex", "0"), ("class", class)],
            Some(shown),
        )?;
    }
    *page.output_listeners.borrow_mut() = listeners;
    Ok(())
}
