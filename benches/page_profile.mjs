// Where the page's long tasks spend their time when a 10,000-name catalog (and a 3-name list) is
// set as typed: a CPU profile (the DevTools protocol's sampling profiler, 0.2 ms) of the step that
// benches/page_typing.mjs traces, cut at each task of 50 ms or more the page's own
// `longtask` observer saw, with the time of each function in it (itself and what it called).
// A benchmark: it reports what it saw and never fails on timing.
//
//   bash scripts/build-profile.sh /tmp/www-prof     # the page with the wasm's function names
//   node benches/page_profile.mjs [DIR] [runs=1] [top=40] [stretches=0]
//
// DIR defaults to /tmp/www-prof (a page built by scripts/build.sh works too, its wasm functions
// unnamed). `stretches=N` also prints the N longest busy stretches (samples with no idle
// between them: a run of short tasks shows as one).
import { chromium } from "playwright-core";
import { CHROMIUM_ARGS, serve } from "../tests/e2e/browser.mjs";
import { CATALOG, catalogShown, openComplete, paste, queryLines } from "./typing_step.mjs";

const args = process.argv.slice(2);
const opt = (k, d) => Number(args.find((a) => a.startsWith(`${k}=`))?.slice(k.length + 1) ?? d);
const dir = args.find((a) => !a.includes("=")) ?? "/tmp/www-prof";
const RUNS = opt("runs", 1);
const TOP = opt("top", 40);
const STRETCHES = opt("stretches", 0);
const catalog = CATALOG.join("\n");
const three = queryLines(3);
const server = await serve(dir);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });

// Inclusive time (ms) of each function over the samples `idx`.
function inclusive(profile, idx) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const incl = new Map();
  for (const i of idx) {
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const seen = new Set();
    for (let id = profile.samples[i]; id !== undefined; id = parent.get(id)) {
      const f = byId.get(id).callFrame.functionName || "(anonymous)";
      if (!seen.has(f)) {
        incl.set(f, (incl.get(f) ?? 0) + dt);
        seen.add(f);
      }
    }
  }
  return [...incl].sort((a, b) => b[1] - a[1]).slice(0, TOP)
    .map(([f, v]) => `${v.toFixed(1).padStart(7)}  ${f.slice(0, 110)}`).join("\n");
}

for (let run = 0; run < RUNS; run++) {
  const { context, page } = await openComplete(browser, server.url);
  const cdp = await context.newCDPSession(page);
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
  await page.evaluate(() => {
    window.__tasks = [];
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) window.__tasks.push([e.startTime, e.duration]);
    }).observe({ type: "longtask" });
  });
  await cdp.send("Profiler.start");
  // `t0` in the page's clock.
  const t0 = await paste(page, [["catalog", catalog], ["names", three]]);
  await catalogShown(page);
  await page.waitForTimeout(1500);
  const { profile } = await cdp.send("Profiler.stop");
  const tasks = await page.evaluate(() => window.__tasks);
  await context.close();

  // Each sample's time, and the profile's clock at t0: the first sample inside the evaluate
  // call that set the catalog.
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const times = [];
  let t = profile.startTime;
  let T0 = null;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i];
    times.push(t);
    for (let id = profile.samples[i]; T0 === null && id !== undefined; id = parent.get(id)) {
      if (byId.get(id).callFrame.functionName === "evaluate") T0 = t;
    }
  }
  console.log(`run ${run + 1}: tasks of 50 ms or more (from the catalog set, ms): ${tasks.map(([s, d]) => `${(s - t0).toFixed(0)}+${d.toFixed(0)}`).join(" ") || "none"}`);
  for (const [s, d] of T0 === null ? [] : tasks) {
    const from = T0 + (s - t0) * 1000;
    const idx = times.flatMap((x, i) => (x >= from && x <= from + d * 1000 ? [i] : []));
    console.log(`== the task at ${(s - t0).toFixed(0)} ms, ${d.toFixed(0)} ms (${idx.length} samples)`);
    console.log(inclusive(profile, idx));
  }
  if (STRETCHES) {
    const idle = (i) => byId.get(profile.samples[i]).callFrame.functionName === "(idle)";
    const stretches = [];
    let cur = null;
    for (let i = 0; i < profile.samples.length; i++) {
      if (idle(i)) { cur = null; continue; }
      if (!cur) stretches.push((cur = { from: times[i], to: times[i], idx: [] }));
      cur.to = times[i];
      cur.idx.push(i);
    }
    stretches.sort((a, b) => b.to - b.from - (a.to - a.from));
    for (const s of stretches.slice(0, STRETCHES)) {
      console.log(`== a busy stretch of ${((s.to - s.from) / 1000).toFixed(1)} ms`);
      console.log(inclusive(profile, s.idx));
    }
  }
}
await browser.close();
server.stop();
