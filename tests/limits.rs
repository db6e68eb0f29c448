//! Limits that fail cleanly (issue 12): past each limit of `luciq_scim::limits` the core refuses
//! at once with `too-large` and a message naming the limit and the actual size; at the limit it
//! works.
#![cfg(not(target_arch = "wasm32"))]

use std::time::{Duration, Instant};

use luciq_scim::config::{catalog_from_file, config_from_json};
use luciq_scim::limits::*;
use luciq_scim::names::catalog::{CatalogIndex, NearestWork};
use luciq_scim::names::{try_check_names, CheckRequest, CheckRun, ListContext, NameKind};
use luciq_scim::okta::assignment::{build_assignment_payload, AssignmentRequest};
use luciq_scim::okta::plan::{current_from_text, plan_schema, PlanRequest};
use luciq_scim::okta::schema::{build_schema_payload, SchemaRequest};
use luciq_scim::profile::Setup;
use luciq_scim::users::{check_users, UsersRequest};
use serde_json::json;

fn names_request(names: Vec<String>, catalog: Option<Vec<String>>) -> CheckRequest {
    CheckRequest {
        kind: NameKind::App,
        names,
        catalog,
        setup: Setup::Current,
        context: None,
    }
}

/// Refused quickly: the refusal comes before the work, which past these limits takes far longer
/// (a bound generous enough for a shared 2-core machine running tests in parallel).
fn quickly<T>(f: impl FnOnce() -> T) -> T {
    let t = Instant::now();
    let out = f();
    assert!(
        t.elapsed() < Duration::from_secs(5),
        "took {:?}",
        t.elapsed()
    );
    out
}

#[test]
fn a_name_past_its_length_is_refused() {
    let at = "a".repeat(MAX_NAME_LENGTH);
    assert!(try_check_names(&names_request(vec![at.clone()], None)).is_ok());
    let past = format!("{at}b");
    let e = try_check_names(&names_request(vec!["ok".into(), past], None)).unwrap_err();
    assert_eq!(TooLarge::CODE, "too-large");
    assert_eq!(
        e.message(),
        "names[1] is 4,097 characters (UTF-16): the largest this tool takes is 4,096 characters (UTF-16) (MAX_NAME_LENGTH)"
    );
    let e = try_check_names(&names_request(vec![], Some(vec![format!("{at}b")]))).unwrap_err();
    assert!(
        e.message().starts_with("catalog[0] is 4,097"),
        "{}",
        e.message()
    );
    assert!(CheckRun::try_new(names_request(vec![format!("{at}b")], None)).is_err());
}

#[test]
fn too_many_names_are_refused_at_once() {
    let names = vec![String::from("\u{200B}x"); MAX_NAMES + 1];
    let e = quickly(|| try_check_names(&names_request(names, None))).unwrap_err();
    assert_eq!(
        e.message(),
        "names is 1,000,001 names: the largest this tool takes is 1,000,000 names (MAX_NAMES)"
    );
    let catalog = vec![String::from("x"); MAX_CATALOG_NAMES + 1];
    let e = try_check_names(&names_request(vec![], Some(catalog))).unwrap_err();
    assert_eq!(e.limit_name, "MAX_CATALOG_NAMES");
}

#[test]
fn names_past_their_bytes_together_are_refused() {
    // Each name within MAX_NAME_LENGTH, the names too many of the longest for MAX_NAMES_BYTES.
    let per = MAX_NAME_LENGTH;
    let fit = MAX_NAMES_BYTES / per;
    let names = vec!["a".repeat(per); fit + 1];
    let e = try_check_names(&names_request(names, None)).unwrap_err();
    assert_eq!(e.limit_name, "MAX_NAMES_BYTES");
    assert_eq!(
        e.message(),
        "names is 33,558,528 bytes: the largest this tool takes is 33,554,432 bytes (MAX_NAMES_BYTES)"
    );
    // The catalog is held to it apart.
    let catalog = vec!["c".repeat(per); fit + 1];
    let e = try_check_names(&names_request(vec!["x".into()], Some(catalog))).unwrap_err();
    assert!(
        e.message().starts_with("catalog is 33,558,528 bytes"),
        "{}",
        e.message()
    );
    assert!(CheckRun::try_new(names_request(vec!["b".repeat(per); fit + 1], None)).is_err());
    // At the limit: taken (checked on a plain name list, so the check itself stays cheap).
    let at = names_request(vec!["a".repeat(per); fit], None);
    assert!(at.within_limits().is_ok());
}

/// An entry of 4,096 characters from two letters, alike to every other but for its number: the
/// catalog where every candidate passes the trigram and length filters.
fn hostile_entry(i: usize) -> String {
    let mut s: String = (0..MAX_NAME_LENGTH)
        .map(|j| if (j * 7 + i) % 5 == 0 { 'b' } else { 'a' })
        .collect();
    s.replace_range(0..8, &format!("{i:08}"));
    s
}

