//! The Luciq (formerly Instabug) side of the setup: the one place that states its facts.
//!
//! Sources are in `../shared/DOMAIN.md` §1. Where Luciq has not published a fact (every role value
//! but Admin's), the value here is this tool's default and is marked `confirmed: false`.

use serde::{Deserialize, Serialize};

use crate::console::update_user_attributes_prerequisite;

/// The SCIM extension schema both attributes travel under (current vendor doc).
pub const SCIM_EXTENSION_URN: &str = "urn:ietf:params:scim:schemas:extension:instabug:2.0:User";
/// The SCIM core user schema.
pub const SCIM_CORE_USER_URN: &str = "urn:ietf:params:scim:schemas:core:2.0:User";
/// Variable name (and external name) of the role attribute.
pub const ROLE_ATTRIBUTE: &str = "instabugRole";
/// Variable name (and external name) of the applications attribute.
pub const APPS_ATTRIBUTE: &str = "instabugApplications";
/// Luciq's value for the Admin role: the vendor's own spelling, missing an "i". Keep it exactly.
pub const ADMIN_ROLE_VALUE: &str = "adminstrator";
/// Role values people type for Admin that Luciq does not accept (compared case-insensitively).
pub const ADMIN_ROLE_MISSPELLINGS: [&str; 2] = ["admin", "administrator"];

/// Okta's reserved profile attribute names (help.okta.com "reserved attributes"; the list Okta
/// publishes may be longer: Okta refuses any other reserved name when the attribute is saved).
pub const RESERVED_VARIABLE_NAMES: [&str; 13] = [
    "id",
    "profile",
    "status",
    "type",
    "password",
    "credentials",
    "created",
    "activated",
    "lastlogin",
    "lastupdated",
    "_links",
    "_embedded",
    "realm",
];

/// Which version of the vendor's setup page the admin follows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Setup {
    /// Today's doc: "Luciq User", apps as a string array, both attributes namespaced.
    #[default]
    Current,
    /// The older doc (the seed): "Instabug User", apps as one plain string.
    Legacy,
}

/// Okta's attribute type: who may set the value.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Scope {
    /// "Personal" ("User personal" in the older console): set per user only.
    #[default]
    #[serde(rename = "SELF")]
    Personal,
    /// "Group": set per user or on a group assignment. Needed for group assignments.
    #[serde(rename = "NONE")]
    Group,
}

impl Scope {
    /// The label the admin console shows for this type.
    pub fn console_label(self) -> &'static str {
        match self {
            Scope::Personal => crate::console::PERSONAL,
            Scope::Group => crate::console::GROUP,
        }
    }
}

/// One Luciq role: the title shown to people and the value Okta sends.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Role {
    pub title: String,
    pub value: String,
    /// `false` where Luciq has not published the value and it is this tool's default.
    pub confirmed: bool,
}

impl Role {}

/// The Okta data type of an attribute, as the console's "Data type" list names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DataType {
    #[serde(rename = "string")]
    String,
    #[serde(rename = "string array")]
    StringArray,
}

impl DataType {
    /// As the console's "Data type" list names it.
    pub fn label(self) -> &'static str {
        match self {
            DataType::String => "string",
            DataType::StringArray => "string array",
        }
    }
}

/// One custom attribute the admin adds to the Luciq app's user profile.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AttributeSpec {
    pub variable_name: &'static str,
    pub display_name: &'static str,
    pub data_type: DataType,
    pub external_name: &'static str,
    pub external_namespace: &'static str,
    /// Whether the vendor's doc has the admin check "Enum" (required for the role, optional for apps).
    pub enum_required: bool,
    pub description: &'static str,
}

/// Everything the tool knows about Luciq for one setup.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LuciqProfile {
    pub setup: Setup,
    /// The app user profile to open in Directory → Profile Editor.
    pub app_profile: &'static str,
    /// The app's name in Okta's Applications list, as the vendor's doc names it.
    pub app_label: &'static str,
    pub attributes: Vec<AttributeSpec>,
    pub roles: Vec<Role>,
    /// How many apps one user may hold: `null` for a list, 1 for the legacy plain string.
    pub max_apps_per_user: Option<u32>,
    pub default_scope: Scope,
    /// Steps the vendor's doc asks for before the attributes.
    pub prerequisites: Vec<String>,
    /// What Luciq has not published, said wherever the profile is shown.
    pub unknowns: Vec<&'static str>,
}

