//! The views, rendered from Rust with web-sys and gloo over the pure core: the validation page
//! (`mountPage`) and any subset of its sections (`mountSections`, what the extension's side panel
//! shows). Names, files and pasted JSON are hostile input: every text goes in with
//! `set_text_content` or as a text node, never as HTML.
//!
//! The page comes in two modules: the `first-view` build mounts the page with its first view
//! (setup, roles, catalog, names) and leaves the other parts' sections empty; once it answers,
//! the page loads the whole `ui` build, whose `mountLater` fills them in. The two views keep one
//! workspace: each tells the other the parts it changed (`link`, `receive`).

// The first-view build leaves out the sections that use some shared helpers.
#![cfg_attr(not(feature = "ui"), allow(dead_code))]

mod dom;
mod findings;
mod form;
#[cfg(feature = "ui")]
mod later;
mod page;
mod runner;
mod sections;
mod storage;
mod store;

use std::cell::{Cell, RefCell};

use wasm_bindgen::prelude::*;

use crate::workspace::{Changes, Workspace};
use storage::PageStorage;
#[cfg(feature = "ui")]
use {crate::config::config_from_json, sections::SectionName, storage::CallbackStorage};

thread_local! {
    /// The live mounts, by id: a mount lives until `unmount()` (a handle that JS drops does not
    /// take the views with it).
    static MOUNTS: RefCell<Vec<(u32, page::Mounted)>> = const { RefCell::new(Vec::new()) };
    static MOUNTED: Cell<u32> = const { Cell::new(0) };
}

/// The next mount's id and its element id prefix: none for the first mount of the document
/// (the page's own), `m{id}-` for each other, so two mounts never share an id.
fn next_mount() -> (u32, String) {
    let id = MOUNTED.with(|n| {
        n.set(n.get() + 1);
        n.get()
    });
    let prefix = if id == 1 {
        String::new()
    } else {
        format!("m{id}-")
    };
    (id, prefix)
}

fn keep(id: u32, mounted: page::Mounted) -> Mount {
    MOUNTS.with(|m| m.borrow_mut().push((id, mounted)));
    Mount { id }
}

/// A mounted view. `unmount()` saves what is unsaved, removes the views and drops every
/// listener and timer they had.
#[wasm_bindgen]
pub struct Mount {
    id: u32,
}

#[wasm_bindgen]
impl Mount {
    /** Every section shows the workspace: what `mountPage(root, true)` left for later. */
    #[wasm_bindgen(js_name = showAll)]
    pub fn show_all(&self) {
        if let Some(store) = self.store() {
            store.show_all();
        }
    }

    /** What `showAll()` does, a section at a time: the next section not yet shown by this shows
    the workspace; `false` once none is left. The page's bootstrap shows the rest of the page one
    a task. */
    #[wasm_bindgen(js_name = showNext)]
    pub fn show_next(&self) -> bool {
        self.store().is_some_and(|store| store.show_next())
    }

    pub fn unmount(&self) {
        let mounted = MOUNTS.with(|m| {
            let mut all = m.borrow_mut();
            let at = all.iter().position(|(id, _)| *id == self.id)?;
            Some(all.remove(at).1)
        });
        if let Some(mounted) = mounted {
            mounted.store.close();
            mounted.root.set_text_content(None);
        }
    }

    /** Tells `peer(sent, unsent, message)` of every change made in this mount from now on:
    `sent` the workspace's parts that changed with their content in `message` (JSON), `unsent`
    the parts that changed too but whose content the other view asks for (`partsJson`) when it
    reads them: the names list, which can be long. How the page's first view and the rest of the
    page, in two modules, keep one workspace. */
    pub fn link(&self, peer: js_sys::Function) {
        if let Some(store) = self.store() {
            let tell = move |sent: Changes, unsent: Changes, message: String| {
                // The other view reports its own failures; nothing here to undo.
                let _ = peer.call3(
                    &JsValue::NULL,
                    &JsValue::from(sent.bits()),
                    &JsValue::from(unsent.bits()),
                    &JsValue::from_str(&message),
                );
            };
            store.link(Box::new(tell), Changes::NAMES);
        }
    }

    /** Takes a change made in the other view (what its `link` callback was given): the
    sections that show those parts show them again, and the workspace is saved. */
    pub fn receive(&self, sent: u32, unsent: u32, message: String) -> Result<(), JsValue> {
        let store = self.store().ok_or_else(|| unmounted("receive"))?;
        store
            .receive(
                Changes::from_bits(sent),
                Changes::from_bits(unsent),
                &message,
            )
            .map_err(|e| crate::wasm::error("invalid-request", &format!("receive: {e}")))
    }

