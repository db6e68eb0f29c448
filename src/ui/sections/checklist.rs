//! The console checklist: every step of the vendor's flow for the chosen setup, where it is in
//! the Okta admin console, and the exact value for each field with a Copy button.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use gloo_events::EventListener;
use wasm_bindgen::JsValue;
use web_sys::Element;

use super::Section;
use crate::console::{console_checklist, Input};
use crate::names::chars::visible;
use crate::okta::schema::NameErrorsRun;
use crate::ui::dom::{child, copy_button, count, text};
use crate::ui::runner::{Progress, Runner};
use crate::ui::store::Store;
use crate::workspace::{Changes, Workspace};

/// "Attribute members" rows shown per attribute; a longer catalog goes in through the API.
const MEMBER_ROWS_SHOWN: usize = 50;
/// Options of a pick-per-user field named in its cell ("one of: …"); the rest are counted. A
/// 10,000-app catalog named whole is a cell tens of thousands of pixels tall, laid out again
/// each time the checklist changes.
const OPTIONS_SHOWN: usize = 20;

pub struct ChecklistSection {
    root: Element,
    listeners: RefCell<Vec<EventListener>>,
    /// Checks a long catalog before the checklist is built from it (`NameErrorsRun`).
    runner: Rc<Runner>,
    this: Weak<ChecklistSection>,
}

impl ChecklistSection {
    pub fn mount(store: &Rc<Store>, parent: &Element) -> Result<Rc<Self>, JsValue> {
        let progress = Progress::new(&store.ui, parent, "checklist-progress", "Checking", "apps")?;
        let root = child(
            parent,
            "div",
            &[
                ("id", &store.ui.id("checklist")),
                ("data-section", "checklist"),
            ],
            None,
        )?;
        Ok(Rc::new_cyclic(|this| ChecklistSection {
            root,
            listeners: RefCell::new(Vec::new()),
            runner: Runner::new(progress),
            this: this.clone(),
        }))
    }
}

impl Section for ChecklistSection {
    /// The steps and values follow the setup, the attribute type, the roles, the catalog and
    /// the mapping's sources; not the org, the app id or anything the admin is checking.
    fn depends_on(&self, _: &Workspace) -> Changes {
        Changes::SETUP
            | Changes::SCOPE
            | Changes::ROLE_VALUES
            | Changes::ROLE_TITLES
            | Changes::CATALOG
            | Changes::MAPPING
    }

    /// A long catalog is checked first, in slices of its own (the check every step's refusal
    /// asks: 10,000 apps took about 35 ms in one task), then the checklist is built at once.
    fn update(&self, store: &Rc<Store>, _: Changes) {
        let request = store.ws().checklist_request().schema_request();
        let Some(run) = NameErrorsRun::of_schema(&request) else {
            self.runner.cancel();
            return self.render(store);
        };
        let (this, store) = (self.this.clone(), Rc::clone(store));
        self.runner.start(run, move |()| {
            if let Some(section) = this.upgrade() {
                section.render(&store);
            }
        });
    }
}

impl ChecklistSection {
    fn render(&self, store: &Rc<Store>) {
        count(&self.root, "renders");
        if let Err(e) = render(self, store) {
            self.root
                .set_text_content(Some(&format!("Could not show the checklist: {e:?}")));
        }
    }
}

fn render(section: &ChecklistSection, store: &Rc<Store>) -> Result<(), JsValue> {
    let ui = &store.ui;
    let list = console_checklist(&store.ws().checklist_request());
    let doc = &ui.doc;
    let root = &section.root;
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
        let li: Element = child(
            &steps,
            "li",
            &[("id", &ui.id(&format!("step-{}", step.id)))],
            None,
        )?;
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
                    _ if f.value.is_empty() && !f.options.is_empty() => one_of(&f.options),
                    _ => visible(&f.value, false),
                };
                child::<Element>(&cell, "code", &[], Some(&shown))?;
                if let Some(tag) = f.unconfirmed_tag() {
                    text(doc, &cell, " ")?;
                    child::<Element>(&cell, "span", &[("class", "unconfirmed")], Some(&tag))?;
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
                        ui,
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
    *section.listeners.borrow_mut() = listeners;
    Ok(())
}

/// "one of: a, b, c", the first `OPTIONS_SHOWN` options and a count of the others.
fn one_of(options: &[String]) -> String {
    let shown = &options[..options.len().min(OPTIONS_SHOWN)];
    let mut s = format!("one of: {}", shown.join(", "));
    if options.len() > shown.len() {
        s.push_str(&format!(
            ", … ({} more, {} in all)",
            options.len() - shown.len(),
            options.len()
        ));
    }
    s
}