/// The built-in Luciq roles. Only Admin's value is published; the others default to the
/// lowercase title and are marked unconfirmed.
pub fn builtin_roles() -> Vec<Role> {
    const TITLES: [&str; 6] = [
        "Owner",
        "Admin",
        "Member",
        "Viewer",
        "Associate",
        "Observer",
    ];
    TITLES
        .iter()
        .map(|&title| {
            if title == "Admin" {
                Role {
                    title: title.into(),
                    value: ADMIN_ROLE_VALUE.into(),
                    confirmed: true,
                }
            } else {
                Role {
                    title: title.into(),
                    value: title.to_lowercase(),
                    confirmed: false,
                }
            }
        })
        .collect()
}

/// The Luciq profile for a setup.
pub fn luciq_profile(setup: Setup) -> LuciqProfile {
    let (app_profile, app_label, apps_type, apps_description) = match setup {
        Setup::Current => (
            "Luciq User",
            "Luciq",
            DataType::StringArray,
            "The exact names of the Luciq apps this user may access",
        ),
        Setup::Legacy => (
            "Instabug User",
            "Instabug",
            DataType::String,
            "The exact name of the one Luciq app this user may access",
        ),
    };
    let attributes = vec![
        AttributeSpec {
            variable_name: ROLE_ATTRIBUTE,
            display_name: "Instabug Role",
            data_type: DataType::String,
            external_name: ROLE_ATTRIBUTE,
            external_namespace: SCIM_EXTENSION_URN,
            enum_required: true,
            description: "The user's Luciq role",
        },
        AttributeSpec {
            variable_name: APPS_ATTRIBUTE,
            display_name: "Instabug Applications",
            data_type: apps_type,
            external_name: APPS_ATTRIBUTE,
            external_namespace: SCIM_EXTENSION_URN,
            enum_required: false,
            description: apps_description,
        },
    ];
    let mut prerequisites = Vec::new();
    let mut unknowns = vec![
        "Luciq publishes the SCIM value of the Admin role only (\"adminstrator\"); the other values are this tool's defaults (the lowercase title): confirm them with Luciq.",
        "Whether Luciq accepts custom roles is not published.",
    ];
    match setup {
        Setup::Current => prerequisites.push(update_user_attributes_prerequisite(app_label)),
        Setup::Legacy => unknowns.push(
            "The older doc does not mention the external name and namespace; without them Okta does not send the attributes, so this tool sets them in both setups.",
        ),
    }
    LuciqProfile {
        setup,
        app_profile,
        app_label,
        attributes,
        roles: builtin_roles(),
        max_apps_per_user: match setup {
            Setup::Current => None,
            Setup::Legacy => Some(1),
        },
        default_scope: Scope::Personal,
        prerequisites,
        unknowns,
    }
}

/// The variable names Luciq expects, in profile order.
pub fn expected_variable_names() -> [&'static str; 2] {
    [ROLE_ATTRIBUTE, APPS_ATTRIBUTE]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn admin_is_the_only_confirmed_role() {
        let roles = builtin_roles();
        let titles: Vec<_> = roles.iter().map(|r| r.title.as_str()).collect();
        assert_eq!(
            titles,
            [
                "Owner",
                "Admin",
                "Member",
                "Viewer",
                "Associate",
                "Observer"
            ]
        );
        for role in &roles {
            assert_eq!(role.confirmed, role.title == "Admin", "{role:?}");
        }
        assert_eq!(roles[1].value, "adminstrator");
        assert_eq!(roles[2].value, "member");
    }

    #[test]
    fn setups_differ_where_the_docs_differ() {
        let current = luciq_profile(Setup::Current);
        let legacy = luciq_profile(Setup::Legacy);
        assert_eq!(current.app_profile, "Luciq User");
        assert_eq!(legacy.app_profile, "Instabug User");
        assert_eq!(current.attributes[1].data_type, DataType::StringArray);
        assert_eq!(legacy.attributes[1].data_type, DataType::String);
        assert_eq!(legacy.max_apps_per_user, Some(1));
        assert!(current.prerequisites[0].contains("Update User Attributes"));
        for a in current.attributes.iter().chain(&legacy.attributes) {
            assert_eq!(a.external_name, a.variable_name);
            assert_eq!(a.external_namespace, SCIM_EXTENSION_URN);
        }
    }
}
