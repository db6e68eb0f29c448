//! Small DOM helpers: elements with text, attributes and children. Text only ever goes in as
//! text nodes.

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element};

pub fn document() -> Result<Document, JsValue> {
    web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| JsValue::from_str("no document"))
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

/// Appends a text node.
pub fn text(doc: &Document, parent: &Element, t: &str) -> Result<(), JsValue> {
    parent.append_child(&doc.create_text_node(t))?;
    Ok(())
}

/// The element with this id, as type `T`.
pub fn by_id<T: JsCast>(doc: &Document, id: &str) -> Result<T, JsValue> {
    doc.get_element_by_id(id)
        .ok_or_else(|| JsValue::from_str(&format!("#{id} is missing")))?
        .dyn_into::<T>()
        .map_err(|_| JsValue::from_str(&format!("#{id} has the wrong type")))
}

/// Appends `child` to `parent`.
pub fn add(parent: &Element, child: &Element) -> Result<(), JsValue> {
    parent.append_child(child)?;
    Ok(())
}
