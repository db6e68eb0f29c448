//! Property tests of the name checks over hostile text.
#![cfg(not(target_arch = "wasm32"))]

use luciq_scim::names::{check_names, clean, CheckRequest, Code, ListContext, NameKind};
use luciq_scim::profile::Setup;
use proptest::prelude::*;

/// Characters that trip people up, mixed with ordinary ones.
const TRICKY: &[char] = &[
    ' ',
    ' ',
    ' ',
    'a',
    'e',
    'o',
    'I',
    'l',
    '0',
    'A',
    'c',
    'm',
    '\'',
    '-',
    ',',
    ';',
    '.',
    '\t',
    '\n',
    '\r',
    '\0',
    '\u{85}',
    '\u{A0}',
    '\u{AD}',
    '\u{2009}',
    '\u{3000}',
    '\u{200B}',
    '\u{200C}',
    '\u{200D}',
    '\u{2060}',
    '\u{FEFF}',
    '\u{202E}',
    '\u{2066}',
    '\u{FE0F}',
    '\u{E0100}',
    '\u{E0067}',
    '\u{E007F}',
    '\u{1F3F4}',
    '\u{1F468}',
    '\u{2764}',
    '\u{301}',
    '\u{308}',
    '\u{430}',
    '\u{435}',
    '\u{43E}',
    '\u{406}',
    '\u{3BF}',
    '\u{391}',
    '\u{2019}',
    '\u{201C}',
    '\u{2013}',
    '\u{2014}',
    '\u{2026}',
    '\u{FF07}',
    '\u{FFFD}',
    '\u{E000}',
    '\u{FFFF}',
    'é',
    '日',
    'ア',
    'ж',
    'م',
    '\u{645}',
    '\u{6CC}',
    '\u{1F680}',
    '\u{2028}',
    '\u{1F3FB}',
    '\u{20E3}',
    '1',
];

fn tricky_string() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            4 => prop::sample::select(TRICKY),
            1 => any::<char>(),
        ],
        0..24,
    )
    .prop_map(|v| v.into_iter().collect())
}

fn catalog() -> Vec<String> {
    [
        "Acme iOS",
        "Acme Android",
        "Ada's App",
        "Café",
        "Zeta Pay",
        "adminstrator",
        "member",
    ]
    .map(String::from)
    .to_vec()
}

fn request(
    kind: NameKind,
    names: Vec<String>,
    catalog: Option<Vec<String>>,
    setup: Setup,
) -> CheckRequest {
    CheckRequest {
        kind,
        names,
        catalog,
        setup,
        context: None,
    }
}

fn utf16_len(s: &str) -> usize {
    s.encode_utf16().count()
}

fn is_char_boundary16(s: &str, at: usize) -> bool {
    let mut pos = 0;
    for c in s.chars() {
        if pos == at {
            return true;
        }
        pos += c.len_utf16();
    }
    pos == at
}

fn kinds() -> impl Strategy<Value = (NameKind, bool, Setup)> {
    (
        prop::sample::select(vec![NameKind::App, NameKind::Role, NameKind::Variable]),
        any::<bool>(),
        prop::sample::select(vec![Setup::Current, Setup::Legacy]),
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, ..ProptestConfig::default() })]

    /// No panic; every span lies inside the name on character boundaries; `ok` and the counts agree.
    #[test]
    fn spans_are_in_bounds(names in prop::collection::vec(tricky_string(), 0..6), (kind, with_catalog, setup) in kinds()) {
        let req = request(kind, names.clone(), with_catalog.then(catalog), setup);
        let report = check_names(&req);
        prop_assert_eq!(report.results.len(), names.len());
        for (r, name) in report.results.iter().zip(&names) {
            prop_assert_eq!(&r.input, name);
            for d in &r.diagnostics {
                prop_assert!(d.start <= d.end && d.end <= utf16_len(name), "{:?} in {:?}", d, name);
                prop_assert!(is_char_boundary16(name, d.start) && is_char_boundary16(name, d.end), "{:?}", d);
                prop_assert!(!d.message.is_empty());
            }
            prop_assert_eq!(r.ok, !r.diagnostics.iter().any(|d| d.severity == luciq_scim::Severity::Error));
        }
    }

    /// Every suggestion passes the check it was suggested for.
    #[test]
    fn suggestions_pass_their_check(name in tricky_string(), (kind, with_catalog, setup) in kinds()) {
        let cat = with_catalog.then(catalog);
        let report = check_names(&request(kind, vec![name.clone()], cat.clone(), setup));
        for d in &report.results[0].diagnostics {
            let Some(s) = &d.suggestion else { continue };
            prop_assert_ne!(s, &name, "a suggestion must change something: {:?}", d);
            let again = check_names(&request(kind, vec![s.clone()], cat.clone(), setup));
            let codes: Vec<Code> = again.results[0].diagnostics.iter().map(|x| x.code).collect();
            prop_assert!(!codes.contains(&d.code), "{:?} suggested {:?} for {:?}, which still has {:?}", d.code, s, name, codes);
        }
        if let Some(fixed) = &report.results[0].fixed {
            prop_assert!(report.results[0].diagnostics.iter().any(|d| d.suggestion.as_ref() == Some(fixed)));
        }
    }

    /// Cleaning removes every character-level problem it claims to fix, and is idempotent.
    #[test]
    fn clean_is_clean_and_idempotent(name in tricky_string()) {
        let once = clean(&name);
        prop_assert_eq!(clean(&once), once.clone());
        let report = check_names(&CheckRequest {
            kind: NameKind::App, names: vec![once.clone()], catalog: None, setup: Setup::Current,
            context: Some(ListContext::Catalog),
        });
        for d in &report.results[0].diagnostics {
            prop_assert!(
                !matches!(d.code, Code::EdgeWhitespace | Code::RepeatedSpace | Code::UnusualSpace
                    | Code::InvisibleChar | Code::ControlChar | Code::NotNfc),
                "clean({:?}) = {:?} still has {:?}", name, once, d
            );
        }
    }

    /// Names made of safe pieces stay clean.
    #[test]
    fn safe_names_stay_clean(words in prop::collection::vec("[A-Za-z0-9]{1,8}|[éüøçÅ]{1,3}|[日本語アプリ]{1,4}|Приложение|🚀|❤\u{FE0F}", 1..5)) {
        let name = words.join(" ");
        let report = check_names(&request(NameKind::App, vec![name.clone()], None, Setup::Current));
        prop_assert!(report.results[0].diagnostics.is_empty(), "{:?}: {:?}", name, report.results[0].diagnostics);
    }
}

#[test]
fn a_megabyte_name_and_a_long_list_finish() {
    let big = "\u{200B}x".repeat(350_000);
    let report = check_names(&request(
        NameKind::App,
        vec![big.clone()],
        Some(catalog()),
        Setup::Current,
    ));
    assert!(report.results[0].diagnostics.len() < 60);
    assert!(report.results[0]
        .diagnostics
        .iter()
        .any(|d| d.code == Code::TooManyFindings));
    let many: Vec<String> = (0..100_000).map(|i| format!("App {i}\u{A0}")).collect();
    let report = check_names(&request(
        NameKind::App,
        many,
        Some(catalog()),
        Setup::Current,
    ));
    assert_eq!(report.results.len(), 100_000);
    assert!(report.errors >= 100_000);
}
