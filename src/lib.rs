//! luciq-scim: checks the names an Okta admin types when connecting Luciq (formerly Instabug)
//! through SCIM, and (later) builds every Okta payload for it.
//!
//! The core (`profile`, `names`) is plain Rust: data in, data out, no I/O, no clock, no DOM.
//! `wasm` is the only module that knows about JavaScript.

pub mod bulk;
pub mod config;
pub mod console;
pub mod export;
pub mod labels;
pub mod limits;
pub mod names;
pub mod normalization;
pub mod okta;
pub mod org;
pub mod profile;
pub mod scim;
pub mod tab;
pub mod unicode_data;
pub mod users;
mod wire;
pub mod workspace;

#[cfg(all(target_arch = "wasm32", feature = "first-view"))]
pub mod ui;
// The first view's module exports only its views: the bindings' helpers for the JS API stay
// unused there.
#[cfg(target_arch = "wasm32")]
#[cfg_attr(
    all(feature = "first-view", not(feature = "ui")),
    allow(dead_code, unused_imports)
)]
pub mod wasm;

pub use names::{
    check_names, CheckReport, CheckRequest, Code, CompactReport, Diagnostic, NameKind, Severity,
};
pub use profile::{luciq_profile, LuciqProfile, Setup};
