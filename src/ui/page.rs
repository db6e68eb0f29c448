//! The validation page: builds every section into a root element, keeps the inputs in
//! localStorage, and re-checks and re-renders what an input affects.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gloo_events::EventListener;
use gloo_timers::callback::Timeout;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{
    Document, Element, EventTarget, HtmlElement, HtmlInputElement, HtmlSelectElement,
    HtmlTextAreaElement,
};

use super::dom::{self, child, document, labeled, lines};
use super::runner::{Progress, Runner};
use super::state::{self, example_names};
use crate::config::{Config, GroupInputs, MappingInputs, ValueFrom};
use crate::names::{CheckReport, CheckRequest, CheckRun, NameKind, SharedCatalog};
use crate::profile::{Role, Scope, Setup};

/// How long typing must pause before the inputs are checked again.
const DEBOUNCE_MS: u32 = 150;

/// What an input change affects.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Part {
    /// Only the names list.
    Names,
    /// Only the users file (and the outputs built from it).
    Users,
    /// Only the outputs (schema, mapping, group inputs).
    Outputs,
    /// Everything (setup, roles, catalog).
    All,
}

pub struct Page {
    pub doc: Document,
    pub setup: HtmlSelectElement,
    pub scope: HtmlSelectElement,
    pub org: HtmlInputElement,
    pub app_id: HtmlInputElement,
    pub roles_body: Element,
    pub roles_findings: Element,
    pub catalog: HtmlTextAreaElement,
    pub catalog_file: HtmlInputElement,
    pub catalog_status: Element,
    pub kind: HtmlSelectElement,
    pub names: HtmlTextAreaElement,
    pub summary: Element,
    pub results: Element,
    pub more: HtmlElement,
    pub errors_only: HtmlInputElement,
    pub fix_all: Element,
    pub users_csv: HtmlTextAreaElement,
    pub users_file: HtmlInputElement,
    pub users_summary: Element,
    pub users_results: Element,
    pub users_more: HtmlElement,
    pub users_errors_only: HtmlInputElement,
    pub current_schema: HtmlTextAreaElement,
    pub role_source: HtmlSelectElement,
    pub role_attribute: HtmlInputElement,
    pub apps_source: HtmlSelectElement,
    pub apps_attribute: HtmlInputElement,
    pub group_id: HtmlInputElement,
    pub group_priority: HtmlInputElement,
    pub group_role: HtmlSelectElement,
    pub group_apps: HtmlInputElement,
    pub outputs: Element,
    pub checklist: Element,
    pub profile: Element,
    pub config_file: HtmlInputElement,
    pub config_status: Element,

    /// The role table as edited.
    pub roles: RefCell<Vec<Role>>,
    pub names_report: RefCell<Option<CheckReport>>,
    /// How many rows of the findings are on screen.
    pub names_shown: Cell<usize>,
    pub users_report: RefCell<Option<Result<crate::users::UsersReport, String>>>,
    pub users_shown: Cell<usize>,
    pub names_runner: Rc<Runner>,
    pub catalog_runner: Rc<Runner>,
    pub users_runner: Rc<Runner>,
    /// Listeners of things rendered again and again, by part.
    pub row_listeners: RefCell<Vec<EventListener>>,
    pub user_row_listeners: RefCell<Vec<EventListener>>,
    pub role_listeners: RefCell<Vec<EventListener>>,
    pub catalog_listeners: RefCell<Vec<EventListener>>,
    /// The catalog's text and its index.
    catalog_cache: RefCell<Option<(String, SharedCatalog)>>,
    pub output_listeners: RefCell<Vec<EventListener>>,
    pub checklist_listeners: RefCell<Vec<EventListener>>,
    pending: RefCell<Option<(Part, Timeout)>>,
    reader: RefCell<Option<gloo_file::callbacks::FileReader>>,
}

fn select(
    parent: &Element,
    id: &str,
    label: &str,
    options: &[(&str, &str)],
) -> Result<HtmlSelectElement, JsValue> {
    let (_, s): (_, HtmlSelectElement) = labeled(parent, label, "select", &[("id", id)])?;
    for (value, shown) in options {
        child::<Element>(&s, "option", &[("value", value)], Some(shown))?;
    }
    Ok(s)
}

