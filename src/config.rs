//! The files an admin saves and opens: the page's whole configuration as one JSON file, and the
//! Luciq app catalog from a `.txt`, `.csv` or `.json` file.
//!
//! Text in, values out: the caller reads the file. Names are never trimmed or otherwise changed
//! (the name checks must see trailing spaces, odd characters and all); only line endings, a
//! byte-order mark and blank lines are dropped, and every drop is said in a note.

use crate::wire::wire_enum;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::limits::{
    bytes_ok, names_ok, TooLarge, MAX_CATALOG_FILE_BYTES, MAX_CATALOG_NAMES, MAX_CONFIG_BYTES,
};
use crate::names::NameKind;
use crate::profile::{builtin_roles, Role, Scope, Setup};

/// The `format` of this tool's configuration file.
pub const CONFIG_FORMAT: &str = "luciq-scim-config";
/// The newest configuration version this tool reads (and the one it writes).
pub const CONFIG_VERSION: u32 = 1;
/// The catalog file extensions read, in the order error messages list them.
pub const CATALOG_EXTENSIONS: [&str; 3] = ["txt", "csv", "json"];
/// CSV header cells (compared trimmed and case-insensitively) that name the column of app names.
pub const CATALOG_CSV_COLUMNS: [&str; 5] =
    ["name", "app", "app name", "application", "application name"];

/// Why a file was not read: says what is wrong and where.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FileError {
    pub message: String,
    /// `too-large` past a limit (`crate::limits`); `None` for what the caller names itself
    /// (`invalid-config`, `invalid-file`).
    pub code: Option<&'static str>,
}

impl FileError {
    fn new(message: impl Into<String>) -> Self {
        FileError {
            message: message.into(),
            code: None,
        }
    }
}

impl From<TooLarge> for FileError {
    fn from(e: TooLarge) -> Self {
        FileError {
            message: e.message(),
            code: Some(TooLarge::CODE),
        }
    }
}

impl std::fmt::Display for FileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for FileError {}

/// Everything the page holds, saved as one file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Config {
    /// Always [`CONFIG_FORMAT`]; checked on import.
    pub format: String,
    #[serde(default = "config_version")]
    pub version: u32,
    #[serde(default)]
    pub setup: Setup,
    #[serde(default)]
    pub scope: Scope,
    #[serde(default = "builtin_roles")]
    pub roles: Vec<Role>,
    /// The exact Luciq app names.
    #[serde(default)]
    pub catalog: Vec<String>,
    /// The Okta org, as typed (e.g. `acme.okta.com`).
    #[serde(default)]
    pub org: String,
    /// The Okta id of the Luciq app.
    #[serde(default)]
    pub app_id: String,
    /// What the names being checked are.
    #[serde(default = "names_kind")]
    pub names_kind: NameKind,
    /// The names being checked.
    #[serde(default)]
    pub names: Vec<String>,
    /// The users file's text.
    #[serde(default)]
    pub users_csv: String,
    /// The app user schema pasted from the org, as text.
    #[serde(default)]
    pub current_schema: String,
    /// Where the mapping takes each attribute from.
    #[serde(default)]
    pub mapping: MappingInputs,
    /// The group assignment being prepared.
    #[serde(default)]
    pub group: GroupInputs,
}

wire_enum! {
    /// Where an attribute's value comes from, as chosen on the page.
    #[derive(Default)]
    pub enum ValueFrom {
        /// Set on each assignment: no mapping.
        #[default]
        Assignment => "assignment",
        /// An attribute of the Okta user profile.
        Attribute => "attribute",
    }
}

/// The mapping choices, as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct MappingInputs {
    pub role_from: ValueFrom,
    pub role_attribute: String,
    pub apps_from: ValueFrom,
    pub apps_attribute: String,
}

/// A group assignment's inputs, as typed (the priority is checked when the body is built).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct GroupInputs {
    pub group_id: String,
    pub priority: String,
    /// A role value, or empty for none.
    pub role: String,
    /// App names separated by `|`.
    pub apps: String,
}

