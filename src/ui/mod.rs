//! The validation page's views, rendered from Rust with web-sys and gloo over the pure core.
//! `mountPage(root)` builds the page into any element, so the extension's side panel can mount
//! the same views. Names, files and pasted JSON are hostile input: every text goes in with
//! `set_text_content` or as a text node, never as HTML.

mod checklist;
mod config_view;
mod dom;
mod names_view;
mod outputs;
mod page;
mod roles;
mod runner;
mod state;
mod users_view;

use wasm_bindgen::prelude::*;

/** Builds the validation page into `root` (an element whose content it replaces) and starts it. */
#[wasm_bindgen(js_name = mountPage)]
pub fn mount_page(root: web_sys::Element) -> Result<(), JsValue> {
    page::mount(&root)
}
