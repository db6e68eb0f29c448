//! Setup: which version of the vendor's doc, the attribute type, the Okta org and the Luciq app's
//! id in Okta.

use std::rc::Rc;

use gloo_events::EventListener;
use wasm_bindgen::JsValue;
use web_sys::{Element, HtmlInputElement, HtmlSelectElement};

use super::Section;
use crate::profile::{Scope, Setup};
use crate::ui::dom::{child, count};
use crate::ui::form::{input, select};
use crate::ui::store::{Store, When};
use crate::workspace::{from_wire_name, wire_name, Changes, Workspace};

pub struct SetupSection {
    root: Element,
    setup: HtmlSelectElement,
    scope: HtmlSelectElement,
    org: HtmlInputElement,
    app_id: HtmlInputElement,
    _listeners: Vec<EventListener>,
}

impl SetupSection {
    pub fn mount(store: &Rc<Store>, parent: &Element) -> Result<Rc<Self>, JsValue> {
        let ui = &store.ui;
        let root: Element = child(
            parent,
            "div",
            &[("class", "controls"), ("data-section", "setup")],
            None,
        )?;
        let setup = select(
            ui,
            &root,
            "setup",
            "Vendor doc",
            &[
                (
                    &wire_name(&Setup::Current),
                    "Current (\"Luciq User\", apps as a string array)",
                ),
                (
                    &wire_name(&Setup::Legacy),
                    "Older (\"Instabug User\", one app per user)",
                ),
            ],
        )?;
        let scope = select(
            ui,
            &root,
            "scope",
            "Attribute type",
            &[
                (&wire_name(&Scope::Personal), "Personal (set per user)"),
                (&wire_name(&Scope::Group), "Group (set per user or group)"),
            ],
        )?;
        let org = input(ui, &root, "org", "Okta org", "acme.okta.com")?;
        let app_id = input(ui, &root, "app-id", "Luciq app id in Okta", "0oa…")?;

        let (s1, s2) = (setup.clone(), scope.clone());
        let (o, a) = (org.clone(), app_id.clone());
        let listeners = vec![
            store.listen(&setup, "change", move |store| {
                let setup = from_wire_name(&s1.value()).unwrap_or_default();
                store.edit(Changes::SETUP, When::Now, |ws| ws.admin.setup = setup);
            }),
            store.listen(&scope, "change", move |store| {
                let scope = from_wire_name(&s2.value()).unwrap_or_default();
                store.edit(Changes::SCOPE, When::Now, |ws| ws.admin.scope = scope);
            }),
            store.listen(&org, "input", move |store| {
                store.edit(Changes::ORG, When::Typing, |ws| ws.admin.org = o.value());
            }),
            store.listen(&app_id, "input", move |store| {
                store.edit(Changes::APP_ID, When::Typing, |ws| {
                    ws.admin.app_id = a.value()
                });
            }),
        ];
        Ok(Rc::new(SetupSection {
            root,
            setup,
            scope,
            org,
            app_id,
            _listeners: listeners,
        }))
    }
}

impl Section for SetupSection {
    fn depends_on(&self, _: &Workspace) -> Changes {
        Changes::SETUP | Changes::SCOPE | Changes::ORG | Changes::APP_ID
    }

    fn update(&self, store: &Rc<Store>, _: Changes) {
        count(&self.root, "renders");
        let ws = store.ws();
        self.setup.set_value(&wire_name(&ws.admin.setup));
        self.scope.set_value(&wire_name(&ws.admin.scope));
        if self.org.value() != ws.admin.org {
            self.org.set_value(&ws.admin.org);
        }
        if self.app_id.value() != ws.admin.app_id {
            self.app_id.set_value(&ws.admin.app_id);
        }
    }
}
