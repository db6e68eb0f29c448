//! Native tests of the name checks through the same request shape the JS API takes (JSON).
#![cfg(not(target_arch = "wasm32"))]

use luciq_scim::names::{
    check_names, clean, CheckReport, CheckRequest, Code, Diagnostic, Severity,
};
use serde_json::{json, Value};

fn check(request: Value) -> CheckReport {
    let request: CheckRequest = serde_json::from_value(request).expect("valid request");
    check_names(&request)
}

fn apps(names: &[&str]) -> CheckReport {
    check(json!({"kind": "app", "names": names}))
}

fn apps_in(names: &[&str], catalog: &[&str]) -> CheckReport {
    check(json!({"kind": "app", "names": names, "catalog": catalog}))
}

fn codes(report: &CheckReport, i: usize) -> Vec<&'static str> {
    report.results[i]
        .diagnostics
        .iter()
        .map(|d| d.code.as_str())
        .collect()
}

fn only(report: &CheckReport, i: usize) -> &Diagnostic {
    let d = &report.results[i].diagnostics;
    assert_eq!(
        d.len(),
        1,
        "expected one diagnostic for {:?}, got {d:#?}",
        report.results[i].input
    );
    &d[0]
}

fn find(report: &CheckReport, i: usize, code: Code) -> &Diagnostic {
    report.results[i]
        .diagnostics
        .iter()
        .find(|d| d.code == code)
        .unwrap_or_else(|| {
            panic!(
                "no {code:?} for {:?}: {:#?}",
                report.results[i].input, report.results[i].diagnostics
            )
        })
}

const CATALOG: [&str; 6] = [
    "Acme iOS",
    "Acme Android",
    "Acme Web",
    "Ada's App",
    "Café Finder",
    "Zeta Pay",
];

#[test]
fn empty() {
    let r = apps(&["", "   ", "\u{200B}\u{FEFF}"]);
    assert_eq!(codes(&r, 0), ["empty"]);
    assert_eq!(only(&r, 0).severity, Severity::Error);
    assert_eq!(codes(&r, 1), ["empty"]);
    assert_eq!(
        find(&r, 2, Code::Empty).message,
        "Nothing visible: 2 characters, none of them printing"
    );
    assert!(codes(&r, 2).contains(&"invisible-char"));
    assert!(r.results.iter().all(|x| !x.ok && x.fixed.is_none()));
}

#[test]
fn edge_whitespace() {
    let r = apps(&[" Acme iOS", "Acme iOS\u{A0}", "Acme iOS  "]);
    let d = find(&r, 0, Code::EdgeWhitespace);
    assert_eq!((d.start, d.end), (0, 1));
    assert_eq!(d.message, "Leading U+0020 SPACE at 0");
    assert_eq!(d.suggestion.as_deref(), Some("Acme iOS"));
    let d = find(&r, 1, Code::EdgeWhitespace);
    assert_eq!(d.message, "Trailing U+00A0 NO-BREAK SPACE at 8");
    assert_eq!((d.start, d.end), (8, 9));
    assert!(codes(&r, 1).contains(&"unusual-space"));
    assert_eq!(
        find(&r, 2, Code::EdgeWhitespace).message,
        "Trailing 2 × U+0020 SPACE at 8"
    );
    assert_eq!(r.results[2].fixed.as_deref(), Some("Acme iOS"));
}

#[test]
fn repeated_space() {
    let r = apps(&["Acme  iOS"]);
    let d = only(&r, 0);
    assert_eq!(
        (d.code, d.severity),
        (Code::RepeatedSpace, Severity::Warning)
    );
    assert_eq!(d.message, "2 spaces in a row at 4");
    assert_eq!((d.start, d.end), (4, 6));
    assert_eq!(d.suggestion.as_deref(), Some("Acme iOS"));
    assert!(r.results[0].ok, "a warning leaves the name usable");
}

#[test]
fn unusual_space() {
    let r = apps(&["Acme\u{2009}iOS", "Zeta\tPay", "Web\u{3000}App"]);
    let d = only(&r, 0);
    assert_eq!(d.code, Code::UnusualSpace);
    assert_eq!(
        d.message,
        "U+2009 THIN SPACE at 4: not a plain space (U+0020)"
    );
    assert_eq!(d.suggestion.as_deref(), Some("Acme iOS"));
    assert_eq!(only(&r, 1).code, Code::UnusualSpace);
    assert_eq!(
        only(&r, 2).message,
        "U+3000 IDEOGRAPHIC SPACE at 3: not a plain space (U+0020)"
    );
}

