//! Assigning the Luciq app: one user (`POST /api/v1/apps/{appId}/users`) or a group
//! (`PUT /api/v1/apps/{appId}/groups/{groupId}`), with the Luciq attributes on the assignment.
//! The role and apps are checked first; any error refuses the payload.

use serde::Deserialize;
use serde_json::{json, Map, Value};

use super::schema::{app_errors, refuse_on, role_errors};
use super::{
    check_okta_id, list_within_limits, roles_within_limits, ApiCall, Method, PayloadError,
    APP_GROUP_PATH, APP_USERS_PATH,
};
use crate::limits::name_length_ok;
use crate::profile::{Role, Scope, Setup, APPS_ATTRIBUTE, ROLE_ATTRIBUTE};

/// The Luciq values for one assignment. Both are optional for a user.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AssignmentRequest {
    /// Default `current`.
    #[serde(default)]
    pub setup: Setup,
    /// The Okta user id; required for a user assignment.
    #[serde(default)]
    pub user_id: String,
    /// The user's Luciq login (email); required for a user assignment.
    #[serde(default)]
    pub user_name: String,
    /// The Okta group id; required for a group assignment.
    #[serde(default)]
    pub group_id: String,
    /// Default 0 (wins over higher numbers).
    #[serde(default)]
    pub priority: Option<i64>,
    /// Default `SELF` (Personal).
    #[serde(default)]
    pub scope: Scope,
    /// The role value; not sent when absent.
    #[serde(default)]
    pub role: Option<String>,
    /// The app names; not sent when absent.
    #[serde(default)]
    pub apps: Option<Vec<String>>,
    /// The exact Luciq app names the apps must come from.
    #[serde(default)]
    pub catalog: Option<Vec<String>>,
    /// The role table the role must come from; defaults to the built-in roles.
    #[serde(default)]
    pub roles: Option<Vec<Role>>,
}

/// A user's assignment as a request takes it: no group fields.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UserAssignmentRequest {
    /// Default `current`.
    #[serde(default)]
    pub setup: Setup,
    /// The Okta user id; required for a user assignment.
    #[serde(default)]
    pub user_id: String,
    /// The user's Luciq login (email); required for a user assignment.
    #[serde(default)]
    pub user_name: String,
    /// The role value; not sent when absent.
    #[serde(default)]
    pub role: Option<String>,
    /// The app names; not sent when absent.
    #[serde(default)]
    pub apps: Option<Vec<String>>,
    /// The exact Luciq app names; none by default (apps are then checked by their characters only).
    #[serde(default)]
    pub catalog: Option<Vec<String>>,
    /// The role table; defaults to the built-in Luciq roles. A role may leave out `confirmed`.
    #[serde(default)]
    pub roles: Option<Vec<Role>>,
}

/// A group's assignment as a request takes it: no user fields.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GroupAssignmentRequest {
    /// Default `current`.
    #[serde(default)]
    pub setup: Setup,
    /// The Okta group id; required for a group assignment.
    #[serde(default)]
    pub group_id: String,
    /// Default 0 (wins over higher numbers).
    #[serde(default)]
    pub priority: Option<i64>,
    /// Default `SELF` (Personal).
    #[serde(default)]
    pub scope: Scope,
    /// The role value; not sent when absent.
    #[serde(default)]
    pub role: Option<String>,
    /// The app names; not sent when absent.
    #[serde(default)]
    pub apps: Option<Vec<String>>,
    /// The exact Luciq app names; none by default (apps are then checked by their characters only).
    #[serde(default)]
    pub catalog: Option<Vec<String>>,
    /// The role table; defaults to the built-in Luciq roles. A role may leave out `confirmed`.
    #[serde(default)]
    pub roles: Option<Vec<Role>>,
}

impl From<UserAssignmentRequest> for AssignmentRequest {
    fn from(r: UserAssignmentRequest) -> Self {
        AssignmentRequest {
            setup: r.setup,
            user_id: r.user_id,
            user_name: r.user_name,
            role: r.role,
            apps: r.apps,
            catalog: r.catalog,
            roles: r.roles,
            ..Default::default()
        }
    }
}

impl From<GroupAssignmentRequest> for AssignmentRequest {
    fn from(r: GroupAssignmentRequest) -> Self {
        AssignmentRequest {
            setup: r.setup,
            group_id: r.group_id,
            priority: r.priority,
            scope: r.scope,
            role: r.role,
            apps: r.apps,
            catalog: r.catalog,
            roles: r.roles,
            ..Default::default()
        }
    }
}

