//! What Luciq receives: the SCIM 2.0 user resource Okta sends (RFC 7643 §3 and §8.7.1).
//!
//! Okta's wizard-built SCIM apps send a full `PUT /Users/{id}`; custom attributes travel under
//! their namespace URN, keyed by external name (DOMAIN.md §3; Okta publishes no example for a
//! custom namespace, so the shape follows RFC 7643).
//!
//! The role and apps are checked as every other builder checks them (against the role table and
//! the catalog) and refused the same way. One app per user in the older setup is this tool's
//! reading, not the older doc's word ([`Unconfirmed::LegacyOneApp`]): the preview warns about it
//! instead of refusing.

use crate::limits::{name_length_ok, names_ok, TooLarge, MAX_CATALOG_NAMES};
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

use crate::names::{Code, Diagnostic, Severity};
use crate::okta::schema::{app_errors, refuse_on, role_errors};
use crate::okta::{Finding, FindingField, PayloadError};
use crate::profile::{
    luciq_profile, DataType, Role, Setup, Unconfirmed, APPS_ATTRIBUTE, ROLE_ATTRIBUTE,
    SCIM_CORE_USER_URN, SCIM_EXTENSION_URN,
};

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PreviewRequest {
    /// Default `current`.
    #[serde(default)]
    pub setup: Setup,
    pub user_name: String,
    /// The role value; not sent when absent.
    #[serde(default)]
    pub role: Option<String>,
    /// The app names; not sent when absent.
    #[serde(default)]
    pub apps: Option<Vec<String>>,
    /// Left out when absent.
    #[serde(default)]
    pub given_name: Option<String>,
    /// Left out when absent.
    #[serde(default)]
    pub family_name: Option<String>,
    /// The role table the role must come from; defaults to the built-in roles.
    #[serde(default)]
    pub roles: Option<Vec<Role>>,
    /// The exact Luciq app names the apps must come from, when known.
    #[serde(default)]
    pub catalog: Option<Vec<String>>,
}

/// The SCIM user resource, and what the admin should know about it.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ScimPreview {
    pub user: Value,
    /// Findings that do not refuse the preview (warning severity), each located.
    pub warnings: Vec<Finding>,
}

/// The warnings for the apps after the first in the older setup: the preview sends the first.
fn legacy_extra_apps(apps: &[String]) -> Vec<Finding> {
    apps.iter()
        .enumerate()
        .skip(1)
        .map(|(index, app)| Finding {
            field: FindingField::Apps,
            index,
            input: app.clone(),
            diagnostic: Diagnostic {
                code: Code::LegacySingleApp,
                severity: Severity::Warning,
                message: format!(
                    "app {} of {} is not in the preview: the older setup's apps attribute is one plain string (Data type = String), so it carries the first app only. That a user holds one app is this tool's reading ({}).",
                    index + 1,
                    apps.len(),
                    Unconfirmed::LegacyOneApp.source_note()
                ),
                start: 0,
                end: app.encode_utf16().count(),
                suggestion: None,
                alternatives: Vec::new(),
            },
        })
        .collect()
}

/// The limits (`crate::limits`) on a preview's names.
fn within_limits(req: &PreviewRequest) -> Result<(), TooLarge> {
    let list = |field: &str, names: Option<&Vec<String>>| match names {
        Some(n) => names_ok(field, n, "MAX_CATALOG_NAMES", MAX_CATALOG_NAMES),
        None => Ok(()),
    };
    list("apps", req.apps.as_ref())?;
    list("catalog", req.catalog.as_ref())?;
    if let Some(roles) = &req.roles {
        let values: Vec<String> = roles.iter().map(|r| r.value.clone()).collect();
        names_ok("roles", &values, "MAX_CATALOG_NAMES", MAX_CATALOG_NAMES)?;
    }
    for (field, text) in [
        ("userName", Some(&req.user_name)),
        ("role", req.role.as_ref()),
        ("givenName", req.given_name.as_ref()),
        ("familyName", req.family_name.as_ref()),
    ] {
        if let Some(t) = text {
            name_length_ok(|| field.into(), t)?;
        }
    }
    Ok(())
}

/// The SCIM user resource Luciq will receive for these values. Attributes without a value are
/// left out, as Okta leaves them out. Refuses role values and app names with errors
/// (`invalid-names`, located), as the assignment builder does.
pub fn preview_scim(req: &PreviewRequest) -> Result<ScimPreview, PayloadError> {
    within_limits(req)?;
    if req.user_name.trim().is_empty() {
        return Err(PayloadError::new(
            "invalid-user-name",
            "userName is empty: Okta sends the user's email here",
        ));
    }
    let mut findings = Vec::new();
    if let Some(role) = &req.role {
        findings.extend(role_errors(role, req.roles.as_ref(), req.setup, 0));
    }
    let catalog = req.catalog.clone().filter(|c| !c.is_empty());
    let mut warnings = Vec::new();
    if let Some(apps) = &req.apps {
        findings.extend(
            app_errors(apps, catalog.as_ref(), req.setup)
                .into_iter()
                .filter(|f| f.diagnostic.code != Code::LegacySingleApp),
        );
        if req.setup == Setup::Legacy {
            warnings = legacy_extra_apps(apps);
        }
    }
    refuse_on(findings, "The SCIM preview was not built")?;

    let profile = luciq_profile(req.setup);
    let mut extension = Map::new();
    for spec in &profile.attributes {
        let value = match spec.variable_name {
            ROLE_ATTRIBUTE => req.role.as_ref().map(|r| json!(r)),
            APPS_ATTRIBUTE => req.apps.as_ref().and_then(|apps| match spec.data_type {
                DataType::StringArray => Some(json!(apps)),
                DataType::String => apps.first().map(|a| json!(a)),
            }),
            _ => None,
        };
        if let Some(v) = value {
            extension.insert(spec.external_name.to_string(), v);
        }
    }
    let mut user = Map::new();
    let mut schemas = vec![json!(SCIM_CORE_USER_URN)];
    if !extension.is_empty() {
        schemas.push(json!(SCIM_EXTENSION_URN));
    }
    user.insert("schemas".into(), Value::Array(schemas));
    user.insert("userName".into(), json!(req.user_name));
    if req.given_name.is_some() || req.family_name.is_some() {
        let mut name = Map::new();
        if let Some(g) = &req.given_name {
            name.insert("givenName".into(), json!(g));
        }
        if let Some(f) = &req.family_name {
            name.insert("familyName".into(), json!(f));
        }
        user.insert("name".into(), Value::Object(name));
    }
    user.insert(
        "emails".into(),
        json!([{"value": req.user_name, "primary": true, "type": "work"}]),
    );
    user.insert("active".into(), json!(true));
    if !extension.is_empty() {
        user.insert(SCIM_EXTENSION_URN.into(), Value::Object(extension));
    }
    Ok(ScimPreview {
        user: Value::Object(user),
        warnings,
    })
}
