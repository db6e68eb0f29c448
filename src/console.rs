//! The Okta admin console: the one place for its labels, and the checklist of every step the
//! vendor's flow asks for, with the exact value to type next to each label.
//!
//! Sources: `../shared/DOMAIN.md` §1 (the vendor's two doc versions and Luciq's basic SCIM page)
//! and §4 (the console's labels, from help.okta.com), and the Okta help pages named in
//! [`SourceKind`]. Every field says where its value comes from (`source`); where no source says
//! it, the field is `confirmed: false` and names the [`Unconfirmed`] fact, which the profile's
//! `unknowns` lists. No label is made up: a label no source gives is itself unconfirmed.
//!
//! The attribute values come from the same request the schema payload is built from
//! (`crate::okta::schema`), and the checklist carries the findings that payload would be refused
//! with, so what the admin types by hand and what the API would send cannot drift apart.

use serde::{Deserialize, Serialize};

pub use crate::labels::*;
use crate::okta::mapping::{mapping_story, MappedFrom, MappingRequest, MappingSources};
use crate::okta::schema::{schema_refusal, SchemaRequest};
use crate::okta::{Finding, FindingField};
use crate::profile::{
    builtin_roles, luciq_profile, prerequisites, AttributeSpec, DataType, Prerequisite, Role,
    Scope, Setup, Unconfirmed, ADMIN_ROLE_VALUE, APPS_ATTRIBUTE, APPS_DISPLAY_NAME, ROLE_ATTRIBUTE,
    ROLE_DISPLAY_NAME,
};
use crate::wire::wire_enum;

// Labels that are the Luciq profile's own names: the mapping editor's rows and the
// assignment form's fields.
/// The row of each app attribute in the mapping editor, named by its variable name.
pub const ROLE_MAPPING_ROW: &str = ROLE_ATTRIBUTE;
pub const APPS_MAPPING_ROW: &str = APPS_ATTRIBUTE;
pub const INSTABUG_ROLE: &str = ROLE_DISPLAY_NAME;
pub const INSTABUG_APPLICATIONS: &str = APPS_DISPLAY_NAME;

/// Every console label (the leaf module `labels`, and the profile's names above), for tables
/// that locate fields by their visible label.
pub const ALL_LABELS: &[&str] = &[
    DIRECTORY,
    PROFILE_EDITOR,
    APPLICATIONS,
    PROVISIONING,
    GENERAL,
    APP_SETTINGS,
    SETTINGS,
    INTEGRATION,
    TO_APP,
    MAPPINGS,
    ASSIGNMENTS,
    EDIT,
    SCIM_CONNECTOR_BASE_URL,
    UNIQUE_IDENTIFIER_FIELD,
    PUSH_NEW_USERS,
    PUSH_PROFILE_UPDATES,
    AUTHENTICATION_MODE,
    HTTP_HEADER,
    AUTHORIZATION,
    CREATE_USERS,
    UPDATE_USER_ATTRIBUTES,
    DEACTIVATE_USERS,
    ADD_ATTRIBUTE,
    DATA_TYPE,
    DISPLAY_NAME,
    VARIABLE_NAME,
    EXTERNAL_NAME,
    EXTERNAL_NAMESPACE,
    DESCRIPTION,
    ENUM,
    ATTRIBUTE_MEMBERS,
    MEMBER_VALUE,
    ADD_ANOTHER,
    ATTRIBUTE_REQUIRED,
    GROUP_PRIORITY,
    USE_GROUP_PRIORITY,
    COMBINE_VALUES_ACROSS_GROUPS,
    ATTRIBUTE_TYPE,
    PERSONAL,
    GROUP,
    SAVE,
    SAVE_AND_ADD_ANOTHER,
    ASSIGN,
    ASSIGN_TO_PEOPLE,
    ASSIGN_TO_GROUPS,
    SAVE_AND_GO_BACK,
    DONE,
    OKTA_USER_TO_INSTABUG,
    OKTA_USER_TO_LUCIQ,
    ROLE_MAPPING_ROW,
    APPS_MAPPING_ROW,
    APPLY_ON_CREATE_AND_UPDATE,
    APPLY_ON_CREATE_ONLY,
    DO_NOT_MAP,
    SAVE_MAPPINGS,
    APPLY_UPDATES_NOW,
    INSTABUG_ROLE,
    INSTABUG_APPLICATIONS,
];

/// What the checklist is for.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ChecklistRequest {
    /// Default `current`.
    #[serde(default)]
    pub setup: Setup,
    /// Default `SELF` (Personal).
    #[serde(default)]
    pub scope: Scope,
    /// The role table; defaults to the built-in Luciq roles.
    #[serde(default)]
    pub roles: Option<Vec<Role>>,
    /// The exact Luciq app names for the apps enum; no enum when absent or empty.
    #[serde(default)]
    pub catalog: Option<Vec<String>>,
    /// Where the role and apps come from; by default both are set on each assignment (no mapping).
    #[serde(default)]
    pub mapping: Option<MappingSources>,
}

impl ChecklistRequest {
    /// The mapping request with the same values: the mapping step and the mapping body agree.
    pub fn mapping_request(&self) -> MappingRequest {
        self.mapping.clone().unwrap_or_default().request(
            self.setup,
            self.roles.clone(),
            self.catalog.clone(),
        )
    }

    /// The schema request with the same values: the checklist and the schema payload agree.
    pub fn schema_request(&self) -> SchemaRequest {
        SchemaRequest {
            setup: self.setup,
            roles: self.roles.clone(),
            apps: self.catalog.clone(),
            scope: self.scope,
        }
    }
}

wire_enum! {
    /// Which document a step follows.
    pub enum SourceKind {
        /// The current version of Luciq's "Advanced SCIM provisioning" page.
        CurrentDoc => "currentDoc",
        /// The older version of that page (written for "Instabug").
        OlderDoc => "olderDoc",
        /// Luciq's basic SCIM provisioning page.
        BasicScimDoc => "basicScimDoc",
        /// Okta's own console documentation (help.okta.com), not the vendor's.
        OktaConsole => "oktaConsole",
        /// Okta's help page "Add SCIM provisioning to app integrations".
        OktaScimHelp => "oktaScimHelp",
        /// Okta's help page "Map Okta attributes to app attributes in the Profile Editor".
        OktaMappingHelp => "oktaMappingHelp",
        /// Okta's help page "Profile Push" (the push drop-down's options).
        OktaPushHelp => "oktaPushHelp",
        /// Luciq's help article listing its roles.
        LuciqRoles => "luciqRoles",
        /// The values given to this tool: the role table, the app catalog, the attribute type and
        /// the mapping sources.
        YourSetup => "yourSetup",
    }
}

const ADVANCED_DOC_URL: &str = "https://docs.luciq.ai/organization-settings/user-management/scim-provisioning/advanced-scim-provisioning";
const BASIC_DOC_URL: &str =
    "https://docs.luciq.ai/organization-settings/user-management/scim-provisioning";
const OKTA_HELP_URL: &str = "https://help.okta.com";
const OKTA_SCIM_HELP_URL: &str =
    "https://help.okta.com/en-us/content/topics/apps/apps_app_integration_wizard_scim.htm";
const OKTA_MAPPING_HELP_URL: &str =
    "https://help.okta.com/en-us/Content/Topics/users-groups-profiles/usgp-map-attributes.htm";
