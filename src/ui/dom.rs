//! Small DOM helpers: the mount's context (document, id prefix, announcements), elements with
//! text, attributes and children; Copy and Download buttons; opening a local file. Text only
//! ever goes in as text nodes, never as HTML.

use std::rc::Rc;

use gloo_events::EventListener;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Blob, BlobPropertyBag, Document, Element, HtmlAnchorElement, HtmlInputElement, Url};

use crate::names::chars::{visible, EMPTY_SHOWN};
use crate::names::Diagnostic;

/// What every view of one mount shares: the document, the prefix that keeps its element ids
/// apart from another mount's, and where it announces what it did ("Copied …") to screen readers.
#[derive(Clone)]
pub struct Ui {
    pub doc: Document,
    prefix: Rc<str>,
    announcer: Element,
}

impl Ui {
    /// A context for a mount into `root`, whose ids start with `prefix`; adds its announcer (a
    /// polite live region) at the end of `root`.
    pub fn new(root: &Element, prefix: &str) -> Result<Ui, JsValue> {
        let doc = root
            .owner_document()
            .ok_or_else(|| JsValue::from_str("detached element"))?;
        let announcer = el(
            &doc,
            "div",
            &[
                ("id", &format!("{prefix}announce")),
                ("class", "visually-hidden"),
                ("role", "status"),
                ("aria-live", "polite"),
            ],
            None,
        )?;
        Ok(Ui {
            doc,
            prefix: Rc::from(prefix),
            announcer,
        })
    }

    /// A context for more sections in a mount already made into `root` (by the other module):
    /// the same ids, and that mount's announcer, so screen readers hear one live region.
    #[cfg(feature = "ui")]
    pub fn beside(root: &Element, prefix: &str) -> Result<Ui, JsValue> {
        let ui = Ui::new(root, prefix)?;
        match ui.doc.get_element_by_id(&ui.id("announce")) {
            Some(announcer) => Ok(Ui { announcer, ..ui }),
            None => Err(JsValue::from_str("no mount to add sections beside")),
        }
    }

    /// Puts the announcer last in `root` (after the sections).
    pub fn attach_announcer(&self, root: &Element) -> Result<(), JsValue> {
        add(root, &self.announcer)
    }

    /// The element id `local` of this mount.
    pub fn id(&self, local: &str) -> String {
        format!("{}{local}", self.prefix)
    }

    pub fn announce(&self, message: &str) {
        self.announcer.set_text_content(Some(message));
    }

    pub fn announcer(&self) -> Element {
        self.announcer.clone()
    }
}

/// `<tag attr=value …>text</tag>`.
pub fn el(
    doc: &Document,
    tag: &str,
    attrs: &[(&str, &str)],
    text: Option<&str>,
) -> Result<Element, JsValue> {
    let e = doc.create_element(tag)?;
    for (k, v) in attrs {
        e.set_attribute(k, v)?;
    }
    if let Some(t) = text {
        e.set_text_content(Some(t));
    }
    Ok(e)
}

/// `el`, appended to `parent`, as type `T`.
pub fn child<T: JsCast>(
    parent: &Element,
    tag: &str,
    attrs: &[(&str, &str)],
    text: Option<&str>,
) -> Result<T, JsValue> {
    let doc = parent
        .owner_document()
        .ok_or_else(|| JsValue::from_str("detached element"))?;
    let e = el(&doc, tag, attrs, text)?;
    parent.append_child(&e)?;
    e.dyn_into::<T>()
        .map_err(|_| JsValue::from_str(&format!("<{tag}> has the wrong type")))
}

/// A finding's line: `<div class="diag SEVERITY"><span class="code">SEVERITY CODE</span></div>`,
/// appended to `parent`; the caller adds the message after it.
pub fn finding_row(parent: &Element, severity: &str, code: &str) -> Result<Element, JsValue> {
    let row: Element = child(
        parent,
        "div",
        &[("class", &format!("diag {severity}"))],
        None,
    )?;
    child::<Element>(
        &row,
        "span",
        &[("class", "code")],
        Some(&format!("{severity} {code}")),
    )?;
    Ok(row)
}

/// `1 name`, `2 names`.
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Appends a text node.
pub fn text(doc: &Document, parent: &Element, t: &str) -> Result<(), JsValue> {
    parent.append_child(&doc.create_text_node(t))?;
    Ok(())
}

/// Appends `child` to `parent`.
pub fn add(parent: &Element, child: &Element) -> Result<(), JsValue> {
    parent.append_child(child)?;
    Ok(())
}

/// A `<label>` holding its text and a control: `(label, control)`.
pub fn labeled<T: JsCast>(
    parent: &Element,
    label: &str,
    tag: &str,
    attrs: &[(&str, &str)],
) -> Result<(Element, T), JsValue> {
    let l: Element = child(parent, "label", &[], None)?;
    child::<Element>(&l, "span", &[("class", "label")], Some(label))?;
    let control = child(&l, tag, attrs, None)?;
    Ok((l, control))
}

/// Saves `text` as a file, without leaving the page (a Blob URL, revoked right after).
pub fn download(doc: &Document, file: &str, text: &str, mime: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let blob = Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = Url::create_object_url_with_blob(&blob)?;
    let a: HtmlAnchorElement = doc.create_element("a")?.dyn_into()?;
    a.set_href(&url);
    a.set_download(file);
    a.click();
    Url::revoke_object_url(&url)?;
    Ok(())
}

