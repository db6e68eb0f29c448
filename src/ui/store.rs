//! The one store of a mount: the workspace, what is derived from it and shared by sections (the
//! users file's report, the catalog's index), and the sections to tell when a part changes.
//! Typing is debounced; each batch of changes is shown once, then saved once.

use std::cell::{Cell, Ref, RefCell};
use std::rc::{Rc, Weak};

use gloo_events::EventListener;
use gloo_timers::callback::Timeout;
use web_sys::EventTarget;

use super::dom::Ui;
use super::sections::Section;
use super::storage::{StateStorage, PIECE_NAMES};
use crate::config::config_to_json;
use crate::names::SharedCatalog;
use crate::users::UsersReport;
use crate::workspace::{Changes, Workspace};

/// How long typing must pause before the sections are told.
const DEBOUNCE_MS: u32 = 150;
/// How long after the last change the workspace is saved (once for a burst of changes).
const SAVE_AFTER_MS: u32 = 300;

/// When the sections hear of an edit.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum When {
    /// At once: a choice, a click, a paste, a file opened.
    Now,
    /// Once typing pauses.
    Typing,
}

/// Tells the other view of the workspace which parts changed: `(sent, unsent, message)`, where
/// `message` holds the content of the `sent` parts (`Workspace::parts_json`) and the `unsent`
/// parts changed too, their content left for the other view to ask for when it reads them
/// (`Pull`).
pub type Peer = Box<dyn Fn(Changes, Changes, String)>;

/// Asks the other view of the workspace for the content of some parts (a parts message), when
/// this view reads parts it was told changed without their content.
pub type Pull = Box<dyn Fn(Changes) -> Option<String>>;

/// The users file's check: `None` without a file, `Err` with why the file was not checked.
pub type UsersResult = Option<Rc<Result<UsersReport, String>>>;

pub struct Store {
    pub ui: Ui,
    ws: RefCell<Workspace>,
    users: RefCell<UsersResult>,
    /// The catalog the index was built from, and the index.
    catalog_index: RefCell<Option<(Vec<String>, SharedCatalog)>>,
    sections: RefCell<Vec<Weak<dyn Section>>>,
    /// Changes not yet told (typing), and the timer that tells them.
    pending: Cell<Changes>,
    debounce: RefCell<Option<Timeout>>,
    /// Changes queued while the sections are being told (a check that finished at once).
    queued: Cell<Changes>,
    notifying: Cell<bool>,
    /// How many sections `show_next` has shown.
    shown: Cell<usize>,
    /// Whether the sections hear of the other view's changes one a task (`hear_one_a_task`).
    one_a_task: Cell<bool>,
    /// The other view's changes that sections are still to hear of, the next section to tell,
    /// and the timer that tells it.
    heard: Cell<Changes>,
    heard_at: Cell<usize>,
    heard_timer: RefCell<Option<Timeout>>,
    storage: Box<dyn StateStorage>,
    unsaved: Cell<bool>,
    save_timer: RefCell<Option<Timeout>>,
    /// Saves what is unsaved when the page goes away.
    _pagehide: Option<EventListener>,
    /// The other view of this workspace, in the page's other module (the first view and the
    /// rest of the page): told of every change made here, as a parts message.
    peer: RefCell<Option<Peer>>,
    /// The parts told to the other view as changed without their content (the first view's
    /// names: a long list would cross on every edit, to a view that seldom reads it).
    lazy: Cell<Changes>,
    /// Parts the other view changed without sending them: asked for (`pull`) when read
    /// (`fresh`).
    stale: Cell<Changes>,
    pull: RefCell<Option<Pull>>,
    this: Weak<Store>,
}

impl Store {
    pub fn new(ui: Ui, ws: Workspace, storage: Box<dyn StateStorage>) -> Rc<Store> {
        Rc::new_cyclic(|this: &Weak<Store>| {
            let weak = this.clone();
            let pagehide = web_sys::window().map(|w| {
                EventListener::new(&w, "pagehide", move |_| {
                    if let Some(store) = weak.upgrade() {
                        store.save_now();
                    }
                })
            });
            Store {
                ui,
                ws: RefCell::new(ws),
                users: RefCell::new(None),
                catalog_index: RefCell::new(None),
                sections: RefCell::new(Vec::new()),
                pending: Cell::new(Changes::NONE),
                debounce: RefCell::new(None),
                queued: Cell::new(Changes::NONE),
                notifying: Cell::new(false),
                shown: Cell::new(0),
                one_a_task: Cell::new(false),
                heard: Cell::new(Changes::NONE),
                heard_at: Cell::new(0),
                heard_timer: RefCell::new(None),
                storage,
                unsaved: Cell::new(false),
                save_timer: RefCell::new(None),
                _pagehide: pagehide,
                peer: RefCell::new(None),
                lazy: Cell::new(Changes::NONE),
                stale: Cell::new(Changes::NONE),
                pull: RefCell::new(None),
                this: this.clone(),
            }
        })
    }

