// Setting a 10,000-name catalog in the page as typed, traced: each main-thread task of 40 ms or
// more from the moment the catalog and a 3-name list are set until the page has settled, with
// what it spent its time on. A benchmark: it reports what it saw and never fails on timing.
//
//   node benches/page_typing.mjs [DIR] [runs=2] [why] [paste=N]
//
// DIR is a built page (default dist/www), served and opened as benches/page.mjs does (a fresh
// context a run, the page complete first). The catalog and the list are those of page.mjs's
// "setting the catalog, typed" step (benches/fixtures.mjs: catalog(SEED, 10000), the first 3
// queries), set as a paste into each text box does (value, then an `input` event). A Chromium
// trace (devtools.timeline) gives the tasks: `TimerFire`/`FunctionCall` is the page's script
// (our code: the debounced check, a section's update, a slice), `Layout`, `UpdateLayoutTree`,
// `PrePaint` and `Paint` the browser laying out and drawing what changed (a text box of 10,000
// lines among it), `EventDispatch` the events the benchmark sends (the value set).
// `why`: also the layout invalidations (and their scripts) in the 0.4 s before each task of
// 100 ms or more.
// `paste=N`: the catalog and the 3 names are set first and left to settle, untraced; what is
// traced is then a paste of N names into #names (the first N of page.mjs's queries, as its paste
// runs make them) until #summary reads "N names" and the page settles.

import { chromium } from "playwright-core";

import { CHROMIUM_ARGS, serve } from "../tests/e2e/browser.mjs";
import { CATALOG as cat, catalogShown, openComplete, paste as setAll, queryLines } from "./typing_step.mjs";

const args = process.argv.slice(2);
const dir = args.find((a) => !a.includes("=") && a !== "why") ?? "dist/www";
const RUNS = Number(args.find((a) => a.startsWith("runs="))?.slice(5) ?? 2);
const WHY = args.includes("why");
const PASTE = Number(args.find((a) => a.startsWith("paste="))?.slice(6) ?? 0);
const catalog = cat.join("\n");
const three = queryLines(3);
const pasted = queryLines(PASTE);
const SCRIPT = new Set(["TimerFire", "FunctionCall"]);
const KINDS = ["FunctionCall", "TimerFire", "Layout", "UpdateLayoutTree", "PrePaint", "Paint", "Layerize", "HitTest", "EventDispatch", "MajorGC", "MinorGC"];

const server = await serve(dir);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });
console.log(PASTE
  ? `pasting ${PASTE} names against the ${cat.length}-name catalog, ${dir}: tasks of 40 ms or more`
  : `setting a ${cat.length}-name catalog and ${three.split("\n").length} names as typed, ${dir}: tasks of 40 ms or more`);
const ours = [];
// Per run, the page's script's longest task of any length.
const longest = [];
for (let run = 0; run < RUNS; run++) {
  const { context, page } = await openComplete(browser, server.url);
  const categories = ["devtools.timeline", "disabled-by-default-devtools.timeline", "v8.execute"];
  if (WHY) categories.push("disabled-by-default-devtools.timeline.invalidationTracking", "disabled-by-default-devtools.timeline.stack");
  if (PASTE) {
    await setAll(page, [["catalog", catalog], ["names", three]]);
    await catalogShown(page);
    await page.waitForTimeout(1500);
  }
  await browser.startTracing(page, { categories });
  if (PASTE) {
    await setAll(page, [["names", pasted]]);
    await page.waitForFunction((n) => (document.getElementById("summary")?.textContent ?? "").startsWith(`${n} names`), PASTE, { timeout: 60_000 });
  } else {
    await setAll(page, [["catalog", catalog], ["names", three]]);
    await catalogShown(page);
  }
  await page.waitForTimeout(1500);
  const ev = JSON.parse((await browser.stopTracing()).toString()).traceEvents;
  const mains = new Set(ev.filter((e) => e.name === "thread_name" && e.args?.name === "CrRendererMain").map((e) => `${e.pid}:${e.tid}`));
  const onMain = ev.filter((e) => mains.has(`${e.pid}:${e.tid}`));
  const spans = onMain.filter((e) => e.ph === "X");
  const tasks = spans.filter((e) => e.name === "RunTask" && e.dur >= 40_000).sort((a, b) => a.ts - b.ts);
  let most = 0;
  for (const t of spans.filter((e) => e.name === "RunTask" && e.dur >= 1_000)) {
    const script = spans
      .filter((e) => SCRIPT.has(e.name) && e.ts >= t.ts && e.ts + e.dur <= t.ts + t.dur)
      .reduce((m, e) => Math.max(m, e.dur), 0);
    if (script > t.dur / 2) most = Math.max(most, t.dur / 1000);
  }
  longest.push(most);
  for (const t of tasks) {
    const inside = spans.filter((e) => e !== t && e.ts >= t.ts && e.ts + e.dur <= t.ts + t.dur);
    const by = new Map();
    for (const e of inside) if (KINDS.includes(e.name)) by.set(e.name, (by.get(e.name) ?? 0) + e.dur / 1000);
    const script = Math.max(by.get("TimerFire") ?? 0, by.get("FunctionCall") ?? 0);
    const whose = script > (t.dur / 1000) / 2 ? "script" : "browser";
    if (whose === "script") ours.push(t.dur / 1000);
    if (WHY && t.dur >= 100_000) {
      const before = onMain.filter((e) => e.name === "LayoutInvalidationTracking" && e.ts < t.ts && e.ts > t.ts - 400_000);
      for (const e of before.slice(-8)) console.log(`     ${((e.ts - t.ts) / 1000).toFixed(1)} ms: ${e.args?.data?.nodeName} ${e.args?.data?.reason} (${e.args?.data?.stackTrace?.[0]?.functionName ?? ""})`);
    }
    const parts = [...by].filter(([n]) => !SCRIPT.has(n) || n === "FunctionCall").sort((a, b) => b[1] - a[1]).slice(0, 5);
    console.log(`  run ${run + 1}: ${(t.dur / 1000).toFixed(1).padStart(6)} ms ${whose.padEnd(7)} ${parts.map(([n, d]) => `${n} ${d.toFixed(1)}`).join(", ")}`);
  }
  await context.close();
}
console.log(`the page's script: longest task ${ours.length ? Math.max(...ours).toFixed(1) : "none of 40"} ms over ${RUNS} runs; each run's: ${longest.map((d) => d.toFixed(1)).join(", ")} ms`);
await browser.close();
server.stop();
