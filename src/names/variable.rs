//! Okta variable names: Okta's own rule (letters, digits, underscores; no leading digit; not
//! reserved) and Luciq's (the external name equals the variable name, so it must be exactly
//! `instabugRole` / `instabugApplications`).

use super::catalog::CatalogIndex;
use super::chars::describe;
use super::{diag, Code, Diagnostic, Severity, Spelled};
use crate::profile::RESERVED_VARIABLE_NAMES;

pub(super) fn check_variable(
    s: &Spelled,
    name: &str,
    expected: Option<&CatalogIndex>,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if let Some(&first) = s.chars.first() {
        if first.is_ascii_digit() {
            out.push(diag(
                Code::VariableNameInvalid,
                Severity::Error,
                format!(
                    "{} at 0: an Okta variable name cannot start with a digit",
                    describe(first)
                ),
                0,
                s.offsets[1],
            ));
        }
    }
    for (i, &c) in s.chars.iter().enumerate() {
        if !(c.is_ascii_alphanumeric() || c == '_') {
            out.push(diag(
                Code::VariableNameInvalid,
                Severity::Error,
                format!(
                    "{} at {}: Okta variable names take only letters, digits and underscores",
                    describe(c),
                    s.offsets[i]
                ),
                s.offsets[i],
                s.offsets[i + 1],
            ));
        }
    }
    let lower = name.to_ascii_lowercase();
    if RESERVED_VARIABLE_NAMES.contains(&lower.as_str()) {
        out.push(diag(
            Code::VariableNameReserved,
            Severity::Error,
            format!("\"{name}\" is an Okta reserved attribute name"),
            0,
            s.len16(),
        ));
    }
    let Some(index) = expected else { return out };
    if index.contains(name) {
        return out;
    }
    // Compare without case and underscores first ("InstabugRole", "instabug_role"), then by
    // edit distance.
    let squash = |t: &str| {
        t.chars()
            .filter(|&c| c != '_')
            .flat_map(char::to_lowercase)
            .collect::<String>()
    };
    let wanted = squash(name);
    let mut candidates: Vec<&str> = index
        .names()
        .iter()
        .map(String::as_str)
        .filter(|e| squash(e) == wanted)
        .collect();
    if candidates.is_empty() {
        candidates = index
            .nearest(name, 2)
            .into_iter()
            .map(|i| index.name(i))
            .collect();
    }
    let at = candidates
        .first()
        .map(|e| {
            s.chars
                .iter()
                .zip(e.chars())
                .take_while(|(a, b)| *a == b)
                .count()
        })
        .unwrap_or(0);
    let detail = match (s.chars.get(at), candidates.first()) {
        (Some(&c), Some(_)) => format!(": {} at {} differs", describe(c), s.offsets[at]),
        (None, Some(_)) => format!(": it ends at {} too early", s.len16()),
        _ => String::new(),
    };
    let message = match candidates.first() {
        Some(e) => format!("Luciq expects the variable name \"{e}\" exactly (it is also the external name){detail}"),
        None => format!(
            "\"{name}\" is not a name Luciq reads; it expects {}",
            index.names().iter().map(|e| format!("\"{e}\"")).collect::<Vec<_>>().join(" or ")
        ),
    };
    let mut d = diag(
        Code::VariableNameMismatch,
        Severity::Error,
        message,
        s.offsets[at.min(s.chars.len())],
        s.len16(),
    );
    d.suggestion = candidates.first().map(|e| e.to_string());
    d.alternatives = candidates.iter().map(|e| e.to_string()).collect();
    out.push(d);
    out
}
