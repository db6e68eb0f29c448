// Two or more builds of the whole API side by side: checkNamesCompact on the mixed list of the
// benches (benches/fixtures.mjs), statuses and first copies taken out, the modules loaded in one
// Node process and alternated run by run, so that load on a shared machine hits each alike.
//
//   node benches/wasm_ab.mjs DIR=label DIR=label …   # DIR holds luciq_scim.js and _bg.wasm
//   N=100000 RUNS=6 node benches/wasm_ab.mjs …        # list size (default 1,000,000), runs (4)
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { catalog as makeCatalog, queries, SEED } from './fixtures.mjs';

const mods = [];
for (const arg of process.argv.slice(2)) {
  const [dir, label] = arg.split('=');
  const url = pathToFileURL(path.resolve(dir, 'luciq_scim.js')).href;
  const m = await import(`${url}?${encodeURIComponent(label)}`);
  m.initSync({ module: fs.readFileSync(path.resolve(dir, 'luciq_scim_bg.wasm')) });
  mods.push([label, m]);
}
if (mods.length === 0) {
  console.error('usage: node benches/wasm_ab.mjs DIR=label [DIR=label …]');
  process.exit(2);
}
const n = Number(process.env.N ?? 1_000_000);
const catalog = makeCatalog(SEED, 10_000);
const names = queries(SEED, catalog, n).names;
const times = Object.fromEntries(mods.map(([l]) => [l, []]));
const reports = {};
for (let r = 0; r < Number(process.env.RUNS ?? 4); r++) {
  for (const [label, m] of mods) {
    const t = performance.now();
    const rep = m.checkNamesCompact({ kind: 'app', names, catalog });
    rep.statuses();
    rep.firstCopies();
    times[label].push(performance.now() - t);
    reports[label] = [rep.errors, rep.warnings, rep.infos].join(' ');
    rep.free();
  }
}
for (const [label, ts] of Object.entries(times)) {
  const s = ts.slice().sort((a, b) => a - b);
  console.log(`${label.padEnd(12)} median ${s[s.length >> 1].toFixed(0)} ms  all ${ts.map((x) => x.toFixed(0)).join(' ')}  (errors warnings notes: ${reports[label]})`);
}
if (new Set(Object.values(reports)).size > 1) {
  console.error('wasm_ab: the builds do not report the same counts');
  process.exit(1);
}
