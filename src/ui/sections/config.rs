//! Save and load: the whole workspace as one JSON file (the same shape the storage keeps), and a
//! reset to the example. A file that is refused changes nothing.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_events::EventListener;
use wasm_bindgen::JsValue;
use web_sys::Element;

use super::Section;
use crate::config::{config_from_json, config_to_json};
use crate::ui::dom::{child, download, read_chosen_file};
use crate::ui::form::{button, file_input};
use crate::ui::store::Store;
use crate::workspace::{Changes, Workspace};

pub const CONFIG_FILE: &str = "luciq-scim-config.json";

pub struct ConfigSection {
    _reader: Rc<RefCell<Option<gloo_file::callbacks::FileReader>>>,
    _listeners: Vec<EventListener>,
}

/// Says `message` under the buttons and to screen readers.
fn say(store: &Store, status: &Element, message: &str) {
    status.set_text_content(Some(message));
    store.ui.announce(message);
}

impl ConfigSection {
    pub fn mount(store: &Rc<Store>, parent: &Element) -> Result<Rc<Self>, JsValue> {
        let ui = &store.ui;
        let root: Element = child(parent, "div", &[("data-section", "config")], None)?;
        child::<Element>(
            &root,
            "p",
            &[("class", "hint")],
            Some("The page keeps what you type in this browser's storage. Save it as one JSON file to share it or to continue elsewhere; nothing is sent anywhere."),
        )?;
        let controls: Element = child(&root, "div", &[("class", "controls")], None)?;
        let export = button(
            ui,
            &controls,
            "config-export",
            "Save the configuration (JSON)",
        )?;
        let file = file_input(
            ui,
            &controls,
            "config-file",
            "Load a configuration",
            ".json,application/json",
        )?;
        let reset = button(ui, &controls, "reset", "Reset to the example")?;
        let status: Element = child(
            &root,
            "p",
            &[("id", &ui.id("config-status")), ("class", "status")],
            None,
        )?;

        let reader = Rc::new(RefCell::new(None));
        let (st1, st2, st3) = (status.clone(), status.clone(), status.clone());
        let (file2, reader2) = (file.clone(), reader.clone());
        let listeners = vec![
            store.listen(&export, "click", move |store| {
                let text = config_to_json(&store.fresh().to_config());
                let message = match download(
                    &store.ui.doc,
                    CONFIG_FILE,
                    &text,
                    "application/json;charset=utf-8",
                ) {
                    Ok(()) => format!("Saved {CONFIG_FILE}."),
                    Err(_) => "The browser did not allow saving the file.".to_string(),
                };
                say(store, &st1, &message);
            }),
            store.listen(&reset, "click", move |store| {
                store.clear_saved();
                store.replace(Workspace::example());
                say(store, &st2, "Reset to the example.");
            }),
            store.listen(&file, "change", move |store| {
                let (weak, file3, status) = (Rc::downgrade(store), file2.clone(), st3.clone());
                let r = read_chosen_file(&file2, move |name, text| {
                    file3.set_value("");
                    let Some(store) = weak.upgrade() else { return };
                    let message = match text {
                        Err(e) => format!("{name}: {e}"),
                        Ok(text) => match config_from_json(&text) {
                            Ok(config) => {
                                store.replace(config.into());
                                format!("Loaded {name}.")
                            }
                            Err(e) => format!("{name} was not loaded: {}", e.message),
                        },
                    };
                    say(&store, &status, &message);
                });
                *reader2.borrow_mut() = r;
            }),
        ];
        Ok(Rc::new(ConfigSection {
            _reader: reader,
            _listeners: listeners,
        }))
    }
}

impl Section for ConfigSection {
    /// Shows nothing of the workspace: it reads it when asked to save.
    fn depends_on(&self, _: &Workspace) -> Changes {
        Changes::NONE
    }

    fn update(&self, _: &Rc<Store>, _: Changes) {}
}
