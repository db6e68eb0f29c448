//! The app user schema: the two Luciq attributes as Okta stores them, and the bodies of
//! `POST /api/v1/meta/schemas/apps/{appId}/default` that add or delete them.

use std::cell::RefCell;
use std::mem::take;
use std::rc::{Rc, Weak};

use serde::Deserialize;
use serde_json::{json, Map, Value};

use super::{
    list_within_limits, roles_within_limits, ApiCall, Finding, FindingField, Method, PayloadError,
    APP_SCHEMA_PATH,
};
use crate::names::{CheckRequest, CheckRun, CompactReport, ListContext, NameKind, Severity};
use crate::profile::{
    builtin_roles, expected_variable_names, luciq_profile, AttributeSpec, DataType, Role, Scope,
    Setup, APPS_ATTRIBUTE,
};

/// What the admin wants the Luciq attributes to be.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SchemaRequest {
    /// Default `current`.
    #[serde(default)]
    pub setup: Setup,
    /// The role table; defaults to the built-in Luciq roles.
    #[serde(default)]
    pub roles: Option<Vec<Role>>,
    /// The exact Luciq app names for the apps enum; no enum when absent or empty.
    #[serde(default)]
    pub apps: Option<Vec<String>>,
    /// Default `SELF` (Personal).
    #[serde(default)]
    pub scope: Scope,
}

impl SchemaRequest {
    pub fn roles(&self) -> Vec<Role> {
        self.roles.clone().unwrap_or_else(builtin_roles)
    }

    /// The apps for the enum, when there are any.
    pub fn apps(&self) -> Option<&[String]> {
        self.apps.as_deref().filter(|a| !a.is_empty())
    }
}

/// Runs the name checks and returns the error-severity findings, located.
pub(crate) fn name_errors(
    field: FindingField,
    kind: NameKind,
    names: &[String],
    catalog: Option<Vec<String>>,
    setup: Setup,
    context: ListContext,
) -> Vec<Finding> {
    name_errors_of(NameErrorsKey {
        field,
        kind,
        names: names.to_vec(),
        catalog,
        setup,
        context,
    })
}

/// `name_errors` of what `asked` says.
fn name_errors_of(asked: NameErrorsKey) -> Vec<Finding> {
    if asked.names.len() < REMEMBERED_FROM {
        return asked.check();
    }
    if let Some(findings) = remembered(&asked) {
        return findings;
    }
    let findings = asked.clone().check();
    remember(asked, findings.clone());
    findings
}

/// The findings kept for a list asked before.
fn remembered(asked: &NameErrorsKey) -> Option<Vec<Finding>> {
    REMEMBERED.with_borrow(|r| {
        r.iter()
            .find(|(k, _)| k == asked)
            .map(|(_, findings)| findings.clone())
    })
}

fn remember(asked: NameErrorsKey, findings: Vec<Finding>) {
    REMEMBERED.with_borrow_mut(|r| {
        if r.len() == REMEMBERED_AT_MOST {
            r.remove(0);
        }
        r.push((asked, findings));
    });
}

/// The check a schema body makes of its apps (the console checklist and the exports of the same
/// catalog make it too), run a few names at a time ahead of the builder, which then finds it
/// remembered: the page builds the outputs of a 10,000-app catalog a few a task, and this check
/// was most of the schema's task (about 35 ms of 55 in the browser). Its findings are
/// `name_errors`' own. Two runs of the same check at once (the checklist's and the outputs')
/// are one: each step takes it on, whoever ends it remembers it.
pub struct NameErrorsRun(Rc<RefCell<RunAhead>>);

struct RunAhead {
    /// The check and its run; `None` once ended (the key then with its findings in the memory).
    running: Option<(NameErrorsKey, CheckRun)>,
    names: usize,
}

thread_local! {
    /// The runs not ended yet, so that a second asker takes on the first's.
    static IN_FLIGHT: RefCell<Vec<Weak<RefCell<RunAhead>>>> = const { RefCell::new(Vec::new()) };
}