    /** The workspace's `parts` (a bit set) in this mount, as a parts message (JSON): what the
    other view starts from, and what it asks for when it reads a part it was told changed. */
    #[wasm_bindgen(js_name = partsJson)]
    pub fn parts_json(&self, parts: u32) -> Result<String, JsValue> {
        let store = self.store().ok_or_else(|| unmounted("partsJson"))?;
        let json = store.fresh().parts_json(Changes::from_bits(parts));
        Ok(json)
    }

    /** Forgets what this mount saved, and stops a save that is due (the other view's "Reset to
    the example"). */
    #[wasm_bindgen(js_name = clearSaved)]
    pub fn clear_saved(&self) -> Result<(), JsValue> {
        let store = self.store().ok_or_else(|| unmounted("clearSaved"))?;
        store.clear_saved();
        Ok(())
    }

    fn store(&self) -> Option<std::rc::Rc<store::Store>> {
        MOUNTS.with(|m| {
            m.borrow()
                .iter()
                .find(|(id, _)| *id == self.id)
                .map(|(_, mounted)| mounted.store.clone())
        })
    }

    /// The prefix of this mount's element ids.
    #[wasm_bindgen(getter, js_name = idPrefix)]
    pub fn id_prefix(&self) -> String {
        MOUNTS.with(|m| {
            m.borrow()
                .iter()
                .find(|(id, _)| *id == self.id)
                .map(|(_, mounted)| mounted.store.ui.id(""))
                .unwrap_or_default()
        })
    }
}

/// What the extension's side panel asks of its mount (the whole `ui` build only).
#[cfg(feature = "ui")]
#[wasm_bindgen]
impl Mount {
    /** Follows the browser tab the views work beside: reads its URL, takes the org and the app id
    from it into the workspace (when the URL has them) and returns what the tab is. */
    #[wasm_bindgen(js_name = followTab, unchecked_return_type = "ConsoleTab")]
    pub fn follow_tab(&self, url: String) -> Result<JsValue, JsValue> {
        let tab = crate::tab::read_console_tab(&url);
        if let Some(store) = self.store() {
            let (org, app_id) = (tab.org.clone(), tab.app_id.clone());
            let mut parts = crate::workspace::Changes::NONE;
            if org.is_some() {
                parts |= crate::workspace::Changes::ORG;
            }
            if app_id.is_some() {
                parts |= crate::workspace::Changes::APP_ID;
            }
            if !parts.is_empty() {
                store.edit(parts, store::When::Now, |ws| {
                    if let Some(org) = org {
                        ws.admin.org = org;
                    }
                    if let Some(id) = app_id {
                        ws.admin.app_id = id;
                    }
                });
            }
        }
        crate::wasm::output(&tab)
    }

    /** What the extension's filler types into the console's "Add Attribute" dialog for
    `attribute` ("role" or "apps"): the console checklist's step for it, from this mount's
    workspace (each field's exact label, value and kind; the "Attribute members" rows; the
    errors that would make the schema refuse a value). */
    #[wasm_bindgen(js_name = fillPlan, unchecked_return_type = "FillPlan | undefined")]
    pub fn fill_plan(&self, attribute: String) -> Result<JsValue, JsValue> {
        let target = fill_target("fillPlan", &attribute)?;
        let step = self.store().and_then(|store| store.ws().fill_plan(target));
        crate::wasm::output(&step)
    }

    /** How the enum values the console shows for an attribute ("role" or "apps") differ from
    this mount's setup: `{missing, extra, matching}`, each extra value with the findings that
    name the character that differs. */
    #[wasm_bindgen(js_name = drift)]
    pub fn drift(&self, attribute: String, shown: Vec<String>) -> Result<JsValue, JsValue> {
        let target = fill_target("drift", &attribute)?;
        let drift = self.store().map(|store| store.ws().drift(target, &shown));
        crate::wasm::output(&drift)
    }

    /** The console's assignment form for this mount's setup: the labels of its role and apps
    fields, the buttons that save it, and the roles and apps the panel offers. */
    #[wasm_bindgen(js_name = assignmentForm, unchecked_return_type = "AssignmentForm")]
    pub fn assignment_form(&self) -> Result<JsValue, JsValue> {
        let form = self.store().map(|store| store.ws().assignment_form());
        crate::wasm::output(&form)
    }

