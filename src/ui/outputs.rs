//! The outputs: the Okta bodies and exports for what is in the inputs, each with a Download
//! button. The text shown and downloaded is exactly what the core returns (JSON pretty-printed
//! with two spaces).

use gloo_events::EventListener;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Blob, BlobPropertyBag, Document, Element, HtmlAnchorElement, Url};

use super::dom::{add, el};
use crate::export::curl::export_curl;
use crate::export::terraform::export_terraform;
use crate::export::ExportRequest;
use crate::okta::plan::{plan_schema, Action, PlanRequest, SchemaPlan};
use crate::okta::schema::{build_schema_payload, SchemaRequest};
use crate::okta::PayloadError;
use crate::profile::{Scope, Setup};

/// What the outputs are built from.
pub struct OutputInputs {
    pub setup: Setup,
    pub scope: Scope,
    pub apps: Vec<String>,
    pub org: String,
    pub app_id: String,
    /// The JSON of `GET /api/v1/meta/schemas/apps/{appId}/default`, for a plan; may be empty.
    pub current_schema: String,
}

/// The plan against the pasted schema, or why there is none.
pub fn plan(i: &OutputInputs) -> Option<Result<SchemaPlan, String>> {
    if i.current_schema.trim().is_empty() {
        return None;
    }
    let current: serde_json::Value = match serde_json::from_str(&i.current_schema) {
        Ok(v) => v,
        Err(e) => return Some(Err(format!("The pasted schema is not valid JSON: {e}"))),
    };
    let apps = (!i.apps.is_empty()).then(|| i.apps.clone());
    let req = PlanRequest {
        current,
        setup: i.setup,
        roles: None,
        apps,
        scope: i.scope,
    };
    Some(plan_schema(&req).map_err(|e| refused(&e)))
}

fn pretty(v: &serde_json::Value) -> String {
    serde_json::to_string_pretty(v).unwrap_or_default()
}

fn refused(e: &PayloadError) -> String {
    format!("Not built: {}", e.message)
}

/// The outputs as (id, title, file name, text).
pub fn outputs(i: &OutputInputs) -> Vec<(&'static str, &'static str, &'static str, String)> {
    let apps = (!i.apps.is_empty()).then(|| i.apps.clone());
    let schema = SchemaRequest {
        setup: i.setup,
        roles: None,
        apps: apps.clone(),
        scope: i.scope,
    };
    let schema_text = match build_schema_payload(&schema) {
        Ok(call) => pretty(&call.body),
        Err(e) => refused(&e),
    };
    let mut out = vec![(
        "out-schema",
        "Schema body: POST /api/v1/meta/schemas/apps/{appId}/default",
        "luciq-schema.json",
        schema_text,
    )];
    let export = ExportRequest {
        setup: i.setup,
        roles: None,
        apps,
        scope: i.scope,
        org: i.org.clone(),
        app_id: i.app_id.clone(),
        mapping: None,
        mapping_id: None,
        users: Vec::new(),
    };
    let (curl, hcl) = if i.org.trim().is_empty() || i.app_id.trim().is_empty() {
        let hint = "Enter the Okta org and the Luciq app id above to build this.".to_string();
        (hint.clone(), hint)
    } else {
        (
            export_curl(&export).unwrap_or_else(|e| refused(&e)),
            export_terraform(&export).unwrap_or_else(|e| refused(&e)),
        )
    };
    if let Some(p) = plan(i) {
        let text = match p {
            Ok(p) => serde_json::to_string_pretty(&p).unwrap_or_default(),
            Err(e) => e,
        };
        out.push((
            "out-plan",
            "Plan against the pasted schema (steps in order)",
            "luciq-plan.json",
            text,
        ));
    }
    out.push(("out-curl", "curl script", "luciq-setup.sh", curl));
    out.push((
        "out-terraform",
        "Terraform (okta provider)",
        "luciq.tf",
        hcl,
    ));
    out
}

/// Renders the outputs into `container`; returns the Download buttons' listeners.
pub fn render(
    doc: &Document,
    container: &Element,
    inputs: &OutputInputs,
) -> Result<Vec<EventListener>, JsValue> {
    container.set_text_content(None);
    let mut listeners = Vec::new();
    if let Some(Ok(p)) = plan(inputs) {
        let list = el(doc, "ul", &[("id", "plan-summary")], None)?;
        for a in &p.attributes {
            let what = match a.action {
                Action::Add => "add",
                Action::Update => "update",
                Action::None => "nothing to change",
                Action::Recreate => "delete and add again (values set on assignments are lost)",
            };
            let item = el(doc, "li", &[], Some(&format!("{}: {what}", a.attribute)))?;
            if !a.reasons.is_empty() {
                let reasons = el(doc, "ul", &[], None)?;
                for r in &a.reasons {
                    add(&reasons, &el(doc, "li", &[], Some(&r.message))?)?;
                }
                add(&item, &reasons)?;
            }
            add(&list, &item)?;
        }
        for n in &p.notes {
            add(&list, &el(doc, "li", &[], Some(n))?)?;
        }
        add(container, &list)?;
    }
    for (id, title, file, body) in outputs(inputs) {
        let block = el(doc, "div", &[("class", "output")], None)?;
        add(&block, &el(doc, "h3", &[], Some(title))?)?;
        let button = el(
            doc,
            "button",
            &[("type", "button"), ("id", &format!("{id}-download"))],
            Some(&format!("Download {file}")),
        )?;
        let text = body.clone();
        listeners.push(EventListener::new(&button, "click", move |_| {
            let _ = download(file, &text);
        }));
        add(&block, &button)?;
        add(
            &block,
            &el(doc, "pre", &[("id", id), ("tabindex", "0")], Some(&body))?,
        )?;
        add(container, &block)?;
    }
    Ok(listeners)
}

/// Saves `text` as a file, without leaving the page (a Blob URL, revoked right after).
fn download(file: &str, text: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = BlobPropertyBag::new();
    options.set_type("text/plain;charset=utf-8");
    let blob = Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = Url::create_object_url_with_blob(&blob)?;
    let doc = super::dom::document()?;
    let a: HtmlAnchorElement = doc.create_element("a")?.dyn_into()?;
    a.set_href(&url);
    a.set_download(file);
    a.click();
    Url::revoke_object_url(&url)?;
    Ok(())
}