const OKTA_PUSH_HELP_URL: &str = "https://help.okta.com/en-us/content/topics/users-groups-profiles/usgp-about-selective-profile-push.htm";
const LUCIQ_ROLES_URL: &str = "https://help.luciq.ai/en/articles/12344583";

/// Where a step comes from, to show next to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Source {
    pub kind: SourceKind,
    pub title: &'static str,
    pub url: &'static str,
}

impl Source {
    pub fn new(kind: SourceKind) -> Self {
        let (title, url) = match kind {
            SourceKind::CurrentDoc => ("Luciq: Advanced SCIM provisioning", ADVANCED_DOC_URL),
            SourceKind::OlderDoc => (
                "Luciq: Advanced SCIM provisioning (older version)",
                ADVANCED_DOC_URL,
            ),
            SourceKind::BasicScimDoc => ("Luciq: SCIM provisioning", BASIC_DOC_URL),
            SourceKind::OktaConsole => ("Okta admin console (help.okta.com)", OKTA_HELP_URL),
            SourceKind::OktaScimHelp => (
                "Okta: Add SCIM provisioning to app integrations",
                OKTA_SCIM_HELP_URL,
            ),
            SourceKind::OktaMappingHelp => (
                "Okta: Map Okta attributes to app attributes in the Profile Editor",
                OKTA_MAPPING_HELP_URL,
            ),
            SourceKind::OktaPushHelp => ("Okta: Profile Push", OKTA_PUSH_HELP_URL),
            SourceKind::LuciqRoles => ("Luciq: roles", LUCIQ_ROLES_URL),
            SourceKind::YourSetup => ("Your setup in this tool", ""),
        };
        Source { kind, title, url }
    }

    /// The advanced-provisioning page of a setup.
    fn advanced(setup: Setup) -> Self {
        Source::new(SourceKind::advanced(setup))
    }
}

impl SourceKind {
    /// The advanced-provisioning page of a setup.
    fn advanced(setup: Setup) -> Self {
        match setup {
            Setup::Current => SourceKind::CurrentDoc,
            Setup::Legacy => SourceKind::OlderDoc,
        }
    }
}

wire_enum! {
    /// How the admin enters a field's value.
    pub enum Input {
        /// Type (or paste) the value.
        Text => "text",
        /// Pick the option with this text; with `options`, pick one of them per user.
        Select => "select",
        /// Check or uncheck the box: the value is `checked` or `unchecked`.
        Checkbox => "checkbox",
        /// Click the item with this text.
        Click => "click",
        /// Copy it from Luciq: the value names what Luciq calls it; there is nothing to copy here.
        FromLuciq => "fromLuciq",
    }
}

/// One console field and what goes in it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Field {
    /// The console's label, exactly (one of the consts of this module, or an attribute's
    /// display name in the assignment form).
    pub label: &'static str,
    /// Exactly what to type, pick or click; empty when the admin picks per user from `options`.
    pub value: String,
    pub input: Input,
    /// The "Attribute members" row (0-based) this field belongs to.
    pub member_row: Option<usize>,
    /// The choices offered per user (assignment forms).
    pub options: Vec<String>,
    /// `false` where no source says it: the value (or the label) is this tool's default or
    /// reading, named by `unconfirmed`.
    pub confirmed: bool,
    /// Where the label and value come from, when a source says them.
    pub source: Option<SourceKind>,
    /// The fact this field states without a source (listed in the profile's `unknowns`).
    pub unconfirmed: Option<Unconfirmed>,
    pub note: Option<String>,
    /// Why the schema payload would refuse this value; type nothing with errors.
    pub errors: Vec<String>,
}

impl Field {
    fn new(label: &'static str, value: impl Into<String>, input: Input) -> Self {
        Field {
            label,
            value: value.into(),
            input,
            member_row: None,
            options: Vec::new(),
            confirmed: true,
            source: None,
            unconfirmed: None,
            note: None,
            errors: Vec::new(),
        }
    }

    /// Where the value comes from.
    fn from(mut self, source: SourceKind) -> Self {
        self.source = Some(source);
        self
    }

    /// No source says it: marks the fact, with its source note and why this value.
    fn unconfirmed(mut self, fact: Unconfirmed, why: &str) -> Self {
        self.confirmed = false;
        self.unconfirmed = Some(fact);
        self.note = Some(unconfirmed_note(fact, why));
        self
    }

    fn text(label: &'static str, value: impl Into<String>) -> Self {
        Field::new(label, value, Input::Text)
    }

    fn select(label: &'static str, value: impl Into<String>) -> Self {
        Field::new(label, value, Input::Select)
    }

    fn checkbox(label: &'static str, checked: bool) -> Self {
        Field::new(
            label,
            if checked { CHECKED } else { UNCHECKED },
            Input::Checkbox,
        )
    }

    fn note(mut self, note: impl Into<String>) -> Self {
        self.note = Some(note.into());
        self
    }

    /// The tag shown beside an unconfirmed value (`None` when a source says it): its fact's
    /// source note, unless the field's note gives that already (a role's own note may stand in
    /// for it), so that a view says the source once.
    pub fn unconfirmed_tag(&self) -> Option<String> {
        if self.confirmed {
            return None;
        }
        let said = |fact: Unconfirmed| {
            self.note
                .as_deref()
                .is_some_and(|n| n.contains(fact.source_note()))
        };
        Some(match self.unconfirmed {
            Some(fact) if !said(fact) => format!("(unconfirmed: {})", fact.source_note()),
            _ => "(unconfirmed)".to_string(),
        })
    }
}

wire_enum! {
    /// A checklist step's stable id, in the order of the vendor's flow.
    pub enum StepId {
        Saml => "saml",
        EnableScim => "enable-scim",
        ScimConnection => "scim-connection",
        ToApp => "to-app",
        UpdateUserAttributes => "update-user-attributes",
        OpenProfile => "open-profile",
        RoleAttribute => "role-attribute",
        AppsAttribute => "apps-attribute",
        Mapping => "mapping",
        AssignPeople => "assign-people",
        AssignGroups => "assign-groups",
    }
}

/// One step of the console flow.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Step {
    pub id: StepId,
    pub title: String,
    /// Where in the console, e.g. "Directory → Profile Editor → Luciq User".
    pub location: String,
    /// What to do there, with the buttons to press.
    pub action: String,
    pub fields: Vec<Field>,
    pub source: Source,
    /// `false` where the source is silent or was cut off: the step is this tool's best reading.
    pub confirmed: bool,
    /// The fact the step states without a source (listed in the profile's `unknowns`).
    pub unconfirmed: Option<Unconfirmed>,
    pub note: Option<String>,
}

/// Every console step for one setup, in order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Checklist {
    pub setup: Setup,
    pub scope: Scope,
    pub steps: Vec<Step>,
    /// What the admin should know about the whole flow (unpublished facts first).
    pub notes: Vec<String>,
    /// The name findings the schema payload would be refused with; empty when it would be built.
    pub findings: Vec<Finding>,
}

/// One "Attribute members" row.
struct Member {
    title: String,
    title_source: SourceKind,
    value: String,
    /// Where the value comes from; `None` when it is this tool's default.
    value_source: Option<SourceKind>,
    note: Option<String>,
}

fn q(label: &str) -> String {
    format!("\"{label}\"")
}

