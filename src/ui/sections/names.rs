//! Check names: a list of app names, role values or Okta variable names, each with the offending
//! characters highlighted and made visible, a one-click fix where the core offers one, "fix all",
//! and long lists checked in slices and shown a page of rows at a time.

use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

use gloo_events::{EventListener, EventListenerOptions};
use gloo_timers::callback::Timeout;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};

use super::Section;
use crate::limits::TooLarge;
use crate::names::{CheckRun, CompactReport, NameKind, NameResult};
use crate::ui::dom::{child, count, plural, sync_lines};
use crate::ui::findings::{more_text, name_item, paging, Fix, PAGE_ROWS};
use crate::ui::form::{area, button, checkbox, more_button, select, status};
use crate::ui::runner::{Progress, Runner};
use crate::ui::store::{Store, When};
use crate::workspace::{example_names, lines, names_replaceable, Changes, Workspace};

pub struct NamesSection {
    root: Element,
    kind: HtmlSelectElement,
    names: HtmlTextAreaElement,
    summary: Element,
    results: Element,
    more: HtmlElement,
    errors_only: HtmlInputElement,
    /// Shown instead of the text box while a long list is kept out of it.
    large_note: HtmlElement,
    large_text: Element,
    /// The list is kept out of the text box (pasted, opened or restored past `LARGE_LINES`).
    large: Rc<Cell<bool>>,
    runner: Rc<Runner>,
    /// The last finished check (rows are built from it as they are shown).
    report: RefCell<Option<CompactReport>>,
    /// How many rows of the findings are on screen.
    shown: Cell<usize>,
    /// A whole first page of rows was drawn from the run's partial report (with "only errors"
    /// as it was then): they are final, so the finished report needs only its summary.
    page_from_partial: Cell<Option<bool>>,
    rows: RefCell<Vec<EventListener>>,
    /// The next slice of rows to draw, when a check's rows are drawn a few per task.
    pending_rows: RefCell<Option<gloo_timers::callback::Timeout>>,
    _listeners: Vec<EventListener>,
    this: Weak<NamesSection>,
}

/// Rows a check's render draws per task (about 0.2–0.4 ms a row in wasm here).
const ROWS_PER_TASK: usize = 40;

/// Past this many lines a pasted list is kept out of the text box: Chromium takes about 100 ms
/// to lay out 10,000 lines in a text area and seconds for 100,000, in one task the page cannot
/// slice (benches/RESULTS.md). The list is checked and shown as rows all the same.
pub const LARGE_LINES: usize = 2_000;

/// Line breaks in `text`, without splitting it.
fn line_count(text: &str) -> usize {
    text.bytes().filter(|&b| b == b'\n').count() + 1
}

/// The byte index in `s` of UTF-16 offset `at` (as a text area's selection counts), clamped to
/// the text and to a character boundary.
fn byte_at_utf16(s: &str, at: u32) -> usize {
    let mut units = 0u32;
    for (i, c) in s.char_indices() {
        if units >= at {
            return i;
        }
        units += c.len_utf16() as u32;
    }
    s.len()
}

/// The check of the names list as the workspace has it: against the role table's values and
/// confirmations, and the catalog's shared index; refused past the limits (`too-large`).
fn names_run(store: &Store) -> Result<CheckRun, TooLarge> {
    let ws = store.ws();
    let req = ws.names_request();
    req.within_limits()?;
    let run = match (req.kind, store.shared_catalog()) {
        (NameKind::App, Some(shared)) => CheckRun::with_shared_catalog(req, &shared),
        _ => CheckRun::new(req),
    };
    // The view words only the rows it shows.
    Ok(run.with_roles(&ws.admin.roles).without_messages())
}

