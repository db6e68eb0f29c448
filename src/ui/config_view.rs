//! Saving and loading the whole configuration as one JSON file, and opening a catalog file.

use std::rc::Rc;

use super::dom::download;
use super::page::{FileTarget, Page, Part};
use crate::config::{catalog_from_file, config_from_json, config_to_json};

pub const CONFIG_FILE: &str = "luciq-scim-config.json";

pub fn export(page: &Rc<Page>) {
    let text = config_to_json(&page.config());
    let message = match download(CONFIG_FILE, &text, "application/json;charset=utf-8") {
        Ok(()) => format!("Saved {CONFIG_FILE}."),
        Err(_) => "The browser did not allow saving the file.".to_string(),
    };
    page.file_status(FileTarget::Config, &message);
}

/// Loads a configuration file; a file that is refused changes nothing.
pub fn import(page: &Rc<Page>, name: &str, text: &str) {
    match config_from_json(text) {
        Ok(config) => {
            page.apply(&config);
            page.file_status(FileTarget::Config, &format!("Loaded {name}."));
            page.refresh(Part::All);
        }
        Err(e) => page.file_status(
            FileTarget::Config,
            &format!("{name} was not loaded: {}", e.message),
        ),
    }
}

/// Puts the names of a catalog file into the catalog; a file that is refused changes nothing.
pub fn open_catalog(page: &Rc<Page>, name: &str, text: &str) {
    match catalog_from_file(name, text) {
        Ok(file) => {
            page.catalog.set_value(&file.names.join("\n"));
            let mut message = format!("Opened {name}: {} names.", file.names.len());
            for n in &file.notes {
                message.push(' ');
                message.push_str(n);
            }
            page.file_status(FileTarget::Catalog, &message);
            page.refresh(Part::All);
        }
        Err(e) => page.file_status(
            FileTarget::Catalog,
            &format!("{name} was not opened: {}", e.message),
        ),
    }
}