impl NameErrorsRun {
    /// The run of the apps check `build_schema_payload(req)` will make, when there is one to
    /// run ahead: a list long enough to be remembered, not remembered yet, and a request the
    /// builder would not refuse before it checks the apps. The same check already running
    /// ahead is that run.
    pub fn of_schema(req: &SchemaRequest) -> Option<Self> {
        schema_preamble(req).ok()?;
        let asked = schema_apps_key(req)?;
        if asked.names.len() < REMEMBERED_FROM || remembered(&asked).is_some() {
            return None;
        }
        IN_FLIGHT.with_borrow_mut(|runs| {
            runs.retain(|r| r.strong_count() > 0);
            let running = runs.iter().filter_map(Weak::upgrade).find(|r| {
                r.borrow()
                    .running
                    .as_ref()
                    .is_some_and(|(k, _)| *k == asked)
            });
            let shared = running.unwrap_or_else(|| {
                let run = asked.run(asked.names.clone(), asked.catalog.clone());
                let names = asked.names.len();
                let shared = Rc::new(RefCell::new(RunAhead {
                    running: Some((asked, run)),
                    names,
                }));
                runs.push(Rc::downgrade(&shared));
                shared
            });
            Some(NameErrorsRun(shared))
        })
    }

    /// Checks up to `budget` more names; `true` once every name is checked (and the findings
    /// remembered).
    pub fn step(&mut self, budget: usize) -> bool {
        let mut ahead = self.0.borrow_mut();
        let done = match &mut ahead.running {
            None => return true,
            Some((_, run)) => run.step(budget),
        };
        if done {
            ahead.end();
        }
        done
    }

    /// (names checked, names in all).
    pub fn progress(&self) -> (usize, usize) {
        let ahead = self.0.borrow();
        match &ahead.running {
            Some((_, run)) => run.progress(),
            None => (ahead.names, ahead.names),
        }
    }

    /// Ends the check (what is left of it too) and remembers its findings for the builders.
    pub fn finish(self) {
        self.0.borrow_mut().end();
    }
}

impl RunAhead {
    fn end(&mut self) {
        if let Some((asked, run)) = self.running.take() {
            let findings = asked.findings(run.finish_compact());
            remember(asked, findings);
        }
    }
}

/// What `name_errors` is asked. Of a long list it is kept with the answer: the schema body, the
/// checklist, the curl and Terraform exports all check the same 10,000-name catalog when it
/// changes, and the check is most of their cost. The answer depends only on what is asked (the
/// check is a pure function of it), so a list asked again is answered from there; it is
/// compared whole.
#[derive(Clone, PartialEq)]
struct NameErrorsKey {
    field: FindingField,
    kind: NameKind,
    names: Vec<String>,
    catalog: Option<Vec<String>>,
    setup: Setup,
    context: ListContext,
}

/// Lists this long or longer are remembered (a shorter one costs less to check than to copy).
const REMEMBERED_FROM: usize = 256;
/// The last few lists checked: a workspace's roles and catalog, and the ones before them.
const REMEMBERED_AT_MOST: usize = 4;