#[test]
fn invisible_char() {
    let r = apps(&[
        "Acme\u{200B} iOS",
        "\u{FEFF}Zeta",
        "Ca\u{AD}fe",
        "Web \u{202E}SOi",
        "A\u{2060}\u{2060}B",
    ]);
    let d = only(&r, 0);
    assert_eq!(d.code, Code::InvisibleChar);
    assert_eq!(
        d.message,
        "U+200B ZERO WIDTH SPACE at 4: invisible, yet part of the value Okta sends"
    );
    assert_eq!((d.start, d.end), (4, 5));
    assert_eq!(d.suggestion.as_deref(), Some("Acme iOS"));
    assert!(only(&r, 1)
        .message
        .starts_with("U+FEFF ZERO WIDTH NO-BREAK SPACE at 0"));
    assert!(only(&r, 2).message.starts_with("U+00AD SOFT HYPHEN at 2"));
    assert!(only(&r, 3)
        .message
        .starts_with("U+202E RIGHT-TO-LEFT OVERRIDE at 4"));
    assert!(only(&r, 4)
        .message
        .starts_with("2 × U+2060 WORD JOINER at 1"));
}

#[test]
fn control_char() {
    let r = apps(&["Acme\niOS", "Zeta\u{0}", "Web\u{85}App", "Pay\r\n"]);
    let d = only(&r, 0);
    assert_eq!(d.code, Code::ControlChar);
    assert_eq!(
        d.message,
        "U+000A <control> at 4: a control character or line break"
    );
    assert_eq!(d.suggestion.as_deref(), Some("Acme iOS"));
    assert_eq!(only(&r, 1).code, Code::ControlChar);
    assert_eq!(codes(&r, 2), ["control-char"]);
    assert!(codes(&r, 3).contains(&"edge-whitespace") && codes(&r, 3).contains(&"control-char"));
}

#[test]
fn invalid_char() {
    let r = apps(&["Acme\u{FFFD}", "Acme\u{E000}", "Acme\u{FFFF}"]);
    for i in 0..3 {
        let d = only(&r, i);
        assert_eq!(d.code, Code::InvalidChar);
        assert_eq!(d.suggestion, None, "the lost character cannot be guessed");
    }
    assert!(only(&r, 0).message.contains("unpaired surrogate"));
}

#[test]
fn not_nfc() {
    let r = apps(&["Cafe\u{301} Finder"]);
    let d = only(&r, 0);
    assert_eq!(d.code, Code::NotNfc);
    assert_eq!(
        d.message,
        "Not in Unicode NFC at 3: \"e\" (U+0065) + U+0301 COMBINING ACUTE ACCENT should be \"é\" (U+00E9)"
    );
    assert_eq!((d.start, d.end), (3, 5));
    assert_eq!(d.suggestion.as_deref(), Some("Café Finder"));
}

#[test]
fn confusable_mixed_script() {
    let r = apps(&["Acm\u{435} iOS", "\u{410}\u{441}\u{435} iOS"]);
    let d = only(&r, 0);
    assert_eq!(d.code, Code::Confusable);
    assert_eq!(
        d.message,
        "U+0435 CYRILLIC SMALL LETTER IE at 3 is Cyrillic and looks like the Latin \"e\" around it"
    );
    assert_eq!(d.suggestion.as_deref(), Some("Acme iOS"));
    assert_eq!(codes(&r, 1), ["confusable"; 3]);
    assert_eq!(r.results[1].fixed.as_deref(), Some("Ace iOS"));
}

#[test]
fn confusable_with_the_catalog() {
    // "0" for "O": same UTS #39 skeleton as a catalog name, but not the same text.
    let r = apps_in(&["Acme i0S"], &["Acme iOS"]);
    let d = only(&r, 0);
    assert_eq!(d.code, Code::Confusable);
    assert_eq!(
        d.message,
        "Looks like the catalog name \"Acme iOS\" but is different text: \"0\" (U+0030) at 6 where the catalog has \"O\" (U+004F)"
    );
    assert_eq!((d.start, d.end), (6, 7));
    assert_eq!(d.suggestion.as_deref(), Some("Acme iOS"));
    // A Cyrillic look-alike resolves to the catalog name too, and is reported once.
    let r = apps_in(&["Acm\u{435} iOS"], &["Acme iOS"]);
    assert_eq!(codes(&r, 0), ["confusable"]);
    assert_eq!(r.results[0].fixed.as_deref(), Some("Acme iOS"));
}