#[test]
fn the_nearest_name_search_is_bounded_on_a_hostile_catalog() {
    // Before the bounds one such name cost 24 edit-distance tables of 16.8M cells (5 s a name
    // in release); the work is counted here, so the test does not depend on the machine.
    let catalog: Vec<String> = (0..48).map(hostile_entry).collect();
    let index = CatalogIndex::new(&catalog);
    for i in 0..4 {
        let mut name = hostile_entry(i);
        name.remove(100);
        name.push('c');
        let (_, work) = index.nearest_counted(&name, 3);
        assert!(work.cells <= NearestWork::MAX_CELLS, "{work:?}");
        assert!(work.postings <= NearestWork::MAX_POSTINGS, "{work:?}");
    }
    // Every query trigram in every entry: only the budget of postings is walked, and a short
    // name still finds its nearest entry.
    let common: Vec<String> = (0..5_000).map(|i| format!("abc {i}")).collect();
    let index = CatalogIndex::new(&common);
    let (found, work) = index.nearest_counted("abc", 3);
    assert_eq!(work.postings, NearestWork::MAX_POSTINGS);
    assert_eq!(index.name(found[0]), "abc 0");
    // The whole check of such names against such a catalog completes.
    let names: Vec<String> = (0..8)
        .map(|i| {
            let mut s = hostile_entry(i);
            s.insert(2_000, '\u{200B}');
            s.pop();
            s
        })
        .collect();
    let report = try_check_names(&CheckRequest {
        kind: NameKind::App,
        names,
        catalog: Some(catalog),
        setup: Setup::Current,
        context: Some(ListContext::User),
    })
    .unwrap();
    assert!(report.results.iter().all(|r| !r.ok));
}

#[test]
fn the_users_file_past_its_bytes_rows_or_a_cell_is_refused() {
    let users = |csv: String| {
        check_users(UsersRequest {
            csv,
            ..Default::default()
        })
    };
    let big = format!("email,role,apps\n{}", "x".repeat(MAX_CSV_BYTES));
    let e = quickly(|| users(big)).unwrap_err();
    assert_eq!(e.code, "too-large");
    assert!(e.message.starts_with("The users file is 33,554,448 bytes: the largest this tool takes is 33,554,432 bytes (MAX_CSV_BYTES)"), "{}", e.message);
    let rows = format!("email,role,apps\n{}", "a@b.co,,\n".repeat(MAX_CSV_ROWS + 1));
    let e = quickly(|| users(rows)).unwrap_err();
    assert_eq!(e.code, "too-large");
    assert!(e.message.contains("(MAX_CSV_ROWS)"), "{}", e.message);
    let at = format!("email,role,apps\n{}", "a@b.co,,\n".repeat(MAX_CSV_ROWS));
    assert_eq!(users(at).unwrap().rows.len(), MAX_CSV_ROWS);
    let cell = format!(
        "email,role,apps\na@b.co,{},\n",
        "r".repeat(MAX_NAME_LENGTH + 1)
    );
    let e = users(cell).unwrap_err();
    assert_eq!(e.code, "too-large");
    assert!(
        e.message.starts_with("Line 2, field 2 is 4,097 characters"),
        "{}",
        e.message
    );
}

#[test]
fn files_past_their_bytes_or_names_are_refused() {
    let e = quickly(|| config_from_json(&" ".repeat(MAX_CONFIG_BYTES + 1))).unwrap_err();
    assert_eq!(e.code, Some("too-large"));
    assert!(e.message.contains("(MAX_CONFIG_BYTES)"), "{}", e.message);
    let e = catalog_from_file("apps.txt", &"x".repeat(MAX_CATALOG_FILE_BYTES + 1)).unwrap_err();
    assert_eq!(e.code, Some("too-large"));
    let many: String = (0..=MAX_CATALOG_NAMES)
        .map(|i| format!("App {i}\n"))
        .collect();
    let e = catalog_from_file("apps.txt", &many).unwrap_err();
    assert_eq!(e.code, Some("too-large"));
    assert!(
        e.message
            .starts_with("The catalog file's names is 100,001 names"),
        "{}",
        e.message
    );
    // A bad file that is not too large keeps its own code (the caller's).
    assert_eq!(config_from_json("{").unwrap_err().code, None);
}

#[test]
fn builders_past_a_limit_refuse_with_too_large() {
    let apps: Vec<String> = (0..=MAX_CATALOG_NAMES)
        .map(|i| format!("App {i}"))
        .collect();
    let e = build_schema_payload(&SchemaRequest {
        apps: Some(apps),
        ..Default::default()
    })
    .unwrap_err();
    assert_eq!(e.code, "too-large");
    assert!(e.message.contains("(MAX_CATALOG_NAMES)"), "{}", e.message);
    let e = build_assignment_payload(&AssignmentRequest {
        user_id: "00u1".into(),
        user_name: "a@b.co".into(),
        role: Some("m".repeat(MAX_NAME_LENGTH + 1)),
        ..Default::default()
    })
    .unwrap_err();
    assert_eq!(e.code, "too-large");
    assert!(e.message.starts_with("role is 4,097"), "{}", e.message);
    let big = json!({"definitions": {"custom": {"properties": {"x": {"description": "d".repeat(MAX_SCHEMA_JSON_BYTES)}}}}});
    let e = plan_schema(&PlanRequest {
        current: big,
        setup: Setup::Current,
        roles: None,
        apps: None,
        scope: Default::default(),
    })
    .unwrap_err();
    assert_eq!(e.code, "too-large");
    assert!(
        e.message.contains("(MAX_SCHEMA_JSON_BYTES)"),
        "{}",
        e.message
    ); // From text: refused before it is parsed, whatever it holds.
    let text = format!("[{}", " ".repeat(MAX_SCHEMA_JSON_BYTES));
    let e = current_from_text(&text).unwrap_err();
    assert_eq!(e.code, "too-large");
    assert_eq!(
        e.message,
        "current (the schema JSON) is 4,194,305 bytes: the largest this tool takes is 4,194,304 bytes (MAX_SCHEMA_JSON_BYTES)"
    );
    assert_eq!(current_from_text("{").unwrap_err().code, "invalid-schema");
    assert_eq!(current_from_text("\u{FEFF}{}").unwrap(), json!({}));
}
