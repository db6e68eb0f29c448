//! The bulk check of a users file: a CSV with one Luciq assignment per line, checked cell by cell
//! before anything is sent to Okta, then turned into the assignment calls (NDJSON) and a findings
//! report a spreadsheet can open safely.
//!
//! The file has a header line with the columns `email`, `role` and `apps` (any order, any case,
//! spaces around them ignored) and optionally `id` (the Okta user id, `00u…`). `apps` holds app
//! names separated by `|`. Other columns are ignored, with one note. Blank lines (and lines of
//! nothing but commas and spaces) are skipped.
//!
//! Each cell's findings reuse the name checks (`crate::names`), so a message names the exact
//! character and its UTF-16 position within the cell, as the name checks do. The codes are the
//! name checks' codes plus `invalid-email`, `duplicate` (a repeated email or app), `field-count`
//! (column `row`), `invalid-id` and `id-prefix`.
//!
//! Plain Rust: the text comes in, the report goes out; no I/O and no clock.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::limits::{
    at_most, bytes_ok, name_length_ok, names_ok, TooLarge, MAX_CATALOG_NAMES, MAX_CSV_BYTES,
    MAX_CSV_ROWS,
};
use crate::names::catalog::fold;
use crate::names::chars::describe;
use crate::names::{
    clean, Code, Diagnostic, NameChecker, NameKind, Severity, SharedCatalog, WARM_PER_NAME,
};
use crate::okta::assignment::{checked_profile, user_assignment_body};
use crate::okta::{check_okta_id, Method, APP_USERS_PATH};
use crate::profile::{builtin_roles, Role, Setup};
use crate::wire::wire_enum;

/// What to check: the file's text and what its values must come from.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UsersRequest {
    /// Default `current`.
    #[serde(default)]
    pub setup: Setup,
    /// The role table the roles must come from; defaults to the built-in Luciq roles.
    #[serde(default)]
    pub roles: Option<Vec<Role>>,
    /// The exact Luciq app names. Without it only the apps' characters are checked (and the
    /// report's notes say so).
    #[serde(default)]
    pub catalog: Option<Vec<String>>,
    /// The CSV text.
    pub csv: String,
}

impl UsersRequest {}

/// Why the file as a whole could not be checked. `code` is stable.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UsersFileError {
    /// `empty-file`, `missing-column`, `duplicate-column` or `invalid-csv`.
    pub code: &'static str,
    pub message: String,
}

impl UsersFileError {
    fn new(code: &'static str, message: String) -> Self {
        UsersFileError { code, message }
    }
}

impl std::fmt::Display for UsersFileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.code, self.message)
    }
}

impl std::error::Error for UsersFileError {}

wire_enum! {
    /// A column of the users file, as findings and cell edits name it.
    pub enum Column {
        Email => "email",
        Role => "role",
        Apps => "apps",
        Id => "id",
        /// The line as a whole (a finding about the record, not a cell).
        Row => "row",
    }
}

/// One finding about one cell.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CellFinding {
    pub column: Column,
    pub code: Code,
    pub severity: Severity,
    pub message: String,
    /// UTF-16 offset within the cell text of the first character concerned (0 for `row`).
    pub start: usize,
    /// UTF-16 offset within the cell text just past the last character concerned.
    pub end: usize,
    /// The whole cell as it should be, where that is safe to offer.
    pub suggestion: Option<String>,
}

impl CellFinding {
    /// What to mark in the cell's text for this finding (`crate::names::marks`).
    pub fn marks(&self, cell: &str) -> Vec<(usize, usize)> {
        crate::names::marks(
            self.code,
            (self.start, self.end),
            self.suggestion.as_deref(),
            cell,
        )
    }
}

/// The cells of a row with every safe fix applied; `None` where the cell needs no fix (or has
/// none that is safe).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FixedRow {
    pub email: Option<String>,
    pub role: Option<String>,
    pub apps: Option<String>,
    pub id: Option<String>,
}

/// One user line of the file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UserRow {
    /// The line the record starts on (the header is line 1 in a file that starts with it).
    pub line: usize,
    pub email: String,
    /// The `id` cell; `None` when the column is absent or the cell empty.
    pub user_id: Option<String>,
    /// `None` for an empty cell: no role (the attribute is optional).
    pub role: Option<String>,
    /// The `apps` cell split on `|`, exactly as written (empty when the cell is).
    pub apps: Vec<String>,
    /// No error-severity finding.
    pub ok: bool,
    pub findings: Vec<CellFinding>,
    /// The row with every safe fix applied, when that changes any cell.
    pub fixed: Option<FixedRow>,
}

/// The findings for a whole file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UsersReport {
    pub rows: Vec<UserRow>,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// About the file as a whole: ignored columns, apps not checked against a catalog.
    pub notes: Vec<String>,
}

