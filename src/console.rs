//! The Okta admin console: the one place for its labels, and the checklist of every step the
//! vendor's flow asks for, with the exact value to type next to each label.
//!
//! Sources: `../shared/DOMAIN.md` §1 (the vendor's two doc versions and Luciq's basic SCIM page)
//! and §4 (the console's labels, from help.okta.com). Where a source is silent or was cut off,
//! the step says so and is marked `confirmed: false`; no label is made up.
//!
//! The attribute values come from the same request the schema payload is built from
//! (`crate::okta::schema`), and the checklist carries the findings that payload would be refused
//! with, so what the admin types by hand and what the API would send cannot drift apart.

use serde::{Deserialize, Serialize};

use crate::okta::schema::{build_schema_payload, SchemaRequest};
use crate::okta::Finding;
use crate::profile::{
    builtin_roles, luciq_profile, AttributeSpec, DataType, Role, Scope, Setup, ADMIN_ROLE_VALUE,
    APPS_ATTRIBUTE,
};

// Menus, pages and tabs.
pub const DIRECTORY: &str = "Directory";
pub const PROFILE_EDITOR: &str = "Profile Editor";
pub const APPLICATIONS: &str = "Applications";
pub const PROVISIONING: &str = "Provisioning";
pub const TO_APP: &str = "To App";
pub const MAPPINGS: &str = "Mappings";
pub const ASSIGNMENTS: &str = "Assignments";
pub const EDIT: &str = "Edit";

// Provisioning settings (Luciq's basic SCIM page and the current doc's prerequisite).
pub const SCIM_CONNECTOR_BASE_URL: &str = "SCIM connector base URL";
pub const UNIQUE_IDENTIFIER_FIELD: &str = "Unique identifier field for users";
pub const PUSH_NEW_USERS: &str = "Push New Users";
pub const PUSH_PROFILE_UPDATES: &str = "Push Profile Updates";
pub const AUTHENTICATION_MODE: &str = "Authentication Mode";
pub const HTTP_HEADER: &str = "HTTP Header";
pub const CREATE_USERS: &str = "Create Users";
pub const UPDATE_USER_ATTRIBUTES: &str = "Update User Attributes";
pub const DEACTIVATE_USERS: &str = "Deactivate Users";

// The "Add Attribute" dialog.
pub const ADD_ATTRIBUTE: &str = "Add Attribute";
pub const DATA_TYPE: &str = "Data type";
/// The attribute's display name, and the display name of each "Attribute members" row.
pub const DISPLAY_NAME: &str = "Display name";
pub const VARIABLE_NAME: &str = "Variable name";
pub const EXTERNAL_NAME: &str = "External name";
pub const EXTERNAL_NAMESPACE: &str = "External namespace";
pub const DESCRIPTION: &str = "Description";
/// The enum checkbox (the vendor's docs call it "Enum").
pub const ENUM: &str = "Define enumerated list of values";
pub const ATTRIBUTE_MEMBERS: &str = "Attribute members";
/// The value of one "Attribute members" row.
pub const MEMBER_VALUE: &str = "Value";
pub const ADD_ANOTHER: &str = "Add Another";
pub const ATTRIBUTE_REQUIRED: &str = "Attribute required";
/// Shown for array data types.
pub const GROUP_PRIORITY: &str = "Group Priority";
/// Okta's `union: DISABLE`.
pub const USE_GROUP_PRIORITY: &str = "Use Group Priority";
/// Okta's `union: ENABLE` (refused with the Personal attribute type).
pub const COMBINE_VALUES_ACROSS_GROUPS: &str = "Combine values across groups";
pub const ATTRIBUTE_TYPE: &str = "Attribute type";
/// Attribute type `SELF` (the older console: "Scope: User personal").
pub const PERSONAL: &str = "Personal";
/// Attribute type `NONE`.
pub const GROUP: &str = "Group";
pub const SAVE: &str = "Save";
pub const SAVE_AND_ADD_ANOTHER: &str = "Save and Add Another";

