//! Test oracles shared by the invariant search (`tests/invariants.rs`) and the fuzz harness
//! (`fuzz/harness.rs`, also replayed by `tests/fuzz_corpus.rs`): each reads back what the core
//! wrote, independently of the core's own code, so the two cannot judge by different rules.
//! Included with `#[path]` (not a test crate of its own).
#![allow(dead_code)]

use std::collections::HashSet;

use luciq_scim::names::{
    check_names, CheckRequest, Code, ListContext, NameKind, NameResult, Severity,
};
use luciq_scim::profile::Setup;
use serde_json::{json, Value};

/// Codes about a character: their message says where it is.
pub fn about_a_character(code: Code) -> bool {
    matches!(
        code,
        Code::EdgeWhitespace
            | Code::RepeatedSpace
            | Code::UnusualSpace
            | Code::InvisibleChar
            | Code::ControlChar
            | Code::InvalidChar
            | Code::NotNfc
            | Code::Confusable
            | Code::TypographicPunctuation
            | Code::CaseMismatch
            | Code::ListSeparator
            | Code::TooManyFindings
            | Code::VariableNameInvalid
    )
}

/// The UTF-16 offsets that fall between characters of `s`.
pub fn boundaries16(s: &str) -> HashSet<usize> {
    let mut at = 0;
    let mut out = HashSet::from([0]);
    for c in s.chars() {
        at += c.len_utf16();
        out.insert(at);
    }
    out
}

/// The string literals of an Okta EL expression (SpEL: a quote inside is written twice).
pub fn el_literals(expr: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = expr.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '"' {
            continue;
        }
        let mut lit = String::new();
        loop {
            match chars.next() {
                Some('"') if chars.peek() == Some(&'"') => {
                    chars.next();
                    lit.push('"');
                }
                Some('"') | None => break,
                Some(c) => lit.push(c),
            }
        }
        out.push(lit);
    }
    out
}

/// Whether a result has an error-severity finding.
pub fn has_error(r: &NameResult) -> bool {
    r.diagnostics.iter().any(|d| d.severity == Severity::Error)
}

/// Decodes one HCL quoted template literal starting at `s[0] == '"'`; returns it and the rest.
pub fn hcl_decode(s: &str) -> Option<(String, &str)> {
    let mut out = String::new();
    let mut it = s.char_indices().skip(1).peekable();
    while let Some((i, c)) = it.next() {
        match c {
            '"' => return Some((out, &s[i + 1..])),
            '\\' => {
                let (_, e) = it.next()?;
                match e {
                    'n' => out.push('\n'),
                    'r' => out.push('\r'),
                    't' => out.push('\t'),
                    '"' => out.push('"'),
                    '\\' => out.push('\\'),
                    'u' | 'U' => {
                        let n = if e == 'u' { 4 } else { 8 };
                        let hex: String = (0..n).map_while(|_| it.next().map(|(_, h)| h)).collect();
                        out.push(char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?);
                    }
                    _ => return None,
                }
            }
            // `$${` is a literal `${` (and `%%{` of `%{`); a lone `${` or `%{` would start an
            // interpolation or a directive; any other `$` or `%` is itself.
            '$' | '%' if s[i + 1..].starts_with(&format!("{c}{{")) => {
                it.next();
                it.next();
                out.push(c);
                out.push('{');
            }
            '$' | '%' if s[i + 1..].starts_with('{') => return None,
            c if c.is_control() => return None,
            c => out.push(c),
        }
    }
    None
}

/// Every string literal of an HCL file (comments skipped), decoded.
pub fn hcl_literals(hcl: &str) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    for line in hcl.lines() {
        let mut rest = line;
        while let Some(q) = rest.find(['"', '#']) {
            if rest[q..].starts_with('#') {
                break;
            }
            let (lit, after) =
                hcl_decode(&rest[q..]).ok_or_else(|| format!("undecodable literal in {line:?}"))?;
            out.push(lit);
            rest = after;
        }
    }
    Ok(out)
}

/// The cells of a CSV the core wrote, every record as written (no header row assumed).
pub fn read_csv(text: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| {
            r.expect("the core wrote readable CSV")
                .iter()
                .map(String::from)
                .collect()
        })
        .collect()
}

/// A text's length in UTF-16 code units (the offsets the API reports).
pub fn utf16_len(s: &str) -> usize {
    s.encode_utf16().count()
}

/// What in a schema body breaks "every enum value and title passes the check of its kind, in
/// catalog context": an enum entry that is not a string, or a list with errors. Empty when none.
pub fn enum_failures(body: &Value, setup: Setup) -> Vec<String> {
    let Some(props) = body
        .pointer("/definitions/custom/properties")
        .and_then(Value::as_object)
    else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (attr, p) in props {
        let kind = if attr == "instabugRole" {
            NameKind::Role
        } else {
            NameKind::App
        };
        let holder = if p.get("items").is_some() {
            &p["items"]
        } else {
            p
        };
        let Some(list) = holder.get("enum").and_then(Value::as_array) else {
            continue;
        };
        let names: Vec<String> = list
            .iter()
            .filter_map(|v| v.as_str().map(String::from))
            .collect();
        if names.len() != list.len() {
            out.push(format!("{attr}: an enum entry is not a string: {list:?}"));
            continue;
        }
        let report = check_names(&CheckRequest {
            kind,
            names: names.clone(),
            catalog: None,
            setup,
            context: Some(ListContext::Catalog),
        });
        if report.errors != 0 {
            out.push(format!("{attr} emits {names:?}: {:?}", report.results));
        }
    }
    out
}

/// Okta's partial update of the app user schema (DOMAIN.md §2): a property set to null is
/// deleted, any other replaces the property (the core's update bodies carry the whole merged
/// property, so a merging server ends in the same state). A schema without an object of custom
/// properties gets one; a body without one changes nothing.
pub fn okta_schema_update(schema: &mut Value, body: &Value) {
    if !schema
        .pointer("/definitions/custom/properties")
        .is_some_and(Value::is_object)
    {
        schema["definitions"] =
            json!({"custom": {"id": "#custom", "type": "object", "properties": {}}});
    }
    let Some(props) = schema
        .pointer_mut("/definitions/custom/properties")
        .and_then(Value::as_object_mut)
    else {
        return;
    };
    for (k, v) in body["definitions"]["custom"]["properties"]
        .as_object()
        .into_iter()
        .flatten()
    {
        if v.is_null() {
            props.remove(k);
        } else {
            props.insert(k.clone(), v.clone());
        }
    }
}
