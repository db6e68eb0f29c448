//! The JavaScript API: the only place that knows about wasm-bindgen. It turns JS values into core
//! requests and core results into plain JSON-shaped objects; failures become a JS `Error` with a
//! stable `code` (and `diagnostics` where there are some). No business logic lives here.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::limits::{self, TooLarge};
use crate::names::{try_check_names, CheckRequest};
use crate::profile::{luciq_profile, Setup};
#[cfg(feature = "payloads")]
use crate::{
    config::{catalog_from_file, config_from_json, config_to_json, Config},
    console::{console_checklist, ChecklistRequest},
    export::{curl::export_curl, terraform::export_terraform},
    okta::assignment::{
        build_assignment_payload, build_group_assignment_payload, GroupAssignmentRequest,
        UserAssignmentRequest,
    },
    okta::mapping::build_mapping_payload,
    okta::plan::plan_schema,
    okta::schema::{build_schema_delete_payload, build_schema_payload},
    okta::PayloadError,
    scim::preview_scim,
    users::{assignments_ndjson, check_users, findings_csv, fixed_csv, UsersReport, UsersRequest},
};

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
/** Which version of Luciq's setup page the admin follows: `current` (default) or `legacy` (the older "Instabug User" page). */
export type Setup = "current" | "legacy";
/** Okta attribute type: `SELF` = "Personal" (set per user), `NONE` = "Group" (also set on group assignments). */
export type Scope = "SELF" | "NONE";

export interface LuciqRole {
  /** Display text, e.g. "Admin". */
  title: string;
  /** The string Okta sends to Luciq, e.g. "adminstrator". */
  value: string;
  /** false where Luciq has not published the value and it is this tool's default. */
  confirmed: boolean;
}

/** A role as a request takes it (in any `roles`): `confirmed` may be left out (default false,
 *  unconfirmed); unknown fields are refused. */
export interface RoleInput {
  /** Display text, e.g. "Admin". */
  title: string;
  /** The string Okta sends to Luciq, e.g. "adminstrator". */
  value: string;
  /** Default false: a value Luciq has not published (checks say to confirm it with Luciq). */
  confirmed?: boolean;
}

export interface LuciqAttribute {
  variableName: string;
  displayName: string;
  /** As the console's "Data type" list names it. */
  dataType: "string" | "string array";
  externalName: string;
  externalNamespace: string;
  /** The vendor's doc has "Enum" checked (role) or optional (apps). */
  enumRequired: boolean;
  description: string;
}

export interface LuciqProfile {
  setup: Setup;
  /** The app user profile to open in Directory → Profile Editor ("Luciq User" / "Instabug User"). */
  appProfile: string;
  /** The app's label in Okta's Applications list as the vendor's doc names it. */
  appLabel: string;
  attributes: LuciqAttribute[];
  roles: LuciqRole[];
  /** null: a list of apps per user; 1: the legacy plain string. */
  maxAppsPerUser: number | null;
  defaultScope: Scope;
  prerequisites: string[];
  /** Every fact this tool states without a published source for this setup (what Luciq has not
   *  published, this tool's defaults and readings); show them wherever the profile is shown. */
  unknowns: string[];
}

export type NameKind = "app" | "role" | "variable";

export type DiagnosticCode =
  | "empty" | "edge-whitespace" | "repeated-space" | "unusual-space" | "invisible-char"
  | "control-char" | "invalid-char" | "not-nfc" | "confusable" | "typographic-punctuation"
  | "case-mismatch" | "not-in-catalog" | "duplicate" | "near-duplicate" | "list-separator"
  | "admin-role-value" | "legacy-single-app" | "variable-name-invalid" | "variable-name-reserved"
  | "variable-name-mismatch" | "unconfirmed-value" | "too-many-findings"
  | "invalid-email" | "invalid-id" | "id-prefix" | "field-count";

export type Severity = "error" | "warning" | "info";

export interface Diagnostic {
  code: DiagnosticCode;
  severity: Severity;
  /** Names the exact character and its position, e.g. "U+200B ZERO WIDTH SPACE at 5: …". */
  message: string;
  /** UTF-16 offset (as String.prototype indexes count) of the first character concerned. */
  start: number;
  /** UTF-16 offset just past the last character concerned. */
  end: number;
  /** The whole name as it should be, where that is safe; checked again before it is offered. */
  suggestion: string | null;
  /** Other candidates, best first (nearest catalog names for "not-in-catalog"). */
  alternatives: string[];
}

export interface CheckNamesRequest {
  kind: NameKind;
  names: string[];
  /** The exact valid names. Roles default to the built-in role values; variables to the names Luciq expects. */
  catalog?: string[] | null;
  /** Default "current". */
  setup?: Setup;
  /** "user": the values entered for one user (default when a catalog is given, and for roles and
   *  variables); "catalog": the list of valid names itself (default for apps without a catalog). */
  context?: "catalog" | "user";
}

export interface NameResult {
  input: string;
  /** No error-severity diagnostic. */
  ok: boolean;
  diagnostics: Diagnostic[];
  /** The name with every safe fix applied, when that differs from the input. */
  fixed: string | null;
}

export interface CheckNamesReport {
  results: NameResult[];
  errors: number;
  warnings: number;
  infos: number;
}

/** A name finding that refused a payload, with the request field and index it came from. */
export interface Finding extends Diagnostic {
  /** Where in the request the name came from. */
  field: "role" | "roles" | "apps";
  index: number;
  input: string;
}

/** Thrown by every export on bad input: a JS Error with a stable code. */
export interface LuciqError extends Error {
  code: "invalid-request" | "invalid-names" | "no-roles" | "invalid-expression" | "legacy-single-app"
    | "invalid-id" | "invalid-user-name" | "personal-scope" | "invalid-priority" | "invalid-schema"
    | "invalid-org" | "invalid-attribute" | "empty-file" | "missing-column" | "duplicate-column"
    | "invalid-csv" | "invalid-file" | "invalid-config" | "too-large" | "internal";
  /** For "invalid-names": every error-severity finding, located. */
  diagnostics?: Finding[];
}

/** One call to Okta. `path` keeps placeholders: {appId}, {mappingId}, {groupId}. */
export interface ApiCall {
  method: "GET" | "POST" | "PUT" | "DELETE";
  path: string;
  body: any;
  description: string;
  notes: string[];
}

export interface SchemaRequest {
  /** Default "current". */
  setup?: Setup;
  /** Defaults to the built-in Luciq roles. */
  roles?: RoleInput[];
  /** Exact Luciq app names for the apps enum; no enum when absent or empty. */
  apps?: string[];
  /** Default "SELF" (Personal). */
  scope?: Scope;
}

export type AttributeSource<T> =
  | { from: "assignment" }
  | { from: "attribute"; attribute: string }
  | { from: "groups"; rules: { group: string; value: T }[]; fallback?: T | null };

export interface MappingRequest {
  role: AttributeSource<string>;
  apps: AttributeSource<string[]>;
  /** Default "PUSH". */
  pushStatus?: "PUSH" | "DONT_PUSH";
  /** Default "current". */
  setup?: Setup;
  /** The role table; defaults to the built-in Luciq roles. */
  roles?: RoleInput[];
  /** The Luciq app catalog group rules' apps must come from. */
  catalog?: string[];
}

export interface AssignmentRequest {
  /** Default "current". */
  setup?: Setup;
  userId: string;
  userName: string;
  /** The role value; left out (not sent) when absent. */
  role?: string;
  /** The app names; left out (not sent) when absent. */
  apps?: string[];
  /** The exact Luciq app names the apps must come from; without it only their characters are checked. */
  catalog?: string[];
  /** The role table; defaults to the built-in Luciq roles. */
  roles?: RoleInput[];
}

export interface GroupAssignmentRequest {
  /** Default "current". */
  setup?: Setup;
  groupId: string;
  /** Default 0 (wins over higher numbers). */
  priority?: number;
  /** Must be "NONE" (Group): Okta ignores Personal attributes on group assignments. */
  scope?: Scope;
  /** The role value; left out (not sent) when absent. */
  role?: string;
  /** The app names; left out (not sent) when absent. */
  apps?: string[];
  /** The exact Luciq app names the apps must come from; without it only their characters are checked. */
  catalog?: string[];
  /** The role table; defaults to the built-in Luciq roles. */
  roles?: RoleInput[];
}

