//! What an org holds, read through Okta's API by the extension, against the admin's setup
//! (issue 10): the plan to apply (schema and mapping), the audit (prerequisites, attributes,
//! mapping, every app user's values) and the bulk assignment's plan from a users file. Pure: the
//! extension reads and writes Okta; this module only decides, from the JSON Okta returned.
//!
//! Okta's shapes are `../shared/DOMAIN.md` §2's. A response is hostile input like any other: a
//! field of the wrong type reads as absent, never as a panic.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

use crate::okta::assignment::{checked_profile, user_assignment_body};
use crate::okta::mapping::build_mapping_payload;
use crate::okta::plan::{plan_schema, Action as SchemaAction, PlanRequest, SchemaPlan};
use crate::okta::{check_okta_id, ApiCall, Method, APP_USERS_PATH, MAPPING_PATH};
use crate::profile::{Setup, APPS_ATTRIBUTE, ROLE_ATTRIBUTE};
use crate::users::{csv_text, UserRow, UsersReport};
use crate::wire::wire_enum;
use crate::workspace::{refused, ValueCheck, Workspace};

/// The largest number of app users an audit or a bulk plan reads (the users file's row limit).
pub const MAX_APP_USERS: usize = crate::limits::MAX_CSV_ROWS;

/// What the extension read from the org.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct OrgRead {
    /// `GET /api/v1/meta/schemas/apps/{appId}/default`.
    pub schema: Value,
    /// `GET /api/v1/mappings/{mappingId}` of the Okta user → app mapping (with `properties`);
    /// `null` when the org has none.
    #[serde(default)]
    pub mapping: Option<Value>,
    /// `GET /api/v1/apps/{appId}/features`; `null` when not read.
    #[serde(default)]
    pub features: Option<Value>,
    /// `GET /api/v1/apps/{appId}/users`, every page; `null` when not read.
    #[serde(default)]
    pub app_users: Option<Vec<Value>>,
    /// `GET /api/v1/apps/{appId}/groups`, every page; `null` when not read. A group assignment's
    /// profile sets the values of its members (for Group attributes, scope `NONE`).
    #[serde(default)]
    pub app_groups: Option<Vec<Value>>,
}

wire_enum! {
    /// What the plan does to one attribute's mapping.
    pub enum MappingAction {
        Add => "add",
        Update => "update",
        /// The value comes from each assignment: the mapping of it is removed.
        Remove => "remove",
        None => "none",
    }
}

/// One Luciq attribute in the Okta user → app mapping.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MappingChange {
    pub attribute: &'static str,
    pub action: MappingAction,
    /// `{expression, pushStatus}` as the org has it; `null` when not mapped.
    pub current: Value,
    /// As the setup wants it; `null` when it must not be mapped.
    pub wanted: Value,
    pub reason: String,
}

/// The plan to apply: the schema's steps, then the mapping's.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ApplyPlan {
    pub schema: SchemaPlan,
    pub mapping: Vec<MappingChange>,
    /// Every call, in order. Paths keep `{appId}` and `{mappingId}` for the caller to fill.
    pub steps: Vec<ApiCall>,
    /// The attributes whose values on every assignment a step deletes (a `recreate`).
    pub loses_values: Vec<&'static str>,
    /// Why the mapping is not planned (no mapping read), when it is not.
    pub notes: Vec<String>,
}

impl ApplyPlan {
    /// Nothing to do.
    pub fn is_empty(&self) -> bool {
        self.steps.is_empty()
    }
}

/// A mapping property as `{expression, pushStatus}`, or `null` when it maps nothing.
fn mapping_entry(v: Option<&Value>) -> Value {
    let expression = v.and_then(|p| p.get("expression")).and_then(Value::as_str);
    match expression {
        Some(e) if !e.is_empty() => json!({
            "expression": e,
            "pushStatus": v.and_then(|p| p.get("pushStatus")).cloned().unwrap_or(Value::Null),
        }),
        _ => Value::Null,
    }
}

