//! Terraform HCL for the okta provider: `okta_app_user_schema_property` for both attributes
//! (`array_enum`/`array_one_of` for the string array), `okta_profile_mapping`, and one
//! `okta_app_user` per user.
//!
//! Strings are HCL quoted template literals (HCL native syntax spec, "Template Expressions"):
//! `\` `"` and control characters are escaped, and `${` / `%{` are written `$${` / `%%{` so a
//! name is never read as an interpolation or directive.

use serde_json::Value;

use super::ExportRequest;
use crate::labels::DO_NOT_MAP;
use crate::okta::schema::attribute_definitions;
use crate::okta::PayloadError;

/// Quotes text as an HCL string literal.
pub fn hcl_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    push_hcl_string(&mut out, text);
    out
}

/// `hcl_string`, written at the end of `out`.
fn push_hcl_string(out: &mut String, text: &str) {
    out.push('"');
    // Most names have nothing to escape: printable ASCII but `\`, `"`, `$` and `%`.
    if text
        .bytes()
        .all(|b| matches!(b, b' '..=b'~') && !matches!(b, b'\\' | b'"' | b'$' | b'%'))
    {
        out.push_str(text);
        out.push('"');
        return;
    }
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '$' | '%' if chars.peek() == Some(&'{') => {
                out.push(c);
                out.push(c);
            }
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// An HCL list of strings, written at the end of `out`.
fn push_hcl_list<'a>(out: &mut String, values: impl Iterator<Item = &'a str>) {
    out.push('[');
    for (i, v) in values.enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        push_hcl_string(out, v);
    }
    out.push(']');
}

/// The strings of a JSON array (none when it is not one).
fn strings(v: Option<&Value>) -> impl Iterator<Item = &str> + Clone {
    v.and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
}

fn one_of_blocks(block: &str, holder: &Value, out: &mut String) {
    for item in holder
        .get("oneOf")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let text = |k: &str| item.get(k).and_then(Value::as_str).unwrap_or_default();
        out.push_str("  ");
        out.push_str(block);
        out.push_str(" {\n    const = ");
        push_hcl_string(out, text("const"));
        out.push_str("\n    title = ");
        push_hcl_string(out, text("title"));
        out.push_str("\n  }\n");
    }
}

/// A Terraform resource name from a variable or user name: letters, digits, underscores.
fn resource_name(prefix: &str, text: &str, i: usize) -> String {
    let slug: String = text
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect();
    format!("{prefix}_{i}_{}", slug.trim_matches('_'))
}