#[test]
fn typographic_punctuation() {
    let r = apps(&["Ada\u{2019}s App", "Acme \u{2013} iOS", "Acme\u{2026}"]);
    let d = only(&r, 0);
    assert_eq!(
        (d.code, d.severity),
        (Code::TypographicPunctuation, Severity::Warning)
    );
    assert_eq!(d.message, "U+2019 RIGHT SINGLE QUOTATION MARK at 3: typographic punctuation, typed as \"'\" elsewhere");
    assert_eq!(d.suggestion.as_deref(), Some("Ada's App"));
    assert_eq!(only(&r, 1).suggestion.as_deref(), Some("Acme - iOS"));
    assert_eq!(only(&r, 2).suggestion.as_deref(), Some("Acme..."));
    // An error when the catalog has the ASCII form.
    let r = apps_in(&["Ada\u{2019}s App"], &CATALOG);
    let d = only(&r, 0);
    assert_eq!(
        (d.code, d.severity),
        (Code::TypographicPunctuation, Severity::Error)
    );
    assert!(d.message.ends_with("and the catalog has the ASCII form"));
    assert_eq!(d.suggestion.as_deref(), Some("Ada's App"));
    // Still a warning when the catalog itself has the curly form.
    let r = apps_in(&["Ada\u{2019}s App"], &["Ada\u{2019}s App"]);
    assert_eq!(only(&r, 0).severity, Severity::Warning);
}

#[test]
fn a_case_mismatch_marks_the_letters_that_differ_and_names_where() {
    // U+10428 DESERET SMALL LETTER LONG I is two UTF-16 units; its capital is U+10400.
    let r = apps_in(&["\u{10428}bc def gh"], &["\u{10400}bc DEF GH"]);
    let d = only(&r, 0);
    assert_eq!(d.code, Code::CaseMismatch);
    assert!(
        d.message.ends_with(", and 5 more at 5, 6, 7, 9, …"),
        "{}",
        d.message
    );
    assert_eq!(d.marks("\u{10428}bc def gh"), vec![(0, 2), (5, 8), (9, 11)]);
    let r = apps_in(&["acme android"], &CATALOG);
    let d = only(&r, 0);
    assert!(d.message.ends_with(", and 1 more at 5"), "{}", d.message);
    assert_eq!(d.marks("acme android"), vec![(0, 1), (5, 6)]);
    // Where the letters do not line up (the name was cleaned too), or for any other finding,
    // the finding's span is what is marked.
    let r = apps_in(&[" acme iOS"], &CATALOG);
    let d = find(&r, 0, Code::CaseMismatch);
    assert_eq!(d.marks(" acme iOS"), vec![(d.start, d.end)]);
    let r = apps_in(&["Acme Andriod"], &CATALOG);
    let d = only(&r, 0);
    assert_eq!(d.marks("Acme Andriod"), vec![(d.start, d.end)]);
}

#[test]
fn case_mismatch() {
    let r = apps_in(&["acme ios", "Acme IOS"], &CATALOG);
    let d = only(&r, 0);
    assert_eq!(d.code, Code::CaseMismatch);
    assert_eq!(
        d.message,
        "Differs only in case from the catalog name \"Acme iOS\": \"a\" (U+0061) at 0 where the catalog has \"A\" (U+0041), and 2 more at 6 and 7"
    );
    assert_eq!(
        (d.start, d.end),
        (0, 8),
        "from the first to the last letter that differs"
    );
    assert_eq!(
        d.marks("acme ios"),
        vec![(0, 1), (6, 8)],
        "only the letters that differ are marked"
    );
    assert_eq!(d.suggestion.as_deref(), Some("Acme iOS"));
    let d = find(&r, 1, Code::CaseMismatch);
    assert_eq!((d.start, d.end), (5, 6));
    assert!(
        d.message.ends_with("where the catalog has \"i\" (U+0069)"),
        "{}",
        d.message
    );
}

