// checkNames as WebAssembly in Node: app names against a 10k-name catalog, suggestions on, and
// what the JS <-> wasm conversion costs.
//
//   bash scripts/build.sh          # the release packages in dist/pkg (what a page loads)
//   node benches/wasm_node.mjs     # options: quick (fewer repetitions, no 1M run),
//                                  # pkg=luciq_scim_names (the names-only module; default
//                                  # luciq_scim, the whole API), rebuild-probe
//
// The data comes from benches/fixtures.mjs, the same generator as the native bench; the printed
// fingerprints must equal the ones `cargo bench --bench check_names` prints.
//
// Conversion cost. checkNames = JS->wasm request conversion + check_names + wasm->JS report
// conversion. Each part is timed on its own:
// * input: checkNames on the same request with `context: "not-a-context"` as its last field.
//   serde-wasm-bindgen reads the fields in declaration order (kind, names, catalog, setup,
//   context), so every name and catalog entry is converted before the bad context throws.
// * core: benches/wasm_core, a probe built with the release profile that generates the same data
//   inside wasm and runs check_names with no JS value crossing (built here on first use into
//   target/wasm-core-bench; it also cross-checks the fingerprints).
// * output: checkNames minus input minus core, with checkNames and core timed in the same probe
//   module (same build of the same code), runs interleaved so that load on the machine hits both.
// JSON.stringify/JSON.parse of the report are timed too, as a yardstick.
//
// Garbage collection. Every run also counts V8's major GCs (PerformanceObserver "gc" entries)
// and reports the wasm memory size: in Node 20, growing the wasm memory past 64 MiB makes V8 run
// a full mark-compact every few 64 KiB memory.grow calls, which is where a first call on a large
// list loses its time (see benches/RESULTS.md).

import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PerformanceObserver, constants, performance } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";
import zlib from "node:zlib";

import { CATEGORIES, SEED, catalog as makeCatalog, fingerprint, queries } from "./fixtures.mjs";
import { checkNamesJs } from "./js_peer.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "..");
const quick = process.argv.includes("quick");
const CATALOG_SIZE = 10_000;

function fail(message) {
  console.error(`wasm_node: ${message}`);
  process.exit(1);
}

function check(cond, message) {
  if (!cond) fail(`sanity check failed: ${message}`);
}

const hex = (n) => n.toString(16).padStart(8, "0");
const loadavg = () => os.loadavg().map((x) => x.toFixed(2)).join(" ");

// ---- the release package ----------------------------------------------------------------------
const pkgName = (process.argv.find((a) => a.startsWith("pkg=")) ?? "pkg=luciq_scim").slice(4);
const pkgJs = path.join(root, `dist/pkg/${pkgName}.js`);
const pkgWasm = path.join(root, `dist/pkg/${pkgName}_bg.wasm`);
if (!fs.existsSync(pkgJs) || !fs.existsSync(pkgWasm)) {
  fail(`dist/pkg/${pkgName}_bg.wasm is missing: run \`bash scripts/build.sh\` first`);
}
const pkg = await import(pathToFileURL(pkgJs).href);
const wasmBytes = fs.readFileSync(pkgWasm);
const pkgExports = pkg.initSync({ module: wasmBytes });

// ---- the core-only probe ----------------------------------------------------------------------
const probeDir = path.join(root, "target/wasm-core-bench");
const probeJs = path.join(probeDir, "pkg/luciq_scim_wasm_core_bench.js");
const probeWasm = path.join(probeDir, "pkg/luciq_scim_wasm_core_bench_bg.wasm");
function buildProbe() {
  console.log("building the core-only probe (benches/wasm_core) ...");
  const env = { ...process.env, PATH: `${path.join(root, "node_modules/.bin")}:${process.env.PATH}` };
  const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, env, stdio: "inherit" });
  run("cargo", [
    "build", "--release", "--target", "wasm32-unknown-unknown",
    "--manifest-path", "benches/wasm_core/Cargo.toml", "--target-dir", probeDir,
  ]);
  run("wasm-bindgen", [
    "--target", "web", "--out-dir", path.join(probeDir, "pkg"),
    path.join(probeDir, "wasm32-unknown-unknown/release/luciq_scim_wasm_core_bench.wasm"),
  ]);
  run("wasm-opt", [
    "-Oz", "--enable-bulk-memory", "--enable-nontrapping-float-to-int", probeWasm, "-o", probeWasm,
  ]);
}
if (!fs.existsSync(probeWasm) || process.argv.includes("rebuild-probe")) buildProbe();
const probe = await import(pathToFileURL(probeJs).href);
const probeExports = probe.initSync({ module: fs.readFileSync(probeWasm) });

