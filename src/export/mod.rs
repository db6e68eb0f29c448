//! Exports of the whole setup for admins who work outside the console: a shell script of
//! `curl` calls and Terraform HCL for the okta provider. Both start from the same request and
//! the same payload builders as everything else.

pub mod curl;
pub mod terraform;

use serde::Deserialize;

use crate::limits::{at_most, MAX_CATALOG_NAMES};
use crate::okta::assignment::{build_assignment_payload, AssignmentRequest};
pub use crate::okta::mapping::MappingSources;
use crate::okta::mapping::{build_mapping_payload, MappingRequest, Source};
use crate::okta::schema::{build_schema_payload, SchemaRequest};
use crate::okta::{check_okta_id, ApiCall, PayloadError};
use crate::profile::{Role, Scope, Setup};

/// One user to assign.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UserAssignment {
    pub user_id: String,
    pub user_name: String,
    /// The role value; not sent when absent.
    #[serde(default)]
    pub role: Option<String>,
    /// The app names; not sent when absent.
    #[serde(default)]
    pub apps: Option<Vec<String>>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ExportRequest {
    /// Default `current`.
    #[serde(default)]
    pub setup: Setup,
    /// The role table; defaults to the built-in Luciq roles. A role may leave out `confirmed`.
    #[serde(default)]
    pub roles: Option<Vec<Role>>,
    /// The Luciq app catalog: the apps enum, and what user apps are checked against.
    #[serde(default)]
    pub apps: Option<Vec<String>>,
    /// Default `SELF` (Personal).
    #[serde(default)]
    pub scope: Scope,
    /// The Okta org, e.g. `acme.okta.com` or `https://acme-admin.okta.com`.
    pub org: String,
    pub app_id: String,
    /// Default: none (no mapping call; both attributes set on each assignment).
    #[serde(default)]
    pub mapping: Option<MappingSources>,
    /// The id of the Okta user → Luciq mapping; the script asks for it when absent.
    #[serde(default)]
    pub mapping_id: Option<String>,
    /// Default: none (no assignment calls).
    #[serde(default)]
    pub users: Vec<UserAssignment>,
}

impl ExportRequest {
    pub(crate) fn schema_request(&self) -> SchemaRequest {
        SchemaRequest {
            setup: self.setup,
            roles: self.roles.clone(),
            apps: self.apps.clone(),
            scope: self.scope,
        }
    }

    pub(crate) fn mapping_request(&self) -> Option<MappingRequest> {
        self.mapping
            .as_ref()
            .map(|m| m.request(self.setup, self.roles.clone(), self.apps.clone()))
    }

    /// A user's assignment. An attribute the mapping sets is left out: Okta refuses to set a
    /// mapped, pushed attribute on an assignment (403 E0000075), and the mapping decides it anyway.
    pub(crate) fn assignment_request(&self, user: &UserAssignment) -> AssignmentRequest {
        let (role_mapped, apps_mapped) = match &self.mapping {
            Some(m) => (
                !matches!(m.role, Source::Assignment),
                !matches!(m.apps, Source::Assignment),
            ),
            None => (false, false),
        };
        AssignmentRequest {
            setup: self.setup,
            user_id: user.user_id.clone(),
            user_name: user.user_name.clone(),
            role: user.role.clone().filter(|_| !role_mapped),
            apps: user.apps.clone().filter(|_| !apps_mapped),
            catalog: self.apps.clone().filter(|a| !a.is_empty()),
            roles: self.roles.clone(),
            ..Default::default()
        }
    }

    /// Every call, in the order to make them: schema, mapping, assignments.
    pub fn calls(&self) -> Result<Vec<ApiCall>, PayloadError> {
        self.within_limits()?;
        let mut calls = vec![build_schema_payload(&self.schema_request())?];
        calls.extend(self.calls_after_schema()?);
        Ok(calls)
    }

    /// The calls after the schema's (mapping, assignments), for an export that writes the
    /// schema from its definitions: `calls` but for the first, without building its body.
    pub(crate) fn calls_after_schema(&self) -> Result<Vec<ApiCall>, PayloadError> {
        self.within_limits()?;
        let mut calls = Vec::new();
        if let Some(m) = self.mapping_request() {
            calls.push(build_mapping_payload(&m)?);
        }
        for (i, user) in self.users.iter().enumerate() {
            let req = self.assignment_request(user);
            let mut call = build_assignment_payload(&req).map_err(|mut e| {
                e.message = format!("users[{i}]: {}", e.message);
                e
            })?;
            for (given, sent, name) in [
                (
                    user.role.is_some(),
                    req.role.is_some(),
                    crate::profile::ROLE_ATTRIBUTE,
                ),
                (
                    user.apps.is_some(),
                    req.apps.is_some(),
                    crate::profile::APPS_ATTRIBUTE,
                ),
            ] {
                if given && !sent {
                    call.notes.push(format!("{name} comes from the mapping, so the value given for this user is not sent"));
                }
            }
            calls.push(call);
        }
        Ok(calls)
    }

    /// The API base URL of the org (the admin host `acme-admin.okta.com` serves the console;
    /// the API answers on `acme.okta.com`).
    pub fn org_url(&self) -> Result<String, PayloadError> {
        let host = self.org.trim();
        let host = host.strip_prefix("https://").unwrap_or(host);
        let host = host.trim_end_matches('/');
        let valid = !host.is_empty()
            && host.len() <= 253
            && host.contains('.')
            && host.split('.').all(|label| {
                !label.is_empty()
                    && !label.starts_with('-')
                    && !label.ends_with('-')
                    && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            });
        if !valid {
            return Err(PayloadError::new(
                "invalid-org",
                format!(
                    "org {:?} is not an Okta host name like acme.okta.com",
                    self.org
                ),
            ));
        }
        let host = host.to_ascii_lowercase();
        let api_host = match host.split_once('.') {
            Some((first, rest)) if first.ends_with("-admin") => {
                format!("{}.{rest}", first.trim_end_matches("-admin"))
            }
            _ => host,
        };
        Ok(format!("https://{api_host}"))
    }

    /// The limits (`crate::limits`): at most `MAX_CATALOG_NAMES` users; each builder checks its
    /// own names.
    pub(crate) fn within_limits(&self) -> Result<(), PayloadError> {
        at_most(
            || "users".into(),
            "MAX_CATALOG_NAMES",
            MAX_CATALOG_NAMES,
            self.users.len(),
            "users",
        )?;
        Ok(())
    }

    pub(crate) fn checked_ids(&self) -> Result<(), PayloadError> {
        self.within_limits()?;
        check_okta_id("appId", &self.app_id)?;
        match &self.mapping_id {
            Some(id) => check_okta_id("mappingId", id),
            None => Ok(()),
        }
    }
}