/// The note of an unconfirmed value: its source note first, then why this value.
pub fn unconfirmed_note(fact: Unconfirmed, why: &str) -> String {
    format!("Not confirmed ({}). {why}", fact.source_note())
}

/// The console checklist for a setup, attribute type, role table, app catalog and mapping.
pub fn console_checklist(req: &ChecklistRequest) -> Checklist {
    let profile = luciq_profile(req.setup);
    let roles = req.roles.clone().unwrap_or_else(builtin_roles);
    let catalog: Option<&[String]> = req.catalog.as_deref().filter(|c| !c.is_empty());
    let app = profile.app_label;
    let app_path = format!("{APPLICATIONS} → {app}");
    let provisioning_path = format!("{app_path} → {PROVISIONING}");
    let profile_path = format!("{DIRECTORY} → {PROFILE_EDITOR} → {}", profile.app_profile);
    let advanced = Source::advanced(req.setup);
    let doc = SourceKind::advanced(req.setup);

    let mut notes: Vec<String> = profile.unknowns.iter().map(|u| u.to_string()).collect();
    notes.push(format!(
        "The Luciq app is a custom SAML app built with Okta's App Integration Wizard: its label in Okta is whatever it was given there; the vendor's doc calls it {}.",
        q(app)
    ));
    let (findings, refusal) = match schema_refusal(&req.schema_request()) {
        Ok(_) => (Vec::new(), None),
        Err(e) => (e.diagnostics, Some(e.message)),
    };
    if let Some(message) = &refusal {
        notes.push(format!(
            "{message}. Fix these values before typing them: the schema payload refuses them too."
        ));
    }
    if req.scope == Scope::Personal {
        notes.push(format!(
            "Attribute type {}: the role and apps are set on each user's assignment; a group assignment cannot set them. Choose {} to assign through groups.",
            q(PERSONAL),
            q(GROUP)
        ));
    }

    let mut steps = Vec::new();

    steps.push(Step {
        id: StepId::Saml,
        title: "Set up SAML for Luciq first".into(),
        location: app_path.clone(),
        action: format!(
            "Luciq's SCIM setup starts from a working SAML app for Luciq (built with Okta's App Integration Wizard). Open it under {}.",
            q(APPLICATIONS)
        ),
        fields: Vec::new(),
        source: Source::new(SourceKind::BasicScimDoc),
        confirmed: true,
        unconfirmed: None,
        note: None,
    });

    steps.push(Step {
        id: StepId::EnableScim,
        title: "Turn SCIM provisioning on".into(),
        location: format!("{app_path} → {GENERAL} → {APP_SETTINGS}"),
        action: format!(
            "In {}, click {}, select {} in the {} field and click {}.",
            q(APP_SETTINGS),
            q(EDIT),
            q(SCIM_OPTION),
            q(PROVISIONING),
            q(SAVE)
        ),
        fields: vec![Field::select(PROVISIONING, SCIM_OPTION).from(SourceKind::OktaScimHelp)],
        source: Source::new(SourceKind::OktaScimHelp),
        confirmed: true,
        unconfirmed: None,
        note: Some(
            "Luciq's page says to enable SCIM in Okta; where to do it is from Okta's help for apps built with the App Integration Wizard. If the SCIM option is missing, Okta's help says to ask Okta support to enable provisioning for the org.".into(),
        ),
    });

    steps.push(Step {
        id: StepId::ScimConnection,
        title: "Connect SCIM to Luciq".into(),
        location: format!("{provisioning_path} → {SETTINGS} → {INTEGRATION}"),
        action: format!(
            "Click {}, fill the SCIM connection with the values from Luciq's SCIM settings and click {}.",
            q(EDIT),
            q(SAVE)
        ),
        fields: vec![
            Field::new(SCIM_CONNECTOR_BASE_URL, LUCIQ_SCIM_BASE_URL, Input::FromLuciq)
                .from(SourceKind::BasicScimDoc)
                .note(format!("Copy Luciq's {} here.", q(LUCIQ_SCIM_BASE_URL))),
            Field::text(UNIQUE_IDENTIFIER_FIELD, UNIQUE_IDENTIFIER_VALUE)
                .from(SourceKind::BasicScimDoc),
            Field::checkbox(PUSH_NEW_USERS, true).from(SourceKind::BasicScimDoc),
            Field::checkbox(PUSH_PROFILE_UPDATES, true).from(SourceKind::BasicScimDoc),
            Field::select(AUTHENTICATION_MODE, HTTP_HEADER).from(SourceKind::BasicScimDoc),
            Field::new(AUTHORIZATION, LUCIQ_SCIM_TOKEN, Input::FromLuciq).unconfirmed(
                Unconfirmed::TokenField,
                &format!(
                    "Paste Luciq's {} in the token field {} shows; other vendors' Okta guides call it {} and Okta sends it as a Bearer token.",
                    q(LUCIQ_SCIM_TOKEN),
                    q(HTTP_HEADER),
                    q(AUTHORIZATION)
                ),
            ),
        ],
        source: Source::new(SourceKind::BasicScimDoc),
        confirmed: true,
        unconfirmed: None,
        note: Some(format!(
            "Where: Okta's help (the Provisioning tab, {} → {}). Do this before adding the attributes: the External name and External namespace fields need provisioning enabled, and Okta silently leaves an attribute without them out of what it sends.",
            q(SETTINGS),
            q(INTEGRATION)
        )),
    });

    steps.push(Step {
        id: StepId::ToApp,
        title: "Let Okta create and deactivate Luciq users".into(),
        location: format!("{provisioning_path} → {TO_APP}"),
        action: format!("Click {}, enable these and click {}.", q(EDIT), q(SAVE)),
        fields: vec![
            Field::checkbox(CREATE_USERS, true).from(SourceKind::BasicScimDoc),
            Field::checkbox(DEACTIVATE_USERS, true).from(SourceKind::BasicScimDoc),
        ],
        source: Source::new(SourceKind::BasicScimDoc),
        confirmed: true,
        unconfirmed: None,
        note: None,
    });

    // The settings the profile says come first, each as the step that turns it on.
    for p in prerequisites(req.setup) {
        steps.push(Step {
            id: match p {
                Prerequisite::UpdateUserAttributes => StepId::UpdateUserAttributes,
            },
            title: format!("Enable {}", q(p.setting())),
            location: provisioning_path.clone(),
            action: format!(
                "Click {}, enable {} and click {}.",
                q(EDIT),
                q(p.setting()),
                q(SAVE)
            ),
            fields: vec![Field::checkbox(p.setting(), true).from(SourceKind::CurrentDoc)],
            source: Source::new(SourceKind::CurrentDoc),
            confirmed: true,
            unconfirmed: None,
            note: Some(p.why().into()),
        });
    }

    steps.push(Step {
        id: StepId::OpenProfile,
        title: format!("Open the {} profile", q(profile.app_profile)),
        location: format!("{DIRECTORY} → {PROFILE_EDITOR}"),
        action: format!("Click {}.", q(profile.app_profile)),
        fields: vec![Field::new(PROFILE_EDITOR, profile.app_profile, Input::Click).from(doc)],
        source: advanced,
        confirmed: true,
        unconfirmed: None,
        note: match req.setup {
            Setup::Legacy => Some(format!(
                "The older doc next says \"Click on +Add mappings\"; the button that opens the attribute dialog is {}.",
                q(ADD_ATTRIBUTE)
            )),
            Setup::Current => None,
        },
    });

    let title_source = if req.roles.is_some() {
        SourceKind::YourSetup
    } else {
        SourceKind::LuciqRoles
    };
    let role_members: Vec<Member> = roles
        .iter()
        .map(|r| Member {
            title: r.title.clone(),
            title_source,
            value: r.value.clone(),
            value_source: match (r.confirmed, r.value == ADMIN_ROLE_VALUE) {
                (false, _) => None,
                (true, true) => Some(SourceKind::CurrentDoc),
                (true, false) => Some(SourceKind::YourSetup),
            },
            note: (r.value == ADMIN_ROLE_VALUE)
                .then(|| "Luciq's own spelling (missing an \"i\"): type it exactly.".into()),
        })
        .collect();
    let app_members: Option<Vec<Member>> = catalog.map(|c| {
        c.iter()
            .map(|name| Member {
                title: name.clone(),
                title_source: SourceKind::YourSetup,
                value: name.clone(),
                value_source: Some(SourceKind::YourSetup),
                note: None,
            })
            .collect()
    });

    let [role_spec, apps_spec] = [&profile.attributes[0], &profile.attributes[1]];
    debug_assert_eq!(apps_spec.variable_name, APPS_ATTRIBUTE);
    let mut role_fields = attribute_fields(role_spec, req.setup, req.scope, Some(&role_members));
    let mut apps_fields = attribute_fields(apps_spec, req.setup, req.scope, app_members.as_deref());
    for f in &findings {
        let (fields, labels): (&mut Vec<Field>, &[&str]) = match f.field {
            FindingField::Roles => (&mut role_fields, &[MEMBER_VALUE]),
            FindingField::Apps => (&mut apps_fields, &[DISPLAY_NAME, MEMBER_VALUE]),
            FindingField::Role => continue,
        };
        for field in fields.iter_mut() {
            if field.member_row == Some(f.index) && labels.contains(&field.label) {
                field.errors.push(f.diagnostic.message.clone());
            }
        }
    }

    steps.push(Step {
        id: StepId::RoleAttribute,
        title: format!("Add the role attribute ({})", role_spec.variable_name),
        location: profile_path.clone(),
        action: format!(
            "Click {}, fill the dialog (one {} row per role: click {} for each row after the first), then click {}.",
            q(ADD_ATTRIBUTE),
            q(ATTRIBUTE_MEMBERS),
            q(ADD_ANOTHER),
            q(SAVE_AND_ADD_ANOTHER)
        ),
        fields: role_fields,
        source: advanced,
        confirmed: true,
        unconfirmed: None,
        note: None,
    });

    steps.push(Step {
        id: StepId::AppsAttribute,
        title: format!("Add the apps attribute ({})", apps_spec.variable_name),
        location: profile_path.clone(),
        action: match catalog {
            Some(_) => format!(
                "Fill the dialog (one {} row per Luciq app, exact names: click {} for each row after the first), then click {}.",
                q(ATTRIBUTE_MEMBERS),
                q(ADD_ANOTHER),
                q(SAVE)
            ),
            None => format!("Fill the dialog, then click {}.", q(SAVE)),
        },
        fields: apps_fields,
        source: advanced,
        confirmed: true,
        unconfirmed: None,
        note: match catalog {
            Some(_) => None,
            None => Some(format!(
                "The enum is optional for the apps. Load the Luciq app catalog to get one {} row per app, so admins pick exact names instead of typing them.",
                q(ATTRIBUTE_MEMBERS)
            )),
        },
    });

    let (mapping_step, mapped) = mapping_step(req, &profile_path, &mut notes);
    steps.push(mapping_step);

    let assign_fields = assignment_fields(role_spec, apps_spec, &roles, catalog, req.setup, doc)
        .into_iter()
        .filter(|f| !mapped.contains(&f.label))
        .collect::<Vec<_>>();
    let mut assign_note = "Both attributes are optional for a user.".to_string();
    for label in &mapped {
        assign_note.push_str(&format!(
            " {} comes from the mapping: it is not on the assignment form's list here, and Okta refuses it on an assignment when it is mapped with push (403 E0000075).",
            q(label)
        ));
    }
    steps.push(Step {
        id: StepId::AssignPeople,
        title: "Assign people with their role and apps".into(),
        location: format!("{app_path} → {ASSIGNMENTS}"),
        action: format!(
            "Click {} → {}, find the user and click {}; choose the role from the drop-down and the apps, then click {} and {}.",
            q(ASSIGN),
            q(ASSIGN_TO_PEOPLE),
            q(ASSIGN),
            q(SAVE_AND_GO_BACK),
            q(DONE)
        ),
        fields: assign_fields.clone(),
        source: advanced,
        confirmed: true,
        unconfirmed: None,
        note: Some(assign_note),
    });

    if req.scope == Scope::Group {
        steps.push(Step {
            id: StepId::AssignGroups,
            title: "Assign groups with their role and apps".into(),
            location: format!("{app_path} → {ASSIGNMENTS}"),
            action: format!(
                "Click {} → {}, find the group and click {}; choose the role and the apps its members get, then click {} and {}.",
                q(ASSIGN),
                q(ASSIGN_TO_GROUPS),
                q(ASSIGN),
                q(SAVE_AND_GO_BACK),
                q(DONE)
            ),
            fields: assign_fields,
            source: Source::new(SourceKind::OktaConsole),
            confirmed: true,
            unconfirmed: None,
            note: Some(
                "Not in the vendor's docs. A user in several assigned groups gets the values of the group with the highest priority.".into(),
            ),
        });
    }

    Checklist {
        setup: req.setup,
        scope: req.scope,
        steps,
        notes,
        findings,
    }
}

