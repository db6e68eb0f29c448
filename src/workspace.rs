//! The admin's workspace: the setup they keep (doc version, attribute type, roles, catalog, org,
//! app, mapping and group inputs) apart from the working data (the names being checked, the users
//! file, the pasted schema), and everything the page and the extension's side panel show that
//! follows from it: the request of each check and every Okta output. The views only draw what
//! this module decides, so native tests reach every decision.

use serde::Serialize;

use crate::config::{Config, GroupInputs, MappingInputs, ValueFrom};
use crate::console::{console_checklist, ChecklistRequest, StepId};
use crate::export::curl::export_curl;
use crate::export::terraform::export_terraform;
use crate::export::{ExportRequest, MappingSources, UserAssignment};
use crate::names::chars::visible;
use crate::names::{CheckRequest, ListContext, NameKind};
use crate::okta::assignment::{build_group_assignment_payload, AssignmentRequest};
use crate::okta::mapping::{build_mapping_payload, PushStatus, Source};
use crate::okta::plan::{plan_schema, PlanRequest, SchemaPlan};
use crate::okta::schema::{build_schema_payload, NameErrorsRun, SchemaRequest};
use crate::okta::{ApiCall, PayloadError};
use crate::profile::{Role, Scope, Setup};
use crate::scim::{preview_scim, PreviewRequest};
use crate::users::{assignments_ndjson, UsersReport, UsersRequest};

/// What the admin sets up once and keeps: saved with the configuration.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AdminSetup {
    pub setup: Setup,
    pub scope: Scope,
    pub roles: Vec<Role>,
    /// The exact Luciq app names, one per line as typed.
    pub catalog: Vec<String>,
    pub org: String,
    pub app_id: String,
    pub mapping: MappingInputs,
    pub group: GroupInputs,
}

/// What the admin is working on now: checked against the setup.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WorkingData {
    pub names_kind: NameKind,
    pub names: Vec<String>,
    pub users_csv: String,
    /// The app user schema pasted from the org, as text.
    pub current_schema: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Workspace {
    pub admin: AdminSetup,
    pub work: WorkingData,
}

/// A set of the workspace's parts (and of what is derived from them): what changed, and what a
/// view depends on.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Changes(u32);

impl Changes {
    pub const NONE: Changes = Changes(0);
    pub const SETUP: Changes = Changes(1);
    pub const SCOPE: Changes = Changes(1 << 1);
    /// A role's value or its "confirmed" box: what checks depend on.
    pub const ROLE_VALUES: Changes = Changes(1 << 2);
    /// A role's title: display text only (schema `oneOf` titles, the checklist's member rows).
    pub const ROLE_TITLES: Changes = Changes(1 << 3);
    pub const CATALOG: Changes = Changes(1 << 4);
    pub const ORG: Changes = Changes(1 << 5);
    pub const APP_ID: Changes = Changes(1 << 6);
    pub const MAPPING: Changes = Changes(1 << 7);
    pub const GROUP: Changes = Changes(1 << 8);
    pub const NAMES_KIND: Changes = Changes(1 << 9);
    pub const NAMES: Changes = Changes(1 << 10);
    pub const USERS_CSV: Changes = Changes(1 << 11);
    pub const CURRENT_SCHEMA: Changes = Changes(1 << 12);
    /// Derived: the users file's check finished (its report is new).
    pub const USERS_REPORT: Changes = Changes(1 << 13);
    /// Every part of the workspace (not what is derived from it).
    pub const WORKSPACE: Changes = Changes((1 << 13) - 1);
    pub const ALL: Changes = Changes((1 << 14) - 1);

    pub const fn or(self, other: Changes) -> Changes {
        Changes(self.0 | other.0)
    }
    pub const fn intersects(self, other: Changes) -> bool {
        self.0 & other.0 != 0
    }
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }
    /// Whether the saved configuration changes with these.
    pub const fn touches_saved(self) -> bool {
        self.intersects(Changes::WORKSPACE)
    }
}

impl std::ops::BitOr for Changes {
    type Output = Changes;
    fn bitor(self, other: Changes) -> Changes {
        self.or(other)
    }
}

impl std::ops::BitOrAssign for Changes {
    fn bitor_assign(&mut self, other: Changes) {
        *self = self.or(other);
    }
}

impl Changes {
    /// The set as a number (how it crosses to JS between two modules).
    pub const fn bits(self) -> u32 {
        self.0
    }
    /// The set a number stands for; bits that name no part are dropped.
    pub const fn from_bits(bits: u32) -> Changes {
        Changes(bits & Changes::ALL.0)
    }
    /// These parts without `other`'s.
    pub const fn without(self, other: Changes) -> Changes {
        Changes(self.0 & !other.0)
    }
}