/// Where the columns are.
struct Columns {
    email: usize,
    role: usize,
    apps: usize,
    id: Option<usize>,
    /// Fields in the header.
    width: usize,
}

/// The longest email address (RFC 5321's path limit less the angle brackets).
const MAX_EMAIL: usize = 254;

/// A users file check done in steps: the file is parsed once in `new`, the rows checked a few at
/// a time by `step`, so a page can show progress on 10,000 rows. `check_users` is one run
/// taken to the end.
pub struct UsersRun {
    columns: Columns,
    records: Vec<(usize, csv::StringRecord)>,
    setup: Setup,
    email_checker: NameChecker,
    role_checker: NameChecker,
    app_checker: NameChecker,
    /// Emails seen so far (cleaned, lower case) → (line, email as written).
    emails: HashMap<String, (usize, String)>,
    rows: Vec<UserRow>,
    notes: Vec<String>,
}

impl UsersRun {
    /// Parses the file and prepares the checks (each catalog is indexed once, here).
    pub fn new(req: UsersRequest) -> Result<Self, UsersFileError> {
        Self::build(req, None)
    }

    /// As `new`, with the apps checked against a catalog indexed before (`req.catalog` must be
    /// that catalog's names: it still decides whether there is a catalog at all).
    pub fn with_shared_catalog(
        req: UsersRequest,
        catalog: &SharedCatalog,
    ) -> Result<Self, UsersFileError> {
        Self::build(req, Some(catalog))
    }

    fn build(req: UsersRequest, shared: Option<&SharedCatalog>) -> Result<Self, UsersFileError> {
        within_limits(&req)?;
        let mut records = parse_records(&req.csv)?;
        if records.is_empty() {
            return Err(UsersFileError::new(
                "empty-file",
                "The file is empty: it needs a header line with the columns email, role and apps (and optionally id), then one line per user".into(),
            ));
        }
        let (header_line, header) = records.remove(0);
        let (columns, ignored) = read_header(header_line, &header)?;
        let mut notes = Vec::new();
        if !ignored.is_empty() {
            notes.push(format!(
                "Ignored {} {} of the header (line {header_line}): {}; only email, role, apps and id are read",
                ignored.len(),
                if ignored.len() == 1 { "column" } else { "columns" },
                ignored.join(", ")
            ));
        }
        if req.catalog.is_none() {
            notes.push(
                "The apps were not checked against a catalog, only their characters: give the exact Luciq app names to check them"
                    .into(),
            );
        }
        let roles = req.roles.unwrap_or_else(builtin_roles);
        let role_values: Vec<String> = roles.iter().map(|r| r.value.clone()).collect();
        Ok(UsersRun {
            columns,
            rows: Vec::with_capacity(records.len()),
            records,
            setup: req.setup,
            email_checker: NameChecker::new(NameKind::App, None, req.setup),
            role_checker: NameChecker::new(NameKind::Role, Some(&role_values), req.setup)
                .with_roles(&roles),
            app_checker: match (shared, &req.catalog) {
                (Some(c), Some(_)) => NameChecker::with_shared_catalog(c, req.setup),
                _ => NameChecker::new(NameKind::App, req.catalog.as_deref(), req.setup),
            },
            emails: HashMap::new(),
            notes,
        })
    }

    /// Checks up to `budget` more rows; `true` once every row is checked. With a finite budget
    /// a step may instead build part of the catalog's tables for app names not in it, the first
    /// time a row needs them (`budget × WARM_PER_NAME` entries, as a names check does), so that
    /// no step builds them whole.
    pub fn step(&mut self, budget: usize) -> bool {
        let from = self.rows.len();
        let to = from.saturating_add(budget.max(1)).min(self.records.len());
        for i in from..to {
            if budget != usize::MAX
                && !self.apps_warmed(i, budget.max(1).saturating_mul(WARM_PER_NAME))
            {
                return false;
            }
            let row = self.check_row(i);
            self.rows.push(row);
        }
        self.done()
    }

    pub fn done(&self) -> bool {
        self.rows.len() == self.records.len()
    }

    /// Whether row `i`'s apps can be checked without building a catalog table whole (see `step`).
    fn apps_warmed(&self, i: usize, budget: usize) -> bool {
        let record = &self.records[i].1;
        let apps = record.get(self.columns.apps).unwrap_or("");
        apps.is_empty()
            || apps
                .split('|')
                .all(|app| self.app_checker.warmed_for(app, budget))
    }

    /// (rows checked, rows in all).
    pub fn progress(&self) -> (usize, usize) {
        (self.rows.len(), self.records.len())
    }

    /// Checks what is left and counts.
    pub fn finish(mut self) -> UsersReport {
        self.step(usize::MAX);
        let mut report = UsersReport {
            rows: self.rows,
            errors: 0,
            warnings: 0,
            infos: 0,
            notes: self.notes,
        };
        for f in report.rows.iter().flat_map(|r| &r.findings) {
            match f.severity {
                Severity::Error => report.errors += 1,
                Severity::Warning => report.warnings += 1,
                Severity::Info => report.infos += 1,
            }
        }
        report
    }