export interface PreviewRequest {
  /** Default "current". */
  setup?: Setup;
  userName: string;
  /** The role value; left out (not sent) when absent. */
  role?: string;
  /** The app names; left out (not sent) when absent. */
  apps?: string[];
  /** Left out when absent. */
  givenName?: string;
  /** Left out when absent. */
  familyName?: string;
  /** The role table the role must come from; defaults to the built-in Luciq roles. */
  roles?: RoleInput[];
  /** The exact Luciq app names the apps must come from, when known. */
  catalog?: string[];
}

/** The SCIM preview: the user resource, and warnings that do not refuse it (in "legacy", the
 *  apps after the first: one app per user is this tool's reading, not the older doc's word). */
export interface ScimPreview {
  user: ScimUser;
  warnings: Finding[];
}

/** The SCIM 2.0 user resource Luciq receives (RFC 7643). */
export interface ScimUser {
  schemas: string[];
  userName: string;
  name?: { givenName?: string; familyName?: string };
  emails: { value: string; primary: boolean; type: string }[];
  active: boolean;
  /** Present when a role or apps are set; apps are a list in "current", one string in "legacy". */
  "urn:ietf:params:scim:schemas:extension:instabug:2.0:User"?: { instabugRole?: string; instabugApplications?: string[] | string };
}

export interface PlanRequest extends SchemaRequest {
  /** The JSON of GET /api/v1/meta/schemas/apps/{appId}/default. */
  current: any;
}

export interface PlanReason { code: string; message: string; }

export interface AttributePlan {
  attribute: "instabugRole" | "instabugApplications";
  action: "add" | "update" | "none" | "recreate";
  reasons: PlanReason[];
  /** The change deletes the attribute and every value set on assignments. */
  losesValues: boolean;
}

export interface SchemaPlan {
  attributes: AttributePlan[];
  /** The calls to make, in order (a recreate is a delete, then an add). */
  steps: ApiCall[];
  /** The body to POST next, or null when nothing is left. */
  next: any | null;
  notes: string[];
}

/** Where the role and apps come from for the mapping. */
export interface MappingSources {
  role: AttributeSource<string>;
  apps: AttributeSource<string[]>;
  /** Default "PUSH". */
  pushStatus?: "PUSH" | "DONT_PUSH";
}

export interface ExportRequest extends SchemaRequest {
  /** The Okta org host, e.g. "acme.okta.com" (an -admin host is turned into the API host). */
  org: string;
  appId: string;
  /** Default: no mapping call (both attributes set on each assignment). */
  mapping?: MappingSources;
  /** The Okta user → Luciq mapping id; the script asks for MAPPING_ID when absent. */
  mappingId?: string;
  /** Default: none (no assignment calls). */
  users?: { userId: string; userName: string; role?: string; apps?: string[] }[];
}

export interface UsersRequest {
  /** Default "current". */
  setup?: Setup;
  /** Defaults to the built-in Luciq roles. */
  roles?: RoleInput[];
  /** The exact Luciq app names; without it only the apps' characters are checked. */
  catalog?: string[] | null;
  /** The CSV text: a header with email, role, apps (any order, any case) and optionally id;
   *  apps separated by "|". */
  csv: string;
}

/** One finding about one cell. */
export interface CellFinding {
  column: "email" | "role" | "apps" | "id" | "row";
  /** A name's code, or the users file's own: "invalid-email", "field-count", "invalid-id", "id-prefix". */
  code: DiagnosticCode;
  severity: Severity;
  /** Names the exact character and its position in the cell. */
  message: string;
  /** UTF-16 offsets within the cell text (0 and 0 for "row"). */
  start: number;
  end: number;
  /** The whole cell as it should be, where that is safe. */
  suggestion: string | null;
}

export interface UserRow {
  /** The line the record starts on (the header is line 1). */
  line: number;
  email: string;
  userId: string | null;
  /** null for an empty cell: no role. */
  role: string | null;
  /** The apps cell split on "|", as written. */
  apps: string[];
  /** No error-severity finding. */
  ok: boolean;
  findings: CellFinding[];
  /** Each cell with every safe fix applied, where that changes it. */
  fixed: { email: string | null; role: string | null; apps: string | null; id: string | null } | null;
}

export interface UsersReport {
  rows: UserRow[];
  errors: number;
  warnings: number;
  infos: number;
  /** About the file as a whole (ignored columns, apps not checked against a catalog). */
  notes: string[];
}

export interface CheckUsersResult {
  report: UsersReport;
  /** One assignment call per row without errors: {line, email, userId, method, path, body}, and
   *  "lookup" (GET the user by login, then put its id in the body) when the row has no id. */
  ndjson: string;
  /** line,column,severity,code,message,value; cells that would start a formula begin with "'". */
  findingsCsv: string;
}

export interface ChecklistRequest {
  /** Default "current". */
  setup?: Setup;
  /** Default "SELF" (Personal). */
  scope?: Scope;
  /** The role table; defaults to the built-in Luciq roles. */
  roles?: RoleInput[] | null;
  /** The exact Luciq app names for the apps enum; no enum when absent or empty. */
  catalog?: string[] | null;
  /** Where the role and apps come from; default: both set on each assignment (no mapping). */
  mapping?: MappingSources | null;
}

/** Where a step or a value comes from: Luciq's advanced SCIM page (current or older version), its
 *  basic SCIM page, its roles article, Okta's console documentation (help.okta.com, or one of its
 *  pages on SCIM apps, mappings and profile push), or the values given to this tool. */
export type SourceKind = "currentDoc" | "olderDoc" | "basicScimDoc" | "oktaConsole" | "oktaScimHelp"
  | "oktaMappingHelp" | "oktaPushHelp" | "luciqRoles" | "yourSetup";

/** A fact this tool states without a published source; the profile's `unknowns` lists each. */
export type Unconfirmed = "role-values" | "custom-roles" | "external-name" | "legacy-external-namespace"
  | "description" | "group-priority" | "legacy-one-app" | "token-field" | "current-mapping" | "push-choice";

export interface Source {
  kind: SourceKind;
  title: string;
  url: string;
}

/** How the admin enters a field's value: type it, pick it, check the box ("checked" or
 *  "unchecked"), click it, or copy it from Luciq (the value names what Luciq calls it). */
export type FieldInput = "text" | "select" | "checkbox" | "click" | "fromLuciq";

/** One console field and what goes in it. */
export interface Field {
  /** The console's label, exactly. */
  label: string;
  /** Exactly what to type, pick or click; empty when the admin picks per user from `options`. */
  value: string;
  input: FieldInput;
  /** The "Attribute members" row (0-based) this field belongs to. */
  memberRow: number | null;
  /** The choices offered per user (assignment forms). */
  options: string[];
  /** false where no source says it: the value (or label) is this tool's default or reading. */
  confirmed: boolean;
  /** Where the label and value come from, when a source says them. */
  source: SourceKind | null;
  /** The fact stated without a source (listed in the profile's `unknowns`). */
  unconfirmed: Unconfirmed | null;
  /** Starts with "Not confirmed (…)." and the source note when `confirmed` is false. */
  note: string | null;
  /** Why the schema payload would refuse this value; type nothing with errors. */
  errors: string[];
}

/** One step of the console flow. */
export interface Step {
  id: "saml" | "enable-scim" | "scim-connection" | "to-app" | "update-user-attributes" | "open-profile"
    | "role-attribute" | "apps-attribute" | "mapping" | "assign-people" | "assign-groups";
  title: string;
  /** Where in the console, e.g. "Directory → Profile Editor → Luciq User". */
  location: string;
  /** What to do there, with the buttons to press. */
  action: string;
  fields: Field[];
  source: Source;
  /** false where the source is silent or was cut off: the step is this tool's best reading. */
  confirmed: boolean;
  /** The fact stated without a source (listed in the profile's `unknowns`). */
  unconfirmed: Unconfirmed | null;
  note: string | null;
}

