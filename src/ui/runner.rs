//! Long checks in slices: a slice runs for about 25 ms, then the browser gets the main thread back
//! (to paint, to take keystrokes). A run that lasts longer than 200 ms shows its progress. Starting
//! a new run abandons the one before (its next slice sees it is stale and stops).

use std::cell::Cell;
use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlProgressElement};

use crate::names::CheckRun;

/// A check that can be taken forward in steps.
pub trait Steps: 'static {
    type Out;
    /// Takes up to `budget` more items; `true` once all are done.
    fn step(&mut self, budget: usize) -> bool;
    /// (items done, items in all).
    fn progress(&self) -> (usize, usize);
    fn finish(self) -> Self::Out;
}

impl Steps for CheckRun {
    type Out = crate::names::CheckReport;
    fn step(&mut self, budget: usize) -> bool {
        CheckRun::step(self, budget)
    }
    fn progress(&self) -> (usize, usize) {
        CheckRun::progress(self)
    }
    fn finish(self) -> Self::Out {
        CheckRun::finish(self)
    }
}

/// Items per step between two looks at the clock.
const STEP: usize = 64;
/// How long one slice may hold the main thread.
const SLICE_MS: f64 = 25.0;
/// Runs longer than this show their progress.
const SHOW_PROGRESS_AFTER_MS: f64 = 200.0;

/// Where a run shows its progress: a `<progress>` and a line of text, hidden when idle.
pub struct Progress {
    pub bar: HtmlProgressElement,
    pub line: HtmlElement,
    /// "names", "rows": what is counted.
    pub noun: &'static str,
}

impl Progress {
    pub fn new(
        parent: &Element,
        id: &str,
        noun: &'static str,
    ) -> Result<Self, wasm_bindgen::JsValue> {
        let wrap: HtmlElement = super::dom::child(parent, "div", &[("class", "progress")], None)?;
        let bar: HtmlProgressElement = super::dom::child(
            &wrap,
            "progress",
            &[("id", id), ("max", "1"), ("value", "0")],
            None,
        )?;
        let line: HtmlElement =
            super::dom::child(&wrap, "span", &[("id", &format!("{id}-text"))], None)?;
        wrap.set_hidden(true);
        let label = format!("Checking {noun}");
        bar.set_attribute("aria-label", &label)?;
        Ok(Progress { bar, line, noun })
    }

    fn show(&self, done: usize, all: usize) {
        if let Some(wrap) = self.bar.parent_element() {
            wrap.unchecked_ref::<HtmlElement>().set_hidden(false);
        }
        self.bar.set_max(all.max(1) as f64);
        self.bar.set_value(done as f64);
        self.line
            .set_text_content(Some(&format!("Checking {done} of {all} {}…", self.noun)));
    }

    fn hide(&self) {
        if let Some(wrap) = self.bar.parent_element() {
            wrap.unchecked_ref::<HtmlElement>().set_hidden(true);
        }
    }
}

/// Runs one kind of check at a time.
pub struct Runner {
    generation: Cell<u32>,
    progress: Progress,
}

impl Runner {
    pub fn new(progress: Progress) -> Rc<Self> {
        Rc::new(Runner {
            generation: Cell::new(0),
            progress,
        })
    }

    /// Starts `run`, abandoning any run before it; `done` gets the result. A run short enough
    /// finishes before this returns.
    pub fn start<S: Steps>(self: &Rc<Self>, run: S, done: impl FnOnce(S::Out) + 'static) {
        let generation = self.generation.get().wrapping_add(1);
        self.generation.set(generation);
        slice(self.clone(), generation, run, js_sys::Date::now(), done);
    }

    /// Abandons the current run, if any.
    pub fn cancel(&self) {
        self.generation.set(self.generation.get().wrapping_add(1));
        self.progress.hide();
    }
}

fn slice<S: Steps, F: FnOnce(S::Out) + 'static>(
    runner: Rc<Runner>,
    generation: u32,
    mut run: S,
    started: f64,
    done: F,
) {
    if runner.generation.get() != generation {
        return;
    }
    let from = js_sys::Date::now();
    let finished = loop {
        if run.step(STEP) {
            break true;
        }
        if js_sys::Date::now() - from > SLICE_MS {
            break false;
        }
    };
    if finished {
        runner.progress.hide();
        done(run.finish());
        return;
    }
    if js_sys::Date::now() - started > SHOW_PROGRESS_AFTER_MS {
        let (d, all) = run.progress();
        runner.progress.show(d, all);
    }
    // A one-shot callback frees itself once called; a stale run stops at its next slice.
    let next = Closure::once_into_js(move || slice(runner, generation, run, started, done));
    if let Some(window) = web_sys::window() {
        let _ =
            window.set_timeout_with_callback_and_timeout_and_arguments_0(next.unchecked_ref(), 0);
    }
}