#[test]
fn not_in_catalog_suggests_the_nearest_names() {
    let r = apps_in(&["Acme Andriod", "Something else entirely"], &CATALOG);
    let d = only(&r, 0);
    assert_eq!(d.code, Code::NotInCatalog);
    assert_eq!(
        d.message,
        "\"Acme Andriod\" is not a catalog app name; nearest: \"Acme Android\""
    );
    assert_eq!(d.suggestion.as_deref(), Some("Acme Android"));
    assert_eq!(d.alternatives, ["Acme Android"]);
    let d = only(&r, 1);
    assert_eq!(d.suggestion, None);
    assert!(d.message.ends_with("and no catalog app name is close"));
}

#[test]
fn duplicates_and_near_duplicates() {
    let r = apps(&["Acme iOS", "Acme Web", "Acme iOS", "ACME  web"]);
    assert!(codes(&r, 0).is_empty() && codes(&r, 1).is_empty());
    assert_eq!(codes(&r, 2), ["duplicate"]);
    assert_eq!(only(&r, 2).message, "Repeats entry 1 of the list");
    let d = find(&r, 3, Code::NearDuplicate);
    assert_eq!(d.severity, Severity::Warning);
    assert_eq!(
        d.message,
        "Same as entry 2 (\"Acme Web\"): equal after case folding, NFC and space clean-up"
    );
}

#[test]
fn list_separator() {
    let r = apps(&["Acme iOS, Acme Web"]);
    let d = only(&r, 0);
    assert_eq!(
        (d.code, d.severity),
        (Code::ListSeparator, Severity::Warning)
    );
    assert_eq!(
        d.message,
        "U+002C COMMA at 8: Okta sends the whole text as one name, not as a list"
    );
    // An error for a user's value in the legacy setup, where the field is one plain string.
    let r = check(
        json!({"kind": "app", "names": ["Acme iOS;Acme Web"], "catalog": CATALOG, "setup": "legacy"}),
    );
    assert_eq!(find(&r, 0, Code::ListSeparator).severity, Severity::Error);
}

#[test]
fn admin_role_value() {
    let r = check(
        json!({"kind": "role", "names": ["administrator", "Admin", "ADMINISTRATOR ", "adminstrator"]}),
    );
    for i in 0..3 {
        let d = find(&r, i, Code::AdminRoleValue);
        assert_eq!(d.suggestion.as_deref(), Some("adminstrator"));
        assert!(!codes(&r, i).contains(&"not-in-catalog"));
    }
    assert!(find(&r, 0, Code::AdminRoleValue)
        .message
        .contains("Luciq expects \"adminstrator\""));
    assert!(codes(&r, 3).is_empty(), "{:?}", r.results[3]);
}

#[test]
fn role_values_against_the_builtin_roles() {
    let r = check(json!({"kind": "role", "names": ["Member", "membre", "viewer"]}));
    assert_eq!(codes(&r, 0), ["case-mismatch"]);
    assert_eq!(
        find(&r, 1, Code::NotInCatalog).suggestion.as_deref(),
        Some("member")
    );
    assert_eq!(codes(&r, 2), ["unconfirmed-value"]);
    let d = only(&r, 2);
    assert_eq!(d.severity, Severity::Info);
    assert!(d.message.contains("Luciq has not published it"));
    assert!(r.results[2].ok);
}

#[test]
fn legacy_single_app() {
    let r = check(
        json!({"kind": "app", "names": ["Acme iOS", "Acme Web"], "catalog": CATALOG, "setup": "legacy"}),
    );
    assert!(codes(&r, 0).is_empty());
    let d = only(&r, 1);
    assert_eq!(d.code, Code::LegacySingleApp);
    assert_eq!(
        d.message,
        "The legacy setup holds one app per user (a plain string); this is app 2 of 2"
    );
    // The current setup takes a list.
    let r = apps_in(&["Acme iOS", "Acme Web"], &CATALOG);
    assert!(codes(&r, 1).is_empty());
}

