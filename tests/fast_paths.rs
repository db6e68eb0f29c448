//! The fast paths of the names check (issue 11) give the same report as the full analysis.
//!
//! `check_names` takes shortcuts: a plain name byte for byte in the catalog is answered without
//! the character scan, a repeat from its first check, ASCII names are cleaned in one pass, the
//! look-alike analysis stops early when a name has letters of one script. The full analysis
//! (`check_names_full_analysis`) takes none of them. On generated lists of exact names, case
//! variants, one-edit typos, hostile names and repeats, against generated catalogs, in every
//! kind, context and setup, both reports must be equal, message for message.
//!
//! And the nearest-name search: the entries one edit away, which the deletion index finds, are
//! exactly those an all-pairs edit distance finds.

#![cfg(not(target_arch = "wasm32"))]

use luciq_scim::names::catalog::{fold, CatalogIndex};
use luciq_scim::names::{
    check_names, check_names_full_analysis, clean, CheckRequest, CheckRun, Code, ListContext,
    NameKind, Severity, STATUS_CLEAN, STATUS_ERROR, STATUS_INFO, STATUS_WARNING,
};
use luciq_scim::profile::Setup;
use proptest::prelude::*;

const WORDS: &[&str] = &[
    "Acme",
    "iOS",
    "Android",
    "Web",
    "Pay",
    "Café",
    "Müller",
    "Zürich",
    "さくら",
    "東京",
    "Αθήνα",
    "Москва",
    "O'Neil",
    "Kate's",
    "Go",
    "Plus",
    "(Staging)",
    "React Native",
    "Łódź",
    "mini",
];

/// What is done to a catalog name to make a list entry.
#[derive(Clone, Debug)]
enum Make {
    Exact,
    /// ASCII upper case, lower case, or one letter flipped.
    Case(u8),
    /// A one-edit typo at an ASCII letter: substitution, deletion, insertion, swap.
    Typo(u8, usize, char),
    /// Trailing space, NBSP for a space, ZWSP inside, a Cyrillic look-alike, U+2019 for an
    /// apostrophe, a tab, two spaces, a comma, NFD, leading line break.
    Hostile(u8, usize),
    /// An earlier entry of the list again.
    Repeat(usize),
}

fn make() -> impl Strategy<Value = (usize, Make)> {
    (
        0usize..64,
        prop_oneof![
            4 => Just(Make::Exact),
            1 => (0u8..3).prop_map(Make::Case),
            1 => (0u8..4, 0usize..40, prop::char::range('a', 'z')).prop_map(|(k, at, c)| Make::Typo(k, at, c)),
            2 => (0u8..10, 0usize..40).prop_map(|(k, at)| Make::Hostile(k, at)),
            2 => (0usize..64).prop_map(Make::Repeat),
        ],
    )
}

fn catalog_strategy() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(prop::collection::vec(0usize..WORDS.len(), 1..4), 1..24).prop_map(
        |entries| {
            entries
                .into_iter()
                .map(|ws| ws.iter().map(|&w| WORDS[w]).collect::<Vec<_>>().join(" "))
                .collect()
        },
    )
}

