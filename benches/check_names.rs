//! Native benchmark of `check_names`: app names against a catalog, suggestions on (every
//! `not-in-catalog` finding carries the nearest catalog names).
//!
//! Run: `cargo bench --bench check_names` (results and the machine: benches/RESULTS.md).
//! Plain `std::time::Instant`, no harness. Each size is run a few times and reported as
//! median and minimum; every run includes building the catalog index, as each `checkNames` call
//! does. The data comes from `fixtures` (shared step for step with the Node bench); the printed
//! fingerprints must match the ones `node benches/wasm_node.mjs` prints.
//!
//! Sanity checks fail the bench (panic) if it measured nothing real: errors found, typos reported
//! `not-in-catalog` with suggestions, exact catalog names clean, and so on.

mod fixtures;

use std::hint::black_box;
use std::time::{Duration, Instant};

use fixtures::{Category, CATEGORIES, SEED};
use luciq_scim::names::catalog::CatalogIndex;
use luciq_scim::names::{CheckRun, CompactReport};
use luciq_scim::{check_names, CheckReport, CheckRequest, Code, NameKind, Severity};

const CATALOG_SIZE: usize = 10_000;

fn request(names: Vec<String>, catalog: &[String]) -> CheckRequest {
    CheckRequest {
        kind: NameKind::App,
        names,
        catalog: Some(catalog.to_vec()),
        setup: Default::default(),
        context: None,
    }
}

struct Timing {
    runs: Vec<Duration>,
}

impl Timing {
    fn median(&self) -> Duration {
        let mut r = self.runs.clone();
        r.sort();
        r[r.len() / 2]
    }
    fn min(&self) -> Duration {
        *self.runs.iter().min().unwrap()
    }
}

/// Times `check_names` `reps` times (the report is dropped outside the timed part) and returns
/// the timings and the last report.
fn time_check(req: &CheckRequest, reps: usize) -> (Timing, CheckReport) {
    let mut runs = Vec::with_capacity(reps);
    let mut last = None;
    for _ in 0..reps {
        drop(last.take());
        let t = Instant::now();
        let report = check_names(black_box(req));
        runs.push(t.elapsed());
        last = Some(black_box(report));
    }
    (Timing { runs }, last.unwrap())
}

/// Times the compact check (`CheckRun::finish_compact`: statuses, first copies, own findings
/// shared by repeats; no per-name result objects) `reps` times. The request's copy and the
/// report's drop are outside the timed part.
fn time_compact(req: &CheckRequest, reps: usize) -> (Timing, CompactReport) {
    let mut runs = Vec::with_capacity(reps);
    let mut last = None;
    for _ in 0..reps {
        drop(last.take());
        let req = req.clone();
        let t = Instant::now();
        let report = measured_compact(black_box(req));
        runs.push(t.elapsed());
        last = Some(black_box(report));
    }
    (Timing { runs }, last.unwrap())
}

fn ms(d: Duration) -> String {
    format!("{:.1}", d.as_secs_f64() * 1e3)
}

fn per_name(d: Duration, n: usize) -> f64 {
    d.as_nanos() as f64 / n as f64
}

fn has(report: &CheckReport, i: usize, code: Code) -> bool {
    report.results[i].diagnostics.iter().any(|d| d.code == code)
}