impl Workspace {
    /// The plan for the org read: the schema plan of [`plan_schema`] for this workspace's setup,
    /// role table, catalog and scope, and the mapping changes the setup's value sources call
    /// for. Applying the steps in order and planning again gives an empty plan.
    pub fn apply_plan(&self, org: &OrgRead) -> Result<ApplyPlan, String> {
        let schema = plan_schema(&PlanRequest {
            current: org.schema.clone(),
            setup: self.admin.setup,
            roles: Some(self.admin.roles.clone()),
            apps: self.catalog(),
            scope: self.admin.scope,
        })
        .map_err(|e| refused(&e))?;
        let mut steps = schema.steps.clone();
        let loses_values = schema
            .attributes
            .iter()
            .filter(|a| a.loses_values)
            .map(|a| a.attribute)
            .collect();
        let mut notes = Vec::new();
        let mapping = match &org.mapping {
            Some(current) => {
                let (changes, call) = self.mapping_changes(current)?;
                steps.extend(call);
                changes
            }
            None => {
                notes.push(
                    "The Okta user → app mapping was not read: the plan leaves the mapping as it is."
                        .into(),
                );
                Vec::new()
            }
        };
        Ok(ApplyPlan {
            schema,
            mapping,
            steps,
            loses_values,
            notes,
        })
    }

    /// Each Luciq attribute's mapping against the setup's, and the one call that changes those
    /// that differ (`None` when none does).
    fn mapping_changes(
        &self,
        current: &Value,
    ) -> Result<(Vec<MappingChange>, Option<ApiCall>), String> {
        let sources = self.mapping_sources().unwrap_or_default();
        let wanted_call = build_mapping_payload(&sources.request(
            self.admin.setup,
            Some(self.admin.roles.clone()),
            self.catalog(),
        ))
        .map_err(|e| refused(&e))?;
        let have = current.get("properties").and_then(Value::as_object);
        let mut changes = Vec::new();
        let mut properties = Map::new();
        for attribute in [ROLE_ATTRIBUTE, APPS_ATTRIBUTE] {
            let now = mapping_entry(have.and_then(|p| p.get(attribute)));
            let want = mapping_entry(wanted_call.body["properties"].get(attribute));
            let (action, reason) = match (&now, &want) {
                (a, b) if a == b => (
                    MappingAction::None,
                    if b.is_null() {
                        format!("{attribute} is not mapped: its value comes from each assignment")
                    } else {
                        format!("{attribute} is mapped as the setup wants")
                    },
                ),
                (Value::Null, _) => (
                    MappingAction::Add,
                    format!("{attribute} is not mapped; the setup takes it from {}", want["expression"]),
                ),
                (_, Value::Null) => (
                    MappingAction::Remove,
                    format!(
                        "{attribute} is mapped from {}, but the setup sets it on each assignment: with a mapping that pushes, Okta refuses the assignment's value (403 E0000075)",
                        now["expression"]
                    ),
                ),
                _ => (
                    MappingAction::Update,
                    format!(
                        "{attribute} is mapped from {} ({}); the setup wants {} ({})",
                        now["expression"], now["pushStatus"], want["expression"], want["pushStatus"]
                    ),
                ),
            };
            if action != MappingAction::None {
                let body = if want.is_null() {
                    json!({"expression": null, "pushStatus": null})
                } else {
                    want.clone()
                };
                properties.insert(attribute.into(), body);
            }
            changes.push(MappingChange {
                attribute,
                action,
                current: now,
                wanted: want,
                reason,
            });
        }
        let call = (!properties.is_empty()).then(|| ApiCall {
            method: Method::Post,
            path: MAPPING_PATH.into(),
            body: json!({ "properties": properties }),
            description: wanted_call.description.clone(),
            notes: wanted_call.notes.clone(),
        });
        Ok((changes, call))
    }
}

// ---------------------------------------------------------------------------------------------
// Audit

wire_enum! {
    /// What part of the setup a check is about.
    pub enum AuditArea {
        Prerequisites => "prerequisites",
        Schema => "schema",
        Mapping => "mapping",
        Users => "users",
        Groups => "groups",
    }
}

/// One thing the audit checked, passed or not.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AuditCheck {
    pub area: AuditArea,
    pub ok: bool,
    /// Stable: `provisioning-off`, `profile-push-off`, a schema plan reason's code, a mapping
    /// action, `users`…
    pub code: String,
    pub message: String,
    /// What to do about it; `None` when it passed.
    pub fix: Option<String>,
}

