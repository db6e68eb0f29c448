//! The users file's bulk check: each row's findings with the offending characters of the cell
//! highlighted and made visible, safe fixes written back into the file (one cell, one line or all;
//! every other cell kept), and the findings as a CSV. The report goes to the store, where the
//! sections that build on it (the payloads) pick it up.

use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

use gloo_events::EventListener;
use wasm_bindgen::JsValue;
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlTextAreaElement};

use super::Section;
use crate::names::chars::visible;
use crate::ui::dom::{
    child, count, download_button, finding_row, highlighted, plural, read_chosen_file, text, Ui,
};
use crate::ui::findings::{more_text, paging, PAGE_ROWS};
use crate::ui::form::{area, button, checkbox, file_input, more_button, status};
use crate::ui::runner::{Progress, Runner};
use crate::ui::store::{Store, When};
use crate::users::{findings_csv, fixed_csv, with_cells, CellEdit, UserRow, UsersRun};
use crate::workspace::{Changes, Workspace};

pub struct UsersSection {
    root: Element,
    csv: HtmlTextAreaElement,
    summary: Element,
    results: Element,
    more: HtmlElement,
    errors_only: HtmlInputElement,
    runner: Rc<Runner>,
    shown: Cell<usize>,
    rows: RefCell<Vec<EventListener>>,
    _reader: Rc<RefCell<Option<gloo_file::callbacks::FileReader>>>,
    _listeners: Vec<EventListener>,
    this: Weak<UsersSection>,
}

/// Puts the core's safe fixes into the users file: every row's, or one line's.
fn apply_fixes(store: &Store, only_line: Option<usize>) {
    let fixed = match store.users_report().as_deref() {
        Some(Ok(report)) => fixed_csv(&store.ws().work.users_csv, report, only_line),
        _ => return,
    };
    match fixed {
        Ok(text) => {
            store.edit(Changes::USERS_CSV, When::Now, |ws| ws.work.users_csv = text);
            store.ui.announce(&match only_line {
                Some(l) => format!("Fixed line {l} of the users file."),
                None => "Applied every safe fix to the users file.".to_string(),
            });
        }
        Err(e) => store.ui.announce(&e.message),
    }
}

impl UsersSection {
    pub fn mount(store: &Rc<Store>, parent: &Element) -> Result<Rc<Self>, JsValue> {
        let ui = &store.ui;
        let root: Element = child(parent, "div", &[("data-section", "users")], None)?;
        child::<Element>(
            &root,
            "p",
            &[("class", "hint")],
            Some("A CSV with a header row: email,role,apps (apps separated by |), and optionally id (the Okta user id, 00u…). Each row gets the assignment body Okta needs."),
        )?;
        let csv = area(ui, &root, "users-csv", "Users CSV", "8")?;
        let file = file_input(
            ui,
            &root,
            "users-file",
            "Open a .csv file",
            ".csv,text/csv,text/plain",
        )?;
        let summary = status(ui, &root, "users-summary")?;
        let progress = Progress::new(ui, &root, "users-progress", "Checking", "rows")?;
        let tools: Element = child(&root, "div", &[("class", "controls")], None)?;
        let fix_all = button(
            ui,
            &tools,
            "users-fix-all",
            "Fix all safe issues in the file",
        )?;
        let errors_only = checkbox(
            ui,
            &tools,
            "users-errors-only",
            " Show only rows with errors",
        )?;
        let results: Element = child(&root, "div", &[("id", &ui.id("users-results"))], None)?;
        let more = more_button(ui, &root, "users-more")?;

        let reader = Rc::new(RefCell::new(None));
        Ok(Rc::new_cyclic(|this: &Weak<UsersSection>| {
            let pasting = Rc::new(Cell::new(false));
            let (csv2, pasting2) = (csv.clone(), pasting.clone());
            let (file2, reader2, summary2) = (file.clone(), reader.clone(), summary.clone());
            let mut listeners = vec![
                store.listen(&csv, "paste", move |_| pasting.set(true)),
                store.listen(&csv, "input", move |store| {
                    let when = if pasting2.replace(false) {
                        When::Now
                    } else {
                        When::Typing
                    };
                    let text = csv2.value();
                    store.edit(Changes::USERS_CSV, when, |ws| ws.work.users_csv = text);
                }),
                store.listen(&file, "change", move |store| {
                    let (weak, file3, summary3) =
                        (Rc::downgrade(store), file2.clone(), summary2.clone());
                    let r = read_chosen_file(&file2, move |name, text| {
                        file3.set_value("");
                        let Some(store) = weak.upgrade() else { return };
                        // Said first: the check's summary then takes its place.
                        let say = |message: &str| {
                            summary3.set_text_content(Some(message));
                            store.ui.announce(message);
                        };
                        match text {
                            Ok(text) => {
                                say(&format!("Opened {name}."));
                                let text =
                                    text.strip_prefix('\u{FEFF}').unwrap_or(&text).to_string();
                                store.edit(Changes::USERS_CSV, When::Now, |ws| {
                                    ws.work.users_csv = text
                                });
                            }
                            Err(e) => say(&format!("{name}: {e}")),
                        }
                    });
                    *reader2.borrow_mut() = r;
                }),
                store.listen(&fix_all, "click", |store| apply_fixes(store, None)),
            ];
            listeners.extend(paging(
                store,
                &errors_only,
                &more,
                this.clone(),
                |s: &UsersSection| &s.shown,
                |s, store| s.render(store),
            ));
            UsersSection {
                root,
                csv,
                summary,
                results,
                more,
                errors_only,
                runner: Runner::new(progress),
                shown: Cell::new(PAGE_ROWS),
                rows: RefCell::new(Vec::new()),
                _reader: reader,
                _listeners: listeners,
                this: this.clone(),
            }
        }))
    }

