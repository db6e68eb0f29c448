// Writes the page's first view into the built index.html, so that the page shows its form and
// takes input before its wasm is fetched, compiled and mounted (about 100 ms of a 160 ms load on
// this machine were the wasm's: benches/RESULTS.md). The markup is what the first view's own mount
// builds in headless Chromium for a first visit (the example workspace, checked), so the views
// stay the one source of it; main.js mounts over it and carries over what the admin typed, chose
// or focused in the meantime.
//
//   node scripts/prerender.mjs [DIR]        (default dist/www; rewrites DIR/index.html)
//
// The state a control holds as a property (a textarea's text, a box's check, an option chosen)
// is written into the markup as its default, so the page reads as the mount left it.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

import { CHROMIUM_ARGS, root, serve } from '../tests/e2e/browser.mjs';

if (import.meta.url === pathToFileURL(path.resolve(process.argv[1] ?? '')).href) await prerender(process.argv[2]);

/** Fills the empty `#app` of DIR/index.html with the first view's markup. */
async function prerender(dirArg) {
  const dir = path.resolve(dirArg ?? path.join(root, 'dist/www'));
  const indexPath = path.join(dir, 'index.html');
  const index = fs.readFileSync(indexPath, 'utf8');
  const EMPTY = /<main id="app">\s*(<noscript>[^<]*<\/noscript>)\s*<\/main>/;
  const slot = EMPTY.exec(index);
  if (!slot) {
    console.error(`[prerender] ${indexPath}: no empty <main id="app"> with its <noscript> to fill (already prerendered?)`);
    process.exit(1);
  }

  const server = await serve(dir);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  let markup;
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const problems = [];
    await context.route('**/*', (route) => {
      const u = new URL(route.request().url());
      if (u.hostname !== '127.0.0.1') return route.abort();
      // The rest of the page stays away: the first view is what the page shows before it.
      if (/luciq_scim_page/.test(u.pathname)) return new Promise(() => {});
      return route.continue();
    });
    const page = await context.newPage();
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
    await page.goto(server.url);
    await page.waitForSelector('body[data-ready=true]', { timeout: 60_000 });
    // The example's names are checked in slices after the mount: wait for their summary.
    await page.waitForFunction(() => /^\d+ names?:/.test(document.getElementById('summary')?.textContent ?? ''), null, { timeout: 60_000 });
    markup = await page.evaluate(firstViewMarkup);
    if (problems.length) throw new Error(problems.join('\n'));
  } finally {
    await browser.close();
    server.stop();
  }

  // What the first view must hold, and must not: its names field and results; no script.
  for (const must of ['id="names"', 'id="summary"', 'id="catalog"']) {
    if (!markup.includes(must)) throw new Error(`[prerender] the first view's markup has no ${must}`);
  }
  if (/<script|\son[a-z]+=/i.test(markup)) throw new Error('[prerender] the first view\'s markup has a script or an event attribute');

  fs.writeFileSync(indexPath, index.replace(EMPTY, () => `<main id="app" data-prerendered>\n  ${slot[1]}\n${markup}\n</main>`));
  console.log(`[prerender] ${path.relative(root, indexPath)}: the first view, ${Buffer.byteLength(markup)} bytes of markup`);
}

/** The markup of the mounted view in `#app`, each control's state written as its default (run in
 * the page; tests/e2e/page.test.mjs compares a live mount with the built index.html by it). */
export function firstViewMarkup() {
  const app = document.getElementById('app');
  const copy = app.cloneNode(true);
  const live = app.querySelectorAll('input, textarea, select');
  const copies = copy.querySelectorAll('input, textarea, select');
  live.forEach((el, i) => {
    const c = copies[i];
    if (el instanceof HTMLTextAreaElement) c.textContent = el.value;
    else if (el instanceof HTMLSelectElement) {
      [...el.options].forEach((o, j) => c.options[j].toggleAttribute('selected', o.selected));
    } else if (el.type === 'checkbox' || el.type === 'radio') c.toggleAttribute('checked', el.checked);
    else if (el.type !== 'file') c.setAttribute('value', el.value);
  });
  return copy.innerHTML;
}