fn input(parent: &Element, id: &str, label: &str, hint: &str) -> Result<HtmlInputElement, JsValue> {
    let (_, i) = labeled(
        parent,
        label,
        "input",
        &[
            ("id", id),
            ("type", "text"),
            ("placeholder", hint),
            ("spellcheck", "false"),
            ("autocomplete", "off"),
        ],
    )?;
    Ok(i)
}

fn area(
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
            ("id", id),
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
fn file_input(
    parent: &Element,
    id: &str,
    label: &str,
    accept: &str,
) -> Result<HtmlInputElement, JsValue> {
    let (l, i): (Element, HtmlInputElement) = labeled(
        parent,
        label,
        "input",
        &[("id", id), ("type", "file"), ("accept", accept)],
    )?;
    l.set_attribute("class", "file")?;
    Ok(i)
}

fn section(root: &Element, id: &str, title: &str) -> Result<Element, JsValue> {
    let s: Element = child(
        root,
        "section",
        &[("aria-labelledby", id), ("id", &format!("{id}-section"))],
        None,
    )?;
    child::<Element>(&s, "h2", &[("id", id)], Some(title))?;
    Ok(s)
}

fn button(parent: &Element, id: &str, label: &str) -> Result<Element, JsValue> {
    child(
        parent,
        "button",
        &[("type", "button"), ("id", id)],
        Some(label),
    )
}

fn checkbox(parent: &Element, id: &str, label: &str) -> Result<HtmlInputElement, JsValue> {
    let l: Element = child(parent, "label", &[("class", "check")], None)?;
    let c = child(&l, "input", &[("type", "checkbox"), ("id", id)], None)?;
    dom::text(&document()?, &l, label)?;
    Ok(c)
}

pub fn mount(root: &Element) -> Result<(), JsValue> {
    let doc = document()?;
    root.set_text_content(None);

    let nav: Element = child(root, "nav", &[("aria-label", "Sections")], None)?;
    let links: Element = child(&nav, "ul", &[], None)?;
    for (href, label) in [
        ("#setup-title-section", "Setup"),
        ("#results-title-section", "Check names"),
        ("#users-title-section", "Users file"),
        ("#outputs-title-section", "Okta payloads"),
        ("#checklist-title-section", "Console checklist"),
        ("#config-title-section", "Save and load"),
    ] {
        let li: Element = child(&links, "li", &[], None)?;
        child::<Element>(&li, "a", &[("href", href)], Some(label))?;
    }

    // Setup: which doc, attribute type, org, roles, catalog.
    let s = section(root, "setup-title", "Setup")?;
    let controls: Element = child(&s, "div", &[("class", "controls")], None)?;
    let setup = select(
        &controls,
        "setup",
        "Vendor doc",
        &[
            (
                "current",
                "Current (\"Luciq User\", apps as a string array)",
            ),
            ("legacy", "Older (\"Instabug User\", one app per user)"),
        ],
    )?;
    let scope = select(
        &controls,
        "scope",
        "Attribute type",
        &[
            ("SELF", "Personal (set per user)"),
            ("NONE", "Group (set per user or group)"),
        ],
    )?;
    let org = input(&controls, "org", "Okta org", "acme.okta.com")?;
    let app_id = input(&controls, "app-id", "Luciq app id in Okta", "0oa…")?;

    let roles_box: Element = child(&s, "details", &[("id", "roles-box")], None)?;
    child::<Element>(
        &roles_box,
        "summary",
        &[("id", "roles-summary")],
        Some("Luciq roles"),
    )?;
    child::<Element>(
        &roles_box,
        "p",
        &[("class", "hint")],
        Some("Luciq publishes the SCIM value of the Admin role only (\"adminstrator\"). The other values are this tool's defaults: confirm them with Luciq, edit them here, and tick \"Confirmed\" once you have."),
    )?;
    let scroll: Element = child(&roles_box, "div", &[("class", "scroll")], None)?;
    let table: Element = child(&scroll, "table", &[("id", "roles")], None)?;
    let head: Element = child(&table, "thead", &[], None)?;
    let tr: Element = child(&head, "tr", &[], None)?;
    for h in [
        "Title (shown in Okta)",
        "Value (sent to Luciq)",
        "Confirmed",
        "",
    ] {
        child::<Element>(&tr, "th", &[("scope", "col")], Some(h))?;
    }
    let roles_body: Element = child(&table, "tbody", &[], None)?;
    let role_tools: Element = child(&roles_box, "div", &[("class", "controls")], None)?;
    let add_role = button(&role_tools, "add-role", "Add a role")?;
    let default_roles = button(&role_tools, "default-roles", "Restore the Luciq roles")?;
    let roles_findings: Element = child(&roles_box, "ul", &[("id", "roles-findings")], None)?;

    let lists: Element = child(&s, "div", &[("class", "lists")], None)?;
    let cat_box: Element = child(&lists, "div", &[("class", "stack")], None)?;
    let catalog = area(
        &cat_box,
        "catalog",
        "Luciq app catalog (one exact app name per line)",
        "10",
    )?;
    let catalog_file = file_input(
        &cat_box,
        "catalog-file",
        "Open a .txt, .csv or .json file",
        ".txt,.csv,.json,text/plain,text/csv,application/json",
    )?;
    child::<Element>(
        &cat_box,
        "p",
        &[
            ("id", "catalog-opened"),
            ("class", "status"),
            ("role", "status"),
        ],
        None,
    )?;
    let catalog_status: Element = child(
        &cat_box,
        "div",
        &[("id", "catalog-status"), ("class", "status")],
        None,
    )?;
    let catalog_progress = Progress::new(&cat_box, "catalog-progress", "catalog names")?;

    // Names.
    let s = section(root, "results-title", "Check names")?;
    let controls: Element = child(&s, "div", &[("class", "controls")], None)?;
    let kind = select(
        &controls,
        "kind",
        "Names are",
        &[
            ("app", "Luciq app names (checked against the catalog)"),
            ("role", "Role values (checked against the role table)"),
            ("variable", "Okta variable names"),
        ],
    )?;
    let names = area(&s, "names", "Names to check (one per line)", "8")?;
    let summary: Element = child(
        &s,
        "p",
        &[
            ("id", "summary"),
            ("role", "status"),
            ("aria-live", "polite"),
        ],
        None,
    )?;
    let names_progress = Progress::new(&s, "names-progress", "names")?;
    let tools: Element = child(&s, "div", &[("class", "controls")], None)?;
    let fix_all = button(&tools, "fix-all", "Fix all safe issues")?;
    let errors_only = checkbox(&tools, "errors-only", " Show only names with errors")?;
    let results: Element = child(&s, "ol", &[("id", "results"), ("class", "findings")], None)?;
    let more: HtmlElement = child(
        &s,
        "button",
        &[("type", "button"), ("id", "more"), ("hidden", "")],
        None,
    )?;

    // Users.
    let s = section(root, "users-title", "Users file (bulk check)")?;
    child::<Element>(
        &s,
        "p",
        &[("class", "hint")],
        Some("A CSV with a header row: email,role,apps (apps separated by |), and optionally id (the Okta user id, 00u…). Each row gets the assignment body Okta needs."),
    )?;
    let users_csv = area(&s, "users-csv", "Users CSV", "8")?;
    let users_file = file_input(
        &s,
        "users-file",
        "Open a .csv file",
        ".csv,text/csv,text/plain",
    )?;
    let users_summary: Element = child(
        &s,
        "p",
        &[
            ("id", "users-summary"),
            ("role", "status"),
            ("aria-live", "polite"),
        ],
        None,
    )?;
    let users_progress = Progress::new(&s, "users-progress", "rows")?;
    let tools: Element = child(&s, "div", &[("class", "controls")], None)?;
    let users_fix_all = button(&tools, "users-fix-all", "Fix all safe issues in the file")?;
    let users_errors_only = checkbox(&tools, "users-errors-only", " Show only rows with errors")?;
    let users_results: Element = child(&s, "div", &[("id", "users-results")], None)?;
    let users_more: HtmlElement = child(
        &s,
        "button",
        &[("type", "button"), ("id", "users-more"), ("hidden", "")],
        None,
    )?;

    // Outputs.
    let s = section(root, "outputs-title", "Okta payloads")?;
    let lists: Element = child(&s, "div", &[("class", "lists")], None)?;
    let current_schema = area(
        &lists,
        "current-schema",
        "For a plan: the JSON of GET /api/v1/meta/schemas/apps/{appId}/default",
        "4",
    )?;
    let map: Element = child(&s, "fieldset", &[], None)?;
    child::<Element>(&map, "legend", &[], Some("Mapping (Okta user → Luciq)"))?;
    let controls: Element = child(&map, "div", &[("class", "controls")], None)?;
    let sources = [
        ("assignment", "Set on each assignment (no mapping)"),
        ("attribute", "From an Okta user profile attribute"),
    ];
    let role_source = select(&controls, "role-source", "Role comes from", &sources)?;
    let role_attribute = input(
        &controls,
        "role-attribute",
        "Okta user attribute for the role",
        "luciqRole",
    )?;
    let apps_source = select(&controls, "apps-source", "Apps come from", &sources)?;
    let apps_attribute = input(
        &controls,
        "apps-attribute",
        "Okta user attribute for the apps",
        "luciqApps",
    )?;
    let group: Element = child(&s, "fieldset", &[], None)?;
    child::<Element>(
        &group,
        "legend",
        &[],
        Some("Group assignment (Group attribute type only)"),
    )?;
    let controls: Element = child(&group, "div", &[("class", "controls")], None)?;
    let group_id = input(&controls, "group-id", "Okta group id", "00g…")?;
    let group_priority = input(&controls, "group-priority", "Priority (0 wins)", "0")?;
    group_priority.set_attribute("inputmode", "numeric")?;
    let group_role = select(&controls, "group-role", "Role", &[])?;
    let group_apps = input(
        &controls,
        "group-apps",
        "Apps (separated by |)",
        "Acme iOS|Acme Android",
    )?;
    let outputs: Element = child(&s, "div", &[("id", "outputs")], None)?;

    let s = section(root, "checklist-title", "Console checklist")?;
    let checklist: Element = child(&s, "div", &[("id", "checklist")], None)?;

    let s = section(root, "config-title", "Save and load")?;
    child::<Element>(
        &s,
        "p",
        &[("class", "hint")],
        Some("The page keeps what you type in this browser's storage. Save it as one JSON file to share it or to continue elsewhere; nothing is sent anywhere."),
    )?;
    let controls: Element = child(&s, "div", &[("class", "controls")], None)?;
    let export = button(&controls, "config-export", "Save the configuration (JSON)")?;
    let config_file = file_input(
        &controls,
        "config-file",
        "Load a configuration",
        ".json,application/json",
    )?;
    let reset = button(&controls, "reset", "Reset to the example")?;
    let config_status: Element = child(
        &s,
        "p",
        &[("id", "config-status"), ("class", "status")],
        None,
    )?;

    let s = section(root, "profile-title", "The Luciq profile")?;
    let profile: Element = child(&s, "div", &[("id", "profile")], None)?;
    child::<Element>(
        root,
        "div",
        &[
            ("id", dom::ANNOUNCE_ID),
            ("class", "visually-hidden"),
            ("role", "status"),
            ("aria-live", "polite"),
        ],
        None,
    )?;

    let page = Rc::new(Page {
        doc,
        setup,
        scope,
        org,
        app_id,
        roles_body,
        roles_findings,
        catalog,
        catalog_file,
        catalog_status,
        kind,
        names,
        summary,
        results,
        more,
        errors_only,
        fix_all,
        users_csv,
        users_file,
        users_summary,
        users_results,
        users_more,
        users_errors_only,
        current_schema,
        role_source,
        role_attribute,
        apps_source,
        apps_attribute,
        group_id,
        group_priority,
        group_role,
        group_apps,
        outputs,
        checklist,
        profile,
        config_file,
        config_status,
        roles: RefCell::new(Vec::new()),
        names_report: RefCell::new(None),
        names_shown: Cell::new(0),
        users_report: RefCell::new(None),
        users_shown: Cell::new(0),
        names_runner: Runner::new(names_progress),
        catalog_runner: Runner::new(catalog_progress),
        users_runner: Runner::new(users_progress),
        row_listeners: RefCell::new(Vec::new()),
        user_row_listeners: RefCell::new(Vec::new()),
        role_listeners: RefCell::new(Vec::new()),
        catalog_listeners: RefCell::new(Vec::new()),
        catalog_cache: RefCell::new(None),
        output_listeners: RefCell::new(Vec::new()),
        checklist_listeners: RefCell::new(Vec::new()),
        pending: RefCell::new(None),
        reader: RefCell::new(None),
    });
    page.apply(&state::load().unwrap_or_else(state::example));
    page.wire(&add_role, &default_roles, &export, &reset);
    let p = page.clone();
    std::mem::forget(EventListener::new(&users_fix_all, "click", move |_| {
        super::users_view::apply_fixes(&p, None)
    }));
    page.refresh(Part::All);
    Ok(())
}

impl Page {
    /// Puts a configuration into the inputs.
    pub fn apply(&self, c: &Config) {
        self.setup.set_value(match c.setup {
            Setup::Current => "current",
            Setup::Legacy => "legacy",
        });
        self.scope.set_value(match c.scope {
            Scope::Personal => "SELF",
            Scope::Group => "NONE",
        });
        self.org.set_value(&c.org);
        self.app_id.set_value(&c.app_id);
        *self.roles.borrow_mut() = c.roles.clone();
        self.catalog.set_value(&c.catalog.join("\n"));
        self.kind.set_value(match c.names_kind {
            NameKind::App => "app",
            NameKind::Role => "role",
            NameKind::Variable => "variable",
        });
        self.names.set_value(&c.names.join("\n"));
        self.users_csv.set_value(&c.users_csv);
        self.current_schema.set_value(&c.current_schema);
        let from = |v: ValueFrom| match v {
            ValueFrom::Assignment => "assignment",
            ValueFrom::Attribute => "attribute",
        };
        self.role_source.set_value(from(c.mapping.role_from));
        self.role_attribute.set_value(&c.mapping.role_attribute);
        self.apps_source.set_value(from(c.mapping.apps_from));
        self.apps_attribute.set_value(&c.mapping.apps_attribute);
        self.group_id.set_value(&c.group.group_id);
        self.group_priority.set_value(&c.group.priority);
        self.group_apps.set_value(&c.group.apps);
        self.fill_group_roles(&c.group.role);
    }

    /// What is in the inputs now, as a configuration.
    pub fn config(&self) -> Config {
        let from = |s: &HtmlSelectElement| {
            if s.value() == "attribute" {
                ValueFrom::Attribute
            } else {
                ValueFrom::Assignment
            }
        };
        Config {
            setup: self.setup_value(),
            scope: self.scope_value(),
            org: self.org.value(),
            app_id: self.app_id.value(),
            roles: self.roles.borrow().clone(),
            catalog: lines(&self.catalog.value()),
            names_kind: self.name_kind(),
            names: lines(&self.names.value()),
            users_csv: self.users_csv.value(),
            current_schema: self.current_schema.value(),
            mapping: MappingInputs {
                role_from: from(&self.role_source),
                role_attribute: self.role_attribute.value(),
                apps_from: from(&self.apps_source),
                apps_attribute: self.apps_attribute.value(),
            },
            group: GroupInputs {
                group_id: self.group_id.value(),
                priority: self.group_priority.value(),
                role: self.group_role.value(),
                apps: self.group_apps.value(),
            },
            ..Config::default()
        }
    }

    pub fn setup_value(&self) -> Setup {
        if self.setup.value() == "legacy" {
            Setup::Legacy
        } else {
            Setup::Current
        }
    }

    pub fn scope_value(&self) -> Scope {
        if self.scope.value() == "NONE" {
            Scope::Group
        } else {
            Scope::Personal
        }
    }

    /// The catalog's lines; `None` when the catalog is empty.
    pub fn catalog_lines(&self) -> Option<Vec<String>> {
        let v = self.catalog.value();
        (!v.trim().is_empty()).then(|| lines(&v))
    }

    /// The role table as edited.
    pub fn roles_value(&self) -> Vec<Role> {
        self.roles.borrow().clone()
    }

    /// The group role select offers the table's roles.
    pub fn fill_group_roles(&self, chosen: &str) {
        self.group_role.set_text_content(None);
        let _ = child::<Element>(
            &self.group_role,
            "option",
            &[("value", "")],
            Some("(no role)"),
        );
        for r in self.roles.borrow().iter() {
            let _ = child::<Element>(
                &self.group_role,
                "option",
                &[("value", &r.value)],
                Some(&format!("{} ({})", r.title, dom::visible(&r.value, true))),
            );
        }
        self.group_role.set_value(chosen);
        if self.group_role.selected_index() < 0 {
            self.group_role.set_value("");
        }
    }

    /// Re-checks and re-renders `part` after typing pauses; a wider pending part wins.
    pub fn later(self: &Rc<Self>, part: Part) {
        let part = match self.pending.borrow().as_ref() {
            Some((p, _)) if *p != part => Part::All,
            _ => part,
        };
        let page = self.clone();
        *self.pending.borrow_mut() = Some((
            part,
            Timeout::new(DEBOUNCE_MS, move || {
                page.pending.borrow_mut().take();
                page.refresh(part);
            }),
        ));
    }

    /// Re-checks and re-renders `part` now.
    pub fn refresh(self: &Rc<Self>, part: Part) {
        // Saved once this change's first results are on screen.
        let page = self.clone();
        dom::soon(move || state::save(&page.config()));
        if part == Part::All {
            super::roles::render(self);
            self.check_catalog();
            self.show_profile();
        }
        if matches!(part, Part::All | Part::Names) {
            self.check_names();
        }
        if matches!(part, Part::All | Part::Users) {
            // The outputs follow once the users file is checked.
            super::users_view::check(self);
        } else if part == Part::Outputs {
            self.render_outputs();
        }
    }

    pub fn render_outputs(self: &Rc<Self>) {
        // An attribute name is asked for only where the value comes from one.
        self.role_attribute
            .set_disabled(self.role_source.value() != "attribute");
        self.apps_attribute
            .set_disabled(self.apps_source.value() != "attribute");
        if let Err(e) = super::outputs::render(self) {
            self.outputs
                .set_text_content(Some(&format!("Could not show the outputs: {e:?}")));
        }
        if let Err(e) = super::checklist::render(self) {
            self.checklist
                .set_text_content(Some(&format!("Could not show the checklist: {e:?}")));
        }
    }

    pub fn name_kind(&self) -> NameKind {
        match self.kind.value().as_str() {
            "role" => NameKind::Role,
            "variable" => NameKind::Variable,
            _ => NameKind::App,
        }
    }

    /// The catalog's index, built again only when the catalog changed.
    pub fn shared_catalog(&self) -> Option<SharedCatalog> {
        let text = self.catalog.value();
        if text.trim().is_empty() {
            return None;
        }
        let mut cache = self.catalog_cache.borrow_mut();
        match cache.as_ref() {
            Some((key, shared)) if *key == text => Some(shared.clone()),
            _ => {
                let shared = SharedCatalog::new(&lines(&text));
                *cache = Some((text, shared.clone()));
                Some(shared)
            }
        }
    }

    /// The check of the names list as it is now: against the role table's values and
    /// confirmations, and the catalog's shared index.
    pub fn names_run(&self) -> CheckRun {
        let req = self.names_request();
        let run = match (req.kind, self.shared_catalog()) {
            (NameKind::App, Some(shared)) => CheckRun::with_shared_catalog(req, &shared),
            _ => CheckRun::new(req),
        };
        run.with_roles(&self.roles.borrow())
    }

    /// The request for the names list as it is now.
    pub fn names_request(&self) -> CheckRequest {
        let kind = self.name_kind();
        let catalog = match kind {
            NameKind::App => self.catalog_lines(),
            NameKind::Role => Some(
                self.roles
                    .borrow()
                    .iter()
                    .map(|r| r.value.clone())
                    .collect(),
            ),
            NameKind::Variable => None,
        };
        CheckRequest {
            kind,
            names: lines(&self.names.value()),
            catalog,
            setup: self.setup_value(),
            context: None,
        }
    }

    fn check_names(self: &Rc<Self>) {
        let page = self.clone();
        self.names_runner.start(self.names_run(), move |report| {
            *page.names_report.borrow_mut() = Some(report);
            page.names_shown.set(super::names_view::PAGE_ROWS);
            super::names_view::render(&page);
        });
    }

    /// The catalog checked as a catalog: its own characters, duplicates and near-duplicates.
    fn check_catalog(self: &Rc<Self>) {
        let names = lines(&self.catalog.value());
        if names.is_empty() {
            self.catalog_runner.cancel();
            self.catalog_status.set_text_content(Some(
                "No catalog: app names get only the character checks, and the apps attribute has no enum.",
            ));
            return;
        }
        let req = CheckRequest {
            kind: NameKind::App,
            names,
            catalog: None,
            setup: self.setup_value(),
            context: None,
        };
        let page = self.clone();
        self.catalog_runner
            .start(CheckRun::new(req), move |report| {
                let _ = super::names_view::render_catalog(&page, &report);
            });
    }

    fn wire(
        self: &Rc<Self>,
        add_role: &Element,
        default_roles: &Element,
        export: &Element,
        reset: &Element,
    ) {
        // The page lives as long as the document: these listeners are kept for good.
        let mut keep = Vec::new();
        let on = |keep: &mut Vec<EventListener>,
                  target: &EventTarget,
                  event: &'static str,
                  f: Box<dyn Fn()>| {
            keep.push(EventListener::new(target, event, move |_| f()));
        };
        for (target, part) in [
            (
                self.names.clone().unchecked_into::<EventTarget>(),
                Part::Names,
            ),
            (self.catalog.clone().into(), Part::All),
            (self.users_csv.clone().into(), Part::Users),
            (self.org.clone().into(), Part::Outputs),
            (self.app_id.clone().into(), Part::Outputs),
            (self.current_schema.clone().into(), Part::Outputs),
            (self.role_attribute.clone().into(), Part::Outputs),
            (self.apps_attribute.clone().into(), Part::Outputs),
            (self.group_id.clone().into(), Part::Outputs),
            (self.group_priority.clone().into(), Part::Outputs),
            (self.group_apps.clone().into(), Part::Outputs),
        ] {
            let p = self.clone();
            on(&mut keep, &target, "input", Box::new(move || p.later(part)));
        }
        // A paste is not typing: check it at once.
        for (target, part) in [
            (
                self.names.clone().unchecked_into::<EventTarget>(),
                Part::Names,
            ),
            (self.users_csv.clone().into(), Part::Users),
        ] {
            let p = self.clone();
            keep.push(EventListener::new(&target, "paste", move |_| {
                let p2 = p.clone();
                // The pasted text is in the field once the event is over.
                dom::soon(move || {
                    // A pending change of another part (the catalog typed just before) is
                    // taken along, not dropped.
                    let pending = p2.pending.borrow_mut().take();
                    let part = match pending {
                        Some((other, _)) if other != part => Part::All,
                        _ => part,
                    };
                    p2.refresh(part)
                });
            }));
        }
        for (target, part) in [
            (
                self.setup.clone().unchecked_into::<EventTarget>(),
                Part::All,
            ),
            (self.scope.clone().into(), Part::All),
            (self.role_source.clone().into(), Part::Outputs),
            (self.apps_source.clone().into(), Part::Outputs),
            (self.group_role.clone().into(), Part::Outputs),
        ] {
            let p = self.clone();
            on(
                &mut keep,
                &target,
                "change",
                Box::new(move || p.refresh(part)),
            );
        }
        let p = self.clone();
        on(
            &mut keep,
            &self.kind.clone().into(),
            "change",
            Box::new(move || {
                // The names typed are kept; an example (or nothing) makes way for the new kind's.
                let now = p.names.value();
                let is_example = ["app", "role", "variable"]
                    .iter()
                    .any(|k| example_names(k).join("\n") == now);
                if now.trim().is_empty() || is_example {
                    p.names
                        .set_value(&example_names(&p.kind.value()).join("\n"));
                }
                p.refresh(Part::Names);
            }),
        );
        let p = self.clone();
        on(
            &mut keep,
            &self.fix_all.clone().into(),
            "click",
            Box::new(move || {
                super::names_view::fix_all(&p);
            }),
        );
        let p = self.clone();
        on(
            &mut keep,
            &self.errors_only.clone().into(),
            "change",
            Box::new(move || {
                p.names_shown.set(super::names_view::PAGE_ROWS);
                super::names_view::render(&p);
            }),
        );
        let p = self.clone();
        on(
            &mut keep,
            &self.more.clone().into(),
            "click",
            Box::new(move || {
                p.names_shown
                    .set(p.names_shown.get() + super::names_view::PAGE_ROWS);
                super::names_view::render(&p);
            }),
        );
        let p = self.clone();
        on(
            &mut keep,
            &self.users_errors_only.clone().into(),
            "change",
            Box::new(move || {
                p.users_shown.set(super::names_view::PAGE_ROWS);
                super::users_view::render(&p);
            }),
        );
        let p = self.clone();
        on(
            &mut keep,
            &self.users_more.clone().into(),
            "click",
            Box::new(move || {
                p.users_shown
                    .set(p.users_shown.get() + super::names_view::PAGE_ROWS);
                super::users_view::render(&p);
            }),
        );
        let p = self.clone();
        on(
            &mut keep,
            &add_role.clone().into(),
            "click",
            Box::new(move || {
                p.roles.borrow_mut().push(Role {
                    title: String::new(),
                    value: String::new(),
                    confirmed: false,
                });
                p.refresh(Part::All);
                super::roles::focus_last(&p);
            }),
        );
        let p = self.clone();
        on(
            &mut keep,
            &default_roles.clone().into(),
            "click",
            Box::new(move || {
                *p.roles.borrow_mut() = crate::profile::builtin_roles();
                p.refresh(Part::All);
            }),
        );
        let p = self.clone();
        on(
            &mut keep,
            &reset.clone().into(),
            "click",
            Box::new(move || {
                state::clear();
                p.apply(&state::example());
                p.config_status
                    .set_text_content(Some("Reset to the example."));
                p.refresh(Part::All);
            }),
        );
        let p = self.clone();
        on(
            &mut keep,
            &export.clone().into(),
            "click",
            Box::new(move || {
                super::config_view::export(&p);
            }),
        );
        for (input, which) in [
            (self.catalog_file.clone(), FileTarget::Catalog),
            (self.users_file.clone(), FileTarget::Users),
            (self.config_file.clone(), FileTarget::Config),
        ] {
            let p = self.clone();
            keep.push(EventListener::new(&input.clone(), "change", move |_| {
                let p2 = p.clone();
                let input2 = input.clone();
                let reader = dom::read_chosen_file(&input, move |name, text| {
                    // The same file can be chosen again after an edit.
                    input2.set_value("");
                    p2.opened(which, &name, text);
                });
                *p.reader.borrow_mut() = reader;
            }));
        }
        std::mem::forget(keep);
    }

    /// A file the admin opened, read.
    fn opened(self: &Rc<Self>, which: FileTarget, name: &str, text: Result<String, String>) {
        let text = match text {
            Ok(t) => t,
            Err(e) => {
                self.file_status(which, &format!("{name}: {e}"));
                return;
            }
        };
        match which {
            FileTarget::Catalog => super::config_view::open_catalog(self, name, &text),
            FileTarget::Users => {
                self.users_csv
                    .set_value(text.strip_prefix('\u{FEFF}').unwrap_or(&text));
                self.file_status(which, &format!("Opened {name}."));
                self.refresh(Part::Users);
            }
            FileTarget::Config => super::config_view::import(self, name, &text),
        }
    }

    pub fn file_status(&self, which: FileTarget, message: &str) {
        let node = match which {
            FileTarget::Catalog => self.doc.get_element_by_id("catalog-opened"),
            FileTarget::Users => Some(self.users_summary.clone()),
            FileTarget::Config => Some(self.config_status.clone()),
        };
        if let Some(node) = node {
            node.set_text_content(Some(message));
        }
        dom::announce(message);
    }

    fn show_profile(&self) {
        let _ = self.try_show_profile();
    }

    fn try_show_profile(&self) -> Result<(), JsValue> {
        let p = crate::profile::luciq_profile(self.setup_value());
        let root = &self.profile;
        root.set_text_content(None);
        child::<Element>(
            root,
            "p",
            &[],
            Some(&format!("App profile: {}", p.app_profile)),
        )?;
        let attrs: Element = child(root, "ul", &[], None)?;
        for a in &p.attributes {
            let line = format!(
                "{}: variable {}, {}, external name {}, namespace {}",
                a.display_name,
                a.variable_name,
                a.data_type.label(),
                a.external_name,
                a.external_namespace
            );
            child::<Element>(&attrs, "li", &[], Some(&line))?;
        }
        let table: Element = child(root, "table", &[], None)?;
        let head: Element = child(&table, "tr", &[], None)?;
        for h in ["Role", "Value Okta sends", "Published by Luciq"] {
            child::<Element>(&head, "th", &[("scope", "col")], Some(h))?;
        }
        for r in &p.roles {
            let row: Element = child(&table, "tr", &[], None)?;
            child::<Element>(&row, "td", &[], Some(&r.title))?;
            child::<Element>(&row, "td", &[("class", "name")], Some(&r.value))?;
            let published = if r.confirmed {
                "yes"
            } else {
                "no: confirm with Luciq"
            };
            child::<Element>(&row, "td", &[], Some(published))?;
        }
        let unknowns: Element = child(root, "ul", &[], None)?;
        for u in &p.unknowns {
            child::<Element>(&unknowns, "li", &[], Some(u))?;
        }
        Ok(())
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum FileTarget {
    Catalog,
    Users,
    Config,
}