    fn render(&self, store: &Rc<Store>) {
        if let Err(e) = self.try_render(store) {
            self.summary
                .set_text_content(Some(&format!("Could not show the users file: {e:?}")));
        }
    }

    fn try_render(&self, store: &Rc<Store>) -> Result<(), JsValue> {
        let ui = &store.ui;
        self.results.set_text_content(None);
        self.more.set_hidden(true);
        let report = store.users_report();
        let report = match report.as_deref() {
            None => {
                self.summary
                    .set_text_content(Some("No users file: paste one or open a .csv file."));
                self.rows.borrow_mut().clear();
                return Ok(());
            }
            Some(Err(message)) => {
                self.summary
                    .set_text_content(Some(&format!("The file was not checked: {message}")));
                self.rows.borrow_mut().clear();
                return Ok(());
            }
            Some(Ok(r)) => r,
        };
        let ok = report.rows.iter().filter(|r| r.ok).count();
        self.summary.set_text_content(Some(&format!(
            "{}: {} ready to assign; {}, {}, {}.",
            plural(report.rows.len(), "row", "rows"),
            ok,
            plural(report.errors, "error", "errors"),
            plural(report.warnings, "warning", "warnings"),
            plural(report.infos, "note", "notes"),
        )));
        let mut listeners: Vec<EventListener> = Vec::new();
        if !report.notes.is_empty() || report.errors + report.warnings + report.infos > 0 {
            let head: Element = child(&self.results, "div", &[("class", "file-notes")], None)?;
            for n in &report.notes {
                child::<Element>(&head, "div", &[("class", "diag warning")], Some(n))?;
            }
            if report.errors + report.warnings + report.infos > 0 {
                listeners.push(download_button(
                    ui,
                    &head,
                    "users-findings-download",
                    "luciq-users-findings.csv",
                    Rc::from(findings_csv(report)),
                    "text/csv;charset=utf-8",
                )?);
            }
        }
        let list: Element = child(&self.results, "ul", &[("class", "findings")], None)?;
        let errors_only = self.errors_only.checked();
        let mut rows = report.rows.iter().filter(|r| !(errors_only && r.ok));
        for row in rows.by_ref().take(self.shown.get()) {
            item(store, &list, row, &mut listeners)?;
        }
        let left = rows.count();
        self.more.set_hidden(left == 0);
        self.more.set_text_content(Some(&more_text(left)));
        *self.rows.borrow_mut() = listeners;
        Ok(())
    }
}