/// The HCL.
pub fn export_terraform(req: &ExportRequest) -> Result<String, PayloadError> {
    req.checked_ids()?;
    let defs = attribute_definitions(&req.schema_request())?;
    // The schema is written from `defs`: of the calls, the mapping's and the assignments'
    // (each checked).
    let calls = req.calls_after_schema()?;
    let mut s = String::new();
    s.push_str("# Luciq SCIM setup for Okta, made by luciq-scim.\n");
    s.push_str("terraform {\n  required_providers {\n    okta = {\n      source = \"okta/okta\"\n    }\n  }\n}\n\n");
    s.push_str(&format!(
        "variable \"luciq_app_id\" {{\n  type    = string\n  default = {}\n}}\n",
        hcl_string(&req.app_id)
    ));
    let mut schema_refs = Vec::new();
    for (name, p) in &defs {
        let res = resource_name("luciq", name, schema_refs.len());
        schema_refs.push(format!("okta_app_user_schema_property.{res}"));
        let text = |k: &str| {
            p.get(k)
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string()
        };
        s.push_str(&format!(
            "\nresource \"okta_app_user_schema_property\" \"{res}\" {{\n"
        ));
        s.push_str("  app_id             = var.luciq_app_id\n");
        s.push_str(&format!("  index              = {}\n", hcl_string(name)));
        s.push_str(&format!(
            "  title              = {}\n",
            hcl_string(&text("title"))
        ));
        s.push_str(&format!(
            "  description        = {}\n",
            hcl_string(&text("description"))
        ));
        s.push_str(&format!(
            "  type               = {}\n",
            hcl_string(&text("type"))
        ));
        s.push_str(&format!(
            "  external_name      = {}\n",
            hcl_string(&text("externalName"))
        ));
        s.push_str(&format!(
            "  external_namespace = {}\n",
            hcl_string(&text("externalNamespace"))
        ));
        s.push_str(&format!(
            "  scope              = {}\n",
            hcl_string(&text("scope"))
        ));
        s.push_str("  master             = \"PROFILE_MASTER\"\n");
        s.push_str("  permissions        = \"READ_ONLY\"\n");
        if text("type") == "array" {
            let items = p.get("items").unwrap_or(&Value::Null);
            s.push_str("  array_type         = \"string\"\n");
            // union DISABLE: one list per user, never merged across groups.
            s.push_str("  union              = false\n");
            let values = strings(items.get("enum"));
            if values.clone().next().is_some() {
                s.push_str("  array_enum         = ");
                push_hcl_list(&mut s, values);
                s.push('\n');
            }
            one_of_blocks("array_one_of", items, &mut s);
        } else {
            let values = strings(p.get("enum"));
            if values.clone().next().is_some() {
                s.push_str("  enum               = ");
                push_hcl_list(&mut s, values);
                s.push('\n');
            }
            one_of_blocks("one_of", p, &mut s);
        }
        s.push_str("}\n");
    }
    for call in &calls {
        if call.path.starts_with("/api/v1/mappings/") {
            s.push_str("\n# The Okta user profile is the mapping's source.\ndata \"okta_user_profile_mapping_source\" \"user\" {}\n");
            s.push_str("\nresource \"okta_profile_mapping\" \"luciq\" {\n");
            s.push_str("  source_id          = data.okta_user_profile_mapping_source.user.id\n");
            s.push_str("  target_id          = var.luciq_app_id\n");
            s.push_str("  delete_when_absent = false\n");
            for (name, m) in call
                .body
                .get("properties")
                .and_then(Value::as_object)
                .into_iter()
                .flatten()
            {
                let Some(expression) = m.get("expression").and_then(Value::as_str) else {
                    // The story (okta::mapping::mapping_story) removes any existing mapping of
                    // it; this resource can only by deleting every mapping it does not list.
                    s.push_str(&format!(
                        "  # {name}: not mapped (\"{DO_NOT_MAP}\"), it is set on each assignment.\n  \
                         # This resource does not remove an existing mapping of it: delete_when_absent = true\n  \
                         # would remove every other mapping of the app too. Remove it in the console\n  \
                         # (Profile Editor → Mappings, \"{DO_NOT_MAP}\") or with the curl export's mapping call.\n"
                    ));
                    continue;
                };
                let push = m
                    .get("pushStatus")
                    .and_then(Value::as_str)
                    .unwrap_or("PUSH");
                s.push_str(&format!(
                    "  mappings {{\n    id          = {}\n    expression  = {}\n    push_status = {}\n  }}\n",
                    hcl_string(name),
                    hcl_string(expression),
                    hcl_string(push)
                ));
            }
            s.push_str(&format!(
                "  depends_on         = [{}]\n}}\n",
                schema_refs.join(", ")
            ));
        }
    }
    for (n, call) in calls
        .iter()
        .filter(|c| c.path.ends_with("/users"))
        .enumerate()
    {
        let text = |k: &str| {
            call.body
                .pointer(k)
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string()
        };
        let res = resource_name("luciq_user", &text("/credentials/userName"), n);
        let profile = serde_json::to_string(call.body.get("profile").unwrap_or(&Value::Null))
            .map_err(|e| PayloadError::new("internal", e.to_string()))?;
        s.push_str(&format!("\nresource \"okta_app_user\" \"{res}\" {{\n"));
        s.push_str("  app_id     = var.luciq_app_id\n");
        s.push_str(&format!("  user_id    = {}\n", hcl_string(&text("/id"))));
        s.push_str(&format!(
            "  username   = {}\n",
            hcl_string(&text("/credentials/userName"))
        ));
        // The provider takes the assignment profile as a JSON string.
        s.push_str(&format!("  profile    = {}\n", hcl_string(&profile)));
        s.push_str(&format!(
            "  depends_on = [{}]\n}}\n",
            schema_refs.join(", ")
        ));
    }
    Ok(s)
}
