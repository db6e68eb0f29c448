//! Long checks, and the outputs of a long catalog, in slices: a slice runs for about 25 ms, then
//! the browser gets the main thread back (to paint, to take keystrokes). A run that lasts longer
//! than 200 ms shows its progress. Starting a new run abandons the one before (its next slice sees
//! it is stale and stops).

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use gloo_timers::callback::Timeout;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlProgressElement};

use super::dom::Ui;
use crate::names::CheckRun;
use crate::okta::schema::NameErrorsRun;
use crate::users::{UsersReport, UsersRun};
use crate::workspace::{Outputs, OutputsRun};

/// A check that can be taken forward in steps.
pub trait Steps: 'static {
    type Out;
    /// Items per step between two looks at the clock.
    const STEP: usize = STEP;
    /// Takes up to `budget` more items; `true` once all are done.
    fn step(&mut self, budget: usize) -> bool;
    /// (items done, items in all).
    fn progress(&self) -> (usize, usize);
    fn finish(self) -> Self::Out;
    /// Whether the run is short enough to start in the caller's task (and perhaps end there).
    fn starts_at_once(&self) -> bool {
        self.progress().1 <= SYNC_ITEMS
    }
}

impl Steps for CheckRun {
    type Out = crate::names::CompactReport;
    fn step(&mut self, budget: usize) -> bool {
        CheckRun::step(self, budget)
    }
    fn progress(&self) -> (usize, usize) {
        CheckRun::progress(self)
    }
    fn finish(self) -> Self::Out {
        CheckRun::finish_compact(self)
    }
    /// A few names against a long catalog whose tables are not built yet start in a task of
    /// their own too: building them is the run's work (a slice's 25 ms), on top of whatever the
    /// task that asked has done (a catalog typed: saved, told to the rest of the page).
    fn starts_at_once(&self) -> bool {
        self.progress().1 + self.cold_catalog() <= SYNC_ITEMS
    }
}

impl Steps for UsersRun {
    type Out = UsersReport;
    fn step(&mut self, budget: usize) -> bool {
        UsersRun::step(self, budget)
    }
    fn progress(&self) -> (usize, usize) {
        UsersRun::progress(self)
    }
    fn finish(self) -> Self::Out {
        UsersRun::finish(self)
    }
}

impl Steps for NameErrorsRun {
    type Out = ();
    fn step(&mut self, budget: usize) -> bool {
        NameErrorsRun::step(self, budget)
    }
    fn progress(&self) -> (usize, usize) {
        NameErrorsRun::progress(self)
    }
    fn finish(self) -> Self::Out {
        NameErrorsRun::finish(self)
    }
}

impl Steps for OutputsRun {
    type Out = Outputs;
    /// An output's step takes milliseconds with a 10,000-app catalog: one between two looks.
    const STEP: usize = 1;
    fn step(&mut self, budget: usize) -> bool {
        OutputsRun::step(self, budget)
    }
    fn progress(&self) -> (usize, usize) {
        OutputsRun::progress(self)
    }
    fn finish(self) -> Self::Out {
        OutputsRun::finish(self)
    }
    /// Outputs of a long catalog or users file start in a task of their own: the task that
    /// asked (a check that finished, a catalog typed) has spent its time already.
    fn starts_at_once(&self) -> bool {
        self.names() <= SYNC_ITEMS
    }
}

/// Items per step between two looks at the clock (of a check: names, rows).
const STEP: usize = 64;
/// How long one slice may hold the main thread.
const SLICE_MS: f64 = 25.0;
/// Runs of at most this many items start at once, in the caller's task (and a short one ends
/// there); longer ones in a task of their own.
const SYNC_ITEMS: usize = 2_000;
/// Runs longer than this show their progress.
const SHOW_PROGRESS_AFTER_MS: f64 = 200.0;

/// Where a run shows its progress: a `<progress>` and a line of text, hidden when idle.
pub struct Progress {
    pub bar: HtmlProgressElement,
    pub line: HtmlElement,
    /// "Checking", "Building": what is done.
    pub verb: &'static str,
    /// "names", "rows": what is counted.
    pub noun: &'static str,
}

impl Progress {
    pub fn new(
        ui: &Ui,
        parent: &Element,
        id: &str,
        verb: &'static str,
        noun: &'static str,
    ) -> Result<Self, wasm_bindgen::JsValue> {
        let id = ui.id(id);
        let wrap: HtmlElement = super::dom::child(parent, "div", &[("class", "progress")], None)?;
        let bar: HtmlProgressElement = super::dom::child(
            &wrap,
            "progress",
            &[("id", &id), ("max", "1"), ("value", "0")],
            None,
        )?;
        let line: HtmlElement =
            super::dom::child(&wrap, "span", &[("id", &format!("{id}-text"))], None)?;
        wrap.set_hidden(true);
        let label = format!("{verb} {noun}");
        bar.set_attribute("aria-label", &label)?;
        Ok(Progress {
            bar,
            line,
            verb,
            noun,
        })
    }