// ---- helpers ----------------------------------------------------------------------------------
const gcSeen = [];
new PerformanceObserver((list) => gcSeen.push(...list.getEntries())).observe({ entryTypes: ["gc"] });
/** Major GCs since the last call ({count, ms}); GC entries arrive asynchronously. */
async function majorGcs() {
  await new Promise((resolve) => setTimeout(resolve, 20));
  const major = gcSeen.filter((e) => (e.detail?.kind ?? e.kind) === constants.NODE_PERFORMANCE_GC_MAJOR);
  gcSeen.length = 0;
  return { count: major.length, ms: major.reduce((sum, e) => sum + e.duration, 0) };
}
const wasmMiB = (exports) => (exports.memory.buffer.byteLength / 2 ** 20).toFixed(0);

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Runs f() `reps` times; returns {median, min, last} in ms. */
function timeIt(reps, f) {
  const runs = [];
  let last;
  for (let i = 0; i < reps; i++) {
    last = undefined;
    const t = performance.now();
    last = f();
    runs.push(performance.now() - t);
  }
  return { median: median(runs), min: Math.min(...runs), runs: reps, last };
}

const pad = (v, w) => String(v).padStart(w);
const f1 = (x) => x.toFixed(1);
const f0 = (x) => x.toFixed(0);
const nsPer = (ms, n) => (ms * 1e6) / n;
const mb = (bytes) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

function inputOnly(checkNames, names, cat) {
  try {
    checkNames({ kind: "app", names, catalog: cat, context: "not-a-context" });
  } catch (e) {
    if (e.code !== "invalid-request" || !/not-a-context/.test(e.message)) throw e;
    return;
  }
  fail("the input-only request did not throw");
}

/** The same checks as the native bench. */
function assertSane(report, categories) {
  const n = categories.length;
  check(report.results.length === n, "one result per name");
  check(report.errors > 0, "no errors found: the bench measured nothing");
  const counts = [0, 0, 0, 0];
  const hits = [0, 0, 0, 0];
  let withSuggestion = 0;
  let firstTypos = 0;
  for (let i = 0; i < n; i++) {
    const cat = categories[i];
    const ds = report.results[i].diagnostics;
    const has = (code) => ds.some((d) => d.code === code);
    counts[cat]++;
    let hit;
    if (cat === 0) hit = !ds.some((d) => d.severity === "error" && d.code !== "duplicate");
    else if (cat === 1) hit = has("case-mismatch") || has("duplicate");
    else if (cat === 2) {
      const d = ds.find((d) => d.code === "not-in-catalog");
      if (d && d.alternatives.length > 0) withSuggestion++;
      if (!has("duplicate")) firstTypos++;
      hit = d !== undefined || has("duplicate");
    } else hit = !report.results[i].ok;
    if (hit) hits[cat]++;
  }
  check(hits[0] === counts[0], "an exact catalog name had an error");
  check(hits[1] === counts[1], "a case variant was not reported");
  check(hits[3] === counts[3], "a hostile name was not an error");
  check(hits[2] * 100 >= counts[2] * 97, `typos: ${hits[2]} of ${counts[2]}`);
  check(withSuggestion * 100 >= firstTypos * 80, `typos with suggestions: ${withSuggestion} of ${firstTypos}`);
}

