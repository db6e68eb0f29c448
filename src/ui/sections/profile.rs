//! The Luciq profile for the chosen setup: the app profile's name, both attributes, the built-in
//! roles (which values Luciq published), and what is not known.

use std::rc::Rc;

use wasm_bindgen::JsValue;
use web_sys::Element;

use super::Section;
use crate::profile::luciq_profile;
use crate::ui::dom::{child, count};
use crate::ui::store::Store;
use crate::workspace::{Changes, Workspace};

pub struct ProfileSection {
    root: Element,
}

impl ProfileSection {
    pub fn mount(store: &Rc<Store>, parent: &Element) -> Result<Rc<Self>, JsValue> {
        let root = child(
            parent,
            "div",
            &[
                ("id", &store.ui.id("profile")),
                ("class", "profile"),
                ("data-section", "profile"),
            ],
            None,
        )?;
        Ok(Rc::new(ProfileSection { root }))
    }

    fn render(&self, store: &Store) -> Result<(), JsValue> {
        let p = luciq_profile(store.ws().admin.setup);
        let root = &self.root;
        root.set_text_content(None);
        child::<Element>(
            root,
            "p",
            &[],
            Some(&format!("App profile: {}", p.app_profile)),
        )?;
        let attrs: Element = child(root, "ul", &[], None)?;
        for a in &p.attributes {
            let line = format!(
                "{}: variable {}, {}, external name {}, namespace {}",
                a.display_name,
                a.variable_name,
                a.data_type.label(),
                a.external_name,
                a.external_namespace
            );
            child::<Element>(&attrs, "li", &[], Some(&line))?;
        }
        let table: Element = child(root, "table", &[], None)?;
        let head: Element = child(&table, "tr", &[], None)?;
        for h in ["Role", "Value Okta sends", "Published by Luciq"] {
            child::<Element>(&head, "th", &[("scope", "col")], Some(h))?;
        }
        for r in &p.roles {
            let row: Element = child(&table, "tr", &[], None)?;
            child::<Element>(&row, "td", &[], Some(&r.title))?;
            child::<Element>(&row, "td", &[("class", "name")], Some(&r.value))?;
            let published = if r.confirmed {
                "yes"
            } else {
                "no: confirm with Luciq"
            };
            child::<Element>(&row, "td", &[], Some(published))?;
        }
        let unknowns: Element = child(root, "ul", &[], None)?;
        for u in &p.unknowns {
            child::<Element>(&unknowns, "li", &[], Some(u))?;
        }
        Ok(())
    }
}

impl Section for ProfileSection {
    fn depends_on(&self, _: &Workspace) -> Changes {
        Changes::SETUP
    }

    fn update(&self, store: &Rc<Store>, _: Changes) {
        count(&self.root, "renders");
        if let Err(e) = self.render(store) {
            self.root
                .set_text_content(Some(&format!("Could not show the profile: {e:?}")));
        }
    }
}