/** Every console step for one setup, in order. */
export interface Checklist {
  setup: Setup;
  scope: Scope;
  steps: Step[];
  /** What the admin should know about the whole flow (unpublished facts first). */
  notes: string[];
  /** The name findings the schema payload would be refused with; empty when it would be built. */
  findings: Finding[];
}

/** The app names read from a catalog file, and what was skipped or chosen on the way. */
export interface CatalogFile {
  names: string[];
  notes: string[];
}

/** Where an attribute's value comes from: set on each assignment, or an Okta user attribute. */
/** What a tab shows of the Okta admin console (`readConsoleTab`, `Mount.followTab`). */
export interface ConsoleTab {
  /** `admin`: an org's admin console ({org}-admin.okta.com, …); `org`: its end-user host. */
  hostKind: "admin" | "org" | "other";
  host: string;
  /** The org's own host, e.g. "acme.okta.com"; null off Okta's domains. */
  org: string | null;
  page: "profile-editor" | "app-profile" | "app-assignments" | "app-page" | "other";
  appId: string | null;
  appName: string | null;
  /** The app page's tab, from the hash's "tab-…" (e.g. "assignments"). */
  appTab: string | null;
}

/** What the extension's filler types into the "Add Attribute" dialog (`Mount.fillPlan`): the
 * checklist's step for the attribute, and the dialog's own labels. */
export interface FillPlan extends Step {
  dialog: AttributeDialog;
}

/** The "Add Attribute" dialog's labels: heading, members group, a row's two fields, "Add
 * Another", and the fields the filler expects before it types. */
export interface AttributeDialog {
  title: string;
  members: string;
  addAnother: string;
  memberName: string;
  memberValue: string;
  required: string[];
}

/** The console's assignment form for this setup (`Mount.assignmentForm`): the fields' labels,
 * the buttons that save it, and the choices the panel offers. */
export interface AssignmentForm {
  roleLabel: string;
  appsLabel: string;
  addAnother: string;
  save: string[];
  roles: RoleChoice[];
  apps: string[];
}

/** A role as the console lists it: the enum member's display name and value. */
export interface RoleChoice {
  title: string;
  value: string;
}

/** One value of an assignment form, checked: the first error (or the duplicate warning). */
export interface ValueCheck {
  value: string;
  ok: boolean;
  code: DiagnosticCode | null;
  message: string | null;
  /** A value that passes the same check with no error. */
  suggestion: string | null;
}

/** What an assignment form holds, checked (`Mount.checkAssignment`). */
export interface AssignmentCheck {
  /** null when no role is chosen. */
  role: ValueCheck | null;
  apps: ValueCheck[];
  errors: number;
}

export type ValueFrom = "assignment" | "attribute";

/** The mapping choices, as typed. */
export interface MappingInputs {
  roleFrom: ValueFrom;
  roleAttribute: string;
  appsFrom: ValueFrom;
  appsAttribute: string;
}

/** A group assignment's inputs, as typed (the priority is checked when the body is built). */
export interface GroupInputs {
  groupId: string;
  priority: string;
  /** A role value, or "" for none. */
  role: string;
  /** App names separated by "|". */
  apps: string;
}

/** A bulk job's settings (BulkScheduler); every field has a default. */
export interface SchedulerConfig {
  concurrency?: number;
  maxAttempts?: number;
  maxRateLimited?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  rateLimitFallbackMs?: number;
  resetMarginMs?: number;
  requestTimeoutMs?: number;
  rateWindowMs?: number;
  probeBudget?: number;
  seed?: number;
}

export type RowState = "pending" | "in-flight" | "retry-wait" | "verify" | "verifying" | "done" | "failed";
export type FailReason = "rejected" | "server-errors" | "network" | "rate-limited" | "unexpected-status";
export type PauseReason = "admin" | "session-expired";

/** What the driver does next. */
export type SchedulerAction =
  | { kind: "send"; row: number; attempt: number }
  | { kind: "verify"; row: number }
  | { kind: "waitUntil"; atMs: number }
  | { kind: "idle" }
  | { kind: "paused" }
  | { kind: "finished" };

/** A response as the driver reports it: the rate-limit headers as sent (text), the JSON body. */
export interface DriverResponse {
  /** 0 when no response came (dropped connection, timeout). */
  status: number;
  limit?: string | null;
  remaining?: string | null;
  reset?: string | null;
  body?: unknown;
}

/** One row's record in the journal. */
export interface RowRecord {
  state: RowState;
  sends?: number;
  failures?: number;
  rateLimited?: number;
  readyAtMs?: number;
  sentAtMs?: number;
  status?: number;
  error?: { errorCode: string; errorSummary: string; errorCauses?: { errorSummary: string }[] };
  reason?: FailReason;
}

/** The scheduler's whole state: save it after every call (BulkScheduler.journal). */
export interface Journal {
  version: number;
  config: SchedulerConfig;
  rows: RowRecord[];
  [more: string]: unknown;
}

/** The counts for the progress bar. */
export interface Progress {
  total: number;
  done: number;
  failed: number;
  remaining: number;
  inFlight: number;
  sent: number;
  paused: PauseReason | null;
  cancelled: boolean;
  finished: boolean;
  etaMs: number | null;
}

/** What the extension read from the org through Okta's API. */
export interface OrgRead {
  schema: unknown;
  mapping?: unknown | null;
  features?: unknown[] | null;
  appUsers?: unknown[] | null;
  appGroups?: unknown[] | null;
}

export type MappingAction = "add" | "update" | "remove" | "none";

export interface MappingChange {
  attribute: string;
  action: MappingAction;
  current: { expression: string; pushStatus: string | null } | null;
  wanted: { expression: string; pushStatus: string | null } | null;
  reason: string;
}

/** Mount.applyPlan: the schema plan, the mapping's changes, every call in order. */
export interface ApplyPlan {
  schema: SchemaPlan;
  mapping: MappingChange[];
  steps: ApiCall[];
  losesValues: string[];
  notes: string[];
}

export type AuditArea = "prerequisites" | "schema" | "mapping" | "users" | "groups";
export type AssignmentKind = "user" | "group";

export interface AuditCheck {
  area: AuditArea;
  ok: boolean;
  code: string;
  message: string;
  fix: string | null;
}

/** A value on an assignment (a user's, or a group's: then userId is the group's id). */
export interface UserProblem {
  kind: AssignmentKind;
  userId: string;
  /** Empty for a group. */
  userName: string;
  attribute: string;
  value: string;
  code: string;
  message: string;
  suggestion: string | null;
}

export interface Audit {
  checks: AuditCheck[];
  users: { total: number; ok: number; failing: number; withoutValues: number };
  problems: UserProblem[];
  failures: number;
}

/** Mount.audit: the audit and its CSV (formula cells neutralised). */
export interface AuditResult {
  audit: Audit;
  csv: string;
}

/** An Okta user a search returned. */
export interface FoundUser {
  id: string;
  login?: string;
  email?: string;
}

export type BulkAction = "assign" | "update" | "unchanged" | "rejected";

export interface BulkRow {
  line: number;
  email: string;
  userId: string | null;
  action: BulkAction;
  reasons: string[];
  want: Record<string, unknown>;
  call: ApiCall | null;
}

/** Mount.bulkPlan: every row planned; `sends` are the rows the scheduler sends, in order. */
export interface BulkPlan {
  rows: BulkRow[];
  counts: { assign: number; update: number; unchanged: number; rejected: number };
  sends: number[];
}

/** Everything the page holds, saved as one file (configToJson / configFromJson). */
export interface Config {
  format: "luciq-scim-config";
  /** 1: the version this tool reads and writes. */
  version: number;
  setup: Setup;
  scope: Scope;
  roles: LuciqRole[];
  /** The exact Luciq app names. */
  catalog: string[];
  /** The Okta org, as typed (e.g. "acme.okta.com"). */
  org: string;
  /** The Okta id of the Luciq app. */
  appId: string;
  /** What the names being checked are. */
  namesKind: NameKind;
  names: string[];
  /** The users file's text. */
  usersCsv: string;
  /** The app user schema pasted from the org, as text. */
  currentSchema: string;
  mapping: MappingInputs;
  group: GroupInputs;
}
"#;