fn config_version() -> u32 {
    CONFIG_VERSION
}

fn names_kind() -> NameKind {
    NameKind::App
}

impl Config {}

impl MappingInputs {}

impl GroupInputs {}

impl Default for Config {
    fn default() -> Self {
        Config {
            format: CONFIG_FORMAT.into(),
            version: CONFIG_VERSION,
            setup: Setup::default(),
            scope: Scope::default(),
            roles: builtin_roles(),
            catalog: Vec::new(),
            org: String::new(),
            app_id: String::new(),
            names_kind: names_kind(),
            names: Vec::new(),
            users_csv: String::new(),
            current_schema: String::new(),
            mapping: MappingInputs::default(),
            group: GroupInputs::default(),
        }
    }
}

/// The configuration file's text: pretty JSON, 2-space indent, ending in a newline.
pub fn config_to_json(config: &Config) -> String {
    // A Config holds only strings, enums and numbers: serializing it cannot fail.
    let mut text = serde_json::to_string_pretty(config).unwrap_or_default();
    text.push('\n');
    text
}

/// What a JSON value is, for messages.
fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Shortens what a file holds for a message, on a character boundary.
fn excerpt(text: &str) -> String {
    const MAX: usize = 60;
    match text.char_indices().nth(MAX) {
        Some((end, _)) => format!("{:?}…", &text[..end]),
        None => format!("{text:?}"),
    }
}

fn parse_json(text: &str, what: &str) -> Result<Value, FileError> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    serde_json::from_str(text).map_err(|e| FileError::new(format!("{what} is not valid JSON: {e}")))
}

/// Checks `format` and `version` before the fields, so a newer file says it is newer rather
/// than listing fields this version does not know.
fn check_header(value: &Value) -> Result<(), FileError> {
    let Value::Object(object) = value else {
        return Err(FileError::new(format!(
            "The configuration file holds {}, expected an object with \"format\": \"{CONFIG_FORMAT}\"",
            kind_of(value)
        )));
    };
    match object.get("format") {
        None => {
            return Err(FileError::new(format!(
                "format is missing, expected {CONFIG_FORMAT}: this is not this tool's configuration file"
            )))
        }
        Some(Value::String(f)) if f == CONFIG_FORMAT => {}
        Some(Value::String(f)) => {
            return Err(FileError::new(format!(
                "format is {}, expected {CONFIG_FORMAT}",
                excerpt(f)
            )))
        }
        Some(other) => {
            return Err(FileError::new(format!(
                "format is {}, expected the string {CONFIG_FORMAT}",
                kind_of(other)
            )))
        }
    }
    match object.get("version") {
        None => Ok(()),
        Some(Value::Number(n)) => match n.as_u64() {
            Some(v) if v == u64::from(CONFIG_VERSION) => Ok(()),
            Some(v) if v > u64::from(CONFIG_VERSION) => Err(FileError::new(format!(
                "version {v} is newer than this tool understands (it reads version {CONFIG_VERSION}): use a newer version of the tool"
            ))),
            _ => Err(FileError::new(format!(
                "version is {n}, expected {CONFIG_VERSION}"
            ))),
        },
        Some(other) => Err(FileError::new(format!(
            "version is {}, expected the number {CONFIG_VERSION}",
            kind_of(other)
        ))),
    }
}

/// Reads a configuration file. Missing fields take their defaults; unknown fields, a wrong
/// format or a newer version are refused with what is wrong.
pub fn config_from_json(text: &str) -> Result<Config, FileError> {
    bytes_ok(
        "The configuration file",
        "MAX_CONFIG_BYTES",
        MAX_CONFIG_BYTES,
        text,
    )?;
    let value = parse_json(text, "The configuration file")?;
    check_header(&value)?;
    // Parsed again from the text (not the value) so serde's errors keep their line and column.
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    serde_json::from_str(text)
        .map_err(|e| FileError::new(format!("The configuration file is not usable: {e}")))
}

/// The app names read from a catalog file, and what was skipped or chosen on the way.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CatalogFile {
    pub names: Vec<String>,
    pub notes: Vec<String>,
}