thread_local! {
    static REMEMBERED: std::cell::RefCell<Vec<(NameErrorsKey, Vec<Finding>)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

impl NameErrorsKey {
    /// The check itself.
    fn check(mut self) -> Vec<Finding> {
        let (names, catalog) = (take(&mut self.names), self.catalog.take());
        let report = self.run(names, catalog).finish_compact();
        self.findings(report)
    }

    /// The check of `names` against `catalog` (this key's, taken or copied), without messages:
    /// a list of 10,000 catalog names is mostly clean, and `findings` words only the names with
    /// an error.
    fn run(&self, names: Vec<String>, catalog: Option<Vec<String>>) -> CheckRun {
        CheckRun::new(CheckRequest {
            kind: self.kind,
            names,
            catalog,
            setup: self.setup,
            context: Some(self.context),
        })
        .without_messages()
    }

    /// The error findings of the report of `run`: the same findings `check_names` gives, at a
    /// fraction of the cost for a long list.
    fn findings(&self, report: CompactReport) -> Vec<Finding> {
        let field = self.field;
        (0..report.len())
            .filter(|&i| !report.ok(i))
            .flat_map(|index| {
                let r = report.result(index);
                let input = r.input;
                r.diagnostics
                    .into_iter()
                    .filter(|d| d.severity == Severity::Error)
                    .map(move |diagnostic| Finding {
                        field,
                        index,
                        input: input.clone(),
                        diagnostic,
                    })
            })
            .collect()
    }
}

/// The errors in one user's (or one rule's) apps: against the catalog when there is one, else
/// as a list of their own (repeats, invisible characters…).
pub(crate) fn app_errors(
    apps: &[String],
    catalog: Option<&Vec<String>>,
    setup: Setup,
) -> Vec<Finding> {
    let context = if catalog.is_some() {
        ListContext::User
    } else {
        ListContext::Catalog
    };
    name_errors(
        FindingField::Apps,
        NameKind::App,
        apps,
        catalog.cloned(),
        setup,
        context,
    )
}

/// The errors in one role value, against the role table (the built-in roles by default);
/// `index` says where the value came from.
pub(crate) fn role_errors(
    value: &str,
    roles: Option<&Vec<Role>>,
    setup: Setup,
    index: usize,
) -> Vec<Finding> {
    let values = roles
        .cloned()
        .unwrap_or_else(builtin_roles)
        .into_iter()
        .map(|r| r.value)
        .collect();
    let mut found = name_errors(
        FindingField::Role,
        NameKind::Role,
        &[value.to_string()],
        Some(values),
        setup,
        ListContext::User,
    );
    found.iter_mut().for_each(|f| f.index = index);
    found
}

/// Refuses with `invalid-names` when there are findings.
pub(crate) fn refuse_on(findings: Vec<Finding>, what: &str) -> Result<(), PayloadError> {
    if findings.is_empty() {
        return Ok(());
    }
    let first = &findings[0];
    let mut err = PayloadError::new(
        "invalid-names",
        format!(
            "{what}: {} error(s) in the names, first in {}[{}] {:?}: {}",
            findings.len(),
            first.field,
            first.index,
            first.input,
            first.diagnostic.message
        ),
    );
    err.diagnostics = findings;
    Err(err)
}

fn enum_parts(values: &[String], titles: &[String]) -> (Value, Value) {
    let one_of: Vec<Value> = values
        .iter()
        .zip(titles)
        .map(|(v, t)| json!({"const": v, "title": t}))
        .collect();
    let values = values.iter().map(|v| Value::String(v.clone())).collect();
    (Value::Array(values), Value::Array(one_of))
}

fn base_property(spec: &AttributeSpec, scope: Scope) -> Map<String, Value> {
    let mut p = Map::new();
    p.insert("title".into(), json!(spec.display_name));
    p.insert("description".into(), json!(spec.description));
    p.insert("externalName".into(), json!(spec.external_name));
    p.insert("externalNamespace".into(), json!(spec.external_namespace));
    p.insert("scope".into(), json!(scope));
    p.insert("master".into(), json!({"type": "PROFILE_MASTER"}));
    // End users may see their Luciq role and apps but never change them.
    p.insert(
        "permissions".into(),
        json!([{"principal": "SELF", "action": "READ_ONLY"}]),
    );
    p
}

/// Why the schema payload of `req` would be refused (its limits, an empty role table, a role
/// value or app name with an error), without building it: what a view that shows only the
/// refusal asks. `attribute_definitions` and `build_schema_payload` refuse with exactly this.
pub fn schema_refusal(req: &SchemaRequest) -> Result<(), PayloadError> {
    let roles = schema_preamble(req)?;
    let values: Vec<String> = roles.iter().map(|r| r.value.clone()).collect();
    let mut findings = name_errors(
        FindingField::Roles,
        NameKind::Role,
        &values,
        None,
        req.setup,
        ListContext::Catalog,
    );
    if let Some(asked) = schema_apps_key(req) {
        findings.extend(name_errors_of(asked));
    }
    refuse_on(findings, "The schema was not built")
}

/// What `schema_refusal` refuses before it checks a name (the limits, an empty role table);
/// else the role table.
fn schema_preamble(req: &SchemaRequest) -> Result<Vec<Role>, PayloadError> {
    roles_within_limits(req.roles.as_ref())?;
    list_within_limits("apps", req.apps.as_ref())?;
    let roles = req.roles();
    if roles.is_empty() {
        return Err(PayloadError::new(
            "no-roles",
            "The role table is empty: Luciq needs at least one role value",
        ));
    }
    Ok(roles)
}

/// The check `schema_refusal` makes of the apps, when there are any: each a catalog entry of its
/// own (no catalog to be in).
fn schema_apps_key(req: &SchemaRequest) -> Option<NameErrorsKey> {
    req.apps().map(|apps| NameErrorsKey {
        field: FindingField::Apps,
        kind: NameKind::App,
        names: apps.to_vec(),
        catalog: None,
        setup: req.setup,
        context: ListContext::Catalog,
    })
}

/// The definition of each Luciq attribute for a request, keyed by variable name, in profile order.
/// Refuses role values or app names with errors.
pub fn attribute_definitions(
    req: &SchemaRequest,
) -> Result<Vec<(&'static str, Value)>, PayloadError> {
    schema_refusal(req)?;
    let roles = req.roles();
    let values: Vec<String> = roles.iter().map(|r| r.value.clone()).collect();
    let titles: Vec<String> = roles.iter().map(|r| r.title.clone()).collect();
    let profile = luciq_profile(req.setup);
    let mut out = Vec::new();
    for spec in &profile.attributes {
        let mut p = base_property(spec, req.scope);
        let (enum_values, one_of) = if spec.variable_name == APPS_ATTRIBUTE {
            match req.apps() {
                Some(apps) => {
                    let (e, o) = enum_parts(apps, apps);
                    (Some(e), Some(o))
                }
                None => (None, None),
            }
        } else {
            let (e, o) = enum_parts(&values, &titles);
            (Some(e), Some(o))
        };
        match spec.data_type {
            DataType::String => {
                p.insert("type".into(), json!("string"));
                if let (Some(e), Some(o)) = (enum_values, one_of) {
                    p.insert("enum".into(), e);
                    p.insert("oneOf".into(), o);
                }
            }
            DataType::StringArray => {
                p.insert("type".into(), json!("array"));
                let mut items = Map::new();
                items.insert("type".into(), json!("string"));
                if let (Some(e), Some(o)) = (enum_values, one_of) {
                    items.insert("enum".into(), e);
                    items.insert("oneOf".into(), o);
                }
                p.insert("items".into(), Value::Object(items));
                // One list per user: never merged across groups (ENABLE is refused with SELF).
                p.insert("union".into(), json!("DISABLE"));
            }
        }
        out.push((spec.variable_name, Value::Object(p)));
    }
    Ok(out)
}

/// Wraps properties (a definition, or `null` to delete) in the schema body.
pub fn schema_body(properties: Map<String, Value>) -> Value {
    // Built around `properties`, not through `json!`: the macro would serialize a map given to
    // it into a copy (a 10,000-app enum copied whole).
    let mut custom = Map::new();
    custom.insert("id".into(), json!("#custom"));
    custom.insert("type".into(), json!("object"));
    custom.insert("properties".into(), Value::Object(properties));
    let mut definitions = Map::new();
    definitions.insert("custom".into(), Value::Object(custom));
    let mut body = Map::new();
    body.insert("definitions".into(), Value::Object(definitions));
    Value::Object(body)
}

/// The body that adds (or replaces) both Luciq attributes.
pub fn build_schema_payload(req: &SchemaRequest) -> Result<ApiCall, PayloadError> {
    let defs = attribute_definitions(req)?;
    let names: Vec<&str> = defs.iter().map(|(n, _)| *n).collect();
    let properties: Map<String, Value> =
        defs.into_iter().map(|(n, v)| (n.to_string(), v)).collect();
    Ok(ApiCall {
        method: Method::Post,
        path: APP_SCHEMA_PATH.into(),
        body: schema_body(properties),
        description: format!(
            "Add {} to the Luciq app's user profile",
            names.join(" and ")
        ),
        notes: Vec::new(),
    })
}

/// Which Luciq attributes to delete.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeleteRequest {
    pub attributes: Vec<String>,
}