fn item(
    store: &Rc<Store>,
    list: &Element,
    row: &UserRow,
    listeners: &mut Vec<EventListener>,
) -> Result<(), JsValue> {
    let ui: &Ui = &store.ui;
    let doc = &ui.doc;
    let li: Element = child(list, "li", &[("data-line", &row.line.to_string())], None)?;
    child::<Element>(
        &li,
        "span",
        &[("class", "line")],
        Some(&format!("line {}: ", row.line)),
    )?;
    child::<Element>(
        &li,
        "span",
        &[("class", "name")],
        Some(&visible(&row.email, true)),
    )?;
    text(doc, &li, " ")?;
    let (class, status) = if row.ok {
        (
            "info",
            if row.findings.is_empty() {
                "ready"
            } else {
                "ready, with notes"
            },
        )
    } else {
        ("error", "not assignable")
    };
    child::<Element>(&li, "span", &[("class", class)], Some(status))?;
    if row.fixed.is_some() {
        text(doc, &li, " ")?;
        let button: Element = child(
            &li,
            "button",
            &[("type", "button"), ("class", "fix")],
            Some(&format!("Fix line {}", row.line)),
        )?;
        let line = row.line;
        listeners.push(store.listen(&button, "click", move |store| {
            apply_fixes(store, Some(line))
        }));
    }
    for f in &row.findings {
        let d = finding_row(&li, f.severity.as_str(), f.code.as_str())?;
        text(doc, &d, &format!(" in {}", f.column))?;
        let cell = row.cell(f.column);
        if !cell.is_empty() {
            text(doc, &d, " ")?;
            d.append_child(&highlighted(doc, &cell, f.marks(&cell).into_iter())?)?;
        }
        text(doc, &d, ": ")?;
        text(doc, &d, &f.message)?;
        if let Some(s) = &f.suggestion {
            text(doc, &d, " ")?;
            let button: Element = child(
                &d,
                "button",
                &[("type", "button"), ("class", "fix")],
                Some(&format!("Use \"{}\"", visible(s, false))),
            )?;
            let edit = CellEdit {
                line: row.line,
                column: f.column,
                value: s.clone(),
            };
            listeners.push(store.listen(&button, "click", move |store| {
                let csv = store.ws().work.users_csv.clone();
                match with_cells(&csv, std::slice::from_ref(&edit)) {
                    Ok(text) => {
                        store.edit(Changes::USERS_CSV, When::Now, |ws| ws.work.users_csv = text);
                        store.ui.announce(&format!(
                            "Line {}: {} set to \"{}\".",
                            edit.line, edit.column, edit.value
                        ));
                    }
                    Err(e) => store.ui.announce(&e.message),
                }
            }));
        }
    }
    Ok(())
}

impl Section for UsersSection {
    fn depends_on(&self, _: &Workspace) -> Changes {
        Changes::USERS_CSV | Changes::SETUP | Changes::ROLE_VALUES | Changes::CATALOG
    }

    fn update(&self, store: &Rc<Store>, _: Changes) {
        count(&self.root, "renders");
        let req = {
            let ws = store.ws();
            if self.csv.value() != ws.work.users_csv {
                self.csv.set_value(&ws.work.users_csv);
            }
            ws.users_request()
        };
        let Some(req) = req else {
            self.runner.cancel();
            store.set_users_report(None);
            self.shown.set(PAGE_ROWS);
            self.render(store);
            return;
        };
        let run = match store.shared_catalog() {
            Some(shared) => UsersRun::with_shared_catalog(req, &shared),
            None => UsersRun::new(req),
        };
        match run {
            Err(e) => {
                self.runner.cancel();
                store.set_users_report(Some(Err(e.message)));
                self.render(store);
            }
            Ok(run) => {
                count(&self.root, "checks");
                let (weak, this) = (Rc::downgrade(store), self.this.clone());
                self.runner.start(run, move |report| {
                    if let (Some(store), Some(this)) = (weak.upgrade(), this.upgrade()) {
                        store.set_users_report(Some(Ok(report)));
                        this.shown.set(PAGE_ROWS);
                        this.render(&store);
                    }
                });
            }
        }
    }
}