    fn show(&self, done: usize, all: usize) {
        if let Some(wrap) = self.bar.parent_element() {
            wrap.unchecked_ref::<HtmlElement>().set_hidden(false);
        }
        self.bar.set_max(all.max(1) as f64);
        self.bar.set_value(done as f64);
        self.line.set_text_content(Some(&format!(
            "{} {done} of {all} {}…",
            self.verb, self.noun
        )));
    }

    fn hide(&self) {
        if let Some(wrap) = self.bar.parent_element() {
            wrap.unchecked_ref::<HtmlElement>().set_hidden(true);
        }
    }
}

/// Runs one kind of check at a time. Its pending slice is a timer it owns: cancelling the run or
/// dropping the runner (with its section) clears it, and the run's data goes with it.
pub struct Runner {
    progress: Progress,
    pending: RefCell<Option<Timeout>>,
    this: Weak<Runner>,
}

impl Runner {
    pub fn new(progress: Progress) -> Rc<Self> {
        Rc::new_cyclic(|this| Runner {
            progress,
            pending: RefCell::new(None),
            this: this.clone(),
        })
    }

    /// Starts `run`, abandoning any run before it; `done` gets the result. A run short enough
    /// finishes before this returns.
    pub fn start<S: Steps>(&self, run: S, done: impl FnOnce(S::Out) + 'static) {
        self.start_showing(run, |_: &S| {}, done);
    }

    /// `start`, with `partial` called at the start of every slice after the first, within that
    /// slice's time (with the run as the slice before left it): a view shows its first results
    /// while the rest is checked.
    pub fn start_showing<S: Steps>(
        &self,
        run: S,
        partial: impl Fn(&S) + 'static,
        done: impl FnOnce(S::Out) + 'static,
    ) {
        self.pending.borrow_mut().take();
        let started = js_sys::Date::now();
        let partial: Rc<dyn Fn(&S)> = Rc::new(partial);
        if run.starts_at_once() {
            return self.slice(run, started, partial, done, false, true);
        }
        // A long run starts in a task of its own: the event that started it (a paste of 100,000
        // lines) has spent its time on the text already.
        self.next(run, started, partial, done, false);
    }

    fn next<S: Steps, F: FnOnce(S::Out) + 'static>(
        &self,
        run: S,
        started: f64,
        partial: Rc<dyn Fn(&S)>,
        done: F,
        show: bool,
    ) {
        let this = self.this.clone();
        let next = Timeout::new(0, move || {
            if let Some(runner) = this.upgrade() {
                runner.slice(run, started, partial, done, show, false);
            }
        });
        *self.pending.borrow_mut() = Some(next);
    }

    /// Abandons the current run, if any.
    pub fn cancel(&self) {
        self.pending.borrow_mut().take();
        self.progress.hide();
    }

    /// One slice: first what the slice before found to show (`show`: the view's partial
    /// results, inside this slice's time), then checking until the slice's time is up. `at_once`:
    /// the slice is in the caller's task.
    fn slice<S: Steps, F: FnOnce(S::Out) + 'static>(
        &self,
        mut run: S,
        started: f64,
        partial: Rc<dyn Fn(&S)>,
        done: F,
        show: bool,
        at_once: bool,
    ) {
        let from = js_sys::Date::now();
        if show {
            partial(&run);
        }
        let finished = loop {
            if run.step(S::STEP) {
                break true;
            }
            if js_sys::Date::now() - from > SLICE_MS {
                break false;
            }
        };
        if finished {
            let out = run.finish();
            // What `done` builds from the result (a view of it) gets a task of its own when
            // this one has spent half a slice already: the two together were a 50 ms task.
            // (A run that finishes in the caller's task is done before `start` returns.)
            if !at_once && js_sys::Date::now() - from > SLICE_MS / 2.0 {
                let this = self.this.clone();
                let then = Timeout::new(0, move || {
                    if let Some(runner) = this.upgrade() {
                        runner.done(out, done);
                    }
                });
                *self.pending.borrow_mut() = Some(then);
                return;
            }
            return self.done(out, done);
        }
        if js_sys::Date::now() - started > SHOW_PROGRESS_AFTER_MS {
            let (d, all) = run.progress();
            self.progress.show(d, all);
        }
        self.next(run, started, partial, done, true);
    }

    fn done<T, F: FnOnce(T)>(&self, out: T, done: F) {
        // (The timer that called this, if any, has fired: let it go.)
        self.pending.borrow_mut().take();
        self.progress.hide();
        done(out);
    }
}
