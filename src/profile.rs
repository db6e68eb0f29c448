//! The Luciq (formerly Instabug) side of the setup: the one place that states its facts.
//!
//! Sources are in `../shared/DOMAIN.md` §1. Where Luciq has not published a fact (every role value
//! but Admin's), the value here is this tool's default and is marked `confirmed: false`.

use crate::wire::wire_enum;
use serde::{Deserialize, Serialize};

use crate::labels::{APPLICATIONS, EDIT, PROVISIONING, UPDATE_USER_ATTRIBUTES};

/// The SCIM extension schema both attributes travel under (current vendor doc).
pub const SCIM_EXTENSION_URN: &str = "urn:ietf:params:scim:schemas:extension:instabug:2.0:User";
/// The SCIM core user schema.
pub const SCIM_CORE_USER_URN: &str = "urn:ietf:params:scim:schemas:core:2.0:User";
/// Variable name (and external name) of the role attribute.
pub const ROLE_ATTRIBUTE: &str = "instabugRole";
/// Variable name (and external name) of the applications attribute.
pub const APPS_ATTRIBUTE: &str = "instabugApplications";
/// Display name of the role attribute (both setups).
pub const ROLE_DISPLAY_NAME: &str = "Instabug Role";
/// Display name of the applications attribute (both setups).
pub const APPS_DISPLAY_NAME: &str = "Instabug Applications";
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

wire_enum! {
    /// Which version of the vendor's setup page the admin follows.
    #[derive(Default)]
    pub enum Setup {
        /// Today's doc: "Luciq User", apps as a string array, both attributes namespaced.
        #[default]
        Current => "current",
        /// The older doc (the seed): "Instabug User", apps as one plain string.
        Legacy => "legacy",
    }
}

wire_enum! {
    /// Okta's attribute type: who may set the value.
    #[derive(Default)]
    pub enum Scope {
        /// "Personal" ("User personal" in the older console): set per user only.
        #[default]
        Personal => "SELF",
        /// "Group": set per user or on a group assignment. Needed for group assignments.
        Group => "NONE",
    }
}

impl Scope {
    /// The label the admin console shows for this type.
    pub fn console_label(self) -> &'static str {
        match self {
            Scope::Personal => crate::labels::PERSONAL,
            Scope::Group => crate::labels::GROUP,
        }
    }
}

/// A setting to turn on before the attributes: data, from which the profile states it and the
/// console checklist builds its step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Prerequisite {
    /// The current doc: Applications → Luciq → Provisioning → Edit → "Update User Attributes".
    UpdateUserAttributes,
}

impl Prerequisite {
    /// The console's name of the setting.
    pub fn setting(self) -> &'static str {
        match self {
            Prerequisite::UpdateUserAttributes => UPDATE_USER_ATTRIBUTES,
        }
    }

    /// Why the doc asks for it.
    pub fn why(self) -> &'static str {
        match self {
            Prerequisite::UpdateUserAttributes => "The current doc asks for this before the attributes: Okta pushes profile changes, such as a new role or app list, only with it.",
        }
    }

    /// Where it is in the console, for the app labelled `app_label`.
    pub fn path(self, app_label: &str) -> String {
        format!(
            "{APPLICATIONS} → {app_label} → {PROVISIONING} → {EDIT} → enable \"{}\"",
            self.setting()
        )
    }
}

/// What a setup asks to turn on before the attributes (the vendor's doc; the older one asks
/// for nothing).
pub fn prerequisites(setup: Setup) -> &'static [Prerequisite] {
    match setup {
        Setup::Current => &[Prerequisite::UpdateUserAttributes],
        Setup::Legacy => &[],
    }
}

/// One Luciq role: the title shown to people and the value Okta sends. Read wherever a request
/// takes a role table (`roles`); unknown fields are refused.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Role {
    /// Display text, e.g. "Admin". Required.
    pub title: String,
    /// The string Okta sends, e.g. "adminstrator". Required.
    pub value: String,
    /// `false` where Luciq has not published the value and it is this tool's default. Default
    /// `false` when left out: a role given as `{title, value}` is unconfirmed.
    #[serde(default)]
    pub confirmed: bool,
}

impl Role {}

wire_enum! {
    /// The Okta data type of an attribute, as the console's "Data type" list names it.
    pub enum DataType {
        String => "string",
        StringArray => "string array",
    }
}

impl DataType {
    /// As the console's "Data type" list names it.
    pub fn label(self) -> &'static str {
        self.as_str()
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
    /// How many apps one user may hold: `null` for a list, 1 for the legacy plain string (this
    /// tool's reading, not the older doc's word: [`Unconfirmed::LegacyOneApp`]).
    pub max_apps_per_user: Option<u32>,
    pub default_scope: Scope,
    /// Steps the vendor's doc asks for before the attributes.
    pub prerequisites: Vec<String>,
    /// Every fact this tool states without a published source for this setup (what Luciq has
    /// not published, and this tool's own defaults and readings), said wherever the profile is
    /// shown: the text of each [`Unconfirmed`] that applies, in its order.
    pub unknowns: Vec<&'static str>,
}

