//! The sections a mount is made of, one file each. A section owns its elements, its listeners,
//! its paging and its runner; it says which parts of the workspace it depends on, and the store
//! tells it when they change. A section imports neither the page nor another section: what two
//! sections share (the users file's report, the catalog's index) lives in the store.

use std::rc::Rc;

use wasm_bindgen::JsValue;
use web_sys::Element;

use super::store::Store;
use crate::workspace::{Changes, Workspace};

mod catalog;
#[cfg(feature = "ui")]
mod checklist;
#[cfg(feature = "ui")]
mod config;
mod names;
#[cfg(feature = "ui")]
mod payloads;
#[cfg(feature = "ui")]
mod profile;
mod roles;
mod setup;
#[cfg(feature = "ui")]
mod users;

pub trait Section {
    /// The parts of the workspace (and what follows from them) this section shows.
    fn depends_on(&self, ws: &Workspace) -> Changes;
    /// Shows the workspace again after `changes` (only called when they touch `depends_on`).
    fn update(&self, store: &Rc<Store>, changes: Changes);
}

/// The sections, by the names `mountSections` takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SectionName {
    Setup,
    Roles,
    Catalog,
    Names,
    Users,
    Payloads,
    Checklist,
    Config,
    Profile,
}

// (The `first-view` build names every section but mounts only its own.)
#[cfg_attr(not(feature = "ui"), allow(dead_code))]
impl SectionName {
    /// The page's first view: what the `first-view` module mounts before the page answers.
    pub const FIRST_VIEW: [SectionName; 4] = [
        SectionName::Setup,
        SectionName::Roles,
        SectionName::Catalog,
        SectionName::Names,
    ];

    /// Whether this build of the views can mount the section.
    pub fn in_this_build(self) -> bool {
        cfg!(feature = "ui") || SectionName::FIRST_VIEW.contains(&self)
    }

    pub const ALL: [SectionName; 9] = [
        SectionName::Setup,
        SectionName::Roles,
        SectionName::Catalog,
        SectionName::Names,
        SectionName::Users,
        SectionName::Payloads,
        SectionName::Checklist,
        SectionName::Config,
        SectionName::Profile,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SectionName::Setup => "setup",
            SectionName::Roles => "roles",
            SectionName::Catalog => "catalog",
            SectionName::Names => "names",
            SectionName::Users => "users",
            SectionName::Payloads => "payloads",
            SectionName::Checklist => "checklist",
            SectionName::Config => "config",
            SectionName::Profile => "profile",
        }
    }

    pub fn parse(name: &str) -> Option<SectionName> {
        SectionName::ALL.into_iter().find(|s| s.as_str() == name)
    }

    /// The heading of the section when it is mounted on its own.
    pub fn title(self) -> &'static str {
        match self {
            SectionName::Setup => "Setup",
            SectionName::Roles => "Luciq roles",
            SectionName::Catalog => "Luciq app catalog",
            SectionName::Names => "Check names",
            SectionName::Users => "Users file (bulk check)",
            SectionName::Payloads => "Okta payloads",
            SectionName::Checklist => "Console checklist",
            SectionName::Config => "Save and load",
            SectionName::Profile => "The Luciq profile",
        }
    }

    /// Builds the section into `parent` and subscribes it to the store (refused for a section
    /// not `in_this_build`).
    pub fn mount(self, store: &Rc<Store>, parent: &Element) -> Result<Rc<dyn Section>, JsValue> {
        let section: Rc<dyn Section> = match self {
            SectionName::Setup => setup::SetupSection::mount(store, parent)?,
            SectionName::Roles => roles::RolesSection::mount(store, parent)?,
            SectionName::Catalog => catalog::CatalogSection::mount(store, parent)?,
            SectionName::Names => names::NamesSection::mount(store, parent)?,
            #[cfg(feature = "ui")]
            SectionName::Users => users::UsersSection::mount(store, parent)?,
            #[cfg(feature = "ui")]
            SectionName::Payloads => payloads::PayloadsSection::mount(store, parent)?,
            #[cfg(feature = "ui")]
            SectionName::Checklist => checklist::ChecklistSection::mount(store, parent)?,
            #[cfg(feature = "ui")]
            SectionName::Config => config::ConfigSection::mount(store, parent)?,
            #[cfg(feature = "ui")]
            SectionName::Profile => profile::ProfileSection::mount(store, parent)?,
            #[cfg(not(feature = "ui"))]
            other => {
                return Err(JsValue::from_str(&format!(
                    "the {} section is not in this module",
                    other.as_str()
                )))
            }
        };
        store.subscribe(Rc::downgrade(&section));
        Ok(section)
    }
}
