//! The Okta user → Luciq profile mapping: the body of `POST /api/v1/mappings/{mappingId}`.
//!
//! Each Luciq attribute comes from one of three places: the value set on each assignment (no
//! mapping, so any existing one is removed), an Okta user attribute, or group membership
//! compiled to an Okta Expression Language ternary chain.
//!
//! String literals in the expression follow Okta Expression Language, which "is based on a
//! subset of SpEL" (developer.okta.com/docs/reference/okta-expression-language). In SpEL a
//! string literal is enclosed in quotes and a quote of the enclosing kind is written twice
//! (Spring Framework reference, "Literal Expressions"); a backslash is an ordinary character.
//! So `Dev "Core" \ Ops` is written `"Dev ""Core"" \ Ops"`. Control characters and line breaks
//! are refused (no Okta group or Luciq name contains them legitimately), and so are `#{` and
//! `${`, SpEL's template markers, so a name can never be read as an expression in any context.

use serde::{Deserialize, Serialize};
use serde_json::{json, Map};

use super::schema::{app_errors, refuse_on, role_errors};
use super::{ApiCall, Method, PayloadError, MAPPING_PATH};
use crate::profile::{Role, Setup, APPS_ATTRIBUTE, ROLE_ATTRIBUTE};

/// Okta's push status: `PUSH` applies on create and update, `DONT_PUSH` on create only.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum PushStatus {
    #[default]
    Push,
    DontPush,
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
    #[serde(default)]
    pub push_status: PushStatus,
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

/// The body of the mapping update, with notes for the admin.
pub fn build_mapping_payload(req: &MappingRequest) -> Result<ApiCall, PayloadError> {
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

    let push = json!(req.push_status);
    let mut properties = Map::new();
    let mut notes = Vec::new();
    let mut add = |name: &str, expr: Result<Option<String>, String>| -> Result<(), PayloadError> {
        match expr.map_err(|e| PayloadError::new("invalid-expression", format!("{name}: {e}")))? {
            Some(expression) => {
                properties.insert(
                    name.into(),
                    json!({"expression": expression, "pushStatus": push}),
                );
                if req.push_status == PushStatus::Push {
                    notes.push(format!(
                        "{name} is mapped with PUSH: Okta then refuses to set it on an assignment (403 E0000075); change it at its source"
                    ));
                }
            }
            None => {
                properties.insert(name.into(), json!({"expression": null, "pushStatus": null}));
                notes.push(format!(
                    "{name} is set on each assignment: any existing mapping of it is removed"
                ));
            }
        }
        Ok(())
    };
    let role = match &req.role {
        Source::Assignment => Ok(None),
        Source::Attribute { attribute } => attribute_expression(attribute).map(Some),
        Source::Groups { rules, fallback } => {
            compile_groups(rules, fallback.as_ref(), |v| string_literal(v)).map(Some)
        }
    };
    add(ROLE_ATTRIBUTE, role)?;
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
    add(APPS_ATTRIBUTE, apps)?;
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