macro_rules! unconfirmed {
    ($($variant:ident => $id:literal,)*) => {
        /// A fact this tool states although no source it follows publishes it: its own default,
        /// or its reading where the vendor's doc is silent or was cut off. The checklist marks each
        /// with `confirmed: false` and its id; the profile's `unknowns` lists each one's text.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
        pub enum Unconfirmed { $(#[serde(rename = $id)] $variant,)* }
        impl Unconfirmed {
            /// Every unconfirmed fact, in the order `unknowns` lists them.
            pub const ALL: &'static [Unconfirmed] = &[$(Unconfirmed::$variant,)*];
            pub fn as_str(self) -> &'static str {
                match self { $(Unconfirmed::$variant => $id,)* }
            }
        }
    };
}

unconfirmed! {
    RoleValues => "role-values",
    CustomRoles => "custom-roles",
    ExternalName => "external-name",
    LegacyNamespace => "legacy-external-namespace",
    Description => "description",
    GroupPriority => "group-priority",
    LegacyOneApp => "legacy-one-app",
    TokenField => "token-field",
    CurrentMapping => "current-mapping",
    PushChoice => "push-choice",
}

impl Unconfirmed {
    /// What is not known and why this tool uses the value it uses: the text of `unknowns`.
    pub fn text(self) -> &'static str {
        match self {
            Unconfirmed::RoleValues => "Role values: Luciq publishes the SCIM value of the Admin role only (\"adminstrator\"); the other values are this tool's defaults (the lowercase title): confirm them with Luciq.",
            Unconfirmed::CustomRoles => "Custom roles: whether Luciq accepts roles other than its six is not published.",
            Unconfirmed::ExternalName => "External name = the variable name (instabugRole, instabugApplications): not in the vendor's doc. Okta sends each value to Luciq keyed by its external name, and the variable name is the only name the vendor gives, so this tool uses it.",
            Unconfirmed::LegacyNamespace => "External namespace in the older setup: the older doc does not mention it. Okta leaves an attribute without one out of what it sends, so this tool uses the current doc's urn:ietf:params:scim:schemas:extension:instabug:2.0:User.",
            Unconfirmed::Description => "Description: not in the vendor's doc; the text is this tool's own (Okta does not require one).",
            Unconfirmed::GroupPriority => "Group priority of the apps list (attribute type Group): not in the vendor's doc. This tool chooses \"Use Group Priority\", so a user in several assigned groups gets one group's list, never a merge.",
            Unconfirmed::LegacyOneApp => "One app per user in the older setup: the older doc makes the apps attribute one plain string (Data type = String) but never says a user may hold only one app. This tool checks for one app per user (Okta bodies refuse more, as a String attribute holds one value; the SCIM preview warns); whether Luciq reads several apps from one string is not published.",
            Unconfirmed::TokenField => "The token field: Luciq's page says Authentication Mode = HTTP Header with Luciq's token, but neither Luciq's nor Okta's pages this tool follows name the field. Other vendors' Okta guides put the token in the \"Authorization\" field, sent as a Bearer token.",
            Unconfirmed::CurrentMapping => "The current doc's mapping step was cut off in the copy this tool follows: the mapping step follows the older doc's step and Okta's mapping editor.",
            Unconfirmed::PushChoice => "The push choice of a mapped attribute: not in the vendor's doc. This tool uses \"Apply mapping on user create and update\" unless \"Apply mapping on user create only\" is chosen; how Okta then treats a value set on the assignment of an attribute mapped on create only is not confirmed.",
        }
    }

    /// The short source note shown next to the value.
    pub fn source_note(self) -> &'static str {
        match self {
            Unconfirmed::RoleValues => {
                "not published by Luciq; this tool's default (the lowercase title)"
            }
            Unconfirmed::CustomRoles => "not published by Luciq",
            Unconfirmed::ExternalName => {
                "not in the vendor's doc; this tool's default (the variable name)"
            }
            Unconfirmed::LegacyNamespace => "not in the older doc; the current doc's value",
            Unconfirmed::Description => "not in the vendor's doc; this tool's text",
            Unconfirmed::GroupPriority => "not in the vendor's doc; this tool's choice",
            Unconfirmed::LegacyOneApp => {
                "not in the older doc; this tool's reading of Data type = String"
            }
            Unconfirmed::TokenField => {
                "not in Luciq's or Okta's pages; from other vendors' Okta guides"
            }
            Unconfirmed::CurrentMapping => {
                "cut off in the current doc; the older doc's step and Okta's mapping editor"
            }
            Unconfirmed::PushChoice => "not in the vendor's doc; this tool's default",
        }
    }

    /// Whether the fact is part of a setup's flow.
    pub fn applies_to(self, setup: Setup) -> bool {
        match self {
            Unconfirmed::LegacyNamespace | Unconfirmed::LegacyOneApp => setup == Setup::Legacy,
            // Only the current setup's apps attribute is an array, the only kind with a group priority.
            Unconfirmed::GroupPriority | Unconfirmed::CurrentMapping => setup == Setup::Current,
            _ => true,
        }
    }
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
                    value: title.to_ascii_lowercase(),
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
            display_name: ROLE_DISPLAY_NAME,
            data_type: DataType::String,
            external_name: ROLE_ATTRIBUTE,
            external_namespace: SCIM_EXTENSION_URN,
            enum_required: true,
            description: "The user's Luciq role",
        },
        AttributeSpec {
            variable_name: APPS_ATTRIBUTE,
            display_name: APPS_DISPLAY_NAME,
            data_type: apps_type,
            external_name: APPS_ATTRIBUTE,
            external_namespace: SCIM_EXTENSION_URN,
            enum_required: false,
            description: apps_description,
        },
    ];
    let prerequisites = prerequisites(setup)
        .iter()
        .map(|p| p.path(app_label))
        .collect();
    let unknowns = Unconfirmed::ALL
        .iter()
        .filter(|f| f.applies_to(setup))
        .map(|f| f.text())
        .collect();
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