/// What an edit of the role table changed: a title alone changes no check.
pub fn role_changes(old: &[Role], new: &[Role]) -> Changes {
    let values = |roles: &[Role]| {
        roles
            .iter()
            .map(|r| (r.value.clone(), r.confirmed))
            .collect::<Vec<_>>()
    };
    let titles = |roles: &[Role]| roles.iter().map(|r| r.title.clone()).collect::<Vec<_>>();
    let mut c = Changes::NONE;
    if values(old) != values(new) {
        c |= Changes::ROLE_VALUES;
    }
    if titles(old) != titles(new) {
        c |= Changes::ROLE_TITLES;
    }
    c
}

/// The lines of a text box: `\r` dropped, a last empty line left out.
pub fn lines(text: &str) -> Vec<String> {
    let mut v: Vec<String> = text
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l).to_string())
        .collect();
    if v.last().is_some_and(String::is_empty) {
        v.pop();
    }
    v
}

/// The example catalog the page opens with (the same file the page serves).
pub const EXAMPLE_CATALOG: &str = include_str!("../www/example-catalog.txt");

/// A users file to start from: one row per kind of problem the bulk check finds.
pub const EXAMPLE_USERS: &str = "email,role,apps\n\
ada@example.com,member,Acme iOS|Acme Android\n\
grace@example.com,administrator,Acme iOS\n\
linus@example.com,adminstrator,Acme iOS |Zeta Pay\n\
ken@example.com,viewer,Acme Andriod\n";

/// Example names of each kind: one per kind of problem the check finds.
pub fn example_names(kind: NameKind) -> &'static [&'static str] {
    match kind {
        NameKind::Role => &["adminstrator", "administrator", "member", "Viewer"],
        NameKind::Variable => &["instabugRole", "InstabugApplications", "instabug_role"],
        NameKind::App => &[
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

/// Whether `names` are empty or one kind's example: such a list makes way for the new kind's
/// example when the kind changes; names the admin typed are kept.
pub fn names_replaceable(names: &[String]) -> bool {
    names.iter().all(|n| n.trim().is_empty())
        || [NameKind::App, NameKind::Role, NameKind::Variable]
            .into_iter()
            .any(|k| example_names(k).iter().eq(names.iter()))
}

/// Which attribute the filler fills.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FillTarget {
    Role,
    Apps,
}

/// How the enum values an attribute shows in the console differ from the setup's.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Drift {
    /// The setup's values the console does not show, byte for byte.
    pub missing: Vec<String>,
    /// The console's values that are not the setup's, each with its findings (the character and
    /// position that differ from the nearest setup value, where there is one).
    pub extra: Vec<crate::names::NameResult>,
    /// How many shown values are exactly the setup's.
    pub matching: usize,
}

/// What the extension's filler types into the console's "Add Attribute" dialog: the checklist's
/// step for the attribute, and the dialog's own labels to find it and its rows by.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FillPlan {
    #[serde(flatten)]
    pub step: crate::console::Step,
    pub dialog: AttributeDialog,
}

/// The "Add Attribute" dialog's labels: its heading, the members group and its rows' two
/// fields, "Add Another", and the fields every such dialog has (what the filler looks for before
/// it types anything).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AttributeDialog {
    pub title: String,
    pub members: String,
    pub add_another: String,
    pub member_name: String,
    pub member_value: String,
    pub required: Vec<String>,
}

impl AttributeDialog {
    pub fn console() -> Self {
        use crate::labels::*;
        AttributeDialog {
            title: ADD_ATTRIBUTE.into(),
            members: ATTRIBUTE_MEMBERS.into(),
            add_another: ADD_ANOTHER.into(),
            member_name: DISPLAY_NAME.into(),
            member_value: MEMBER_VALUE.into(),
            required: vec![DATA_TYPE.into(), DISPLAY_NAME.into(), VARIABLE_NAME.into()],
        }
    }
}

/// The console's assignment form (Assign to People, or an assignment's edit) as the extension
/// finds and checks it: the two fields are named by the attributes' display names in this setup,
/// the form is saved by one of `save`, and the apps field may add rows with `add_another`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AssignmentForm {
    pub role_label: String,
    pub apps_label: String,
    pub add_another: String,
    pub save: Vec<String>,
    /// The roles the admin can pick from the panel: the role table, in order.
    pub roles: Vec<RoleChoice>,
    /// The apps the admin can pick from the panel: the catalog's names, in order.
    pub apps: Vec<String>,
}

/// One role as the console lists it: the enum member's display name (the title) and value.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RoleChoice {
    pub title: String,
    pub value: String,
}

/// One value of an assignment as checked: `ok`, or the first error's code, message (which names
/// the character and its position) and the value to use instead where there is one. A value given
/// twice is `ok` (it is exact) with the `duplicate` warning's code and message.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ValueCheck {
    pub value: String,
    pub ok: bool,
    pub code: Option<crate::names::Code>,
    pub message: Option<String>,
    /// A value that passes the same check with no error (a role value or a catalog name).
    pub suggestion: Option<String>,
}

/// The role and apps an assignment form holds, checked against the role table and the catalog.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AssignmentCheck {
    /// `None` when no role is chosen (the attribute is optional).
    pub role: Option<ValueCheck>,
    pub apps: Vec<ValueCheck>,
    /// How many values have an error.
    pub errors: usize,
}