/// Reads the Luciq app catalog from a file's text; the extension of `file_name` says how.
pub fn catalog_from_file(file_name: &str, text: &str) -> Result<CatalogFile, FileError> {
    bytes_ok(
        "The catalog file",
        "MAX_CATALOG_FILE_BYTES",
        MAX_CATALOG_FILE_BYTES,
        text,
    )?;
    let extension = file_name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let file = match extension.as_str() {
        "txt" => Ok(catalog_from_txt(text)),
        "csv" => catalog_from_csv(text),
        "json" => catalog_from_json(text),
        _ => {
            let accepted = CATALOG_EXTENSIONS
                .iter()
                .map(|e| format!(".{e}"))
                .collect::<Vec<_>>()
                .join(", ");
            let what = if extension.is_empty() {
                format!("{} has no extension", excerpt(file_name))
            } else {
                format!(
                    "{} is a .{} file",
                    excerpt(file_name),
                    extension.chars().take(20).collect::<String>()
                )
            };
            Err(FileError::new(format!(
                "{what}: the catalog is read from {accepted} (one name per line, a CSV with a name column, or a JSON list)"
            )))
        }
    }?;
    names_ok(
        "The catalog file's names",
        &file.names,
        "MAX_CATALOG_NAMES",
        MAX_CATALOG_NAMES,
    )?;
    Ok(file)
}