/// Installs the panic hook once the module is instantiated (run by the glue; not part of the API).
#[wasm_bindgen(start, js_name = __start)]
fn start() {
    std::panic::set_hook(Box::new(on_panic));
}

/// A panic reaches JS as an `Error` with the panic's message and the code `internal`, in every
/// build: the error is thrown from the hook, before the release build's abort would trap with a
/// bare "unreachable". The page shows it in plain words first.
fn on_panic(info: &std::panic::PanicHookInfo<'_>) {
    let what = info
        .payload()
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| info.payload().downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "panic".to_string());
    let message = match info.location() {
        Some(at) => format!("internal error: {what} (at {}:{})", at.file(), at.line()),
        None => format!("internal error: {what}"),
    };
    #[cfg(feature = "first-view")]
    crate::ui::show_internal_error(&message);
    wasm_bindgen::throw_val(error("internal", &message));
}

/// Panics with `message`: how the tests see that a panic reaches JS as an `internal` error (no
/// real input is known to panic, and each one found is fixed and kept as a test).
#[cfg(any(feature = "ui", not(feature = "first-view")))] // (not in the first view's module)
#[wasm_bindgen(js_name = __panicForTests)]
pub fn panic_for_tests(message: String) {
    panic!("{message}");
}

/// Options of `luciqProfile`.
#[derive(Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct ProfileOptions {
    #[serde(default)]
    setup: Setup,
}

/// A JS `Error` with a stable `code`.
pub(crate) fn error(code: &str, message: &str) -> JsValue {
    let err = js_sys::Error::new(message);
    // Setting a property on a fresh Error object cannot fail.
    let _ = js_sys::Reflect::set(&err, &"code".into(), &code.into());
    err.into()
}

/// Converts a JS request object. serde-wasm-bindgen reads only the fields it knows, so fields it
/// would silently skip (a misspelt `catalogue`) are refused here by name.
/// A copy without the fields set to `undefined`, which JS callers mean as "not given" (and
/// serde-wasm-bindgen would read as a value). Arrays of strings are passed through untouched.
fn without_undefined(value: &JsValue) -> JsValue {
    if let Some(array) = value.dyn_ref::<js_sys::Array>() {
        if array.length() > 0 && array.get(0).is_object() {
            return array
                .iter()
                .map(|v| without_undefined(&v))
                .collect::<js_sys::Array>()
                .into();
        }
        return value.clone();
    }
    let Some(object) = value.dyn_ref::<js_sys::Object>() else {
        return value.clone();
    };
    let copy = js_sys::Object::new();
    for key in js_sys::Object::keys(object).iter() {
        let v = js_sys::Reflect::get(object, &key).unwrap_or(JsValue::UNDEFINED);
        if !v.is_undefined() {
            let _ = js_sys::Reflect::set(&copy, &key, &without_undefined(&v));
        }
    }
    copy.into()
}

/// Converts a JS request into a core type: the one place that refuses an unknown field, at every
/// depth (`deny_unknown_fields` on the core types). serde-wasm-bindgen reads a struct's known
/// fields only, so the full API first makes the request a JSON value, whose every key serde then
/// sees. Errors name the request and the path to the field: `configToJson: roles[0]: unknown
/// field …`. The names-only module's requests are flat (no nested struct), so it checks their
/// keys against the type's own field list, which serde gives: the same refusal, without the JSON
/// detour's 15 KB gzipped.
pub(crate) fn input<T: DeserializeOwned>(value: JsValue, what: &str) -> Result<T, JsValue> {
    let value = if value.is_object() {
        without_undefined(&value)
    } else {
        value
    };
    #[cfg(feature = "payloads")]
    {
        let json: serde_json::Value = serde_wasm_bindgen::from_value(value)
            .map_err(|e| error("invalid-request", &format!("{what}: {e}")))?;
        serde_path_to_error::deserialize(json).map_err(|e| {
            let inner = e.inner().to_string();
            let mut segments: Vec<String> = e
                .path()
                .iter()
                .map(|s| match s {
                    serde_path_to_error::Segment::Seq { index } => format!("[{index}]"),
                    serde_path_to_error::Segment::Map { key } => format!(".{key}"),
                    serde_path_to_error::Segment::Enum { variant } => format!(".{variant}"),
                    serde_path_to_error::Segment::Unknown => ".?".to_string(),
                })
                .collect();
            // An unknown field's message names it: the path is where it was found.
            if inner.starts_with("unknown field") {
                segments.pop();
            }
            let path = segments.concat();
            let path = path.trim_start_matches('.');
            let message = if path.is_empty() {
                format!("{what}: {inner}")
            } else {
                format!("{what}: {path}: {inner}")
            };
            error("invalid-request", &message)
        })
    }
    #[cfg(not(feature = "payloads"))]
    {
        if let Some(object) = value.dyn_ref::<js_sys::Object>() {
            if !js_sys::Array::is_array(object) {
                let fields = struct_fields::<T>();
                for key in js_sys::Object::keys(object).iter() {
                    let key = key.as_string().unwrap_or_default();
                    if !fields.contains(&key.as_str()) {
                        let e = <serde::de::value::Error as serde::de::Error>::unknown_field(
                            &key, fields,
                        );
                        return Err(error("invalid-request", &format!("{what}: {e}")));
                    }
                }
            }
        }
        serde_wasm_bindgen::from_value(value)
            .map_err(|e| error("invalid-request", &format!("{what}: {e}")))
    }
}

/// `input` for a flat request that may be long (a names check: a million names): when every key
/// is one of the type's fields, the value is read straight into the type, without the full
/// API's JSON detour (4 µs a name); anything it refuses goes through `input` for the message
/// with its path.
fn flat_input<T: DeserializeOwned>(value: JsValue, what: &str) -> Result<T, JsValue> {
    if let Some(object) = value.dyn_ref::<js_sys::Object>() {
        let fields = struct_fields::<T>();
        let known = !js_sys::Array::is_array(object)
            && js_sys::Object::keys(object)
                .iter()
                .all(|k| k.as_string().is_some_and(|k| fields.contains(&k.as_str())));
        if known {
            if let Ok(v) = serde_wasm_bindgen::from_value(without_undefined(object)) {
                return Ok(v);
            }
        }
    }
    input(value, what)
}

/// The fields a struct type reads, as serde names them (a deserializer that only takes note of
/// the field list it is given).
fn struct_fields<T: DeserializeOwned>() -> &'static [&'static str] {
    use serde::de::{Error as _, Visitor};
    struct Probe<'a>(&'a mut &'static [&'static str]);
    impl<'de> serde::Deserializer<'de> for Probe<'_> {
        type Error = serde::de::value::Error;
        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
            Err(Self::Error::custom("not a struct"))
        }
        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Self::Error> {
            *self.0 = fields;
            Err(Self::Error::custom("fields taken"))
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
            option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
            ignored_any
        }
    }
    let mut fields: &'static [&'static str] = &[];
    let _ = T::deserialize(Probe(&mut fields));
    fields
}

/// What a JS value is, for messages: "null", "an array", "a number"…
#[cfg(feature = "payloads")]
fn kind_of(value: &JsValue) -> String {
    match value.js_typeof().as_string().unwrap_or_default().as_str() {
        _ if value.is_null() => "null".into(),
        _ if js_sys::Array::is_array(value) => "an array".into(),
        "undefined" => "undefined".into(),
        "object" => "an object".into(),
        t => format!("a {t}"),
    }
}

/// A core refusal past a limit, as a JS `Error` with the code `too-large`.
fn too_large(e: TooLarge) -> JsValue {
    error(TooLarge::CODE, &e.message())
}

/// A users request's `csv` refused past `MAX_CSV_BYTES` before it is copied into wasm.
#[cfg(feature = "payloads")]
fn users_csv_size_ok(request: &JsValue) -> Result<(), JsValue> {
    js_size_at_most(
        &field(request, "csv"),
        "The users file",
        "MAX_CSV_BYTES",
        limits::MAX_CSV_BYTES,
    )
}