/// Which output a block is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OutputKind {
    Plan,
    Schema,
    Mapping,
    Assignments,
    Group,
    Scim,
    Curl,
    Terraform,
}

impl OutputKind {
    /// A short stable name (the views make element ids of it).
    pub fn as_str(self) -> &'static str {
        match self {
            OutputKind::Plan => "plan",
            OutputKind::Schema => "schema",
            OutputKind::Mapping => "mapping",
            OutputKind::Assignments => "assignments",
            OutputKind::Group => "group",
            OutputKind::Scim => "scim",
            OutputKind::Curl => "curl",
            OutputKind::Terraform => "terraform",
        }
    }
}

/// One output block: a body or export, or why there is none.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Output {
    pub kind: OutputKind,
    pub title: String,
    /// The file name Download saves it as.
    pub file: &'static str,
    pub mime: &'static str,
    pub text: String,
    /// Whether `text` is a body (copy and download offered) or only says why there is none.
    pub built: bool,
}

/// The steps that build the outputs, in the order they are shown: each can be built on its own
/// (the page builds them a few a task, so that a 10,000-app catalog does not hold it up).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutputStep {
    /// The plan against a pasted schema (with its summary).
    Plan,
    Schema,
    Mapping,
    Assignments,
    Group,
    Scim,
    /// The curl script and the Terraform (one export request).
    Exports,
}

impl OutputStep {
    pub const ALL: [OutputStep; 7] = [
        OutputStep::Plan,
        OutputStep::Schema,
        OutputStep::Mapping,
        OutputStep::Assignments,
        OutputStep::Group,
        OutputStep::Scim,
        OutputStep::Exports,
    ];
}

/// `Workspace::outputs` a step at a time (the page builds a few steps a task): the workspace and
/// the users file's report as they were when it started.
pub struct OutputsRun {
    ws: Workspace,
    users: Option<std::rc::Rc<Result<UsersReport, String>>>,
    next: usize,
    outputs: Outputs,
    ahead: Ahead,
}

/// The catalog's check, run ahead of the steps that ask it (`NameErrorsRun`).
enum Ahead {
    /// Not looked at yet: the first step does.
    NotYet,
    Running(NameErrorsRun),
    /// Done, or nothing to run ahead (a short catalog, none, or one checked before).
    Done,
}

/// Names a step of `OutputsRun` checks ahead (about a millisecond in the browser).
pub const AHEAD_NAMES: usize = 256;

impl OutputsRun {
    pub fn new(ws: Workspace, users: Option<std::rc::Rc<Result<UsersReport, String>>>) -> Self {
        OutputsRun {
            ws,
            users,
            next: 0,
            outputs: Outputs {
                plan: None,
                blocks: Vec::new(),
            },
            ahead: Ahead::NotYet,
        }
    }

    /// Builds up to `steps` more steps; `true` once all are built. A long catalog is checked
    /// first, `AHEAD_NAMES` names a step (the check the schema body, the checklist and the
    /// exports ask, then answered from memory): at 10,000 apps it was most of one step's time.
    pub fn step(&mut self, steps: usize) -> bool {
        for _ in 0..steps {
            if matches!(self.ahead, Ahead::NotYet) {
                self.ahead = NameErrorsRun::of_schema(&self.ws.schema_request())
                    .map_or(Ahead::Done, Ahead::Running);
            }
            if let Ahead::Running(run) = &mut self.ahead {
                if run.step(AHEAD_NAMES) {
                    self.finish_ahead();
                }
                continue;
            }
            let Some(&step) = OutputStep::ALL.get(self.next) else {
                break;
            };
            let users = self.users.as_deref().and_then(|r| r.as_ref().ok());
            self.ws.build_outputs(step, users, &mut self.outputs);
            self.next += 1;
        }
        self.next == OutputStep::ALL.len()
    }

    /// How many names the outputs carry: the catalog's, the role table's and the users file's
    /// rows (what their cost grows with).
    pub fn names(&self) -> usize {
        let rows = match self.users.as_deref() {
            Some(Ok(r)) => r.rows.len(),
            _ => 0,
        };
        self.ws.admin.catalog.len() + self.ws.admin.roles.len() + rows
    }

    /// (steps built, steps in all).
    pub fn progress(&self) -> (usize, usize) {
        (self.next, OutputStep::ALL.len())
    }

    /// What the steps built so far made.
    pub fn built(&self) -> &Outputs {
        &self.outputs
    }

    /// Whether the catalog's check is being run ahead (the steps built so far are none).
    pub fn checking_ahead(&self) -> bool {
        matches!(self.ahead, Ahead::Running(_))
    }

    fn finish_ahead(&mut self) {
        if let Ahead::Running(run) = std::mem::replace(&mut self.ahead, Ahead::Done) {
            run.finish();
        }
    }

    /// The outputs, with any step not yet built built now.
    pub fn finish(mut self) -> Outputs {
        self.finish_ahead();
        self.step(OutputStep::ALL.len());
        self.outputs
    }
}