/// Line numbers for a note: the first few, then how many more.
fn line_list(lines: &[usize]) -> String {
    const SHOWN: usize = 5;
    let mut out = lines
        .iter()
        .take(SHOWN)
        .map(|l| l.to_string())
        .collect::<Vec<_>>()
        .join(", ");
    if lines.len() > SHOWN {
        out.push_str(&format!(" and {} more", lines.len() - SHOWN));
    }
    out
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn catalog_from_txt(text: &str) -> CatalogFile {
    let mut notes = Vec::new();
    // Old Mac files end lines with CR alone.
    let lines: Vec<&str> = if text.contains('\r') && !text.contains('\n') {
        notes
            .push("Lines end with CR alone (old Mac line endings): read one name per line.".into());
        text.split('\r').collect()
    } else {
        text.split('\n')
            .map(|l| l.strip_suffix('\r').unwrap_or(l))
            .collect()
    };
    let count = lines.len() - usize::from(lines.last() == Some(&""));
    let mut names = Vec::new();
    let mut blank = Vec::new();
    for (i, line) in lines.into_iter().take(count).enumerate() {
        if line.trim().is_empty() {
            blank.push(i + 1);
        } else {
            names.push(line.to_string());
        }
    }
    if !blank.is_empty() {
        notes.push(format!(
            "Skipped {} (line {}).",
            plural(blank.len(), "blank line", "blank lines"),
            line_list(&blank)
        ));
    }
    CatalogFile { names, notes }
}

/// Line breaks in `text[from..to]` (0 when the range is not one).
fn count_newlines(text: &str, from: usize, to: usize) -> usize {
    text.as_bytes()
        .get(from..to)
        .map_or(0, |b| b.iter().filter(|&&c| c == b'\n').count())
}

fn csv_error(e: csv::Error, text: &str) -> FileError {
    let place = e
        .position()
        .map(|p| format!(" (line {})", count_newlines(text, 0, p.byte() as usize) + 1))
        .unwrap_or_default();
    FileError::new(format!("The CSV file could not be read{place}: {e}"))
}

fn catalog_from_csv(text: &str) -> Result<CatalogFile, FileError> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    // The reader's own line count skips line breaks inside quoted cells: count them here.
    let mut rows: Vec<(usize, csv::StringRecord)> = Vec::new();
    let (mut seen, mut line) = (0usize, 1usize);
    for record in reader.records() {
        let record = record.map_err(|e| csv_error(e, text))?;
        // The reader's byte offset can point at the line break that ended the previous record
        // (CRLF, skipped blank lines): the record starts after it.
        let start = record.position().map_or(seen, |p| p.byte() as usize);
        let start = start
            + text.as_bytes().get(start..).map_or(0, |b| {
                b.iter().take_while(|c| matches!(c, b'\r' | b'\n')).count()
            });
        line += count_newlines(text, seen, start);
        seen = seen.max(start);
        rows.push((line, record));
    }
    let Some((_, header)) = rows.first() else {
        return Ok(CatalogFile {
            names: Vec::new(),
            notes: vec!["The CSV file has no rows.".into()],
        });
    };
    let column = header.iter().position(|cell| {
        let cell = cell.trim().to_ascii_lowercase();
        CATALOG_CSV_COLUMNS.contains(&cell.as_str())
    });
    let mut notes = Vec::new();
    let (column, data) = match column {
        Some(c) => {
            let others: Vec<String> = header
                .iter()
                .enumerate()
                .filter(|(i, cell)| {
                    *i != c
                        && CATALOG_CSV_COLUMNS.contains(&cell.trim().to_ascii_lowercase().as_str())
                })
                .map(|(_, cell)| format!("{cell:?}"))
                .collect();
            let mut note = format!(
                "Took the names from column {} ({:?}).",
                c + 1,
                header.get(c).unwrap_or_default()
            );
            if !others.is_empty() {
                note.push_str(&format!(" Also found: {}.", others.join(", ")));
            }
            notes.push(note);
            (c, &rows[1..])
        }
        None if rows.iter().all(|(_, r)| r.len() == 1) => (0, &rows[..]),
        None => {
            let cells = header.iter().map(excerpt).collect::<Vec<_>>().join(", ");
            return Err(FileError::new(format!(
                "The CSV file's first row has {}: {cells}; none is named {} (and the rows have more than one column, so it is not a plain list of names)",
                plural(header.len(), "cell", "cells"),
                CATALOG_CSV_COLUMNS
                    .iter()
                    .map(|c| format!("\"{c}\""))
                    .collect::<Vec<_>>()
                    .join(", ")
            )));
        }
    };
    let mut names = Vec::new();
    let mut blank = Vec::new();
    let mut short = Vec::new();
    for (line, row) in data {
        let line = *line;
        match row.get(column) {
            Some(cell) if cell.trim().is_empty() => blank.push(line),
            Some(cell) => names.push(cell.to_string()),
            None => short.push(line),
        }
    }
    if !blank.is_empty() {
        notes.push(format!(
            "Skipped {} (line {}).",
            plural(blank.len(), "blank cell", "blank cells"),
            line_list(&blank)
        ));
    }
    if !short.is_empty() {
        notes.push(format!(
            "Skipped {} with no cell in column {} (line {}).",
            plural(short.len(), "row", "rows"),
            column + 1,
            line_list(&short)
        ));
    }
    Ok(CatalogFile { names, notes })
}

/// Names from a JSON array of strings, or of objects each with a string `name`.
fn names_from_array(items: &[Value], path: &str) -> Result<Vec<String>, FileError> {
    let objects = matches!(items.first(), Some(Value::Object(_)));
    let mut names = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let here = format!("{path}[{i}]");
        match (objects, item) {
            (false, Value::String(s)) => names.push(s.clone()),
            (false, other) => {
                return Err(FileError::new(format!(
                    "{here} is {}, expected a string",
                    kind_of(other)
                )))
            }
            (true, Value::Object(o)) => match o.get("name") {
                Some(Value::String(s)) => names.push(s.clone()),
                Some(other) => {
                    return Err(FileError::new(format!(
                        "{here}.name is {}, expected a string",
                        kind_of(other)
                    )))
                }
                None => {
                    return Err(FileError::new(format!(
                        "{here} has no \"name\", expected an object with a string \"name\""
                    )))
                }
            },
            (true, other) => {
                return Err(FileError::new(format!(
                    "{here} is {}, expected an object with a string \"name\" (like {path}[0])",
                    kind_of(other)
                )))
            }
        }
    }
    Ok(names)
}