/// Refuses a JS string or array past a limit before it is copied into wasm (the core checks
/// again, exactly, once it is). A string's `length` counts UTF-16 units, each at least one byte
/// of UTF-8, so a length past a byte limit is past it for sure.
fn js_size_at_most(
    value: &JsValue,
    what: &str,
    limit_name: &'static str,
    limit: usize,
) -> Result<(), JsValue> {
    let (size, unit) = if let Some(s) = value.dyn_ref::<js_sys::JsString>() {
        (s.length() as usize, "bytes or more")
    } else if let Some(a) = value.dyn_ref::<js_sys::Array>() {
        (a.length() as usize, "names")
    } else {
        return Ok(());
    };
    limits::at_most(|| what.to_string(), limit_name, limit, size, unit).map_err(too_large)
}

/// A request's field, for `js_size_at_most`.
fn field(request: &JsValue, name: &str) -> JsValue {
    if request.is_object() {
        js_sys::Reflect::get(request, &name.into()).unwrap_or(JsValue::UNDEFINED)
    } else {
        JsValue::UNDEFINED
    }
}

/// A string argument, or an `invalid-request` error naming it.
#[cfg(feature = "payloads")]
fn text_arg(value: JsValue, what: &str, name: &str) -> Result<String, JsValue> {
    value.as_string().ok_or_else(|| {
        let message = format!("{what}: {name} is {}, expected a string", kind_of(&value));
        error("invalid-request", &message)
    })
}

/// An optional line number argument (`undefined` and `null` are none), or an `invalid-request`
/// error naming it. Lines past `usize::MAX` (u32 in wasm) saturate: no such line exists either.
#[cfg(feature = "payloads")]
fn line_number(value: Option<JsValue>, what: &str, name: &str) -> Result<Option<usize>, JsValue> {
    let Some(value) = value.filter(|v| !v.is_undefined() && !v.is_null()) else {
        return Ok(None);
    };
    match value.as_f64() {
        Some(n) if n >= 1.0 && n.fract() == 0.0 => Ok(Some(n as usize)),
        n => {
            // Numbers as JS writes them: NaN, Infinity, 2.5.
            let got = match n {
                Some(n) => String::from(
                    js_sys::Number::from(n)
                        .to_string_with_radix(10)
                        .unwrap_or_default(),
                ),
                None => kind_of(&value),
            };
            let message =
                format!("{what}: {name} is {got}, expected a line number (a whole number from 1)");
            Err(error("invalid-request", &message))
        }
    }
}

pub(crate) fn output<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| error("internal", &e.to_string()))
}

/** The built-in Luciq profile for a setup: `luciqProfile({setup: "current"})`. */
#[cfg(any(feature = "ui", not(feature = "first-view")))] // (not in the first view's module)
#[wasm_bindgen(js_name = luciqProfile, unchecked_return_type = "LuciqProfile")]
pub fn luciq_profile_js(
    #[wasm_bindgen(unchecked_param_type = "{ setup?: Setup } | undefined")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let options: ProfileOptions = if options.is_undefined() || options.is_null() {
        ProfileOptions::default()
    } else {
        input(options, "luciqProfile")?
    };
    output(&luciq_profile(options.setup))
}

/// Grows wasm memory once for a large list instead of 64 KiB at a time: Node 20 runs a full GC
/// on nearly every memory grow past 64 MiB (1,833 of them, 104 s, for a first 1M-name call; see
/// benches/RESULTS.md). The allocator keeps the freed block for the call that follows.
fn reserve_for_names(request: &JsValue) {
    /// About what one checked name takes in wasm memory, request and report together.
    const BYTES_PER_NAME: usize = 600;
    let names = js_sys::Reflect::get(request, &"names".into()).unwrap_or(JsValue::UNDEFINED);
    if let Some(names) = names.dyn_ref::<js_sys::Array>() {
        let bytes = (names.length() as usize)
            .saturating_mul(BYTES_PER_NAME)
            .min(1 << 30);
        if bytes > 16 << 20 {
            // `black_box`: at opt-level 3 LLVM removes an allocation that is freed unused, and
            // the memory was no longer grown (489 full GCs, 40 s, for a first 1M-name call).
            let room = Vec::<u8>::with_capacity(bytes);
            drop(std::hint::black_box(room));
        }
    }
}

/// A names request's lists refused past their limits before they are copied into wasm; then
/// room made for them (`reserve_for_names`).
fn names_request_ok(request: &JsValue) -> Result<(), JsValue> {
    js_size_at_most(
        &field(request, "names"),
        "names",
        "MAX_NAMES",
        limits::MAX_NAMES,
    )?;
    js_size_at_most(
        &field(request, "catalog"),
        "catalog",
        "MAX_CATALOG_NAMES",
        limits::MAX_CATALOG_NAMES,
    )?;
    reserve_for_names(request);
    Ok(())
}

/** Checks role values, app names or Okta variable names to the character. */
#[cfg(any(feature = "ui", not(feature = "first-view")))] // (not in the first view's module)
#[wasm_bindgen(js_name = checkNames, unchecked_return_type = "CheckNamesReport")]
pub fn check_names_js(
    #[wasm_bindgen(unchecked_param_type = "CheckNamesRequest")] request: JsValue,
) -> Result<JsValue, JsValue> {
    names_request_ok(&request)?;
    let request: CheckRequest = flat_input(request, "checkNames")?;
    output(&try_check_names(&request).map_err(too_large)?)
}

/** Checks role values, app names or Okta variable names as `checkNames` does, and keeps the
report in wasm: per name a status and the index of its first copy (typed arrays), results built
for the names asked (`result`, `results`). For long lists: a million names cross as two typed
arrays instead of a million objects. Call `free()` when done with it. */
#[cfg(any(feature = "ui", not(feature = "first-view")))] // (not in the first view's module)
#[wasm_bindgen(js_name = checkNamesCompact)]
pub fn check_names_compact_js(
    #[wasm_bindgen(unchecked_param_type = "CheckNamesRequest")] request: JsValue,
) -> Result<NamesReport, JsValue> {
    names_request_ok(&request)?;
    let request: CheckRequest = match names_at_once(&request) {
        Some(names) => {
            // The rest of the request as `checkNames` reads it, with the names set aside.
            let rest = js_sys::Object::assign(&js_sys::Object::new(), request.unchecked_ref());
            let _ = js_sys::Reflect::set(&rest, &"names".into(), &js_sys::Array::new());
            let mut request: CheckRequest = flat_input(rest.into(), "checkNamesCompact")?;
            request.names = names;
            request
        }
        None => flat_input(request, "checkNamesCompact")?,
    };
    let run = crate::names::CheckRun::try_new(request).map_err(too_large)?;
    Ok(NamesReport(run.without_messages().finish_compact()))
}

// Every element a string (a hole is not: `a[i]` reads it as `undefined`): the elements joined
// with `sep`; otherwise `undefined`. One loop in JS, no call into wasm per element.
#[cfg(any(feature = "ui", not(feature = "first-view")))]
#[wasm_bindgen(
    inline_js = "export function joinedIfStrings(a, sep) {\n  for (let i = 0; i < a.length; i++) {\n    if (typeof a[i] !== 'string') return undefined;\n  }\n  return a.join(sep);\n}\n"
)]
extern "C" {
    #[wasm_bindgen(js_name = joinedIfStrings)]
    fn joined_if_strings(names: &js_sys::Array, separator: &str) -> Option<String>;
}

/// A long list's names copied into wasm as one string: the names joined with U+0000 in JS and
/// split here, instead of a crossing per name (about a third of a microsecond each, a third of
/// a second for a million). `None` (then each name crosses on its own, with its own error) when
/// the list is short, holds anything but strings, or has a name with U+0000 in it. Joining in JS
/// and crossing one by one make the same text: an unpaired surrogate becomes U+FFFD either way.
#[cfg(any(feature = "ui", not(feature = "first-view")))]
fn names_at_once(request: &JsValue) -> Option<Vec<String>> {
    const SHORT: u32 = 1000;
    let names = field(request, "names").dyn_into::<js_sys::Array>().ok()?;
    let n = names.length();
    if n < SHORT {
        return None;
    }
    // The types are looked at in JS: a Rust closure called for each element crossed twice a
    // name (a tenth of a second for a million).
    let joined = joined_if_strings(&names, "\u{0}")?;
    if joined.bytes().filter(|&b| b == 0).count() != n as usize - 1 {
        return None;
    }
    Some(joined.split('\u{0}').map(String::from).collect())
}