    /** Checks the role and apps an assignment form holds against this mount's role table and
    catalog: per value `ok`, or the error's code and message and the value to use instead. */
    #[wasm_bindgen(js_name = checkAssignment, unchecked_return_type = "AssignmentCheck")]
    pub fn check_assignment(
        &self,
        role: Option<String>,
        apps: Vec<String>,
    ) -> Result<JsValue, JsValue> {
        if apps.len() > crate::limits::MAX_NAMES {
            return Err(crate::wasm::error(
                "too-large",
                "checkAssignment: too many apps",
            ));
        }
        let check = self
            .store()
            .map(|store| store.ws().check_assignment(role.as_deref(), &apps));
        crate::wasm::output(&check)
    }

    /** The two attributes' variable names for this mount's setup, and the Profile Editor's column
    that lists enum values: `{role, apps, membersColumn}`. */
    #[wasm_bindgen(js_name = attributeNames)]
    pub fn attribute_names(&self) -> Result<JsValue, JsValue> {
        let setup = self
            .store()
            .map(|store| store.ws().admin.setup)
            .unwrap_or_default();
        let p = crate::profile::luciq_profile(setup);
        let names = serde_json::json!({
            "role": p.attributes[0].variable_name,
            "apps": p.attributes[1].variable_name,
            "membersColumn": crate::labels::ATTRIBUTE_MEMBERS,
        });
        crate::wasm::output(&names)
    }

    /** The plan for the org the extension read through Okta's API (`{schema, mapping,
    features, appUsers}`): the schema's and the mapping's changes for this mount's setup, with
    the calls in order (paths keep `{appId}` and `{mappingId}`). */
    #[wasm_bindgen(js_name = applyPlan, unchecked_return_type = "ApplyPlan")]
    pub fn apply_plan(
        &self,
        #[wasm_bindgen(unchecked_param_type = "OrgRead")] org: JsValue,
    ) -> Result<JsValue, JsValue> {
        let org: crate::org::OrgRead = crate::wasm::input(org, "applyPlan")?;
        self.with_ws("applyPlan", |ws| {
            let plan = ws
                .apply_plan(&org)
                .map_err(|e| crate::wasm::error("refused", &e))?;
            crate::wasm::output(&plan)
        })
    }

    /** The audit of the org read: prerequisites, attributes, mapping and every app user's
    values, with the report as CSV (`{audit, csv}`). */
    #[wasm_bindgen(js_name = audit, unchecked_return_type = "AuditResult")]
    pub fn audit(
        &self,
        #[wasm_bindgen(unchecked_param_type = "OrgRead")] org: JsValue,
    ) -> Result<JsValue, JsValue> {
        let org: crate::org::OrgRead = crate::wasm::input(org, "audit")?;
        self.with_ws("audit", |ws| {
            let audit = ws
                .audit(&org)
                .map_err(|e| crate::wasm::error("refused", &e))?;
            let csv = crate::org::audit_csv(&audit);
            crate::wasm::output(&serde_json::json!({ "audit": audit, "csv": csv }))
        })
    }

    /** The emails of the users file's rows without an error, once each: the users to look up
    before a bulk plan. Refused when the users section has no checked file. */
    #[wasm_bindgen(js_name = bulkEmails)]
    pub fn bulk_emails(&self) -> Result<Vec<String>, JsValue> {
        self.with_users("bulkEmails", |_, report| {
            Ok(crate::org::emails_to_resolve(report))
        })
    }

    /** The bulk plan of the users file: `found` are the Okta users the searches returned,
    `appUsers` the app's assignments. */
    #[wasm_bindgen(js_name = bulkPlan, unchecked_return_type = "BulkPlan")]
    pub fn bulk_plan(
        &self,
        #[wasm_bindgen(unchecked_param_type = "FoundUser[]")] found: JsValue,
        #[wasm_bindgen(js_name = appUsers, unchecked_param_type = "unknown[]")] app_users: JsValue,
    ) -> Result<JsValue, JsValue> {
        // (Sizes are checked where they are used: the schema by the plan, the app users by the
        // audit and the bulk plan.)
        let found: Vec<crate::org::FoundUser> = crate::wasm::input(found, "bulkPlan: found")?;
        let app_users: Vec<serde_json::Value> =
            crate::wasm::input(app_users, "bulkPlan: appUsers")?;
        self.with_users("bulkPlan", |ws, report| {
            let plan = ws
                .bulk_plan(report, &found, &app_users)
                .map_err(|e| crate::wasm::error("refused", &e))?;
            crate::wasm::output(&plan)
        })
    }

