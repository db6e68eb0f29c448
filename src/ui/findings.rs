//! One checked name as a list item: the name with the offending characters highlighted and made
//! visible, its status, each finding's message, and a one-click fix where the core offers one.
//! Shared by the names list and the catalog.

use std::cell::Cell;
use std::rc::{Rc, Weak};

use gloo_events::EventListener;
use wasm_bindgen::JsValue;
use web_sys::{Element, HtmlElement, HtmlInputElement};

use super::dom::{child, finding_row, highlighted, spans, text, Ui};
use super::store::Store;
use crate::names::chars::visible;
use crate::names::NameResult;

/// Rows added to the screen at a time.
pub const PAGE_ROWS: usize = 200;

/// What a fix does: (line, the text to put there).
pub type Fix = Rc<dyn Fn(usize, String)>;

/// Appends name `line` and its findings to `list` as an `<li>`.
pub fn name_item(
    ui: &Ui,
    list: &Element,
    line: usize,
    r: &NameResult,
    listeners: &mut Vec<EventListener>,
    fix: &Fix,
) -> Result<(), JsValue> {
    let doc = &ui.doc;
    let li: Element = child(list, "li", &[("value", &(line + 1).to_string())], None)?;
    li.append_child(&highlighted(
        doc,
        &r.input,
        spans(&r.input, &r.diagnostics),
    )?)?;
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

/// The listeners of a paged list's "only errors" box and "Show N more" button: the box shows
/// the list again from its first page, the button one page further. `shown` is the list's count
/// of rows on screen, `render` draws it; the section is held weakly.
pub fn paging<S: 'static>(
    store: &Rc<Store>,
    errors_only: &HtmlInputElement,
    more: &HtmlElement,
    section: Weak<S>,
    shown: fn(&S) -> &Cell<usize>,
    render: fn(&S, &Rc<Store>),
) -> [EventListener; 2] {
    let again = section.clone();
    [
        store.listen(errors_only, "change", move |store| {
            if let Some(s) = again.upgrade() {
                shown(&s).set(PAGE_ROWS);
                render(&s, store);
            }
        }),
        store.listen(more, "click", move |store| {
            if let Some(s) = section.upgrade() {
                shown(&s).set(shown(&s).get() + PAGE_ROWS);
                render(&s, store);
            }
        }),
    ]
}

/// The "Show N more" button's text.
pub fn more_text(left: usize) -> String {
    format!("Show {} more ({left} not shown)", left.min(PAGE_ROWS))
}
