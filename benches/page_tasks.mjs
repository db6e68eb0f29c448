// Page loads side by side: built pages (directories) loaded in turn, one fresh context each, in
// headless Chromium as benches/page.mjs loads them; per page the medians of the HTML's arrival,
// the first contentful paint, DOMContentLoaded's end, `ready` (body[data-ready]: the first view
// answers) and the longest main-thread task (PerformanceObserver 'longtask', 50 ms or more; 0
// if none) before `ready` and after it up to body[data-complete] (the rest of the page). Used to
// compare two builds of the page under the same load (the machine's speed moves: only pages
// loaded in turn compare). A benchmark: it never fails on timing.
//
//   node benches/page_tasks.mjs DIR [DIR...] [n=8]      (ALL=1 prints every load's long tasks)
import { chromium } from 'playwright-core';
import { SIGNAL, openQuietly } from './quiet_open.mjs';
import { serve, CHROMIUM_ARGS } from '../tests/e2e/browser.mjs';
const dirs = process.argv.slice(2).filter((a) => !a.includes('='));
const N = Number(process.argv.find((a) => a.startsWith('n='))?.slice(2) ?? 8);
const servers = await Promise.all(dirs.map((d) => serve(d)));
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
const res = dirs.map(() => []);
for (let i = 0; i <= N; i++) for (let k = 0; k < dirs.length; k++) {
  const ctx = await b.newContext({ viewport: { width: 1280, height: 900 } });
  await ctx.addInitScript((signal) => {
    window.__lt = [];
    new PerformanceObserver((l) => window.__lt.push(...l.getEntries().map((e) => [e.startTime, e.duration]))).observe({ type: 'longtask', buffered: true });
    new MutationObserver((_, o) => { if (document.body?.dataset.ready === 'true') { window.__ready = performance.now(); o.disconnect(); } })
      .observe(document, { subtree: true, attributes: true, attributeFilter: ['data-ready'] });
    new MutationObserver((_, o) => { if (document.body?.dataset.complete === 'true') { o.disconnect(); console.debug(`${signal}complete`); } })
      .observe(document, { subtree: true, attributes: true, attributeFilter: ['data-complete'] });
  }, SIGNAL);
  const page = await ctx.newPage();
  // Nothing of Playwright's runs in the page until it is complete (benches/quiet_open.mjs).
  await openQuietly(page, servers[k].url, ['complete']);
  await new Promise((resolve) => setTimeout(resolve, 100));
  const m = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const fcp = performance.getEntriesByType('paint').find((e) => e.name === 'first-contentful-paint')?.startTime;
    const before = window.__lt.filter(([s]) => s < window.__ready + 20);
    const after = window.__lt.filter(([s]) => s >= window.__ready + 20);
    return { fcp, dcl: nav.domContentLoadedEventEnd, resp: nav.responseEnd, ready: window.__ready, maxBefore: Math.max(0, ...before.map(([, d]) => d)), maxAfter: Math.max(0, ...after.map(([, d]) => d)), all: window.__lt.map(([s, d]) => `${s.toFixed(0)}+${d.toFixed(0)}`).join(' ') };
  });
  await ctx.close();
  if (i > 0) res[k].push(m);
}
for (let k = 0; k < dirs.length; k++) {
  const med = (f) => res[k].map(f).sort((a, b) => a - b)[Math.floor(res[k].length / 2)].toFixed(1);
  const max = (f) => Math.max(...res[k].map(f)).toFixed(0);
  console.log(`${dirs[k]}: html ${med((m) => m.resp)}, FCP ${med((m) => m.fcp)}, DOMContentLoaded ${med((m) => m.dcl)}, ` +
    `ready ${med((m) => m.ready)} ms (medians); longest task before ready: median ${med((m) => m.maxBefore)}, max ${max((m) => m.maxBefore)}; ` +
    `after ready, to complete: median ${med((m) => m.maxAfter)}, max ${max((m) => m.maxAfter)} ms`);
  if (process.env.ALL) for (const m of res[k]) console.log("   ", m.ready.toFixed(0), m.all);
}
await b.close(); servers.forEach((s) => s.stop());
