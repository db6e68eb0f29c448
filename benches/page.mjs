// The validation page in headless Chromium: page load to interactive, and paste to rendered
// results for 1,000, 10,000 and 100,000 app names against a 10,000-name catalog. A benchmark: it
// reports what it measured and never fails on timing.
//
//   node benches/page.mjs [DIR] [quick] [loads=N] [runs100k=N] [timeout=SECONDS] [route=1]
//
// DIR is a built page (default dist/www, as built by scripts/build.sh); it is served with
// scripts/serve.mjs on 127.0.0.1 and opened in Debian Chromium (/usr/bin/chromium or $CHROMIUM),
// launched as tests/e2e/browser.mjs launches it. Any request not to 127.0.0.1 is counted (watched,
// as benches/page_ab.mjs and page_floor.mjs watch theirs; the e2e tests are what block them);
// route=1: blocked too, through Playwright's interception, which holds each request for a round
// trip to this process (13-18 ms more on the page's load; benches/RESULTS.md). `quick`: 3 loads,
// 1k x 2 and 10k x 1, no 100k.
//
// 1. Load: a fresh browser context per run (empty cache and localStorage), one untimed warm-up
//    run, then `loads` runs (default 10). All times are in-page, from navigation start
//    (performance.timeOrigin): `ready` is when body[data-ready=true] appears (an init script's
//    MutationObserver; main.js sets it after the wasm is fetched, instantiated and the view is
//    mounted), `painted` the first frame after that (requestAnimationFrame, then a message, which
//    runs once the frame is produced). The page is opened so that nothing of Playwright's runs
//    in it until it is complete (benches/quiet_open.mjs: its init script posts each milestone on
//    the console). The split comes from the Performance API: the .wasm's
//    resource timing (start, fetch duration, transfer size; wasm-bindgen compiles it with
//    instantiateStreaming, so part of the compile overlaps the fetch) and "after wasm" = ready
//    minus the wasm's responseEnd (the rest of compiling, instantiating and mounting the view).
//    The page loads its first view's module, answers, then loads the rest of the page (a second
//    module): the .wasm columns are those fetched before `ready`, and `complete` is when
//    body[data-complete=true] appears (every section mounted). Every later step starts from the
//    complete page.
//
// 2. Paste: per list size a fresh context; the 10k-name catalog is put in #catalog (with a
//    3-name list in #names, so that the check it triggers can be told apart), as typed (value and
//    an `input` event: the page debounces it), and left to settle: #summary reads `3 names:`,
//    #catalog-status `10000 names in the catalog` and no `.progress` wrapper is shown. Then each
//    run, in one page.evaluate and one task: performance.now() (t0), then what a select-all and
//    paste does in Chromium: a `paste` ClipboardEvent on #names (the text in its clipboardData),
//    then, unless the page took the paste (it does for more than 2,000 lines, which it keeps out
//    of the text box), the whole list set as #names' value and an `input` InputEvent
//    (insertFromPaste). "first ms": the frame that shows the first rows (#summary reads "First
//    results:" or, for a short list, the whole list's). The page checks #names on the
//    task after `paste` (no debounce) and drops the debounced check the `input` event scheduled.
//    Wait until #summary's text starts with `${n} names:` and no `.progress` wrapper is shown
//    (the page hides its progress before it renders the findings), then one requestAnimationFrame
//    and a message (the frame is painted); report the elapsed in-page ms. Between runs #names
//    goes back to the 3-name list (pasted the same way) and settles.
//    Also recorded per run: when #summary got there; whether the names progress (the wrapper of
//    #names-progress, `hidden` when idle) was shown: when its `hidden` first went (`prog at`) and
//    in how many animation frames it was visible (`prog frames`); the longest main-thread task
//    (PerformanceObserver 'longtask') and where it sat from t0; the longest gap between two
//    animation frames (how long the page did not update); the rows in #results (the page renders
//    200 at a time, the rest behind a "Show more" button, whose text is printed) and the errors
//    and warnings the summary gives; and from the DevTools protocol (Performance.getMetrics,
//    before and after) how much of the main thread's time went to script (JS and wasm), style
//    and layout (paint is not among those metrics), and the DOM node count after (Chromium's
//    count: going by the figures it includes about two nodes per line inside the text areas,
//    and detached nodes not yet collected).
//    100k: up to `runs100k` runs (default 3); no further run once one took over 120 s. A run
//    that does not finish within `timeout` is reported as timed out, not thrown; so is a load
//    that fails.

