//! The Okta payloads: the inputs only they need (the pasted schema for a plan, the mapping's
//! sources, a group assignment) and every body and export the workspace decides on, each with
//! Copy and Download. The text shown, copied and downloaded is exactly what the core returns.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use gloo_events::EventListener;
use wasm_bindgen::JsValue;
use web_sys::{Element, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};

use super::Section;
use crate::config::ValueFrom;
use crate::names::chars::visible;
use crate::okta::plan::{Action, SchemaPlan};
use crate::ui::dom::Ui;
use crate::ui::dom::{child, copy_button, count, download_button};
use crate::ui::form::{area, input, select, set_options};
use crate::ui::runner::{Progress, Runner};
use crate::ui::store::{Store, When};
use crate::workspace::{Changes, Output, Outputs, OutputsRun, Workspace};

/// Puts a field's text into the workspace.
type SetField = fn(&mut Workspace, String);

/// Characters of an output shown on the page.
const PREVIEW_CHARS: usize = 20_000;

pub struct PayloadsSection {
    root: Element,
    current_schema: HtmlTextAreaElement,
    role_source: HtmlSelectElement,
    role_attribute: HtmlInputElement,
    apps_source: HtmlSelectElement,
    apps_attribute: HtmlInputElement,
    group_id: HtmlInputElement,
    group_priority: HtmlInputElement,
    group_role: HtmlSelectElement,
    group_apps: HtmlInputElement,
    /// The outputs shown; a new set is built beside it (a few outputs a task) and takes its place.
    outputs: RefCell<Element>,
    output_listeners: RefCell<Vec<EventListener>>,
    runner: Rc<Runner>,
    this: Weak<PayloadsSection>,
    _listeners: Vec<EventListener>,
}

/// A set of outputs being built: the element it goes into, not yet in the page, and how many of
/// the run's blocks are in it.
struct Building {
    next: Element,
    blocks: usize,
    plan_shown: bool,
    listeners: Vec<EventListener>,
}

/// Sets a text input unless it already holds `value` (so typing keeps its caret).
fn sync(input: &HtmlInputElement, value: &str) {
    if input.value() != value {
        input.set_value(value);
    }
}

impl PayloadsSection {
    pub fn mount(store: &Rc<Store>, parent: &Element) -> Result<Rc<Self>, JsValue> {
        let ui = &store.ui;
        let root: Element = child(parent, "div", &[("data-section", "payloads")], None)?;
        let lists: Element = child(&root, "div", &[("class", "lists")], None)?;
        let current_schema = area(
            ui,
            &lists,
            "current-schema",
            "For a plan: the JSON of GET /api/v1/meta/schemas/apps/{appId}/default",
            "4",
        )?;
        let map: Element = child(&root, "fieldset", &[], None)?;
        child::<Element>(&map, "legend", &[], Some("Mapping (Okta user → Luciq)"))?;
        let controls: Element = child(&map, "div", &[("class", "controls")], None)?;
        let sources = [
            (
                ValueFrom::Assignment.as_str(),
                "Set on each assignment (no mapping)",
            ),
            (
                ValueFrom::Attribute.as_str(),
                "From an Okta user profile attribute",
            ),
        ];
        let role_source = select(ui, &controls, "role-source", "Role comes from", &sources)?;
        let role_attribute = input(
            ui,
            &controls,
            "role-attribute",
            "Okta user attribute for the role",
            "luciqRole",
        )?;
        let apps_source = select(ui, &controls, "apps-source", "Apps come from", &sources)?;
        let apps_attribute = input(
            ui,
            &controls,
            "apps-attribute",
            "Okta user attribute for the apps",
            "luciqApps",
        )?;
        let group: Element = child(&root, "fieldset", &[], None)?;
        child::<Element>(
            &group,
            "legend",
            &[],
            Some("Group assignment (Group attribute type only)"),
        )?;
        let controls: Element = child(&group, "div", &[("class", "controls")], None)?;
        let group_id = input(ui, &controls, "group-id", "Okta group id", "00g…")?;
        let group_priority = input(ui, &controls, "group-priority", "Priority (0 wins)", "0")?;
        group_priority.set_attribute("inputmode", "numeric")?;
        let group_role = select(ui, &controls, "group-role", "Role", &[])?;
        let group_apps = input(
            ui,
            &controls,
            "group-apps",
            "Apps (separated by |)",
            "Acme iOS|Acme Android",
        )?;
        let progress = Progress::new(ui, &root, "outputs-progress", "Building", "outputs")?;
        let outputs: Element = child(&root, "div", &[("id", &ui.id("outputs"))], None)?;

        let mut listeners = Vec::new();
        let a = current_schema.clone();
        listeners.push(store.listen(&current_schema, "input", move |store| {
            store.edit(Changes::CURRENT_SCHEMA, When::Typing, |ws| {
                ws.work.current_schema = a.value()
            });
        }));
        let texts: [(&HtmlInputElement, Changes, SetField); 5] = [
            (&role_attribute, Changes::MAPPING, |ws, v| {
                ws.admin.mapping.role_attribute = v
            }),
            (&apps_attribute, Changes::MAPPING, |ws, v| {
                ws.admin.mapping.apps_attribute = v
            }),
            (&group_id, Changes::GROUP, |ws, v| {
                ws.admin.group.group_id = v
            }),
            (&group_priority, Changes::GROUP, |ws, v| {
                ws.admin.group.priority = v
            }),
            (&group_apps, Changes::GROUP, |ws, v| ws.admin.group.apps = v),
        ];
        for (field, part, set) in texts {
            let f = field.clone();
            listeners.push(store.listen(field, "input", move |store| {
                store.edit(part, When::Typing, |ws| set(ws, f.value()))
            }));
        }
        let choices: [(&HtmlSelectElement, Changes, SetField); 3] = [
            (&role_source, Changes::MAPPING, |ws, v| {
                ws.admin.mapping.role_from = ValueFrom::parse(&v).unwrap_or_default()
            }),
            (&apps_source, Changes::MAPPING, |ws, v| {
                ws.admin.mapping.apps_from = ValueFrom::parse(&v).unwrap_or_default()
            }),
            (&group_role, Changes::GROUP, |ws, v| ws.admin.group.role = v),
        ];
        for (field, part, set) in choices {
            let f = field.clone();
            listeners.push(store.listen(field, "change", move |store| {
                store.edit(part, When::Now, |ws| set(ws, f.value()))
            }));
        }
        Ok(Rc::new_cyclic(|this| PayloadsSection {
            root,
            current_schema,
            role_source,
            role_attribute,
            apps_source,
            apps_attribute,
            group_id,
            group_priority,
            group_role,
            group_apps,
            outputs: RefCell::new(outputs),
            output_listeners: RefCell::new(Vec::new()),
            runner: Runner::new(progress),
            this: this.clone(),
            _listeners: listeners,
        }))
    }