/// The outputs, and the plan they start with (the views show its summary too).
#[derive(Clone, Debug)]
pub struct Outputs {
    pub plan: Option<Result<SchemaPlan, String>>,
    pub blocks: Vec<Output>,
}

const JSON: &str = "application/json;charset=utf-8";
const TEXT: &str = "text/plain;charset=utf-8";
const NDJSON: &str = "application/x-ndjson;charset=utf-8";

fn pretty<T: Serialize>(v: &T) -> String {
    serde_json::to_string_pretty(v).unwrap_or_default()
}

/// Why a payload was not built, with each name that stopped it made visible.
pub fn refused(e: &PayloadError) -> String {
    let mut s = format!("Not built: {}", e.message);
    for d in &e.diagnostics {
        s.push_str(&format!(
            "\n  {}[{}] \"{}\": {}",
            d.field,
            d.index,
            visible(&d.input, true),
            d.diagnostic.message
        ));
    }
    s
}

fn call_text(r: Result<ApiCall, PayloadError>) -> (String, bool) {
    match r {
        Ok(call) => (pretty(&call.body), true),
        Err(e) => (refused(&e), false),
    }
}

impl From<Config> for Workspace {
    fn from(c: Config) -> Self {
        Workspace {
            admin: AdminSetup {
                setup: c.setup,
                scope: c.scope,
                roles: c.roles,
                catalog: c.catalog,
                org: c.org,
                app_id: c.app_id,
                mapping: c.mapping,
                group: c.group,
            },
            work: WorkingData {
                names_kind: c.names_kind,
                names: c.names,
                users_csv: c.users_csv,
                current_schema: c.current_schema,
            },
        }
    }
}

impl Default for Workspace {
    fn default() -> Self {
        Config::default().into()
    }
}

impl Workspace {
    /// The configuration file of this workspace (the same shape the page saves).
    pub fn to_config(&self) -> Config {
        let (a, w) = (&self.admin, &self.work);
        Config {
            setup: a.setup,
            scope: a.scope,
            roles: a.roles.clone(),
            catalog: a.catalog.clone(),
            org: a.org.clone(),
            app_id: a.app_id.clone(),
            names_kind: w.names_kind,
            names: w.names.clone(),
            users_csv: w.users_csv.clone(),
            current_schema: w.current_schema.clone(),
            mapping: a.mapping.clone(),
            group: a.group.clone(),
            ..Config::default()
        }
    }

    /// The `parts` of this workspace as a configuration file's text, the other parts left at
    /// their defaults: what a view tells another view of the same workspace after a change
    /// (with `parts`, which says what to take from it). Only the parts named are copied.
    pub fn parts_json(&self, parts: Changes) -> String {
        let (a, w) = (&self.admin, &self.work);
        let has = |p: Changes| parts.intersects(p);
        let mut c = Config::default();
        if has(Changes::SETUP) {
            c.setup = a.setup;
        }
        if has(Changes::SCOPE) {
            c.scope = a.scope;
        }
        if has(Changes::ROLE_VALUES | Changes::ROLE_TITLES) {
            c.roles = a.roles.clone();
        }
        if has(Changes::CATALOG) {
            c.catalog = a.catalog.clone();
        }
        if has(Changes::ORG) {
            c.org = a.org.clone();
        }
        if has(Changes::APP_ID) {
            c.app_id = a.app_id.clone();
        }
        if has(Changes::MAPPING) {
            c.mapping = a.mapping.clone();
        }
        if has(Changes::GROUP) {
            c.group = a.group.clone();
        }
        if has(Changes::NAMES_KIND) {
            c.names_kind = w.names_kind;
        }
        if has(Changes::NAMES) {
            c.names = w.names.clone();
        }
        if has(Changes::USERS_CSV) {
            c.users_csv = w.users_csv.clone();
        }
        if has(Changes::CURRENT_SCHEMA) {
            c.current_schema = w.current_schema.clone();
        }
        // (The same serializer and parser as the saved configuration: no more code in the wasm.)
        crate::config::config_to_json(&c)
    }

    /// Takes the `parts` of the workspace a `parts_json` message carries; every other part
    /// stays. A message that does not read changes nothing.
    pub fn take_parts_json(&mut self, parts: Changes, json: &str) -> Result<(), String> {
        let c: Config = serde_json::from_str(json).map_err(|e| e.to_string())?;
        let has = |p: Changes| parts.intersects(p);
        let (a, w) = (&mut self.admin, &mut self.work);
        if has(Changes::SETUP) {
            a.setup = c.setup;
        }
        if has(Changes::SCOPE) {
            a.scope = c.scope;
        }
        if has(Changes::ROLE_VALUES | Changes::ROLE_TITLES) {
            a.roles = c.roles;
        }
        if has(Changes::CATALOG) {
            a.catalog = c.catalog;
        }
        if has(Changes::ORG) {
            a.org = c.org;
        }
        if has(Changes::APP_ID) {
            a.app_id = c.app_id;
        }
        if has(Changes::MAPPING) {
            a.mapping = c.mapping;
        }
        if has(Changes::GROUP) {
            a.group = c.group;
        }
        if has(Changes::NAMES_KIND) {
            w.names_kind = c.names_kind;
        }
        if has(Changes::NAMES) {
            w.names = c.names;
        }
        if has(Changes::USERS_CSV) {
            w.users_csv = c.users_csv;
        }
        if has(Changes::CURRENT_SCHEMA) {
            w.current_schema = c.current_schema;
        }
        Ok(())
    }