    /// Runs `f` on this mount's workspace.
    fn with_ws<T>(
        &self,
        what: &str,
        f: impl FnOnce(&crate::workspace::Workspace) -> Result<T, JsValue>,
    ) -> Result<T, JsValue> {
        let store = self.store().ok_or_else(|| unmounted(what))?;
        let ws = store.ws();
        f(&ws)
    }

    /// Runs `f` on this mount's workspace and its users file's report; refused without a
    /// checked file.
    fn with_users<T>(
        &self,
        what: &str,
        f: impl FnOnce(&crate::workspace::Workspace, &crate::users::UsersReport) -> Result<T, JsValue>,
    ) -> Result<T, JsValue> {
        let store = self.store().ok_or_else(|| unmounted(what))?;
        let report = store.users_report().ok_or_else(|| {
            crate::wasm::error(
                "no-users-file",
                "Open or paste a users file in the users section first (email, role, apps).",
            )
        })?;
        match &*report {
            Ok(r) => f(&store.ws(), r),
            Err(e) => Err(crate::wasm::error("users-file", e)),
        }
    }
}

fn unmounted(what: &str) -> JsValue {
    crate::wasm::error("unmounted", &format!("{what}: this view was unmounted"))
}

/// "role" or "apps", as the panel names the two attributes.
#[cfg(feature = "ui")]
fn fill_target(what: &str, attribute: &str) -> Result<crate::workspace::FillTarget, JsValue> {
    use crate::workspace::FillTarget;
    match attribute {
        "role" => Ok(FillTarget::Role),
        "apps" => Ok(FillTarget::Apps),
        other => Err(crate::wasm::error(
            "invalid-request",
            &format!("{what}: attribute is {other:?}, expected \"role\" or \"apps\""),
        )),
    }
}

/** Builds the validation page into `root` (an element whose content it replaces), with what this
browser's `localStorage` kept, and starts it. In the `first-view` module the parts past the
first view stay empty until the whole module's `mountLater` fills them in. `showLater`: the
sections are built empty and show the workspace (its checks run, their results drawn) when
`showAll()` (or `showNext()`, a section at a time) is called, so that a caller can do the two
in tasks of their own. */
#[wasm_bindgen(js_name = mountPage)]
pub fn mount_page(
    root: web_sys::Element,
    #[wasm_bindgen(js_name = showLater)] show_later: Option<bool>,
) -> Result<Mount, JsValue> {
    let ws = PageStorage::load()
        .map(Workspace::from)
        .unwrap_or_else(Workspace::example);
    let (id, prefix) = next_mount();
    let show = !show_later.unwrap_or(false);
    let mounted = page::mount_page(&root, &prefix, ws, Box::new(PageStorage), show)?;
    Ok(keep(id, mounted))
}

/** Fills in the parts of the page that `first` (the mount of the `first-view` module's
`mountPage` in `root`) left empty, with the same workspace; from then on each view tells the
other what changed in it. `showLater`: as `mountPage`'s (the sections show the workspace at
`showAll()`). */
#[cfg(feature = "ui")]
#[wasm_bindgen(js_name = mountLater)]
pub fn mount_later(
    root: web_sys::Element,
    first: JsValue,
    #[wasm_bindgen(js_name = showLater)] show_later: Option<bool>,
) -> Result<Mount, JsValue> {
    let call = |name: &str, args: &[JsValue]| -> Result<JsValue, JsValue> {
        method(&first, name)?.apply(&first, &args.iter().collect())
    };
    let prefix = js_sys::Reflect::get(&first, &JsValue::from_str("idPrefix"))?
        .as_string()
        .unwrap_or_default();
    // The first view keeps the names; they come here when read (`Store::fresh`).
    let lazy = Changes::NAMES;
    let mut ws = Workspace::default();
    let everything_else = Changes::WORKSPACE.without(lazy);
    let message = call("partsJson", &[JsValue::from(everything_else.bits())])?
        .as_string()
        .unwrap_or_default();
    ws.take_parts_json(everything_else, &message)
        .map_err(|e| crate::wasm::error("invalid-request", &format!("mountLater: {e}")))?;
    let clear = method(&first, "clearSaved")?;
    let (id, _) = next_mount();
    let storage = Box::new(storage::PeerStorage {
        first: first.clone(),
        clear,
    });
    let mounted = later::mount_later(&root, &prefix, ws, storage, !show_later.unwrap_or(false))?;
    let parts_json = method(&first, "partsJson")?;
    let first2 = first.clone();
    mounted.store.set_pull(
        Box::new(move |parts: Changes| {
            parts_json
                .call1(&first2, &JsValue::from(parts.bits()))
                .ok()?
                .as_string()
        }),
        lazy,
    );
    // Each view tells the other the parts changed in it; neither tells back what it was told.
    let receive = method(&first, "receive")?;
    let first3 = first.clone();
    let tell = move |sent: Changes, unsent: Changes, message: String| {
        let args = js_sys::Array::of3(
            &JsValue::from(sent.bits()),
            &JsValue::from(unsent.bits()),
            &JsValue::from_str(&message),
        );
        let _ = receive.apply(&first3, &args);
    };
    mounted.store.link(Box::new(tell), Changes::NONE);
    mounted.store.hear_one_a_task();
    let weak = std::rc::Rc::downgrade(&mounted.store);
    let hear =
        Closure::<dyn Fn(u32, u32, String)>::new(move |sent: u32, unsent: u32, message: String| {
            if let Some(store) = weak.upgrade() {
                // A message from the module that made it always reads.
                let _ = store.receive(
                    Changes::from_bits(sent),
                    Changes::from_bits(unsent),
                    &message,
                );
            }
        });
    call("link", &[hear.into_js_value()])?;
    Ok(keep(id, mounted))
}

