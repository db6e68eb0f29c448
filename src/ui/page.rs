//! The validation page, and any subset of its sections: only composition. Each section builds
//! itself (`sections/`); the store holds the workspace and tells them what changed. The page's
//! parts past the first view may come later, from the other module (`later.rs`).

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
    pub(super) _sections: Vec<Rc<dyn Section>>,
}

/// A titled part of a mount: its heading's id, the heading, its link in the table of contents
/// (if any) and the sections under it.
pub(super) struct Part {
    pub id: String,
    title: &'static str,
    link: Option<&'static str>,
    pub sections: Vec<SectionName>,
}

fn part(id: &str, title: &'static str, link: Option<&'static str>, s: &[SectionName]) -> Part {
    Part {
        id: id.to_string(),
        title,
        link,
        sections: s.to_vec(),
    }
}

/// The page's parts, in order: heading id, heading, link in the table of contents, sections.
#[rustfmt::skip]
const PAGE: [(&str, &str, Option<&str>, &[SectionName]); 7] = {
    use SectionName::*;
    [
        ("setup-title", "Setup", Some("Setup"), &[Setup, Roles, Catalog]),
        ("results-title", "Check names", Some("Check names"), &[Names]),
        ("users-title", "Users file (bulk check)", Some("Users file"), &[Users]),
        ("outputs-title", "Okta payloads", Some("Okta payloads"), &[Payloads]),
        ("checklist-title", "Console checklist", Some("Console checklist"), &[Checklist]),
        ("config-title", "Save and load", Some("Save and load"), &[Config]),
        ("profile-title", "The Luciq profile", None, &[Profile]),
    ]
};

pub(super) fn page_parts() -> Vec<Part> {
    PAGE.iter()
        .map(|(id, title, link, s)| part(id, title, *link, s))
        .collect()
}

/// The whole page into `root`: a table of contents, then every section this build has (the
/// parts of the others are left empty and busy, for `later::mount_later`). `show`: the sections
/// show the workspace now; if not, they stay empty until `Store::show_all` (a task of its own).
pub fn mount_page(
    root: &Element,
    prefix: &str,
    ws: Workspace,
    storage: Box<dyn StateStorage>,
    show: bool,
) -> Result<Mounted, JsValue> {
    mount(root, prefix, ws, storage, &page_parts(), show)
}

/// The sections named, each under its own heading, in the order given (a side panel's column).
#[cfg(feature = "ui")]
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
    mount(root, prefix, ws, storage, &parts, true)
}

fn mount(
    root: &Element,
    prefix: &str,
    ws: Workspace,
    storage: Box<dyn StateStorage>,
    parts: &[Part],
    show: bool,
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
            if name.in_this_build() {
                sections.push(name.mount(&store, &parent)?);
            } else {
                // Filled in by the other module's `mountLater`.
                parent.set_attribute("aria-busy", "true")?;
            }
        }
    }
    ui.attach_announcer(root)?;
    if show {
        store.show_all();
    }
    Ok(Mounted {
        root: root.clone(),
        store,
        _sections: sections,
    })
}