/** A names check kept in wasm (`checkNamesCompact`). Statuses: 0 no finding, 1 a note, 2 a
warning (no error), 3 an error. */
#[cfg(any(feature = "ui", not(feature = "first-view")))]
#[wasm_bindgen]
pub struct NamesReport(crate::names::CompactReport);

#[cfg(any(feature = "ui", not(feature = "first-view")))]
#[wasm_bindgen]
impl NamesReport {
    /** Names in the list. */
    #[wasm_bindgen(getter)]
    pub fn length(&self) -> u32 {
        self.0.len() as u32
    }

    #[wasm_bindgen(getter)]
    pub fn errors(&self) -> u32 {
        self.0.errors as u32
    }

    #[wasm_bindgen(getter)]
    pub fn warnings(&self) -> u32 {
        self.0.warnings as u32
    }

    #[wasm_bindgen(getter)]
    pub fn infos(&self) -> u32 {
        self.0.infos as u32
    }

    /** Per name, its most severe finding: 0 none, 1 a note, 2 a warning, 3 an error. */
    pub fn statuses(&self) -> js_sys::Uint8Array {
        js_sys::Uint8Array::from(self.0.statuses())
    }

    /** Per name, the index of its first copy in the list (its own index for a first copy). */
    #[wasm_bindgen(js_name = firstCopies)]
    pub fn first_copies(&self) -> js_sys::Uint32Array {
        js_sys::Uint32Array::from(self.0.first_copies())
    }

    /** Name `index`'s result, as `checkNames` gives it. */
    #[wasm_bindgen(unchecked_return_type = "NameResult")]
    pub fn result(&self, index: u32) -> Result<JsValue, JsValue> {
        let i = self.index(index)?;
        output(&self.0.result(i))
    }

    /** The results of names `start` to `end` (not included), as `checkNames` gives them. */
    #[wasm_bindgen(unchecked_return_type = "NameResult[]")]
    pub fn results(&self, start: u32, end: u32) -> Result<JsValue, JsValue> {
        let end = (end as usize).min(self.0.len());
        let start = (start as usize).min(end);
        let results: Vec<crate::names::NameResult> =
            (start..end).map(|i| self.0.result(i)).collect();
        output(&results)
    }

    /** Name `index` with every safe fix applied, when that differs from it. */
    pub fn fixed(&self, index: u32) -> Result<Option<String>, JsValue> {
        let i = self.index(index)?;
        Ok(self.0.fixed(i).map(String::from))
    }

    /** The codes of name `index`'s findings, in its result's order. */
    #[wasm_bindgen(unchecked_return_type = "DiagnosticCode[]")]
    pub fn codes(&self, index: u32) -> Result<JsValue, JsValue> {
        let i = self.index(index)?;
        output(&self.0.codes(i))
    }
}

#[cfg(any(feature = "ui", not(feature = "first-view")))]
impl NamesReport {
    fn index(&self, index: u32) -> Result<usize, JsValue> {
        let i = index as usize;
        if i < self.0.len() {
            Ok(i)
        } else {
            Err(js_sys::RangeError::new(&format!(
                "NamesReport: no name {index} (the list has {})",
                self.0.len()
            ))
            .into())
        }
    }
}

/// Turns a core refusal into a JS Error with `code` and, for name errors, `diagnostics`.
#[cfg(feature = "payloads")]
fn refused(e: PayloadError) -> JsValue {
    let err = error(e.code, &e.message);
    if !e.diagnostics.is_empty() {
        if let Ok(d) = output(&e.diagnostics) {
            let _ = js_sys::Reflect::set(&err, &"diagnostics".into(), &d);
        }
    }
    err
}

#[cfg(feature = "payloads")]
fn run<Req: DeserializeOwned, Out: Serialize>(
    value: JsValue,
    what: &str,
    f: impl FnOnce(&Req) -> Result<Out, PayloadError>,
) -> Result<JsValue, JsValue> {
    for name in ["apps", "catalog", "roles", "users"] {
        js_size_at_most(
            &field(&value, name),
            name,
            "MAX_CATALOG_NAMES",
            limits::MAX_CATALOG_NAMES,
        )?;
    }
    let req: Req = input(value, what)?;
    output(&f(&req).map_err(refused)?)
}

/** The body that adds both Luciq attributes to the app user schema. */
#[cfg(feature = "payloads")]
#[wasm_bindgen(js_name = buildSchemaPayload, unchecked_return_type = "ApiCall")]
pub fn build_schema_payload_js(
    #[wasm_bindgen(unchecked_param_type = "SchemaRequest")] request: JsValue,
) -> Result<JsValue, JsValue> {
    run(request, "buildSchemaPayload", build_schema_payload)
}

/** The body that deletes Luciq attributes (their values on every assignment are lost). */
#[cfg(feature = "payloads")]
#[wasm_bindgen(js_name = buildSchemaDeletePayload, unchecked_return_type = "ApiCall")]
pub fn build_schema_delete_js(
    #[wasm_bindgen(
        unchecked_param_type = "{ attributes: (\"instabugRole\" | \"instabugApplications\")[] }"
    )]
    request: JsValue,
) -> Result<JsValue, JsValue> {
    run(
        request,
        "buildSchemaDeletePayload",
        build_schema_delete_payload,
    )
}

/** The body of the Okta user → Luciq mapping update. */
#[cfg(feature = "payloads")]
#[wasm_bindgen(js_name = buildMappingPayload, unchecked_return_type = "ApiCall")]
pub fn build_mapping_payload_js(
    #[wasm_bindgen(unchecked_param_type = "MappingRequest")] request: JsValue,
) -> Result<JsValue, JsValue> {
    run(request, "buildMappingPayload", build_mapping_payload)
}

/** The body that assigns one user to Luciq with a role and apps (checked first). */
#[cfg(feature = "payloads")]
#[wasm_bindgen(js_name = buildAssignmentPayload, unchecked_return_type = "ApiCall")]
pub fn build_assignment_payload_js(
    #[wasm_bindgen(unchecked_param_type = "AssignmentRequest")] request: JsValue,
) -> Result<JsValue, JsValue> {
    run(
        request,
        "buildAssignmentPayload",
        |r: &UserAssignmentRequest| build_assignment_payload(&r.clone().into()),
    )
}

/** The body that assigns a group to Luciq (Group attributes only). */
#[cfg(feature = "payloads")]
#[wasm_bindgen(js_name = buildGroupAssignmentPayload, unchecked_return_type = "ApiCall")]
pub fn build_group_assignment_payload_js(
    #[wasm_bindgen(unchecked_param_type = "GroupAssignmentRequest")] request: JsValue,
) -> Result<JsValue, JsValue> {
    run(
        request,
        "buildGroupAssignmentPayload",
        |r: &GroupAssignmentRequest| build_group_assignment_payload(&r.clone().into()),
    )
}

/** The SCIM 2.0 user resource Okta will send to Luciq, with warnings. The role and apps are
checked as every builder checks them: errors throw `invalid-names` with located `diagnostics`. */
#[cfg(feature = "payloads")]
#[wasm_bindgen(js_name = previewScim, unchecked_return_type = "ScimPreview")]
pub fn preview_scim_js(
    #[wasm_bindgen(unchecked_param_type = "PreviewRequest")] request: JsValue,
) -> Result<JsValue, JsValue> {
    run(request, "previewScim", preview_scim)
}

/** What to change in the current app user schema, with every reason and the bodies in order. */
#[cfg(feature = "payloads")]
#[wasm_bindgen(js_name = planSchema, unchecked_return_type = "SchemaPlan")]
pub fn plan_schema_js(
    #[wasm_bindgen(unchecked_param_type = "PlanRequest")] request: JsValue,
) -> Result<JsValue, JsValue> {
    run(request, "planSchema", plan_schema)
}