/// `object[name]` as a function, or an error that names it.
#[cfg(feature = "ui")]
fn method(object: &JsValue, name: &str) -> Result<js_sys::Function, JsValue> {
    js_sys::Reflect::get(object, &JsValue::from_str(name))?
        .dyn_into()
        .map_err(|_| crate::wasm::error("invalid-request", &format!("mountLater: no {name}()")))
}

/** Builds the sections named (any of "setup", "roles", "catalog", "names", "users", "payloads",
"checklist", "config", "profile", in the order given) into `root`, kept through `storage`:
`{ load(), save(text), clear() }`, where `load` may return the saved text, null, or a Promise of
either (the extension's `chrome.storage.local`). Resolves to the mount once loaded. */
#[cfg(feature = "ui")]
#[wasm_bindgen(js_name = mountSections)]
pub fn mount_sections(
    root: web_sys::Element,
    names: Vec<String>,
    storage: JsValue,
) -> Result<js_sys::Promise, JsValue> {
    let mut chosen = Vec::new();
    for n in &names {
        match SectionName::parse(n) {
            Some(s) => chosen.push(s),
            None => {
                let known: Vec<&str> = SectionName::ALL.iter().map(|s| s.as_str()).collect();
                return Err(crate::wasm::error(
                    "invalid-request",
                    &format!(
                        "mountSections: no section is called {n:?} (the sections: {})",
                        known.join(", ")
                    ),
                ));
            }
        }
    }
    let storage = CallbackStorage::new(storage)
        .map_err(|m| crate::wasm::error("invalid-request", &format!("mountSections: {m}")))?;
    let loaded = storage.load();
    let mount = Closure::once_into_js(move |saved: JsValue| -> Result<JsValue, JsValue> {
        let ws = saved
            .as_string()
            .and_then(|text| config_from_json(&text).ok())
            .map(Workspace::from)
            .unwrap_or_else(Workspace::example);
        let (id, prefix) = next_mount();
        let mounted = page::mount_sections(&root, &prefix, &chosen, ws, Box::new(storage))?;
        Ok(keep(id, mounted).into())
    });
    // `loaded.then(mount)`, with a one-shot callback that frees itself.
    let then: js_sys::Function =
        js_sys::Reflect::get(&loaded, &JsValue::from_str("then"))?.dyn_into()?;
    then.call1(&loaded, &mount)?.dyn_into()
}

/// Shows an internal error in every live mount, in plain words (called by the panic hook, before
/// the error reaches JS). The views may be in any state: nothing here borrows what a panic can
/// leave borrowed.
pub fn show_internal_error(message: &str) {
    let roots: Vec<web_sys::Element> = MOUNTS.with(|m| match m.try_borrow() {
        Ok(all) => all
            .iter()
            .map(|(_, mounted)| mounted.root.clone())
            .collect(),
        Err(_) => Vec::new(),
    });
    for root in roots {
        let Some(doc) = root.owner_document() else {
            continue;
        };
        let Ok(alert) = doc.create_element("div") else {
            continue;
        };
        let _ = alert.set_attribute("role", "alert");
        let _ = alert.set_attribute("class", "internal-error");
        alert.set_text_content(Some(&format!(
            "Something went wrong inside the checker ({message}). What you entered is kept: reload the page to go on, and please report this message."
        )));
        let _ = root.prepend_with_node_1(&alert);
    }
}
