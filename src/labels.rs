//! The Okta admin console's labels, exactly as the console shows them: the one place for them
//! (the checklist, the extension's filler and the exports read them here). A leaf: it imports
//! nothing from the crate, so every layer may use it. Sources: `../shared/DOMAIN.md` §4 (from
//! help.okta.com) and the Okta help pages the checklist cites; labels that are the Luciq
//! profile's own names (the mapping rows, the assignment form's fields) live in `console`.

// Menus, pages and tabs.
pub const DIRECTORY: &str = "Directory";
pub const PROFILE_EDITOR: &str = "Profile Editor";
pub const APPLICATIONS: &str = "Applications";
/// The app's Provisioning tab, and the "Provisioning" field of its General tab's App Settings.
pub const PROVISIONING: &str = "Provisioning";
/// The app's General tab (Okta help, "Add SCIM provisioning to app integrations").
pub const GENERAL: &str = "General";
pub const APP_SETTINGS: &str = "App Settings";
/// The Provisioning tab's settings list: "Integration" holds the SCIM connection.
pub const SETTINGS: &str = "Settings";
pub const INTEGRATION: &str = "Integration";
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
/// The Authentication Mode choice (a value of that drop-down, not a field).
pub const HTTP_HEADER: &str = "HTTP Header";
/// The token field shown with HTTP Header. No source this tool follows names it: it is
/// unconfirmed (the `token-field` fact) wherever it is shown.
pub const AUTHORIZATION: &str = "Authorization";
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

// The mapping editor (Okta help, "Map Okta attributes to app attributes in the Profile Editor"
// and "Profile Push"). Its tab is "Okta User to" and the app's label.
/// The older doc's tab (its text: "OKTA User to Instabug").
pub const OKTA_USER_TO_INSTABUG: &str = "Okta User to Instabug";
/// The same tab for the app labelled "Luciq" (Okta's pattern; the current doc's step was cut off).
pub const OKTA_USER_TO_LUCIQ: &str = "Okta User to Luciq";
/// The push drop-down's options (Okta's `PUSH`, `DONT_PUSH`, and no mapping).
pub const APPLY_ON_CREATE_AND_UPDATE: &str = "Apply mapping on user create and update";
pub const APPLY_ON_CREATE_ONLY: &str = "Apply mapping on user create only";
pub const DO_NOT_MAP: &str = "Do not map";
pub const SAVE_MAPPINGS: &str = "Save Mappings";
pub const APPLY_UPDATES_NOW: &str = "Apply updates now";

// The assignment form: each attribute by its display name (the profile states them).

/// A checkbox's value in the checklist.
pub const CHECKED: &str = "checked";
pub const UNCHECKED: &str = "unchecked";
/// The option of the General tab's "Provisioning" field that turns SCIM on.
pub const SCIM_OPTION: &str = "SCIM";

/// What Luciq calls the values the admin copies from Luciq (its basic SCIM page).
pub const LUCIQ_SCIM_BASE_URL: &str = "SCIM basic URL";
pub const LUCIQ_SCIM_TOKEN: &str = "SCIM token";
/// The value Luciq's basic SCIM page gives for "Unique identifier field for users".
pub const UNIQUE_IDENTIFIER_VALUE: &str = "email";
