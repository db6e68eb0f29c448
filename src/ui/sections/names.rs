//! Check names: a list of app names, role values or Okta variable names, each with the offending
//! characters highlighted and made visible, a one-click fix where the core offers one, "fix all",
//! and long lists checked in slices and shown a page of rows at a time.

use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

use gloo_events::EventListener;
use wasm_bindgen::JsValue;
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};

use super::Section;
use crate::limits::TooLarge;
use crate::names::{CheckReport, CheckRun, NameKind};
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
    runner: Rc<Runner>,
    report: RefCell<Option<CheckReport>>,
    /// How many rows of the findings are on screen.
    shown: Cell<usize>,
    rows: RefCell<Vec<EventListener>>,
    _listeners: Vec<EventListener>,
    this: Weak<NamesSection>,
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
    Ok(run.with_roles(&ws.admin.roles))
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
        let summary = status(ui, &root, "summary")?;
        let progress = Progress::new(ui, &root, "names-progress", "names")?;
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
            let mut listeners = vec![
                store.listen(&names, "paste", move |_| pasting.set(true)),
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
                        Ok(run) => run.finish(),
                        Err(e) => return store.ui.announce(&e.message()),
                    };
                    let mut fixed = 0;
                    store.edit(Changes::NAMES, When::Now, |ws| {
                        for (line, r) in ws.work.names.iter_mut().zip(&report.results) {
                            if let Some(f) = &r.fixed {
                                *line = f.clone();
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
                runner: Runner::new(progress),
                report: RefCell::new(None),
                shown: Cell::new(PAGE_ROWS),
                rows: RefCell::new(Vec::new()),
                _listeners: listeners,
                this: this.clone(),
            }
        }))
    }

    fn render(&self, store: &Rc<Store>) {
        if let Err(e) = self.try_render(store) {
            self.summary
                .set_text_content(Some(&format!("Could not show the findings: {e:?}")));
        }
    }

    fn try_render(&self, store: &Rc<Store>) -> Result<(), JsValue> {
        let report = self.report.borrow();
        let Some(report) = report.as_ref() else {
            return Ok(());
        };
        self.summary.set_text_content(Some(&format!(
            "{}: {}, {}, {}.",
            plural(report.results.len(), "name", "names"),
            plural(report.errors, "error", "errors"),
            plural(report.warnings, "warning", "warnings"),
            plural(report.infos, "note", "notes"),
        )));
        self.results.set_text_content(None);
        let errors_only = self.errors_only.checked();
        let mut listeners = Vec::new();
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
        let mut rows = report
            .results
            .iter()
            .enumerate()
            .filter(|(_, r)| !(errors_only && r.ok));
        for (i, r) in rows.by_ref().take(self.shown.get()) {
            name_item(&store.ui, &self.results, i, r, &mut listeners, &fix)?;
        }
        let left = rows.count();
        self.more.set_hidden(left == 0);
        self.more.set_text_content(Some(&more_text(left)));
        *self.rows.borrow_mut() = listeners;
        Ok(())
    }
}

impl Section for NamesSection {
    fn depends_on(&self, ws: &Workspace) -> Changes {
        ws.names_depend_on()
    }

    fn update(&self, store: &Rc<Store>, _: Changes) {
        count(&self.root, "renders");
        {
            let ws = store.ws();
            self.kind.set_value(ws.work.names_kind.as_str());
            sync_lines(&self.names, &ws.work.names);
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
        let (weak, this) = (Rc::downgrade(store), self.this.clone());
        self.runner.start(run, move |report| {
            if let (Some(store), Some(this)) = (weak.upgrade(), this.upgrade()) {
                *this.report.borrow_mut() = Some(report);
                this.shown.set(PAGE_ROWS);
                this.render(&store);
            }
        });
    }
}
