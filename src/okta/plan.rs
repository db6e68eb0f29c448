//! The plan: what to change in an org's app user schema (the JSON of
//! `GET /api/v1/meta/schemas/apps/{appId}/default`) so the Luciq attributes are right, with every
//! reason, and the exact bodies to POST in order. Applying them converges: the plan of the result
//! is empty. Other custom attributes and unknown properties are left alone.

use crate::wire::wire_enum;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::schema::{
    attribute_definitions, build_schema_delete, name_errors, refuse_on, schema_body, SchemaRequest,
};
use super::{ApiCall, FindingField, Method, PayloadError, APP_SCHEMA_PATH};
use crate::limits::{at_most, bytes_ok, MAX_SCHEMA_JSON_BYTES};
use crate::names::{check_names, CheckRequest, ListContext, NameKind};
use crate::profile::{Role, Scope, Setup, ROLE_ATTRIBUTE};

#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PlanRequest {
    /// The JSON Okta returned for the app user schema.
    pub current: Value,
    /// Default `current`.
    #[serde(default)]
    pub setup: Setup,
    /// The role table; defaults to the built-in Luciq roles. A role may leave out `confirmed`.
    #[serde(default)]
    pub roles: Option<Vec<Role>>,
    /// The app names; not sent when absent.
    #[serde(default)]
    pub apps: Option<Vec<String>>,
    /// Default `SELF` (Personal).
    #[serde(default)]
    pub scope: Scope,
}

impl PlanRequest {}