    /// A section to tell of the changes it depends on (it is held weakly: dropping it is enough
    /// to stop hearing).
    pub fn subscribe(&self, section: Weak<dyn Section>) {
        self.sections.borrow_mut().push(section);
    }

    /// A listener that calls `f` with the store for as long as the mount lives (it holds the
    /// store weakly; the section that keeps the listener drops it when it goes).
    pub fn listen(
        self: &Rc<Self>,
        target: &EventTarget,
        event: &'static str,
        f: impl Fn(&Rc<Store>) + 'static,
    ) -> EventListener {
        let weak = Rc::downgrade(self);
        EventListener::new(target, event, move |_| {
            if let Some(store) = weak.upgrade() {
                f(&store)
            }
        })
    }

    /// The workspace. Where the page is two views in two modules, the parts the other view
    /// changed without sending them (`stale`) may be out of date here: what reads those parts
    /// reads `fresh()`.
    pub fn ws(&self) -> Ref<'_, Workspace> {
        self.ws.borrow()
    }

    /// The workspace with every part up to date: parts the other view changed without sending
    /// are asked for first (when that fails they stay as they were, and stale).
    pub fn fresh(&self) -> Ref<'_, Workspace> {
        let stale = self.stale.replace(Changes::NONE);
        if !stale.is_empty() {
            let message = self.pull.borrow().as_ref().and_then(|pull| pull(stale));
            let taken = message
                .map(|m| self.ws.borrow_mut().take_parts_json(stale, &m).is_ok())
                .unwrap_or(false);
            if !taken {
                self.stale.set(stale);
            }
        }
        self.ws.borrow()
    }

    /// Changes the workspace's `parts` with `edit`; the sections that depend on them hear of it
    /// now or once typing pauses.
    pub fn edit(&self, parts: Changes, when: When, edit: impl FnOnce(&mut Workspace)) {
        edit(&mut self.ws.borrow_mut());
        self.pending.set(self.pending.get() | parts);
        match when {
            When::Now => self.flush(),
            When::Typing => {
                let this = self.this.clone();
                *self.debounce.borrow_mut() = Some(Timeout::new(DEBOUNCE_MS, move || {
                    if let Some(store) = this.upgrade() {
                        store.flush();
                    }
                }));
            }
        }
    }

    /// Puts a whole workspace in (a file loaded, a reset): every section hears of it at once.
    pub fn replace(&self, ws: Workspace) {
        *self.ws.borrow_mut() = ws;
        self.stale.set(Changes::NONE);
        self.pending.set(Changes::ALL);
        self.flush();
    }

    /// Shows the workspace in every section (once mounted); nothing is saved for it.
    pub fn show_all(&self) {
        self.notify(Changes::ALL);
    }

    /// `show_all` a section at a time: the next section (in the order they subscribed) not yet
    /// shown by this shows the whole workspace; `false` once none is left. What it sets off
    /// (a check that finished at once) is told to every section after it, as `notify` does.
    pub fn show_next(&self) -> bool {
        let Some(this) = self.this.upgrade() else {
            return false;
        };
        let at = self.shown.get();
        let (section, total) = {
            let sections = self.sections.borrow();
            (sections.get(at).and_then(Weak::upgrade), sections.len())
        };
        if at >= total {
            return false;
        }
        self.shown.set(at + 1);
        if let Some(section) = section {
            self.update_one(&this, &section, Changes::ALL);
        }
        at + 1 < total
    }

    /// One section hears of `changes`; what that sets off is told to every section after it.
    fn update_one(&self, this: &Rc<Store>, section: &Rc<dyn Section>, changes: Changes) {
        let round = self.notifying.replace(true);
        section.update(this, changes);
        if !round {
            self.notifying.set(false);
            let queued = self.queued.replace(Changes::NONE);
            if !queued.is_empty() {
                self.notify(queued);
            }
        }
    }

    /// From now on the sections hear of the other view's changes one a task, each section
    /// whose parts changed in a task of its own: the rest of the page answering a 10,000-name
    /// catalog typed in the first view is then several tasks, not one of 300 ms.
    pub fn hear_one_a_task(&self) {
        self.one_a_task.set(true);
    }

    fn tell_heard_later(&self) {
        let this = self.this.clone();
        *self.heard_timer.borrow_mut() = Some(Timeout::new(0, move || {
            if let Some(store) = this.upgrade() {
                store.tell_heard_next();
            }
        }));
    }

    /// The next section hears of what the other view changed (if it shows any of it).
    fn tell_heard_next(&self) {
        let Some(this) = self.this.upgrade() else {
            return;
        };
        let changes = self.heard.get();
        let at = self.heard_at.get();
        let (section, total) = {
            let sections = self.sections.borrow();
            (sections.get(at).and_then(Weak::upgrade), sections.len())
        };
        if at >= total || changes.is_empty() {
            self.heard.set(Changes::NONE);
            self.heard_timer.borrow_mut().take();
            return;
        }
        // A section gone (its view unmounted) is passed over, never waited on.
        self.heard_at.set(at + 1);
        if let Some(section) = section {
            if section.depends_on(&self.ws()).intersects(changes) {
                self.update_one(&this, &section, changes);
            }
        }
        if self.heard_at.get() < total && !self.heard.get().is_empty() {
            self.tell_heard_later();
        } else {
            self.heard.set(Changes::NONE);
            self.heard_timer.borrow_mut().take();
        }
    }

    /// Tells the sections of every pending change now, then the other view (if linked).
    pub fn flush(&self) {
        self.debounce.borrow_mut().take();
        let changes = self.pending.replace(Changes::NONE);
        if changes.touches_saved() {
            self.schedule_save();
        }
        self.notify(changes);
        self.tell_peer(changes);
    }

    /// From now on, the other view of this workspace hears of every change made here; of the
    /// `lazy` parts it hears that they changed, not what they are (it asks when it reads them).
    pub fn link(&self, peer: Peer, lazy: Changes) {
        *self.peer.borrow_mut() = Some(peer);
        self.lazy.set(lazy);
    }

    /// How this view asks the other for the parts it was told changed without their content;
    /// `stale` are the parts already so (this view's workspace came without them).
    pub fn set_pull(&self, pull: Pull, stale: Changes) {
        *self.pull.borrow_mut() = Some(pull);
        self.stale.set(stale);
    }

    fn tell_peer(&self, changes: Changes) {
        let parts = Changes::from_bits(changes.bits() & Changes::WORKSPACE.bits());
        if parts.is_empty() {
            return;
        }
        let peer = self.peer.borrow();
        if let Some(peer) = peer.as_ref() {
            let unsent = Changes::from_bits(parts.bits() & self.lazy.get().bits());
            let sent = parts.without(unsent);
            // (No borrow of the workspace is held while the other view answers.)
            let message = self.ws().parts_json(sent);
            peer(sent, unsent, message);
        }
    }

    /// The other view changed the `sent` parts of the workspace (`message` is their content)
    /// and the `unsent` ones (asked for when read, see `fresh`): the sections that depend on
    /// them hear of it at once. Nothing is told back. The view that keeps the workspace in
    /// storage (the one whose storage `keeps()`) saves it.
    pub fn receive(&self, sent: Changes, unsent: Changes, message: &str) -> Result<(), String> {
        self.ws.borrow_mut().take_parts_json(sent, message)?;
        self.stale.set(self.stale.get().without(sent).or(unsent));
        let parts = sent.or(unsent);
        if parts.touches_saved() {
            self.schedule_save();
        }
        if self.one_a_task.get() {
            // A round in progress starts again with everything heard so far: each section
            // hears of every part changed since it last did.
            self.heard.set(self.heard.get() | parts);
            self.heard_at.set(0);
            self.tell_heard_later();
        } else {
            self.notify(parts);
        }
        Ok(())
    }

    /// The users file's check finished (or there is no file): the sections that show what
    /// follows from it hear of it.
    pub fn set_users_report(&self, report: Option<Result<UsersReport, String>>) {
        *self.users.borrow_mut() = report.map(Rc::new);
        self.notify(Changes::USERS_REPORT);
    }

    pub fn users_report(&self) -> UsersResult {
        self.users.borrow().clone()
    }

    /// The catalog's index, built again only when the catalog changed; `None` without one.
    pub fn shared_catalog(&self) -> Option<SharedCatalog> {
        let catalog = self.ws().catalog()?;
        let mut cache = self.catalog_index.borrow_mut();
        match cache.as_ref() {
            Some((key, shared)) if *key == catalog => Some(shared.clone()),
            _ => {
                let shared = SharedCatalog::new(&catalog);
                *cache = Some((catalog, shared.clone()));
                Some(shared)
            }
        }
    }

    fn notify(&self, changes: Changes) {
        self.queued.set(self.queued.get() | changes);
        if self.notifying.replace(true) {
            // Told once the round in progress is over (a section's check finished at once).
            return;
        }
        let Some(this) = self.this.upgrade() else {
            return;
        };
        loop {
            let changes = self.queued.replace(Changes::NONE);
            if changes.is_empty() {
                break;
            }
            let sections: Vec<Rc<dyn Section>> = self
                .sections
                .borrow()
                .iter()
                .filter_map(Weak::upgrade)
                .collect();
            for section in sections {
                let deps = section.depends_on(&self.ws());
                if deps.intersects(changes) {
                    section.update(&this, changes);
                }
            }
        }
        self.notifying.set(false);
    }

    fn schedule_save(&self) {
        if !self.storage.keeps() {
            return;
        }
        self.unsaved.set(true);
        let this = self.this.clone();
        *self.save_timer.borrow_mut() = Some(Timeout::new(SAVE_AFTER_MS, move || {
            if let Some(store) = this.upgrade() {
                store.save_in_steps();
            }
        }));
    }

    /// Saves what is unsaved, a long names list in pieces of `PIECE_NAMES`, one task each (where
    /// the storage keeps pieces): no task of the save holds the page for long. A change before
    /// the last piece drops the save in progress (its timer is the save timer) and schedules a
    /// new one; the page going away saves at once, whole.
    fn save_in_steps(&self) {
        let names = self.ws().work.names.len();
        let Some(pieced) = self.storage.pieces() else {
            return self.save_now();
        };
        if names <= PIECE_NAMES || !self.unsaved.get() {
            return self.save_now();
        }
        let generation = pieced.next_generation();
        self.save_piece(generation, 0, names.div_ceil(PIECE_NAMES));
    }

    fn save_piece(&self, generation: u32, index: usize, pieces: usize) {
        let Some(pieced) = self.storage.pieces() else {
            return;
        };
        if index == pieces {
            self.save_timer.borrow_mut().take();
            let text = self
                .fresh()
                .parts_json(Changes::WORKSPACE.without(Changes::NAMES));
            pieced.save_pieced(&text, generation, pieces);
            self.unsaved.set(false);
            return;
        }
        let written = {
            let ws = self.fresh();
            let names = &ws.work.names;
            let start = (index * PIECE_NAMES).min(names.len());
            let end = (start + PIECE_NAMES).min(names.len());
            let json = serde_json::to_string(&names[start..end]).unwrap_or_default();
            pieced.save_piece(generation, index, &json)
        };
        if !written {
            // Storage full or off: what was kept stays; the next change tries again.
            self.save_timer.borrow_mut().take();
            return;
        }
        let this = self.this.clone();
        *self.save_timer.borrow_mut() = Some(Timeout::new(0, move || {
            if let Some(store) = this.upgrade() {
                store.save_piece(generation, index + 1, pieces);
            }
        }));
    }

    /// Saves the workspace now if anything is unsaved.
    pub fn save_now(&self) {
        self.save_timer.borrow_mut().take();
        if self.unsaved.replace(false) && self.storage.keeps() {
            self.storage
                .save(&config_to_json(&self.fresh().to_config()));
        }
    }

    /// Forgets what was saved (the next change saves again).
    pub fn clear_saved(&self) {
        self.save_timer.borrow_mut().take();
        self.unsaved.set(false);
        self.storage.clear();
    }

    /// Before the mount goes: saves what is unsaved and stops every timer.
    pub fn close(&self) {
        self.flush_pending_save();
        self.debounce.borrow_mut().take();
        self.heard_timer.borrow_mut().take();
        self.sections.borrow_mut().clear();
    }

    fn flush_pending_save(&self) {
        // Typing not yet told is saved too: nothing the admin typed is lost.
        if !self.pending.get().is_empty() && self.pending.get().touches_saved() {
            self.unsaved.set(true);
        }
        self.save_now();
    }
}