#[test]
fn variable_names() {
    let r = check(json!({"kind": "variable", "names": [
        "instabugRole", "instabugApplications", "InstabugRole", "instabug_role", "instabug-role", "1role", "status"
    ]}));
    assert!(codes(&r, 0).is_empty() && codes(&r, 1).is_empty());
    // "InstabugRole" also collides with entry 1: Okta ignores case in variable names.
    assert_eq!(codes(&r, 2), ["variable-name-mismatch", "near-duplicate"]);
    let d = find(&r, 2, Code::VariableNameMismatch);
    assert_eq!(
        d.message,
        "Luciq expects the variable name \"instabugRole\" exactly (it is also the external name): \"I\" (U+0049) at 0 differs"
    );
    assert_eq!(d.suggestion.as_deref(), Some("instabugRole"));
    assert_eq!(
        find(&r, 3, Code::VariableNameMismatch)
            .suggestion
            .as_deref(),
        Some("instabugRole")
    );
    let d = find(&r, 4, Code::VariableNameInvalid);
    assert_eq!(
        d.message,
        "U+002D HYPHEN-MINUS at 8: Okta variable names take only letters, digits and underscores"
    );
    assert_eq!((d.start, d.end), (8, 9));
    assert!(find(&r, 5, Code::VariableNameInvalid)
        .message
        .contains("cannot start with a digit"));
    assert_eq!(
        find(&r, 6, Code::VariableNameReserved).message,
        "\"status\" is an Okta reserved attribute name"
    );
    // Names that differ only in case collide in Okta.
    let r = check(
        json!({"kind": "variable", "names": ["instabugRole", "InstabugRole"], "catalog": ["instabugRole", "InstabugRole"]}),
    );
    assert_eq!(find(&r, 1, Code::NearDuplicate).severity, Severity::Error);
}

#[test]
fn too_many_findings_are_counted_not_listed() {
    let name = "a\u{200B}".repeat(1000);
    let r = apps(&[&name]);
    let d = &r.results[0].diagnostics;
    assert!(d.len() < 60, "{}", d.len());
    let last = d.last().unwrap();
    assert_eq!(last.code, Code::TooManyFindings);
    assert_eq!(last.severity, Severity::Error);
    assert!(
        last.message.starts_with("952 more findings"),
        "{}",
        last.message
    );
    assert_eq!(
        r.results[0].fixed.as_deref(),
        Some("a".repeat(1000).as_str())
    );
}

#[test]
fn positions_are_utf16_offsets() {
    // "😀" is one char but two UTF-16 units, so the space after it is at 2.
    let r = apps(&["😀\u{A0}x"]);
    let d = only(&r, 0);
    assert_eq!((d.start, d.end), (2, 3));
    assert!(d.message.contains(" at 2"));
}

#[test]
fn every_code_is_produced_by_some_test_case() {
    // (The users file's own codes are produced by its tests.)
    let source = [include_str!("names.rs"), include_str!("users.rs")].concat();
    for code in Code::ALL {
        let variant = format!("{code:?}");
        let as_text = format!("\"{}\"", code.as_str());
        assert!(
            source.contains(&format!("Code::{variant}")) || source.contains(&as_text),
            "no test names {code:?}"
        );
    }
}

/// Names that are right must stay clean: emoji with variation selectors and ZWJ sequences, flags,
/// CJK, accented Latin in NFC, RTL scripts, joiners where a script needs them.
const CLEAN: [&str; 16] = [
    "Acme iOS",
    "Café Finder",
    "Zürich Maps (Beta)",
    "O'Brien & Sons - v2.0",
    "日本語アプリ",
    "한국어 앱",
    "Приложение",
    "Приложение iOS",
    "Αθήνα",
    "🚀 Rocket ❤\u{FE0F}",
    "👨\u{200D}👩\u{200D}👧 Family",
    "🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F} Scotland",
    "1\u{FE0F}\u{20E3} First",
    "مرحبا",
    "می\u{200C}خواهم",
    "葛\u{E0100}飾",
];

#[test]
fn clean_names_get_no_diagnostics() {
    let r = apps(&CLEAN);
    for (i, res) in r.results.iter().enumerate() {
        assert!(
            res.diagnostics.is_empty(),
            "{:?}: {:#?}",
            CLEAN[i],
            res.diagnostics
        );
        assert!(res.ok && res.fixed.is_none());
    }
    let r = apps_in(&CLEAN, &CLEAN);
    assert_eq!((r.errors, r.warnings, r.infos), (0, 0, 0));
    let r = check(json!({"kind": "role", "names": ["adminstrator"]}));
    assert!(r.results[0].diagnostics.is_empty());
    let r = check(json!({"kind": "variable", "names": ["instabugRole", "instabugApplications"]}));
    assert_eq!((r.errors, r.warnings, r.infos), (0, 0, 0));
    for name in CLEAN {
        assert_eq!(clean(name), name);
    }
}

