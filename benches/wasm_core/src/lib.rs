//! Core-only timing for the Node bench (see Cargo.toml): `prepare` generates the request inside
//! wasm with the shared fixtures, `run` calls `check_names` on it and drops the report, so JS can
//! time the core with no JS value crossing the boundary. The luciq-scim exports (`checkNames`,
//! `luciqProfile`) are in this module too.

#[path = "../../fixtures/mod.rs"]
mod fixtures;

use std::cell::RefCell;

use luciq_scim::{check_names, CheckRequest, NameKind};
use wasm_bindgen::prelude::*;

thread_local! {
    static REQUEST: RefCell<Option<CheckRequest>> = const { RefCell::new(None) };
}

/// Fingerprint of the generated catalog (as `fixtures.mjs` prints it).
#[wasm_bindgen(js_name = catalogFingerprint)]
pub fn catalog_fingerprint(catalog_size: u32) -> u32 {
    fixtures::fingerprint(&fixtures::catalog(fixtures::SEED, catalog_size as usize))
}

/// Generates the request: `n` names of the mixed list, or (`category` 0..=3) the first `n` names
/// of that category. Returns the fingerprint of the names.
#[wasm_bindgen]
pub fn prepare(catalog_size: u32, n: u32, category: i32) -> u32 {
    let catalog = fixtures::catalog(fixtures::SEED, catalog_size as usize);
    let n = n as usize;
    let names: Vec<String> = if category < 0 {
        fixtures::queries(fixtures::SEED, &catalog, n).names
    } else {
        let want = fixtures::CATEGORIES[category as usize];
        // Exact names are 70% of the mix, the others 10% each.
        let q = fixtures::queries(
            fixtures::SEED,
            &catalog,
            n * if category == 0 { 2 } else { 12 },
        );
        let names: Vec<String> = q
            .names
            .into_iter()
            .zip(q.categories)
            .filter(|&(_, c)| c == want)
            .map(|(s, _)| s)
            .take(n)
            .collect();
        assert_eq!(names.len(), n);
        names
    };
    let print = fixtures::fingerprint(&names);
    REQUEST.with(|r| {
        *r.borrow_mut() = Some(CheckRequest {
            kind: NameKind::App,
            names,
            catalog: Some(catalog),
            setup: Default::default(),
            context: None,
        })
    });
    print
}

/// Runs check_names on the prepared request; returns the number of error findings. The report
/// is dropped before returning, as `checkNames` drops it.
#[wasm_bindgen]
pub fn run() -> u32 {
    REQUEST.with(|r| {
        let r = r.borrow();
        check_names(r.as_ref().expect("prepare first")).errors as u32
    })
}

/// Frees the prepared request.
#[wasm_bindgen]
pub fn release() {
    REQUEST.with(|r| *r.borrow_mut() = None);
}