wire_enum! {
    pub enum Action {
        Add => "add",
        Update => "update",
        None => "none",
        /// The type must change: delete, then add. Existing values are lost.
        Recreate => "recreate",
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Reason {
    pub code: &'static str,
    pub message: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AttributePlan {
    pub attribute: &'static str,
    pub action: Action,
    pub reasons: Vec<Reason>,
    /// True when the change deletes the attribute and with it every value set on assignments.
    pub loses_values: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SchemaPlan {
    pub attributes: Vec<AttributePlan>,
    /// The calls to make, in order.
    pub steps: Vec<ApiCall>,
    /// The body to POST next, or `null` when nothing is left to do.
    pub next: Option<Value>,
    pub notes: Vec<String>,
}

fn reason(code: &'static str, message: impl Into<String>) -> Reason {
    Reason {
        code,
        message: message.into(),
    }
}

fn show(v: Option<&Value>) -> String {
    match v {
        None | Some(Value::Null) => "nothing".into(),
        Some(v) => v.to_string(),
    }
}

/// The type as Okta's console names it: "string", "string array", "number"…
fn type_label(p: &Value) -> String {
    match p.get("type").and_then(Value::as_str) {
        Some("array") => match p
            .get("items")
            .and_then(|i| i.get("type"))
            .and_then(Value::as_str)
        {
            Some(t) => format!("{t} array"),
            None => "array".into(),
        },
        Some(t) => t.to_string(),
        None => "untyped".into(),
    }
}

/// Where the enum lives: on the property, or on its items for arrays.
fn enum_holder(p: &Value) -> Option<&Value> {
    if p.get("type").and_then(Value::as_str) == Some("array") {
        p.get("items")
    } else {
        Some(p)
    }
}

fn strings(v: Option<&Value>) -> Vec<String> {
    v.and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .map(|x| {
                    x.as_str()
                        .map(String::from)
                        .unwrap_or_else(|| x.to_string())
                })
                .collect()
        })
        .unwrap_or_default()
}

fn compare_enums(name: &'static str, have: &Value, want: &Value, reasons: &mut Vec<Reason>) {
    let (Some(h), Some(w)) = (enum_holder(have), enum_holder(want)) else {
        return;
    };
    let have_values = strings(h.get("enum"));
    let want_values = strings(w.get("enum"));
    if h.get("enum") == w.get("enum") {
        if h.get("oneOf") != w.get("oneOf") {
            reasons.push(reason(
                "enum-titles",
                format!(
                    "{name}: the enum's display names (oneOf) are {}, expected {}",
                    show(h.get("oneOf")),
                    show(w.get("oneOf"))
                ),
            ));
        }
        return;
    }
    if want_values.is_empty() {
        reasons.push(reason(
            "enum-extra",
            format!(
                "{name}: has an enum {}, but no list of values was given for it",
                show(h.get("enum"))
            ),
        ));
        return;
    }
    let missing: Vec<&String> = want_values
        .iter()
        .filter(|v| !have_values.contains(v))
        .collect();
    let extra: Vec<&String> = have_values
        .iter()
        .filter(|v| !want_values.contains(v))
        .collect();
    if !missing.is_empty() {
        reasons.push(reason(
            "enum-missing",
            format!("{name}: the enum lacks {}", quoted(&missing)),
        ));
    }
    if !extra.is_empty() {
        // Extra values that look like an expected one are near-misses: say which.
        let kind = if name == ROLE_ATTRIBUTE {
            NameKind::Role
        } else {
            NameKind::App
        };
        let report = check_names(&CheckRequest {
            kind,
            names: extra.iter().map(|s| s.to_string()).collect(),
            catalog: Some(want_values.clone()),
            setup: Setup::Current,
            context: Some(ListContext::User),
        });
        let mut plain = Vec::new();
        for (value, r) in extra.iter().zip(&report.results) {
            match r.diagnostics.iter().find_map(|d| {
                d.suggestion
                    .as_ref()
                    .filter(|s| want_values.contains(s))
                    .map(|s| (d, s))
            }) {
                Some((d, s)) => reasons.push(reason(
                    "enum-near-miss",
                    format!(
                        "{name}: the enum has {value:?} where Luciq expects {s:?} ({})",
                        d.message
                    ),
                )),
                None => plain.push(*value),
            }
        }
        if !plain.is_empty() {
            reasons.push(reason(
                "enum-extra",
                format!(
                    "{name}: the enum has values Luciq does not: {}",
                    quoted(&plain)
                ),
            ));
        }
    }
    if missing.is_empty() && extra.is_empty() {
        reasons.push(reason(
            "enum-order",
            format!("{name}: the enum's order differs from the role table's"),
        ));
    }
}

fn quoted(values: &[&String]) -> String {
    values
        .iter()
        .map(|v| format!("{v:?}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// "a string", "an array", "an untyped"…
fn with_article(label: &str) -> String {
    let article = if label.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {label}")
}

/// Why `have` differs from `want`, and whether the difference needs a delete and add.
fn differences(name: &'static str, have: &Value, want: &Value) -> (Vec<Reason>, bool) {
    let mut reasons = Vec::new();
    if type_label(have) != type_label(want) {
        reasons.push(reason(
            "wrong-type",
            format!(
                "{name} is {} and must be {}: Okta cannot change a type in place, so it is deleted and added again",
                with_article(&type_label(have)),
                with_article(&type_label(want))
            ),
        ));
        return (reasons, true);
    }
    let field = |key: &str| (have.get(key), want.get(key));
    match field("externalName") {
        (None | Some(Value::Null), _) => reasons.push(reason(
            "missing-external-name",
            format!("{name} has no external name: Okta leaves it out of what Luciq receives"),
        )),
        (h, w) if h != w => reasons.push(reason(
            "wrong-external-name",
            format!("{name}: external name is {}, expected {}", show(h), show(w)),
        )),
        _ => {}
    }
    match field("externalNamespace") {
        (None | Some(Value::Null), _) => reasons.push(reason(
            "missing-namespace",
            format!("{name} has no external namespace: Okta silently leaves it out of what Luciq receives"),
        )),
        (h, w) if h != w => reasons.push(reason("wrong-namespace", format!("{name}: external namespace is {}, expected {}", show(h), show(w)))),
        _ => {}
    }
    let (h, w) = field("scope");
    if h.unwrap_or(&Value::Null) != w.unwrap_or(&Value::Null) {
        reasons.push(reason(
            "wrong-scope",
            format!(
                "{name}: attribute type (scope) is {}, expected {}",
                show(h),
                show(w)
            ),
        ));
    }
    let (h, w) = field("union");
    if h.is_some() && w.is_none() {
        reasons.push(reason(
            "stray-union",
            format!(
                "{name}: has a group priority (union) {}, which only an array may have",
                show(h)
            ),
        ));
    }
    if w.is_some() && h != w {
        reasons.push(reason(
            "wrong-union",
            format!(
                "{name}: group priority (union) is {}, expected {}",
                show(h),
                show(w)
            ),
        ));
    }
    let (h, w) = field("title");
    if h != w {
        reasons.push(reason(
            "title",
            format!("{name}: display name is {}, expected {}", show(h), show(w)),
        ));
    }
    compare_enums(name, have, want, &mut reasons);
    (reasons, false)
}

/// The update body of one property: the existing definition with the Luciq fields set, so
/// properties this tool does not know (length limits, mutability…) are kept.
fn merged(have: &Value, want: &Value) -> Value {
    let mut out = have.as_object().cloned().unwrap_or_default();
    // What only the other type may carry goes, with the enum the request replaces.
    for key in ["items", "union", "enum", "oneOf"] {
        if want.get(key).is_none() {
            out.remove(key);
        }
    }
    for (k, v) in want.as_object().into_iter().flatten() {
        out.insert(k.clone(), v.clone());
    }
    Value::Object(out)
}

/// The current schema within `MAX_SCHEMA_JSON_BYTES` as JSON text, counted by writing it to a
/// counter that stops at the limit (so a huge value costs the limit, not its size).
fn json_within_limits(current: &Value) -> Result<(), PayloadError> {
    struct Counter(usize);
    impl std::io::Write for Counter {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0 += buf.len();
            if self.0 > MAX_SCHEMA_JSON_BYTES {
                return Err(std::io::Error::other("past the limit"));
            }
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut counter = Counter(0);
    if serde_json::to_writer(&mut counter, current).is_err() {
        let e = at_most(
            || "current (the schema JSON)".into(),
            "MAX_SCHEMA_JSON_BYTES",
            MAX_SCHEMA_JSON_BYTES,
            counter.0,
            "bytes or more",
        );
        e?;
    }
    Ok(())
}

/// The current schema from the text pasted or read from a file: refused with `too-large` past
/// `MAX_SCHEMA_JSON_BYTES` before it is parsed (so a huge paste is never copied into a value),
/// with `invalid-schema` when it is not JSON. A byte-order mark is ignored.
pub fn current_from_text(text: &str) -> Result<Value, PayloadError> {
    bytes_ok(
        "current (the schema JSON)",
        "MAX_SCHEMA_JSON_BYTES",
        MAX_SCHEMA_JSON_BYTES,
        text,
    )?;
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    serde_json::from_str(text).map_err(|e| {
        PayloadError::new(
            "invalid-schema",
            format!("The schema is not valid JSON: {e}"),
        )
    })
}

/// Plans the changes that make the current schema right for the request.
pub fn plan_schema(req: &PlanRequest) -> Result<SchemaPlan, PayloadError> {
    json_within_limits(&req.current)?;
    if !req.current.is_object() {
        return Err(PayloadError::new(
            "invalid-schema",
            "current must be the JSON object Okta returns for GET /api/v1/meta/schemas/apps/{appId}/default",
        ));
    }
    let existing: Map<String, Value> = req
        .current
        .pointer("/definitions/custom/properties")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    let schema_req = SchemaRequest {
        setup: req.setup,
        roles: req.roles.clone(),
        apps: req.apps.clone(),
        scope: req.scope,
    };
    let keep_apps_enum = schema_req.apps().is_none();
    let mut kept_findings = Vec::new();
    let mut attributes = Vec::new();
    let mut deletes = Vec::new();
    let mut writes = Map::new();
    let mut notes = Vec::new();
    for (name, mut want) in attribute_definitions(&schema_req)? {
        let have = existing.get(name).filter(|v| !v.is_null());
        if let Some(other) = existing
            .keys()
            .find(|k| k.as_str() != name && k.eq_ignore_ascii_case(name))
        {
            notes.push(format!(
                "The schema has {other:?}: Okta treats variable names that differ only in case as one, so {name:?} cannot be added beside it. Delete or rename {other:?} first."
            ));
        }
        // Without a catalog, the apps enum is the admin's own: keep it.
        if keep_apps_enum && name != ROLE_ATTRIBUTE {
            // (Only a string enum can be kept: Okta fails on array enums of other types.)
            let string_enum = |h: &&Value| {
                h.get("enum")
                    .and_then(Value::as_array)
                    .is_some_and(|e| e.iter().all(Value::is_string))
                    && h.get("oneOf").and_then(Value::as_array).is_none_or(|o| {
                        o.iter()
                            .all(|x| x.get("const").is_some_and(Value::is_string))
                    })
            };
            if let (Some(h), Some(w)) = (
                have.and_then(enum_holder).filter(string_enum),
                enum_holder(&want).cloned(),
            ) {
                // Kept means written back: only names the check lets through.
                let kept = strings(h.get("enum"));
                kept_findings = name_errors(
                    FindingField::Apps,
                    NameKind::App,
                    &kept,
                    None,
                    req.setup,
                    ListContext::Catalog,
                );
                let mut w = w;
                for key in ["enum", "oneOf"] {
                    if let (Some(v), Some(obj)) = (h.get(key), w.as_object_mut()) {
                        obj.insert(key.into(), v.clone());
                    }
                }
                if want.get("type").and_then(Value::as_str) == Some("array") {
                    want["items"] = w;
                } else {
                    want = w;
                }
            }
        }
        let (action, reasons, loses_values) = match have {
            None => (
                Action::Add,
                vec![reason("missing", format!("{name} does not exist yet"))],
                false,
            ),
            Some(have) => match differences(name, have, &want) {
                (r, true) => (Action::Recreate, r, true),
                (r, false) if r.is_empty() => (Action::None, r, false),
                (r, false) => (Action::Update, r, false),
            },
        };
        if action != Action::None && name != ROLE_ATTRIBUTE {
            refuse_on(
                std::mem::take(&mut kept_findings),
                "The plan was not built: the org's apps enum, kept because no catalog was given, has names Luciq would not match; give the exact app names (apps) to replace it",
            )?;
        }
        match action {
            Action::Add => {
                writes.insert(name.into(), want);
            }
            Action::Update => {
                writes.insert(name.into(), merged(have.unwrap_or(&Value::Null), &want));
            }
            Action::Recreate => {
                deletes.push(name);
                writes.insert(name.into(), want);
            }
            Action::None => {}
        }
        attributes.push(AttributePlan {
            attribute: name,
            action,
            reasons,
            loses_values,
        });
    }
    let mut steps = Vec::new();
    if !deletes.is_empty() {
        steps.push(build_schema_delete(&deletes));
        notes.push(
            "Right after a delete Okta can refuse the same name for a while (\"deletion process … is incomplete\"): if the next step fails so, wait a minute and send it again.".into(),
        );
    }
    if !writes.is_empty() {
        let names: Vec<String> = writes.keys().cloned().collect();
        steps.push(ApiCall {
            method: Method::Post,
            path: APP_SCHEMA_PATH.into(),
            body: schema_body(writes),
            description: format!(
                "Add or update {} on the Luciq app's user profile",
                names.join(" and ")
            ),
            notes: Vec::new(),
        });
    }
    let next = steps.first().map(|s| s.body.clone());
    Ok(SchemaPlan {
        attributes,
        steps,
        next,
        notes,
    })
}