impl NamesSection {
    pub fn mount(store: &Rc<Store>, parent: &Element) -> Result<Rc<Self>, JsValue> {
        let ui = &store.ui;
        let root: Element = child(parent, "div", &[("data-section", "names")], None)?;
        let controls: Element = child(&root, "div", &[("class", "controls")], None)?;
        let kind = select(
            ui,
            &controls,
            "kind",
            "Names are",
            &[
                (
                    NameKind::App.as_str(),
                    "Luciq app names (checked against the catalog)",
                ),
                (
                    NameKind::Role.as_str(),
                    "Role values (checked against the role table)",
                ),
                (NameKind::Variable.as_str(), "Okta variable names"),
            ],
        )?;
        let names = area(ui, &root, "names", "Names to check (one per line)", "8")?;
        let large_note: HtmlElement = child(
            &root,
            "div",
            &[
                ("id", &ui.id("names-large")),
                ("class", "large"),
                ("hidden", ""),
            ],
            None,
        )?;
        let large_text: Element = child(&large_note, "p", &[], None)?;
        let show_in_box = button(
            ui,
            &large_note,
            "names-show",
            "Show the list in the text box",
        )?;
        let clear = button(ui, &large_note, "names-clear", "Clear the list")?;
        let large = Rc::new(Cell::new(false));
        let summary = status(ui, &root, "summary")?;
        let progress = Progress::new(ui, &root, "names-progress", "Checking", "names")?;
        let tools: Element = child(&root, "div", &[("class", "controls")], None)?;
        let fix_all = button(ui, &tools, "fix-all", "Fix all safe issues")?;
        let errors_only = checkbox(ui, &tools, "errors-only", " Show only names with errors")?;
        let results: Element = child(
            &root,
            "ol",
            &[("id", &ui.id("results")), ("class", "findings")],
            None,
        )?;
        let more = more_button(ui, &root, "more")?;

        Ok(Rc::new_cyclic(|this: &Weak<NamesSection>| {
            // A paste is not typing: it is checked at once (the input event that follows it).
            let pasting = Rc::new(Cell::new(false));
            let (area2, pasting2) = (names.clone(), pasting.clone());
            let kind2 = kind.clone();
            let (area3, large2, large3, weak) = (
                names.clone(),
                large.clone(),
                large.clone(),
                Rc::downgrade(store),
            );
            let (area4, note2) = (names.clone(), large_note.clone());
            let mut listeners = vec![
                // A paste of more than `LARGE_LINES` lines goes to the list, not into the box:
                // put where the selection is, as the box would have.
                EventListener::new_with_options(
                    &names,
                    "paste",
                    EventListenerOptions::enable_prevent_default(),
                    move |event| {
                        pasting.set(true);
                        let text = event
                            .dyn_ref::<web_sys::ClipboardEvent>()
                            .and_then(|e| e.clipboard_data())
                            .and_then(|d| d.get_data("text/plain").ok());
                        let Some(text) = text.filter(|t| line_count(t) > LARGE_LINES) else {
                            return;
                        };
                        let Some(store) = weak.upgrade() else {
                            return;
                        };
                        event.prevent_default();
                        pasting.set(false);
                        let value = area3.value();
                        let start = area3.selection_start().ok().flatten().unwrap_or(0);
                        let end = area3.selection_end().ok().flatten().unwrap_or(start);
                        let (a, b) = (byte_at_utf16(&value, start), byte_at_utf16(&value, end));
                        let (a, b) = (a.min(b), a.max(b));
                        let (head, tail) = (value[..a].to_string(), value[b..].to_string());
                        large2.set(true);
                        area3.set_value("");
                        // The list is split and checked from the next task: the paste's own
                        // task (the text copied out of the clipboard) stays short.
                        let weak = Rc::downgrade(&store);
                        Timeout::new(0, move || {
                            let Some(store) = weak.upgrade() else {
                                return;
                            };
                            let whole = [head.as_str(), text.as_str(), tail.as_str()].concat();
                            store.edit(Changes::NAMES, When::Now, |ws| {
                                ws.work.names = lines(&whole)
                            });
                        })
                        .forget();
                    },
                ),
                store.listen(&show_in_box, "click", move |store| {
                    large3.set(false);
                    area4.set_value(&store.ws().work.names.join("\n"));
                    area4.set_hidden(false);
                    note2.set_hidden(true);
                }),
                store.listen(&clear, "click", |store| {
                    store.edit(Changes::NAMES, When::Now, |ws| ws.work.names.clear());
                }),
                store.listen(&names, "input", move |store| {
                    let when = if pasting2.replace(false) {
                        When::Now
                    } else {
                        When::Typing
                    };
                    let names = lines(&area2.value());
                    store.edit(Changes::NAMES, when, |ws| ws.work.names = names);
                }),
                store.listen(&kind, "change", move |store| {
                    let kind = NameKind::parse(&kind2.value()).unwrap_or(NameKind::App);
                    // The names typed are kept; an example (or nothing) makes way for the new
                    // kind's.
                    let replace = names_replaceable(&store.ws().work.names);
                    store.edit(Changes::NAMES_KIND | Changes::NAMES, When::Now, |ws| {
                        ws.work.names_kind = kind;
                        if replace {
                            ws.work.names =
                                example_names(kind).iter().map(|s| s.to_string()).collect();
                        }
                    });
                }),
                store.listen(&fix_all, "click", |store| {
                    let report = match names_run(store) {
                        Ok(run) => run.finish_compact(),
                        Err(e) => return store.ui.announce(&e.message()),
                    };
                    let mut fixed = 0;
                    store.edit(Changes::NAMES, When::Now, |ws| {
                        for (i, line) in ws.work.names.iter_mut().enumerate() {
                            if let Some(f) = report.fixed(i) {
                                *line = f.to_string();
                                fixed += 1;
                            }
                        }
                    });
                    store
                        .ui
                        .announce(&format!("Fixed {}.", plural(fixed, "name", "names")));
                }),
            ];
            listeners.extend(paging(
                store,
                &errors_only,
                &more,
                this.clone(),
                |s: &NamesSection| &s.shown,
                |s, store| s.render(store),
            ));
            NamesSection {
                root,
                kind,
                names,
                summary,
                results,
                more,
                errors_only,
                large_note,
                large_text,
                large,
                runner: Runner::new(progress),
                report: RefCell::new(None),
                shown: Cell::new(PAGE_ROWS),
                page_from_partial: Cell::new(None),
                rows: RefCell::new(Vec::new()),
                pending_rows: RefCell::new(None),
                _listeners: listeners,
                this: this.clone(),
            }
        }))
    }