    fn check_row(&mut self, i: usize) -> UserRow {
        let (line, record) = &self.records[i];
        let line = *line;
        let cols = &self.columns;
        let cell = |i: usize| record.get(i).unwrap_or("").to_string();
        let email = cell(cols.email);
        let role = cell(cols.role);
        let apps = cell(cols.apps);
        let id = cols.id.map(cell).unwrap_or_default();
        let mut findings = Vec::new();
        let mut fixed = FixedRow::default();
        if record.len() != cols.width {
            let hint = if record.len() > cols.width {
                "a comma in a cell that is not in double quotes? The extra fields are ignored"
            } else {
                "the missing cells are read as empty"
            };
            findings.push(CellFinding {
                column: Column::Row,
                code: Code::FieldCount,
                severity: Severity::Error,
                message: format!(
                    "Line {line} has {} fields where the header has {}: {hint}",
                    record.len(),
                    cols.width
                ),
                start: 0,
                end: 0,
                suggestion: None,
            });
        }
        fixed.email = self.check_email(line, &email, &mut findings);
        let role = (!role.is_empty()).then_some(role);
        if let Some(role) = &role {
            let r = self.role_checker.check(role);
            findings.extend(
                r.diagnostics
                    .into_iter()
                    .map(|d| cell_finding(Column::Role, d, 0)),
            );
            fixed.role = r.fixed;
        }
        let apps = if apps.is_empty() {
            Vec::new()
        } else {
            fixed.apps = self.check_apps(&apps, &mut findings);
            apps.split('|').map(String::from).collect()
        };
        let user_id = (!id.is_empty()).then_some(id);
        if let Some(id) = &user_id {
            fixed.id = check_id(id, &mut findings);
        }
        // A fix never makes a cell a spreadsheet reads as a formula ("–x" cleaned to "-x"): that
        // one is left to the person, through the finding's suggestion.
        let role_was = role.as_deref().unwrap_or("");
        let apps_was = apps.join("|");
        let id_was = user_id.as_deref().unwrap_or("");
        for (cell, was) in [
            (&mut fixed.email, email.as_str()),
            (&mut fixed.role, role_was),
            (&mut fixed.apps, apps_was.as_str()),
            (&mut fixed.id, id_was),
        ] {
            if cell
                .as_deref()
                .is_some_and(|c| starts_formula(c) && c.chars().next() != was.chars().next())
            {
                *cell = None;
            }
        }
        UserRow {
            line,
            email,
            user_id,
            role,
            apps,
            ok: !findings.iter().any(|f| f.severity == Severity::Error),
            findings,
            fixed: (fixed != FixedRow::default()).then_some(fixed),
        }
    }

