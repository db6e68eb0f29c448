//! The Luciq app catalog: typed, pasted or opened from a `.txt`, `.csv` or `.json` file, and
//! checked as a catalog (its own characters, duplicates, near-duplicates), with its safe fixes
//! one line or all at once. The file it came from is never touched.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use gloo_events::EventListener;
use wasm_bindgen::JsValue;
use web_sys::{Element, HtmlInputElement, HtmlTextAreaElement};

use super::Section;
use crate::config::catalog_from_file;
use crate::names::{CheckRun, CompactReport, STATUS_CLEAN};
use crate::ui::dom::{child, count, plural, read_chosen_file, sync_lines};
use crate::ui::findings::{name_item, Fix};
use crate::ui::form::{area, file_input};
use crate::ui::runner::{Progress, Runner};
use crate::ui::store::{Store, When};
use crate::workspace::{lines, Changes, Workspace};

/// Catalog problems listed under the catalog.
const CATALOG_SHOWN: usize = 20;

pub struct CatalogSection {
    root: Element,
    catalog: HtmlTextAreaElement,
    status: Element,
    runner: Rc<Runner>,
    findings: RefCell<Vec<EventListener>>,
    /// The file being read, if any (dropped with the section).
    _reader: Rc<RefCell<Option<gloo_file::callbacks::FileReader>>>,
    _listeners: Vec<EventListener>,
    this: Weak<CatalogSection>,
}

impl CatalogSection {
    pub fn mount(store: &Rc<Store>, parent: &Element) -> Result<Rc<Self>, JsValue> {
        let ui = &store.ui;
        let root: Element = child(
            parent,
            "div",
            &[("class", "lists"), ("data-section", "catalog")],
            None,
        )?;
        let stack: Element = child(&root, "div", &[("class", "stack")], None)?;
        let catalog = area(
            ui,
            &stack,
            "catalog",
            "Luciq app catalog (one exact app name per line)",
            "10",
        )?;
        let file: HtmlInputElement = file_input(
            ui,
            &stack,
            "catalog-file",
            "Open a .txt, .csv or .json file",
            ".txt,.csv,.json,text/plain,text/csv,application/json",
        )?;
        let opened: Element = child(
            &stack,
            "p",
            &[
                ("id", &ui.id("catalog-opened")),
                ("class", "status"),
                ("role", "status"),
            ],
            None,
        )?;
        let status: Element = child(
            &stack,
            "div",
            &[("id", &ui.id("catalog-status")), ("class", "status")],
            None,
        )?;
        let progress = Progress::new(ui, &stack, "catalog-progress", "Checking", "catalog names")?;

        let reader = Rc::new(RefCell::new(None));
        let area2 = catalog.clone();
        let (file2, reader2) = (file.clone(), reader.clone());
        let listeners = vec![
            store.listen(&catalog, "input", move |store| {
                let names = lines(&area2.value());
                store.edit(Changes::CATALOG, When::Typing, |ws| {
                    ws.admin.catalog = names
                });
            }),
            store.listen(&file, "change", move |store| {
                let (weak, file3, opened) = (Rc::downgrade(store), file2.clone(), opened.clone());
                let r = read_chosen_file(&file2, move |name, text| {
                    // The same file can be chosen again after an edit.
                    file3.set_value("");
                    let Some(store) = weak.upgrade() else { return };
                    let message = match text
                        .map_err(|e| e.to_string())
                        .and_then(|t| catalog_from_file(&name, &t).map_err(|e| e.message))
                    {
                        Ok(file) => {
                            let mut message = format!("Opened {name}: {} names.", file.names.len());
                            for n in &file.notes {
                                message.push(' ');
                                message.push_str(n);
                            }
                            store.edit(Changes::CATALOG, When::Now, |ws| {
                                ws.admin.catalog = file.names
                            });
                            message
                        }
                        Err(e) => format!("{name} was not opened: {e}"),
                    };
                    opened.set_text_content(Some(&message));
                    store.ui.announce(&message);
                });
                *reader2.borrow_mut() = r;
            }),
        ];
        Ok(Rc::new_cyclic(|this| CatalogSection {
            root,
            catalog,
            status,
            runner: Runner::new(progress),
            findings: RefCell::new(Vec::new()),
            _reader: reader,
            _listeners: listeners,
            this: this.clone(),
        }))
    }

