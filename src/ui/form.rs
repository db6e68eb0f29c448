//! The controls the sections are made of, each labelled and keyboard-reachable, with the mount's
//! id prefix: selects, text inputs, text areas, file pickers, buttons, checkboxes, and the
//! `<section>` that holds a titled part of a view.

use wasm_bindgen::JsValue;
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};

use super::dom::{child, labeled, text, Ui};

/// A labelled `<select>` of `(value, shown)` options.
pub fn select(
    ui: &Ui,
    parent: &Element,
    id: &str,
    label: &str,
    options: &[(&str, &str)],
) -> Result<HtmlSelectElement, JsValue> {
    let (_, s): (_, HtmlSelectElement) = labeled(parent, label, "select", &[("id", &ui.id(id))])?;
    for (value, shown) in options {
        child::<Element>(&s, "option", &[("value", value)], Some(shown))?;
    }
    Ok(s)
}

/// Puts `options` into `select` (when they differ from what it has) and chooses `chosen`.
pub fn set_options(select: &HtmlSelectElement, options: &[(String, String)], chosen: &str) {
    let have: Vec<(String, String)> = (0..select.length())
        .filter_map(|i| select.item(i))
        .map(|o| {
            (
                o.get_attribute("value").unwrap_or_default(),
                o.text_content().unwrap_or_default(),
            )
        })
        .collect();
    if have != options {
        select.set_text_content(None);
        for (value, shown) in options {
            let _ = child::<Element>(select, "option", &[("value", value)], Some(shown));
        }
    }
    select.set_value(chosen);
}

/// A labelled one-line text input.
pub fn input(
    ui: &Ui,
    parent: &Element,
    id: &str,
    label: &str,
    hint: &str,
) -> Result<HtmlInputElement, JsValue> {
    let (_, i) = labeled(
        parent,
        label,
        "input",
        &[
            ("id", &ui.id(id)),
            ("type", "text"),
            ("placeholder", hint),
            ("spellcheck", "false"),
            ("autocomplete", "off"),
        ],
    )?;
    Ok(i)
}

/// A labelled text area that keeps what is typed exactly (no spelling fixes, no wrapping).
pub fn area(
    ui: &Ui,
    parent: &Element,
    id: &str,
    label: &str,
    rows: &str,
) -> Result<HtmlTextAreaElement, JsValue> {
    let (l, a): (Element, HtmlTextAreaElement) = labeled(
        parent,
        label,
        "textarea",
        &[
            ("id", &ui.id(id)),
            ("rows", rows),
            ("spellcheck", "false"),
            ("autocomplete", "off"),
            ("wrap", "off"),
        ],
    )?;
    l.set_attribute("class", "area")?;
    Ok(a)
}

/// A file picker (a real `<input type=file>`, labelled, keyboard-reachable).
pub fn file_input(
    ui: &Ui,
    parent: &Element,
    id: &str,
    label: &str,
    accept: &str,
) -> Result<HtmlInputElement, JsValue> {
    let (l, i): (Element, HtmlInputElement) = labeled(
        parent,
        label,
        "input",
        &[("id", &ui.id(id)), ("type", "file"), ("accept", accept)],
    )?;
    l.set_attribute("class", "file")?;
    Ok(i)
}

pub fn button(ui: &Ui, parent: &Element, id: &str, label: &str) -> Result<HtmlElement, JsValue> {
    child(
        parent,
        "button",
        &[("type", "button"), ("id", &ui.id(id))],
        Some(label),
    )
}

/// A button that stays hidden until there is more to show.
pub fn more_button(ui: &Ui, parent: &Element, id: &str) -> Result<HtmlElement, JsValue> {
    child(
        parent,
        "button",
        &[("type", "button"), ("id", &ui.id(id)), ("hidden", "")],
        None,
    )
}

pub fn checkbox(
    ui: &Ui,
    parent: &Element,
    id: &str,
    label: &str,
) -> Result<HtmlInputElement, JsValue> {
    let l: Element = child(parent, "label", &[("class", "check")], None)?;
    let c = child(
        &l,
        "input",
        &[("type", "checkbox"), ("id", &ui.id(id))],
        None,
    )?;
    text(&ui.doc, &l, label)?;
    Ok(c)
}

/// A `<section>` titled `title` (its `<h2>` has the id `id`, the section `{id}-section`).
pub fn section(ui: &Ui, root: &Element, id: &str, title: &str) -> Result<Element, JsValue> {
    let s: Element = child(
        root,
        "section",
        &[
            ("aria-labelledby", &ui.id(id)),
            ("id", &ui.id(&format!("{id}-section"))),
        ],
        None,
    )?;
    child::<Element>(&s, "h2", &[("id", &ui.id(id))], Some(title))?;
    Ok(s)
}

/// A live status line (`role=status`, announced politely).
pub fn status(ui: &Ui, parent: &Element, id: &str) -> Result<Element, JsValue> {
    child(
        parent,
        "p",
        &[
            ("id", &ui.id(id)),
            ("role", "status"),
            ("aria-live", "polite"),
        ],
        None,
    )
}
