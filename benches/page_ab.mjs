// Two or more builds of the page, loaded in turn (load by load, so that the machine's load hits
// them alike), each load timed four ways. For judging a change to how the page loads: a change
// can set the page's ready mark earlier and still put the page on screen later.
//
//   node benches/page_ab.mjs [loads=N] [route=1] DIR[=LABEL] DIR[=LABEL] ...
//
// Each DIR is a built page (as scripts/build.sh builds dist/www), served with scripts/serve.mjs
// on 127.0.0.1 and opened in a fresh context of Debian Chromium (tests/e2e/browser.mjs's
// arguments), one warm-up round, then `loads` rounds (default 20). `route=1` (or `route`):
// requests go through Playwright's interception, as benches/page.mjs's `route=1` (without it they
// are only watched: a request leaving 127.0.0.1 is counted). All times in ms from navigation start, medians:
// * ready: body[data-ready=true] appears (main.js sets it once the first view is mounted);
// * FCP: the first contentful paint (the page's own header, or the view with it);
// * next frame: the first requestAnimationFrame callback after ready (the frame that lays out
//   and paints the mounted view starts);
// * view painted: the last first-paint time (Element Timing: the frame's presentation) among
//   the elements that make up the first view at ready (an init script marks every element
//   inserted under #app until then with `elementtiming`), within 150 ms of ready;
// * view - ready: the view's paint after ready, load by load (the median of the differences:
//   a load that is slow throughout moves it less than it moves the two).
// Nothing of Playwright's runs in a page while it loads (benches/quiet_open.mjs). A benchmark: it
// reports what it measured and never fails on timing.

import os from "node:os";
import { chromium } from "playwright-core";

import { SIGNAL, openQuietly, postFirstPaint } from "./quiet_open.mjs";
import { CHROMIUM_ARGS, guardRequests, serve } from "../tests/e2e/browser.mjs";

const args = process.argv.slice(2);
const LOADS = Number(args.find((a) => a.startsWith("loads="))?.slice(6) ?? 20);
const ROUTE = args.includes("route") || args.includes("route=1");
const builds = args
  .filter((a) => !a.startsWith("loads=") && !/^route(=[01])?$/.test(a))
  .map((a) => {
    const [dir, label] = a.split("=");
    return { dir, label: label ?? dir };
  });
if (builds.length < 1) {
  console.error("page_ab: name one built page directory or more (DIR[=LABEL])");
  process.exit(1);
}

const servers = await Promise.all(builds.map((b) => serve(b.dir)));
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });
const left = [];

function instrument(signal) {
  window.__ab = { ready: null, frame: null, painted: [] };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__ab.painted.push(e.renderTime || e.loadTime);
  }).observe({ type: "element", buffered: true });
  const mark = (node) => {
    if (node.nodeType !== 1) return;
    node.setAttribute("elementtiming", "first-view");
    for (const e of node.querySelectorAll("*")) e.setAttribute("elementtiming", "first-view");
  };
  const observer = new MutationObserver((records) => {
    for (const r of records) {
      for (const n of r.addedNodes) if (n.parentElement?.closest("#app")) mark(n);
    }
    if (document.body?.dataset.ready === "true" && window.__ab.ready === null) {
      window.__ab.ready = performance.now();
      observer.disconnect();
      requestAnimationFrame(() => {
        window.__ab.frame = performance.now();
        console.debug(`${signal}frame`);
      });
    }
  });
  observer.observe(document, { subtree: true, attributes: true, childList: true, attributeFilter: ["data-ready"] });
}

async function load(url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await guardRequests(context, ROUTE, (href) => left.push(href));
  await context.addInitScript(instrument, SIGNAL);
  await context.addInitScript(postFirstPaint, SIGNAL);
  const page = await context.newPage();
  // Nothing of Playwright's runs in the page until the view has been painted
  // (benches/quiet_open.mjs): the milestones come from the console, then 200 ms for the frame.
  await openQuietly(page, url, ["frame", "fcp"]);
  await new Promise((resolve) => setTimeout(resolve, 200));
  const m = await page.evaluate(() => {
    const ab = window.__ab;
    const view = ab.painted.filter((t) => t > 0 && t < ab.ready + 150);
    return {
      ready: ab.ready,
      fcp: performance.getEntriesByType("paint").find((e) => e.name === "first-contentful-paint").startTime,
      frame: ab.frame,
      view: view.length ? Math.max(...view) : NaN,
    };
  });
  m.after = m.view - m.ready;
  await context.close();
  return m;
}

const median = (xs) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return NaN;
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const loadavg = () => os.loadavg().map((x) => x.toFixed(2)).join(" ");

console.log("luciq-scim page A/B (headless Chromium)");
console.log(`${os.cpus().length} cores, load average at start: ${loadavg()}; ${LOADS} loads of each after one warm-up, in turn; requests ${ROUTE ? "intercepted" : "watched"}`);
const results = builds.map(() => []);
for (let i = 0; i <= LOADS; i++) {
  for (let k = 0; k < builds.length; k++) {
    const m = await load(servers[k].url);
    if (i > 0) results[k].push(m);
  }
}
const width = Math.max(5, ...builds.map((b) => b.label.length));
console.log(`${"build".padEnd(width)} ${"ready".padStart(7)} ${"FCP".padStart(7)} ${"next frame".padStart(11)} ${"view painted".padStart(13)} ${"view - ready".padStart(13)}`);
builds.forEach((b, k) => {
  const col = (key) => median(results[k].map((r) => r[key])).toFixed(1);
  console.log(`${b.label.padEnd(width)} ${col("ready").padStart(7)} ${col("fcp").padStart(7)} ${col("frame").padStart(11)} ${col("view").padStart(13)} ${col("after").padStart(13)}`);
});
console.log(`requests not to 127.0.0.1: ${left.length}; load average at end: ${loadavg()}`);
await browser.close();
for (const s of servers) s.stop();