// The assignment flow.
pub const ASSIGN: &str = "Assign";
pub const ASSIGN_TO_PEOPLE: &str = "Assign to People";
pub const ASSIGN_TO_GROUPS: &str = "Assign to Groups";
pub const SAVE_AND_GO_BACK: &str = "Save and Go Back";
pub const DONE: &str = "Done";

/// The mapping the older doc opens under Mappings (its text: "OKTA User to Instabug").
pub const OLDER_DOC_MAPPING: &str = "Okta User to Instabug";

/// Every console label above, for tables that locate fields by their visible label.
pub const ALL_LABELS: &[&str] = &[
    DIRECTORY,
    PROFILE_EDITOR,
    APPLICATIONS,
    PROVISIONING,
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
    OLDER_DOC_MAPPING,
];

/// A checkbox's value in the checklist.
pub const CHECKED: &str = "checked";
pub const UNCHECKED: &str = "unchecked";

/// What Luciq calls the values the admin copies from Luciq (its basic SCIM page).
pub const LUCIQ_SCIM_BASE_URL: &str = "SCIM basic URL";
pub const LUCIQ_SCIM_TOKEN: &str = "SCIM token";
/// The value Luciq's basic SCIM page gives for "Unique identifier field for users".
pub const UNIQUE_IDENTIFIER_VALUE: &str = "email";

/// The console path of the current doc's prerequisite, as the profile states it.
pub fn update_user_attributes_prerequisite(app_label: &str) -> String {
    format!("{APPLICATIONS} → {app_label} → {PROVISIONING} → {EDIT} → enable \"{UPDATE_USER_ATTRIBUTES}\"")
}

/// What the checklist is for.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ChecklistRequest {
    #[serde(default)]
    pub setup: Setup,
    #[serde(default)]
    pub scope: Scope,
    /// The role table; defaults to the built-in Luciq roles.
    #[serde(default)]
    pub roles: Option<Vec<Role>>,
    /// The exact Luciq app names for the apps enum; no enum when absent or empty.
    #[serde(default)]
    pub catalog: Option<Vec<String>>,
}

impl ChecklistRequest {
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

/// Which document a step follows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum SourceKind {
    /// The current version of Luciq's "Advanced SCIM provisioning" page.
    CurrentDoc,
    /// The older version of that page (written for "Instabug").
    OlderDoc,
    /// Luciq's basic SCIM provisioning page.
    BasicScimDoc,
    /// Okta's own console documentation (help.okta.com), not the vendor's.
    OktaConsole,
}

const ADVANCED_DOC_URL: &str = "https://docs.luciq.ai/organization-settings/user-management/scim-provisioning/advanced-scim-provisioning";
const BASIC_DOC_URL: &str =
    "https://docs.luciq.ai/organization-settings/user-management/scim-provisioning";
const OKTA_HELP_URL: &str = "https://help.okta.com";

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
        };
        Source { kind, title, url }
    }

    /// The advanced-provisioning page of a setup.
    fn advanced(setup: Setup) -> Self {
        Source::new(match setup {
            Setup::Current => SourceKind::CurrentDoc,
            Setup::Legacy => SourceKind::OlderDoc,
        })
    }
}

/// How the admin enters a field's value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Input {
    /// Type (or paste) the value.
    Text,
    /// Pick the option with this text; with `options`, pick one of them per user.
    Select,
    /// Check or uncheck the box: the value is `checked` or `unchecked`.
    Checkbox,
    /// Click the item with this text.
    Click,
    /// Copy it from Luciq: the value names what Luciq calls it; there is nothing to copy here.
    FromLuciq,
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
    /// `false` where the value is this tool's default, not a published fact.
    pub confirmed: bool,
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
            note: None,
            errors: Vec::new(),
        }
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
}

