//! The name-check view: setup, kind, catalog and names in; findings out, with the offending
//! characters highlighted and made visible, and a one-click fix where the core offers one.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_events::EventListener;
use gloo_storage::{LocalStorage, Storage};
use gloo_timers::callback::Timeout;
use serde::{Deserialize, Serialize};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{
    Document, Element, HtmlElement, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement,
};

use super::dom::{add, by_id, document, el, text};
use super::outputs::OutputInputs;
use crate::names::chars::{classify, is_default_ignorable, CharClass};
use crate::names::{check_names, CheckRequest, Diagnostic, NameKind};
use crate::profile::{luciq_profile, Scope, Setup};

/// The example catalog the page opens with (the same file the page serves).
const EXAMPLE_CATALOG: &str = include_str!("../../www/example-catalog.txt");
const STORAGE_KEY: &str = "luciq-scim:names-view";
/// How long typing must pause before the names are checked again.
const DEBOUNCE_MS: u32 = 150;

fn example_names(kind: &str) -> &'static [&'static str] {
    match kind {
        "role" => &["adminstrator", "administrator", "member", "Viewer"],
        "variable" => &["instabugRole", "InstabugApplications", "instabug_role"],
        _ => &[
            "Acme iOS",
            "Acme iOS ",
            "acme android",
            "Acme\u{200B}Web",
            "Cafe\u{301} Finder",
            "Acm\u{435} iOS",
            "Zeta\u{A0}Pay",
            "Acme Andriod",
        ],
    }
}

/// What the view keeps in localStorage.
#[derive(Serialize, Deserialize)]
struct Saved {
    setup: String,
    kind: String,
    catalog: String,
    names: String,
}

struct View {
    doc: Document,
    setup: HtmlSelectElement,
    kind: HtmlSelectElement,
    catalog: HtmlTextAreaElement,
    catalog_label: HtmlElement,
    names: HtmlTextAreaElement,
    summary: Element,
    results: Element,
    profile: Element,
    scope: HtmlSelectElement,
    current_schema: HtmlTextAreaElement,
    org: HtmlInputElement,
    app_id: HtmlInputElement,
    outputs: Element,
    output_listeners: RefCell<Vec<EventListener>>,
    fix_all: Element,
    errors_only: HtmlInputElement,
    reset: Element,
    /// The listeners of the rows on screen; replaced on every render.
    row_listeners: RefCell<Vec<EventListener>>,
    pending: RefCell<Option<Timeout>>,
}

fn select(
    doc: &Document,
    id: &str,
    label: &str,
    options: &[(&str, &str)],
) -> Result<Element, JsValue> {
    let l = el(doc, "label", &[], None)?;
    text(doc, &l, label)?;
    let s = el(doc, "select", &[("id", id)], None)?;
    for (value, shown) in options {
        add(&s, &el(doc, "option", &[("value", value)], Some(shown))?)?;
    }
    l.append_child(&s)?;
    Ok(l)
}

fn area(doc: &Document, id: &str, label: &str) -> Result<Element, JsValue> {
    let l = el(doc, "label", &[("id", &format!("{id}-label"))], None)?;
    text(doc, &l, label)?;
    add(
        &l,
        &el(
            doc,
            "textarea",
            &[("id", id), ("rows", "10"), ("spellcheck", "false")],
            None,
        )?,
    )?;
    Ok(l)
}

fn section(doc: &Document, id: &str, title: &str) -> Result<Element, JsValue> {
    let s = el(doc, "section", &[("aria-labelledby", id)], None)?;
    add(&s, &el(doc, "h2", &[("id", id)], Some(title))?)?;
    Ok(s)
}