// ---- run --------------------------------------------------------------------------------------
const started = performance.now();
console.log("luciq-scim checkNames bench (wasm in Node)");
console.log(
  `node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model}), ` +
    `${mb(os.totalmem())} memory, load average at start: ${loadavg()}`,
);
for (const f of fs.readdirSync(path.join(root, "dist/pkg")).filter((f) => f.endsWith("_bg.wasm")).sort()) {
  const bytes = fs.readFileSync(path.join(root, "dist/pkg", f));
  const gz = zlib.gzipSync(bytes, { level: 9 }).length;
  console.log(`package: dist/pkg/${f} ${bytes.length} bytes, ${gz} gzipped (zlib level 9)${f === `${pkgName}_bg.wasm` ? " <- benched" : ""}`);
}

let t = performance.now();
const catalog = makeCatalog(SEED, CATALOG_SIZE);
const big = queries(SEED, catalog, quick ? 100_000 : 1_000_000);
console.log(
  `data: catalog ${catalog.length} names (fingerprint ${hex(fingerprint(catalog))}), ` +
    `queries ${big.names.length} names (fingerprint of first 10k ${hex(fingerprint(big.names.slice(0, 10_000)))}, ` +
    `of all ${hex(fingerprint(big.names))}), generated in ${f1(performance.now() - t)} ms`,
);
check(
  probe.catalogFingerprint(CATALOG_SIZE) === fingerprint(catalog),
  "the Rust (wasm probe) and JS generators disagree on the catalog",
);

// 1. The mixed lists.
console.log(
  `\ncheckNames (${pkgName}), mixed list, catalog ${CATALOG_SIZE} ` +
    "(index build and both conversions included; GCs: V8 major GCs per run; wasm MiB: memory after):",
);
console.log(
  `${pad("names", 9)} ${pad("runs", 5)} ${pad("median ms", 11)} ${pad("min ms", 11)} ${pad("ns/name", 9)} ` +
    `${pad("names/s", 9)} ${pad("errors", 9)} ${pad("warnings", 9)} ${pad("GCs", 6)} ${pad("GC ms", 7)} ${pad("wasm MiB", 9)}`,
);
const sizes = quick
  ? [[10_000, 3], [100_000, 1]]
  : [[10_000, 5], [100_000, 3], [1_000_000, 1]];
const mixed = [];
await majorGcs();
for (const [n, reps] of sizes) {
  const names = big.names.slice(0, n);
  const r = timeIt(reps, () => pkg.checkNames({ kind: "app", names, catalog }));
  const gc = await majorGcs();
  const report = r.last;
  assertSane(report, big.categories.subarray(0, n));
  console.log(
    `${pad(n, 9)} ${pad(reps, 5)} ${pad(f1(r.median), 11)} ${pad(f1(r.min), 11)} ${pad(f0(nsPer(r.median, n)), 9)} ` +
      `${pad(f0(n / (r.median / 1e3)), 9)} ${pad(report.errors, 9)} ${pad(report.warnings, 9)} ` +
      `${pad(f0(gc.count / reps), 6)} ${pad(f0(gc.ms / reps), 7)} ${pad(wasmMiB(pkgExports), 9)}`,
  );
  mixed.push({ n, reps, full: { median: r.median, min: r.min } });
  if (n === 1_000_000) {
    const m = process.memoryUsage();
    console.log(
      `  after 1M: rss ${mb(m.rss)}, JS heap used ${mb(m.heapUsed)}, load average ${loadavg()}`,
    );
  }
  r.last = undefined;
}
await majorGcs();
for (const m of mixed.slice(1)) {
  console.log(
    `growth: ${m.n / mixed[0].n}x the names -> ` +
      `${(m.full.min / m.n / (mixed[0].full.min / mixed[0].n)).toFixed(2)}x the time per name (min runs)`,
  );
}
if (!quick) {
  // The same 1M call again: the wasm memory is already grown, so this one has no GC storm.
  const names = big.names.slice(0, 1_000_000);
  const t = performance.now();
  let report = pkg.checkNames({ kind: "app", names, catalog });
  const ms = performance.now() - t;
  const gc = await majorGcs();
  check(report.results.length === names.length, "one result per name");
  report = undefined;
  console.log(
    `1M again, wasm memory already grown: ${f1(ms)} ms, ${f0(nsPer(ms, names.length))} ns/name, ` +
      `${gc.count} major GCs (${f0(gc.ms)} ms), wasm ${wasmMiB(pkgExports)} MiB`,
  );
}