/// One step of the console flow.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Step {
    /// Stable id: `saml`, `scim-connection`, `to-app`, `update-user-attributes`,
    /// `open-profile`, `role-attribute`, `apps-attribute`, `mapping`, `assign-people`,
    /// `assign-groups`.
    pub id: &'static str,
    pub title: String,
    /// Where in the console, e.g. "Directory → Profile Editor → Luciq User".
    pub location: String,
    /// What to do there, with the buttons to press.
    pub action: String,
    pub fields: Vec<Field>,
    pub source: Source,
    /// `false` where the source is silent or was cut off: the step is this tool's best reading.
    pub confirmed: bool,
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
    value: String,
    confirmed: bool,
    note: Option<String>,
}

fn q(label: &str) -> String {
    format!("\"{label}\"")
}

/// The console checklist for a setup, attribute type, role table and app catalog.
pub fn console_checklist(req: &ChecklistRequest) -> Checklist {
    let profile = luciq_profile(req.setup);
    let roles = req.roles.clone().unwrap_or_else(builtin_roles);
    let catalog: Option<&[String]> = req.catalog.as_deref().filter(|c| !c.is_empty());
    let app = profile.app_label;
    let app_path = format!("{APPLICATIONS} → {app}");
    let provisioning_path = format!("{app_path} → {PROVISIONING}");
    let profile_path = format!("{DIRECTORY} → {PROFILE_EDITOR} → {}", profile.app_profile);
    let advanced = Source::advanced(req.setup);

    let mut notes: Vec<String> = profile.unknowns.iter().map(|u| u.to_string()).collect();
    notes.push(format!(
        "The Luciq app is a custom SAML app built with Okta's App Integration Wizard: its label in Okta is whatever it was given there; the vendor's doc calls it {}.",
        q(app)
    ));
    let (findings, refusal) = match build_schema_payload(&req.schema_request()) {
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
        id: "saml",
        title: "Set up SAML for Luciq first".into(),
        location: app_path.clone(),
        action: format!(
            "Luciq's SCIM setup starts from a working SAML app for Luciq (built with Okta's App Integration Wizard). Open it under {}.",
            q(APPLICATIONS)
        ),
        fields: Vec::new(),
        source: Source::new(SourceKind::BasicScimDoc),
        confirmed: true,
        note: None,
    });

    steps.push(Step {
        id: "scim-connection",
        title: "Enable SCIM and connect it to Luciq".into(),
        location: provisioning_path.clone(),
        action: format!(
            "Enable SCIM provisioning for the app, then fill the SCIM connection with the values from Luciq's SCIM settings and click {}.",
            q(SAVE)
        ),
        fields: vec![
            Field::new(SCIM_CONNECTOR_BASE_URL, LUCIQ_SCIM_BASE_URL, Input::FromLuciq)
                .note(format!("Copy Luciq's {} here.", q(LUCIQ_SCIM_BASE_URL))),
            Field::text(UNIQUE_IDENTIFIER_FIELD, UNIQUE_IDENTIFIER_VALUE),
            Field::checkbox(PUSH_NEW_USERS, true),
            Field::checkbox(PUSH_PROFILE_UPDATES, true),
            Field::select(AUTHENTICATION_MODE, HTTP_HEADER),
            Field::new(HTTP_HEADER, LUCIQ_SCIM_TOKEN, Input::FromLuciq).note(
                "Paste the token Luciq gives for SCIM (the label of the token box under HTTP Header is not in the docs this tool follows).",
            ),
        ],
        source: Source::new(SourceKind::BasicScimDoc),
        confirmed: true,
        note: Some(
            "Luciq's page says to enable SCIM in Okta but not where the switch is in the console. Do this before adding the attributes: the External name and External namespace fields need provisioning enabled, and Okta silently leaves an attribute without them out of what it sends.".into(),
        ),
    });

    steps.push(Step {
        id: "to-app",
        title: "Let Okta create and deactivate Luciq users".into(),
        location: format!("{provisioning_path} → {TO_APP}"),
        action: format!("Click {}, enable these and click {}.", q(EDIT), q(SAVE)),
        fields: vec![
            Field::checkbox(CREATE_USERS, true),
            Field::checkbox(DEACTIVATE_USERS, true),
        ],
        source: Source::new(SourceKind::BasicScimDoc),
        confirmed: true,
        note: None,
    });

    if req.setup == Setup::Current {
        steps.push(Step {
            id: "update-user-attributes",
            title: format!("Enable {}", q(UPDATE_USER_ATTRIBUTES)),
            location: provisioning_path.clone(),
            action: format!(
                "Click {}, enable {} and click {}.",
                q(EDIT),
                q(UPDATE_USER_ATTRIBUTES),
                q(SAVE)
            ),
            fields: vec![Field::checkbox(UPDATE_USER_ATTRIBUTES, true)],
            source: Source::new(SourceKind::CurrentDoc),
            confirmed: true,
            note: Some(
                "The current doc asks for this before the attributes: Okta pushes profile changes, such as a new role or app list, only with it.".into(),
            ),
        });
    }

    steps.push(Step {
        id: "open-profile",
        title: format!("Open the {} profile", q(profile.app_profile)),
        location: format!("{DIRECTORY} → {PROFILE_EDITOR}"),
        action: format!("Click {}.", q(profile.app_profile)),
        fields: vec![Field::new(
            PROFILE_EDITOR,
            profile.app_profile,
            Input::Click,
        )],
        source: advanced,
        confirmed: true,
        note: match req.setup {
            Setup::Legacy => Some(format!(
                "The older doc next says \"Click on +Add mappings\"; the button that opens the attribute dialog is {}.",
                q(ADD_ATTRIBUTE)
            )),
            Setup::Current => None,
        },
    });

    let role_members: Vec<Member> = roles
        .iter()
        .map(|r| Member {
            title: r.title.clone(),
            value: r.value.clone(),
            confirmed: r.confirmed,
            note: if r.value == ADMIN_ROLE_VALUE {
                Some("Luciq's own spelling (missing an \"i\"): type it exactly.".into())
            } else if !r.confirmed {
                Some("Luciq has not published this value; it is this tool's default: confirm it with Luciq.".into())
            } else {
                None
            },
        })
        .collect();
    let app_members: Option<Vec<Member>> = catalog.map(|c| {
        c.iter()
            .map(|name| Member {
                title: name.clone(),
                value: name.clone(),
                confirmed: true,
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
            "roles" => (&mut role_fields, &[MEMBER_VALUE]),
            "apps" => (&mut apps_fields, &[DISPLAY_NAME, MEMBER_VALUE]),
            _ => continue,
        };
        for field in fields.iter_mut() {
            if field.member_row == Some(f.index) && labels.contains(&field.label) {
                field.errors.push(f.diagnostic.message.clone());
            }
        }
    }

    steps.push(Step {
        id: "role-attribute",
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
        note: None,
    });

    steps.push(Step {
        id: "apps-attribute",
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
        note: match catalog {
            Some(_) => None,
            None => Some(format!(
                "The enum is optional for the apps. Load the Luciq app catalog to get one {} row per app, so admins pick exact names instead of typing them.",
                q(ATTRIBUTE_MEMBERS)
            )),
        },
    });

    let push_conflict = "If the role and apps are set on each assignment (next step), leave them unmapped: Okta refuses a value set on the assignment for an attribute mapped with push (E0000075).";
    steps.push(match req.setup {
        Setup::Legacy => Step {
            id: "mapping",
            title: "Map the attributes".into(),
            location: format!("{profile_path} → {MAPPINGS}"),
            action: format!(
                "Click {}, then {}; from the drop-down choose {}, then repeat for {}. Save the mapping.",
                q(MAPPINGS),
                q(OLDER_DOC_MAPPING),
                role_spec.variable_name,
                apps_spec.variable_name
            ),
            fields: vec![
                Field::new(MAPPINGS, OLDER_DOC_MAPPING, Input::Click),
                Field::select(OLDER_DOC_MAPPING, role_spec.variable_name)
                    .note("The older doc writes it \"InstabugRole\"; the variable name is instabugRole."),
                Field::select(OLDER_DOC_MAPPING, apps_spec.variable_name).note(
                    "The older doc writes it \"InstabugApplications\"; the variable name is instabugApplications.",
                ),
            ],
            source: advanced,
            confirmed: true,
            note: Some(push_conflict.into()),
        },
        Setup::Current => Step {
            id: "mapping",
            title: "Map the attributes".into(),
            location: profile_path.clone(),
            action: format!(
                "Not known: the current doc's mapping step was cut off in the copy this tool follows, so its labels are not given here. The older doc's step was: {} → {} → choose {}, then repeat for {}.",
                q(MAPPINGS),
                q(OLDER_DOC_MAPPING),
                role_spec.variable_name,
                apps_spec.variable_name
            ),
            fields: Vec::new(),
            source: advanced,
            confirmed: false,
            note: Some(push_conflict.into()),
        },
    });

    let assign_fields = assignment_fields(role_spec, apps_spec, &roles, catalog, req.setup);
    steps.push(Step {
        id: "assign-people",
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
        note: Some("Both attributes are optional for a user.".into()),
    });

    if req.scope == Scope::Group {
        steps.push(Step {
            id: "assign-groups",
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

/// The "Add Attribute" dialog's fields for one attribute.
fn attribute_fields(
    spec: &AttributeSpec,
    setup: Setup,
    scope: Scope,
    members: Option<&[Member]>,
) -> Vec<Field> {
    let not_in_older_doc = "The older doc does not mention it; Okta sends nothing to Luciq for an attribute without it, so set it in both setups.";
    let mut external_name = Field::text(EXTERNAL_NAME, spec.external_name);
    let mut namespace = Field::text(EXTERNAL_NAMESPACE, spec.external_namespace);
    match setup {
        Setup::Legacy => {
            external_name = external_name.note(not_in_older_doc);
            namespace = namespace.note(not_in_older_doc);
        }
        Setup::Current => {
            external_name = external_name.note(
                "Not in the vendor's doc: Okta sends the value to Luciq under this name, so it is the variable name.",
            );
        }
    }
    let mut data_type = Field::select(DATA_TYPE, spec.data_type.label());
    if setup == Setup::Legacy && spec.variable_name == APPS_ATTRIBUTE {
        data_type = data_type.note("One plain string: each user gets one Luciq app.");
    }
    let mut fields = vec![
        data_type,
        Field::text(DISPLAY_NAME, spec.display_name),
        Field::text(VARIABLE_NAME, spec.variable_name),
        external_name,
        namespace,
        Field::text(DESCRIPTION, spec.description)
            .note("Optional and not in the vendor's doc: the text the schema payload sends."),
        Field::checkbox(ENUM, members.is_some()).note(if spec.enum_required {
            "Required by the vendor's doc (\"Enum\")."
        } else {
            "Optional in the vendor's doc (\"Enum\")."
        }),
    ];
    for (row, m) in members.unwrap_or_default().iter().enumerate() {
        let mut title = Field::text(DISPLAY_NAME, m.title.clone());
        title.member_row = Some(row);
        let mut value = Field::text(MEMBER_VALUE, m.value.clone());
        value.member_row = Some(row);
        value.confirmed = m.confirmed;
        value.note = m.note.clone();
        fields.push(title);
        fields.push(value);
    }
    fields.push(
        Field::checkbox(ATTRIBUTE_REQUIRED, false)
            .note("Both attributes are optional for a user (vendor doc)."),
    );
    if spec.data_type == DataType::StringArray {
        fields.push(Field::select(GROUP_PRIORITY, USE_GROUP_PRIORITY).note(format!(
            "One list per user, never merged across groups ({} is refused with the {} attribute type).",
            q(COMBINE_VALUES_ACROSS_GROUPS),
            q(PERSONAL)
        )));
    }
    fields.push(
        Field::select(ATTRIBUTE_TYPE, scope.console_label()).note(match scope {
            Scope::Personal => {
                "Set on each user only (the older console calls it \"Scope: User personal\")."
            }
            Scope::Group => "Set on each user or on a group assignment.",
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
) -> Vec<Field> {
    let mut role = Field::select(role_spec.display_name, "");
    role.options = roles.iter().map(|r| r.title.clone()).collect();
    role.note = Some(format!(
        "Okta sends the role's value: {}.",
        roles
            .iter()
            .map(|r| format!("{} → {}", r.title, r.value))
            .collect::<Vec<_>>()
            .join(", ")
    ));
    role.confirmed = roles.iter().all(|r| r.confirmed);
    let how_many = match (setup, apps_spec.data_type) {
        (Setup::Legacy, _) | (_, DataType::String) => "one Luciq app",
        (_, DataType::StringArray) => "the Luciq apps",
    };
    let apps = match catalog {
        Some(c) => {
            let mut f = Field::select(apps_spec.display_name, "");
            f.options = c.to_vec();
            f.note(format!("Choose {how_many} to give access to."))
        }
        None => Field::text(apps_spec.display_name, "").note(format!(
            "Type {how_many} to give access to, exactly as Luciq names them."
        )),
    };
    vec![role, apps]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::ROLE_ATTRIBUTE;
    use serde_json::{json, Value};

    fn request(setup: Setup, scope: Scope, catalog: Option<Vec<String>>) -> ChecklistRequest {
        ChecklistRequest {
            setup,
            scope,
            roles: None,
            catalog,
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
        c.steps.iter().map(|s| s.id).collect()
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
            let url = field(s, "SCIM connector base URL");
            assert_eq!(url.input, Input::FromLuciq);
            assert_eq!(url.value, "SCIM basic URL");
            assert_eq!(field(s, "HTTP Header").input, Input::FromLuciq);
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
        assert_eq!(field(s, "Mappings").value, "Okta User to Instabug");
        let chosen: Vec<_> = s
            .fields
            .iter()
            .filter(|f| f.label == "Okta User to Instabug")
            .map(|f| f.value.as_str())
            .collect();
        assert_eq!(chosen, ["instabugRole", "instabugApplications"]);

        let c = console_checklist(&request(Setup::Current, Scope::Personal, None));
        let s = step(&c, "mapping");
        assert!(!s.confirmed);
        assert!(s.fields.is_empty());
        assert!(s.action.contains("cut off"));
        assert!(!s.action.contains("Okta User to Luciq"));
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
            assert_eq!(s.fields[0].label, "Instabug Role");
            assert_eq!(s.fields[0].options.len(), 6);
            assert_eq!(s.fields[1].label, "Instabug Applications");
            assert_eq!(s.fields[1].input, Input::Text);
        }
    }

    #[test]
    fn every_label_is_a_console_const() {
        let display_names: Vec<&str> = luciq_profile(Setup::Current)
            .attributes
            .iter()
            .map(|a| a.display_name)
            .collect();
        for req in all_requests() {
            for s in console_checklist(&req).steps {
                for f in &s.fields {
                    assert!(
                        ALL_LABELS.contains(&f.label) || display_names.contains(&f.label),
                        "{:?} in {}",
                        f.label,
                        s.id
                    );
                }
            }
        }
        assert_eq!(Scope::Personal.console_label(), PERSONAL);
        assert_eq!(Scope::Group.console_label(), GROUP);
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
                        assert_eq!(field(s, GROUP_PRIORITY).value, USE_GROUP_PRIORITY);
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
        let all = json!({"setup": "current", "scope": "SELF", "roles": [], "catalog": []});
        serde_json::from_value::<ChecklistRequest>(all).unwrap();
        let out = serde_json::to_value(console_checklist(&req)).unwrap();
        let s = &out["steps"][4];
        assert_eq!(s["id"], "role-attribute");
        assert_eq!(s["source"]["kind"], "olderDoc");
        assert_eq!(s["fields"][0]["input"], "select");
        assert!(s["fields"][0].get("memberRow").is_some());
    }
}
