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
use crate::workspace::{Changes, Workspace};

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
                    Setup::Current.as_str(),
                    "Current (\"Luciq User\", apps as a string array)",
                ),
                (
                    Setup::Legacy.as_str(),
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
                (Scope::Personal.as_str(), "Personal (set per user)"),
                (Scope::Group.as_str(), "Group (set per user or group)"),
            ],
        )?;
        let org = input(ui, &root, "org", "Okta org", "acme.okta.com")?;
        let app_id = input(ui, &root, "app-id", "Luciq app id in Okta", "0oa…")?;

        let (s1, s2) = (setup.clone(), scope.clone());
        let (o, a) = (org.clone(), app_id.clone());
        let listeners = vec![
            store.listen(&setup, "change", move |store| {
                let setup = Setup::parse(&s1.value()).unwrap_or_default();
                store.edit(Changes::SETUP, When::Now, |ws| ws.admin.setup = setup);
            }),
            store.listen(&scope, "change", move |store| {
                let scope = Scope::parse(&s2.value()).unwrap_or_default();
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
        self.setup.set_value(ws.admin.setup.as_str());
        self.scope.set_value(ws.admin.scope.as_str());
        if self.org.value() != ws.admin.org {
            self.org.set_value(&ws.admin.org);
        }
        if self.app_id.value() != ws.admin.app_id {
            self.app_id.set_value(&ws.admin.app_id);
        }
    }
}
