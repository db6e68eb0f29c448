//! Where a mount keeps the workspace between visits, behind one trait: the page's
//! `localStorage`, or callbacks the host gives (the extension backs them with
//! `chrome.storage.local`, which is asynchronous: the mount waits for its load).
//! Both hold the configuration file's text, so the saved state and the exported file are one shape.

use gloo_storage::{LocalStorage, Storage};
use wasm_bindgen::{JsCast, JsValue};

use crate::config::{config_from_json, Config};

pub trait StateStorage {
    /// Keeps `text` (the configuration file's text). Storage can be full or off (private
    /// windows): the views work without it.
    fn save(&self, text: &str);
    /// Forgets what was kept.
    fn clear(&self);
    /// Whether `save` keeps anything: a view whose workspace another view keeps (the rest of
    /// the page beside its first view) saves nothing and never builds the text.
    fn keeps(&self) -> bool {
        true
    }
}

/// The storage of the rest of the page beside its first view (`mountLater`): the first view keeps
/// the workspace (it hears of every change made here), so nothing is saved here; forgetting goes
/// to the first view.
#[cfg(feature = "ui")]
pub struct PeerStorage {
    /// The first view's mount, and its `clearSaved`.
    pub first: wasm_bindgen::JsValue,
    pub clear: js_sys::Function,
}

#[cfg(feature = "ui")]
impl StateStorage for PeerStorage {
    fn save(&self, _: &str) {}
    fn clear(&self) {
        // The first view reports its own failures; nothing here to undo.
        let _ = self.clear.call0(&self.first);
    }
    fn keeps(&self) -> bool {
        false
    }
}

/// The page's storage: this browser's `localStorage`.
pub struct PageStorage;

pub const STORAGE_KEY: &str = "luciq-scim:page";
/// Where an earlier version of the page kept its state (removed on load: nothing is left behind).
const OLD_STORAGE_KEY: &str = "luciq-scim:names-view";

impl PageStorage {
    /// The saved configuration; `None` when there is none or it no longer reads.
    pub fn load() -> Option<Config> {
        LocalStorage::delete(OLD_STORAGE_KEY);
        let text = LocalStorage::raw().get_item(STORAGE_KEY).ok()??;
        config_from_json(&text).ok()
    }
}

impl StateStorage for PageStorage {
    fn save(&self, text: &str) {
        let _ = LocalStorage::raw().set_item(STORAGE_KEY, text);
    }
    fn clear(&self) {
        LocalStorage::delete(STORAGE_KEY);
    }
}

/// Storage through the host's callbacks: `{ load(), save(text), clear() }`; `load` may return
/// the text, `null`, or a Promise of either.
pub struct CallbackStorage {
    host: JsValue,
    save: js_sys::Function,
    clear: Option<js_sys::Function>,
}

fn method(host: &JsValue, name: &str) -> Option<js_sys::Function> {
    js_sys::Reflect::get(host, &JsValue::from_str(name))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
}

impl CallbackStorage {
    /// The callbacks in `host`; `save` is required, `load` and `clear` are optional.
    pub fn new(host: JsValue) -> Result<CallbackStorage, String> {
        let save = method(&host, "save")
            .ok_or("the storage needs a save(text) function (and may have load() and clear())")?;
        let clear = method(&host, "clear");
        Ok(CallbackStorage { host, save, clear })
    }

    /// What `load()` gives, as a Promise (of the text, or null).
    pub fn load(&self) -> js_sys::Promise {
        match method(&self.host, "load") {
            None => js_sys::Promise::resolve(&JsValue::NULL),
            Some(load) => match load.call0(&self.host) {
                Ok(value) => js_sys::Promise::resolve(&value),
                Err(e) => js_sys::Promise::reject(&e),
            },
        }
    }
}

impl StateStorage for CallbackStorage {
    fn save(&self, text: &str) {
        // A host's failure to keep the text must not stop the views.
        let _ = self.save.call1(&self.host, &JsValue::from_str(text));
    }
    fn clear(&self) {
        if let Some(clear) = &self.clear {
            let _ = clear.call0(&self.host);
        }
    }
}
