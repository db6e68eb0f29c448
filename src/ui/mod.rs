//! The validation page's views, rendered from Rust with web-sys and gloo over the pure core.
//! `mount(root)` builds a view into any element, so the extension's side panel can mount the
//! same views. Names are hostile input: every text goes in with `set_text_content`, never as HTML.
//!
//! This first view is the name check (issue 4 builds the rest: outputs, CSV, plan, import/export).

mod dom;
mod names_view;
mod outputs;

use wasm_bindgen::prelude::*;

/** Builds the name-check view into `root` (an empty element) and starts it. */
#[wasm_bindgen(js_name = mountNamesView)]
pub fn mount_names_view(root: web_sys::Element) -> Result<(), JsValue> {
    names_view::mount(&root)
}