/// The mapping step, told from [`mapping_story`] (the story the mapping body, curl and
/// Terraform tell), and the display names of the attributes the mapping sets.
fn mapping_step(
    req: &ChecklistRequest,
    profile_path: &str,
    notes: &mut Vec<String>,
) -> (Step, Vec<&'static str>) {
    let (tab, tab_source) = match req.setup {
        Setup::Legacy => (OKTA_USER_TO_INSTABUG, SourceKind::OlderDoc),
        Setup::Current => (OKTA_USER_TO_LUCIQ, SourceKind::OktaMappingHelp),
    };
    let mut tab_field = Field::new(MAPPINGS, tab, Input::Click).from(tab_source);
    if req.setup == Setup::Current {
        tab_field = tab_field.note(format!(
            "Okta names the tab \"Okta User to\" and the app's label (Okta's help: \"Okta User to App\"); the app is labelled {} in the current doc.",
            q("Luciq")
        ));
    }
    let mut fields = vec![tab_field];
    let mut mapped = Vec::new();
    let departure = match req.setup {
        Setup::Legacy => "The older doc maps it here (\"Choose InstabugRole\", then InstabugApplications) and also has it set on each assignment, which Okta refuses while it is mapped with push: this tool departs from the mapping step and keeps the assignment.",
        Setup::Current => "The older doc maps it here and also has it set on each assignment, which Okta refuses while it is mapped with push: this tool departs from the mapping step and keeps the assignment.",
    };
    let mut step_note = None;
    match mapping_story(&req.mapping_request()) {
        Ok(story) => {
            for m in story {
                let (row, display) = if m.attribute == ROLE_ATTRIBUTE {
                    (ROLE_MAPPING_ROW, INSTABUG_ROLE)
                } else {
                    (APPS_MAPPING_ROW, INSTABUG_APPLICATIONS)
                };
                match (m.from, &m.expression, m.push_status) {
                    (MappedFrom::Assignment, _, _) | (_, None, _) | (_, _, None) => {
                        fields.push(
                            Field::select(row, DO_NOT_MAP)
                                .from(SourceKind::OktaPushHelp)
                                .note(format!(
                                    "Leave {} unmapped: it is set on each assignment (the vendor's assignment step), and Okta refuses a value set on the assignment for an attribute mapped with push (403 E0000075). {departure} {} removes an existing mapping.",
                                    m.attribute,
                                    q(DO_NOT_MAP)
                                )),
                        );
                    }
                    (from, Some(expression), Some(push)) => {
                        mapped.push(display);
                        let source = match from {
                            MappedFrom::Attribute => Field::select(row, expression.clone()).note(
                                "The Okta user attribute to pick from the row's drop-down (or type it as the expression).",
                            ),
                            _ => Field::text(row, expression.clone()).note(
                                "Type this expression in the row's source box (group membership, first matching rule wins).",
                            ),
                        };
                        fields.push(source.from(SourceKind::YourSetup));
                        fields.push(Field::select(row, push.console_label()).unconfirmed(
                            Unconfirmed::PushChoice,
                            &format!(
                                "The push option of {}: {} keeps Luciq in step with every change of the source; {} sends the value when the user is created only.",
                                m.attribute,
                                q(APPLY_ON_CREATE_AND_UPDATE),
                                q(APPLY_ON_CREATE_ONLY)
                            ),
                        ));
                    }
                }
            }
        }
        Err(e) => {
            let text = format!(
                "The mapping was not built ({}): {}. Fix the mapping sources before mapping in the console.",
                e.code, e.message
            );
            notes.push(text.clone());
            step_note = Some(text);
        }
    }
    let action = format!(
        "Click {}, open the {} tab; in each row below pick the source or type the expression and choose the push option, then click {} and {}.",
        q(MAPPINGS),
        q(tab),
        q(SAVE_MAPPINGS),
        q(APPLY_UPDATES_NOW)
    );
    let apply_note = format!(
        "{} re-applies the mappings to every user assigned to the app (Okta pushes each of them).",
        q(APPLY_UPDATES_NOW)
    );
    let note = Some(match step_note {
        Some(n) => format!("{n} {apply_note}"),
        None => apply_note,
    });
    let step = match req.setup {
        Setup::Legacy => Step {
            id: StepId::Mapping,
            title: "Map the attributes".into(),
            location: format!("{profile_path} → {MAPPINGS} → {tab}"),
            action,
            fields,
            source: Source::new(SourceKind::OlderDoc),
            confirmed: true,
            unconfirmed: None,
            note,
        },
        Setup::Current => Step {
            id: StepId::Mapping,
            title: "Map the attributes".into(),
            location: format!("{profile_path} → {MAPPINGS} → {tab}"),
            action,
            fields,
            source: Source::new(SourceKind::CurrentDoc),
            confirmed: false,
            unconfirmed: Some(Unconfirmed::CurrentMapping),
            note: note.map(|n| unconfirmed_note(Unconfirmed::CurrentMapping, &n)),
        },
    };
    (step, mapped)
}