    /// The page as it first opens: the Luciq defaults, the example catalog, names and users.
    pub fn example() -> Self {
        let mut ws = Workspace::default();
        ws.admin.catalog = EXAMPLE_CATALOG.lines().map(String::from).collect();
        ws.admin.group.priority = "0".into();
        ws.work.names = example_names(NameKind::App)
            .iter()
            .map(|s| s.to_string())
            .collect();
        ws.work.users_csv = EXAMPLE_USERS.into();
        ws
    }

    /// The catalog, or `None` when it has no name (only blank lines or nothing).
    pub fn catalog(&self) -> Option<Vec<String>> {
        let c = &self.admin.catalog;
        (!c.iter().all(|l| l.trim().is_empty())).then(|| c.clone())
    }

    /// What the schema body is built from.
    fn schema_request(&self) -> SchemaRequest {
        SchemaRequest {
            setup: self.admin.setup,
            roles: self.roles(),
            apps: self.catalog(),
            scope: self.admin.scope,
        }
    }

    fn roles(&self) -> Option<Vec<Role>> {
        Some(self.admin.roles.clone())
    }

    /// The role values in the table.
    pub fn role_values(&self) -> Vec<String> {
        self.admin.roles.iter().map(|r| r.value.clone()).collect()
    }

    /// The check of the names list: app names against the catalog, role values against the role
    /// table, variable names on their own.
    pub fn names_request(&self) -> CheckRequest {
        let kind = self.work.names_kind;
        let catalog = match kind {
            NameKind::App => self.catalog(),
            NameKind::Role => Some(self.role_values()),
            NameKind::Variable => None,
        };
        CheckRequest {
            kind,
            names: self.work.names.clone(),
            catalog,
            setup: self.admin.setup,
            context: None,
        }
    }

    /// What a names check depends on, for the kind being checked.
    pub fn names_depend_on(&self) -> Changes {
        let base = Changes::NAMES | Changes::NAMES_KIND | Changes::SETUP;
        match self.work.names_kind {
            NameKind::App => base | Changes::CATALOG,
            NameKind::Role => base | Changes::ROLE_VALUES,
            NameKind::Variable => base,
        }
    }

    /// The catalog checked as a catalog (its own characters, duplicates, near-duplicates);
    /// `None` without one.
    pub fn catalog_request(&self) -> Option<CheckRequest> {
        self.catalog().map(|names| CheckRequest {
            kind: NameKind::App,
            names,
            catalog: None,
            setup: self.admin.setup,
            context: None,
        })
    }

    /// The catalog against the limits of a catalog (`MAX_CATALOG_NAMES`, each name's length, the
    /// bytes together): past them every check that uses it refuses with `too-large`, and so does
    /// the catalog's own check.
    pub fn catalog_within_limits(&self) -> Result<(), crate::limits::TooLarge> {
        use crate::limits::{names_bytes_ok, names_ok, MAX_CATALOG_NAMES, MAX_NAMES_BYTES};
        let c = &self.admin.catalog;
        names_ok("catalog", c, "MAX_CATALOG_NAMES", MAX_CATALOG_NAMES)?;
        names_bytes_ok("catalog", c, "MAX_NAMES_BYTES", MAX_NAMES_BYTES)
    }

    /// The role table's values checked as a list of role values.
    pub fn roles_request(&self) -> CheckRequest {
        CheckRequest {
            kind: NameKind::Role,
            names: self.role_values(),
            catalog: None,
            setup: self.admin.setup,
            context: Some(ListContext::Catalog),
        }
    }

    /// The users file's check; `None` when there is no file.
    pub fn users_request(&self) -> Option<UsersRequest> {
        let csv = &self.work.users_csv;
        (!csv.trim().is_empty()).then(|| UsersRequest {
            setup: self.admin.setup,
            roles: self.roles(),
            catalog: self.catalog(),
            csv: csv.clone(),
        })
    }

    pub fn checklist_request(&self) -> ChecklistRequest {
        ChecklistRequest {
            setup: self.admin.setup,
            scope: self.admin.scope,
            roles: self.roles(),
            catalog: self.catalog(),
            mapping: self.mapping_sources(),
        }
    }

    /// What the extension's filler types into the console's "Add Attribute" dialog for one
    /// attribute: the checklist's step for it (every field's exact label, value and kind, one
    /// "Attribute members" row per role or app), so the dialog gets what the checklist says.
    pub fn fill_plan(&self, attribute: FillTarget) -> Option<FillPlan> {
        let id = match attribute {
            FillTarget::Role => StepId::RoleAttribute,
            FillTarget::Apps => StepId::AppsAttribute,
        };
        let step = console_checklist(&self.checklist_request())
            .steps
            .into_iter()
            .find(|s| s.id == id)?;
        Some(FillPlan {
            step,
            dialog: AttributeDialog::console(),
        })
    }