fn apply(name: &str, how: &Make, earlier: &[String]) -> String {
    let mut chars: Vec<char> = name.chars().collect();
    let ascii_letters: Vec<usize> = (0..chars.len())
        .filter(|&i| chars[i].is_ascii_alphabetic())
        .collect();
    match *how {
        Make::Exact => name.to_string(),
        Make::Case(0) => name.to_ascii_lowercase(),
        Make::Case(1) => name.to_ascii_uppercase(),
        Make::Case(_) => {
            if let Some(&i) = ascii_letters.first() {
                let c = chars[i];
                chars[i] = if c.is_ascii_uppercase() {
                    c.to_ascii_lowercase()
                } else {
                    c.to_ascii_uppercase()
                };
            }
            chars.into_iter().collect()
        }
        Make::Typo(kind, at, c) => {
            if ascii_letters.is_empty() {
                return format!("{name}x");
            }
            let i = ascii_letters[at % ascii_letters.len()];
            match kind {
                0 => chars[i] = c,
                1 => {
                    chars.remove(i);
                }
                2 => chars.insert(i, c),
                _ if i + 1 < chars.len() => chars.swap(i, i + 1),
                _ => chars.push(c),
            }
            chars.into_iter().collect()
        }
        Make::Hostile(kind, at) => {
            let spaces: Vec<usize> = (0..chars.len()).filter(|&i| chars[i] == ' ').collect();
            let at_space =
                |chars: &mut Vec<char>, with: char| match spaces.get(at % spaces.len().max(1)) {
                    Some(&i) => chars[i] = with,
                    None => chars.push(with),
                };
            match kind {
                0 => chars.push(' '),
                1 => at_space(&mut chars, '\u{A0}'),
                2 => chars.insert(at % (chars.len() + 1), '\u{200B}'),
                3 => {
                    // A Cyrillic look-alike for a Latin a, e, o, c or p.
                    let lookalike = |c: char| match c {
                        'a' => Some('\u{430}'),
                        'e' => Some('\u{435}'),
                        'o' => Some('\u{43E}'),
                        'c' => Some('\u{441}'),
                        'p' => Some('\u{440}'),
                        _ => None,
                    };
                    if let Some(i) = (0..chars.len()).find(|&i| lookalike(chars[i]).is_some()) {
                        chars[i] = lookalike(chars[i]).unwrap();
                    } else {
                        chars.push('\u{430}');
                    }
                }
                4 => {
                    for c in chars.iter_mut().filter(|c| **c == '\'') {
                        *c = '\u{2019}';
                    }
                    chars.push('\u{2019}');
                }
                5 => at_space(&mut chars, '\t'),
                // A space here, then doubled below.
                6 => at_space(&mut chars, ' '),
                7 => chars.insert(at % (chars.len() + 1), ','),
                8 => {
                    return name
                        .chars()
                        .flat_map(|c| match c {
                            'é' => vec!['e', '\u{301}'],
                            'ü' => vec!['u', '\u{308}'],
                            c => vec![c],
                        })
                        .chain(std::iter::once('\u{301}'))
                        .collect()
                }
                _ => chars.insert(0, '\n'),
            }
            let s: String = chars.into_iter().collect();
            if kind == 6 {
                s.replacen(' ', "  ", 1) + " "
            } else {
                s
            }
        }
        Make::Repeat(k) => earlier
            .get(k % earlier.len().max(1))
            .cloned()
            .unwrap_or_else(|| name.to_string()),
    }
}

fn list(catalog: &[String], plan: &[(usize, Make)]) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for (entry, how) in plan {
        let n = apply(&catalog[entry % catalog.len()], how, &names);
        names.push(n);
    }
    names
}

fn same_report(req: &CheckRequest) -> Result<(), TestCaseError> {
    let fast = check_names(req);
    let full = check_names_full_analysis(req);
    for (i, (a, b)) in fast.results.iter().zip(&full.results).enumerate() {
        prop_assert_eq!(a, b, "name {} {:?} ({:?})", i, req.names[i], req.kind);
    }
    prop_assert_eq!(&fast, &full);
    compact_agrees(req, &full)?;
    Ok(())
}

