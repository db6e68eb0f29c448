//! The Okta user → Luciq profile mapping: the body of `POST /api/v1/mappings/{mappingId}`.
//!
//! Each Luciq attribute comes from one of three places: the value set on each assignment (no
//! mapping, so any existing one is removed), an Okta user attribute, or group membership
//! compiled to an Okta Expression Language ternary chain.
//!
//! [`mapping_story`] says once how each attribute is mapped; the mapping body, the curl script,
//! the Terraform export and the console checklist's mapping step all tell that story. Where it
//! departs from the vendor's doc: the older doc maps both attributes and also has the admin set
//! them on each assignment, which Okta refuses for an attribute mapped with push (403
//! `E0000075`). The tool keeps the assignment (the vendor's step for choosing a user's role and
//! apps) and leaves the attributes unmapped unless a source is chosen for them.
//!
//! String literals in the expression follow Okta Expression Language, which "is based on a
//! subset of SpEL" (developer.okta.com/docs/reference/okta-expression-language). In SpEL a
//! string literal is enclosed in quotes and a quote of the enclosing kind is written twice
//! (Spring Framework reference, "Literal Expressions"); a backslash is an ordinary character.
//! So `Dev "Core" \ Ops` is written `"Dev ""Core"" \ Ops"`. Control characters and line breaks
//! are refused (no Okta group or Luciq name contains them legitimately), and so are `#{` and
//! `${`, SpEL's template markers, so a name can never be read as an expression in any context.

use crate::wire::wire_enum;
use serde::{Deserialize, Serialize};
use serde_json::{json, Map};

use super::schema::{app_errors, refuse_on, role_errors};
use super::{list_within_limits, roles_within_limits, ApiCall, Method, PayloadError, MAPPING_PATH};
use crate::labels::{APPLY_ON_CREATE_AND_UPDATE, APPLY_ON_CREATE_ONLY};
use crate::limits::{at_most, name_length_ok, names_ok, TooLarge, MAX_CATALOG_NAMES};
use crate::profile::{Role, Setup, APPS_ATTRIBUTE, ROLE_ATTRIBUTE};

wire_enum! {
    /// Okta's push status: `PUSH` applies on create and update, `DONT_PUSH` on create only.
    #[derive(Default)]
    pub enum PushStatus {
        #[default]
        Push => "PUSH",
        DontPush => "DONT_PUSH",
    }
}

impl PushStatus {
    /// The option of the mapping editor's push drop-down (help.okta.com, "Profile Push").
    pub fn console_label(self) -> &'static str {
        match self {
            PushStatus::Push => APPLY_ON_CREATE_AND_UPDATE,
            PushStatus::DontPush => APPLY_ON_CREATE_ONLY,
        }
    }
}

/// One rule of a group-based source: members of `group` get `value`.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupRule<T> {
    pub group: String,
    pub value: T,
}

/// Where an attribute's value comes from.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(tag = "from", rename_all = "camelCase", deny_unknown_fields)]
pub enum Source<T> {
    /// Set on each assignment: no mapping.
    Assignment,
    /// An attribute of the Okta user profile (`user.<attribute>`).
    Attribute { attribute: String },
    /// The first rule whose group the user is a member of, else the fallback (`null` without one).
    Groups {
        rules: Vec<GroupRule<T>>,
        #[serde(default)]
        fallback: Option<T>,
    },
}

/// What to map.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MappingRequest {
    pub role: Source<String>,
    pub apps: Source<Vec<String>>,
    /// Default `PUSH` (apply on create and update).
    #[serde(default)]
    pub push_status: PushStatus,
    /// Default `current`.
    #[serde(default)]
    pub setup: Setup,
    /// The role table the role values must come from; defaults to the built-in roles.
    #[serde(default)]
    pub roles: Option<Vec<Role>>,
    /// The Luciq app catalog the app names must come from, when known.
    #[serde(default)]
    pub catalog: Option<Vec<String>>,
}

impl MappingRequest {}

/// Where the two attributes come from, without the setup and tables (those come with the
/// request that carries it: an export, the checklist).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MappingSources {
    pub role: Source<String>,
    pub apps: Source<Vec<String>>,
    /// Default `PUSH` (apply on create and update).
    #[serde(default)]
    pub push_status: PushStatus,
}

impl Default for MappingSources {
    /// Both set on each assignment: the vendor's assignment step, no mapping.
    fn default() -> Self {
        MappingSources {
            role: Source::Assignment,
            apps: Source::Assignment,
            push_status: PushStatus::default(),
        }
    }
}

impl MappingSources {
    /// The mapping request for a setup, role table and catalog.
    pub fn request(
        &self,
        setup: Setup,
        roles: Option<Vec<Role>>,
        catalog: Option<Vec<String>>,
    ) -> MappingRequest {
        MappingRequest {
            role: self.role.clone(),
            apps: self.apps.clone(),
            push_status: self.push_status,
            setup,
            roles,
            catalog: catalog.filter(|a| !a.is_empty()),
        }
    }
}