    /// The catalog's own findings, under the catalog: counts, then the first problems.
    fn render(&self, store: &Rc<Store>, report: &CompactReport) -> Result<(), JsValue> {
        let ui = &store.ui;
        let node = &self.status;
        node.set_text_content(None);
        let problems: Vec<usize> = (0..report.len())
            .filter(|&i| report.statuses()[i] != STATUS_CLEAN)
            .collect();
        let head = if report.errors == 0 && report.warnings == 0 {
            format!(
                "{} in the catalog, no problems.",
                plural(report.len(), "name", "names")
            )
        } else {
            format!(
                "{} in the catalog: {}, {}. The schema is built only from a catalog without errors.",
                plural(report.len(), "name", "names"),
                plural(report.errors, "error", "errors"),
                plural(report.warnings, "warning", "warnings"),
            )
        };
        child::<Element>(node, "p", &[("id", &ui.id("catalog-summary"))], Some(&head))?;
        let mut listeners = Vec::new();
        if problems.is_empty() {
            *self.findings.borrow_mut() = listeners;
            return Ok(());
        }
        // The catalog's safe fixes, taken all at once.
        let fixed: Vec<(usize, String)> = (0..report.len())
            .filter_map(|i| Some((i, report.fixed(i)?.to_string())))
            .collect();
        if !fixed.is_empty() {
            let button: Element = child(
                node,
                "button",
                &[("type", "button"), ("id", &ui.id("catalog-fix-all"))],
                Some(&format!(
                    "Fix all safe issues in the catalog ({})",
                    plural(fixed.len(), "line", "lines")
                )),
            )?;
            listeners.push(store.listen(&button, "click", move |store| {
                store.edit(Changes::CATALOG, When::Now, |ws| {
                    for (line, with) in &fixed {
                        if let Some(l) = ws.admin.catalog.get_mut(*line) {
                            *l = with.clone();
                        }
                    }
                });
                store.ui.announce("Applied the safe fixes to the catalog.");
            }));
        }
        let list: Element = child(
            node,
            "ol",
            &[("id", &ui.id("catalog-findings")), ("class", "findings")],
            None,
        )?;
        let weak = Rc::downgrade(store);
        let fix: Fix = Rc::new(move |line, with| {
            if let Some(store) = weak.upgrade() {
                store.edit(Changes::CATALOG, When::Now, |ws| {
                    if let Some(l) = ws.admin.catalog.get_mut(line) {
                        *l = with;
                    }
                });
            }
        });
        for &i in problems.iter().take(CATALOG_SHOWN) {
            name_item(ui, &list, i, &report.result(i), &mut listeners, &fix)?;
        }
        if problems.len() > CATALOG_SHOWN {
            child::<Element>(
                node,
                "p",
                &[],
                Some(&format!(
                    "… and {} more lines with findings.",
                    problems.len() - CATALOG_SHOWN
                )),
            )?;
        }
        *self.findings.borrow_mut() = listeners;
        Ok(())
    }
}

impl Section for CatalogSection {
    fn depends_on(&self, _: &Workspace) -> Changes {
        Changes::CATALOG | Changes::SETUP
    }

    fn update(&self, store: &Rc<Store>, _: Changes) {
        count(&self.root, "renders");
        let ws = store.ws();
        sync_lines(&self.catalog, &ws.admin.catalog);
        let Some(req) = ws.catalog_request() else {
            self.runner.cancel();
            self.findings.borrow_mut().clear();
            self.status.set_text_content(Some(
                "No catalog: app names get only the character checks, and the apps attribute has no enum.",
            ));
            return;
        };
        let ws_limits = ws.catalog_within_limits();
        drop(ws);
        // Past the limits the catalog is refused at once, in the core's words (`too-large`).
        let run = match ws_limits.and_then(|()| CheckRun::try_new(req)) {
            // The view words only the rows it shows.
            Ok(run) => run.without_messages(),
            Err(e) => {
                self.runner.cancel();
                self.findings.borrow_mut().clear();
                self.status.set_text_content(Some(&e.message()));
                return;
            }
        };
        count(&self.root, "checks");
        let (weak, this) = (Rc::downgrade(store), self.this.clone());
        self.runner.start(run, move |report| {
            if let (Some(store), Some(this)) = (weak.upgrade(), this.upgrade()) {
                let _ = this.render(&store, &report);
            }
        });
    }
}