    /// How the enum values the console shows for an attribute (`shown`, as read off the page)
    /// differ from the setup's: role values for the role attribute, the catalog for the apps.
    pub fn drift(&self, attribute: FillTarget, shown: &[String]) -> Drift {
        let (kind, expected) = match attribute {
            FillTarget::Role => (NameKind::Role, self.role_values()),
            FillTarget::Apps => (NameKind::App, self.admin.catalog.clone()),
        };
        let report = crate::names::check_names(&CheckRequest {
            kind,
            names: shown.to_vec(),
            catalog: Some(expected.clone()),
            setup: self.admin.setup,
            context: Some(ListContext::User),
        });
        let exact = |v: &String| expected.contains(v);
        Drift {
            missing: expected
                .iter()
                .filter(|v| !shown.contains(v))
                .cloned()
                .collect(),
            matching: shown.iter().filter(|v| exact(v)).count(),
            extra: report
                .results
                .into_iter()
                .filter(|r| !exact(&r.input))
                .collect(),
        }
    }

    /// The assignment form's labels for this setup, and the choices the panel offers.
    pub fn assignment_form(&self) -> AssignmentForm {
        let profile = crate::profile::luciq_profile(self.admin.setup);
        AssignmentForm {
            role_label: profile.attributes[0].display_name.to_string(),
            apps_label: profile.attributes[1].display_name.to_string(),
            add_another: crate::labels::ADD_ANOTHER.to_string(),
            save: vec![
                crate::labels::SAVE_AND_GO_BACK.to_string(),
                crate::labels::SAVE.to_string(),
            ],
            roles: self
                .admin
                .roles
                .iter()
                .map(|r| RoleChoice {
                    title: r.title.clone(),
                    value: r.value.clone(),
                })
                .collect(),
            apps: self.catalog().unwrap_or_default(),
        }
    }

    /// Checks what an assignment form holds: the role against the role table, each app against
    /// the catalog (every app is "not in the catalog" without one), and an app given twice. An
    /// empty role is no role; empty app values are skipped (an empty row sends nothing).
    pub fn check_assignment(&self, role: Option<&str>, apps: &[String]) -> AssignmentCheck {
        self.assignment_checker().check(role, apps)
    }

    /// The checks of [`Workspace::check_assignment`] with the role table and catalog indexed
    /// once, for many assignments (an audit of every app user, a bulk plan).
    pub fn assignment_checker(&self) -> AssignmentChecker {
        use crate::names::NameChecker;
        let setup = self.admin.setup;
        let values = self.role_values();
        let catalog = self.catalog().unwrap_or_default();
        AssignmentChecker {
            roles: NameChecker::new(NameKind::Role, Some(&values), setup)
                .with_roles(&self.admin.roles),
            apps: NameChecker::new(NameKind::App, Some(&catalog), setup),
        }
    }

    /// Where the two attributes come from; `None` when both are set on each assignment (no
    /// mapping is needed).
    pub fn mapping_sources(&self) -> Option<MappingSources> {
        let m = &self.admin.mapping;
        let role = match m.role_from {
            ValueFrom::Attribute => Source::Attribute {
                attribute: m.role_attribute.clone(),
            },
            ValueFrom::Assignment => Source::Assignment,
        };
        let apps = match m.apps_from {
            ValueFrom::Attribute => Source::Attribute {
                attribute: m.apps_attribute.clone(),
            },
            ValueFrom::Assignment => Source::Assignment,
        };
        (role != Source::Assignment || apps != Source::Assignment).then_some(MappingSources {
            role,
            apps,
            push_status: PushStatus::Push,
        })
    }

    /// The plan against the pasted schema; `None` with nothing pasted, `Err` with why there is
    /// none.
    pub fn plan(&self) -> Option<Result<SchemaPlan, String>> {
        let text = &self.work.current_schema;
        if text.trim().is_empty() {
            return None;
        }
        // Sized before it is parsed: a paste past the limit is refused without a copy.
        let current = match crate::okta::plan::current_from_text(text) {
            Ok(v) => v,
            Err(e) if e.code == "invalid-schema" => {
                let why = e.message.trim_start_matches("The schema ");
                return Some(Err(format!("The pasted schema {why}")));
            }
            Err(e) => return Some(Err(refused(&e))),
        };
        let req = PlanRequest {
            current,
            setup: self.admin.setup,
            roles: self.roles(),
            apps: self.catalog(),
            scope: self.admin.scope,
        };
        Some(plan_schema(&req).map_err(|e| refused(&e)))
    }

    /// The group's role: one of the role table's values, or none (a role since removed from the
    /// table is no longer chosen).
    pub fn group_role(&self) -> Option<String> {
        let role = &self.admin.group.role;
        (!role.is_empty() && self.admin.roles.iter().any(|r| r.value == *role))
            .then(|| role.clone())
    }

