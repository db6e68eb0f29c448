//! The console checklist: every step of the vendor's flow for the chosen setup, where it is in
//! the Okta admin console, and the exact value for each field with a Copy button.

use std::rc::Rc;

use wasm_bindgen::JsValue;
use web_sys::Element;

use super::dom::{child, copy_button, text, visible};
use super::page::Page;
use crate::console::{console_checklist, ChecklistRequest, Input};

/// "Attribute members" rows shown per attribute; a longer catalog goes in through the API.
const MEMBER_ROWS_SHOWN: usize = 50;

pub fn render(page: &Rc<Page>) -> Result<(), JsValue> {
    let list = console_checklist(&ChecklistRequest {
        setup: page.setup_value(),
        scope: page.scope_value(),
        roles: Some(page.roles_value()),
        catalog: page.catalog_lines(),
        mapping: super::outputs::mapping_sources(page),
    });
    let doc = &page.doc;
    let root = &page.checklist;
    root.set_text_content(None);
    let mut listeners = Vec::new();
    if !list.notes.is_empty() {
        let notes: Element = child(root, "ul", &[("class", "notes")], None)?;
        for n in &list.notes {
            child::<Element>(&notes, "li", &[], Some(n))?;
        }
    }
    if !list.findings.is_empty() {
        child::<Element>(
            root,
            "p",
            &[("class", "error")],
            Some(&format!(
                "{} values would be refused: fix them in the setup above before typing them into Okta.",
                list.findings.len()
            )),
        )?;
    }
    let steps: Element = child(root, "ol", &[("class", "checklist")], None)?;
    for step in &list.steps {
        let li: Element = child(&steps, "li", &[("id", &format!("step-{}", step.id))], None)?;
        let h: Element = child(&li, "h3", &[], Some(&step.title))?;
        if !step.confirmed {
            text(doc, &h, " ")?;
            child::<Element>(
                &h,
                "span",
                &[("class", "unconfirmed")],
                Some("(not confirmed by the vendor's doc)"),
            )?;
        }
        child::<Element>(&li, "p", &[("class", "where")], Some(&step.location))?;
        child::<Element>(&li, "p", &[], Some(&step.action))?;
        if let Some(n) = &step.note {
            child::<Element>(&li, "p", &[("class", "hint")], Some(n))?;
        }
        let members = step
            .fields
            .iter()
            .filter(|f| f.member_row.is_some())
            .count();
        if !step.fields.is_empty() {
            let scroll: Element = child(&li, "div", &[("class", "scroll")], None)?;
            let table: Element = child(&scroll, "table", &[], None)?;
            let head: Element = child(&table, "tr", &[], None)?;
            for h in ["Field", "Value", ""] {
                child::<Element>(&head, "th", &[("scope", "col")], Some(h))?;
            }
            for f in &step.fields {
                if f.member_row.is_some_and(|r| r >= MEMBER_ROWS_SHOWN) {
                    continue;
                }
                let row: Element = child(&table, "tr", &[], None)?;
                let label = match f.member_row {
                    Some(r) => format!("{} (row {})", f.label, r + 1),
                    None => f.label.to_string(),
                };
                child::<Element>(&row, "td", &[], Some(&label))?;
                let cell: Element = child(&row, "td", &[("class", "v")], None)?;
                let shown = match f.input {
                    Input::FromLuciq => format!("from Luciq: {}", f.value),
                    Input::Click => format!("click {}", f.value),
                    _ if f.value.is_empty() && !f.options.is_empty() => {
                        format!("one of: {}", f.options.join(", "))
                    }
                    _ => visible(&f.value, false),
                };
                child::<Element>(&cell, "code", &[], Some(&shown))?;
                if !f.confirmed {
                    text(doc, &cell, " ")?;
                    child::<Element>(
                        &cell,
                        "span",
                        &[("class", "unconfirmed")],
                        Some("(not published by Luciq: confirm)"),
                    )?;
                }
                if let Some(n) = &f.note {
                    child::<Element>(&cell, "div", &[("class", "hint")], Some(n))?;
                }
                for e in &f.errors {
                    child::<Element>(&cell, "div", &[("class", "error")], Some(e))?;
                }
                let tools: Element = child(&row, "td", &[], None)?;
                if matches!(f.input, Input::Text | Input::Select)
                    && !f.value.is_empty()
                    && f.errors.is_empty()
                {
                    listeners.push(copy_button(
                        &tools,
                        "Copy",
                        &format!("{}: {}", label, f.value),
                        Rc::from(f.value.as_str()),
                        &[],
                    )?);
                }
            }
        }
        if members > MEMBER_ROWS_SHOWN {
            child::<Element>(
                &li,
                "p",
                &[("class", "hint")],
                Some(&format!(
                    "{} more member rows are not shown: with this many values, use the schema body or the curl script instead of typing them.",
                    members - MEMBER_ROWS_SHOWN
                )),
            )?;
        }
        let source: Element = child(&li, "p", &[("class", "hint")], Some("Source: "))?;
        child::<Element>(
            &source,
            "a",
            &[
                ("href", step.source.url),
                ("rel", "noopener noreferrer"),
                ("target", "_blank"),
            ],
            Some(step.source.title),
        )?;
    }
    *page.checklist_listeners.borrow_mut() = listeners;
    Ok(())
}