/// The limits (`crate::limits`) on an assignment's names.
fn within_limits(req: &AssignmentRequest) -> Result<(), PayloadError> {
    roles_within_limits(req.roles.as_ref())?;
    list_within_limits("catalog", req.catalog.as_ref())?;
    list_within_limits("apps", req.apps.as_ref())?;
    if let Some(role) = &req.role {
        name_length_ok(|| "role".into(), role)?;
    }
    name_length_ok(|| "userName".into(), &req.user_name)?;
    Ok(())
}

/// The checked assignment profile: `instabugRole` and `instabugApplications` as given.
fn profile(req: &AssignmentRequest) -> Result<Map<String, Value>, PayloadError> {
    within_limits(req)?;
    let mut findings = Vec::new();
    if let Some(role) = &req.role {
        findings.extend(role_errors(role, req.roles.as_ref(), req.setup, 0));
    }
    if let Some(apps) = &req.apps {
        findings.extend(app_errors(apps, req.catalog.as_ref(), req.setup));
        if req.setup == Setup::Legacy && apps.len() > 1 {
            return Err(PayloadError::new(
                "legacy-single-app",
                format!(
                    "The legacy setup holds one app per user (a plain string); {} apps were given",
                    apps.len()
                ),
            ));
        }
    }
    refuse_on(findings, "The assignment was not built")?;
    Ok(checked_profile(
        req.setup,
        req.role.as_deref(),
        req.apps.as_deref(),
    ))
}

/// The assignment profile from a role and apps already checked (the users file checks each row
/// once, against one index, and builds many of these).
pub(crate) fn checked_profile(
    setup: Setup,
    role: Option<&str>,
    apps: Option<&[String]>,
) -> Map<String, Value> {
    let mut p = Map::new();
    if let Some(role) = role {
        p.insert(ROLE_ATTRIBUTE.into(), json!(role));
    }
    match (apps, setup) {
        (Some(apps), Setup::Current) => {
            p.insert(APPS_ATTRIBUTE.into(), json!(apps));
        }
        // The legacy field is one string: no app means no value, not null.
        (Some(apps), Setup::Legacy) => {
            if let Some(app) = apps.first() {
                p.insert(APPS_ATTRIBUTE.into(), json!(app));
            }
        }
        (None, _) => {}
    }
    p
}

/// The body of a user assignment. Without `user_id` the body has no `id`: the caller looks the
/// user up by login first.
pub(crate) fn user_assignment_body(
    user_id: Option<&str>,
    user_name: &str,
    profile: Map<String, Value>,
) -> Value {
    let mut body = Map::new();
    if let Some(id) = user_id {
        body.insert("id".into(), json!(id));
    }
    body.insert("scope".into(), json!("USER"));
    body.insert("credentials".into(), json!({ "userName": user_name }));
    body.insert("profile".into(), Value::Object(profile));
    Value::Object(body)
}

/// Assigns one user to the Luciq app with the Luciq attributes.
pub fn build_assignment_payload(req: &AssignmentRequest) -> Result<ApiCall, PayloadError> {
    check_okta_id("userId", &req.user_id)?;
    if req.user_name.is_empty()
        || req
            .user_name
            .chars()
            .any(|c| c.is_whitespace() || c.is_control())
    {
        return Err(PayloadError::new(
            "invalid-user-name",
            format!(
                "userName {:?} must be the user's Luciq login (their email), without spaces",
                req.user_name
            ),
        ));
    }
    let profile = profile(req)?;
    Ok(ApiCall {
        method: Method::Post,
        path: APP_USERS_PATH.into(),
        body: user_assignment_body(Some(&req.user_id), &req.user_name, profile),
        description: format!("Assign {} to Luciq", req.user_name),
        notes: Vec::new(),
    })
}

/// Assigns a group to the Luciq app with the Luciq attributes. Refused for Personal attributes,
/// whose group values Okta ignores.
pub fn build_group_assignment_payload(req: &AssignmentRequest) -> Result<ApiCall, PayloadError> {
    check_okta_id("groupId", &req.group_id)?;
    if req.scope == Scope::Personal {
        return Err(PayloadError::new(
            "personal-scope",
            "The Luciq attributes are Personal (scope SELF): Okta ignores values set on a group assignment, \
             and members would be provisioned without a role. Make them Group attributes (scope NONE) first.",
        ));
    }
    let priority = req.priority.unwrap_or(0);
    if priority < 0 {
        return Err(PayloadError::new(
            "invalid-priority",
            format!("priority {priority} must be 0 or more (0 wins)"),
        ));
    }
    let profile = profile(req)?;
    Ok(ApiCall {
        method: Method::Put,
        path: APP_GROUP_PATH.into(),
        body: json!({"priority": priority, "profile": profile}),
        description: format!("Assign group {} to Luciq with priority {priority}", req.group_id),
        notes: vec![
            "When a user is in several assigned groups, the group with the lowest priority number sets the values".into(),
        ],
    })
}