    /// The email's findings; returns the fixed email when there is a safe fix.
    fn check_email(
        &mut self,
        line: usize,
        email: &str,
        out: &mut Vec<CellFinding>,
    ) -> Option<String> {
        let len = len16(email);
        if email.is_empty() {
            out.push(finding(
                Column::Email,
                Code::Empty,
                Severity::Error,
                "No email: the column is required (it is the user's Okta login)".into(),
                0,
                0,
            ));
            return None;
        }
        let r = self.email_checker.check(email);
        let from = out.len();
        for d in r.diagnostics {
            let code = d.code;
            let mut f = cell_finding(Column::Email, d, 0);
            // A cleaned email that still has a space is no email: nothing safe to offer.
            f.suggestion = f.suggestion.filter(|s| !s.contains(char::is_whitespace));
            if code == Code::ListSeparator {
                // The name checks read "," and ";" as a list; in an email they are an error.
                let what = f.message.split_once(": ").map_or("", |(w, _)| w);
                f.message =
                    format!("{what}: an email has no \",\" or \";\" (two addresses in one cell?)");
                f.severity = Severity::Error;
            }
            out.push(f);
        }
        if out[from..].iter().any(|f| f.code == Code::Empty) {
            return None;
        }
        // Whitespace the character checks let through (a plain space inside the text).
        let covered = |at: usize| out[from..].iter().any(|f| f.start <= at && at < f.end);
        let spaces: Vec<(usize, char)> = chars16(email)
            .filter(|&(at, c)| c.is_whitespace() && !covered(at))
            .collect();
        if let Some(&(at, c)) = spaces.first() {
            let more = match spaces.len() - 1 {
                0 => String::new(),
                n => format!(", and {n} more"),
            };
            out.push(finding(
                Column::Email,
                Code::InvalidEmail,
                Severity::Error,
                format!("{} at {at}: an email has no spaces{more}", describe(c)),
                at,
                at + c.len_utf16(),
            ));
        }
        let ats: Vec<usize> = chars16(email)
            .filter(|&(_, c)| c == '@')
            .map(|(at, _)| at)
            .collect();
        match ats.as_slice() {
            [] => out.push(finding(
                Column::Email,
                Code::InvalidEmail,
                Severity::Error,
                format!("No \"@\" in \"{email}\": an email is name@domain"),
                0,
                len,
            )),
            [at] => {
                let at = *at;
                let split = email.find('@').unwrap_or(0);
                let domain = &email[split + 1..];
                if at == 0 {
                    out.push(finding(
                        Column::Email,
                        Code::InvalidEmail,
                        Severity::Error,
                        "Nothing before \"@\" at 0: the name part of the email is missing".into(),
                        0,
                        1,
                    ));
                }
                if domain.is_empty() {
                    out.push(finding(
                        Column::Email,
                        Code::InvalidEmail,
                        Severity::Error,
                        format!("Nothing after \"@\" at {at}: the domain is missing"),
                        at,
                        at + 1,
                    ));
                } else if !domain.contains('.') {
                    out.push(finding(
                        Column::Email,
                        Code::InvalidEmail,
                        Severity::Error,
                        format!(
                            "The domain \"{domain}\" at {} has no \".\": a domain looks like example.com",
                            at + 1
                        ),
                        at + 1,
                        len,
                    ));
                } else if let Some(dot) = empty_label(domain) {
                    let dot = at + 1 + dot;
                    out.push(finding(
                        Column::Email,
                        Code::InvalidEmail,
                        Severity::Error,
                        format!(
                            "\".\" at {dot} leaves an empty part in the domain \"{domain}\" (a dot at its start or end, or two in a row)"
                        ),
                        dot,
                        dot + 1,
                    ));
                }
            }
            [first, second, ..] => out.push(finding(
                Column::Email,
                Code::InvalidEmail,
                Severity::Error,
                format!(
                    "A second \"@\" at {second} (the first is at {first}): an email has exactly one"
                ),
                *second,
                second + 1,
            )),
        }
        let count = email.chars().count();
        if count > MAX_EMAIL {
            out.push(finding(
                Column::Email,
                Code::InvalidEmail,
                Severity::Error,
                format!("{count} characters: an email has at most {MAX_EMAIL}"),
                0,
                len,
            ));
        }
        // The same person twice: compared without case, after the safe clean-up.
        let key = clean(email).to_lowercase();
        match self.emails.get(&key) {
            Some((first, written)) => out.push(finding(
                Column::Email,
                Code::Duplicate,
                Severity::Error,
                format!(
                    "\"{email}\" is the email of line {first} (\"{written}\") again: emails are compared without case, each user once"
                ),
                0,
                len,
            )),
            None => {
                self.emails.insert(key, (line, email.to_string()));
            }
        }
        r.fixed.filter(|s| !s.contains(char::is_whitespace))
    }

    /// The apps cell's findings; returns the fixed cell when there is a safe fix.
    fn check_apps(&self, cell: &str, out: &mut Vec<CellFinding>) -> Option<String> {
        let segments = split16(cell);
        let n = segments.len();
        let without = |skip: &dyn Fn(usize, &str) -> bool| -> String {
            segments
                .iter()
                .enumerate()
                .filter(|(i, (s, _))| !skip(*i, s))
                .map(|(_, (s, _))| *s)
                .collect::<Vec<_>>()
                .join("|")
        };
        let mut fixed: Vec<String> = Vec::with_capacity(n);
        let mut seen: HashMap<&str, usize> = HashMap::new();
        let mut seen_folded: HashMap<String, usize> = HashMap::new();
        let mut distinct: Vec<usize> = Vec::new();
        for (i, &(app, at)) in segments.iter().enumerate() {
            if app.is_empty() {
                let (start, end, place) = if i + 1 < n {
                    let place = if i == 0 {
                        "before the first \"|\""
                    } else {
                        "between two \"|\""
                    };
                    (at, at + 1, place)
                } else {
                    (at - 1, at, "after the last \"|\"")
                };
                let rest = without(&|_, s| s.is_empty());
                let mut f = finding(
                    Column::Apps,
                    Code::Empty,
                    Severity::Error,
                    format!("Empty app name at {at}: nothing {place}"),
                    start,
                    end,
                );
                f.suggestion = (!rest.is_empty()).then_some(rest);
                out.push(f);
                continue;
            }
            let r = self.app_checker.check(app);
            for d in r.diagnostics {
                let replaced = d.suggestion.as_ref().map(|s| {
                    segments
                        .iter()
                        .enumerate()
                        .map(|(j, (t, _))| if j == i { s.as_str() } else { t })
                        .collect::<Vec<_>>()
                        .join("|")
                });
                let mut f = cell_finding(Column::Apps, d, at);
                f.suggestion = replaced;
                out.push(f);
            }
            fixed.push(r.fixed.unwrap_or_else(|| app.to_string()));
            let len = len16(app);
            if let Some(&j) = seen.get(app) {
                let mut f = finding(
                    Column::Apps,
                    Code::Duplicate,
                    Severity::Warning,
                    format!(
                        "\"{app}\" at {at} repeats app {} of this cell (at {}): it is sent once",
                        j + 1,
                        segments[j].1
                    ),
                    at,
                    at + len,
                );
                f.suggestion = Some(without(&|k, _| k == i));
                out.push(f);
                continue;
            }
            seen.insert(app, i);
            distinct.push(i);
            let key = fold(&clean(app));
            match seen_folded.get(&key) {
                Some(&j) if !key.is_empty() => out.push(finding(
                    Column::Apps,
                    Code::NearDuplicate,
                    Severity::Warning,
                    format!(
                        "\"{app}\" at {at} is app {} of this cell (\"{}\") after case folding, NFC and space clean-up",
                        j + 1,
                        segments[j].0
                    ),
                    at,
                    at + len,
                )),
                Some(_) => {}
                None => {
                    seen_folded.insert(key, i);
                }
            }
        }
        if self.setup == Setup::Legacy && distinct.len() > 1 {
            let second = segments[distinct[1]].1;
            out.push(finding(
                Column::Apps,
                Code::LegacySingleApp,
                Severity::Error,
                format!(
                    "The legacy setup holds one app per user (a plain string); this cell has {} apps, the second at {second}",
                    distinct.len()
                ),
                second,
                len16(cell),
            ));
        }
        let mut once = HashSet::new();
        fixed.retain(|a| once.insert(a.clone()));
        let fixed = fixed.join("|");
        (!fixed.is_empty() && fixed != cell).then_some(fixed)
    }
}