    fn render(&self, store: &Rc<Store>) {
        let report = self.report.borrow();
        let Some(report) = report.as_ref() else {
            return;
        };
        if let Err(e) = self.try_render(store, report, false) {
            self.summary
                .set_text_content(Some(&format!("Could not show the findings: {e:?}")));
        }
    }

    /// The summary and the rows shown, from a finished check or (while a long list is checked)
    /// from the names checked so far: each of them is final. `in_slices`: the rows are drawn
    /// `ROWS_PER_TASK` at a time, one task each (a check's own render: no task of the page's
    /// holds the main thread long), and the summary is set with the last of them.
    fn try_render(
        &self,
        store: &Rc<Store>,
        report: &CompactReport,
        in_slices: bool,
    ) -> Result<(), JsValue> {
        self.pending_rows.borrow_mut().take();
        let checked = report.checked();
        let summary = summary_text(report);
        self.results.set_text_content(None);
        self.rows.borrow_mut().clear();
        let errors_only = self.errors_only.checked();
        let mut rows = (0..checked).filter(|&i| !(errors_only && report.ok(i)));
        let page: std::collections::VecDeque<(usize, NameResult)> = rows
            .by_ref()
            .take(self.shown.get())
            .map(|i| (i, report.result(i)))
            .collect();
        let drawn = page.len();
        let left = rows.count() + (report.len() - checked);
        self.page_from_partial
            .set((checked < report.len() && drawn == self.shown.get()).then_some(errors_only));
        let more = (left == 0 || checked < report.len(), more_text(left));
        let per_task = if in_slices { ROWS_PER_TASK } else { usize::MAX };
        self.draw_rows(store, page, per_task, (summary, more))
    }

    /// Draws up to `per_task` rows of `page` now and the rest in later tasks; then the summary
    /// and the "Show N more" button (hidden, text).
    fn draw_rows(
        &self,
        store: &Rc<Store>,
        mut page: std::collections::VecDeque<(usize, NameResult)>,
        per_task: usize,
        end: (String, (bool, String)),
    ) -> Result<(), JsValue> {
        let weak = Rc::downgrade(store);
        let fix: Fix = Rc::new(move |line, with| {
            if let Some(store) = weak.upgrade() {
                store.edit(Changes::NAMES, When::Now, |ws| {
                    if let Some(l) = ws.work.names.get_mut(line) {
                        *l = with;
                    }
                });
            }
        });
        {
            let mut listeners = self.rows.borrow_mut();
            for (i, r) in page.drain(..per_task.min(page.len())) {
                name_item(&store.ui, &self.results, i, &r, &mut listeners, &fix)?;
            }
        }
        if page.is_empty() {
            let (summary, (hidden, text)) = end;
            self.summary.set_text_content(Some(&summary));
            self.more.set_hidden(hidden);
            self.more.set_text_content(Some(&text));
            return Ok(());
        }
        let (this, weak) = (self.this.clone(), Rc::downgrade(store));
        let next = gloo_timers::callback::Timeout::new(0, move || {
            if let (Some(this), Some(store)) = (this.upgrade(), weak.upgrade()) {
                this.pending_rows.borrow_mut().take();
                if let Err(e) = this.draw_rows(&store, page, per_task, end) {
                    this.summary
                        .set_text_content(Some(&format!("Could not show the findings: {e:?}")));
                }
            }
        });
        *self.pending_rows.borrow_mut() = Some(next);
        Ok(())
    }

    /// The "Show N more" button: hidden while the list is being checked.
    fn show_more(&self, report: &CompactReport, left: usize) {
        self.more
            .set_hidden(left == 0 || report.checked() < report.len());
        self.more.set_text_content(Some(&more_text(left)));
    }