// The data comes from benches/fixtures.mjs (the generator the Rust benches use): catalog(SEED,
// 10000) and the first n names of queries(SEED, catalog, ...), the same lists as
// `cargo bench --bench check_names` and benches/wasm_node.mjs (same fingerprints).

import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import zlib from "node:zlib";
import { chromium } from "playwright-core";

import { SEED, catalog as makeCatalog, fingerprint, queries } from "./fixtures.mjs";
import { SIGNAL, openQuietly } from "./quiet_open.mjs";
import { CHROMIUM_ARGS, guardRequests, serve } from "../tests/e2e/browser.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "..");
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const a = args.find((x) => x.startsWith(`${name}=`));
  return a === undefined ? dflt : Number(a.slice(name.length + 1));
};
const quick = args.includes("quick");
// route=1: requests intercepted instead of watched (Playwright's interception holds every request
// for a round trip to this process, which a person's browser does not pay).
const ROUTE = opt("route", 0) !== 0;
const dir = path.resolve(args.find((a) => a !== "quick" && !a.includes("=")) ?? path.join(root, "dist/www"));
const LOADS = opt("loads", quick ? 3 : 10);
const RUNS_100K = opt("runs100k", 3);
const TIMEOUT_MS = opt("timeout", 600) * 1000;
const SLOW_RUN_MS = 120_000;
const CATALOG_SIZE = 10_000;
const SETTLE_NAMES = 3;
// Rows the page renders at a time (src/ui/names_view.rs PAGE_ROWS); more behind a "Show more" button.
const PAGE_ROWS = 200;
const SIZES = quick ? [[1_000, 2], [10_000, 1]] : [[1_000, 5], [10_000, 3], [100_000, RUNS_100K]];

if (!fs.existsSync(path.join(dir, "index.html"))) {
  console.error(`page bench: ${dir}/index.html is missing (build the page, or pass its directory)`);
  process.exit(1);
}

const hex = (n) => n.toString(16).padStart(8, "0");
const loadavg = () => os.loadavg().map((x) => x.toFixed(2)).join(" ");
const pad = (v, w) => String(v).padStart(w);
const f0 = (x) => (x == null || Number.isNaN(x) ? "-" : x.toFixed(0));
const f1 = (x) => (x == null || Number.isNaN(x) ? "-" : x.toFixed(1));
function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
const stats = (xs) => {
  const v = xs.filter((x) => typeof x === "number" && !Number.isNaN(x));
  return v.length ? { min: Math.min(...v), median: median(v), max: Math.max(...v) } : null;
};
const cpuModel = () => {
  try {
    return /model name\s*:\s*(.*)/.exec(fs.readFileSync("/proc/cpuinfo", "utf8"))?.[1] ?? os.cpus()[0]?.model;
  } catch {
    return os.cpus()[0]?.model;
  }
};
const nproc = () => {
  try {
    return execFileSync("nproc", { encoding: "utf8" }).trim();
  } catch {
    return String(os.availableParallelism?.() ?? os.cpus().length);
  }
};

