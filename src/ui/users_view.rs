//! The users file's bulk check: each row's findings with the offending characters of the cell
//! highlighted and made visible; the outputs (assignment bodies, SCIM preview) follow from it.

use std::rc::Rc;

use gloo_events::EventListener;
use wasm_bindgen::JsValue;
use web_sys::Element;

use super::dom::{child, download_button, finding_row, highlighted, plural, text, visible};
use super::names_view::PAGE_ROWS;
use super::page::Page;
use super::runner::Steps;
use crate::users::{
    findings_csv, fixed_csv, with_cells, CellEdit, UserRow, UsersReport, UsersRequest, UsersRun,
};

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

/// Puts the core's safe fixes into the users file: every row's, or one line's.
pub fn apply_fixes(page: &Rc<Page>, only_line: Option<usize>) {
    let csv = page.users_csv.value();
    let fixed = match page.users_report.borrow().as_ref() {
        Some(Ok(report)) => fixed_csv(&csv, report, only_line),
        _ => return,
    };
    match fixed {
        Ok(text) => {
            page.users_csv.set_value(&text);
            super::dom::announce(&match only_line {
                Some(l) => format!("Fixed line {l} of the users file."),
                None => "Applied every safe fix to the users file.".to_string(),
            });
            page.refresh(super::page::Part::Users);
        }
        Err(e) => super::dom::announce(&e.message),
    }
}

/// Checks the users file as it is now; renders it and the outputs when done.
pub fn check(page: &Rc<Page>) {
    let csv = page.users_csv.value();
    if csv.trim().is_empty() {
        page.users_runner.cancel();
        *page.users_report.borrow_mut() = None;
        render(page);
        page.render_outputs();
        return;
    }
    let req = UsersRequest {
        setup: page.setup_value(),
        roles: Some(page.roles_value()),
        catalog: page.catalog_lines(),
        csv,
    };
    let run = match page.shared_catalog() {
        Some(shared) => UsersRun::with_shared_catalog(req, &shared),
        None => UsersRun::new(req),
    };
    match run {
        Err(e) => {
            page.users_runner.cancel();
            *page.users_report.borrow_mut() = Some(Err(e.message));
            render(page);
            page.render_outputs();
        }
        Ok(run) => {
            let p = page.clone();
            page.users_runner.start(run, move |report| {
                *p.users_report.borrow_mut() = Some(Ok(report));
                p.users_shown.set(PAGE_ROWS);
                render(&p);
                p.render_outputs();
            });
        }
    }
}

pub fn render(page: &Rc<Page>) {
    if let Err(e) = try_render(page) {
        page.users_summary
            .set_text_content(Some(&format!("Could not show the users file: {e:?}")));
    }
}

fn try_render(page: &Rc<Page>) -> Result<(), JsValue> {
    page.users_results.set_text_content(None);
    page.users_more.set_hidden(true);
    let report = page.users_report.borrow();
    let report = match report.as_ref() {
        None => {
            page.users_summary
                .set_text_content(Some("No users file: paste one or open a .csv file."));
            return Ok(());
        }
        Some(Err(message)) => {
            page.users_summary
                .set_text_content(Some(&format!("The file was not checked: {message}")));
            return Ok(());
        }
        Some(Ok(r)) => r,
    };
    let ok = report.rows.iter().filter(|r| r.ok).count();
    page.users_summary.set_text_content(Some(&format!(
        "{}: {} ready to assign; {}, {}, {}.",
        plural(report.rows.len(), "row", "rows"),
        ok,
        plural(report.errors, "error", "errors"),
        plural(report.warnings, "warning", "warnings"),
        plural(report.infos, "note", "notes"),
    )));
    let mut listeners: Vec<EventListener> = Vec::new();
    if !report.notes.is_empty() || report.errors + report.warnings + report.infos > 0 {
        let head: Element = child(&page.users_results, "div", &[("class", "file-notes")], None)?;
        for n in &report.notes {
            child::<Element>(&head, "div", &[("class", "diag warning")], Some(n))?;
        }
        if report.errors + report.warnings + report.infos > 0 {
            listeners.push(download_button(
                &head,
                "users-findings-download",
                "luciq-users-findings.csv",
                Rc::from(findings_csv(report)),
                "text/csv;charset=utf-8",
            )?);
        }
    }
    let list: Element = child(&page.users_results, "ul", &[("class", "findings")], None)?;
    let list = &list;
    let errors_only = page.users_errors_only.checked();
    let mut rows = report.rows.iter().filter(|r| !(errors_only && r.ok));
    for row in rows.by_ref().take(page.users_shown.get()) {
        item(page, list, row, &mut listeners)?;
    }
    let left = rows.count();
    page.users_more.set_hidden(left == 0);
    page.users_more.set_text_content(Some(&format!(
        "Show {} more ({left} not shown)",
        left.min(PAGE_ROWS)
    )));
    *page.user_row_listeners.borrow_mut() = listeners;
    Ok(())
}

fn item(
    page: &Rc<Page>,
    list: &Element,
    row: &UserRow,
    listeners: &mut Vec<EventListener>,
) -> Result<(), JsValue> {
    let doc = &page.doc;
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
        let (p, line) = (page.clone(), row.line);
        listeners.push(EventListener::new(&button, "click", move |_| {
            apply_fixes(&p, Some(line))
        }));
    }
    for f in &row.findings {
        let d = finding_row(&li, f.severity.as_str(), &f.code)?;
        text(doc, &d, &format!(" in {}", f.column))?;
        let cell = row.cell(&f.column);
        if !cell.is_empty() {
            text(doc, &d, " ")?;
            d.append_child(&highlighted(doc, &cell, std::iter::once((f.start, f.end)))?)?;
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
                column: f.column.clone(),
                value: s.clone(),
            };
            let p = page.clone();
            listeners.push(EventListener::new(
                &button,
                "click",
                move |_| match with_cells(&p.users_csv.value(), std::slice::from_ref(&edit)) {
                    Ok(text) => {
                        p.users_csv.set_value(&text);
                        super::dom::announce(&format!(
                            "Line {}: {} set to \"{}\".",
                            edit.line, edit.column, edit.value
                        ));
                        p.refresh(super::page::Part::Users);
                    }
                    Err(e) => super::dom::announce(&e.message),
                },
            ));
        }
    }
    Ok(())
}
