// What the way a bench waits for the page costs the page's load: the same build, loads
// alternating between two ways of opening it, in one run (so that the machine's load hits both
// alike).
//
//   node benches/page_harness.mjs [DIR] [loads=N]
//
// * waits: page.goto (returns at the `load` event), then waitForSelector(body[data-ready=true])
//   and waitForFunction(painted), as benches/page.mjs did until the twentieth session. The first
//   such wait makes Playwright evaluate its injected script in the page; `load` comes before the
//   first view is mounted, so that script can run in the middle of the load.
// * quiet: benches/quiet_open.mjs, as page.mjs, page_ab.mjs and page_floor.mjs open the page now:
//   goto(waitUntil: "commit"), milestones from console messages, nothing of Playwright's
//   evaluated in the page until it has painted.
// Both time the same things in the page, from navigation start: `ready` (body[data-ready=true]
// appears: an init script's MutationObserver) and `painted` (the first frame after it:
// requestAnimationFrame, then a message). DIR: a built page (default dist/www), served with
// scripts/serve.mjs on 127.0.0.1, a fresh context of Debian Chromium per load, one warm-up round,
// then `loads` rounds (default 30), the order of the two alternating round by round. A
// benchmark: it reports what it measured and never fails on timing.

import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

import { SIGNAL, openQuietly } from "./quiet_open.mjs";
import { CHROMIUM_ARGS, guardRequests, serve } from "../tests/e2e/browser.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const LOADS = Number(args.find((a) => a.startsWith("loads="))?.slice(6) ?? 30);
const dir = path.resolve(args.find((a) => !a.includes("=")) ?? path.join(root, "dist/www"));
const loadavg = () => os.loadavg().map((x) => x.toFixed(2)).join(" ");

function instrument(signal) {
  const b = (window.__harness = { ready: null, painted: null });
  new MutationObserver((_, observer) => {
    if (b.ready !== null || document.body?.dataset.ready !== "true") return;
    b.ready = performance.now();
    observer.disconnect();
    console.debug(`${signal}ready`);
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        b.painted = performance.now();
        console.debug(`${signal}painted`);
      };
      channel.port2.postMessage(null);
    });
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-ready"] });
}

const ways = {
  async waits(page, url) {
    await page.goto(url);
    await page.waitForSelector("body[data-ready=true]", { timeout: 60_000 });
    await page.waitForFunction(() => window.__harness.painted !== null, undefined, { timeout: 60_000 });
  },
  async quiet(page, url) {
    await openQuietly(page, url, ["ready", "painted"]);
  },
};

const server = await serve(dir);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });
const left = [];
console.log("luciq-scim page harness A/B (headless Chromium)");
console.log(`${os.cpus().length} cores, load average at start: ${loadavg()}; ${dir}; ${LOADS} loads of each after one warm-up round, alternating`);
const results = Object.fromEntries(Object.keys(ways).map((k) => [k, []]));
for (let i = 0; i <= LOADS; i++) {
  const order = i % 2 ? ["waits", "quiet"] : ["quiet", "waits"];
  for (const way of order) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await guardRequests(context, false, (href) => left.push(href));
    await context.addInitScript(instrument, SIGNAL);
    const page = await context.newPage();
    await ways[way](page, server.url);
    const m = await page.evaluate(() => window.__harness);
    await context.close();
    if (i > 0) results[way].push(m);
  }
}
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const f1 = (x) => x.toFixed(1).padStart(7);
console.log(`${"way".padEnd(6)} ${"ready min".padStart(10)} ${"median".padStart(7)} ${"max".padStart(7)} ${"painted min".padStart(12)} ${"median".padStart(7)} ${"max".padStart(7)}`);
for (const [way, ms] of Object.entries(results)) {
  const r = ms.map((m) => m.ready);
  const p = ms.map((m) => m.painted);
  console.log(
    `${way.padEnd(6)} ${f1(Math.min(...r)).padStart(10)} ${f1(median(r))} ${f1(Math.max(...r))} ${f1(Math.min(...p)).padStart(12)} ${f1(median(p))} ${f1(Math.max(...p))}`,
  );
}
console.log(`requests not to 127.0.0.1 (watched): ${left.length}; load average at end: ${loadavg()}`);
await browser.close();
server.stop();
