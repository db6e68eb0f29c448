//! What Luciq receives: the SCIM 2.0 user resource Okta sends (RFC 7643 §3 and §8.7.1).
//!
//! Okta's wizard-built SCIM apps send a full `PUT /Users/{id}`; custom attributes travel under
//! their namespace URN, keyed by external name (DOMAIN.md §3; Okta publishes no example for a
//! custom namespace, so the shape follows RFC 7643).

use serde::Deserialize;
use serde_json::{json, Map, Value};

use crate::okta::PayloadError;
use crate::profile::{
    luciq_profile, DataType, Setup, APPS_ATTRIBUTE, ROLE_ATTRIBUTE, SCIM_CORE_USER_URN,
    SCIM_EXTENSION_URN,
};

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PreviewRequest {
    #[serde(default)]
    pub setup: Setup,
    pub user_name: String,
    #[serde(default)]
    pub role: Option<String>,
    #[serde(default)]
    pub apps: Option<Vec<String>>,
    #[serde(default)]
    pub given_name: Option<String>,
    #[serde(default)]
    pub family_name: Option<String>,
}

impl PreviewRequest {}

/// The SCIM user resource Luciq will receive for these values. Attributes without a value are
/// left out, as Okta leaves them out.
pub fn preview_scim(req: &PreviewRequest) -> Result<Value, PayloadError> {
    if req.user_name.trim().is_empty() {
        return Err(PayloadError::new(
            "invalid-user-name",
            "userName is empty: Okta sends the user's email here",
        ));
    }
    let profile = luciq_profile(req.setup);
    let mut extension = Map::new();
    for spec in &profile.attributes {
        let value = match spec.variable_name {
            ROLE_ATTRIBUTE => req.role.as_ref().map(|r| json!(r)),
            APPS_ATTRIBUTE => req.apps.as_ref().and_then(|apps| match spec.data_type {
                DataType::StringArray => Some(json!(apps)),
                DataType::String => {
                    if apps.len() > 1 {
                        None
                    } else {
                        apps.first().map(|a| json!(a))
                    }
                }
            }),
            _ => None,
        };
        if req.setup == Setup::Legacy
            && spec.variable_name == APPS_ATTRIBUTE
            && req.apps.as_ref().is_some_and(|a| a.len() > 1)
        {
            return Err(PayloadError::new(
                "legacy-single-app",
                "The legacy setup holds one app per user (a plain string): pass at most one app",
            ));
        }
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
    Ok(Value::Object(user))
}
