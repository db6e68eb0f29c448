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
    /// Where the storage keeps a long names list in pieces, each written in a task of its own
    /// (the page's `localStorage`, whose writes hold the page); the others keep the whole text.
    fn pieces(&self) -> Option<&dyn PiecedStorage> {
        None
    }
}

/// Past this many names, a storage with pieces keeps the names list in pieces of this many: a
/// 100,000-name list saved as one text held the page for about 100 ms (the text built, decoded
/// and written in one task; see benches/RESULTS.md).
pub const PIECE_NAMES: usize = 5_000;

/// A storage that keeps the names list apart, in pieces. A save writes the pieces of a new
/// generation, then (`save_pieced`, in one task) the rest of the configuration and which
/// generation holds its names, then forgets the pieces of every other generation: whatever
/// moment the page goes away, what is kept reads whole, old or new.
pub trait PiecedStorage {
    /// A generation no piece kept now belongs to.
    fn next_generation(&self) -> u32;
    /// Keeps piece `index` of `generation` (the JSON of that many names); false when it could
    /// not (storage full or off): the save stops, and what was kept stays.
    fn save_piece(&self, generation: u32, index: usize, names_json: &str) -> bool;
    /// Keeps `text` (the configuration without its names) and says that its names are the
    /// `pieces` of `generation`; then forgets the other generations' pieces.
    fn save_pieced(&self, text: &str, generation: u32, pieces: usize);
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
/// Which generation of pieces holds the saved names, when they are kept apart: "GEN PIECES".
const NAMES_KEY: &str = "luciq-scim:page:names";
/// The pieces: `luciq-scim:page:names:GEN:INDEX`, each a JSON array of names.
const PIECE_PREFIX: &str = "luciq-scim:page:names:";
/// Where an earlier version of the page kept its state (removed on load: nothing is left behind).
const OLD_STORAGE_KEY: &str = "luciq-scim:names-view";

impl PageStorage {
    /// The saved configuration; `None` when there is none or it no longer reads.
    pub fn load() -> Option<Config> {
        LocalStorage::delete(OLD_STORAGE_KEY);
        let store = LocalStorage::raw();
        let text = store.get_item(STORAGE_KEY).ok()??;
        let mut config = config_from_json(&text).ok()?;
        if let Some((generation, pieces)) = Self::pieced() {
            if config.names.is_empty() {
                // A piece that is missing or does not read leaves the names empty, not half.
                let mut names = Vec::new();
                for i in 0..pieces {
                    let piece = store.get_item(&piece_key(generation, i)).ok().flatten();
                    match piece.and_then(|p| serde_json::from_str::<Vec<String>>(&p).ok()) {
                        Some(mut piece) => names.append(&mut piece),
                        None => return Some(config),
                    }
                }
                config.names = names;
            }
        }
        Some(config)
    }

    /// The generation and the count of the pieces that hold the saved names, if any.
    fn pieced() -> Option<(u32, usize)> {
        let index = LocalStorage::raw().get_item(NAMES_KEY).ok()??;
        let (generation, pieces) = index.split_once(' ')?;
        Some((generation.parse().ok()?, pieces.parse().ok()?))
    }

    /// Forgets every piece but the `keep.1` pieces of generation `keep.0` (a save dropped part
    /// way may have left more of that generation), and, without `keep`, which generation held
    /// the names.
    fn forget_pieces(keep: Option<(u32, usize)>) {
        let store = LocalStorage::raw();
        if keep.is_none() {
            let _ = store.remove_item(NAMES_KEY);
        }
        let kept = |key: &str| {
            let Some((generation, pieces)) = keep else {
                return false;
            };
            let (g, i) = key.split_once(':').unwrap_or_default();
            g.parse() == Ok(generation) && i.parse().is_ok_and(|i: usize| i < pieces)
        };
        let count = store.length().unwrap_or(0);
        let stale: Vec<String> = (0..count)
            .filter_map(|i| store.key(i).ok().flatten())
            .filter(|k| k.strip_prefix(PIECE_PREFIX).is_some_and(|rest| !kept(rest)))
            .collect();
        for key in stale {
            let _ = store.remove_item(&key);
        }
    }
}

fn piece_key(generation: u32, index: usize) -> String {
    format!("{PIECE_PREFIX}{generation}:{index}")
}

impl StateStorage for PageStorage {
    fn save(&self, text: &str) {
        if LocalStorage::raw().set_item(STORAGE_KEY, text).is_ok() {
            // The text holds the names: pieces kept before are no longer read.
            Self::forget_pieces(None);
        }
    }
    fn clear(&self) {
        LocalStorage::delete(STORAGE_KEY);
        Self::forget_pieces(None);
    }
    fn pieces(&self) -> Option<&dyn PiecedStorage> {
        Some(self)
    }
}

impl PiecedStorage for PageStorage {
    fn next_generation(&self) -> u32 {
        Self::pieced().map_or(1, |(g, _)| g.wrapping_add(1))
    }
    fn save_piece(&self, generation: u32, index: usize, names_json: &str) -> bool {
        LocalStorage::raw()
            .set_item(&piece_key(generation, index), names_json)
            .is_ok()
    }
    fn save_pieced(&self, text: &str, generation: u32, pieces: usize) {
        let store = LocalStorage::raw();
        if store.set_item(STORAGE_KEY, text).is_err() {
            return;
        }
        // Had this failed, the names would read from the generation kept before: older, whole.
        if store
            .set_item(NAMES_KEY, &format!("{generation} {pieces}"))
            .is_ok()
        {
            Self::forget_pieces(Some((generation, pieces)));
        }
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