/// The "Add Attribute" dialog's fields for one attribute.
fn attribute_fields(
    spec: &AttributeSpec,
    setup: Setup,
    scope: Scope,
    members: Option<&[Member]>,
) -> Vec<Field> {
    let doc = SourceKind::advanced(setup);
    let external_name = Field::text(EXTERNAL_NAME, spec.external_name).unconfirmed(
        Unconfirmed::ExternalName,
        "Okta sends the value to Luciq under this name; the variable name is the only name the vendor gives.",
    );
    let namespace = match setup {
        Setup::Current => {
            Field::text(EXTERNAL_NAMESPACE, spec.external_namespace).from(SourceKind::CurrentDoc)
        }
        Setup::Legacy => Field::text(EXTERNAL_NAMESPACE, spec.external_namespace).unconfirmed(
            Unconfirmed::LegacyNamespace,
            "The older doc does not mention it; Okta sends nothing to Luciq for an attribute without it, so this tool sets the current doc's value in both setups.",
        ),
    };
    let mut data_type = Field::select(DATA_TYPE, spec.data_type.label()).from(doc);
    if setup == Setup::Legacy && spec.variable_name == APPS_ATTRIBUTE {
        data_type = data_type.note(format!(
            "One plain string (the older doc's Data type = String). That it holds one Luciq app per user is this tool's reading ({}).",
            Unconfirmed::LegacyOneApp.source_note()
        ));
    }
    let enum_field = Field::checkbox(ENUM, members.is_some());
    let enum_field = match (spec.enum_required, members.is_some()) {
        (true, _) => enum_field
            .from(doc)
            .note("Required by the vendor's doc (\"Enum\")."),
        (false, true) => enum_field
            .from(SourceKind::YourSetup)
            .note("Optional in the vendor's doc (\"Enum\"); checked for the app catalog you gave."),
        (false, false) => enum_field
            .from(doc)
            .note("Optional in the vendor's doc (\"Enum\"); no app catalog given."),
    };
    let mut fields = vec![
        data_type,
        Field::text(DISPLAY_NAME, spec.display_name).from(doc),
        Field::text(VARIABLE_NAME, spec.variable_name).from(doc),
        external_name,
        namespace,
        Field::text(DESCRIPTION, spec.description).unconfirmed(
            Unconfirmed::Description,
            "Optional: the text the schema payload sends.",
        ),
        enum_field,
    ];
    for (row, m) in members.unwrap_or_default().iter().enumerate() {
        let mut title = Field::text(DISPLAY_NAME, m.title.clone()).from(m.title_source);
        title.member_row = Some(row);
        let mut value = Field::text(MEMBER_VALUE, m.value.clone());
        value = match m.value_source {
            Some(source) => value.from(source),
            None => value.unconfirmed(
                Unconfirmed::RoleValues,
                "Luciq has not published this value: confirm it with Luciq.",
            ),
        };
        if let Some(n) = &m.note {
            value.note = Some(n.clone());
        }
        value.member_row = Some(row);
        fields.push(title);
        fields.push(value);
    }
    fields.push(
        Field::checkbox(ATTRIBUTE_REQUIRED, false)
            .from(doc)
            .note("Both attributes are optional for a user (vendor doc)."),
    );
    // Okta offers the group-priority choice for Group-scoped arrays only.
    if spec.data_type == DataType::StringArray && scope == Scope::Group {
        fields.push(
            Field::select(GROUP_PRIORITY, USE_GROUP_PRIORITY).unconfirmed(
                Unconfirmed::GroupPriority,
                &format!(
                    "One list per user, never merged across groups (not {}).",
                    q(COMBINE_VALUES_ACROSS_GROUPS)
                ),
            ),
        );
    }
    fields.push(
        Field::select(ATTRIBUTE_TYPE, scope.console_label())
            .from(SourceKind::YourSetup)
            .note(match scope {
                Scope::Personal => {
                    "Your choice in this tool (the vendor's doc does not say): set on each user only (the older console calls it \"Scope: User personal\")."
                }
                Scope::Group => "Your choice in this tool (the vendor's doc does not say): set on each user or on a group assignment.",
            }),
    );
    fields
}

