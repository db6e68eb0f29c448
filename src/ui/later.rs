//! The rest of the page, mounted beside its first view: the whole module's sections go into the
//! parts that the first-view module's page left empty, over a store of their own that the
//! caller (`mountLater`) keeps in step with the first view's.

use wasm_bindgen::JsValue;
use web_sys::Element;

use super::dom::Ui;
use super::page::{page_parts, Mounted};
use super::sections::SectionName;
use super::storage::StateStorage;
use super::store::Store;
use crate::workspace::Workspace;

/// The parts' sections that the first-view module's `mount_page` left out, mounted into their
/// parts (found by id) with a store of their own, which the caller links to the first view's.
/// `show`: as `page::mount_page`'s.
pub fn mount_later(
    root: &Element,
    prefix: &str,
    ws: Workspace,
    storage: Box<dyn StateStorage>,
    show: bool,
) -> Result<Mounted, JsValue> {
    let ui = Ui::beside(root, prefix)?;
    let store = Store::new(ui.clone(), ws, storage);
    let mut sections = Vec::new();
    for p in page_parts() {
        let later = p
            .sections
            .iter()
            .filter(|s| !SectionName::FIRST_VIEW.contains(s));
        for (i, name) in later.enumerate() {
            let id = ui.id(&format!("{}-section", p.id));
            let parent = ui
                .doc
                .get_element_by_id(&id)
                .ok_or(format!("mountLater: no #{id}"))?;
            sections.push(name.mount(&store, &parent)?);
            if i == 0 {
                parent.remove_attribute("aria-busy")?;
            }
        }
    }
    if show {
        store.show_all();
    }
    Ok(Mounted {
        root: root.clone(),
        store,
        _sections: sections,
    })
}