impl DeleteRequest {}

/// The body that deletes the named Luciq attributes; refuses any other name.
pub fn build_schema_delete_payload(req: &DeleteRequest) -> Result<ApiCall, PayloadError> {
    let known = expected_variable_names();
    let mut names = Vec::new();
    for a in &req.attributes {
        match known.iter().find(|k| *k == a) {
            Some(k) => names.push(*k),
            None => {
                return Err(PayloadError::new(
                    "invalid-attribute",
                    format!(
                        "{a:?} is not a Luciq attribute: expected {}",
                        known.join(" or ")
                    ),
                ))
            }
        }
    }
    if names.is_empty() {
        return Err(PayloadError::new(
            "invalid-attribute",
            "attributes is empty",
        ));
    }
    Ok(build_schema_delete(&names))
}

/// The body that deletes attributes (Okta deletes a property set to `null`). Their values on
/// every assignment are lost.
pub fn build_schema_delete(names: &[&str]) -> ApiCall {
    let properties: Map<String, Value> =
        names.iter().map(|n| (n.to_string(), Value::Null)).collect();
    ApiCall {
        method: Method::Post,
        path: APP_SCHEMA_PATH.into(),
        body: schema_body(properties),
        description: format!(
            "Delete {} from the Luciq app's user profile (the values set on assignments are lost)",
            names.join(" and ")
        ),
        notes: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A long list asked again is answered from what was remembered, and any change to what is
    /// asked (one character of one name, the setup, the context, the catalog) is checked afresh.
    #[test]
    fn a_long_list_checked_again_is_remembered_exactly() {
        let mut names: Vec<String> = (0..REMEMBERED_FROM).map(|i| format!("App {i}")).collect();
        names[7] = "App 7 ".into();
        let ask = |names: &[String], catalog: Option<Vec<String>>, setup, context| {
            name_errors(
                FindingField::Apps,
                NameKind::App,
                names,
                catalog,
                setup,
                context,
            )
        };
        let catalog = ListContext::Catalog;
        let first = ask(&names, None, Setup::Current, catalog);
        assert!(!first.is_empty() && first.iter().all(|f| f.index == 7));
        assert_eq!(ask(&names, None, Setup::Current, catalog), first);
        let mut fixed = names.clone();
        fixed[7] = "App 7".into();
        assert_eq!(ask(&fixed, None, Setup::Current, catalog), Vec::new());
        assert_eq!(ask(&names, None, Setup::Current, catalog), first);
        // Two names in a user's list: an error in the legacy setup only.
        let two = &fixed[..2];
        let mut long_two: Vec<String> = two.to_vec();
        long_two.extend((0..REMEMBERED_FROM).map(|i| format!("Other {i}")));
        let user = ListContext::User;
        let current = ask(&long_two, Some(long_two.clone()), Setup::Current, user);
        let legacy = ask(&long_two, Some(long_two.clone()), Setup::Legacy, user);
        assert!(current.is_empty());
        assert!(!legacy.is_empty());
        // Against a catalog without one of them: not in the catalog.
        let short_catalog = long_two[1..].to_vec();
        let against = ask(&long_two, Some(short_catalog), Setup::Current, user);
        assert!(against.iter().any(|f| f.index == 0));
        assert_eq!(
            ask(&long_two, Some(long_two.clone()), Setup::Current, user),
            current
        );
    }

    #[test]
    fn only_long_lists_are_remembered_and_only_the_last_four() {
        // A test's thread has its own memory: empty at first.
        let remembered = || REMEMBERED.with_borrow(|r| r.len());
        let ask = |names: &[String]| {
            name_errors(
                FindingField::Apps,
                NameKind::App,
                names,
                None,
                Setup::Current,
                ListContext::Catalog,
            )
        };
        let list = |n: usize, tag: &str| -> Vec<String> {
            (0..n).map(|i| format!("App {tag} {i}")).collect()
        };
        ask(&list(REMEMBERED_FROM - 1, "short"));
        assert_eq!(
            remembered(),
            0,
            "a list shorter than {REMEMBERED_FROM} names"
        );
        ask(&list(REMEMBERED_FROM, "a"));
        assert_eq!(remembered(), 1);
        // Asked again: answered from memory, not kept twice.
        ask(&list(REMEMBERED_FROM, "a"));
        assert_eq!(remembered(), 1);
        for tag in ["b", "c", "d", "e", "f"] {
            ask(&list(REMEMBERED_FROM, tag));
        }
        assert_eq!(remembered(), REMEMBERED_AT_MOST);
        // The oldest went first: "a" and "b" are gone, "f" is the last.
        let kept: Vec<String> =
            REMEMBERED.with_borrow(|r| r.iter().map(|(k, _)| k.names[0].clone()).collect());
        assert_eq!(kept, ["App c 0", "App d 0", "App e 0", "App f 0"]);
    }

    #[test]
    fn current_apps_are_a_string_array_with_items_and_union() {
        let req = SchemaRequest {
            apps: Some(vec!["Acme iOS".into()]),
            ..Default::default()
        };
        let call = build_schema_payload(&req).unwrap();
        let apps = &call.body["definitions"]["custom"]["properties"]["instabugApplications"];
        assert_eq!(apps["type"], "array");
        assert_eq!(
            apps["items"],
            json!({"type": "string", "enum": ["Acme iOS"], "oneOf": [{"const": "Acme iOS", "title": "Acme iOS"}]})
        );
        assert_eq!(apps["union"], "DISABLE");
        let role = &call.body["definitions"]["custom"]["properties"]["instabugRole"];
        assert_eq!(role["enum"][1], "adminstrator");
        assert_eq!(
            role["oneOf"][1],
            json!({"const": "adminstrator", "title": "Admin"})
        );
        assert_eq!(role["scope"], "SELF");
    }

    #[test]
    fn refuses_bad_names_with_their_findings() {
        let req = SchemaRequest {
            apps: Some(vec!["Acme iOS ".into()]),
            ..Default::default()
        };
        let err = build_schema_payload(&req).unwrap_err();
        assert_eq!(err.code, "invalid-names");
        assert_eq!(err.diagnostics[0].field, "apps");
        assert_eq!(
            err.diagnostics[0].diagnostic.code.as_str(),
            "edge-whitespace"
        );
    }
}