fn catalog_from_json(text: &str) -> Result<CatalogFile, FileError> {
    let value = parse_json(text, "The JSON file")?;
    match &value {
        Value::Array(items) => Ok(CatalogFile {
            names: names_from_array(items, "")?,
            notes: Vec::new(),
        }),
        Value::Object(o) if o.get("format").and_then(Value::as_str) == Some(CONFIG_FORMAT) => {
            let config = config_from_json(text)?;
            Ok(CatalogFile {
                names: config.catalog,
                notes: vec!["Took the catalog from this tool's configuration file.".into()],
            })
        }
        Value::Object(o) => match o.get("apps") {
            Some(Value::Array(items)) => Ok(CatalogFile {
                names: names_from_array(items, "apps")?,
                notes: Vec::new(),
            }),
            Some(other) => Err(FileError::new(format!(
                "apps is {}, expected an array of names",
                kind_of(other)
            ))),
            None => {
                let keys: Vec<String> = o.keys().take(10).map(|k| excerpt(k)).collect();
                Err(FileError::new(format!(
                    "The JSON object has no \"apps\" array (its keys: {}); expected an array of names, an object with an \"apps\" array, or this tool's configuration file",
                    if keys.is_empty() { "none".to_string() } else { keys.join(", ") }
                )))
            }
        },
        other => Err(FileError::new(format!(
            "The JSON file holds {}, expected an array of names or an object with an \"apps\" array",
            kind_of(other)
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn full_config() -> Config {
        Config {
            setup: Setup::Legacy,
            scope: Scope::Group,
            roles: vec![Role {
                title: "Lead".into(),
                value: "lead".into(),
                confirmed: false,
            }],
            catalog: vec!["Acme iOS".into(), "Acme iOS ".into(), "Ada\u{200B}".into()],
            org: "acme.okta.com".into(),
            app_id: "0oa1abcd2EFGH3ijk4x7".into(),
            names_kind: NameKind::Role,
            names: vec!["adminstrator".into()],
            users_csv: "email,role\r\nada@example.com,member\n".into(),
            current_schema: "{\"definitions\": {}}".into(),
            ..Config::default()
        }
    }

    #[test]
    fn round_trip() {
        for config in [Config::default(), full_config()] {
            let text = config_to_json(&config);
            assert!(text.ends_with("}\n"));
            assert!(text.contains("\n  \"format\": \"luciq-scim-config\",\n  \"version\": 1,"));
            assert!(text.contains("\"appId\""));
            assert!(text.contains("\"usersCsv\""));
            assert_eq!(config_from_json(&text).unwrap(), config);
        }
        let text = config_to_json(&full_config());
        assert!(text.contains("\"namesKind\": \"role\""));
        assert!(text.contains("\"scope\": \"NONE\""));
    }

    #[test]
    fn defaults_for_missing_fields() {
        let config = config_from_json(r#"{"format": "luciq-scim-config"}"#).unwrap();
        assert_eq!(config, Config::default());
        assert_eq!(config.roles, builtin_roles());
        let config = config_from_json(
            "\u{FEFF}{\"format\": \"luciq-scim-config\", \"version\": 1, \"catalog\": [\"A\"]}",
        )
        .unwrap();
        assert_eq!(config.catalog, ["A"]);
    }

    #[test]
    fn errors_say_what_is_wrong() {
        let err = |t: &str| config_from_json(t).unwrap_err().message;
        let e = err("{\n  \"format\": \"luciq-scim-config\",\n  \"version\": 1,,\n}");
        assert!(e.contains("line 3 column"), "{e}");
        let e = err(r#"{"format": "something-else"}"#);
        assert_eq!(
            e,
            "format is \"something-else\", expected luciq-scim-config"
        );
        assert!(err(r#"{"catalog": []}"#).contains("format is missing"));
        assert!(err(r#"{"format": 3}"#).contains("format is a number"));
        let e = err(r#"{"format": "luciq-scim-config", "version": 2, "newThing": 1}"#);
        assert!(
            e.starts_with("version 2 is newer than this tool understands"),
            "{e}"
        );
        assert!(err(r#"{"format": "luciq-scim-config", "version": 0}"#).contains("version is 0"));
        assert!(err(r#"{"format": "luciq-scim-config", "version": -1}"#).contains("version is -1"));
        assert!(err(r#"{"format": "luciq-scim-config", "version": "1"}"#)
            .contains("version is a string"));
        let e = err("{\"format\": \"luciq-scim-config\",\n \"colour\": \"blue\"}");
        assert!(e.contains("unknown field `colour`"), "{e}");
        assert!(e.contains("line 2"), "{e}");
        let e = err(r#"{"format": "luciq-scim-config", "setup": "new"}"#);
        assert!(e.contains("unknown variant `new`"), "{e}");
        let e = err(r#"{"format": "luciq-scim-config", "catalog": [1]}"#);
        assert!(
            e.contains("invalid type: integer `1`, expected a string"),
            "{e}"
        );
        assert!(err("[]").contains("holds an array"));
        assert!(err("").contains("not valid JSON"));
    }

    #[test]
    fn hostile_input_never_panics() {
        let deep = "[".repeat(100_000) + &"]".repeat(100_000);
        assert!(config_from_json(&deep).is_err());
        assert!(catalog_from_file("a.json", &deep).is_err());
        let deep_object = "{\"format\": \"luciq-scim-config\", \"names\": ".to_string()
            + &"[".repeat(10_000)
            + &"]".repeat(10_000)
            + "}";
        assert!(config_from_json(&deep_object).is_err());
        let huge = format!(
            "{{\"format\": \"luciq-scim-config\", \"catalog\": [{}\"x\"]}}",
            "\"app\",".repeat(200_000)
        );
        assert_eq!(config_from_json(&huge).unwrap().catalog.len(), 200_001);
        for text in [
            "{\"format\": \"luciq-scim-config\", \"version\": 1e400}",
            "{\"format\": \"luciq-scim-config\", \"version\": 18446744073709551616}",
            "{\"format\": \"luciq-scim-config\", \"version\": 4294967296}",
            "{\"format\": \"luciq-scim-config\", \"roles\": {}}",
            "{\"format\": \"luciq-scim-config\", \"roles\": [{\"title\": 1}]}",
            "{\"format\": \"luciq-scim-config\", \"org\": null}",
            "{\"format\": \"luciq-scim-config\", \"format\": \"x\"}",
            "\"\\ud800\"",
            "nul\u{0}l",
            "{\"format\": \"luciq-scim-config\"} trailing",
        ] {
            let _ = config_from_json(text);
            let _ = catalog_from_file("x.json", text);
            let _ = catalog_from_file("x.csv", text);
            let _ = catalog_from_file("x.txt", text);
        }
        let long_name = "é".repeat(1000) + ".xlsx";
        assert!(catalog_from_file(&long_name, "").is_err());
    }

    #[test]
    fn txt_one_name_per_line() {
        let text = "\u{FEFF}Acme iOS\r\nAcme Android \r\n\r\n   \nAda\u{00A0}App\n";
        let file = catalog_from_file("Apps.TXT", text).unwrap();
        assert_eq!(file.names, ["Acme iOS", "Acme Android ", "Ada\u{00A0}App"]);
        assert_eq!(file.notes, ["Skipped 2 blank lines (line 3, 4)."]);
        let file = catalog_from_file("a.txt", "One\nTwo").unwrap();
        assert_eq!(file.names, ["One", "Two"]);
        assert!(file.notes.is_empty());
        let file = catalog_from_file("a.txt", "One\rTwo\r").unwrap();
        assert_eq!(file.names, ["One", "Two"]);
        let file = catalog_from_file("a.txt", "").unwrap();
        assert!(file.names.is_empty());
        let file = catalog_from_file("a.txt", "\tTab\u{200B}\n").unwrap();
        assert_eq!(file.names, ["\tTab\u{200B}"]);
    }

    #[test]
    fn csv_with_a_name_column() {
        let text = "\u{FEFF}id, App Name ,platform\r\n1,\"Acme, iOS\",ios\r\n2,\"Two\nLines\",android\r\n3,,web\r\n4\r\n5,Trailing ,web\r\n";
        let file = catalog_from_file("apps.csv", text).unwrap();
        assert_eq!(file.names, ["Acme, iOS", "Two\nLines", "Trailing "]);
        assert_eq!(
            file.notes,
            [
                "Took the names from column 2 (\" App Name \").",
                "Skipped 1 blank cell (line 5).",
                "Skipped 1 row with no cell in column 2 (line 6)."
            ]
        );
        let file = catalog_from_file("a.csv", "Name\r\n\r\nA\r\n\r\n\"\"\r\nB").unwrap();
        assert_eq!(file.names, ["A", "B"]);
        assert_eq!(file.notes[1], "Skipped 1 blank cell (line 5).");
        let file = catalog_from_file("a.CSV", "Name,Application\nA,x\n").unwrap();
        assert_eq!(file.names, ["A"]);
        assert!(file.notes[0].contains("Also found: \"Application\""));
    }

    #[test]
    fn csv_one_column_or_an_error() {
        let file = catalog_from_file("a.csv", "Acme iOS\r\n\"Acme, Android\"\r\nAda \r\n").unwrap();
        assert_eq!(file.names, ["Acme iOS", "Acme, Android", "Ada "]);
        let err = catalog_from_file("a.csv", "id,platform\n1,ios\n").unwrap_err();
        assert!(
            err.message.contains("\"id\", \"platform\""),
            "{}",
            err.message
        );
        assert!(err.message.contains("\"application name\""));
        let file = catalog_from_file("a.csv", "").unwrap();
        assert!(file.names.is_empty());
    }

    #[test]
    fn json_shapes() {
        let names = |t: &str| catalog_from_file("a.json", t).unwrap().names;
        assert_eq!(names(r#"["A", "B "]"#), ["A", "B "]);
        assert_eq!(
            names(r#"[{"name": "A", "id": 1}, {"name": "B"}]"#),
            ["A", "B"]
        );
        assert_eq!(names(r#"{"apps": ["A"]}"#), ["A"]);
        assert_eq!(names(r#"{"apps": [{"name": "A"}]}"#), ["A"]);
        assert_eq!(names("\u{FEFF}[\"A\"]"), ["A"]);
        let config = config_to_json(&full_config());
        let file = catalog_from_file("luciq.json", &config).unwrap();
        assert_eq!(file.names, full_config().catalog);
        assert!(file.notes[0].contains("configuration file"));

        let err = |t: &str| catalog_from_file("a.json", t).unwrap_err().message;
        assert_eq!(
            err(r#"["a", "b", "c", 4]"#),
            "[3] is a number, expected a string"
        );
        assert_eq!(
            err(r#"[{"name": "a"}, {"name": null}]"#),
            "[1].name is null, expected a string"
        );
        assert!(err(r#"[{"name": "a"}, {"title": "b"}]"#).starts_with("[1] has no \"name\""));
        assert!(err(r#"[{"name": "a"}, "b"]"#).starts_with("[1] is a string"));
        assert_eq!(
            err(r#"{"apps": [true]}"#),
            "apps[0] is a boolean, expected a string"
        );
        assert!(err(r#"{"apps": "A"}"#).starts_with("apps is a string"));
        assert!(err(r#"{"names": []}"#).contains("\"names\""));
        assert!(err("3").contains("holds a number"));
        assert!(err("[\"a\",\n 1,]").contains("line 2"));
        assert!(err(r#"{"format": "luciq-scim-config", "version": 9}"#).contains("version 9"));
    }

    #[test]
    fn other_extensions_are_refused() {
        let err = catalog_from_file("apps.xlsx", "").unwrap_err().message;
        assert!(err.contains(".xlsx"));
        assert!(err.contains(".txt, .csv, .json"));
        assert!(catalog_from_file("apps", "")
            .unwrap_err()
            .message
            .contains("no extension"));
    }
}