wire_enum! {
    /// Whose assignment a problem is on.
    pub enum AssignmentKind {
        User => "user",
        Group => "group",
    }
}

/// One value on an assignment (a user's or a group's) that Luciq would not accept.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UserProblem {
    pub kind: AssignmentKind,
    /// The user's id, or the group's.
    pub user_id: String,
    /// The user's Luciq login; empty for a group.
    pub user_name: String,
    pub attribute: &'static str,
    /// The value as Okta holds it (a JSON value that is not a string shown as JSON).
    pub value: String,
    pub code: String,
    pub message: String,
    /// A value that passes, when there is one.
    pub suggestion: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UserCounts {
    /// App users read.
    pub total: usize,
    /// Those with every value right.
    pub ok: usize,
    /// Those with at least one problem.
    pub failing: usize,
    /// Those with no role and no apps (Luciq then gives its default, if any).
    pub without_values: usize,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Audit {
    pub checks: Vec<AuditCheck>,
    pub users: UserCounts,
    pub problems: Vec<UserProblem>,
    /// Checks and users that failed.
    pub failures: usize,
}

/// The feature that carries provisioning: the one whose `capabilities` has `update.profile`
/// (the spec's `ApplicationFeature`). Its `name` is not published for a wizard-built SCIM app
/// (the fake calls it `USER_PROVISIONING`, unconfirmed), so it is found by its shape.
fn provisioning_feature(features: &Value) -> Option<&Value> {
    features
        .as_array()?
        .iter()
        .find(|f| f.pointer("/capabilities/update/profile").is_some())
}

fn enabled(v: Option<&Value>) -> Option<bool> {
    v.and_then(Value::as_str).map(|s| s == "ENABLED")
}

fn check(
    area: AuditArea,
    ok: bool,
    code: &str,
    message: String,
    fix: Option<String>,
) -> AuditCheck {
    AuditCheck {
        area,
        ok,
        code: code.to_string(),
        message,
        fix: if ok { None } else { fix },
    }
}

/// A profile value as text for a report.
fn shown(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// An app user's id and Luciq login, read leniently.
fn app_user_ids(u: &Value) -> (String, String) {
    let id = u.get("id").and_then(Value::as_str).unwrap_or_default();
    let name = u
        .pointer("/credentials/userName")
        .and_then(Value::as_str)
        .unwrap_or_default();
    (id.to_string(), name.to_string())
}

/// The role and apps an app user's profile holds, as the assignment checker takes them, and
/// problems of shape (a value of the wrong JSON type for the setup).
struct HeldValues {
    role: Option<String>,
    apps: Vec<String>,
    shape: Vec<(&'static str, String, String, String)>,
}

fn held_values(profile: Option<&Value>, setup: Setup) -> HeldValues {
    let mut out = HeldValues {
        role: None,
        apps: Vec::new(),
        shape: Vec::new(),
    };
    let get = |k| profile.and_then(|p| p.get(k)).filter(|v| !v.is_null());
    match get(ROLE_ATTRIBUTE) {
        Some(Value::String(s)) => out.role = Some(s.clone()),
        Some(other) => out.shape.push((
            ROLE_ATTRIBUTE,
            shown(other),
            "wrong-type".into(),
            format!("{ROLE_ATTRIBUTE} holds {other}, not a string: Luciq reads no role from it"),
        )),
        None => {}
    }
    match (get(APPS_ATTRIBUTE), setup) {
        (Some(Value::Array(items)), Setup::Current) => {
            for item in items {
                match item {
                    Value::String(s) => out.apps.push(s.clone()),
                    other => out.shape.push((
                        APPS_ATTRIBUTE,
                        shown(other),
                        "wrong-type".into(),
                        format!("{APPS_ATTRIBUTE} holds {other}, not an app name"),
                    )),
                }
            }
        }
        (Some(Value::String(s)), Setup::Legacy) => out.apps.push(s.clone()),
        (Some(Value::String(s)), Setup::Current) => {
            out.apps.push(s.clone());
            out.shape.push((
                APPS_ATTRIBUTE,
                s.clone(),
                "legacy-string".into(),
                format!(
                    "{APPS_ATTRIBUTE} holds one string (the older setup's type), not a string array: assign it again once the attribute is a string array"
                ),
            ));
        }
        (Some(other), _) => out.shape.push((
            APPS_ATTRIBUTE,
            shown(other),
            "wrong-type".into(),
            format!("{APPS_ATTRIBUTE} holds {other}, which this setup does not read"),
        )),
        (None, _) => {}
    }
    out
}

fn problems_of(
    kind: AssignmentKind,
    id: &str,
    name: &str,
    attribute: &'static str,
    checks: &[ValueCheck],
    out: &mut Vec<UserProblem>,
) {
    for c in checks.iter().filter(|c| !c.ok) {
        out.push(UserProblem {
            kind,
            user_id: id.to_string(),
            user_name: name.to_string(),
            attribute,
            value: c.value.clone(),
            code: c.code.map(|c| c.as_str().to_string()).unwrap_or_default(),
            message: c.message.clone().unwrap_or_default(),
            suggestion: c.suggestion.clone(),
        });
    }
}

/// Every problem of one assignment's values: their shape, then each value checked.
fn assignment_problems(
    checker: &crate::workspace::AssignmentChecker,
    kind: AssignmentKind,
    id: &str,
    name: &str,
    held: &HeldValues,
    out: &mut Vec<UserProblem>,
) {
    for (attribute, value, code, message) in &held.shape {
        out.push(UserProblem {
            kind,
            user_id: id.to_string(),
            user_name: name.to_string(),
            attribute,
            value: value.clone(),
            code: code.clone(),
            message: message.clone(),
            suggestion: None,
        });
    }
    let c = checker.check(held.role.as_deref(), &held.apps);
    problems_of(kind, id, name, ROLE_ATTRIBUTE, c.role.as_slice(), out);
    problems_of(kind, id, name, APPS_ATTRIBUTE, &c.apps, out);
}

impl Workspace {
    /// The audit of the org read: provisioning and profile push (from the app's features), both
    /// attributes (the schema plan's reasons), the mapping, and every app user's role and apps
    /// checked as an assignment form's are.
    pub fn audit(&self, org: &OrgRead) -> Result<Audit, String> {
        let mut checks = Vec::new();
        use AuditArea::*;
        match org.features.as_ref().map(provisioning_feature) {
            None => {}
            Some(None) => checks.push(check(
                Prerequisites,
                false,
                "provisioning-off",
                "The app has no provisioning feature: provisioning is not set up".into(),
                Some("Applications → Luciq → Provisioning: enable SCIM provisioning".into()),
            )),
            Some(Some(f)) => {
                let on = enabled(f.get("status")) == Some(true);
                checks.push(check(
                    Prerequisites,
                    on,
                    "provisioning-off",
                    format!(
                        "Provisioning is {}",
                        if on { "enabled" } else { "not enabled" }
                    ),
                    Some(
                        "Applications → Luciq → Provisioning → To App: enable provisioning".into(),
                    ),
                ));
                let push = enabled(f.pointer("/capabilities/update/profile/status")) == Some(true);
                checks.push(check(
                    Prerequisites,
                    push,
                    "profile-push-off",
                    format!(
                        "Update User Attributes (profile push) is {}",
                        if push { "enabled" } else { "not enabled: a changed role or apps never reaches Luciq" }
                    ),
                    Some("Applications → Luciq → Provisioning → To App → Edit: enable Update User Attributes".into()),
                ));
            }
        }
        let plan = self.apply_plan(org)?;
        for a in &plan.schema.attributes {
            if a.action == SchemaAction::None {
                checks.push(check(
                    Schema,
                    true,
                    "attribute",
                    format!("{}: type, namespace and enum match the setup", a.attribute),
                    None,
                ));
                continue;
            }
            let fix = match a.action {
                SchemaAction::Recreate => "Plan and apply: the attribute is deleted and added again (its values on assignments are lost; export them first)",
                _ => "Plan and apply: the attribute is updated",
            };
            for r in &a.reasons {
                checks.push(check(
                    Schema,
                    false,
                    r.code,
                    format!("{}: {}", a.attribute, r.message),
                    Some(fix.into()),
                ));
            }
        }
        for m in &plan.mapping {
            checks.push(check(
                Mapping,
                m.action == MappingAction::None,
                m.action.as_str(),
                m.reason.clone(),
                Some("Plan and apply: the mapping is changed".into()),
            ));
        }
        let mut users = UserCounts::default();
        let mut problems = Vec::new();
        if let Some(app_users) = &org.app_users {
            if app_users.len() > MAX_APP_USERS {
                return Err(format!(
                    "Refused (too-large): the app has {} users; the audit reads at most {MAX_APP_USERS}",
                    app_users.len()
                ));
            }
            let checker = self.assignment_checker();
            for u in app_users {
                let (id, name) = app_user_ids(u);
                let held = held_values(u.get("profile"), self.admin.setup);
                let before = problems.len();
                assignment_problems(
                    &checker,
                    AssignmentKind::User,
                    &id,
                    &name,
                    &held,
                    &mut problems,
                );
                users.total += 1;
                if problems.len() > before {
                    users.failing += 1;
                } else {
                    users.ok += 1;
                }
                if held.role.is_none() && held.apps.is_empty() {
                    users.without_values += 1;
                }
            }
            checks.push(check(
                Users,
                users.failing == 0,
                "users",
                format!(
                    "{} of {} app users hold values Luciq accepts",
                    users.ok, users.total
                ),
                Some("Fix the values listed below (bulk assign from a users file, or edit each assignment)".into()),
            ));
        }
        if let Some(groups) = &org.app_groups {
            if groups.len() > MAX_APP_USERS {
                return Err(format!(
                    "Refused (too-large): the app has {} group assignments; the audit reads at most {MAX_APP_USERS}",
                    groups.len()
                ));
            }
            let checker = self.assignment_checker();
            let before = problems.len();
            let mut failing = 0;
            for g in groups {
                let id = g.get("id").and_then(Value::as_str).unwrap_or_default();
                let held = held_values(g.get("profile"), self.admin.setup);
                let at = problems.len();
                assignment_problems(
                    &checker,
                    AssignmentKind::Group,
                    id,
                    "",
                    &held,
                    &mut problems,
                );
                failing += usize::from(problems.len() > at);
            }
            let personal = self.admin.scope == crate::profile::Scope::Personal;
            checks.push(check(
                Groups,
                problems.len() == before,
                "groups",
                if groups.is_empty() {
                    "No group is assigned to the app".to_string()
                } else {
                    format!(
                        "{} of {} group assignments hold values Luciq accepts{}",
                        groups.len() - failing,
                        groups.len(),
                        if personal {
                            " (with Personal attributes Okta ignores a group's values)"
                        } else {
                            ""
                        }
                    )
                },
                Some(
                    "Fix each group assignment's role and apps (Assignments → Groups → edit)"
                        .into(),
                ),
            ));
        }
        let failures = checks.iter().filter(|c| !c.ok).count();
        Ok(Audit {
            checks,
            users,
            problems,
            failures,
        })
    }
}

/// The audit as a CSV a spreadsheet opens safely: every check, then every user problem.
/// Columns `area,ok,code,message,fix,kind,userId,userName,attribute,value,suggestion` (`userId` is
/// the group's id on a group's line); a cell that
/// would start a formula gets a leading `'`.
pub fn audit_csv(audit: &Audit) -> String {
    let header = [
        "area",
        "ok",
        "code",
        "message",
        "fix",
        "kind",
        "userId",
        "userName",
        "attribute",
        "value",
        "suggestion",
    ];
    let mut rows: Vec<Vec<String>> = Vec::new();
    for c in &audit.checks {
        let mut row = vec![
            c.area.as_str().into(),
            c.ok.to_string(),
            c.code.clone(),
            c.message.clone(),
            c.fix.clone().unwrap_or_default(),
        ];
        row.resize(header.len(), String::new());
        rows.push(row);
    }
    for p in &audit.problems {
        let area = match p.kind {
            AssignmentKind::User => AuditArea::Users,
            AssignmentKind::Group => AuditArea::Groups,
        };
        rows.push(vec![
            area.as_str().into(),
            "false".into(),
            p.code.clone(),
            p.message.clone(),
            String::new(),
            p.kind.as_str().into(),
            p.user_id.clone(),
            p.user_name.clone(),
            p.attribute.into(),
            p.value.clone(),
            p.suggestion.clone().unwrap_or_default(),
        ]);
    }
    csv_text(&header, &rows)
}

// ---------------------------------------------------------------------------------------------
// Bulk assignment

/// An Okta user found for a users file's email (`GET /api/v1/users?search=…`).
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FoundUser {
    pub id: String,
    #[serde(default)]
    pub login: String,
    #[serde(default)]
    pub email: String,
}

wire_enum! {
    pub enum BulkAction {
        /// Not assigned yet: `POST /api/v1/apps/{appId}/users`.
        Assign => "assign",
        /// Assigned with other values: `POST /api/v1/apps/{appId}/users/{userId}`.
        Update => "update",
        /// Assigned with these values already.
        Unchanged => "unchanged",
        /// Not sent: the row has an error, or its user is not found once.
        Rejected => "rejected",
    }
}

/// One row of the users file, planned.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BulkRow {
    /// The file's line.
    pub line: usize,
    pub email: String,
    pub user_id: Option<String>,
    pub action: BulkAction,
    pub reasons: Vec<String>,
    /// The profile the row sets.
    pub want: Map<String, Value>,
    /// The call for `assign` and `update` (its path keeps `{appId}`).
    pub call: Option<ApiCall>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BulkCounts {
    pub assign: usize,
    pub update: usize,
    pub unchanged: usize,
    pub rejected: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BulkPlan {
    pub rows: Vec<BulkRow>,
    pub counts: BulkCounts,
    /// The rows to send, as indexes into `rows`, in file order: the scheduler's rows.
    pub sends: Vec<usize>,
}

/// Whether an app user's profile holds every value of `want` (arrays in the same order: Okta
/// sends them as given).
pub fn profile_holds(want: &Map<String, Value>, app_user: &Value) -> bool {
    let profile = app_user.get("profile");
    want.iter()
        .all(|(k, v)| profile.and_then(|p| p.get(k)) == Some(v))
}

/// The emails of a users file's rows that need an Okta user looked up: rows without an error,
/// once each, in file order.
pub fn emails_to_resolve(report: &UsersReport) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    report
        .rows
        .iter()
        .filter(|r| r.ok)
        .map(|r| r.email.trim().to_lowercase())
        .filter(|e| !e.is_empty() && seen.insert(e.clone()))
        .collect()
}

/// An Okta search expression for a batch of emails: `profile.login eq "a" or profile.email eq
/// "a" or …` (values are emails the users file accepted: no `"` or `\`; any other is left out).
pub fn user_search(emails: &[String]) -> String {
    emails
        .iter()
        .filter(|e| !e.contains(['"', '\\']))
        .map(|e| format!("profile.login eq \"{e}\" or profile.email eq \"{e}\""))
        .collect::<Vec<_>>()
        .join(" or ")
}

impl Workspace {
    /// The bulk plan: each row of the users file's report with the Okta user found for its email
    /// (`found`: every user the searches returned) and the app's current assignments
    /// (`app_users`): assign, update, unchanged or rejected, with the reasons and the call.
    pub fn bulk_plan(
        &self,
        report: &UsersReport,
        found: &[FoundUser],
        app_users: &[Value],
    ) -> Result<BulkPlan, String> {
        if app_users.len() > MAX_APP_USERS || found.len() > MAX_APP_USERS * 2 {
            return Err(format!(
                "Refused (too-large): a bulk plan reads at most {MAX_APP_USERS} app users"
            ));
        }
        let setup = self.admin.setup;
        // Each email to the users it names (login or email, case-insensitive).
        let mut by_email: HashMap<String, Vec<&FoundUser>> = HashMap::new();
        for u in found {
            for key in [&u.login, &u.email] {
                let key = key.trim().to_lowercase();
                if key.is_empty() {
                    continue;
                }
                let list = by_email.entry(key).or_default();
                if !list.iter().any(|x| x.id == u.id) {
                    list.push(u);
                }
            }
        }
        let assigned: HashMap<&str, &Value> = app_users
            .iter()
            .filter_map(|u| Some((u.get("id")?.as_str()?, u)))
            .collect();
        let mut first_line: HashMap<String, usize> = HashMap::new();
        let mut rows = Vec::with_capacity(report.rows.len());
        let mut counts = BulkCounts::default();
        let mut sends = Vec::new();
        for row in &report.rows {
            let planned = plan_row(row, setup, &by_email, &assigned, &mut first_line);
            match planned.action {
                BulkAction::Assign => counts.assign += 1,
                BulkAction::Update => counts.update += 1,
                BulkAction::Unchanged => counts.unchanged += 1,
                BulkAction::Rejected => counts.rejected += 1,
            }
            if planned.call.is_some() {
                sends.push(rows.len());
            }
            rows.push(planned);
        }
        Ok(BulkPlan {
            rows,
            counts,
            sends,
        })
    }
}

fn plan_row(
    row: &UserRow,
    setup: Setup,
    by_email: &HashMap<String, Vec<&FoundUser>>,
    assigned: &HashMap<&str, &Value>,
    first_line: &mut HashMap<String, usize>,
) -> BulkRow {
    let apps = (!row.apps.is_empty()).then_some(row.apps.as_slice());
    let want = checked_profile(setup, row.role.as_deref(), apps);
    let mut out = BulkRow {
        line: row.line,
        email: row.email.clone(),
        user_id: row.user_id.clone(),
        action: BulkAction::Rejected,
        reasons: Vec::new(),
        want,
        call: None,
    };
    if !row.ok {
        out.reasons = row
            .findings
            .iter()
            .filter(|f| f.severity == crate::names::Severity::Error)
            .map(|f| format!("{}: {}", f.column.as_str(), f.message))
            .collect();
        return out;
    }
    let key = row.email.trim().to_lowercase();
    let matches = by_email.get(&key).map(Vec::as_slice).unwrap_or_default();
    let user = match (matches, &row.user_id) {
        ([], _) => {
            out.reasons.push(format!(
                "No Okta user has the login or email {:?}",
                row.email
            ));
            return out;
        }
        (found, Some(id)) => match found.iter().find(|u| u.id == *id) {
            Some(u) => *u,
            None => {
                out.reasons.push(format!(
                    "The id {id:?} is not the Okta user with the login or email {:?} ({})",
                    row.email,
                    found
                        .iter()
                        .map(|u| u.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
                return out;
            }
        },
        ([one], None) => *one,
        (several, None) => {
            out.reasons.push(format!(
                "{} Okta users have the login or email {:?} ({}): give the right one's id in an id column",
                several.len(),
                row.email,
                several.iter().map(|u| u.id.as_str()).collect::<Vec<_>>().join(", ")
            ));
            return out;
        }
    };
    if let Err(e) = check_okta_id("id", &user.id) {
        out.reasons.push(e.message);
        return out;
    }
    out.user_id = Some(user.id.clone());
    if let Some(line) = first_line.get(&user.id) {
        out.reasons.push(format!(
            "The same Okta user is on line {line}: each user is assigned once"
        ));
        return out;
    }
    first_line.insert(user.id.clone(), row.line);
    match assigned.get(user.id.as_str()) {
        None => {
            out.action = BulkAction::Assign;
            out.call = Some(ApiCall {
                method: Method::Post,
                path: APP_USERS_PATH.into(),
                body: user_assignment_body(Some(&user.id), &row.email, out.want.clone()),
                description: format!("Assign {} to Luciq", row.email),
                notes: Vec::new(),
            });
        }
        Some(current) if profile_holds(&out.want, current) => {
            out.action = BulkAction::Unchanged;
            out.reasons
                .push("Already assigned with this role and these apps".into());
        }
        Some(current) => {
            out.action = BulkAction::Update;
            let had: Vec<String> = out
                .want
                .keys()
                .map(|k| {
                    let v = current
                        .pointer(&format!("/profile/{k}"))
                        .unwrap_or(&Value::Null);
                    format!("{k} {v}")
                })
                .collect();
            out.reasons
                .push(format!("Assigned with {}", had.join(", ")));
            out.call = Some(ApiCall {
                method: Method::Post,
                path: format!("{APP_USERS_PATH}/{}", user.id),
                body: json!({ "profile": out.want }),
                description: format!("Update {}'s Luciq role and apps", row.email),
                notes: Vec::new(),
            });
        }
    }
    out
}

/// The result of a bulk job as a CSV, one line per row of the users file:
/// `line,email,userId,action,result,status,code,message`. `records` are the scheduler's rows
/// (one per `plan.sends`, in order; fewer when the job has not started them). Formula cells are
/// neutralised.
pub fn bulk_results_csv(plan: &BulkPlan, records: &[crate::bulk::RowRecord]) -> String {
    use crate::bulk::RowState;
    let mut record_of: HashMap<usize, &crate::bulk::RowRecord> = HashMap::new();
    for (i, row) in plan.sends.iter().enumerate() {
        if let Some(r) = records.get(i) {
            record_of.insert(*row, r);
        }
    }
    let header = [
        "line", "email", "userId", "action", "result", "status", "code", "message",
    ];
    let rows: Vec<Vec<String>> = plan
        .rows
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let (result, status, code, message) = match (row.action, record_of.get(&i)) {
                (BulkAction::Rejected, _) => (
                    "rejected".to_string(),
                    String::new(),
                    String::new(),
                    row.reasons.join("; "),
                ),
                (BulkAction::Unchanged, _) => (
                    "unchanged".to_string(),
                    String::new(),
                    String::new(),
                    row.reasons.join("; "),
                ),
                (_, None) => (
                    "not sent".to_string(),
                    String::new(),
                    String::new(),
                    String::new(),
                ),
                (_, Some(r)) => {
                    let result = match r.state {
                        RowState::Done => "done".to_string(),
                        RowState::Pending if r.sends == 0 => "not sent".to_string(),
                        RowState::Failed => format!(
                            "failed ({})",
                            r.reason.map(|x| x.as_str()).unwrap_or("unknown")
                        ),
                        other => format!("not finished ({other})"),
                    };
                    let (code, message) = r
                        .error
                        .as_ref()
                        .map(|e| {
                            let causes: Vec<&str> = e
                                .error_causes
                                .iter()
                                .map(|c| c.error_summary.as_str())
                                .collect();
                            let mut m = e.error_summary.clone();
                            if !causes.is_empty() {
                                m = format!("{m} ({})", causes.join("; "));
                            }
                            (e.error_code.clone(), m)
                        })
                        .unwrap_or_default();
                    (
                        result,
                        r.status.map(|s| s.to_string()).unwrap_or_default(),
                        code,
                        message,
                    )
                }
            };
            vec![
                row.line.to_string(),
                row.email.clone(),
                row.user_id.clone().unwrap_or_default(),
                row.action.as_str().to_string(),
                result,
                status,
                code,
                message,
            ]
        })
        .collect();
    csv_text(&header, &rows)
}

/// The Luciq values every app user holds, as a CSV in the users file's columns
/// (`email,role,apps,id`, apps joined by `|`): what to save before a `recreate` deletes them, and
/// a users file that assigns them again. A value that is not a string (or list of strings) is
/// written as its JSON. Formula cells are neutralised.
pub fn app_user_values_csv(app_users: &[Value]) -> String {
    let rows: Vec<Vec<String>> = app_users
        .iter()
        .map(|u| {
            let (id, name) = app_user_ids(u);
            let get = |k: &str| u.pointer(&format!("/profile/{k}")).filter(|v| !v.is_null());
            let apps = match get(APPS_ATTRIBUTE) {
                Some(Value::Array(items)) => items.iter().map(shown).collect::<Vec<_>>().join("|"),
                Some(v) => shown(v),
                None => String::new(),
            };
            vec![
                name,
                get(ROLE_ATTRIBUTE).map(shown).unwrap_or_default(),
                apps,
                id,
            ]
        })
        .collect();
    csv_text(&["email", "role", "apps", "id"], &rows)
}
