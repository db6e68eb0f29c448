//! The findings of the names list and of the catalog: each name with the offending characters
//! highlighted and made visible, the message, and a one-click fix where the core offers one.
//! Long lists are shown a page of rows at a time.

use std::rc::Rc;

use gloo_events::EventListener;
use wasm_bindgen::JsValue;
use web_sys::Element;

use super::dom::{child, finding_row, highlighted, lines, plural, spans, text, visible};
use super::page::{Page, Part};
use crate::names::{CheckReport, NameResult};

/// Rows added to the screen at a time.
pub const PAGE_ROWS: usize = 200;
/// Catalog problems listed under the catalog.
const CATALOG_SHOWN: usize = 20;

/// One name and its findings as an `<li>`; `fix` is called with (line, text) when a fix is chosen.
fn item(
    page: &Page,
    list: &Element,
    line: usize,
    r: &NameResult,
    listeners: &mut Vec<EventListener>,
    fix: &Rc<dyn Fn(usize, String)>,
) -> Result<(), JsValue> {
    let doc = &page.doc;
    let li: Element = child(list, "li", &[("value", &(line + 1).to_string())], None)?;
    li.append_child(&highlighted(doc, &r.input, spans(&r.diagnostics))?)?;
    text(doc, &li, " ")?;
    let (class, status) = match (r.ok, r.diagnostics.is_empty()) {
        (true, true) => ("info", "clean"),
        (true, false) => ("info", "usable"),
        (false, _) => ("error", "will not match"),
    };
    child::<Element>(&li, "span", &[("class", class)], Some(status))?;
    for d in &r.diagnostics {
        let row = finding_row(&li, d.severity.as_str(), d.code.as_str())?;
        text(doc, &row, ": ")?;
        text(doc, &row, &d.message)?;
        if let Some(suggestion) = &d.suggestion {
            text(doc, &row, " ")?;
            let button: Element = child(
                &row,
                "button",
                &[("type", "button"), ("class", "fix")],
                Some(&format!("Use \"{}\"", visible(suggestion, false))),
            )?;
            let (fix, suggestion) = (fix.clone(), suggestion.clone());
            listeners.push(EventListener::new(&button, "click", move |_| {
                fix(line, suggestion.clone())
            }));
        }
    }
    Ok(())
}

/// Replaces line `line` of a text area's value, keeping a Windows line end where there was one.
fn replace_line(value: &str, line: usize, with: &str) -> String {
    value
        .split('\n')
        .enumerate()
        .map(|(i, l)| match (i == line, l.ends_with('\r')) {
            (true, true) => format!("{with}\r"),
            (true, false) => with.to_string(),
            (false, _) => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

pub fn render(page: &Rc<Page>) {
    if let Err(e) = try_render(page) {
        page.summary
            .set_text_content(Some(&format!("Could not show the findings: {e:?}")));
    }
}

fn try_render(page: &Rc<Page>) -> Result<(), JsValue> {
    let report = page.names_report.borrow();
    let Some(report) = report.as_ref() else {
        return Ok(());
    };
    page.summary.set_text_content(Some(&format!(
        "{}: {}, {}, {}.",
        plural(report.results.len(), "name", "names"),
        plural(report.errors, "error", "errors"),
        plural(report.warnings, "warning", "warnings"),
        plural(report.infos, "note", "notes"),
    )));
    page.results.set_text_content(None);
    let errors_only = page.errors_only.checked();
    let shown = page.names_shown.get();
    let mut listeners = Vec::new();
    let p = page.clone();
    let fix: Rc<dyn Fn(usize, String)> = Rc::new(move |line, with| {
        p.names
            .set_value(&replace_line(&p.names.value(), line, &with));
        p.refresh(Part::Names);
    });
    let mut rows = report
        .results
        .iter()
        .enumerate()
        .filter(|(_, r)| !(errors_only && r.ok));
    for (i, r) in rows.by_ref().take(shown) {
        item(page, &page.results, i, r, &mut listeners, &fix)?;
    }
    let left = rows.count();
    page.more.set_hidden(left == 0);
    page.more.set_text_content(Some(&format!(
        "Show {} more ({left} not shown)",
        left.min(PAGE_ROWS)
    )));
    *page.row_listeners.borrow_mut() = listeners;
    Ok(())
}

/// Applies every safe fix the core offers to the names list.
pub fn fix_all(page: &Rc<Page>) {
    let report = page.names_run().finish();
    let mut all = lines(&page.names.value());
    let mut fixed = 0;
    for (line, r) in all.iter_mut().zip(&report.results) {
        if let Some(f) = &r.fixed {
            *line = f.clone();
            fixed += 1;
        }
    }
    page.names.set_value(&all.join("\n"));
    super::dom::announce(&format!("Fixed {}.", plural(fixed, "name", "names")));
    page.refresh(Part::Names);
}

/// The catalog's own findings, under the catalog: counts, then the first problems.
pub fn render_catalog(page: &Rc<Page>, report: &CheckReport) -> Result<(), JsValue> {
    let node = &page.catalog_status;
    node.set_text_content(None);
    let problems: Vec<(usize, &NameResult)> = report
        .results
        .iter()
        .enumerate()
        .filter(|(_, r)| !r.diagnostics.is_empty())
        .collect();
    let head = if report.errors == 0 && report.warnings == 0 {
        format!(
            "{} in the catalog, no problems.",
            plural(report.results.len(), "name", "names")
        )
    } else {
        format!(
            "{} in the catalog: {}, {}. The schema is built only from a catalog without errors.",
            plural(report.results.len(), "name", "names"),
            plural(report.errors, "error", "errors"),
            plural(report.warnings, "warning", "warnings"),
        )
    };
    child::<Element>(node, "p", &[("id", "catalog-summary")], Some(&head))?;
    if problems.is_empty() {
        *page.catalog_listeners.borrow_mut() = Vec::new();
        return Ok(());
    }
    let mut listeners = Vec::new();
    // The catalog's safe fixes, taken all at once (the file it came from is not touched).
    let fixed: Vec<(usize, String)> = report
        .results
        .iter()
        .enumerate()
        .filter_map(|(i, r)| Some((i, r.fixed.clone()?)))
        .collect();
    if !fixed.is_empty() {
        let button: Element = child(
            node,
            "button",
            &[("type", "button"), ("id", "catalog-fix-all")],
            Some(&format!(
                "Fix all safe issues in the catalog ({})",
                plural(fixed.len(), "line", "lines")
            )),
        )?;
        let p = page.clone();
        listeners.push(EventListener::new(&button, "click", move |_| {
            let mut value = p.catalog.value();
            for (line, with) in &fixed {
                value = replace_line(&value, *line, with);
            }
            p.catalog.set_value(&value);
            super::dom::announce("Applied the safe fixes to the catalog.");
            p.refresh(Part::All);
        }));
    }
    let list: Element = child(
        node,
        "ol",
        &[("id", "catalog-findings"), ("class", "findings")],
        None,
    )?;
    let p = page.clone();
    let fix: Rc<dyn Fn(usize, String)> = Rc::new(move |line, with| {
        p.catalog
            .set_value(&replace_line(&p.catalog.value(), line, &with));
        p.refresh(Part::All);
    });
    for (i, r) in problems.iter().take(CATALOG_SHOWN) {
        item(page, &list, *i, r, &mut listeners, &fix)?;
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
    *page.catalog_listeners.borrow_mut() = listeners;
    Ok(())
}
