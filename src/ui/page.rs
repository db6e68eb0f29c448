//! The validation page, and any subset of its sections: only composition. Each section builds
//! itself (`sections/`); the store holds the workspace and tells them what changed.

use std::rc::Rc;

use wasm_bindgen::JsValue;
use web_sys::Element;

use super::dom::{child, Ui};
use super::form::section;
use super::sections::{Section, SectionName};
use super::storage::StateStorage;
use super::store::Store;
use crate::workspace::Workspace;

/// A mount: its root, its store and its sections. Dropping it drops every listener and timer.
pub struct Mounted {
    pub root: Element,
    pub store: Rc<Store>,
    _sections: Vec<Rc<dyn Section>>,
}

/// A titled part of a mount: its heading's id, the heading, its link in the table of contents
/// (if any) and the sections under it.
struct Part {
    id: String,
    title: &'static str,
    link: Option<&'static str>,
    sections: Vec<SectionName>,
}

fn part(id: &str, title: &'static str, link: Option<&'static str>, s: &[SectionName]) -> Part {
    Part {
        id: id.to_string(),
        title,
        link,
        sections: s.to_vec(),
    }
}

/// The whole page into `root`: a table of contents, then every section.
pub fn mount_page(
    root: &Element,
    prefix: &str,
    ws: Workspace,
    storage: Box<dyn StateStorage>,
) -> Result<Mounted, JsValue> {
    use SectionName::*;
    let parts = [
        part(
            "setup-title",
            "Setup",
            Some("Setup"),
            &[Setup, Roles, Catalog],
        ),
        part(
            "results-title",
            "Check names",
            Some("Check names"),
            &[Names],
        ),
        part(
            "users-title",
            "Users file (bulk check)",
            Some("Users file"),
            &[Users],
        ),
        part(
            "outputs-title",
            "Okta payloads",
            Some("Okta payloads"),
            &[Payloads],
        ),
        part(
            "checklist-title",
            "Console checklist",
            Some("Console checklist"),
            &[Checklist],
        ),
        part(
            "config-title",
            "Save and load",
            Some("Save and load"),
            &[Config],
        ),
        part("profile-title", "The Luciq profile", None, &[Profile]),
    ];
    mount(root, prefix, ws, storage, &parts)
}

/// The sections named, each under its own heading, in the order given (a side panel's column).
pub fn mount_sections(
    root: &Element,
    prefix: &str,
    names: &[SectionName],
    ws: Workspace,
    storage: Box<dyn StateStorage>,
) -> Result<Mounted, JsValue> {
    let parts: Vec<Part> = names
        .iter()
        .map(|n| part(&format!("{}-title", n.as_str()), n.title(), None, &[*n]))
        .collect();
    mount(root, prefix, ws, storage, &parts)
}

fn mount(
    root: &Element,
    prefix: &str,
    ws: Workspace,
    storage: Box<dyn StateStorage>,
    parts: &[Part],
) -> Result<Mounted, JsValue> {
    root.set_text_content(None);
    let ui = Ui::new(root, prefix)?;
    if parts.iter().any(|p| p.link.is_some()) {
        let nav: Element = child(root, "nav", &[("aria-label", "Sections")], None)?;
        let links: Element = child(&nav, "ul", &[], None)?;
        for p in parts {
            if let Some(link) = p.link {
                let li: Element = child(&links, "li", &[], None)?;
                let href = format!("#{}", ui.id(&format!("{}-section", p.id)));
                child::<Element>(&li, "a", &[("href", &href)], Some(link))?;
            }
        }
    }
    let store = Store::new(ui.clone(), ws, storage);
    let mut sections = Vec::new();
    for p in parts {
        let parent = section(&ui, root, &p.id, p.title)?;
        for name in &p.sections {
            sections.push(name.mount(&store, &parent)?);
        }
    }
    ui.attach_announcer(root)?;
    store.show_all();
    Ok(Mounted {
        root: root.clone(),
        store,
        _sections: sections,
    })
}