// 1b. The plain-JS peer (benches/js_peer.mjs) on the same lists in the same process: our time
// divided by theirs, without and with its one-edit suggestions.
console.log(
  "\nplain-JS peer (benches/js_peer.mjs: trim, NFC, invisible/space regexes, case-folded lookup; " +
    "suggestions: catalog names one edit away), same lists; ratio = checkNames median ÷ peer median:",
);
console.log(
  `${pad("names", 9)} ${pad("peer ms", 9)} ${pad("peer+sugg ms", 13)} ${pad("checkNames ms", 14)} ` +
    `${pad("÷ peer", 7)} ${pad("÷ peer+sugg", 12)}`,
);
for (const m of mixed) {
  const names = big.names.slice(0, m.n);
  const plain = timeIt(m.reps, () => checkNamesJs(names, catalog));
  plain.last = undefined;
  const sugg = timeIt(m.reps, () => checkNamesJs(names, catalog, { suggest: true }));
  sugg.last = undefined;
  m.peer = plain.median;
  m.peerSugg = sugg.median;
  console.log(
    `${pad(m.n, 9)} ${pad(f1(plain.median), 9)} ${pad(f1(sugg.median), 13)} ${pad(f1(m.full.median), 14)} ` +
      `${pad((m.full.median / plain.median).toFixed(1), 7)} ${pad((m.full.median / sugg.median).toFixed(1), 12)}`,
  );
}
await majorGcs();

// 1c. checkNamesCompact: the same lists, the report kept in wasm. Timed as a view uses it: the
// call (request in), both typed arrays out (statuses, first copies) and the first 200 results
// built (a page's first rows); then free().
if (typeof pkg.checkNamesCompact === "function") {
  console.log(
    `\ncheckNamesCompact (${pkgName}), same lists (request in, statuses and first copies out, ` +
      "the first 200 results built; ratio = its median ÷ the peer's medians above):",
  );
  console.log(
    `${pad("names", 9)} ${pad("runs", 5)} ${pad("median ms", 11)} ${pad("min ms", 11)} ${pad("ns/name", 9)} ` +
      `${pad("errors", 9)} ${pad("warnings", 9)} ${pad("÷ peer", 7)} ${pad("÷ peer+sugg", 12)}`,
  );
  for (const m of mixed) {
    const names = big.names.slice(0, m.n);
    let seen;
    const r = timeIt(Math.max(m.reps, 3), () => {
      const report = pkg.checkNamesCompact({ kind: "app", names, catalog });
      const statuses = report.statuses();
      const firsts = report.firstCopies();
      const rows = report.results(0, 200);
      seen = { errors: report.errors, warnings: report.warnings, statuses, firsts, rows };
      report.free();
      return seen;
    });
    r.last = undefined;
    check(seen.statuses.length === m.n && seen.firsts.length === m.n, "a status and a first copy per name");
    check(seen.rows.length === Math.min(200, m.n), "200 rows built");
    const errorNames = seen.statuses.reduce((k, s) => k + (s === 3 ? 1 : 0), 0);
    check(errorNames > 0 && seen.errors >= errorNames, "errors counted");
    console.log(
      `${pad(m.n, 9)} ${pad(r.runs, 5)} ${pad(f1(r.median), 11)} ${pad(f1(r.min), 11)} ` +
        `${pad(f0(nsPer(r.median, m.n)), 9)} ${pad(seen.errors, 9)} ${pad(seen.warnings, 9)} ` +
        `${pad((r.median / m.peer).toFixed(1), 7)} ${pad((r.median / m.peerSugg).toFixed(1), 12)}`,
    );
  }
  await majorGcs();
}

// 2. Where the time goes: input conversion, core, output conversion, all in the probe module.
/** Interleaves checkNames and core-only runs (after one untimed warm-up pair, so that V8 has
 *  tiered the hot wasm functions up); returns the medians in ms. */
