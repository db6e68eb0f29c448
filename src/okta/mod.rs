//! Okta Management API payloads for the Luciq setup: schema attributes, the profile mapping,
//! user and group assignments, and the plan against an org's current schema. Shapes and rules:
//! `../shared/DOMAIN.md` §2. Every body validates against Okta's published spec (tests/contract).

pub mod assignment;
pub mod mapping;
pub mod plan;
pub mod schema;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::limits::{at_most, name_length_ok, names_ok, TooLarge, MAX_CATALOG_NAMES};
use crate::names::Diagnostic;
use crate::profile::Role;
use crate::wire::wire_enum;

wire_enum! {
    /// Where in a request a refused name came from.
    pub enum FindingField {
        /// The role of an assignment or a mapping rule.
        Role => "role",
        /// The role table's values.
        Roles => "roles",
        /// The apps of an assignment or a rule, or the catalog (the schema's enum).
        Apps => "apps",
    }
}

/// A name finding with where it was found, for errors that refuse a payload.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Finding {
    /// The request field: `roles`, `apps`, `role`…
    pub field: FindingField,
    pub index: usize,
    pub input: String,
    #[serde(flatten)]
    pub diagnostic: Diagnostic,
}

/// One call to Okta: method, path (with `{appId}`-style placeholders) and JSON body.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ApiCall {
    pub method: Method,
    pub path: String,
    pub body: Value,
    /// What the call does, for a person reading the plan.
    pub description: String,
    /// What the admin should know before making the call.
    pub notes: Vec<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Method {
    Get,
    Post,
    Put,
    Delete,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
        }
    }
}

/// Why a payload was not built. `code` is stable; `diagnostics` hold the name findings that
/// stopped it (each with the field and index it came from), when names did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PayloadError {
    pub code: &'static str,
    pub message: String,
    pub diagnostics: Vec<Finding>,
}

impl PayloadError {
    pub fn new(code: &'static str, message: impl Into<String>) -> Self {
        PayloadError {
            code,
            message: message.into(),
            diagnostics: Vec::new(),
        }
    }
}

impl From<TooLarge> for PayloadError {
    fn from(e: TooLarge) -> Self {
        PayloadError::new(TooLarge::CODE, e.message())
    }
}

/// The limits on a request's names (`crate::limits`): a role table, a catalog, a list of apps.
pub(crate) fn roles_within_limits(roles: Option<&Vec<Role>>) -> Result<(), TooLarge> {
    let Some(roles) = roles else { return Ok(()) };
    at_most(
        || "roles".into(),
        "MAX_CATALOG_NAMES",
        MAX_CATALOG_NAMES,
        roles.len(),
        "roles",
    )?;
    for (i, r) in roles.iter().enumerate() {
        name_length_ok(|| format!("roles[{i}].value"), &r.value)?;
        name_length_ok(|| format!("roles[{i}].title"), &r.title)?;
    }
    Ok(())
}

/// A list of names within `MAX_CATALOG_NAMES`, each within `MAX_NAME_LENGTH`.
pub(crate) fn list_within_limits(field: &str, names: Option<&Vec<String>>) -> Result<(), TooLarge> {
    match names {
        Some(n) => names_ok(field, n, "MAX_CATALOG_NAMES", MAX_CATALOG_NAMES),
        None => Ok(()),
    }
}

impl std::fmt::Display for PayloadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.code, self.message)
    }
}

/// Refuses what is not an Okta id (letters and digits), naming the field: ids end up in
/// paths and scripts.
pub(crate) fn check_okta_id(field: &str, id: &str) -> Result<(), PayloadError> {
    name_length_ok(|| field.to_string(), id)?;
    if id.is_empty() || !id.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(PayloadError::new(
            "invalid-id",
            format!(
                "{field} {id:?} is not an Okta id (letters and digits, like 00u1abcd2EFGH3ijk4x7)"
            ),
        ));
    }
    Ok(())
}

/// The path of the app user schema.
pub const APP_SCHEMA_PATH: &str = "/api/v1/meta/schemas/apps/{appId}/default";
/// The path of one profile mapping.
pub const MAPPING_PATH: &str = "/api/v1/mappings/{mappingId}";
/// The path that assigns a user to the app.
pub const APP_USERS_PATH: &str = "/api/v1/apps/{appId}/users";
/// The path of one group's assignment to the app.
pub const APP_GROUP_PATH: &str = "/api/v1/apps/{appId}/groups/{groupId}";