/// The file's non-blank records with the line each starts on (a byte-order mark dropped).
fn parse_records(csv: &str) -> Result<Vec<(usize, csv::StringRecord)>, UsersFileError> {
    let text = csv.strip_prefix('\u{FEFF}').unwrap_or(csv);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = Vec::new();
    let mut lines = LineCounter::new(text);
    for result in reader.records() {
        let record = result.map_err(|e| {
            let at = e
                .position()
                .map(|p| format!(" at line {}", p.line()))
                .unwrap_or_default();
            UsersFileError::new(
                "invalid-csv",
                format!("The file is not readable CSV{at}: {e}"),
            )
        })?;
        if record
            .iter()
            .all(|f| f.chars().all(|c| c.is_ascii_whitespace()))
        {
            continue;
        }
        let line = lines.line_at(record.position().map_or(0, |p| p.byte() as usize));
        // The header and MAX_CSV_ROWS users; one more is enough to refuse.
        at_most(
            || "The users file".into(),
            "MAX_CSV_ROWS",
            MAX_CSV_ROWS,
            records.len(),
            "rows after the header",
        )?;
        for (i, cell) in record.iter().enumerate() {
            name_length_ok(|| format!("Line {line}, field {}", i + 1), cell)?;
        }
        records.push((line, record));
    }
    Ok(records)
}

/// The file with the safe fixes of `report` (made from this same text) applied: to every row, or
/// only to the row on `only_line`. Every other cell, extra columns included, is kept as it was;
/// records are written back with the csv crate (quoted where needed), with the file's line ends
/// (CRLF when it has any); blank lines and a byte-order mark are dropped.
pub fn fixed_csv(
    csv: &str,
    report: &UsersReport,
    only_line: Option<usize>,
) -> Result<String, UsersFileError> {
    let mut edits = Vec::new();
    for row in report
        .rows
        .iter()
        .filter(|r| only_line.is_none_or(|l| r.line == l))
    {
        let Some(fixed) = &row.fixed else { continue };
        for (column, value) in [
            (Column::Email, &fixed.email),
            (Column::Role, &fixed.role),
            (Column::Apps, &fixed.apps),
            (Column::Id, &fixed.id),
        ] {
            if let Some(v) = value {
                edits.push(CellEdit {
                    line: row.line,
                    column,
                    value: v.clone(),
                });
            }
        }
    }
    with_cells(csv, &edits)
}

/// One cell to change: the record starting on `line`, in column `email`, `role`, `apps` or `id`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CellEdit {
    pub line: usize,
    pub column: Column,
    pub value: String,
}