/// Every sanity check on a report of the mixed query list.
fn assert_sane(report: &CheckReport, categories: &[Category]) {
    let n = categories.len();
    assert_eq!(report.results.len(), n, "one result per name");
    assert!(
        report.errors > 0,
        "no errors found: the bench measured nothing"
    );
    let mut counts = [0usize; 4];
    let mut hits = [0usize; 4];
    let mut with_suggestion = 0;
    for (i, &cat) in categories.iter().enumerate() {
        counts[cat as usize] += 1;
        let r = &report.results[i];
        let hit = match cat {
            // An exact catalog name: no error except being a repeat of an earlier entry.
            Category::Exact => !r
                .diagnostics
                .iter()
                .any(|d| d.severity == Severity::Error && d.code != Code::Duplicate),
            Category::Case => has(report, i, Code::CaseMismatch) || has(report, i, Code::Duplicate),
            Category::Typo => {
                let d = r.diagnostics.iter().find(|d| d.code == Code::NotInCatalog);
                with_suggestion += usize::from(d.is_some_and(|d| !d.alternatives.is_empty()));
                d.is_some() || has(report, i, Code::Duplicate)
            }
            Category::Hostile => !r.ok,
        };
        hits[cat as usize] += usize::from(hit);
    }
    assert_eq!(hits[0], counts[0], "an exact catalog name had an error");
    assert!(hits[1] == counts[1], "a case variant was not reported");
    assert!(hits[3] == counts[3], "a hostile name was not an error");
    // A typo can land on a UTS #39 look-alike ("I" → "l") and resolve as `confusable`.
    assert!(
        hits[2] * 100 >= counts[2] * 97,
        "typos: {} of {}",
        hits[2],
        counts[2]
    );
    let first_typos = categories
        .iter()
        .enumerate()
        .filter(|&(i, &c)| c == Category::Typo && !has(report, i, Code::Duplicate))
        .count();
    assert!(
        with_suggestion * 100 >= first_typos * 80,
        "typos with nearest suggestions: {with_suggestion} of {first_typos}"
    );
}

/// How often results offer the entry their input was made from.
struct Offered {
    first: usize,
    among: usize,
    none: usize,
    total: usize,
}

impl Offered {
    fn pct(&self, k: usize) -> f64 {
        100.0 * k as f64 / self.total as f64
    }
}

fn offered(report: &CheckReport, sources: &[usize], catalog: &[String]) -> Offered {
    let mut q = Offered {
        first: 0,
        among: 0,
        none: 0,
        total: sources.len(),
    };
    for (r, &src) in report.results.iter().zip(sources) {
        let want = catalog[src].as_str();
        let as_fix = r.fixed.as_deref() == Some(want)
            || r.diagnostics
                .iter()
                .any(|d| d.suggestion.as_deref() == Some(want));
        let among = r
            .diagnostics
            .iter()
            .any(|d| d.alternatives.iter().any(|a| a == want));
        let any = r.fixed.is_some()
            || r.diagnostics
                .iter()
                .any(|d| d.suggestion.is_some() || !d.alternatives.is_empty());
        if as_fix {
            q.first += 1;
        } else if among {
            q.among += 1;
        } else if !any {
            q.none += 1;
        }
    }
    q
}

/// How much to run.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// `cargo bench --bench check_names`.
    Full,
    /// `cargo bench --bench check_names -- quick`: fewer repetitions, no 1M.
    Quick,
    /// Run without `--bench` (`cargo test --benches`): a few small sizes, to show it works.
    Smoke,
}

/// The one call `callgrind` mode measures, kept out of line so that
/// `valgrind --tool=callgrind --toggle-collect='*measured_check*'` counts it and nothing else
/// (not the data generation).
#[inline(never)]
fn measured_check(req: &CheckRequest) -> CheckReport {
    check_names(black_box(req))
}

/// The compact check, out of line for `--toggle-collect='*measured_compact*'`.
#[inline(never)]
fn measured_compact(req: CheckRequest) -> CompactReport {
    CheckRun::new(black_box(req))
        .without_messages()
        .finish_compact()
}