    /// Puts the workspace into the inputs (after a file was loaded, a reset).
    fn sync_inputs(&self, ws: &Workspace) {
        if self.current_schema.value() != ws.work.current_schema {
            self.current_schema.set_value(&ws.work.current_schema);
        }
        let m = &ws.admin.mapping;
        self.role_source.set_value(m.role_from.as_str());
        self.apps_source.set_value(m.apps_from.as_str());
        sync(&self.role_attribute, &m.role_attribute);
        sync(&self.apps_attribute, &m.apps_attribute);
        // An attribute name is asked for only where the value comes from one.
        self.role_attribute
            .set_disabled(m.role_from != ValueFrom::Attribute);
        self.apps_attribute
            .set_disabled(m.apps_from != ValueFrom::Attribute);
        let g = &ws.admin.group;
        sync(&self.group_id, &g.group_id);
        sync(&self.group_priority, &g.priority);
        sync(&self.group_apps, &g.apps);
        // The group's role is one of the table's values (or none).
        let mut options = vec![(String::new(), "(no role)".to_string())];
        options.extend(ws.admin.roles.iter().map(|r| {
            (
                r.value.clone(),
                format!("{} ({})", r.title, visible(&r.value, true)),
            )
        }));
        set_options(
            &self.group_role,
            &options,
            &ws.group_role().unwrap_or_default(),
        );
    }

    /// Builds the outputs of the workspace as it is now, a few a task (a 10,000-app catalog
    /// makes megabytes of them), into an element beside the one shown, which it replaces once
    /// all are built. A short set is built before this returns.
    fn render(&self, store: &Rc<Store>) -> Result<(), JsValue> {
        let ws = store.ws();
        self.sync_inputs(&ws);
        let run = OutputsRun::new(ws.clone(), store.users_report());
        drop(ws);
        let next: Element = store.ui.doc.create_element("div")?;
        next.set_id(&store.ui.id("outputs"));
        let building = Rc::new(RefCell::new(Building {
            next,
            blocks: 0,
            plan_shown: false,
            listeners: Vec::new(),
        }));
        let (this, store) = (self.this.clone(), Rc::clone(store));
        let (this2, store2, building2) = (this.clone(), Rc::clone(&store), Rc::clone(&building));
        self.runner.start_showing(
            run,
            move |run: &OutputsRun| {
                if let Some(section) = this.upgrade() {
                    section.show_built(&store.ui, &building, run.built());
                }
            },
            move |outputs: Outputs| {
                if let Some(section) = this2.upgrade() {
                    section.show_built(&store2.ui, &building2, &outputs);
                    section.swap_in(&building2);
                }
            },
        );
        Ok(())
    }