/** A shell script of curl calls for the whole setup (token only as $OKTA_API_TOKEN). */
#[cfg(feature = "payloads")]
#[wasm_bindgen(js_name = exportCurl, unchecked_return_type = "string")]
pub fn export_curl_js(
    #[wasm_bindgen(unchecked_param_type = "ExportRequest")] request: JsValue,
) -> Result<JsValue, JsValue> {
    run(request, "exportCurl", export_curl)
}

/** Terraform HCL for the okta provider for the whole setup. */
#[cfg(feature = "payloads")]
#[wasm_bindgen(js_name = exportTerraform, unchecked_return_type = "string")]
pub fn export_terraform_js(
    #[wasm_bindgen(unchecked_param_type = "ExportRequest")] request: JsValue,
) -> Result<JsValue, JsValue> {
    run(request, "exportTerraform", export_terraform)
}

/// What `checkUsersCsv` returns.
#[cfg(feature = "payloads")]
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct UsersResult {
    report: UsersReport,
    ndjson: String,
    findings_csv: String,
}

/** Checks a users CSV cell by cell; returns the report, the assignment calls (NDJSON) for the
rows without errors, and the findings as a CSV that is safe to open in a spreadsheet. */
#[cfg(feature = "payloads")]
#[wasm_bindgen(js_name = checkUsersCsv, unchecked_return_type = "CheckUsersResult")]
pub fn check_users_csv_js(
    #[wasm_bindgen(unchecked_param_type = "UsersRequest")] request: JsValue,
) -> Result<JsValue, JsValue> {
    users_csv_size_ok(&request)?;
    let request: UsersRequest = input(request, "checkUsersCsv")?;
    let setup = request.setup;
    let report = check_users(request).map_err(|e| error(e.code, &e.message))?;
    output(&UsersResult {
        ndjson: assignments_ndjson(&report, setup),
        findings_csv: findings_csv(&report),
        report,
    })
}

/** The console checklist: every step of the Okta admin console flow for a setup, attribute type,
role table and app catalog, with the exact value to type next to each label. Values the schema
payload would refuse carry its findings (`findings`, and `errors` on each field). */
#[cfg(feature = "payloads")]
#[wasm_bindgen(js_name = consoleChecklist, unchecked_return_type = "Checklist")]
pub fn console_checklist_js(
    #[wasm_bindgen(unchecked_param_type = "ChecklistRequest")] request: JsValue,
) -> Result<JsValue, JsValue> {
    let request: ChecklistRequest = input(request, "consoleChecklist")?;
    output(&console_checklist(&request))
}

/** Reads the Luciq app catalog from a file's text; the extension of `fileName` says how (`.txt`:
one name per line; `.csv`: a column named name, app, application… or a single column; `.json`:
an array of names, `{apps: [...]}` or this tool's configuration file). Names are never trimmed.
Throws `invalid-file` with what is wrong and where. */
#[cfg(feature = "payloads")]
#[wasm_bindgen(js_name = catalogFromFile, unchecked_return_type = "CatalogFile")]
pub fn catalog_from_file_js(
    #[wasm_bindgen(js_name = fileName, unchecked_param_type = "string")] file_name: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
) -> Result<JsValue, JsValue> {
    js_size_at_most(
        &text,
        "The catalog file",
        "MAX_CATALOG_FILE_BYTES",
        limits::MAX_CATALOG_FILE_BYTES,
    )?;
    let file_name = text_arg(file_name, "catalogFromFile", "fileName")?;
    let text = text_arg(text, "catalogFromFile", "text")?;
    let file = catalog_from_file(&file_name, &text)
        .map_err(|e| error(e.code.unwrap_or("invalid-file"), &e.message))?;
    output(&file)
}

/** What a tab's URL shows of the Okta admin console: whether its host is an org's admin console
(`{org}-admin.okta.com`, …), the org's own host, and the page (the Profile Editor of an app, an
app's Assignments, …) with the app's id and name. Any URL gives an answer. */
#[cfg(feature = "payloads")]
#[wasm_bindgen(js_name = readConsoleTab, unchecked_return_type = "ConsoleTab")]
pub fn read_console_tab_js(
    #[wasm_bindgen(unchecked_param_type = "string")] url: JsValue,
) -> Result<JsValue, JsValue> {
    let url = text_arg(url, "readConsoleTab", "url")?;
    output(&crate::tab::read_console_tab(&url))
}

/** Reads this tool's configuration file (the text `configToJson` writes). Missing fields take
their defaults; unknown fields, another format or a newer version throw `invalid-config`
with what is wrong (and the line and column for JSON errors). */
#[cfg(feature = "payloads")]
#[wasm_bindgen(js_name = configFromJson, unchecked_return_type = "Config")]
pub fn config_from_json_js(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
) -> Result<JsValue, JsValue> {
    js_size_at_most(
        &text,
        "The configuration file",
        "MAX_CONFIG_BYTES",
        limits::MAX_CONFIG_BYTES,
    )?;
    let text = text_arg(text, "configFromJson", "text")?;
    let config = config_from_json(&text)
        .map_err(|e| error(e.code.unwrap_or("invalid-config"), &e.message))?;
    output(&config)
}

/** The configuration file's text: pretty JSON (2-space indent) ending in a newline. `format` must
be "luciq-scim-config"; missing fields take their defaults. Unknown fields, here or in `mapping`,
`group` or a role, throw `invalid-request`; a format or version `configFromJson` would refuse
throws `invalid-config`. */
#[cfg(feature = "payloads")]
#[wasm_bindgen(js_name = configToJson, unchecked_return_type = "string")]
pub fn config_to_json_js(
    #[wasm_bindgen(unchecked_param_type = "Config")] config: JsValue,
) -> Result<JsValue, JsValue> {
    const WHAT: &str = "configToJson";
    let config: Config = input(config, WHAT)?;
    let text = config_to_json(&config);
    // What this writes, `configFromJson` reads: refuses a format or version it would not.
    config_from_json(&text)
        .map_err(|e| error("invalid-config", &format!("{WHAT}: {}", e.message)))?;
    Ok(text.into())
}

/** The users CSV with the safe fixes applied: checks it exactly as `checkUsersCsv` does (same
request, same errors), then writes back every row's `fixed` cells, or only those of the row
starting on line `onlyLine` (the header is line 1). Every other cell, extra columns included,
is kept; blank lines and a byte-order mark are dropped, and CRLF line ends are kept. */
#[cfg(feature = "payloads")]
#[wasm_bindgen(js_name = fixedUsersCsv, unchecked_return_type = "string")]
pub fn fixed_users_csv_js(
    #[wasm_bindgen(unchecked_param_type = "UsersRequest")] request: JsValue,
    #[wasm_bindgen(js_name = onlyLine, unchecked_optional_param_type = "number")] only_line: Option<
        JsValue,
    >,
) -> Result<JsValue, JsValue> {
    const WHAT: &str = "fixedUsersCsv";
    let only_line = line_number(only_line, WHAT, "onlyLine")?;
    users_csv_size_ok(&request)?;
    let request: UsersRequest = input(request, WHAT)?;
    let csv = request.csv.clone();
    let report = check_users(request).map_err(|e| error(e.code, &e.message))?;
    let text = fixed_csv(&csv, &report, only_line).map_err(|e| error(e.code, &e.message))?;
    Ok(text.into())
}

/// A response as the extension's driver hands it over: the status, the three rate-limit
/// headers as Okta sent them (text, or null), and the body when it was JSON.
#[cfg(feature = "payloads")]
#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct DriverResponse {
    status: u16,
    #[serde(default)]
    limit: Option<String>,
    #[serde(default)]
    remaining: Option<String>,
    #[serde(default)]
    reset: Option<String>,
    #[serde(default)]
    body: Option<serde_json::Value>,
}