pub fn mount(root: &Element) -> Result<(), JsValue> {
    let doc = document()?;
    root.set_text_content(None);
    let inputs = section(&doc, "inputs-title", "What to check")?;
    let controls = el(&doc, "div", &[("class", "controls")], None)?;
    add(
        &controls,
        &select(
            &doc,
            "setup",
            "Setup",
            &[
                (
                    "current",
                    "Current vendor doc (\"Luciq User\", apps as a string array)",
                ),
                ("legacy", "Older doc (\"Instabug User\", one app per user)"),
            ],
        )?,
    )?;
    add(
        &controls,
        &select(
            &doc,
            "kind",
            "Names are",
            &[
                ("app", "Luciq app names"),
                ("role", "Role values"),
                ("variable", "Okta variable names"),
            ],
        )?,
    )?;
    add(
        &controls,
        &select(
            &doc,
            "scope",
            "Attribute type",
            &[
                ("SELF", "Personal (set per user)"),
                ("NONE", "Group (set per user or group)"),
            ],
        )?,
    )?;
    for (id, label, hint) in [
        ("org", "Okta org", "acme.okta.com"),
        ("app-id", "Luciq app id", "0oa…"),
    ] {
        let l = el(&doc, "label", &[], None)?;
        text(&doc, &l, label)?;
        add(
            &l,
            &el(
                &doc,
                "input",
                &[
                    ("id", id),
                    ("type", "text"),
                    ("placeholder", hint),
                    ("spellcheck", "false"),
                ],
                None,
            )?,
        )?;
        add(&controls, &l)?;
    }
    inputs.append_child(&controls)?;
    let lists = el(&doc, "div", &[("class", "lists")], None)?;
    add(
        &lists,
        &area(
            &doc,
            "catalog",
            "Luciq app catalog (one exact name per line)",
        )?,
    )?;
    add(
        &lists,
        &area(&doc, "names", "Names to check (one per line)")?,
    )?;
    add(
        &lists,
        &area(
            &doc,
            "current-schema",
            "Optional, for a plan: the JSON of GET /api/v1/meta/schemas/apps/{appId}/default",
        )?,
    )?;
    inputs.append_child(&lists)?;
    root.append_child(&inputs)?;
    let findings = section(&doc, "results-title", "Findings")?;
    add(
        &findings,
        &el(
            &doc,
            "p",
            &[
                ("id", "summary"),
                ("role", "status"),
                ("aria-live", "polite"),
            ],
            None,
        )?,
    )?;
    let tools = el(&doc, "div", &[("class", "controls")], None)?;
    add(
        &tools,
        &el(
            &doc,
            "button",
            &[("type", "button"), ("id", "fix-all")],
            Some("Fix all safe issues"),
        )?,
    )?;
    let only = el(&doc, "label", &[], None)?;
    add(
        &only,
        &el(
            &doc,
            "input",
            &[("type", "checkbox"), ("id", "errors-only")],
            None,
        )?,
    )?;
    text(&doc, &only, " Show only names with errors")?;
    add(&tools, &only)?;
    add(
        &tools,
        &el(
            &doc,
            "button",
            &[("type", "button"), ("id", "reset")],
            Some("Reset to the example"),
        )?,
    )?;
    add(&findings, &tools)?;
    add(&findings, &el(&doc, "ol", &[("id", "results")], None)?)?;
    root.append_child(&findings)?;
    let outputs = section(&doc, "outputs-title", "Okta payloads")?;
    add(&outputs, &el(&doc, "div", &[("id", "outputs")], None)?)?;
    root.append_child(&outputs)?;
    let profile = section(&doc, "profile-title", "The Luciq profile")?;
    add(&profile, &el(&doc, "div", &[("id", "profile")], None)?)?;
    root.append_child(&profile)?;

    let view = Rc::new(View {
        setup: by_id(&doc, "setup")?,
        kind: by_id(&doc, "kind")?,
        catalog: by_id(&doc, "catalog")?,
        catalog_label: by_id(&doc, "catalog-label")?,
        names: by_id(&doc, "names")?,
        summary: by_id(&doc, "summary")?,
        results: by_id(&doc, "results")?,
        profile: by_id(&doc, "profile")?,
        scope: by_id(&doc, "scope")?,
        current_schema: by_id(&doc, "current-schema")?,
        org: by_id(&doc, "org")?,
        app_id: by_id(&doc, "app-id")?,
        outputs: by_id(&doc, "outputs")?,
        output_listeners: RefCell::new(Vec::new()),
        fix_all: by_id(&doc, "fix-all")?,
        errors_only: by_id(&doc, "errors-only")?,
        reset: by_id(&doc, "reset")?,
        doc,
        row_listeners: RefCell::new(Vec::new()),
        pending: RefCell::new(None),
    });
    match LocalStorage::get::<Saved>(STORAGE_KEY) {
        Ok(saved) => {
            view.setup.set_value(&saved.setup);
            view.kind.set_value(&saved.kind);
            view.catalog.set_value(&saved.catalog);
            view.names.set_value(&saved.names);
        }
        Err(_) => view.load_example(),
    }
    view.catalog_label.set_hidden(view.kind.value() != "app");

    // The view lives as long as the page: its listeners are kept for good.
    let mut listeners = Vec::new();
    for target in [
        view.names.clone().unchecked_into::<web_sys::EventTarget>(),
        view.catalog.clone().into(),
        view.org.clone().into(),
        view.current_schema.clone().into(),
        view.app_id.clone().into(),
        view.scope.clone().into(),
    ] {
        let v = view.clone();
        listeners.push(EventListener::new(&target, "input", move |_| v.later()));
    }
    let v = view.clone();
    listeners.push(EventListener::new(&view.setup, "change", move |_| {
        v.show_profile();
        v.render();
    }));
    let v = view.clone();
    listeners.push(EventListener::new(&view.kind, "change", move |_| {
        let kind = v.kind.value();
        v.names.set_value(&example_names(&kind).join("\n"));
        v.catalog_label.set_hidden(kind != "app");
        v.render();
    }));
    let v = view.clone();
    listeners.push(EventListener::new(&view.fix_all, "click", move |_| {
        let report = v.check();
        let mut all = lines(&v.names.value());
        for (line, r) in all.iter_mut().zip(&report.results) {
            if let Some(fixed) = &r.fixed {
                *line = fixed.clone();
            }
        }
        v.names.set_value(&all.join("\n"));
        v.render();
    }));
    let v = view.clone();
    listeners.push(EventListener::new(&view.errors_only, "change", move |_| {
        v.render()
    }));
    let v = view.clone();
    listeners.push(EventListener::new(&view.reset, "click", move |_| {
        LocalStorage::delete(STORAGE_KEY);
        v.load_example();
        v.catalog_label.set_hidden(false);
        v.show_profile();
        v.render();
    }));
    std::mem::forget(listeners);
    view.show_profile();
    view.render();
    Ok(())
}