#[test]
fn counts_add_up() {
    let r = apps_in(&["Acme iOS ", "Acme  iOS", "nope"], &CATALOG);
    let all: Vec<&Diagnostic> = r.results.iter().flat_map(|x| &x.diagnostics).collect();
    assert_eq!(
        r.errors,
        all.iter().filter(|d| d.severity == Severity::Error).count()
    );
    assert_eq!(
        r.warnings,
        all.iter()
            .filter(|d| d.severity == Severity::Warning)
            .count()
    );
    assert_eq!(r.errors + r.warnings + r.infos, all.len());
}

#[test]
fn bad_requests_are_refused() {
    for bad in [
        json!({"kind": "apps", "names": []}),
        json!({"kind": "app"}),
        json!({"kind": "app", "names": "Acme"}),
        json!({"kind": "app", "names": [], "catalogue": []}),
    ] {
        assert!(
            serde_json::from_value::<CheckRequest>(bad.clone()).is_err(),
            "{bad}"
        );
    }
}

#[test]
fn a_run_in_steps_gives_the_same_report_as_one_check() {
    use luciq_scim::names::{CheckRun, NameChecker, NameKind};
    use luciq_scim::Setup;
    let catalog: Vec<String> = ["Acme iOS", "Acme Android", "Zeta Pay"]
        .map(String::from)
        .to_vec();
    let names: Vec<String> = [
        "Acme iOS ",
        "acme android",
        "Acme iOS",
        "Acme iOS",
        "Zeta\u{A0}Pay",
        "Nope",
    ]
    .map(String::from)
    .to_vec();
    let req = CheckRequest {
        kind: NameKind::App,
        names: names.clone(),
        catalog: Some(catalog.clone()),
        setup: Setup::Current,
        context: None,
    };
    let whole = check_names(&req);
    let mut run = CheckRun::new(req);
    let mut steps = 0;
    while !run.step(2) {
        steps += 1;
        assert_eq!(run.progress(), (2 * steps, 6));
    }
    assert_eq!(steps, 2);
    assert_eq!(run.finish(), whole);
    // Single values: the same findings as in a list, without the list's duplicate checks.
    let single = NameChecker::new(NameKind::App, Some(&catalog), Setup::Current);
    for (name, listed) in names.iter().zip(&whole.results) {
        let r = single.check(name);
        let codes = |r: &luciq_scim::names::NameResult| {
            r.diagnostics
                .iter()
                .map(|d| d.code)
                .filter(|c| !matches!(c, Code::Duplicate | Code::NearDuplicate))
                .collect::<Vec<_>>()
        };
        assert_eq!(codes(&r), codes(listed), "{name:?}");
    }
}

#[test]
fn a_role_confirmed_in_the_table_is_not_flagged_as_unconfirmed() {
    use luciq_scim::names::{CheckRun, NameChecker, NameKind};
    use luciq_scim::profile::{builtin_roles, Role};
    use luciq_scim::Setup;
    let mut roles = builtin_roles();
    roles[2].confirmed = true; // Member, confirmed with Luciq by the admin
    roles.push(Role {
        title: "Auditor".into(),
        value: "auditor".into(),
        confirmed: false,
    });
    let values: Vec<String> = roles.iter().map(|r| r.value.clone()).collect();
    let single = NameChecker::new(NameKind::Role, Some(&values), Setup::Current).with_roles(&roles);
    let codes = |name: &str| {
        single
            .check(name)
            .diagnostics
            .iter()
            .map(|d| d.code)
            .collect::<Vec<_>>()
    };
    assert_eq!(codes("member"), [] as [Code; 0]);
    assert_eq!(codes("auditor"), [Code::UnconfirmedValue]);
    assert_eq!(codes("viewer"), [Code::UnconfirmedValue]);
    let report = CheckRun::new(CheckRequest {
        kind: NameKind::Role,
        names: vec!["member".into(), "auditor".into()],
        catalog: Some(values.clone()),
        setup: Setup::Current,
        context: None,
    })
    .with_roles(&roles)
    .finish();
    assert_eq!(report.infos, 1);
    assert!(
        report.results[1].diagnostics[0].message.contains("Auditor"),
        "{:?}",
        report.results[1]
    );
}