// ---- in-page instrumentation (an init script: runs in every page before its own scripts) -------
function instrument(signal) {
  const b = (window.__bench = { ready: null, readyPainted: null, complete: null, longtasks: [], longtaskSupported: false });
  // After the next frame is produced: rAF runs just before the frame's style, layout and paint;
  // a message posted from it runs after them.
  b.afterFrame = (f) =>
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => f();
      ch.port2.postMessage(null);
    });
  new MutationObserver((_, obs) => {
    if (b.ready === null && document.body?.dataset.ready === "true") {
      b.ready = performance.now();
      obs.disconnect();
      console.debug(`${signal}ready`);
      b.afterFrame(() => {
        b.readyPainted = performance.now();
        console.debug(`${signal}painted`);
      });
    }
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-ready"] });
  // The rest of the page (main.js loads its second module once the first view answers).
  new MutationObserver((_, obs) => {
    if (b.complete === null && document.body?.dataset.complete === "true") {
      b.complete = performance.now();
      obs.disconnect();
      console.debug(`${signal}complete`);
    }
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-complete"] });
  try {
    if (PerformanceObserver.supportedEntryTypes.includes("longtask")) {
      b.longtaskObserver = new PerformanceObserver((list) => b.longtasks.push(...list.getEntries()));
      b.longtaskObserver.observe({ type: "longtask", buffered: true });
      b.longtaskSupported = true;
    }
  } catch {
    // no Long Tasks API: reported as "-"
  }
  b.takeLongtasks = (from) => {
    if (b.longtaskObserver) b.longtasks.push(...b.longtaskObserver.takeRecords());
    return b.longtasks.filter((e) => e.startTime + e.duration > from);
  };
  // The page's progress indicators: a `.progress` wrapper per kind of check (`#names-progress`,
  // `#catalog-progress`, `#users-progress` inside it), `hidden` when idle.
  b.wrappers = () => [...document.querySelectorAll(".progress")];
  b.namesWrapper = () => document.getElementById("names-progress")?.parentElement ?? null;
  // Cheap: no style or layout forced (used from the MutationObserver, i.e. mid-render).
  b.anyProgressPresent = () => b.wrappers().some((w) => !w.hidden && !w.closest("[hidden]"));
  // Exact, forces style (used once per animation frame, where the frame needs it anyway).
  b.isVisible = (el) =>
    !!el && (typeof el.checkVisibility === "function" ? el.checkVisibility() : el.getClientRects().length > 0);
  b.summaryText = () => document.getElementById("summary")?.textContent ?? "";
  b.counts = () => {
    const m = /(\d+) errors?, (\d+) warnings?/.exec(b.summaryText());
    const more = document.getElementById("more");
    return {
      summary: b.summaryText(),
      rows: document.querySelectorAll("#results > li").length,
      more: more && !more.hidden ? more.textContent : "",
      errors: m ? Number(m[1]) : null,
      warnings: m ? Number(m[2]) : null,
    };
  };
  /** Sets textareas (id -> text) and resolves once #summary starts with `${n} names:` (`1 name:`
   *  for one), every `extra` [id, prefix] element's text starts with its prefix, no `.progress`
   *  wrapper is shown, and the frame after that is produced.
   *  how = "paste": per field, in one task, what a paste does in Chromium: a `paste`
   *  ClipboardEvent (the text in its clipboardData; the field still holds the old text), then the
   *  new value, then an `input` InputEvent (insertFromPaste). The page checks #names on the task
   *  after the `paste` event and drops the debounced check the `input` event scheduled.
   *  how = "input": the value and an `input` event only (typing; the page debounces it). */
  b.paste = (values, n, timeoutMs, how = "paste", extra = []) =>
    new Promise((resolve) => {
      const want = n === 1 ? "1 name:" : `${n} names:`;
      const out = {
        n, ms: null, summaryMs: null, firstMs: null, progressShown: false, progressAtMs: null, progressFrames: 0,
        otherProgressShown: false, maxFrameGapMs: 0, frames: 0, timedOut: false,
      };
      const fields = Object.entries(values).map(([id, text]) => [document.getElementById(id), text]);
      const namesWrap = b.namesWrapper();
      let done = false;
      let finished = false;
      let lastFrame = null;
      let mo;
      let timer;
      const extraOk = () => extra.every(([id, prefix]) => (document.getElementById(id)?.textContent ?? "").startsWith(prefix));
      const doneIf = (now) => {
        if (done || !b.summaryText().startsWith(want) || !extraOk() || b.anyProgressPresent()) return;
        done = true;
        out.summaryMs = now - t0;
        mo.disconnect();
        b.afterFrame(() => {
          const end = performance.now();
          out.ms = end - t0;
          out.maxFrameGapMs = Math.max(out.maxFrameGapMs, end - lastFrame);
          finished = true;
          clearTimeout(timer);
          // Long-task entries are delivered asynchronously: give them a moment.
          setTimeout(() => {
            const tasks = b.takeLongtasks(t0);
            out.longtasks = tasks.length;
            if (b.longtaskSupported) {
              const top = tasks.reduce((a, e) => (a && a.duration >= e.duration ? a : e), null);
              out.longtaskMaxMs = top ? top.duration : 0;
              // Where the longest task sat, from the paste (ms): start and end.
              out.longtaskAt = top ? [top.startTime - t0, top.startTime + top.duration - t0] : null;
              out.longtaskSumMs = tasks.reduce((s, e) => s + e.duration, 0);
            } else {
              out.longtaskMaxMs = out.longtaskSumMs = out.longtaskAt = null;
            }
            Object.assign(out, b.counts());
            resolve(out);
          }, 100);
        });
      };
      // Polls once per frame until the frame after the end is produced; the gap between two
      // frames counts the frame that ends a freeze too.
      const frame = () => {
        // performance.now(), not the rAF timestamp: that is the frame's scheduled start, which
        // can precede a long task that delayed the frame.
        const now = performance.now();
        if (finished) return;
        out.frames++;
        if (lastFrame !== null) out.maxFrameGapMs = Math.max(out.maxFrameGapMs, now - lastFrame);
        lastFrame = now;
        if (!done) {
          // The names progress in the frame about to be drawn.
          if (namesWrap && !namesWrap.hidden && b.isVisible(namesWrap)) {
            out.progressShown = true;
            out.progressFrames++;
          }
          doneIf(performance.now());
        }
        requestAnimationFrame(frame);
      };
      // Only #summary and the progress wrappers' `hidden` are observed: observing the results
      // list would make the page record every row it adds.
      mo = new MutationObserver(() => {
        const now = performance.now();
        // First results: the first rows are drawn with a summary of what is checked so far (or
        // the whole list's, for a short one); the time is the frame that shows them.
        if (out.firstMs === null && !done && (b.summaryText().startsWith("First results:") || b.summaryText().startsWith(want))) {
          out.firstMs = -1;
          b.afterFrame(() => { out.firstMs = performance.now() - t0; });
        }
        if (namesWrap && !namesWrap.hidden && out.progressAtMs === null) out.progressAtMs = now - t0;
        if (b.wrappers().some((w) => w !== namesWrap && !w.hidden)) out.otherProgressShown = true;
        doneIf(now);
      });
      mo.observe(document.getElementById("summary") ?? document.body, { subtree: true, childList: true, characterData: true });
      for (const w of b.wrappers()) mo.observe(w, { attributes: true, attributeFilter: ["hidden"] });
      for (const id of extra.map(([id]) => id)) {
        const el = document.getElementById(id);
        if (el) mo.observe(el, { subtree: true, childList: true, characterData: true });
      }
      const t0 = performance.now();
      for (const [el, text] of fields) {
        if (how === "paste") {
          // Select all first: the paste replaces the list, as when an admin selects all and pastes.
          el.focus();
          el.select();
          let ev;
          try {
            const dt = new DataTransfer();
            dt.setData("text/plain", text);
            ev = new ClipboardEvent("paste", { bubbles: true, cancelable: true, clipboardData: dt });
          } catch {
            ev = new Event("paste", { bubbles: true, cancelable: true });
          }
          el.dispatchEvent(ev);
          // The page took the paste itself (a long list is kept out of the text box): the
          // browser would insert nothing, and no input event follows.
          if (ev.defaultPrevented) continue;
        }
        el.value = text;
        el.dispatchEvent(
          new InputEvent("input", { bubbles: true, inputType: how === "paste" ? "insertFromPaste" : "insertText" }),
        );
      }
      lastFrame = t0;
      requestAnimationFrame(frame);
      timer = setTimeout(() => {
        if (done) return;
        done = finished = true;
        mo.disconnect();
        out.timedOut = true;
        Object.assign(out, b.counts());
        resolve(out);
      }, timeoutMs);
    });
}

// ---- data ---------------------------------------------------------------------------------------
const started = performance.now();
const loadStart = loadavg();
let t = performance.now();
const catalog = makeCatalog(SEED, CATALOG_SIZE);
const maxN = Math.max(...SIZES.map(([n]) => n));
const q = queries(SEED, catalog, maxN);
const dataMs = performance.now() - t;
const catalogText = catalog.join("\n");
const settleText = q.names.slice(0, SETTLE_NAMES).join("\n");

// ---- browser --------------------------------------------------------------------------------------
const server = await serve(dir);
const executablePath = process.env.CHROMIUM ?? "/usr/bin/chromium";
const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
const blocked = [];
const problems = [];

async function freshPage() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await guardRequests(context, ROUTE, (href) => blocked.push(href));
  await context.addInitScript(instrument, SIGNAL);
  const page = await context.newPage();
  page.on("dialog", (d) => {
    problems.push(`dialog: ${d.message()}`);
    d.dismiss();
  });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console error: ${m.text()}`);
  });
  page.on("crash", () => problems.push("page crashed"));
  return { context, page };
}

async function openReady() {
  const p = await freshPage();
  // Nothing of Playwright's runs in the page until it is complete (benches/quiet_open.mjs).
  await openQuietly(p.page, server.url, ["ready", "painted", "complete"]);
  return p;
}

console.log("luciq-scim page bench (headless Chromium)");
console.log(
  `${nproc()} cores (nproc; ${cpuModel()}), ${(os.totalmem() / 2 ** 20).toFixed(0)} MiB memory, ` +
    `load average at start: ${loadStart}`,
);
console.log(
  `browser: Chromium ${browser.version()} (${executablePath}), playwright-core ` +
    `${JSON.parse(fs.readFileSync(path.join(root, "node_modules/playwright-core/package.json"), "utf8")).version}, node ${process.version}`,
);
const pkgDir = path.join(dir, "pkg");
for (const f of fs.existsSync(pkgDir) ? fs.readdirSync(pkgDir).filter((f) => f.endsWith(".wasm")).sort() : []) {
  const file = path.join(pkgDir, f);
  const bytes = fs.readFileSync(file);
  console.log(
    `served: ${file.startsWith(root + path.sep) ? path.relative(root, file) : file} ${bytes.length} bytes, ` +
      `${zlib.gzipSync(bytes, { level: 9 }).length} gzipped (zlib 9), modified ${fs.statSync(file).mtime.toISOString()}`,
  );
}
console.log(
  `data: catalog ${catalog.length} names (fingerprint ${hex(fingerprint(catalog))}), ` +
    `queries ${q.names.length} names (fingerprint of first 10k ${hex(fingerprint(q.names.slice(0, 10_000)))}), ` +
    `generated in ${f1(dataMs)} ms`,
);

// ---- 1. load to interactive ---------------------------------------------------------------------
console.log(
  `\npage load to interactive, fresh context per run, 1 warm-up + ${LOADS} runs (ms from navigation start; ` +
    "wasm: the resource timing of the largest .wasm fetched before ready; wasm KB: every .wasm fetched before ready; " +
    "after wasm = ready - wasm responseEnd; complete: body[data-complete=true], the rest of the page mounted; " +
    "longest task: 0 if none took 50 ms or more):",
);
console.log(
  `${pad("run", 4)} ${pad("html", 6)} ${pad("FCP", 6)} ${pad("wasm start", 10)} ${pad("wasm fetch", 10)} ` +
    `${pad("wasm KB", 8)} ${pad("after wasm", 10)} ${pad("ready", 7)} ${pad("painted", 8)} ${pad("complete", 8)} ${pad("longest task", 12)} ${pad("requests", 8)}`,
);
const loads = [];
for (let i = 0; i <= LOADS; i++) {
  // A load that fails or times out is reported and left out, not thrown.
  let context;
  let m;
  try {
    let page;
    ({ context, page } = await openReady());
    m = await page.evaluate(() => {
      const b = window.__bench;
      const nav = performance.getEntriesByType("navigation")[0];
      const fcp = performance.getEntriesByType("paint").find((e) => e.name === "first-contentful-paint");
      const early = performance
        .getEntriesByType("resource")
        .filter((e) => new URL(e.name).pathname.endsWith(".wasm") && e.startTime < b.ready)
        .sort((a, b) => b.encodedBodySize - a.encodedBodySize);
      const wasm = early[0];
      const tasks = b.takeLongtasks(0).filter((e) => e.startTime < b.readyPainted);
      return {
        html: nav?.responseEnd,
        fcp: fcp?.startTime,
        wasmName: wasm && new URL(wasm.name).pathname,
        wasmStart: wasm?.startTime,
        wasmFetch: wasm && wasm.responseEnd - wasm.startTime,
        wasmEnd: wasm?.responseEnd,
        wasmTransfer: wasm?.transferSize,
        wasmBody: wasm?.encodedBodySize,
        wasmBeforeReady: early.reduce((n, e) => n + e.transferSize, 0),
        wasmFiles: early.map((e) => new URL(e.name).pathname).join(", "),
        ready: b.ready,
        painted: b.readyPainted,
        complete: b.complete,
        longtaskMax: b.longtaskSupported ? Math.max(0, ...tasks.map((e) => e.duration)) : null,
        requests: performance.getEntriesByType("resource").length + 1,
      };
    });
  } catch (e) {
    console.log(`${pad(i === 0 ? "w" : i, 4)}   load failed: ${String(e.message ?? e).split("\n")[0]}`);
    continue;
  } finally {
    await context?.close().catch(() => {});
  }
  m.afterWasm = m.wasmEnd == null ? null : m.ready - m.wasmEnd;
  console.log(
    `${pad(i === 0 ? "w" : i, 4)} ${pad(f1(m.html), 6)} ${pad(f1(m.fcp), 6)} ${pad(f1(m.wasmStart), 10)} ` +
      `${pad(f1(m.wasmFetch), 10)} ${pad(m.wasmTransfer == null ? "-" : (m.wasmBeforeReady / 1000).toFixed(0), 8)} ` +
      `${pad(f1(m.afterWasm), 10)} ${pad(f1(m.ready), 7)} ${pad(f1(m.painted), 8)} ${pad(f1(m.complete), 8)} ${pad(f1(m.longtaskMax), 12)} ${pad(m.requests, 8)}`,
  );
  if (i > 0) loads.push(m);
}
console.log(`  wasm before ready: ${loads[0]?.wasmFiles}, transfer ${loads[0]?.wasmBeforeReady} bytes (largest: body ${loads[0]?.wasmBody}; no compression: scripts/serve.mjs sends files as they are)`);
for (const [label, key] of [
  ["html", "html"], ["FCP", "fcp"], ["wasm start", "wasmStart"], ["wasm fetch", "wasmFetch"],
  ["after wasm", "afterWasm"], ["ready", "ready"], ["painted", "painted"], ["complete", "complete"], ["longest task", "longtaskMax"],
]) {
  const s = stats(loads.map((m) => m[key]));
  if (s) console.log(`  ${pad(label, 12)}: min ${pad(f1(s.min), 7)}  median ${pad(f1(s.median), 7)}  max ${pad(f1(s.max), 7)} ms`);
}

// ---- 2. paste to rendered results -----------------------------------------------------------------
console.log(
  `\npaste to rendered results, catalog ${CATALOG_SIZE} names in #catalog, fresh context per list size ` +
    "(ms in-page from the paste event on #names; " +
    "summary: #summary reads `N names:`; prog at: the names progress first shown (- never); prog frames: frames drawn with it visible; " +
    "task: longest main-thread task and where it sat (ms from the paste); gap: longest time between two animation frames, the frame after the end included; " +
    "script/style/layout: main-thread seconds from the DevTools protocol; " +
    `nodes: DOM nodes after, including detached ones not yet collected; rows: #results > li, the page shows ${PAGE_ROWS} at a time):`,
);
const head =
  `${pad("names", 7)} ${pad("run", 3)} ${pad("first ms", 8)} ${pad("rendered ms", 11)} ${pad("summary", 7)} ${pad("prog at", 7)} ${pad("prog frames", 11)} ` +
  `${pad("task ms", 7)} ${pad("task at", 13)} ${pad("tasks", 5)} ${pad("gap ms", 6)} ${pad("frames", 6)} ` +
  `${pad("script s", 8)} ${pad("style s", 7)} ${pad("layout s", 8)} ${pad("nodes", 7)} ${pad("rows", 4)} ${pad("errors", 6)} ${pad("warnings", 8)}`;
const pastes = [];
console.log(head);
for (const [n, reps] of SIZES) {
  const text = q.names.slice(0, n).join("\n");
  let context;
  try {
    const p = await openReady();
    context = p.context;
    const page = p.page;
    const cdp = await context.newCDPSession(page);
    await cdp.send("Performance.enable");
    const metrics = async () => Object.fromEntries((await cdp.send("Performance.getMetrics")).metrics.map((m) => [m.name, m.value]));
    await page.evaluate(([c, s]) => ((window.__catalogText = c), (window.__settleText = s)), [catalogText, settleText]);
    // The catalog and the 3-name list set at once (as typed: the page's debounce checks both,
    // the catalog's own check included), left to settle; or the 3-name list pasted alone.
    const settle = async (withCatalog) => {
      const r = await page.evaluate(
        ([withCatalog, k, timeout, catalogSize]) =>
          withCatalog
            ? window.__bench.paste({ catalog: window.__catalogText, names: window.__settleText }, k, timeout, "input", [
                ["catalog-status", `${catalogSize} names in the catalog`],
              ])
            : window.__bench.paste({ names: window.__settleText }, k, timeout, "paste"),
        [withCatalog, SETTLE_NAMES, Math.min(TIMEOUT_MS, 120_000), CATALOG_SIZE],
      );
      await page.waitForTimeout(300);
      if (r.timedOut) {
        console.log(
          `  (${withCatalog ? "the catalog with the " : "the "}${SETTLE_NAMES}-name list did not settle in time; ` +
            `summary "${r.summary.slice(0, 60)}")`,
        );
      }
      return r;
    };
    const c = await settle(true);
    const outputsChars = await page.evaluate(() => document.getElementById("outputs")?.textContent.length ?? null);
    console.log(
      `  (setting the ${CATALOG_SIZE}-name catalog with ${SETTLE_NAMES} names, typed: ${c.timedOut ? "timed out" : `${f0(c.ms)} ms`} to rendered, ` +
        `longest task ${f0(c.longtaskMaxMs)} ms, longest frame gap ${f0(c.maxFrameGapMs)} ms; summary "${c.summary}"; ` +
        `#outputs then holds ${outputsChars ?? "-"} characters)`,
    );
    const resets = [];
    await page.evaluate((t) => (window.__pasteText = t), text);
    let spent = 0;
    for (let run = 1; run <= reps; run++) {
      if (run > 1) {
        if (n >= 100_000 && spent > SLOW_RUN_MS) {
          console.log(`  (no further ${n}-name run: the last one took over ${SLOW_RUN_MS / 1000} s)`);
          break;
        }
        resets.push((await settle(false)).ms);
      }
      const before = await metrics();
      const r = await page.evaluate(
        ([k, timeout]) => window.__bench.paste({ names: window.__pasteText }, k, timeout, "paste"),
        [n, TIMEOUT_MS],
      );
      const after = await metrics();
      const d = (k) => (after[k] ?? NaN) - (before[k] ?? NaN);
      r.script = d("ScriptDuration");
      r.style = d("RecalcStyleDuration");
      r.layout = d("LayoutDuration");
      r.nodes = after.Nodes;
      spent = r.ms ?? TIMEOUT_MS;
      pastes.push(r);
      const wantRows = Math.min(n, PAGE_ROWS);
      console.log(
        `${pad(n, 7)} ${pad(run, 3)} ${pad(f0(r.firstMs), 8)} ${pad(r.timedOut ? `>${TIMEOUT_MS / 1000}s` : f0(r.ms), 11)} ${pad(f0(r.summaryMs), 7)} ` +
          `${pad(f0(r.progressAtMs), 7)} ${pad(r.progressFrames, 11)} ` +
          `${pad(f0(r.longtaskMaxMs), 7)} ${pad(r.longtaskAt ? `${f0(r.longtaskAt[0])}-${f0(r.longtaskAt[1])}` : "-", 13)} ` +
          `${pad(r.longtasks ?? "-", 5)} ${pad(f0(r.maxFrameGapMs), 6)} ${pad(r.frames, 6)} ` +
          `${pad(f1(r.script), 8)} ${pad(f1(r.style), 7)} ${pad(f1(r.layout), 8)} ` +
          `${pad(r.nodes ?? "-", 7)} ${pad(r.rows, 4)} ${pad(r.errors ?? "-", 6)} ${pad(r.warnings ?? "-", 8)}` +
          (r.rows === wantRows ? "" : `  (${r.rows} rows, expected ${wantRows})`) +
          (r.progressAtMs !== null && !r.progressShown ? "  (progress set visible but never drawn)" : "") +
          (r.otherProgressShown ? "  (another check's progress was shown too)" : "") +
          (r.timedOut ? `  timed out; summary: "${r.summary.slice(0, 60)}"` : ""),
      );
      if (run === 1 && r.more) console.log(`  (below the rows: "${r.more}")`);
    }
    const rs = stats(resets);
    if (rs) {
      console.log(
        `  (back to the ${SETTLE_NAMES}-name list between runs, same catalog: ${f0(rs.min)} to ${f0(rs.max)} ms to rendered)`,
      );
    }
  } catch (e) {
    console.log(`${pad(n, 7)}   run failed: ${String(e.message ?? e).split("\n")[0]}`);
  } finally {
    await context?.close().catch(() => {});
  }
}

console.log("\nsummary (paste to rendered, ms; first: paste to the first rows drawn, median; longest task and frame gap: the largest over the runs):");
console.log(
  `${pad("names", 7)} ${pad("runs", 4)} ${pad("first", 6)} ${pad("min", 8)} ${pad("median", 8)} ${pad("max", 8)} ${pad("µs/name", 8)} ` +
    `${pad("longest task", 12)} ${pad("longest gap", 11)} ${pad("progress", 8)} ${pad("rows", 4)} ${pad("timed out", 9)}`,
);
for (const [n] of SIZES) {
  const all = pastes.filter((r) => r.n === n);
  const rs = all.filter((r) => !r.timedOut);
  const s = stats(rs.map((r) => r.ms));
  const task = stats(all.map((r) => r.longtaskMaxMs));
  const gap = stats(all.map((r) => r.maxFrameGapMs));
  const shown = all.filter((r) => r.progressShown).length;
  if (!all.length) continue;
  console.log(
    `${pad(n, 7)} ${pad(rs.length, 4)} ${pad(f0(stats(rs.map((r) => r.firstMs))?.median), 6)} ${pad(f0(s?.min), 8)} ${pad(f0(s?.median), 8)} ${pad(f0(s?.max), 8)} ` +
      `${pad(s ? f0((s.median * 1000) / n) : "-", 8)} ${pad(task ? f0(task.max) : "-", 12)} ${pad(gap ? f0(gap.max) : "-", 11)} ` +
      `${pad(shown ? `${shown}/${all.length}` : "no", 8)} ${pad(rs[0]?.rows ?? "-", 4)} ${pad(all.length - rs.length, 9)}`,
  );
}

await browser.close();
server.stop();
console.log(`\nrequests not to 127.0.0.1 (${ROUTE ? "blocked" : "watched"}): ${blocked.length}${blocked.length ? ` (${[...new Set(blocked)].slice(0, 5).join(", ")})` : ""}`);
if (problems.length) console.log(`page problems: ${problems.length}\n  ${[...new Set(problems)].slice(0, 10).join("\n  ")}`);
console.log(`total ${f0((performance.now() - started) / 1e3)} s, load average at end: ${loadavg()}`);