/// The compact report (statuses, first copies, fixes, codes, results built on demand) says what
/// the object report says, and so does every partial report a run in steps shows: each name
/// checked is final, counts are those of the names checked. The list findings are checked
/// against a plain oracle written here: a repeat is an equal earlier name, a near-duplicate an
/// earlier first occurrence equal after clean-up and case folding (variable names: lowercase),
/// and in the legacy setup every app after the first in a user's list is one too many.
fn compact_agrees(req: &CheckRequest, full: &luciq_scim::CheckReport) -> Result<(), TestCaseError> {
    let compact = CheckRun::new(req.clone()).finish_compact();
    // A run without messages words each result when it is asked for: the same results.
    let wordless = CheckRun::new(req.clone())
        .without_messages()
        .finish_compact();
    prop_assert_eq!(compact.len(), full.results.len());
    prop_assert_eq!(wordless.statuses(), compact.statuses());
    prop_assert_eq!(wordless.first_copies(), compact.first_copies());
    prop_assert_eq!(
        (wordless.errors, wordless.warnings, wordless.infos),
        (full.errors, full.warnings, full.infos)
    );
    prop_assert_eq!(
        (compact.errors, compact.warnings, compact.infos),
        (full.errors, full.warnings, full.infos)
    );
    let legacy_single = req.kind == NameKind::App
        && req.setup == Setup::Legacy
        && req.catalog.is_some()
        && req.context != Some(ListContext::Catalog)
        && req.names.len() > 1;
    let mut firsts_tidy: Vec<(String, usize)> = Vec::new();
    for (i, r) in full.results.iter().enumerate() {
        prop_assert_eq!(&compact.result(i), r);
        prop_assert_eq!(&wordless.result(i), r);
        prop_assert_eq!(wordless.fixed(i), compact.fixed(i));
        prop_assert_eq!(wordless.codes(i), compact.codes(i));
        let worst = r
            .diagnostics
            .iter()
            .map(|d| d.severity)
            .fold(STATUS_CLEAN, |s, d| {
                s.max(match d {
                    Severity::Error => STATUS_ERROR,
                    Severity::Warning => STATUS_WARNING,
                    Severity::Info => STATUS_INFO,
                })
            });
        prop_assert_eq!(compact.statuses()[i], worst);
        prop_assert_eq!(compact.ok(i), r.ok);
        prop_assert_eq!(compact.fixed(i), r.fixed.as_deref());
        let codes: Vec<Code> = r.diagnostics.iter().map(|d| d.code).collect();
        prop_assert_eq!(compact.codes(i), codes.clone());
        // The oracle of the list findings.
        let first = req.names.iter().position(|n| *n == req.names[i]).unwrap();
        prop_assert_eq!(compact.first_copies()[i] as usize, first);
        let key = match req.kind {
            NameKind::Variable => req.names[i].to_lowercase(),
            _ => fold(&clean(&req.names[i])),
        };
        let mut want: Vec<Code> = Vec::new();
        if first != i {
            want.push(Code::Duplicate);
        } else if !key.is_empty() {
            if firsts_tidy.iter().any(|(k, _)| *k == key) {
                want.push(Code::NearDuplicate);
            } else {
                firsts_tidy.push((key, i));
            }
        }
        if legacy_single && i > 0 {
            want.push(Code::LegacySingleApp);
        }
        let list_codes: Vec<Code> = codes
            .into_iter()
            .filter(|c| {
                matches!(
                    c,
                    Code::Duplicate | Code::NearDuplicate | Code::LegacySingleApp
                )
            })
            .collect();
        prop_assert_eq!(
            list_codes,
            want,
            "list findings of {} {:?}",
            i,
            req.names[i]
        );
    }
    // In steps: after every step the names checked are final and the counts are theirs.
    let mut run = CheckRun::new(req.clone());
    if req.names.len() % 2 == 1 {
        run = run.without_messages();
    }
    let budget = 1 + req.names.len() % 5;
    // `CheckRun::step`'s bound: names + 5 × catalog / 8 + 5 steps (a run that never ends fails
    // here instead of hanging).
    let catalog = req.catalog.as_ref().map_or(0, Vec::len);
    let bound = req.names.len() + 5 * catalog / 8 + 5;
    let mut steps = 0;
    loop {
        steps += 1;
        prop_assert!(steps <= bound, "more than {} steps", bound);
        let done = run.step(budget);
        let partial = run.report();
        let n = partial.checked();
        prop_assert_eq!(run.progress(), (n, req.names.len()));
        let mut counts = (0, 0, 0);
        for (i, r) in full.results[..n].iter().enumerate() {
            prop_assert_eq!(&partial.result(i), r);
            for d in &r.diagnostics {
                match d.severity {
                    Severity::Error => counts.0 += 1,
                    Severity::Warning => counts.1 += 1,
                    Severity::Info => counts.2 += 1,
                }
            }
        }
        prop_assert_eq!((partial.errors, partial.warnings, partial.infos), counts);
        if done {
            break;
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn fast_paths_give_the_full_analysis_report(
        catalog in catalog_strategy(),
        plan in prop::collection::vec(make(), 0..48),
        legacy in any::<bool>(),
    ) {
        let names = list(&catalog, &plan);
        let setup = if legacy { Setup::Legacy } else { Setup::Current };
        // App names against the catalog (a user's apps), and the catalog itself (no catalog).
        same_report(&CheckRequest {
            kind: NameKind::App, names: names.clone(), catalog: Some(catalog.clone()), setup, context: None,
        })?;
        same_report(&CheckRequest {
            kind: NameKind::App, names: names.clone(), catalog: None, setup, context: None,
        })?;
        same_report(&CheckRequest {
            kind: NameKind::App, names: names.clone(), catalog: Some(catalog.clone()), setup,
            context: Some(ListContext::Catalog),
        })?;
        // Role values against the built-in roles and against the generated catalog.
        let role_names: Vec<String> = names.iter().map(|n| n.replace(' ', "_")).collect();
        same_report(&CheckRequest {
            kind: NameKind::Role, names: role_names, catalog: None, setup, context: None,
        })?;
        same_report(&CheckRequest {
            kind: NameKind::Role, names: names.clone(), catalog: Some(catalog.clone()), setup, context: None,
        })?;
        same_report(&CheckRequest {
            kind: NameKind::Variable, names, catalog: None, setup, context: None,
        })?;
    }

    /// Role values made from the built-in ones (exact, case, typo, hostile, repeats).
    #[test]
    fn fast_paths_on_role_values(plan in prop::collection::vec(make(), 0..32)) {
        let roles: Vec<String> = ["admin", "member", "viewer", "owner", "adminstrator", "administrator"]
            .map(String::from)
            .to_vec();
        let names = list(&roles, &plan);
        same_report(&CheckRequest {
            kind: NameKind::Role, names, catalog: None, setup: Setup::Current, context: None,
        })?;
    }

    /// The nearest names of a one-edit typo are the entries at most one edit away (OSA, case
    /// folded), in catalog order, as an all-pairs distance finds them; farther names are
    /// offered only when no entry is that close.
    #[test]
    fn one_edit_neighbours_are_exactly_the_all_pairs_ones(
        catalog in catalog_strategy(),
        plan in prop::collection::vec(make(), 1..16),
    ) {
        let index = CatalogIndex::new(&catalog);
        for q in list(&catalog, &plan) {
            let key = fold(&q);
            let mut close: Vec<(usize, usize)> = catalog
                .iter()
                .enumerate()
                .map(|(i, e)| (strsim::osa_distance(&key, &fold(e)), i))
                .filter(|&(d, _)| d <= 1)
                .collect();
            close.sort_unstable();
            let want: Vec<usize> = close.into_iter().take(3).map(|(_, i)| i).collect();
            let got = index.nearest(&q, 3);
            if !want.is_empty() || key.chars().count() >= 64 {
                prop_assert_eq!(&got, &want, "{:?}", q);
            }
        }
    }
}

/// The table of first occurrences spreads its texts (the same check runs on wasm32 in
/// `tests/wasm_api.rs`, where a hash of the wrong half once put every text in one slot).
#[test]
fn first_occurrences_spread() {
    let texts: Vec<String> = (0..20_000)
        .map(|i| format!("Kalomi {} iOS (Staging {})", i % 97, i))
        .collect();
    let longest = luciq_scim::names::first_seen_longest_probe(&texts);
    assert!(longest <= 64, "a lookup reads up to {longest} slots");
}

/// Names not in NFC with a look-alike letter in them (a Cyrillic letter followed by a combining
/// mark, which NFC composes into one Cyrillic letter, or a decomposed Latin letter beside a
/// Cyrillic one): the fast clean-up reads the name's characters already spelled only when the
/// name is NFC. Built from such names, the near-duplicate keys tell the two apart where the
/// generated lists did not (cargo mutants: the guard made `true` passed every other test).
#[test]
fn names_not_in_nfc_with_lookalikes_give_the_full_analysis_report() {
    let strings = |xs: &[&str]| xs.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let catalog = strings(&[
        "Cafe Latte",
        "Mapa",
        "Ella Pay",
        "Pocket",
        "Caf\u{EB} Latte",
        "\u{EB}lla Pay",
        "M\u{E1}pa",
        "\u{D6}cket",
        "P\u{F6}cket",
        "C\u{E1}fe Latte",
        "\u{E9}lla Pay",
        "Ell\u{103} Pay",
    ]);
    let names = strings(&[
        "Caf\u{435}\u{308} Latte",
        "\u{435}\u{308}lla Pay",
        "Ma\u{301}p\u{430}",
        "\u{41E}\u{308}cket",
        "P\u{43E}\u{308}cket",
        "Po\u{308}\u{441}ket",
        "C\u{430}\u{301}fe Latte",
        "\u{435}\u{301}lla Pay",
        "Ell\u{430}\u{306} Pay",
    ]);
    // The clean-up composes (NFC) first, then makes look-alikes Latin: a Cyrillic "е" with a
    // combining diaeresis is the one Cyrillic letter "ё", which has no one-letter Latin
    // look-alike and stays (its `confusable` finding stays too, and no suggestion carries it).
    let cleaned: Vec<String> = names.iter().map(|n| clean(n)).collect();
    assert_eq!(
        cleaned,
        strings(&[
            "Caf\u{451} Latte",
            "\u{451}lla Pay",
            "M\u{E1}pa",
            "\u{4E6}cket",
            "P\u{4E7}cket",
            "P\u{F6}cket",
            "C\u{E1}fe Latte",
            "\u{E9}lla Pay",
            "Ell\u{4D1} Pay",
        ])
    );
    for catalog in [Some(catalog), None] {
        same_report(&CheckRequest {
            kind: NameKind::App,
            names: names.clone(),
            catalog,
            setup: Setup::Current,
            context: None,
        })
        .unwrap();
    }
}