#[test]
fn a_shared_catalog_index_gives_the_same_findings() {
    use luciq_scim::names::{CheckRun, NameKind, SharedCatalog};
    use luciq_scim::users::{check_users, UsersRequest, UsersRun};
    use luciq_scim::Setup;
    let catalog: Vec<String> = ["Acme iOS", "Acme Android", "Zeta Pay"]
        .map(String::from)
        .to_vec();
    let shared = SharedCatalog::new(&catalog);
    assert_eq!(shared.names(), catalog.as_slice());
    let req = CheckRequest {
        kind: NameKind::App,
        names: [
            "Acme iOS ",
            "acme android",
            "Acme Andriod",
            "Zeta Pay",
            "Zeta Pay",
        ]
        .map(String::from)
        .to_vec(),
        catalog: Some(catalog.clone()),
        setup: Setup::Current,
        context: None,
    };
    for _ in 0..2 {
        assert_eq!(
            CheckRun::with_shared_catalog(req.clone(), &shared).finish(),
            check_names(&req)
        );
    }
    let users = UsersRequest {
        setup: Setup::Current,
        roles: None,
        catalog: Some(catalog.clone()),
        csv: "email,role,apps\nada@example.com,member,Acme Andriod|Zeta Pay\n".into(),
    };
    let with_shared = UsersRun::with_shared_catalog(users.clone(), &shared)
        .unwrap()
        .finish();
    assert_eq!(with_shared, check_users(users).unwrap());
    assert!(!with_shared.rows[0].ok);
}

/// Issue 12: a name that differs from its catalog entry only by two spaces in a row was a
/// warning with `ok: true`. With a catalog, only the entry itself is ok.
#[test]
fn two_spaces_where_the_catalog_has_one_is_an_error() {
    let r = apps_in(&["Acme  iOS", "Acme iOS"], &CATALOG);
    let d = only(&r, 0);
    assert_eq!((d.code, d.severity), (Code::RepeatedSpace, Severity::Error));
    assert_eq!(
        d.message,
        "2 spaces in a row at 4, and the catalog has \"Acme iOS\""
    );
    assert_eq!((d.start, d.end), (4, 6));
    assert_eq!(d.suggestion.as_deref(), Some("Acme iOS"));
    assert!(!r.results[0].ok);
    assert!(r.results[1].ok);
    // Without a catalog it stays a warning: nothing says the name is wrong.
    let r = apps(&["Acme  iOS"]);
    assert_eq!(only(&r, 0).severity, Severity::Warning);
    // Roles too, against the role table.
    let r =
        check(json!({"kind": "role", "names": ["member  x", "member"], "catalog": ["member  x"]}));
    assert!(r.results[0].ok, "{:?}", r.results[0]);
    assert!(!r.results[1].ok);
}

/// A catalog entry that itself carries an error is still refused (the catalog is to fix, and no
/// builder sends it), with no suggestion: any other text is not in that catalog.
#[test]
fn an_exact_catalog_entry_that_carries_an_error_is_refused_without_a_suggestion() {
    let r = apps_in(&["Acme iOS ", "Acme iOS"], &["Acme iOS "]);
    assert!(!r.results[0].ok);
    let d = only(&r, 0);
    assert_eq!(
        (d.code, d.severity),
        (Code::EdgeWhitespace, Severity::Error)
    );
    assert!(d
        .message
        .ends_with("as in the catalog entry itself: fix the catalog"));
    assert_eq!(d.suggestion, None);
    assert_eq!(r.results[0].fixed, None);
    // The clean spelling is not in that catalog either, and no suggestion leads to a text that
    // would fail again.
    assert!(!r.results[1].ok);
    assert!(r.results[1]
        .diagnostics
        .iter()
        .all(|d| d.suggestion.is_none()));
    // A warning the entry carries (two spaces) is only a warning: the entry is ok.
    let r = apps_in(&["Acme  iOS"], &["Acme  iOS"]);
    assert!(r.results[0].ok);
}