    /// The group assignment's request from the group inputs; `None` without a group id,
    /// `Err` when the priority is not a whole number.
    pub fn group_request(&self) -> Option<Result<AssignmentRequest, String>> {
        let g = &self.admin.group;
        if g.group_id.trim().is_empty() {
            return None;
        }
        let priority = g.priority.trim();
        let priority = match priority.parse::<i64>() {
            Ok(p) => Some(p),
            Err(_) if priority.is_empty() => None,
            Err(_) => {
                return Some(Err(format!(
                    "Not built: priority {:?} is not a whole number",
                    g.priority
                )))
            }
        };
        let apps: Vec<String> = g
            .apps
            .split('|')
            .filter(|a| !a.is_empty())
            .map(String::from)
            .collect();
        Some(Ok(AssignmentRequest {
            setup: self.admin.setup,
            group_id: g.group_id.clone(),
            priority,
            scope: self.admin.scope,
            role: self.group_role(),
            apps: (!apps.is_empty()).then_some(apps),
            catalog: self.catalog(),
            roles: self.roles(),
            ..Default::default()
        }))
    }

    /// The ready rows of a users file that carry an Okta id: the scripts assign only those
    /// (they don't look users up).
    pub fn script_users(users: Option<&UsersReport>) -> Vec<UserAssignment> {
        users
            .map(|r| {
                r.rows
                    .iter()
                    .filter(|row| row.ok)
                    .filter_map(|row| {
                        Some(UserAssignment {
                            user_id: row.user_id.clone()?,
                            user_name: row.email.clone(),
                            role: row.role.clone(),
                            apps: (!row.apps.is_empty()).then(|| row.apps.clone()),
                        })
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Every output for the workspace and the users file's report, in the order an admin uses
    /// them. The plan comes first, and only when a schema was pasted.
    pub fn outputs(&self, users: Option<&UsersReport>) -> Outputs {
        let mut outputs = Outputs {
            plan: None,
            blocks: Vec::new(),
        };
        for step in OutputStep::ALL {
            self.build_outputs(step, users, &mut outputs);
        }
        outputs
    }

    /// One step of `outputs`: its blocks added to `outputs` (the plan's step sets its plan).
    pub fn build_outputs(
        &self,
        step: OutputStep,
        users: Option<&UsersReport>,
        outputs: &mut Outputs,
    ) {
        let (setup, scope) = (self.admin.setup, self.admin.scope);
        let out = &mut outputs.blocks;
        match step {
            OutputStep::Plan => {
                let plan = self.plan();
                if let Some(p) = &plan {
                    let (text, built) = match p {
                        Ok(p) => (pretty(p), true),
                        Err(e) => (e.clone(), false),
                    };
                    out.push(Output {
                        kind: OutputKind::Plan,
                        title: "Plan against the pasted schema (steps in order)".into(),
                        file: "luciq-plan.json",
                        mime: JSON,
                        text,
                        built,
                    });
                }
                outputs.plan = plan;
            }
            OutputStep::Schema => {
                let (text, built) = call_text(build_schema_payload(&self.schema_request()));
                out.push(Output {
                    kind: OutputKind::Schema,
                    title: "Schema body: POST /api/v1/meta/schemas/apps/{appId}/default".into(),
                    file: "luciq-schema.json",
                    mime: JSON,
                    text,
                    built,
                });
            }
            OutputStep::Mapping => {
                let mapping = self.mapping_sources();
                let (text, built) = match &mapping {
                    None => (
                        "Both attributes are set on each assignment: no mapping is needed."
                            .to_string(),
                        false,
                    ),
                    Some(m) => call_text(build_mapping_payload(&m.request(
                        setup,
                        self.roles(),
                        self.catalog(),
                    ))),
                };
                out.push(Output {
                    kind: OutputKind::Mapping,
                    title: "Mapping body: POST /api/v1/mappings/{mappingId} (Okta user → Luciq)"
                        .into(),
                    file: "luciq-mapping.json",
                    mime: JSON,
                    text,
                    built,
                });
            }
            OutputStep::Assignments => {
                let (text, built) = match users {
                    None => (
                        "Paste or open a users file above to build these.".to_string(),
                        false,
                    ),
                    Some(r) if r.rows.iter().all(|row| !row.ok) => (
                        "No row of the users file is ready to assign.".to_string(),
                        false,
                    ),
                    Some(r) => (assignments_ndjson(r, setup), true),
                };
                out.push(Output {
                    kind: OutputKind::Assignments,
                    title: "Assignment bodies, one per ready row: POST /api/v1/apps/{appId}/users (NDJSON; rows without an id carry the lookup to make first)".into(),
                    file: "luciq-assignments.ndjson",
                    mime: NDJSON,
                    text,
                    built,
                });
            }
            OutputStep::Group => {
                let (text, built) = match self.group_request() {
                    None => (
                        "Enter an Okta group id above to build this.".to_string(),
                        false,
                    ),
                    Some(Err(e)) => (e, false),
                    Some(Ok(req)) => call_text(build_group_assignment_payload(&req)),
                };
                out.push(Output {
                    kind: OutputKind::Group,
                    title: "Group assignment body: PUT /api/v1/apps/{appId}/groups/{groupId}"
                        .into(),
                    file: "luciq-group-assignment.json",
                    mime: JSON,
                    text,
                    built,
                });
            }
            OutputStep::Scim => {
                let first = users.and_then(|r| r.rows.iter().find(|row| row.ok));
                let (title, text, built) = match first {
                    None => (
                        "SCIM preview: what Luciq receives".to_string(),
                        "Needs a users file with at least one ready row.".to_string(),
                        false,
                    ),
                    Some(row) => {
                        let preview = preview_scim(&PreviewRequest {
                            setup,
                            user_name: row.email.clone(),
                            role: row.role.clone(),
                            apps: (!row.apps.is_empty()).then(|| row.apps.clone()),
                            roles: self.roles(),
                            catalog: self.catalog(),
                            ..Default::default()
                        });
                        let mut title = format!(
                            "SCIM preview: what Luciq receives for {} (line {})",
                            row.email, row.line
                        );
                        let (text, built) = match preview {
                            Ok(p) => {
                                for w in &p.warnings {
                                    title.push_str(&format!("; warning: {}", w.diagnostic.message));
                                }
                                (pretty(&p.user), true)
                            }
                            Err(e) => (refused(&e), false),
                        };
                        (title, text, built)
                    }
                };
                out.push(Output {
                    kind: OutputKind::Scim,
                    title,
                    file: "luciq-scim-user.json",
                    mime: JSON,
                    text,
                    built,
                });
            }
            OutputStep::Exports => {
                let (org, app_id) = (&self.admin.org, &self.admin.app_id);
                let (curl, hcl, built) = if org.trim().is_empty() || app_id.trim().is_empty() {
                    let hint =
                        "Enter the Okta org and the Luciq app id above to build this.".to_string();
                    (hint.clone(), hint, false)
                } else {
                    let export = ExportRequest {
                        setup,
                        roles: self.roles(),
                        apps: self.catalog(),
                        scope,
                        org: org.clone(),
                        app_id: app_id.clone(),
                        mapping: self.mapping_sources(),
                        mapping_id: None,
                        users: Self::script_users(users),
                    };
                    match (export_curl(&export), export_terraform(&export)) {
                        (Ok(c), Ok(t)) => (c, t, true),
                        (Err(e), _) | (_, Err(e)) => (refused(&e), refused(&e), false),
                    }
                };
                out.push(Output {
                    kind: OutputKind::Curl,
                    title: "curl script (schema, mapping, and the users that have an id)".into(),
                    file: "luciq-setup.sh",
                    mime: TEXT,
                    text: curl,
                    built,
                });
                out.push(Output {
                    kind: OutputKind::Terraform,
                    title: "Terraform (okta provider)".into(),
                    file: "luciq.tf",
                    mime: TEXT,
                    text: hcl,
                    built,
                });
            }
        }
    }
}

/// An assignment's role and apps checked against one workspace's role table and catalog.
pub struct AssignmentChecker {
    roles: crate::names::NameChecker,
    apps: crate::names::NameChecker,
}

impl AssignmentChecker {
    /// Checks what an assignment holds: the role against the role table, each app against the
    /// catalog (every app is "not in the catalog" without one), and an app given twice. An empty
    /// role is no role; empty app values are skipped (an empty row sends nothing).
    pub fn check(&self, role: Option<&str>, apps: &[String]) -> AssignmentCheck {
        use crate::names::{Code, NameResult, Severity};
        let (roles, apps_checker) = (&self.roles, &self.apps);
        let pick = |r: NameResult| -> ValueCheck {
            let first = r
                .diagnostics
                .into_iter()
                .find(|d| d.severity == Severity::Error);
            ValueCheck {
                ok: first.is_none(),
                code: first.as_ref().map(|d| d.code),
                message: first.as_ref().map(|d| d.message.clone()),
                suggestion: first
                    .and_then(|d| d.suggestion.or_else(|| d.alternatives.into_iter().next())),
                value: r.input,
            }
        };
        let role = role.filter(|r| !r.is_empty()).map(|r| pick(roles.check(r)));
        let mut seen: Vec<&str> = Vec::new();
        let mut checked = Vec::new();
        for app in apps.iter().filter(|a| !a.is_empty()) {
            if seen.contains(&app.as_str()) {
                // A warning, as in the users file: the name itself is exact.
                checked.push(ValueCheck {
                    value: app.clone(),
                    ok: true,
                    code: Some(Code::Duplicate),
                    message: Some(format!(
                        "\"{app}\" is given twice: it is sent once; remove this one"
                    )),
                    suggestion: None,
                });
                continue;
            }
            seen.push(app);
            checked.push(pick(apps_checker.check(app)));
        }
        let errors = role.iter().chain(&checked).filter(|v| !v.ok).count();
        AssignmentCheck {
            role,
            apps: checked,
            errors,
        }
    }
}
