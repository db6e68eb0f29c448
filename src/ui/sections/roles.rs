//! The role table: title, value and "confirmed" per role, editable, with the values checked as
//! the admin types (the rows are rebuilt only when the table's rows change, so typing keeps
//! focus). A title is display text: editing one changes no check.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_events::EventListener;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, HtmlElement, HtmlInputElement};

use super::Section;
use crate::names::{check_names, Code};
use crate::profile::{builtin_roles, Role};
use crate::ui::dom::{child, count, finding_row, highlighted, spans, text, Ui};
use crate::ui::form::button;
use crate::ui::store::{Store, When};
use crate::workspace::{role_changes, Changes, Workspace};

pub struct RolesSection {
    root: Element,
    summary: Element,
    body: Element,
    findings: Element,
    rows: RefCell<Vec<EventListener>>,
    _listeners: Vec<EventListener>,
}

/// The roles as the table's inputs hold them.
fn from_table(body: &Element) -> Vec<Role> {
    let rows = body.child_nodes();
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

/// Takes the table's roles into the workspace; a title alone is told only to what shows titles.
fn take_table(store: &Store, body: &Element, when: When) {
    let roles = from_table(body);
    let changes = role_changes(&store.ws().admin.roles, &roles);
    if !changes.is_empty() {
        store.edit(changes, when, |ws| ws.admin.roles = roles);
    }
}

impl RolesSection {
    pub fn mount(store: &Rc<Store>, parent: &Element) -> Result<Rc<Self>, JsValue> {
        let ui = &store.ui;
        let root: Element = child(
            parent,
            "details",
            &[("id", &ui.id("roles-box")), ("data-section", "roles")],
            None,
        )?;
        let summary = child(
            &root,
            "summary",
            &[("id", &ui.id("roles-summary"))],
            Some("Luciq roles"),
        )?;
        child::<Element>(
            &root,
            "p",
            &[("class", "hint")],
            Some("Luciq publishes the SCIM value of the Admin role only (\"adminstrator\"). The other values are this tool's defaults: confirm them with Luciq, edit them here, and tick \"Confirmed\" once you have."),
        )?;
        let scroll: Element = child(&root, "div", &[("class", "scroll")], None)?;
        let table: Element = child(
            &scroll,
            "table",
            &[("id", &ui.id("roles")), ("class", "roles")],
            None,
        )?;
        let head: Element = child(&table, "thead", &[], None)?;
        let tr: Element = child(&head, "tr", &[], None)?;
        for h in [
            "Title (shown in Okta)",
            "Value (sent to Luciq)",
            "Confirmed",
            "",
        ] {
            child::<Element>(&tr, "th", &[("scope", "col")], Some(h))?;
        }
        let body: Element = child(&table, "tbody", &[], None)?;
        let tools: Element = child(&root, "div", &[("class", "controls")], None)?;
        let add = button(ui, &tools, "add-role", "Add a role")?;
        let restore = button(ui, &tools, "default-roles", "Restore the Luciq roles")?;
        let findings = child(&root, "ul", &[("id", &ui.id("roles-findings"))], None)?;

        let b = body.clone();
        let listeners = vec![
            store.listen(&add, "click", move |store| {
                store.edit(
                    Changes::ROLE_VALUES | Changes::ROLE_TITLES,
                    When::Now,
                    |ws| {
                        ws.admin.roles.push(Role {
                            title: String::new(),
                            value: String::new(),
                            confirmed: false,
                        })
                    },
                );
                // Focus on the new row's title.
                if let Some(input) = b
                    .last_element_child()
                    .and_then(|row| row.query_selector("[data-field=title]").ok().flatten())
                {
                    let _ = input.unchecked_ref::<HtmlElement>().focus();
                }
            }),
            store.listen(&restore, "click", |store| {
                let roles = builtin_roles();
                let changes = role_changes(&store.ws().admin.roles, &roles);
                store.edit(changes, When::Now, |ws| ws.admin.roles = roles);
            }),
        ];
        Ok(Rc::new(RolesSection {
            root,
            summary,
            body,
            findings,
            rows: RefCell::new(Vec::new()),
            _listeners: listeners,
        }))
    }

    /// Rebuilds the table's rows from `roles`.
    fn build(&self, store: &Rc<Store>, roles: &[Role]) -> Result<(), JsValue> {
        let body = &self.body;
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
                let b = body.clone();
                listeners.push(store.listen(&input, "input", move |store| {
                    take_table(store, &b, When::Typing)
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
            let b = body.clone();
            listeners.push(store.listen(&check, "change", move |store| {
                take_table(store, &b, When::Now)
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
            listeners.push(store.listen(&remove, "click", move |store| {
                let mut roles = store.ws().admin.roles.clone();
                if i < roles.len() {
                    roles.remove(i);
                }
                let changes = role_changes(&store.ws().admin.roles, &roles);
                store.edit(changes, When::Now, |ws| ws.admin.roles = roles);
            }));
        }
        *self.rows.borrow_mut() = listeners;
        Ok(())
    }

    fn render(&self, store: &Rc<Store>) -> Result<(), JsValue> {
        let ui: &Ui = &store.ui;
        let ws = store.ws();
        let roles = &ws.admin.roles;
        if from_table(&self.body) != *roles {
            self.build(store, roles)?;
        }
        let unconfirmed = roles.iter().filter(|r| !r.confirmed).count();
        self.summary.set_text_content(Some(&format!(
            "Luciq roles: {} ({unconfirmed} not confirmed with Luciq)",
            roles.len()
        )));
        // The values are checked as a list of role values: characters, duplicates, near-duplicates.
        let report = check_names(&ws.roles_request());
        let list = &self.findings;
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
                &ui.doc,
                &li,
                &format!("Row {} ({}), value ", i + 1, role.title),
            )?;
            li.append_child(&highlighted(
                &ui.doc,
                &role.value,
                spans(&role.value, &findings),
            )?)?;
            for d in &findings {
                let row = finding_row(&li, d.severity.as_str(), d.code.as_str())?;
                text(&ui.doc, &row, ": ")?;
                text(&ui.doc, &row, &d.message)?;
            }
        }
        Ok(())
    }
}

impl Section for RolesSection {
    fn depends_on(&self, _: &Workspace) -> Changes {
        Changes::ROLE_VALUES | Changes::ROLE_TITLES | Changes::SETUP
    }

    fn update(&self, store: &Rc<Store>, _: Changes) {
        count(&self.root, "renders");
        if let Err(e) = self.render(store) {
            self.findings
                .set_text_content(Some(&format!("Could not show the roles: {e:?}")));
        }
    }
}