/// A Copy button for `text`; the listener is returned for the caller to keep.
pub fn copy_button(
    ui: &Ui,
    parent: &Element,
    label: &str,
    what: &str,
    text: Rc<str>,
    attrs: &[(&str, &str)],
) -> Result<EventListener, JsValue> {
    let mut all = vec![("type", "button"), ("class", "copy")];
    all.extend_from_slice(attrs);
    let aria = format!("Copy {what}");
    all.push(("aria-label", &aria));
    let button: Element = child(parent, "button", &all, Some(label))?;
    let what = what.to_string();
    let announcer = ui.announcer();
    Ok(EventListener::new(&button, "click", move |_| {
        let Some(window) = web_sys::window() else {
            return;
        };
        let promise = window.navigator().clipboard().write_text(&text);
        let (what, a1, a2) = (what.clone(), announcer.clone(), announcer.clone());
        let ok = wasm_bindgen::closure::Closure::once_into_js(move |_: JsValue| {
            a1.set_text_content(Some(&format!("Copied {what}.")))
        });
        let failed = wasm_bindgen::closure::Closure::once_into_js(move |_: JsValue| {
            a2.set_text_content(Some(
                "The browser did not allow copying: select the text and copy it by hand.",
            ))
        });
        // `promise.then(ok, failed)`, with one-shot callbacks that free themselves.
        if let Ok(then) = js_sys::Reflect::get(&promise, &JsValue::from_str("then")) {
            let _ = then
                .unchecked_ref::<js_sys::Function>()
                .call2(&promise, &ok, &failed);
        }
    }))
}

/// A Download button for `text`.
pub fn download_button(
    ui: &Ui,
    parent: &Element,
    id: &str,
    file: &'static str,
    text: Rc<str>,
    mime: &'static str,
) -> Result<EventListener, JsValue> {
    let button: Element = child(
        parent,
        "button",
        &[("type", "button"), ("id", &ui.id(id))],
        Some(&format!("Download {file}")),
    )?;
    let ui = ui.clone();
    Ok(EventListener::new(&button, "click", move |_| {
        if download(&ui.doc, file, &text, mime).is_ok() {
            ui.announce(&format!("Saved {file}."));
        }
    }))
}

/// Reads the file chosen in `input` as text and hands (file name, text) to `then`. Reading is
/// asynchronous; the reader is kept alive by the returned holder until it is replaced.
pub fn read_chosen_file(
    input: &HtmlInputElement,
    then: impl FnOnce(String, Result<String, String>) + 'static,
) -> Option<gloo_file::callbacks::FileReader> {
    let file = input.files()?.get(0)?;
    let file = gloo_file::File::from(file);
    let name = file.name();
    Some(gloo_file::callbacks::read_as_text(&file, move |r| {
        then(
            name,
            r.map_err(|e| format!("The file could not be read as UTF-8 text: {e}")),
        )
    }))
}

/// `input` with the UTF-16 spans `[start, end)` marked and made visible. A span covering the
/// whole text is not marked (the finding is about the whole name); an empty `input` is shown as
/// `EMPTY_SHOWN`, marked.
pub fn highlighted(
    doc: &Document,
    input: &str,
    spans: impl Iterator<Item = (usize, usize)>,
) -> Result<web_sys::Node, JsValue> {
    let units: Vec<u16> = input.encode_utf16().collect();
    if units.is_empty() {
        let node = el(doc, "span", &[("class", "name")], None)?;
        add(&node, &el(doc, "mark", &[], Some(EMPTY_SHOWN))?)?;
        return Ok(node.into());
    }
    let mut spans: Vec<(usize, usize)> = spans
        .filter(|&(s, e)| e > s && !(s == 0 && e >= units.len()))
        .map(|(s, e)| (s.min(units.len()), e.min(units.len())))
        .collect();
    // (Plain pairs: an unstable sort orders them exactly as a stable one, with the code of the
    // catalog's own sorts of pairs.)
    spans.sort_unstable();
    let node = el(doc, "span", &[("class", "name")], None)?;
    let piece = |a: usize, b: usize| String::from_utf16_lossy(&units[a..b]);
    let mut at = 0;
    for (start, end) in spans {
        if start < at {
            continue;
        }
        text(doc, &node, &piece(at, start))?;
        add(
            &node,
            &el(doc, "mark", &[], Some(&visible(&piece(start, end), true)))?,
        )?;
        at = end;
    }
    text(doc, &node, &piece(at, units.len()))?;
    Ok(node.into())
}

/// What to mark in `input` for its findings (`Diagnostic::marks`).
pub fn spans<'a>(
    input: &'a str,
    diagnostics: &'a [Diagnostic],
) -> impl Iterator<Item = (usize, usize)> + 'a {
    diagnostics.iter().flat_map(move |d| d.marks(input))
}

/// Adds one to the count in `el`'s `data-{name}` attribute: how often a section rendered or
/// started a check, for the tests that pin what a change re-renders.
pub fn count(el: &Element, name: &str) {
    let attr = format!("data-{name}");
    let n = el
        .get_attribute(&attr)
        .and_then(|v| v.parse::<u64>().ok())
        .unwrap_or(0);
    let _ = el.set_attribute(&attr, &(n + 1).to_string());
}

/// Sets a text box to `value` unless it already holds that content (as lines), so the caret
/// and the admin's own line ends stay where they are while they type.
pub fn sync_lines(area: &web_sys::HtmlTextAreaElement, value: &[String]) {
    if crate::workspace::lines(&area.value()) != value {
        area.set_value(&value.join("\n"));
    }
}