    /// Puts into the set being built the blocks built since it last looked (the plan's summary
    /// first, when the plan is built).
    fn show_built(&self, ui: &Ui, building: &RefCell<Building>, built: &Outputs) {
        let mut b = building.borrow_mut();
        let b = &mut *b;
        let shown = (|| -> Result<(), JsValue> {
            if !b.plan_shown {
                if let Some(Ok(p)) = &built.plan {
                    plan_summary(ui, &b.next, p)?;
                    b.plan_shown = true;
                }
            }
            for o in &built.blocks[b.blocks..] {
                output_block(ui, &b.next, o, &mut b.listeners)?;
                b.blocks += 1;
            }
            Ok(())
        })();
        if let Err(e) = shown {
            b.next
                .set_text_content(Some(&format!("Could not show the outputs: {e:?}")));
        }
    }

    /// The set built takes the place of the one shown.
    fn swap_in(&self, building: &RefCell<Building>) {
        let mut b = building.borrow_mut();
        let mut shown = self.outputs.borrow_mut();
        if shown.replace_with_with_node_1(&b.next).is_ok() {
            *shown = b.next.clone();
            *self.output_listeners.borrow_mut() = std::mem::take(&mut b.listeners);
        }
    }
}

/// One output: its title, Copy and Download when it was built, and its text (the start of it
/// when long).
fn output_block(
    ui: &Ui,
    container: &Element,
    o: &Output,
    listeners: &mut Vec<EventListener>,
) -> Result<(), JsValue> {
    let id = ui.id(&format!("out-{}", o.kind.as_str()));
    let block: Element = child(container, "div", &[("class", "output")], None)?;
    child::<Element>(&block, "h3", &[], Some(&o.title))?;
    if o.built {
        let text: Rc<str> = Rc::from(o.text.as_str());
        let tools: Element = child(&block, "div", &[("class", "tools")], None)?;
        listeners.push(copy_button(
            ui,
            &tools,
            "Copy",
            o.file,
            text.clone(),
            &[("id", &format!("{id}-copy"))],
        )?);
        listeners.push(download_button(
            ui,
            &tools,
            &format!("out-{}-download", o.kind.as_str()),
            o.file,
            text,
            o.mime,
        )?);
    }
    let class = if o.built { "body" } else { "body not-built" };
    // A 10,000-app catalog makes bodies of megabytes: laying that out would freeze the
    // page, so only the start is shown (Copy and Download give all of it).
    let shown = match o.text.char_indices().nth(PREVIEW_CHARS) {
        Some((end, _)) => {
            child::<Element>(
                &block,
                "p",
                &[("class", "hint"), ("id", &format!("{id}-cut"))],
                Some(&format!(
                    "Showing the first {PREVIEW_CHARS} of {} characters: Copy and Download give all of it.",
                    o.text.chars().count()
                )),
            )?;
            &o.text[..end]
        }
        None => o.text.as_str(),
    };
    child::<Element>(
        &block,
        "pre",
        &[("id", &id), ("tabindex", "0"), ("class", class)],
        Some(shown),
    )?;
    Ok(())
}

/// What the plan does, per attribute, with its reasons.
fn plan_summary(ui: &Ui, container: &Element, p: &SchemaPlan) -> Result<(), JsValue> {
    child::<Element>(container, "h3", &[], Some("What the plan does"))?;
    let list: Element = child(container, "ul", &[("id", &ui.id("plan-summary"))], None)?;
    for a in &p.attributes {
        let what = match a.action {
            Action::Add => "add",
            Action::Update => "update",
            Action::None => "nothing to change",
            Action::Recreate => "delete and add again (values set on assignments are lost)",
        };
        let item: Element = child(&list, "li", &[], Some(&format!("{}: {what}", a.attribute)))?;
        if !a.reasons.is_empty() {
            let reasons: Element = child(&item, "ul", &[], None)?;
            for r in &a.reasons {
                child::<Element>(&reasons, "li", &[], Some(&r.message))?;
            }
        }
    }
    for n in &p.notes {
        child::<Element>(&list, "li", &[], Some(n))?;
    }
    Ok(())
}

impl Section for PayloadsSection {
    fn depends_on(&self, _: &Workspace) -> Changes {
        Changes::SETUP
            | Changes::SCOPE
            | Changes::ROLE_VALUES
            | Changes::ROLE_TITLES
            | Changes::CATALOG
            | Changes::ORG
            | Changes::APP_ID
            | Changes::MAPPING
            | Changes::GROUP
            | Changes::CURRENT_SCHEMA
            | Changes::USERS_REPORT
    }

    fn update(&self, store: &Rc<Store>, _: Changes) {
        count(&self.root, "renders");
        if let Err(e) = self.render(store) {
            self.outputs
                .borrow()
                .set_text_content(Some(&format!("Could not show the outputs: {e:?}")));
        }
    }
}