/// The assignment form: the role drop-down and the apps.
fn assignment_fields(
    role_spec: &AttributeSpec,
    apps_spec: &AttributeSpec,
    roles: &[Role],
    catalog: Option<&[String]>,
    setup: Setup,
    doc: SourceKind,
) -> Vec<Field> {
    let mut role = Field::select(role_spec.display_name, "");
    role.options = roles.iter().map(|r| r.title.clone()).collect();
    let sends = format!(
        "Okta sends the role's value: {}.",
        roles
            .iter()
            .map(|r| format!("{} → {}", r.title, r.value))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let role = if roles.iter().all(|r| r.confirmed) {
        role.from(doc).note(sends)
    } else {
        role.unconfirmed(Unconfirmed::RoleValues, &sends)
    };
    let how_many = match (setup, apps_spec.data_type) {
        (Setup::Legacy, _) | (_, DataType::String) => "one Luciq app",
        (_, DataType::StringArray) => "the Luciq apps",
    };
    let apps = match catalog {
        Some(c) => {
            let mut f = Field::select(apps_spec.display_name, "").from(doc);
            f.options = c.to_vec();
            f.note(format!("Choose {how_many} to give access to."))
        }
        None => Field::text(apps_spec.display_name, "")
            .from(doc)
            .note(format!(
                "Type {how_many} to give access to, exactly as Luciq names them."
            )),
    };
    vec![role, apps]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::okta::schema::build_schema_payload;
    use crate::profile::ROLE_ATTRIBUTE;
    use serde_json::{json, Value};

    fn request(setup: Setup, scope: Scope, catalog: Option<Vec<String>>) -> ChecklistRequest {
        ChecklistRequest {
            setup,
            scope,
            roles: None,
            catalog,
            mapping: None,
        }
    }

    fn catalog() -> Vec<String> {
        vec!["Acme iOS".into(), "Acme Android".into(), "Ada's App".into()]
    }

    fn step<'a>(c: &'a Checklist, id: &str) -> &'a Step {
        c.steps
            .iter()
            .find(|s| s.id == id)
            .unwrap_or_else(|| panic!("no step {id}"))
    }

    fn field<'a>(s: &'a Step, label: &str) -> &'a Field {
        s.fields
            .iter()
            .find(|f| f.label == label && f.member_row.is_none())
            .unwrap_or_else(|| panic!("no field {label} in {}", s.id))
    }

    fn members(s: &Step, label: &str) -> Vec<String> {
        s.fields
            .iter()
            .filter(|f| f.label == label && f.member_row.is_some())
            .map(|f| f.value.clone())
            .collect()
    }

    fn ids(c: &Checklist) -> Vec<&str> {
        c.steps.iter().map(|s| s.id.as_str()).collect()
    }

    fn all_requests() -> Vec<ChecklistRequest> {
        let mut out = Vec::new();
        for setup in [Setup::Current, Setup::Legacy] {
            for scope in [Scope::Personal, Scope::Group] {
                for catalog in [None, Some(vec![]), Some(catalog())] {
                    out.push(request(setup, scope, catalog.clone()));
                    out.push(ChecklistRequest {
                        roles: Some(vec![
                            Role {
                                title: "Lead".into(),
                                value: "lead".into(),
                                confirmed: false,
                            },
                            Role {
                                title: "Admin".into(),
                                value: ADMIN_ROLE_VALUE.into(),
                                confirmed: true,
                            },
                        ]),
                        ..request(setup, scope, catalog)
                    });
                }
            }
        }
        out
    }

    #[test]
    fn steps_in_order_for_each_setup_and_scope() {
        let c = console_checklist(&request(Setup::Current, Scope::Personal, None));
        assert_eq!(
            ids(&c),
            [
                "saml",
                "enable-scim",
                "scim-connection",
                "to-app",
                "update-user-attributes",
                "open-profile",
                "role-attribute",
                "apps-attribute",
                "mapping",
                "assign-people"
            ]
        );
        let c = console_checklist(&request(Setup::Legacy, Scope::Group, None));
        assert_eq!(
            ids(&c),
            [
                "saml",
                "enable-scim",
                "scim-connection",
                "to-app",
                "open-profile",
                "role-attribute",
                "apps-attribute",
                "mapping",
                "assign-people",
                "assign-groups"
            ]
        );
        let c = console_checklist(&request(Setup::Current, Scope::Group, None));
        assert_eq!(ids(&c).last(), Some(&"assign-groups"));
        let assign = step(&c, "assign-groups");
        assert!(assign.action.contains("\"Assign to Groups\""));
        assert_eq!(assign.source.kind, SourceKind::OktaConsole);
    }

    #[test]
    fn basic_scim_setup_values() {
        for setup in [Setup::Current, Setup::Legacy] {
            let c = console_checklist(&request(setup, Scope::Personal, None));
            let s = step(&c, "scim-connection");
            assert_eq!(s.source.kind, SourceKind::BasicScimDoc);
            assert_eq!(field(s, "Unique identifier field for users").value, "email");
            assert_eq!(field(s, "Push New Users").value, "checked");
            assert_eq!(field(s, "Push Profile Updates").value, "checked");
            assert_eq!(field(s, "Authentication Mode").value, "HTTP Header");
            assert_eq!(field(s, "Authentication Mode").input, Input::Select);
            let url = field(s, "SCIM connector base URL");
            assert_eq!(url.input, Input::FromLuciq);
            assert_eq!(url.value, "SCIM basic URL");
            assert!(s.fields.iter().all(|f| f.label != "HTTP Header"));
            // The token field's label is in no source this tool follows: never shown as exact.
            let token = field(s, "Authorization");
            assert_eq!(token.input, Input::FromLuciq);
            assert!(!token.confirmed);
            assert_eq!(token.unconfirmed, Some(Unconfirmed::TokenField));
            assert!(token.note.as_deref().unwrap().contains("Bearer"));
            assert_eq!(
                s.location,
                format!(
                    "Applications → {} → Provisioning → Settings → Integration",
                    luciq_profile(setup).app_label
                )
            );
            // Turning SCIM on: cited from Okta's help, a step of its own.
            let on = step(&c, "enable-scim");
            assert_eq!(on.source.kind, SourceKind::OktaScimHelp);
            assert!(on.source.url.starts_with("https://help.okta.com/"));
            assert!(on.location.ends_with("→ General → App Settings"));
            assert_eq!(field(on, "Provisioning").value, "SCIM");
            let to_app = step(&c, "to-app");
            assert_eq!(field(to_app, "Create Users").value, "checked");
            assert_eq!(field(to_app, "Deactivate Users").value, "checked");
        }
    }

    #[test]
    fn prerequisite_only_for_current_and_same_as_the_profile() {
        let c = console_checklist(&request(Setup::Current, Scope::Personal, None));
        let s = step(&c, "update-user-attributes");
        assert_eq!(s.source.kind, SourceKind::CurrentDoc);
        assert_eq!(s.location, "Applications → Luciq → Provisioning");
        assert_eq!(field(s, "Update User Attributes").value, "checked");
        assert_eq!(
            luciq_profile(Setup::Current).prerequisites,
            ["Applications → Luciq → Provisioning → Edit → enable \"Update User Attributes\""]
        );
        let c = console_checklist(&request(Setup::Legacy, Scope::Personal, None));
        assert!(!ids(&c).contains(&"update-user-attributes"));
    }

    #[test]
    fn current_role_attribute_labels_and_values() {
        let c = console_checklist(&request(Setup::Current, Scope::Personal, None));
        let open = step(&c, "open-profile");
        assert_eq!(field(open, "Profile Editor").value, "Luciq User");
        let s = step(&c, "role-attribute");
        assert_eq!(s.location, "Directory → Profile Editor → Luciq User");
        assert_eq!(field(s, "Data type").value, "string");
        assert_eq!(field(s, "Display name").value, "Instabug Role");
        assert_eq!(field(s, "Variable name").value, "instabugRole");
        assert_eq!(field(s, "External name").value, "instabugRole");
        assert_eq!(
            field(s, "External namespace").value,
            "urn:ietf:params:scim:schemas:extension:instabug:2.0:User"
        );
        assert_eq!(
            field(s, "Define enumerated list of values").value,
            "checked"
        );
        assert_eq!(field(s, "Attribute type").value, "Personal");
        assert_eq!(
            members(s, "Display name"),
            [
                "Owner",
                "Admin",
                "Member",
                "Viewer",
                "Associate",
                "Observer"
            ]
        );
        assert_eq!(
            members(s, "Value"),
            [
                "owner",
                "adminstrator",
                "member",
                "viewer",
                "associate",
                "observer"
            ]
        );
        assert!(s.action.contains("\"Save and Add Another\""));
        assert!(s.action.contains("\"Add Another\""));
    }

    #[test]
    fn unconfirmed_roles_are_flagged() {
        let c = console_checklist(&request(Setup::Current, Scope::Personal, None));
        let s = step(&c, "role-attribute");
        for f in s.fields.iter().filter(|f| f.member_row.is_some()) {
            let confirmed = f.label == "Display name" || f.value == "adminstrator";
            assert_eq!(f.confirmed, confirmed, "{f:?}");
            if !f.confirmed {
                assert!(f.note.as_deref().unwrap().contains("not published"));
            }
        }
        let admin = s.fields.iter().find(|f| f.value == "adminstrator").unwrap();
        assert!(admin.note.as_deref().unwrap().contains("exactly"));
        let assign = step(&c, "assign-people");
        assert!(!assign.fields[0].confirmed);
    }

    #[test]
    fn an_unconfirmed_value_is_tagged_with_its_source_once() {
        let c = console_checklist(&request(Setup::Current, Scope::Personal, None));
        // The token field's note gives its source note: the tag is short.
        assert_eq!(
            field(step(&c, "scim-connection"), AUTHORIZATION)
                .unconfirmed_tag()
                .as_deref(),
            Some("(unconfirmed)")
        );
        assert_eq!(
            field(step(&c, "role-attribute"), "Data type").unconfirmed_tag(),
            None
        );
        // A note of its own in place of the source note: the tag gives the source.
        let own = Field::text(DESCRIPTION, "x")
            .unconfirmed(Unconfirmed::Description, "why")
            .note("a note of its own");
        assert_eq!(
            own.unconfirmed_tag().unwrap(),
            format!("(unconfirmed: {})", Unconfirmed::Description.source_note())
        );
    }

    #[test]
    fn apps_attribute_by_setup_and_catalog() {
        let c = console_checklist(&request(Setup::Current, Scope::Group, Some(catalog())));
        let s = step(&c, "apps-attribute");
        assert_eq!(field(s, "Data type").value, "string array");
        assert_eq!(field(s, "Group Priority").value, "Use Group Priority");
        assert_eq!(field(s, "Attribute type").value, "Group");
        assert_eq!(
            field(s, "Define enumerated list of values").value,
            "checked"
        );
        assert_eq!(members(s, "Display name"), catalog());
        assert_eq!(members(s, "Value"), catalog());
        assert!(s.note.is_none());
        assert_eq!(step(&c, "assign-people").fields[1].options, catalog());

        let c = console_checklist(&request(Setup::Legacy, Scope::Personal, None));
        let s = step(&c, "apps-attribute");
        assert_eq!(s.location, "Directory → Profile Editor → Instabug User");
        assert_eq!(field(s, "Data type").value, "string");
        assert!(s.fields.iter().all(|f| f.label != "Group Priority"));
        assert_eq!(
            field(s, "Define enumerated list of values").value,
            "unchecked"
        );
        assert!(members(s, "Value").is_empty());
        assert!(s.note.as_deref().unwrap().contains("optional"));
        assert!(field(s, "External namespace")
            .note
            .as_deref()
            .unwrap()
            .contains("older doc does not mention"));
    }

    #[test]
    fn mapping_step_by_setup() {
        let c = console_checklist(&request(Setup::Legacy, Scope::Personal, None));
        let s = step(&c, "mapping");
        assert!(s.confirmed);
        assert_eq!(s.source.kind, SourceKind::OlderDoc);
        // The tab is clicked, not picked; each attribute's row gets "Do not map".
        let tab = field(s, "Mappings");
        assert_eq!(tab.value, "Okta User to Instabug");
        assert_eq!(tab.input, Input::Click);
        assert_eq!(field(s, "instabugRole").value, "Do not map");
        assert_eq!(field(s, "instabugApplications").value, "Do not map");
        for row in ["instabugRole", "instabugApplications"] {
            let note = field(s, row).note.as_deref().unwrap();
            assert!(note.contains("departs"), "{note}");
            assert!(note.contains("E0000075"), "{note}");
        }
        assert!(s.action.contains("\"Save Mappings\""));
        assert!(s.action.contains("\"Apply updates now\""));
        assert!(!s.action.contains("choose instabugRole"));

        let c = console_checklist(&request(Setup::Current, Scope::Personal, None));
        let s = step(&c, "mapping");
        assert!(!s.confirmed);
        assert_eq!(s.unconfirmed, Some(Unconfirmed::CurrentMapping));
        assert!(s.note.as_deref().unwrap().contains("cut off"));
        assert_eq!(field(s, "Mappings").value, "Okta User to Luciq");
        assert_eq!(field(s, "instabugRole").value, "Do not map");
    }

    #[test]
    fn mapping_step_gives_the_source_and_push_choice() {
        let mut req = request(Setup::Current, Scope::Group, None);
        req.mapping = Some(MappingSources {
            role: crate::okta::mapping::Source::Attribute {
                attribute: "luciqRole".into(),
            },
            apps: crate::okta::mapping::Source::Assignment,
            push_status: crate::okta::mapping::PushStatus::DontPush,
        });
        let c = console_checklist(&req);
        let s = step(&c, "mapping");
        let rows: Vec<_> = s
            .fields
            .iter()
            .filter(|f| f.label == "instabugRole")
            .map(|f| (f.value.as_str(), f.input, f.confirmed))
            .collect();
        assert_eq!(
            rows,
            [
                ("user.luciqRole", Input::Select, true),
                ("Apply mapping on user create only", Input::Select, false)
            ]
        );
        assert_eq!(field(s, "instabugApplications").value, "Do not map");
        // The mapped role is not on the assignment form.
        let assign = step(&c, "assign-people");
        assert_eq!(assign.fields.len(), 1);
        assert_eq!(assign.fields[0].label, "Instabug Applications");
        assert!(assign
            .note
            .as_deref()
            .unwrap()
            .contains("\"Instabug Role\" comes from the mapping"));

        req.mapping.as_mut().unwrap().role = crate::okta::mapping::Source::Attribute {
            attribute: "9bad".into(),
        };
        let c = console_checklist(&req);
        assert!(c.notes.iter().any(|n| n.contains("invalid-expression")));
        assert!(step(&c, "mapping")
            .note
            .as_deref()
            .unwrap()
            .contains("9bad"));
    }

    #[test]
    fn assignment_flow_labels() {
        for setup in [Setup::Current, Setup::Legacy] {
            let c = console_checklist(&request(setup, Scope::Personal, None));
            let s = step(&c, "assign-people");
            let app = luciq_profile(setup).app_label;
            assert_eq!(s.location, format!("Applications → {app} → Assignments"));
            for label in ["Assign", "Assign to People", "Save and Go Back", "Done"] {
                assert!(s.action.contains(&format!("\"{label}\"")), "{label}");
            }
            assert_eq!(s.fields[0].label, INSTABUG_ROLE);
            assert_eq!(s.fields[0].options.len(), 6);
            assert_eq!(s.fields[1].label, "Instabug Applications");
            assert_eq!(s.fields[1].input, Input::Text);
        }
    }

    #[test]
    fn every_label_is_a_console_const() {
        for req in all_requests() {
            for s in console_checklist(&req).steps {
                for f in &s.fields {
                    assert!(ALL_LABELS.contains(&f.label), "{:?} in {}", f.label, s.id);
                }
            }
        }
        assert_eq!(Scope::Personal.console_label(), PERSONAL);
        assert_eq!(Scope::Group.console_label(), GROUP);
    }

    #[test]
    fn group_priority_only_for_group_arrays() {
        for req in all_requests() {
            let c = console_checklist(&req);
            let s = step(&c, "apps-attribute");
            let offered = s.fields.iter().any(|f| f.label == GROUP_PRIORITY);
            let array = field(s, DATA_TYPE).value == "string array";
            assert_eq!(offered, array && req.scope == Scope::Group, "{req:?}");
        }
    }

    /// The checklist says what the schema payload sends, for every kind of request.
    #[test]
    fn values_match_the_schema_payload() {
        for req in all_requests() {
            let c = console_checklist(&req);
            assert!(c.findings.is_empty());
            let body = build_schema_payload(&req.schema_request()).unwrap().body;
            let props = body["definitions"]["custom"]["properties"]
                .as_object()
                .unwrap();
            let steps = [step(&c, "role-attribute"), step(&c, "apps-attribute")];
            assert_eq!(props.len(), steps.len());
            for s in steps {
                let name = &field(s, VARIABLE_NAME).value;
                let p = &props[name.as_str()];
                assert_eq!(p["title"], json!(field(s, DISPLAY_NAME).value));
                assert_eq!(p["externalName"], json!(field(s, EXTERNAL_NAME).value));
                assert_eq!(
                    p["externalNamespace"],
                    json!(field(s, EXTERNAL_NAMESPACE).value)
                );
                assert_eq!(p["description"], json!(field(s, DESCRIPTION).value));
                let scope = [Scope::Personal, Scope::Group]
                    .into_iter()
                    .find(|sc| sc.console_label() == field(s, ATTRIBUTE_TYPE).value)
                    .unwrap();
                assert_eq!(p["scope"], json!(scope));
                assert_ne!(p["required"], json!(true));
                assert_eq!(field(s, ATTRIBUTE_REQUIRED).value, UNCHECKED);
                let items = match field(s, DATA_TYPE).value.as_str() {
                    "string" => {
                        assert_eq!(p["type"], "string");
                        assert!(s.fields.iter().all(|f| f.label != GROUP_PRIORITY));
                        p
                    }
                    "string array" => {
                        assert_eq!(p["type"], "array");
                        assert_eq!(p["items"]["type"], "string");
                        if req.scope == Scope::Group {
                            assert_eq!(field(s, GROUP_PRIORITY).value, USE_GROUP_PRIORITY);
                        }
                        assert_eq!(p["union"], "DISABLE");
                        &p["items"]
                    }
                    other => panic!("data type {other}"),
                };
                let values = members(s, MEMBER_VALUE);
                let titles = members(s, DISPLAY_NAME);
                if field(s, ENUM).value == CHECKED {
                    assert_eq!(items["enum"], json!(values));
                    let one_of: Vec<Value> = values
                        .iter()
                        .zip(&titles)
                        .map(|(v, t)| json!({"const": v, "title": t}))
                        .collect();
                    assert_eq!(items["oneOf"], json!(one_of));
                } else {
                    assert!(items.get("enum").is_none());
                    assert!(values.is_empty() && titles.is_empty());
                }
            }
            let role = step(&c, "role-attribute");
            assert_eq!(field(role, VARIABLE_NAME).value, ROLE_ATTRIBUTE);
        }
    }

    #[test]
    fn refused_values_carry_the_schema_findings() {
        let req = ChecklistRequest {
            roles: Some(vec![
                Role {
                    title: "Owner".into(),
                    value: "owner ".into(),
                    confirmed: false,
                },
                Role {
                    title: "Member".into(),
                    value: "member".into(),
                    confirmed: false,
                },
            ]),
            catalog: Some(vec!["Acme iOS".into(), "Acme iOS ".into()]),
            ..Default::default()
        };
        let c = console_checklist(&req);
        let err = build_schema_payload(&req.schema_request()).unwrap_err();
        assert_eq!(c.findings, err.diagnostics);
        assert!(c.notes.iter().any(|n| n.contains(&err.message)));
        let role = step(&c, "role-attribute");
        let admin = role
            .fields
            .iter()
            .find(|f| f.label == MEMBER_VALUE && f.member_row == Some(0))
            .unwrap();
        assert!(!admin.errors.is_empty());
        let apps = step(&c, "apps-attribute");
        let second: Vec<_> = apps
            .fields
            .iter()
            .filter(|f| f.member_row == Some(1))
            .collect();
        assert_eq!(second.len(), 2);
        assert!(second.iter().all(|f| !f.errors.is_empty()));
        assert!(apps
            .fields
            .iter()
            .filter(|f| f.member_row == Some(0))
            .all(|f| f.errors.is_empty()));

        let empty = console_checklist(&ChecklistRequest {
            roles: Some(vec![]),
            ..Default::default()
        });
        assert!(empty
            .notes
            .iter()
            .any(|n| n.contains("role table is empty")));
    }

    #[test]
    fn request_fields_and_json() {
        let req: ChecklistRequest = serde_json::from_value(json!({
            "setup": "legacy", "scope": "NONE", "catalog": ["Acme iOS"]
        }))
        .unwrap();
        assert_eq!(req.setup, Setup::Legacy);
        assert_eq!(req.scope, Scope::Group);
        let err = serde_json::from_value::<ChecklistRequest>(json!({"apps": []})).unwrap_err();
        assert!(err.to_string().contains("unknown field `apps`"));
        let all = json!({"setup": "current", "scope": "SELF", "roles": [], "catalog": [], "mapping": {"role": {"from": "assignment"}, "apps": {"from": "assignment"}}});
        serde_json::from_value::<ChecklistRequest>(all).unwrap();
        let out = serde_json::to_value(console_checklist(&req)).unwrap();
        let s = &out["steps"][5];
        assert_eq!(s["id"], "role-attribute");
        assert_eq!(s["source"]["kind"], "olderDoc");
        assert_eq!(s["fields"][0]["input"], "select");
        assert!(s["fields"][0].get("memberRow").is_some());
    }
}
