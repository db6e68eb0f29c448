// The floor under the page's load figures on this machine: what headless Chromium takes to paint
// and run a script on pages with none of our wasm, served and opened exactly as
// benches/page.mjs serves and opens the page (scripts/serve.mjs on 127.0.0.1, Debian Chromium
// with tests/e2e/browser.mjs's arguments, a fresh context per load).
//
//   node benches/page_floor.mjs [DIR] [loads=10] [route=1]
//
// Requests leaving 127.0.0.1 are watched and counted, as page.mjs and page_ab.mjs watch theirs
// (tests/e2e/browser.mjs's guardRequests); route=1 blocks them too, through Playwright's
// interception, which holds each request for a round trip to this process (a cost a person's
// browser does not pay).
//
// DIR is the built page (default dist/www). Three pages are written into a temporary copy of it:
// * blank:  one line of text and an inline script that sets body[data-ready];
// * shell:  the page's own index.html (its stylesheet inline), without its preload of the first
//           view's wasm, and its inline bootstrap replaced by a script that sets body[data-ready]
//           at once (no wasm fetched or run);
// * page:   the page as built, for comparison (ready: body[data-ready], set by main.js once the
//           first view's wasm is mounted).
// For each: FCP and ready (ms from navigation start), medians of the loads after one warm-up,
// all three interleaved load by load so that the machine's load hits them alike.

import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

import { SIGNAL, openQuietly, postFirstPaint } from "./quiet_open.mjs";
import { CHROMIUM_ARGS, guardRequests, serve } from "../tests/e2e/browser.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const ROUTE = args.includes("route=1");
const LOADS = Number(args.find((a) => a.startsWith("loads="))?.slice(6) ?? 10);
const src = path.resolve(args.find((a) => !a.includes("=")) ?? path.join(root, "dist/www"));
if (!fs.existsSync(path.join(src, "index.html"))) {
  console.error(`page floor: ${src}/index.html is missing (build the page, or pass its directory)`);
  process.exit(1);
}
const loadavg = () => os.loadavg().map((x) => x.toFixed(2)).join(" ");

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "page-floor-"));
fs.cpSync(src, dir, { recursive: true });
fs.mkdirSync(path.join(dir, "floor"));
fs.writeFileSync(
  path.join(dir, "floor/blank.html"),
  '<!doctype html><html lang="en"><meta charset="utf-8"><title>blank</title>' +
    "<body><p>Luciq SCIM</p><script>document.body.dataset.ready = 'true';</script></body></html>\n",
);
// The shell: the page's own markup and stylesheet (inline, as scripts/inline-page.mjs builds it),
// from the same directory, with an inline module script that only says it is ready in place of
// the page's (the bootstrap and the first view's glue), its hash in the CSP in place of theirs.
const index = fs.readFileSync(path.join(src, "index.html"), "utf8");
const inline = /<script type="module">[^]*?<\/script>/.exec(index);
const policy = /script-src 'self' ('sha256-[^']+')/.exec(index);
if (!inline || !policy) {
  console.error("page floor: index.html has no inline module script allowed by its hash: the shell cannot be made from it");
  process.exit(1);
}
const ready = "document.body.dataset.ready = 'true';";
const readyHash = `'sha256-${crypto.createHash("sha256").update(ready).digest("base64")}'`;
const shell = index
  .replace(inline[0], () => `<script type="module">${ready}</script>`)
  .replace(policy[1], readyHash)
  .split("\n")
  .filter((line) => !/rel="(module)?preload"/.test(line))
  .join("\n");
fs.writeFileSync(path.join(dir, "shell.html"), shell);

const server = await serve(dir);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });
const pages = { blank: "floor/blank.html", shell: "shell.html", page: "" };
const left = [];

async function load(url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await guardRequests(context, ROUTE, (href) => left.push(href));
  await context.addInitScript((signal) => {
    window.__ready = null;
    new MutationObserver((_, obs) => {
      if (document.body?.dataset.ready === "true") {
        window.__ready = performance.now();
        obs.disconnect();
        console.debug(`${signal}ready`);
      }
    }).observe(document, { subtree: true, attributes: true, childList: true, attributeFilter: ["data-ready"] });
  }, SIGNAL);
  await context.addInitScript(postFirstPaint, SIGNAL);
  const page = await context.newPage();
  // Nothing of Playwright's runs in the page until it is ready and painted (benches/quiet_open.mjs).
  await openQuietly(page, url, ["ready", "fcp"]);
  const m = await page.evaluate(() => ({
    fcp: performance.getEntriesByType("paint").find((e) => e.name === "first-contentful-paint").startTime,
    // Set before the observer could see it (an inline script runs as the body is parsed).
    ready: window.__ready ?? performance.getEntriesByType("navigation")[0].domInteractive,
  }));
  await context.close();
  return m;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
console.log("luciq-scim page floor (headless Chromium, no wasm but the page's own)");
console.log(`${os.cpus().length} cores, load average at start: ${loadavg()}; ${LOADS} loads of each after one warm-up, interleaved`);
const results = Object.fromEntries(Object.keys(pages).map((k) => [k, []]));
for (let i = 0; i <= LOADS; i++) {
  for (const [name, rel] of Object.entries(pages)) {
    const m = await load(server.url + rel);
    if (i > 0) results[name].push(m);
  }
}
console.log(`${"page".padEnd(6)} ${"FCP min".padStart(8)} ${"median".padStart(7)} ${"max".padStart(6)} ${"ready min".padStart(10)} ${"median".padStart(7)} ${"max".padStart(6)}`);
for (const [name, ms] of Object.entries(results)) {
  const f = (xs) => [Math.min(...xs), median(xs), Math.max(...xs)].map((x) => x.toFixed(0));
  const [fa, fb, fc] = f(ms.map((m) => m.fcp));
  const [ra, rb, rc] = f(ms.map((m) => m.ready));
  console.log(`${name.padEnd(6)} ${fa.padStart(8)} ${fb.padStart(7)} ${fc.padStart(6)} ${ra.padStart(10)} ${rb.padStart(7)} ${rc.padStart(6)}`);
}
console.log(`requests not to 127.0.0.1: ${left.length}; load average at end: ${loadavg()}`);
await browser.close();
server.stop();
fs.rmSync(dir, { recursive: true, force: true });
