// A small re-check on a big catalog, in headless Chromium: with 10,000 app names in #catalog,
// paste 3 names into #names and time (in the page) from the paste to the summary.
// This is what an admin feels on every edit of a short list against a large catalog.
//   node benches/page_recheck.mjs [dir=dist/www] [runs=7]
import os from 'node:os';
import path from 'node:path';
import { serve, openPage, root } from '../tests/e2e/browser.mjs';

const dir = path.resolve(process.argv[2] ?? path.join(root, 'dist/www'));
const runs = Number(process.argv[3] ?? 7);
console.log(`page re-check bench: ${os.cpus().length} cores, load average at start ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
const server = await serve(dir);
try {
  const { page } = await openPage({ after() {} }, server.url);
  const catalog = Array.from({ length: 10_000 }, (_, i) => `Application number ${i}`);
  await page.evaluate((t) => {
    const c = document.querySelector('#catalog');
    c.value = t;
    c.dispatchEvent(new Event('input'));
  }, catalog.join('\n'));
  await page.waitForFunction(() => document.querySelector('#catalog-summary')?.textContent.startsWith('10000'), null, { timeout: 120_000 });
  await page.waitForTimeout(500);
  const times = [];
  for (let i = 0; i < runs; i++) {
    await page.evaluate(() => { document.querySelector('#summary').textContent = ''; });
    times.push(await page.evaluate(async (i) => {
      const names = document.querySelector('#names');
      const summary = document.querySelector('#summary');
      const t0 = performance.now();
      names.dispatchEvent(new Event('paste'));
      names.value = `Application number ${i}\nApplication numbr 5\nFoo ${i}`;
      names.dispatchEvent(new Event('input'));
      await new Promise((resolve) => {
        const o = new MutationObserver(() => {
          if (summary.textContent.startsWith('3 names')) { o.disconnect(); resolve(); }
        });
        o.observe(summary, { childList: true, characterData: true, subtree: true });
      });
      return performance.now() - t0;
    }, i));
  }
  const sorted = [...times].sort((a, b) => a - b);
  console.log(`3 names against a 10,000-name catalog, paste to summary, ${runs} runs (ms): ${times.map((t) => t.toFixed(1)).join(' ')}`);
  console.log(`min ${sorted[0].toFixed(1)}  median ${sorted[Math.floor(runs / 2)].toFixed(1)}  max ${sorted[runs - 1].toFixed(1)}`);
} finally {
  server.stop();
  console.log(`load average at end ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
}
process.exit(0);