/// What an attribute's mapping is made from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum MappedFrom {
    /// Not mapped: set on each assignment (an existing mapping is removed).
    Assignment,
    /// An Okta user attribute, picked from the mapping editor's drop-down as `user.<name>`.
    Attribute,
    /// Group membership, typed as an expression.
    Groups,
}

/// How one Luciq attribute is mapped.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AttributeMapping {
    /// The app attribute's variable name.
    pub attribute: &'static str,
    pub from: MappedFrom,
    /// The source attribute or expression; `None` when not mapped.
    pub expression: Option<String>,
    /// `None` when not mapped.
    pub push_status: Option<PushStatus>,
}

/// An Okta Expression Language string literal, or why the text cannot be one.
pub fn string_literal(text: &str) -> Result<String, String> {
    if text.contains('\u{FFFD}') {
        return Err(format!(
            "{text:?} contains U+FFFD, a broken character (an unpaired surrogate?): it would name another group"
        ));
    }
    if let Some(c) = text
        .chars()
        .find(|c| c.is_control() || matches!(c, '\u{2028}' | '\u{2029}'))
    {
        return Err(format!(
            "{:?} contains the control character U+{:04X}",
            text, c as u32
        ));
    }
    if text.contains("#{") || text.contains("${") {
        return Err(format!(
            "{text:?} contains a template marker (\"#{{\" or \"${{\")"
        ));
    }
    Ok(format!("\"{}\"", text.replace('"', "\"\"")))
}

fn array_literal(values: &[String]) -> Result<String, String> {
    let items: Result<Vec<String>, String> = values.iter().map(|v| string_literal(v)).collect();
    Ok(format!("{{{}}}", items?.join(", ")))
}

fn compile_groups<T>(
    rules: &[GroupRule<T>],
    fallback: Option<&T>,
    literal: impl Fn(&T) -> Result<String, String>,
) -> Result<String, String> {
    let mut expr = match fallback {
        Some(v) => literal(v)?,
        None => "null".to_string(),
    };
    for rule in rules.iter().rev() {
        if rule.group.trim().is_empty() {
            return Err("a rule has an empty group name".into());
        }
        expr = format!(
            "isMemberOfGroupName({}) ? {} : {}",
            string_literal(&rule.group)?,
            literal(&rule.value)?,
            expr
        );
    }
    Ok(expr)
}

fn attribute_expression(attribute: &str) -> Result<String, String> {
    let valid = attribute
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && attribute
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_');
    if valid {
        Ok(format!("user.{attribute}"))
    } else {
        Err(format!("{attribute:?} is not an Okta variable name (letters, digits, underscores; no leading digit)"))
    }
}

/// A source's rules within `MAX_CATALOG_NAMES`, and each group name and value within its limit.
fn source_within_limits<T>(
    field: &str,
    source: &Source<T>,
    value_ok: impl Fn(&T) -> Result<(), TooLarge>,
) -> Result<(), TooLarge> {
    match source {
        Source::Assignment => Ok(()),
        Source::Attribute { attribute } => {
            name_length_ok(|| format!("{field}.attribute"), attribute)
        }
        Source::Groups { rules, fallback } => {
            at_most(
                || format!("{field}.rules"),
                "MAX_CATALOG_NAMES",
                MAX_CATALOG_NAMES,
                rules.len(),
                "rules",
            )?;
            for (i, r) in rules.iter().enumerate() {
                name_length_ok(|| format!("{field}.rules[{i}].group"), &r.group)?;
                value_ok(&r.value)?;
            }
            fallback.iter().try_for_each(value_ok)
        }
    }
}

fn mapped_from<T>(source: &Source<T>) -> MappedFrom {
    match source {
        Source::Assignment => MappedFrom::Assignment,
        Source::Attribute { .. } => MappedFrom::Attribute,
        Source::Groups { .. } => MappedFrom::Groups,
    }
}