#[cfg(feature = "payloads")]
impl DriverResponse {
    /// The scheduler's view: the headers parsed by the core, Okta's error body when it has one.
    fn into_response(self) -> crate::bulk::Response {
        let rate = crate::bulk::RateHeaders::parse(
            self.limit.as_deref(),
            self.remaining.as_deref(),
            self.reset.as_deref(),
        );
        let error = self
            .body
            .filter(|b| b.get("errorCode").is_some_and(serde_json::Value::is_string))
            .and_then(|b| serde_json::from_value(b).ok());
        crate::bulk::Response {
            status: self.status,
            rate,
            error,
        }
    }
}

/** The bulk assignment's scheduler (the core's `bulk::Scheduler`): which row to send next and
when, from Okta's answers and rate-limit headers. The driver passes the time (`Date.now()`),
makes each request and reports it; `journal()` is the state to save after every call. */
#[cfg(feature = "payloads")]
#[wasm_bindgen]
pub struct BulkScheduler(crate::bulk::Scheduler);

#[cfg(feature = "payloads")]
#[wasm_bindgen]
impl BulkScheduler {
    /** A new job of `rows` rows; `config` may be `{}` (every field has a default). */
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "SchedulerConfig")] config: JsValue,
        rows: u32,
    ) -> Result<BulkScheduler, JsValue> {
        let config: crate::bulk::SchedulerConfig = input(config, "BulkScheduler")?;
        if rows as usize > crate::limits::MAX_CSV_ROWS {
            return Err(error(
                "too-large",
                "BulkScheduler: more rows than a users file holds",
            ));
        }
        Ok(BulkScheduler(crate::bulk::Scheduler::new(
            config,
            rows as usize,
        )))
    }

    /** Takes a saved job up again: a row whose request was out is read back before it is sent.
    `sent` is the write-ahead log of requests made since the journal was saved: `[row, sentAtMs]`
    pairs (those rows are read back too). */
    #[wasm_bindgen(js_name = fromJournal)]
    pub fn from_journal(
        #[wasm_bindgen(unchecked_param_type = "Journal")] journal: JsValue,
        #[wasm_bindgen(unchecked_param_type = "[number, number][]")] sent: JsValue,
        #[wasm_bindgen(js_name = nowMs)] now_ms: f64,
    ) -> Result<BulkScheduler, JsValue> {
        let journal: crate::bulk::Journal = input(journal, "BulkScheduler.fromJournal")?;
        if journal.rows.len() > crate::limits::MAX_CSV_ROWS {
            return Err(error(
                "too-large",
                "BulkScheduler.fromJournal: too many rows",
            ));
        }
        let sent: Vec<(usize, u64)> = if sent.is_undefined() || sent.is_null() {
            Vec::new()
        } else {
            input(sent, "BulkScheduler.fromJournal")?
        };
        crate::bulk::Scheduler::from_journal_and_log(journal, &sent, now_ms as u64)
            .map(BulkScheduler)
            .map_err(|e| error("journal-version", &e.to_string()))
    }

    #[wasm_bindgen(unchecked_return_type = "SchedulerAction")]
    pub fn next(
        &mut self,
        #[wasm_bindgen(js_name = nowMs)] now_ms: f64,
    ) -> Result<JsValue, JsValue> {
        output(&self.0.next(now_ms as u64))
    }

    /** A send's outcome; the row's new state, or `null` for a row that had nothing out. */
    #[wasm_bindgen(js_name = onResponse, unchecked_return_type = "RowState | null")]
    pub fn on_response(
        &mut self,
        row: u32,
        #[wasm_bindgen(js_name = nowMs)] now_ms: f64,
        #[wasm_bindgen(unchecked_param_type = "DriverResponse")] response: JsValue,
    ) -> Result<JsValue, JsValue> {
        let r: DriverResponse = input(response, "BulkScheduler.onResponse")?;
        output(
            &self
                .0
                .on_response(row as usize, now_ms as u64, &r.into_response())
                .ok(),
        )
    }

    /** A read-back's outcome: `applied` when Okta holds the row's values already. */
    #[wasm_bindgen(js_name = onVerified, unchecked_return_type = "RowState | null")]
    pub fn on_verified(
        &mut self,
        row: u32,
        #[wasm_bindgen(js_name = nowMs)] now_ms: f64,
        #[wasm_bindgen(unchecked_param_type = "DriverResponse")] response: JsValue,
        applied: bool,
    ) -> Result<JsValue, JsValue> {
        let r: DriverResponse = input(response, "BulkScheduler.onVerified")?;
        output(
            &self
                .0
                .on_verified(row as usize, now_ms as u64, &r.into_response(), applied)
                .ok(),
        )
    }

    pub fn pause(&mut self, #[wasm_bindgen(js_name = nowMs)] now_ms: f64) {
        self.0.pause(now_ms as u64);
    }

    pub fn resume(&mut self, #[wasm_bindgen(js_name = nowMs)] now_ms: f64) {
        self.0.resume(now_ms as u64);
    }

    pub fn cancel(&mut self, #[wasm_bindgen(js_name = nowMs)] now_ms: f64) {
        self.0.cancel(now_ms as u64);
    }

    #[wasm_bindgen(unchecked_return_type = "Progress")]
    pub fn progress(
        &self,
        #[wasm_bindgen(js_name = nowMs)] now_ms: f64,
    ) -> Result<JsValue, JsValue> {
        output(&self.0.progress(now_ms as u64))
    }

    #[wasm_bindgen(unchecked_return_type = "Journal")]
    pub fn journal(&self) -> Result<JsValue, JsValue> {
        output(&self.0.to_journal())
    }
}

/** Whether an app user (`GET /api/v1/apps/{appId}/users/{userId}`) holds every value of `want`. */
#[cfg(feature = "payloads")]
#[wasm_bindgen(js_name = profileHolds)]
pub fn profile_holds_js(
    #[wasm_bindgen(unchecked_param_type = "Record<string, unknown>")] want: JsValue,
    #[wasm_bindgen(js_name = appUser, unchecked_param_type = "unknown")] app_user: JsValue,
) -> Result<bool, JsValue> {
    let want: serde_json::Map<String, serde_json::Value> = input(want, "profileHolds")?;
    let app_user: serde_json::Value = input(app_user, "profileHolds")?;
    Ok(crate::org::profile_holds(&want, &app_user))
}

/** The Okta search for a batch of emails (`profile.login eq "…" or profile.email eq "…"`). */
#[cfg(feature = "payloads")]
#[wasm_bindgen(js_name = userSearch)]
pub fn user_search_js(emails: Vec<String>) -> Result<String, JsValue> {
    if emails.len() > 200 {
        return Err(error(
            "too-large",
            "userSearch: at most 200 emails a search",
        ));
    }
    Ok(crate::org::user_search(&emails))
}

/** A bulk job's result, one line per row of the users file (formula cells neutralised). */
#[cfg(feature = "payloads")]
#[wasm_bindgen(js_name = bulkResultsCsv, unchecked_return_type = "string")]
pub fn bulk_results_csv_js(
    #[wasm_bindgen(unchecked_param_type = "BulkPlan")] plan: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Journal")] journal: JsValue,
) -> Result<JsValue, JsValue> {
    let plan: crate::org::BulkPlan = input(plan, "bulkResultsCsv")?;
    let journal: crate::bulk::Journal = input(journal, "bulkResultsCsv")?;
    Ok(crate::org::bulk_results_csv(&plan, &journal.rows).into())
}

/** The Luciq values every app user holds, as a users file (`email,role,apps,id`): what to
save before a recreate deletes them. Formula cells are neutralised. */
#[cfg(feature = "payloads")]
#[wasm_bindgen(js_name = appUserValuesCsv, unchecked_return_type = "string")]
pub fn app_user_values_csv_js(
    #[wasm_bindgen(js_name = appUsers, unchecked_param_type = "unknown[]")] app_users: JsValue,
) -> Result<JsValue, JsValue> {
    let app_users: Vec<serde_json::Value> = input(app_users, "appUserValuesCsv")?;
    if app_users.len() > crate::org::MAX_APP_USERS {
        return Err(error("too-large", "appUserValuesCsv: too many app users"));
    }
    Ok(crate::org::app_user_values_csv(&app_users).into())
}
