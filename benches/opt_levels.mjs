// The release opt-level, measured: the same names-only module built at several opt-levels (and
// wasm-opt settings), side by side: size raw and gzipped (zlib level 9, as page.mjs), and checkNames' time on the bench's
// data (app names against a 10k-name catalog, suggestions on), runs interleaved so that load on
// the machine hits every build alike.
//
//   node benches/opt_levels.mjs LABEL=DIR [LABEL=DIR ...] [sizes=10000,100000] [runs=7]
//
// Each DIR holds a wasm-bindgen `--target web` package named luciq_scim_names (a .js and its
// _bg.wasm), e.g. built with
//   CARGO_PROFILE_RELEASE_OPT_LEVEL=s cargo build --release --target wasm32-unknown-unknown --lib --no-default-features
//   wasm-bindgen --target web --out-dir DIR --out-name luciq_scim_names target/wasm32-unknown-unknown/release/luciq_scim.wasm
//   wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int DIR/luciq_scim_names_bg.wasm -o DIR/luciq_scim_names_bg.wasm
// The data comes from benches/fixtures.mjs (the same lists as benches/wasm_node.mjs). Every
// build's report must be the same (its JSON's fingerprint is printed); a benchmark otherwise: it
// prints what it measured and never fails on timing.

import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import zlib from "node:zlib";

import { SEED, catalog as makeCatalog, fingerprint, queries } from "./fixtures.mjs";

const args = process.argv.slice(2);
const opt = (name, dflt) => args.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1) ?? dflt;
const SIZES = opt("sizes", "10000,100000").split(",").map(Number);
const RUNS = Number(opt("runs", "7"));
const builds = args
  .filter((a) => !/^(sizes|runs)=/.test(a) && a.includes("="))
  .map((a) => {
    const [label, dir] = [a.slice(0, a.indexOf("=")), a.slice(a.indexOf("=") + 1)];
    return { label, dir: path.resolve(dir) };
  });
if (builds.length === 0) {
  console.error("usage: node benches/opt_levels.mjs LABEL=DIR [LABEL=DIR ...] [sizes=...] [runs=N]");
  process.exit(2);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const b of builds) {
  const wasm = fs.readFileSync(path.join(b.dir, "luciq_scim_names_bg.wasm"));
  b.raw = wasm.length;
  b.gz = zlib.gzipSync(wasm, { level: 9 }).length;
  // Each build in its own module instance (a copy of the glue per build: the glue keeps the
  // instance in module state).
  const glue = path.join(b.dir, `glue-${process.pid}.mjs`);
  fs.copyFileSync(path.join(b.dir, "luciq_scim_names.js"), glue);
  b.pkg = await import(pathToFileURL(glue).href);
  b.pkg.initSync({ module: wasm });
  fs.rmSync(glue);
  b.ms = {};
}

const catalog = makeCatalog(SEED, 10_000);
const all = queries(SEED, catalog, Math.max(...SIZES)).names;
console.log(`node ${process.version}; catalog ${catalog.length} names; runs per size and build: ${RUNS} (interleaved), after one warm-up each`);
for (const n of SIZES) {
  const names = all.slice(0, n);
  const prints = new Set();
  for (const b of builds) prints.add(fingerprint([JSON.stringify(b.pkg.checkNames({ kind: "app", names, catalog }))]).toString(16));
  if (prints.size !== 1) throw new Error(`the builds' reports differ for ${n} names`);
  for (const b of builds) b.ms[n] = [];
  for (let r = 0; r < RUNS; r++) {
    for (const b of builds) {
      const t0 = performance.now();
      b.pkg.checkNames({ kind: "app", names, catalog });
      b.ms[n].push(performance.now() - t0);
    }
  }
  console.log(`${n} names: every build's report has fingerprint ${[...prints][0]}`);
}

const pad = (s, n) => String(s).padStart(n);
console.log(
  `\n${"build".padEnd(24)} ${pad("raw bytes", 10)} ${pad("zlib 9", 9)} ` +
    SIZES.map((n) => `${pad(`${n / 1000}k median ms`, 15)} ${pad("min", 7)}`).join(" "),
);
const base = builds[0];
for (const b of builds) {
  console.log(
    `${b.label.padEnd(24)} ${pad(b.raw, 10)} ${pad(b.gz, 9)} ` +
      SIZES.map((n) => {
        const m = median(b.ms[n]);
        const ratio = b === base ? "" : ` (${(m / median(base.ms[n])).toFixed(2)}×)`;
        return `${pad(m.toFixed(0) + ratio, 15)} ${pad(Math.min(...b.ms[n]).toFixed(0), 7)}`;
      }).join(" "),
  );
}
console.log(`(× is the median's ratio to ${base.label}'s)`);