/// The file with these cells changed (a finding's suggestion taken, say) and every other cell,
/// extra columns included, as it was. Written back as `fixed_csv` writes. An edit of a line or
/// column the file does not have changes nothing.
pub fn with_cells(csv: &str, edits: &[CellEdit]) -> Result<String, UsersFileError> {
    let records = parse_records(csv)?;
    let Some((header_line, header)) = records.first() else {
        return Ok(String::new());
    };
    let (columns, _) = read_header(*header_line, header)?;
    let index = |column: Column| match column {
        Column::Email => Some(columns.email),
        Column::Role => Some(columns.role),
        Column::Apps => Some(columns.apps),
        Column::Id => columns.id,
        Column::Row => None,
    };
    let mut by_line: HashMap<usize, Vec<(usize, &str)>> = HashMap::new();
    for e in edits {
        if let Some(c) = index(e.column) {
            by_line.entry(e.line).or_default().push((c, &e.value));
        }
    }
    let terminator = if csv.contains("\r\n") {
        csv::Terminator::CRLF
    } else {
        csv::Terminator::Any(b'\n')
    };
    let mut writer = csv::WriterBuilder::new()
        .flexible(true)
        .terminator(terminator)
        .from_writer(Vec::new());
    let failed = |e: String| {
        UsersFileError::new(
            "invalid-csv",
            format!("The file could not be written back: {e}"),
        )
    };
    for (i, (line, record)) in records.iter().enumerate() {
        let mut cells: Vec<String> = record.iter().map(String::from).collect();
        // The header is never edited.
        if let Some(changes) = by_line.get(line).filter(|_| i > 0) {
            for &(c, v) in changes {
                if let Some(cell) = cells.get_mut(c) {
                    *cell = v.to_string();
                }
            }
        }
        writer
            .write_record(&cells)
            .map_err(|e| failed(e.to_string()))?;
    }
    let bytes = writer.into_inner().map_err(|e| failed(e.to_string()))?;
    // Every cell came from a &str: the bytes are UTF-8.
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// The limits (`crate::limits`) a users request is held to before its file is parsed: the
/// file's bytes, the role table and the catalog. Rows and cells are counted as they are read.
fn within_limits(req: &UsersRequest) -> Result<(), UsersFileError> {
    bytes_ok("The users file", "MAX_CSV_BYTES", MAX_CSV_BYTES, &req.csv)?;
    if let Some(c) = &req.catalog {
        names_ok("catalog", c, "MAX_CATALOG_NAMES", MAX_CATALOG_NAMES)?;
    }
    // The role table is held to what every builder holds it to.
    crate::okta::roles_within_limits(req.roles.as_ref())?;
    Ok(())
}

impl From<TooLarge> for UsersFileError {
    fn from(e: TooLarge) -> Self {
        UsersFileError::new(TooLarge::CODE, e.message())
    }
}

/// Checks a users file to the end.
pub fn check_users(req: UsersRequest) -> Result<UsersReport, UsersFileError> {
    Ok(UsersRun::new(req)?.finish())
}

/// Finds the columns; returns them and the ignored header cells, described.
fn read_header(
    line: usize,
    header: &csv::StringRecord,
) -> Result<(Columns, Vec<String>), UsersFileError> {
    let found = || {
        header
            .iter()
            .map(|h| format!("\"{h}\""))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut at: [Option<usize>; 4] = [None; 4];
    const NAMES: [&str; 4] = ["email", "role", "apps", "id"];
    let mut ignored = Vec::new();
    for (i, h) in header.iter().enumerate() {
        let name = h.trim_matches(|c: char| c.is_ascii_whitespace());
        match NAMES.iter().position(|n| n.eq_ignore_ascii_case(name)) {
            Some(k) => {
                if let Some(first) = at[k] {
                    return Err(UsersFileError::new(
                        "duplicate-column",
                        format!(
                            "The header (line {line}) has two \"{}\" columns, {} and {}: keep one. Header found: {}",
                            NAMES[k],
                            first + 1,
                            i + 1,
                            found()
                        ),
                    ));
                }
                at[k] = Some(i);
            }
            None => ignored.push(format!("\"{h}\" (column {})", i + 1)),
        }
    }
    let missing: Vec<&str> = NAMES[..3]
        .iter()
        .zip(&at)
        .filter(|(_, a)| a.is_none())
        .map(|(n, _)| *n)
        .collect();
    if !missing.is_empty() {
        let list = missing
            .iter()
            .map(|m| format!("\"{m}\""))
            .collect::<Vec<_>>()
            .join(", ");
        return Err(UsersFileError::new(
            "missing-column",
            format!(
                "The header (line {line}) has no {list} {}: found {}. The first line must name the columns email, role and apps (any order, any case) and optionally id",
                if missing.len() == 1 { "column" } else { "columns" },
                found()
            ),
        ));
    }
    Ok((
        Columns {
            email: at[0].unwrap_or_default(),
            role: at[1].unwrap_or_default(),
            apps: at[2].unwrap_or_default(),
            id: at[3],
            width: header.len(),
        },
        ignored,
    ))
}

/// The id's findings; returns the fixed id when cleaning makes it a valid one.
fn check_id(id: &str, out: &mut Vec<CellFinding>) -> Option<String> {
    if let Err(e) = check_okta_id("id", id) {
        let (at, c) = chars16(id)
            .find(|(_, c)| !c.is_ascii_alphanumeric())
            .unwrap_or((0, ' '));
        let cleaned = clean(id);
        // (`check_okta_id` refuses with the code `invalid-id`.)
        let mut f = finding(
            Column::Id,
            Code::InvalidId,
            Severity::Error,
            format!("{}: {} at {at}", e.message, describe(c)),
            at,
            at + c.len_utf16(),
        );
        f.suggestion = check_okta_id("id", &cleaned).is_ok().then_some(cleaned);
        let fixed = f.suggestion.clone();
        out.push(f);
        return fixed;
    }
    if !id.starts_with("00u") {
        out.push(finding(
            Column::Id,
            Code::IdPrefix,
            Severity::Warning,
            format!(
                "\"{id}\" does not start with \"00u\" as Okta user ids do (00g is a group, 0oa an app)"
            ),
            0,
            len16(id).min(3),
        ));
    }
    None
}

/// Line numbers from byte offsets, counting CRLF, LF and CR each as one line end. (The csv crate's
/// own line count leaves out blank lines and counts CRLF ends late.)
struct LineCounter<'a> {
    text: &'a [u8],
    at: usize,
    line: usize,
}

impl<'a> LineCounter<'a> {
    fn new(text: &'a str) -> Self {
        LineCounter {
            text: text.as_bytes(),
            at: 0,
            line: 1,
        }
    }

    /// The line of the record the reader started at `byte` (the reader starts a record before the
    /// line ends it skips); offsets must not decrease from call to call.
    fn line_at(&mut self, byte: usize) -> usize {
        let text = self.text;
        let mut start = byte.min(text.len());
        while start < text.len() && matches!(text[start], b'\r' | b'\n') {
            start += 1;
        }
        while self.at < start {
            let ends_line = match text[self.at] {
                b'\n' => true,
                b'\r' => text.get(self.at + 1) != Some(&b'\n'),
                _ => false,
            };
            self.line += usize::from(ends_line);
            self.at += 1;
        }
        self.line
    }
}

/// The position of the first empty label in a domain (at a dot, in UTF-16 from the domain start).
fn empty_label(domain: &str) -> Option<usize> {
    let chars: Vec<(usize, char)> = chars16(domain).collect();
    chars.iter().enumerate().find_map(|(i, &(at, c))| {
        let empty_before = i == 0 || chars[i - 1].1 == '.';
        let empty_after = i + 1 == chars.len();
        (c == '.' && (empty_before || empty_after)).then_some(at)
    })
}

fn finding(
    column: Column,
    code: Code,
    severity: Severity,
    message: String,
    start: usize,
    end: usize,
) -> CellFinding {
    CellFinding {
        column,
        code,
        severity,
        message,
        start,
        end,
        suggestion: None,
    }
}

/// A name check's finding as a cell's, `shift` UTF-16 units into the cell: the span and the
/// position its message names both count from the start of the cell.
fn cell_finding(column: Column, d: Diagnostic, shift: usize) -> CellFinding {
    let message = if shift == 0 {
        d.message.clone()
    } else {
        shifted_message(&d, shift)
    };
    CellFinding {
        column,
        code: d.code,
        severity: d.severity,
        message,
        start: d.start + shift,
        end: d.end + shift,
        suggestion: d.suggestion,
    }
}

/// The message of a name finding with the position it names moved `shift` units on. The name
/// checks write one position per message, always the finding's start, as " at N"; in catalog
/// findings it follows the quoted catalog name (which may itself hold " at N").
fn shifted_message(d: &Diagnostic, shift: usize) -> String {
    let positional = matches!(
        d.code,
        Code::EdgeWhitespace
            | Code::RepeatedSpace
            | Code::UnusualSpace
            | Code::InvisibleChar
            | Code::ControlChar
            | Code::InvalidChar
            | Code::NotNfc
            | Code::Confusable
            | Code::TypographicPunctuation
            | Code::ListSeparator
            | Code::TooManyFindings
            | Code::CaseMismatch
    );
    if !positional {
        return d.message.clone();
    }
    let message = d.message.as_str();
    let from = match (d.code, &d.suggestion) {
        (Code::CaseMismatch | Code::Confusable, Some(entry)) => {
            let quoted = format!("\"{entry}\"");
            message.find(&quoted).map_or(0, |i| i + quoted.len())
        }
        _ => 0,
    };
    let needle = format!(" at {}", d.start);
    let mut search = from;
    while let Some(i) = message[search..].find(&needle) {
        let i = search + i;
        let after = i + needle.len();
        if !message[after..].starts_with(|c: char| c.is_ascii_digit()) {
            return format!(
                "{} at {}{}",
                &message[..i],
                d.start + shift,
                &message[after..]
            );
        }
        search = after;
    }
    d.message.clone()
}

fn len16(s: &str) -> usize {
    s.chars().map(char::len_utf16).sum()
}

/// The characters of `s` with their UTF-16 offsets.
fn chars16(s: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    s.chars().scan(0, |at, c| {
        let here = *at;
        *at += c.len_utf16();
        Some((here, c))
    })
}

/// The `|`-separated parts of a cell with their UTF-16 offsets.
fn split16(cell: &str) -> Vec<(&str, usize)> {
    let mut at = 0;
    cell.split('|')
        .map(|part| {
            let here = at;
            at += len16(part) + 1;
            (part, here)
        })
        .collect()
}

impl UserRow {
    /// The text of a cell as written (`""` for `row` and for empty cells): what a finding's
    /// positions count in.
    pub fn cell(&self, column: Column) -> String {
        match column {
            Column::Email => self.email.clone(),
            Column::Role => self.role.clone().unwrap_or_default(),
            Column::Apps => self.apps.join("|"),
            Column::Id => self.user_id.clone().unwrap_or_default(),
            Column::Row => String::new(),
        }
    }
}

/// The apps of a row as they are sent: in order, each once (a repeat is only a warning).
fn apps_to_send(row: &UserRow) -> Option<Vec<String>> {
    let mut once = HashSet::new();
    let apps: Vec<String> = row
        .apps
        .iter()
        .filter(|a| once.insert(a.as_str()))
        .cloned()
        .collect();
    (!apps.is_empty()).then_some(apps)
}

/// The assignment calls for the rows without errors, one JSON object per line, in file order:
/// `{"line","email","userId","method","path","body"}`, where `body` is what
/// `okta::assignment::build_assignment_payload` builds for that user (userName = email; an empty
/// role or apps cell leaves that attribute out; an app repeated in a cell is sent once).
/// `setup` must be the one the report was checked with.
///
/// A row without an id has `"userId": null`, a body without `"id"`, and a `"lookup"` path
/// (`GET /api/v1/users/{email}`, Okta's user by login): the caller must look the user up first and
/// put the user's id in the body as `"id"` before posting it.
pub fn assignments_ndjson(report: &UsersReport, setup: Setup) -> String {
    let mut out = String::new();
    for row in report.rows.iter().filter(|r| r.ok) {
        let apps = apps_to_send(row);
        let profile = checked_profile(setup, row.role.as_deref(), apps.as_deref());
        let body = user_assignment_body(row.user_id.as_deref(), &row.email, profile);
        let mut call = json!({
            "line": row.line,
            "email": row.email,
            "userId": row.user_id,
            "method": Method::Post.as_str(),
            "path": APP_USERS_PATH,
            "body": body,
        });
        if row.user_id.is_none() {
            call["lookup"] = Value::String(format!("/api/v1/users/{}", percent_encode(&row.email)));
        }
        out.push_str(&call.to_string());
        out.push('\n');
    }
    out
}

/// Percent-encodes everything but RFC 3986's unreserved characters, so a login is one path segment.
fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A CSV a spreadsheet opens safely: the header, then the rows, CRLF line ends, every cell that
/// would start a formula with a leading `'`. Every CSV the product writes goes through here.
pub(crate) fn csv_text<S: AsRef<str>>(header: &[&str], rows: &[Vec<S>]) -> String {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    // Writing to a Vec cannot fail.
    let _ = w.write_record(header.iter().map(|c| neutralised(c)));
    for row in rows {
        let _ = w.write_record(row.iter().map(|c| neutralised(c.as_ref())));
    }
    let bytes = w.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

/// A cell a spreadsheet would read as a formula gets a leading `'` (OWASP "CSV Injection":
/// `=`, `+`, `-`, `@`, tab and carriage return; ASVS 1.2.10 adds NUL).
fn neutralised(cell: &str) -> String {
    if starts_formula(cell) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

/// Whether a spreadsheet would read the cell as a formula.
fn starts_formula(cell: &str) -> bool {
    matches!(
        cell.chars().next(),
        Some('=' | '+' | '-' | '@' | '\t' | '\r' | '\0')
    )
}

/// Every finding as a CSV a spreadsheet can open safely: `line,column,severity,code,message,value`
/// (`value` is the whole cell), CRLF line ends. Cells that would start a formula get a leading `'`.
pub fn findings_csv(report: &UsersReport) -> String {
    let rows: Vec<Vec<String>> = report
        .rows
        .iter()
        .flat_map(|row| {
            row.findings.iter().map(move |f| {
                vec![
                    row.line.to_string(),
                    f.column.as_str().to_string(),
                    f.severity.as_str().to_string(),
                    f.code.as_str().to_string(),
                    f.message.clone(),
                    row.cell(f.column),
                ]
            })
        })
        .collect();
    csv_text(
        &["line", "column", "severity", "code", "message", "value"],
        &rows,
    )
}