/// The lines of a text area: `\r` dropped, a last empty line left out.
fn lines(text: &str) -> Vec<String> {
    let mut v: Vec<String> = text
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l).to_string())
        .collect();
    if v.last().is_some_and(String::is_empty) {
        v.pop();
    }
    v
}

/// Text with its invisible and unusual characters shown as `⟨U+200B⟩` (and spaces as `␠`).
fn visible(s: &str, spaces: bool) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c == ' ' {
            out.push(if spaces { '␠' } else { ' ' });
        } else if c.is_whitespace()
            || c.is_control()
            || is_default_ignorable(c)
            || classify(None, c, None) == CharClass::Invalid
        {
            out.push_str(&format!("⟨U+{:04X}⟩", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

impl View {
    /// The page as it first opens: current setup, app names, the example catalog and names.
    fn load_example(&self) {
        self.setup.set_value("current");
        self.kind.set_value("app");
        self.catalog.set_value(EXAMPLE_CATALOG.trim_end());
        self.names.set_value(&example_names("app").join("\n"));
    }

    fn later(self: &Rc<Self>) {
        let v = self.clone();
        *self.pending.borrow_mut() = Some(Timeout::new(DEBOUNCE_MS, move || v.render()));
    }

    fn save(&self) {
        let saved = Saved {
            setup: self.setup.value(),
            kind: self.kind.value(),
            catalog: self.catalog.value(),
            names: self.names.value(),
        };
        // Storage can be full or off (private windows): the page works without it.
        let _ = LocalStorage::set(STORAGE_KEY, &saved);
    }

    fn setup(&self) -> Setup {
        if self.setup.value() == "legacy" {
            Setup::Legacy
        } else {
            Setup::Current
        }
    }

    fn render(self: &Rc<Self>) {
        if let Err(e) = self.try_render() {
            self.summary
                .set_text_content(Some(&format!("Could not show the findings: {e:?}")));
        }
    }

    /// The findings for what is in the inputs now.
    fn check(&self) -> crate::names::CheckReport {
        let kind = match self.kind.value().as_str() {
            "role" => NameKind::Role,
            "variable" => NameKind::Variable,
            _ => NameKind::App,
        };
        let names = lines(&self.names.value());
        let catalog = (kind == NameKind::App && !self.catalog.value().trim().is_empty())
            .then(|| lines(&self.catalog.value()));
        check_names(&CheckRequest {
            kind,
            names,
            catalog,
            setup: self.setup(),
            context: None,
        })
    }

    fn try_render(self: &Rc<Self>) -> Result<(), JsValue> {
        self.save();
        let names = lines(&self.names.value());
        let report = self.check();
        self.summary.set_text_content(Some(&format!(
            "{} names: {} errors, {} warnings, {} notes.",
            names.len(),
            report.errors,
            report.warnings,
            report.infos
        )));
        let doc = &self.doc;
        self.results.set_text_content(None);
        let mut listeners = Vec::new();
        for (i, r) in report.results.iter().enumerate() {
            let item: HtmlElement = el(doc, "li", &[], None)?.unchecked_into();
            item.set_hidden(r.ok && self.errors_only.checked());
            add(&item, &self.highlighted(&r.input, &r.diagnostics)?)?;
            text(doc, &item, " ")?;
            let (class, status) = match (r.ok, r.diagnostics.is_empty()) {
                (true, true) => ("info", "clean"),
                (true, false) => ("info", "usable"),
                (false, _) => ("error", "will not match"),
            };
            add(&item, &el(doc, "span", &[("class", class)], Some(status))?)?;
            for d in &r.diagnostics {
                let severity = d.severity.as_str();
                let row = el(doc, "div", &[("class", &format!("diag {severity}"))], None)?;
                add(
                    &row,
                    &el(
                        doc,
                        "span",
                        &[("class", "code")],
                        Some(&format!("{severity} {}", d.code.as_str())),
                    )?,
                )?;
                text(doc, &row, ": ")?;
                text(doc, &row, &d.message)?;
                if let Some(fix) = &d.suggestion {
                    text(doc, &row, " ")?;
                    let button = el(
                        doc,
                        "button",
                        &[("type", "button")],
                        Some(&format!("Use \"{}\"", visible(fix, false))),
                    )?;
                    let (v, fix) = (self.clone(), fix.clone());
                    listeners.push(EventListener::new(&button, "click", move |_| {
                        let mut all: Vec<String> =
                            v.names.value().split('\n').map(String::from).collect();
                        if let Some(line) = all.get_mut(i) {
                            *line = fix.clone();
                        }
                        v.names.set_value(&all.join("\n"));
                        v.render();
                    }));
                    row.append_child(&button)?;
                }
                item.append_child(&row)?;
            }
            self.results.append_child(&item)?;
        }
        *self.row_listeners.borrow_mut() = listeners;
        let inputs = OutputInputs {
            setup: self.setup(),
            scope: if self.scope.value() == "NONE" {
                Scope::Group
            } else {
                Scope::Personal
            },
            apps: lines(&self.catalog.value()),
            org: self.org.value(),
            current_schema: self.current_schema.value(),
            app_id: self.app_id.value(),
        };
        *self.output_listeners.borrow_mut() = super::outputs::render(doc, &self.outputs, &inputs)?;
        Ok(())
    }

    /// The name with the spans of its findings marked and made visible.
    fn highlighted(&self, input: &str, diagnostics: &[Diagnostic]) -> Result<Element, JsValue> {
        let units: Vec<u16> = input.encode_utf16().collect();
        let mut spans: Vec<(usize, usize)> = diagnostics
            .iter()
            .filter(|d| d.end > d.start && !(d.start == 0 && d.end == units.len()))
            .map(|d| (d.start, d.end.min(units.len())))
            .collect();
        spans.sort();
        let node = el(&self.doc, "span", &[("class", "name")], None)?;
        let piece = |a: usize, b: usize| String::from_utf16_lossy(&units[a..b]);
        let mut at = 0;
        for (start, end) in spans {
            if start < at {
                continue;
            }
            text(&self.doc, &node, &piece(at, start))?;
            add(
                &node,
                &el(
                    &self.doc,
                    "mark",
                    &[],
                    Some(&visible(&piece(start, end), true)),
                )?,
            )?;
            at = end;
        }
        text(&self.doc, &node, &piece(at, units.len()))?;
        Ok(node)
    }

    fn show_profile(&self) {
        let _ = self.try_show_profile();
    }

    fn try_show_profile(&self) -> Result<(), JsValue> {
        let doc = &self.doc;
        let p = luciq_profile(self.setup());
        self.profile.set_text_content(None);
        add(
            &self.profile,
            &el(
                doc,
                "p",
                &[],
                Some(&format!("App profile: {}", p.app_profile)),
            )?,
        )?;
        let attrs = el(doc, "ul", &[], None)?;
        for a in &p.attributes {
            let line = format!(
                "{}: variable {}, {}, external name {}, namespace {}",
                a.display_name,
                a.variable_name,
                a.data_type.label(),
                a.external_name,
                a.external_namespace
            );
            add(&attrs, &el(doc, "li", &[], Some(&line))?)?;
        }
        self.profile.append_child(&attrs)?;
        let table = el(doc, "table", &[], None)?;
        let head = el(doc, "tr", &[], None)?;
        for h in ["Role", "Value Okta sends", "Published by Luciq"] {
            add(&head, &el(doc, "th", &[], Some(h))?)?;
        }
        table.append_child(&head)?;
        for r in &p.roles {
            let row = el(doc, "tr", &[], None)?;
            add(&row, &el(doc, "td", &[], Some(&r.title))?)?;
            add(&row, &el(doc, "td", &[("class", "name")], Some(&r.value))?)?;
            let published = if r.confirmed {
                "yes"
            } else {
                "no: confirm with Luciq"
            };
            add(&row, &el(doc, "td", &[], Some(published))?)?;
            table.append_child(&row)?;
        }
        self.profile.append_child(&table)?;
        let unknowns = el(doc, "ul", &[], None)?;
        for u in &p.unknowns {
            add(&unknowns, &el(doc, "li", &[], Some(u))?)?;
        }
        self.profile.append_child(&unknowns)?;
        Ok(())
    }
}
