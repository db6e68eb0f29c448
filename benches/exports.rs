//! Native benchmark of the outputs a 10,000-app catalog makes: the schema body and its pretty
//! text, the curl script, the Terraform, a workspace's whole set of outputs (what the page's
//! payloads section builds when the catalog, the org or the mapping changes) and its console
//! checklist (what the checklist section shows).
//!
//!   cargo bench --bench exports              # times: median and minimum of 7 runs each
//!   cargo bench --bench exports -- callgrind # one run of each, for instruction counts:
//!     valgrind --tool=callgrind --collect-atstart=no --toggle-collect='*measured_*' \
//!       target/release/deps/exports-* callgrind
//!
//! Every run asks with a catalog not asked before (its first name differs), so no run is
//! answered from what an earlier one remembered.

use std::hint::black_box;
use std::time::{Duration, Instant};

use luciq_scim::console::console_checklist;
use luciq_scim::export::curl::export_curl;
use luciq_scim::export::terraform::export_terraform;
use luciq_scim::export::ExportRequest;
use luciq_scim::okta::schema::{build_schema_payload, SchemaRequest};
use luciq_scim::workspace::Workspace;

const APPS: usize = 10_000;

fn catalog(run: usize) -> Vec<String> {
    let mut apps: Vec<String> = (0..APPS)
        .map(|i| format!("Acme {} {i} Production", ["iOS", "Android", "Web"][i % 3]))
        .collect();
    apps[0] = format!("Acme first {run}");
    apps
}

fn export_request(apps: Vec<String>) -> ExportRequest {
    let mut req: ExportRequest =
        serde_json::from_str(r#"{"org":"acme.okta.com","appId":"0oa1b2c3d4e5f6g7h8i9"}"#)
            .expect("a request");
    req.apps = Some(apps);
    req
}

#[inline(never)]
fn measured_schema(apps: Vec<String>) -> usize {
    let call = build_schema_payload(&SchemaRequest {
        apps: Some(apps),
        ..Default::default()
    })
    .expect("built");
    serde_json::to_string_pretty(&call.body)
        .expect("text")
        .len()
}

#[inline(never)]
fn measured_curl(req: &ExportRequest) -> usize {
    export_curl(req).expect("built").len()
}

#[inline(never)]
fn measured_terraform(req: &ExportRequest) -> usize {
    export_terraform(req).expect("built").len()
}

#[inline(never)]
fn measured_outputs(ws: &Workspace) -> usize {
    ws.outputs(None).blocks.iter().map(|b| b.text.len()).sum()
}

#[inline(never)]
fn measured_checklist(ws: &Workspace) -> usize {
    console_checklist(&ws.checklist_request())
        .steps
        .iter()
        .map(|s| s.fields.len())
        .sum()
}

fn workspace(apps: Vec<String>) -> Workspace {
    let mut ws = Workspace::example();
    ws.admin.catalog = apps;
    ws.admin.org = "acme.okta.com".into();
    ws.admin.app_id = "0oa1b2c3d4e5f6g7h8i9".into();
    ws
}

/// Runs `measured` on what `prepare` makes for each run (outside the timed part): median, min,
/// and the length of the last output.
fn time<I>(
    runs: usize,
    prepare: impl Fn(usize) -> I,
    measured: impl Fn(I) -> usize,
) -> (Duration, Duration, usize) {
    let mut times = Vec::new();
    let mut len = 0;
    for run in 0..runs {
        let input = prepare(run);
        let t = Instant::now();
        len = black_box(measured(input));
        times.push(t.elapsed());
    }
    times.sort();
    (times[times.len() / 2], times[0], len)
}

fn main() {
    if std::env::args().any(|a| a == "callgrind") {
        let n = measured_schema(catalog(0))
            + measured_curl(&export_request(catalog(1)))
            + measured_terraform(&export_request(catalog(2)))
            + measured_outputs(&workspace(catalog(3)))
            + measured_checklist(&workspace(catalog(4)));
        println!("callgrind mode: {APPS} apps, {n} (bytes written and checklist fields)");
        return;
    }
    let runs = 7;
    println!("outputs of a {APPS}-app catalog, {runs} runs each (median, min), each with a catalog not asked before");
    let export = |run| export_request(catalog(run));
    let rows = [
        (
            "schema body + pretty text",
            time(runs, catalog, measured_schema),
        ),
        ("curl script", time(runs, export, |q| measured_curl(&q))),
        ("Terraform", time(runs, export, |q| measured_terraform(&q))),
        (
            "the workspace's outputs",
            time(
                runs,
                |run| workspace(catalog(run)),
                |ws| measured_outputs(&ws),
            ),
        ),
        (
            "the console checklist",
            time(
                runs,
                |run| workspace(catalog(run)),
                |ws| measured_checklist(&ws),
            ),
        ),
    ];
    for (what, (med, min, len)) in rows {
        println!(
            "{what:<28} {:>8.2} ms median {:>8.2} ms min  ({len} {})",
            med.as_secs_f64() * 1e3,
            min.as_secs_f64() * 1e3,
            if what.contains("checklist") {
                "fields"
            } else {
                "bytes"
            }
        );
    }
}