/// How each Luciq attribute is mapped, role first: the one story every mapping output tells.
/// Checks the group rules' role values and app names first, as every builder does.
pub fn mapping_story(req: &MappingRequest) -> Result<Vec<AttributeMapping>, PayloadError> {
    roles_within_limits(req.roles.as_ref())?;
    list_within_limits("catalog", req.catalog.as_ref())?;
    source_within_limits("role", &req.role, |v| {
        name_length_ok(|| "role value".into(), v)
    })?;
    source_within_limits("apps", &req.apps, |v| {
        names_ok("apps value", v, "MAX_CATALOG_NAMES", MAX_CATALOG_NAMES)
    })?;
    let mut findings = Vec::new();
    if let Source::Groups { rules, fallback } = &req.role {
        // Each rule's value on its own: several groups may well give the same role.
        for (i, value) in rules
            .iter()
            .map(|r| &r.value)
            .chain(fallback.iter())
            .enumerate()
        {
            findings.extend(role_errors(value, req.roles.as_ref(), req.setup, i));
        }
    }
    if let Source::Groups { rules, fallback } = &req.apps {
        for (i, list) in rules
            .iter()
            .map(|r| &r.value)
            .chain(fallback.iter())
            .enumerate()
        {
            if req.setup == Setup::Legacy && list.len() > 1 {
                return Err(PayloadError::new(
                    "legacy-single-app",
                    format!(
                        "apps rule {}: the legacy setup holds one app per user, this rule gives {}",
                        i + 1,
                        list.len()
                    ),
                ));
            }
            findings.extend(app_errors(list, req.catalog.as_ref(), req.setup));
        }
    }
    refuse_on(findings, "The mapping was not built")?;

    let role = match &req.role {
        Source::Assignment => Ok(None),
        Source::Attribute { attribute } => attribute_expression(attribute).map(Some),
        Source::Groups { rules, fallback } => {
            compile_groups(rules, fallback.as_ref(), |v| string_literal(v)).map(Some)
        }
    };
    let legacy = req.setup == Setup::Legacy;
    let apps = match &req.apps {
        Source::Assignment => Ok(None),
        Source::Attribute { attribute } => attribute_expression(attribute).map(Some),
        Source::Groups { rules, fallback } => {
            compile_groups(rules, fallback.as_ref(), |v: &Vec<String>| {
                if legacy {
                    v.first()
                        .map(|s| string_literal(s))
                        .unwrap_or_else(|| Ok("null".into()))
                } else {
                    array_literal(v)
                }
            })
            .map(Some)
        }
    };
    let kinds = [mapped_from(&req.role), mapped_from(&req.apps)];
    let mut out = Vec::new();
    for ((name, expr), from) in [(ROLE_ATTRIBUTE, role), (APPS_ATTRIBUTE, apps)]
        .into_iter()
        .zip(kinds)
    {
        let expression =
            expr.map_err(|e| PayloadError::new("invalid-expression", format!("{name}: {e}")))?;
        out.push(AttributeMapping {
            attribute: name,
            from,
            push_status: expression.as_ref().map(|_| req.push_status),
            expression,
        });
    }
    Ok(out)
}

/// The body of the mapping update, with notes for the admin.
pub fn build_mapping_payload(req: &MappingRequest) -> Result<ApiCall, PayloadError> {
    let mut properties = Map::new();
    let mut notes = Vec::new();
    for m in mapping_story(req)? {
        let name = m.attribute;
        match (&m.expression, m.push_status) {
            (Some(expression), Some(push)) => {
                properties.insert(
                    name.into(),
                    json!({"expression": expression, "pushStatus": push}),
                );
                if push == PushStatus::Push {
                    notes.push(format!(
                        "{name} is mapped with PUSH: Okta then refuses to set it on an assignment (403 E0000075); change it at its source"
                    ));
                }
            }
            _ => {
                properties.insert(name.into(), json!({"expression": null, "pushStatus": null}));
                notes.push(format!(
                    "{name} is set on each assignment: any existing mapping of it is removed"
                ));
            }
        }
    }
    Ok(ApiCall {
        method: Method::Post,
        path: MAPPING_PATH.into(),
        body: json!({"properties": properties}),
        description: "Map the Luciq attributes in the Okta user → Luciq mapping".into(),
        notes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_double_their_quotes() {
        assert_eq!(
            string_literal(r#"Dev "Core" \ Ops"#).unwrap(),
            r#""Dev ""Core"" \ Ops""#
        );
        assert!(string_literal("a\nb").is_err());
        assert!(string_literal("#{x}").is_err());
    }

    #[test]
    fn groups_compile_in_rule_order() {
        let req: MappingRequest = serde_json::from_value(json!({
            "role": {"from": "groups", "rules": [{"group": "Luciq Admins", "value": "adminstrator"}, {"group": "Everyone", "value": "member"}], "fallback": "viewer"},
            "apps": {"from": "groups", "rules": [{"group": "iOS", "value": ["Acme iOS", "Acme Web"]}]}
        }))
        .unwrap();
        let call = build_mapping_payload(&req).unwrap();
        assert_eq!(
            call.body["properties"]["instabugRole"]["expression"],
            r#"isMemberOfGroupName("Luciq Admins") ? "adminstrator" : isMemberOfGroupName("Everyone") ? "member" : "viewer""#
        );
        assert_eq!(
            call.body["properties"]["instabugApplications"]["expression"],
            r#"isMemberOfGroupName("iOS") ? {"Acme iOS", "Acme Web"} : null"#
        );
    }
}
