//! A POSIX shell script of `curl` calls. The token is only ever `$OKTA_API_TOKEN`; every JSON
//! body is one single-quoted word (a `'` inside becomes `'\''`), so no byte of a name can end
//! the quoting or expand.

use super::ExportRequest;
use crate::labels::{OKTA_USER_TO_INSTABUG, OKTA_USER_TO_LUCIQ};
use crate::okta::PayloadError;
use crate::profile::Setup;

/// Quotes text as one single-quoted shell word.
pub fn shell_quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    push_shell_quoted(&mut out, text);
    out
}

/// `shell_quote`, written at the end of `out`.
fn push_shell_quoted(out: &mut String, text: &str) {
    out.push('\'');
    for (i, part) in text.split('\'').enumerate() {
        if i > 0 {
            out.push_str(r"'\''");
        }
        out.push_str(part);
    }
    out.push('\'');
}

/// The script.
pub fn export_curl(req: &ExportRequest) -> Result<String, PayloadError> {
    req.checked_ids()?;
    let org = req.org_url()?;
    let calls = req.calls()?;
    let needs_mapping_id = req.mapping.is_some();
    let mut s = String::new();
    s.push_str("#!/bin/sh\n");
    s.push_str("# Luciq SCIM setup for Okta, made by luciq-scim. Read it before you run it.\n");
    s.push_str("# Needs: curl 7.76 or later, and an Okta API token in OKTA_API_TOKEN\n");
    s.push_str("# (Security → API → Tokens). The token is read from the environment only.\n");
    s.push_str("set -eu\n\n");
    s.push_str(": \"${OKTA_API_TOKEN:?Set OKTA_API_TOKEN to an Okta API token}\"\n");
    s.push_str(&format!("OKTA_ORG={}\n", shell_quote(&org)));
    s.push_str(&format!("APP_ID={}\n", shell_quote(&req.app_id)));
    if needs_mapping_id {
        match &req.mapping_id {
            Some(id) => s.push_str(&format!("MAPPING_ID={}\n", shell_quote(id))),
            None => s.push_str(&format!(
                "# The id of the \"{}\" mapping: GET $OKTA_ORG/api/v1/mappings?targetId=$APP_ID\n\
                 : \"${{MAPPING_ID:?Set MAPPING_ID to the id of the Okta user to Luciq mapping}}\"\n",
                match req.setup {
                    Setup::Current => OKTA_USER_TO_LUCIQ,
                    Setup::Legacy => OKTA_USER_TO_INSTABUG,
                }
            )),
        }
    }
    s.push_str(
        "\nokta() {\n  curl --fail-with-body --silent --show-error --request \"$1\" \"$OKTA_ORG$2\" \\\n    \
         --header \"Authorization: SSWS $OKTA_API_TOKEN\" \\\n    \
         --header 'Accept: application/json' --header 'Content-Type: application/json' \\\n    \
         --data-binary \"$3\"\n  echo\n}\n",
    );
    for (i, call) in calls.iter().enumerate() {
        let path = call
            .path
            .replace("{appId}", "$APP_ID")
            .replace("{mappingId}", "$MAPPING_ID");
        let body = serde_json::to_string(&call.body)
            .map_err(|e| PayloadError::new("internal", e.to_string()))?;
        s.push_str(&format!(
            "\n# {}. {}\n",
            i + 1,
            call.description.replace(|c: char| c.is_control(), " ")
        ));
        for note in &call.notes {
            s.push_str(&format!(
                "#    {}\n",
                note.replace(|c: char| c.is_control(), " ")
            ));
        }
        s.push_str(&format!("okta {} \"{}\" ", call.method.as_str(), path));
        push_shell_quoted(&mut s, &body);
        s.push('\n');
    }
    Ok(s)
}