function breakdown(names, reps, category) {
  check(
    probe.prepare(CATALOG_SIZE, names.length, category) === fingerprint(names),
    "the Rust and JS generators disagree on the names",
  );
  const fullRuns = [];
  const coreRuns = [];
  let report;
  let coreErrors;
  for (let i = -1; i < reps; i++) {
    report = undefined;
    let t = performance.now();
    report = probe.checkNames({ kind: "app", names, catalog });
    const full = performance.now() - t;
    t = performance.now();
    coreErrors = probe.run();
    const core = performance.now() - t;
    if (i >= 0) {
      fullRuns.push(full);
      coreRuns.push(core);
    }
  }
  probe.release();
  check(coreErrors === report.errors, `core-only run found ${coreErrors} errors, checkNames ${report.errors}`);
  const input = timeIt(reps, () => inputOnly(probe.checkNames, names, catalog));
  const full = median(fullRuns);
  const core = median(coreRuns);
  return { full, input: input.median, core, output: full - input.median - core, report };
}

function namesOf(category, n) {
  if (category < 0) return big.names.slice(0, n);
  const names = [];
  for (let i = 0; i < big.names.length && names.length < n; i++) {
    if (big.categories[i] === category) names.push(big.names[i]);
  }
  check(names.length === n, `not enough ${CATEGORIES[category]} names`);
  return names;
}

const index = breakdown([], quick ? 3 : 7, -1);
console.log(
  `\ncatalog index build alone (${CATALOG_SIZE} names, no names to check, probe module): ` +
    `checkNames ${f1(index.full)} ms = input ${f1(index.input)} + core ${f1(index.core)} + output ${f1(index.output)}`,
);

console.log(
  `\nconversion cost (probe module, ns per name; output = checkNames - input - core; ` +
    `core - index: without the ${f1(index.core)} ms index build):`,
);
console.log(
  `${pad("list", 8)} ${pad("names", 7)} ${pad("runs", 4)} ${pad("checkNames", 11)} ${pad("input", 7)} ` +
    `${pad("core", 8)} ${pad("output", 7)} ${pad("conv %", 6)} ${pad("core-index", 10)} ` +
    `${pad("stringify", 9)} ${pad("parse", 6)} ${pad("JSON B/name", 11)} ${pad("errors", 7)}`,
);
const rows = quick
  ? [[-1, 10_000, 3], [0, 10_000, 3], [1, 5_000, 3], [2, 500, 3], [3, 5_000, 3]]
  : [[-1, 10_000, 5], [0, 20_000, 5], [0, 100_000, 3], [1, 20_000, 5], [2, 2_000, 3], [3, 20_000, 5]];
for (const [category, n, reps] of rows) {
  const names = namesOf(category, n);
  const b = breakdown(names, reps, category);
  check(category === 0 || b.report.errors > 0, "no errors found");
  let json;
  const str = timeIt(reps, () => (json = JSON.stringify(b.report)));
  const parse = timeIt(reps, () => JSON.parse(json));
  console.log(
    `${pad(category < 0 ? "mixed" : CATEGORIES[category], 8)} ${pad(n, 7)} ${pad(reps, 4)} ` +
      `${pad(f0(nsPer(b.full, n)), 11)} ${pad(f0(nsPer(b.input, n)), 7)} ${pad(f0(nsPer(b.core, n)), 8)} ` +
      `${pad(f0(nsPer(b.output, n)), 7)} ${pad(f1((100 * (b.input + b.output)) / b.full), 6)} ` +
      `${pad(f0(nsPer(b.core - index.core, n)), 10)} ${pad(f0(nsPer(str.median, n)), 9)} ` +
      `${pad(f0(nsPer(parse.median, n)), 6)} ${pad(f0(json.length / n), 11)} ${pad(b.report.errors, 7)}`,
  );
}

const m = process.memoryUsage();
console.log(
  `\ntotal ${f0((performance.now() - started) / 1e3)} s, rss ${mb(m.rss)}, ` +
    `wasm memory ${wasmMiB(pkgExports)} MiB (package) + ${wasmMiB(probeExports)} MiB (probe), ` +
    `load average at end: ${loadavg()}`,
);