    /// The finished report after its first page of rows was drawn from the partial one: the
    /// summary and the button; the rows on screen stay (they are the same).
    fn finish_page(&self, report: &CompactReport) {
        self.summary.set_text_content(Some(&summary_text(report)));
        let errors_only = self.errors_only.checked();
        let rows = (0..report.len())
            .filter(|&i| !(errors_only && report.ok(i)))
            .count();
        self.show_more(report, rows.saturating_sub(self.shown.get()));
    }
}

impl Section for NamesSection {
    fn depends_on(&self, ws: &Workspace) -> Changes {
        ws.names_depend_on()
    }

    fn update(&self, store: &Rc<Store>, _: Changes) {
        count(&self.root, "renders");
        // Rows of the check before still to be drawn: not any more.
        self.pending_rows.borrow_mut().take();
        {
            let ws = store.ws();
            self.kind.set_value(ws.work.names_kind.as_str());
            let names = &ws.work.names;
            if names.len() <= LARGE_LINES {
                self.large.set(false);
            } else if !self.large.get() && self.names.value().is_empty() {
                // A long list restored from storage (or opened): not into the box either.
                self.large.set(true);
            }
            if self.large.get() {
                let bytes: usize = names.iter().map(|n| n.len() + 1).sum();
                self.large_text.set_text_content(Some(&format!(
                    "{} ({} KB) are checked below. A list this long is kept out of the text box, which takes the browser seconds to lay out; showing it there is slow, but you can.",
                    plural(names.len(), "name", "names"),
                    bytes.div_ceil(1024)
                )));
                self.names.set_value("");
                self.names.set_hidden(true);
                self.large_note.set_hidden(false);
            } else {
                self.large_note.set_hidden(true);
                self.names.set_hidden(false);
                sync_lines(&self.names, names);
            }
        }
        count(&self.root, "checks");
        let run = match names_run(store) {
            Ok(run) => run,
            Err(e) => {
                self.runner.cancel();
                *self.report.borrow_mut() = None;
                self.results.set_text_content(None);
                self.summary.set_text_content(Some(&e.message()));
                return;
            }
        };
        // A new run: nothing on screen is from its partial report yet.
        self.page_from_partial.set(None);
        let (weak, this) = (Rc::downgrade(store), self.this.clone());
        let (weak2, this2) = (weak.clone(), this.clone());
        // A long list shows its first page of rows once they are checked, then the counts as
        // they grow (the rows already shown are final); the whole report when done.
        let first_shown = Cell::new(false);
        self.runner.start_showing(
            run,
            move |run: &CheckRun| {
                let (Some(store), Some(this)) = (weak2.upgrade(), this2.upgrade()) else {
                    return;
                };
                let report = run.report();
                if first_shown.get() {
                    this.summary.set_text_content(Some(&summary_text(report)));
                } else if report.checked() >= PAGE_ROWS.min(report.len()) {
                    first_shown.set(true);
                    // The report before is out of date: paging waits for this one.
                    this.report.borrow_mut().take();
                    this.shown.set(PAGE_ROWS);
                    if let Err(e) = this.try_render(&store, report, true) {
                        this.summary
                            .set_text_content(Some(&format!("Could not show the findings: {e:?}")));
                    }
                }
            },
            move |report| {
                if let (Some(store), Some(this)) = (weak.upgrade(), this.upgrade()) {
                    let page_drawn = this.page_from_partial.take()
                        == Some(this.errors_only.checked())
                        && this.shown.get() == PAGE_ROWS
                        && this.pending_rows.borrow().is_none();
                    if page_drawn {
                        this.finish_page(&report);
                    } else {
                        this.shown.set(PAGE_ROWS);
                        if let Err(e) = this.try_render(&store, &report, true) {
                            this.summary.set_text_content(Some(&format!(
                                "Could not show the findings: {e:?}"
                            )));
                        }
                    }
                    *this.report.borrow_mut() = Some(report);
                }
            },
        );
    }
}

/// The names' summary line: "N names: E errors, W warnings, I notes." once every name is
/// checked, "First results: C of N names checked so far, …" before.
fn summary_text(report: &CompactReport) -> String {
    let counts = format!(
        "{}, {}, {}",
        plural(report.errors, "error", "errors"),
        plural(report.warnings, "warning", "warnings"),
        plural(report.infos, "note", "notes"),
    );
    if report.checked() == report.len() {
        format!("{}: {counts}.", plural(report.len(), "name", "names"))
    } else {
        format!(
            "First results: {} of {} names checked so far, {counts}.",
            report.checked(),
            report.len()
        )
    }
}
