//! The JavaScript API: the only place that knows about wasm-bindgen. It turns JS values into core
//! requests and core results into plain JSON-shaped objects; failures become a JS `Error` with a
//! stable `code` (and `diagnostics` where there are some). No business logic lives here.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::names::{check_names, CheckRequest};
use crate::profile::{luciq_profile, Setup};

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
  /** Facts Luciq has not published; show them wherever the profile is shown. */
  unknowns: string[];
}

export type NameKind = "app" | "role" | "variable";

export type DiagnosticCode =
  | "empty" | "edge-whitespace" | "repeated-space" | "unusual-space" | "invisible-char"
  | "control-char" | "invalid-char" | "not-nfc" | "confusable" | "typographic-punctuation"
  | "case-mismatch" | "not-in-catalog" | "duplicate" | "near-duplicate" | "list-separator"
  | "admin-role-value" | "legacy-single-app" | "variable-name-invalid" | "variable-name-reserved"
  | "variable-name-mismatch" | "unconfirmed-value" | "too-many-findings";

export interface Diagnostic {
  code: DiagnosticCode;
  severity: "error" | "warning" | "info";
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

/** Thrown by every export on bad input: a JS Error with a stable code. */
export interface LuciqError extends Error {
  code: "invalid-request";
  diagnostics?: Diagnostic[];
}
"#;

/// Options of `luciqProfile`.
#[derive(Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct ProfileOptions {
    #[serde(default)]
    setup: Setup,
}

fn error(code: &str, message: &str) -> JsValue {
    let err = js_sys::Error::new(message);
    // Setting a property on a fresh Error object cannot fail.
    let _ = js_sys::Reflect::set(&err, &"code".into(), &code.into());
    err.into()
}

/// Converts a JS request object. serde-wasm-bindgen reads only the fields it knows, so fields it
/// would silently skip (a misspelt `catalogue`) are refused here by name.
fn input<T: DeserializeOwned>(value: JsValue, what: &str, fields: &[&str]) -> Result<T, JsValue> {
    if let Some(object) = value.dyn_ref::<js_sys::Object>() {
        if !js_sys::Array::is_array(object) {
            for key in js_sys::Object::keys(object).iter() {
                let key = key.as_string().unwrap_or_default();
                if !fields.contains(&key.as_str()) {
                    return Err(error(
                        "invalid-request",
                        &format!(
                            "{what}: unknown field `{key}`, expected one of `{}`",
                            fields.join("`, `")
                        ),
                    ));
                }
            }
        }
    }
    serde_wasm_bindgen::from_value(value)
        .map_err(|e| error("invalid-request", &format!("{what}: {e}")))
}

fn output<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| error("internal", &e.to_string()))
}

/** The built-in Luciq profile for a setup: `luciqProfile({setup: "current"})`. */
#[wasm_bindgen(js_name = luciqProfile, unchecked_return_type = "LuciqProfile")]
pub fn luciq_profile_js(
    #[wasm_bindgen(unchecked_param_type = "{ setup?: Setup } | undefined")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let options: ProfileOptions = if options.is_undefined() || options.is_null() {
        ProfileOptions::default()
    } else {
        input(options, "luciqProfile", &["setup"])?
    };
    output(&luciq_profile(options.setup))
}

/** Checks role values, app names or Okta variable names to the character. */
#[wasm_bindgen(js_name = checkNames, unchecked_return_type = "CheckNamesReport")]
pub fn check_names_js(
    #[wasm_bindgen(unchecked_param_type = "CheckNamesRequest")] request: JsValue,
) -> Result<JsValue, JsValue> {
    let request: CheckRequest = input(request, "checkNames", CheckRequest::FIELDS)?;
    output(&check_names(&request))
}