/// `callgrind N [CATEGORY] [compact]`: the first N names (default 100,000) of the mixed list (or of one
/// category of it), checked once, for an instruction count that does not depend on the load on
/// the machine:
/// `valgrind --tool=callgrind --collect-atstart=no --toggle-collect='*measured_check*' BENCH_BINARY callgrind`.
fn callgrind(args: &[String]) {
    let n: usize = args
        .iter()
        .skip_while(|a| *a != "callgrind")
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(100_000);
    let only = CATEGORIES
        .iter()
        .find(|c| args.iter().any(|a| a == c.label()))
        .copied();
    let catalog = fixtures::catalog(SEED, CATALOG_SIZE);
    let big = fixtures::queries(
        SEED,
        &catalog,
        n.max(10_000) * if only.is_some() { 12 } else { 1 },
    );
    let (names, categories): (Vec<String>, Vec<Category>) = big
        .names
        .iter()
        .zip(&big.categories)
        .filter(|(_, &c)| only.is_none_or(|o| o == c))
        .take(n)
        .map(|(s, &c)| (s.clone(), c))
        .unzip();
    let req = request(names, &catalog);
    if args.iter().any(|a| a == "compact") {
        let fingerprint = fixtures::fingerprint(&req.names);
        let t = Instant::now();
        let report = measured_compact(req);
        let took = t.elapsed();
        println!(
            "callgrind mode (compact): {n} names (fingerprint {fingerprint:08x}): {} errors, {} warnings, {} ms",
            report.errors,
            report.warnings,
            ms(took)
        );
        return;
    }
    let report = measured_check(&req);
    if only.is_none() {
        assert_sane(&report, &categories);
    }
    println!(
        "callgrind mode: {n} names{} (fingerprint {:08x}), catalog {} (fingerprint {:08x}): {} errors, {} warnings",
        only.map_or(String::new(), |c| format!(" ({} only)", c.label())),
        fixtures::fingerprint(&req.names),
        catalog.len(),
        fixtures::fingerprint(&catalog),
        report.errors,
        report.warnings
    );
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.iter().any(|a| a == "callgrind") {
        return callgrind(&args);
    }
    let mode = if !args.iter().any(|a| a == "--bench") {
        Mode::Smoke
    } else if args.iter().any(|a| a == "quick") {
        Mode::Quick
    } else {
        Mode::Full
    };
    let quick = mode != Mode::Full;
    println!("luciq-scim check_names bench (native, {} build)", profile());
    println!(
        "cores: {}, load average at start: {}",
        std::thread::available_parallelism().map_or(0, |n| n.get()),
        load_average()
    );
    let started = Instant::now();

    let t = Instant::now();
    let catalog = fixtures::catalog(SEED, CATALOG_SIZE);
    let total = match mode {
        Mode::Full => 1_000_000,
        Mode::Quick => 100_000,
        Mode::Smoke => 20_000,
    };
    let big = fixtures::queries(SEED, &catalog, total);
    println!(
        "data: catalog {} names (fingerprint {:08x}), queries {} names (fingerprint of first 10k {:08x}, of all {:08x}), generated in {} ms",
        catalog.len(),
        fixtures::fingerprint(&catalog),
        big.names.len(),
        fixtures::fingerprint(&big.names[..10_000]),
        fixtures::fingerprint(&big.names),
        ms(t.elapsed())
    );
    let mix: Vec<String> = CATEGORIES
        .iter()
        .map(|&c| {
            let k = big.categories.iter().filter(|&&x| x == c).count();
            format!(
                "{} {:.1}%",
                c.label(),
                100.0 * k as f64 / big.names.len() as f64
            )
        })
        .collect();
    println!("mix: {}", mix.join(", "));
    println!("sample: {:?}", &big.names[..8]);

    // Index build alone.
    let mut runs = Vec::new();
    for _ in 0..if quick { 3 } else { 11 } {
        let t = Instant::now();
        let index = CatalogIndex::new(black_box(&catalog));
        runs.push(t.elapsed());
        black_box(index.contains("x"));
    }
    let build = Timing { runs };
    println!(
        "\ncatalog index build ({} names): median {} ms, min {} ms ({} runs)",
        catalog.len(),
        ms(build.median()),
        ms(build.min()),
        build.runs.len()
    );

    // The mixed lists.
    println!(
        "\ncheck_names, mixed list, catalog {CATALOG_SIZE} (index build included in every run):"
    );
    println!(
        "{:>9} {:>5} {:>11} {:>11} {:>11} {:>12} {:>9} {:>9}",
        "names", "runs", "median ms", "min ms", "ns/name", "names/s", "errors", "warnings"
    );
    let sizes: &[(usize, usize)] = match mode {
        Mode::Full => &[(10_000, 7), (100_000, 3), (1_000_000, 1)],
        Mode::Quick => &[(10_000, 3), (100_000, 1)],
        Mode::Smoke => &[(1_000, 1), (10_000, 1)],
    };
    let mut per_size = Vec::new();
    for &(n, reps) in sizes {
        let req = request(big.names[..n].to_vec(), &catalog);
        let (timing, report) = time_check(&req, reps);
        assert_sane(&report, &big.categories[..n]);
        let med = timing.median();
        println!(
            "{:>9} {:>5} {:>11} {:>11} {:>11.0} {:>12.0} {:>9} {:>9}",
            n,
            reps,
            ms(med),
            ms(timing.min()),
            per_name(med, n),
            n as f64 / med.as_secs_f64(),
            report.errors,
            report.warnings
        );
        per_size.push((n, per_name(timing.min(), n)));
    }
    let (n0, base) = per_size[0];
    for &(n, v) in &per_size[1..] {
        println!(
            "growth: {}x the names -> {:.2}x the time per name (min runs)",
            n / n0,
            v / base
        );
    }

    // The same lists, compact: what the page and `checkNamesCompact` take.
    println!(
        "\ncompact check (CheckRun::finish_compact), mixed list, catalog {CATALOG_SIZE} (index build included):"
    );
    println!(
        "{:>9} {:>5} {:>11} {:>11} {:>11} {:>12} {:>9} {:>9}",
        "names", "runs", "median ms", "min ms", "ns/name", "names/s", "errors", "warnings"
    );
    for &(n, reps) in sizes {
        let req = request(big.names[..n].to_vec(), &catalog);
        let (timing, compact) = time_compact(&req, reps.max(3));
        let med = timing.median();
        // The compact report is the object report, result for result.
        let full = check_names(&req);
        assert_eq!(
            (compact.errors, compact.warnings),
            (full.errors, full.warnings)
        );
        for i in (0..n).step_by(997) {
            assert_eq!(compact.result(i), full.results[i]);
        }
        println!(
            "{:>9} {:>5} {:>11} {:>11} {:>11.0} {:>12.0} {:>9} {:>9}",
            n,
            timing.runs.len(),
            ms(med),
            ms(timing.min()),
            per_name(med, n),
            n as f64 / med.as_secs_f64(),
            compact.errors,
            compact.warnings
        );
    }

    // One category at a time: where the time goes.
    let per_cat = match mode {
        Mode::Full => 20_000,
        Mode::Quick => 5_000,
        Mode::Smoke => 1_000,
    };
    println!(
        "\nper category, {per_cat} names each, catalog {CATALOG_SIZE} (index build included):"
    );
    println!(
        "{:>9} {:>5} {:>11} {:>11} {:>11} {:>9}  findings",
        "category", "runs", "median ms", "min ms", "ns/name", "errors"
    );
    let mut quality = Vec::new();
    for &cat in &CATEGORIES {
        let (names, sources): (Vec<String>, Vec<usize>) = (0..big.names.len())
            .filter(|&i| big.categories[i] == cat)
            .take(per_cat)
            .map(|i| (big.names[i].clone(), big.sources[i]))
            .unzip();
        assert_eq!(names.len(), per_cat);
        let req = request(names, &catalog);
        let (timing, report) = time_check(&req, if quick { 1 } else { 3 });
        let mut codes: Vec<(&str, usize)> = Vec::new();
        for d in report.results.iter().flat_map(|r| &r.diagnostics) {
            match codes.iter_mut().find(|(c, _)| *c == d.code.as_str()) {
                Some((_, k)) => *k += 1,
                None => codes.push((d.code.as_str(), 1)),
            }
        }
        codes.sort_by_key(|&(_, k)| std::cmp::Reverse(k));
        let codes: Vec<String> = codes.iter().map(|(c, k)| format!("{c} {k}")).collect();
        println!(
            "{:>9} {:>5} {:>11} {:>11} {:>11.0} {:>9}  {}",
            cat.label(),
            timing.runs.len(),
            ms(timing.median()),
            ms(timing.min()),
            per_name(timing.median(), per_cat),
            report.errors,
            codes.join(", ")
        );
        assert!(cat == Category::Exact || report.errors > 0);
        if cat != Category::Exact {
            quality.push((cat, offered(&report, &sources, &catalog)));
        }
    }
    // Suggestions: does the result offer the catalog name the input was made from?
    println!(
        "\nsuggestions: how often the result offers the catalog name the input was made from:"
    );
    for (cat, q) in quality {
        println!(
            "{:>9}: offered {:.1}% (as the suggestion or `fixed` {:.1}%, only among alternatives {:.1}%), nothing offered {:.1}%",
            cat.label(),
            q.pct(q.first + q.among),
            q.pct(q.first),
            q.pct(q.among),
            q.pct(q.none)
        );
    }

    // The catalog is indexed: the cost of a typo (nearest-name search) barely moves with the
    // catalog size. An all-pairs edit distance would grow 100x from 1k to 100k.
    println!("\ntypo names (nearest-name suggestions) against catalogs of growing size:");
    println!(
        "{:>9} {:>9} {:>11} {:>11} {:>11} {:>14}",
        "catalog", "typos", "median ms", "index ms", "ns/typo", "ns/typo-check"
    );
    let typos_n = match mode {
        Mode::Full => 5_000,
        Mode::Quick => 1_000,
        Mode::Smoke => 100,
    };
    let catalogs: &[usize] = if mode == Mode::Smoke {
        &[1_000, 10_000]
    } else {
        &[1_000, 10_000, 100_000]
    };
    for &m in catalogs {
        let cat = fixtures::catalog(SEED, m);
        let q = fixtures::queries(SEED, &cat, typos_n * 12);
        let names: Vec<String> = q
            .names
            .into_iter()
            .zip(q.categories)
            .filter(|&(_, c)| c == Category::Typo)
            .map(|(s, _)| s)
            .take(typos_n)
            .collect();
        assert_eq!(names.len(), typos_n);
        let t = Instant::now();
        black_box(CatalogIndex::new(&cat));
        let index_time = t.elapsed();
        let req = request(names, &cat);
        let (timing, report) = time_check(&req, if quick { 1 } else { 3 });
        let nic = report
            .results
            .iter()
            .filter(|r| r.diagnostics.iter().any(|d| d.code == Code::NotInCatalog))
            .count();
        assert!(nic * 100 >= typos_n * 90, "typos not-in-catalog: {nic}");
        let med = timing.median();
        println!(
            "{:>9} {:>9} {:>11} {:>11} {:>11.0} {:>14.0}",
            m,
            typos_n,
            ms(med),
            ms(index_time),
            per_name(med, typos_n),
            per_name(med.saturating_sub(index_time), typos_n)
        );
    }
    println!(
        "\ntotal {:.0} s, peak RSS {}, load average at end: {}",
        started.elapsed().as_secs_f64(),
        peak_rss(),
        load_average()
    );
}

/// The 1, 5 and 15 minute load averages: other work on the machine shows up in the timings.
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".into())
}

/// Peak resident memory of this process (Linux).
fn peak_rss() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .map(|l| l["VmHWM:".len()..].trim().to_string())
        })
        .unwrap_or_else(|| "unknown".into())
}

fn profile() -> &'static str {
    if cfg!(debug_assertions) {
        "debug"
    } else {
        "optimized"
    }
}
