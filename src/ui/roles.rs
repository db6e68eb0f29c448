//! The role table: title, value and "confirmed" per role, editable, with the values checked as
//! the admin types (the table is rebuilt only when its rows change, so typing keeps focus).

use std::rc::Rc;

use gloo_events::EventListener;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, HtmlElement, HtmlInputElement};

use super::dom::{child, finding_row, highlighted, spans, text};
use super::page::{Page, Part};
use crate::names::{check_names, CheckRequest, Code, ListContext, NameKind};
use crate::profile::Role;

/// The roles as the table's inputs hold them.
fn from_table(page: &Page) -> Vec<Role> {
    let rows = page.roles_body.child_nodes();
    (0..rows.length())
        .filter_map(|i| rows.item(i))
        .filter_map(|n| n.dyn_into::<Element>().ok())
        .map(|row| {
            let field = |name: &str| {
                row.query_selector(&format!("[data-field={name}]"))
                    .ok()
                    .flatten()
                    .and_then(|e| e.dyn_into::<HtmlInputElement>().ok())
            };
            Role {
                title: field("title").map(|i| i.value()).unwrap_or_default(),
                value: field("value").map(|i| i.value()).unwrap_or_default(),
                confirmed: field("confirmed").is_some_and(|i| i.checked()),
            }
        })
        .collect()
}

pub fn render(page: &Rc<Page>) {
    if let Err(e) = try_render(page) {
        page.roles_findings
            .set_text_content(Some(&format!("Could not show the roles: {e:?}")));
    }
}

/// Moves the focus to the last row's title (after "Add a role").
pub fn focus_last(page: &Page) {
    if let Some(input) = page
        .roles_body
        .last_element_child()
        .and_then(|row| row.query_selector("[data-field=title]").ok().flatten())
    {
        let _ = input.unchecked_ref::<HtmlElement>().focus();
    }
}

fn try_render(page: &Rc<Page>) -> Result<(), JsValue> {
    let roles = page.roles.borrow().clone();
    if from_table(page) != roles {
        build(page, &roles)?;
    }
    let unconfirmed = roles.iter().filter(|r| !r.confirmed).count();
    if let Some(summary) = page.doc.get_element_by_id("roles-summary") {
        summary.set_text_content(Some(&format!(
            "Luciq roles: {} ({unconfirmed} not confirmed with Luciq)",
            roles.len()
        )));
    }
    let chosen = page.group_role.value();
    page.fill_group_roles(&chosen);
    // The values are checked as a list of role values: characters, duplicates, near-duplicates.
    let report = check_names(&CheckRequest {
        kind: NameKind::Role,
        names: roles.iter().map(|r| r.value.clone()).collect(),
        catalog: None,
        setup: page.setup_value(),
        context: Some(ListContext::Catalog),
    });
    let list = &page.roles_findings;
    list.set_text_content(None);
    for ((i, role), r) in roles.iter().enumerate().zip(&report.results) {
        if role.title.trim().is_empty() {
            child::<Element>(
                list,
                "li",
                &[("class", "error")],
                Some(&format!(
                    "Row {}: the title is empty (Okta shows it in the role list).",
                    i + 1
                )),
            )?;
        }
        // Whether a value is confirmed is the table's "Confirmed" box, not the built-in list.
        let findings: Vec<_> = r
            .diagnostics
            .iter()
            .filter(|d| d.code != Code::UnconfirmedValue)
            .cloned()
            .collect();
        if findings.is_empty() {
            continue;
        }
        let li: Element = child(list, "li", &[], None)?;
        text(
            &page.doc,
            &li,
            &format!("Row {} ({}), value ", i + 1, role.title),
        )?;
        li.append_child(&highlighted(&page.doc, &role.value, spans(&findings))?)?;
        for d in &findings {
            let row = finding_row(&li, d.severity.as_str(), d.code.as_str())?;
            text(&page.doc, &row, ": ")?;
            text(&page.doc, &row, &d.message)?;
        }
    }
    Ok(())
}

/// Rebuilds the table's rows from `roles`.
fn build(page: &Rc<Page>, roles: &[Role]) -> Result<(), JsValue> {
    let body = &page.roles_body;
    body.set_text_content(None);
    let mut listeners = Vec::new();
    for (i, role) in roles.iter().enumerate() {
        let n = (i + 1).to_string();
        let row: Element = child(body, "tr", &[], None)?;
        for (field, value, label) in [
            ("title", &role.title, format!("Title of role {n}")),
            ("value", &role.value, format!("Value of role {n}")),
        ] {
            let cell: Element = child(&row, "td", &[], None)?;
            let input: HtmlInputElement = child(
                &cell,
                "input",
                &[
                    ("type", "text"),
                    ("data-field", field),
                    ("aria-label", &label),
                    ("spellcheck", "false"),
                    ("autocomplete", "off"),
                ],
                None,
            )?;
            input.set_value(value);
            let p = page.clone();
            listeners.push(EventListener::new(&input, "input", move |_| {
                *p.roles.borrow_mut() = from_table(&p);
                p.later(Part::All);
            }));
        }
        let cell: Element = child(&row, "td", &[], None)?;
        let check: HtmlInputElement = child(
            &cell,
            "input",
            &[
                ("type", "checkbox"),
                ("data-field", "confirmed"),
                (
                    "aria-label",
                    &format!("Role {n}'s value is confirmed with Luciq"),
                ),
            ],
            None,
        )?;
        check.set_checked(role.confirmed);
        let p = page.clone();
        listeners.push(EventListener::new(&check, "change", move |_| {
            *p.roles.borrow_mut() = from_table(&p);
            p.refresh(Part::All);
        }));
        let cell: Element = child(&row, "td", &[], None)?;
        let remove: Element = child(
            &cell,
            "button",
            &[
                ("type", "button"),
                ("aria-label", &format!("Remove role {n} ({})", role.title)),
            ],
            Some("Remove"),
        )?;
        let p = page.clone();
        listeners.push(EventListener::new(&remove, "click", move |_| {
            {
                let mut roles = p.roles.borrow_mut();
                if i < roles.len() {
                    roles.remove(i);
                }
            }
            p.refresh(Part::All);
        }));
    }
    *page.role_listeners.borrow_mut() = listeners;
    Ok(())
}
