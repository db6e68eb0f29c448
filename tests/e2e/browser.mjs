// Shared e2e plumbing: the local server and a headless Debian Chromium that may reach 127.0.0.1 only.
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import puppeteer from 'puppeteer-core';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Starts scripts/serve.mjs on a free port; resolves to {url, stop}. */
export function serve(dir = path.join(root, 'dist/www')) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, 'scripts/serve.mjs'), dir], {
      env: { ...process.env, PORT: '0' }, stdio: ['ignore', 'pipe', 'inherit'],
    });
    child.once('error', reject);
    child.stdout.on('data', (chunk) => {
      const m = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(String(chunk));
      if (m) resolve({ url: m[0], stop: () => child.kill() });
    });
  });
}

/** The console's base URL for the extension tests: CONSOLE_BASE_URL (any console-like pages
 * served on 127.0.0.1, see tests/fixtures/console/README.md), or the console fixtures (Odyssey
 * and Courage), built and served here for the test's duration. */
export async function consoleBase(t) {
  if (process.env.CONSOLE_BASE_URL) return process.env.CONSOLE_BASE_URL;
  execFileSync(process.execPath, [path.join(root, 'tests/fixtures/console/build.mjs')], { stdio: 'ignore' });
  const server = spawn(process.execPath, [path.join(root, 'tests/fixtures/console/serve.mjs')], {
    env: { ...process.env, PORT: '0' }, stdio: ['ignore', 'pipe', 'inherit'] });
  t.after(() => server.kill());
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.stdout.on('data', (c) => { const m = /http:\/\/127\.0\.0\.1:\d+\//.exec(String(c)); if (m) resolve(m[0]); });
  });
}

export const CHROMIUM_ARGS = ['--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];

/** The benches' guard on requests leaving 127.0.0.1 from `context`: each one's URL goes to
 * `onLeft`. `intercept`: through Playwright's interception, which aborts it (and holds every
 * request for a round trip to this process); otherwise watched only (it still fails: nothing
 * answers it here), without that round trip. */
export async function guardRequests(context, intercept, onLeft) {
  if (intercept) {
    await context.route('**/*', (route) => {
      const u = new URL(route.request().url());
      if (u.hostname !== '127.0.0.1') {
        onLeft(u.href);
        return route.abort();
      }
      return route.continue();
    });
  } else {
    context.on('request', (r) => {
      const u = new URL(r.url());
      if (/^https?:$/.test(u.protocol) && u.hostname !== '127.0.0.1') onLeft(u.href);
    });
  }
}

/** A page that fails the test on any dialog, page error, or request leaving 127.0.0.1.
 * `init` is a script run in the page before its own (an instrument for the test). `hold`: a
 * RegExp of paths whose requests wait until the test calls `release()` (the page is then
 * returned once it answers, without waiting for the rest of it). */
export async function openPage(t, url, viewport = { width: 1280, height: 900 }, { init, hold } = {}) {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  t.after(() => browser.close());
  const context = await browser.newContext({ viewport });
  const problems = [];
  let release = () => {};
  const held = new Promise((resolve) => { release = resolve; });
  await context.route('**/*', async (route) => {
    const u = new URL(route.request().url());
    if (u.hostname !== '127.0.0.1') {
      problems.push(`request left 127.0.0.1: ${u.href}`);
      return route.abort();
    }
    if (hold?.test(u.pathname)) await held;
    return route.continue();
  });
  if (init) await context.addInitScript(init);
  const page = await context.newPage();
  page.on('dialog', (d) => { problems.push(`dialog: ${d.message()}`); d.dismiss(); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
  await page.goto(url);
  await page.waitForSelector('body[data-ready=true]', { timeout: 15_000 });
  // The page answers once its first view is mounted; the rest of it (a second module) follows.
  // Tests start from the whole page; page.test.mjs tests the time in between (`hold`).
  if (!hold) await page.waitForSelector('body[data-complete=true]', { timeout: 15_000 });
  return { page, problems, release };
}

/** Debian Chromium with the extension's test build loaded (a persistent context: pages of a
 * plain context run no content scripts). Resolves to {context, id, problems, watch}: `problems`
 * collects requests off 127.0.0.1, page errors and console errors of the pages given to `watch`. */
export async function launchExtension(t) {
  const EXTENSION = path.join(root, 'dist/extension-test/chrome');
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'luciq-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    ignoreDefaultArgs: ['--disable-extensions'],
    args: [`--disable-extensions-except=${EXTENSION}`, `--load-extension=${EXTENSION}`, ...CHROMIUM_ARGS],
  });
  t.after(() => context.close());
  const problems = [];
  context.on('request', (r) => {
    const u = new URL(r.url());
    if (/^https?:$/.test(u.protocol) && u.hostname !== '127.0.0.1') problems.push(`request left 127.0.0.1: ${u.href}`);
  });
  const watch = (page) => {
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console error: ${m.text()} (${m.location().url})`);
    });
    return page;
  };
  let [worker] = context.serviceWorkers();
  worker ??= await context.waitForEvent('serviceworker');
  const id = new URL(worker.url()).host;
  return { context, id, problems, watch };
}

/** Firefox ESR (puppeteer-core over WebDriver BiDi) with the Firefox test build installed as a
 * temporary add-on, and its panel page: the test build opens the panel in a tab once installed
 * (the driver may still report that tab as about:blank, so each page is asked where it is).
 * `before(browser)` runs before the install (to watch the pages it opens). Resolves to
 * {browser, panel} once the panel is ready. */
export async function launchFirefoxExtension(t, { before } = {}) {
  const browser = await puppeteer.launch({
    browser: 'firefox', executablePath: process.env.FIREFOX ?? '/usr/bin/firefox-esr', headless: true });
  t.after(() => browser.close());
  await before?.(browser);
  await browser.installExtension(path.join(root, 'dist/extension-test/firefox'));
  const where = (p) => p.evaluate(() => location.href).catch(() => '');
  let panel;
  for (let i = 0; i < 100 && !panel; i++) {
    for (const p of await browser.pages()) {
      if (/^moz-extension:\/\/[^/]+\/panel\/panel\.html$/.test(await where(p))) panel = p;
    }
    if (!panel) await new Promise((r) => setTimeout(r, 100));
  }
  if (!panel) throw new Error('the panel page did not open');
  await panel.waitForSelector('body[data-ready=true]', { timeout: 15_000 });
  return { browser, panel };
}

/** Chromium with the extension: its panel with `catalog` typed into the catalog section, and a
 * console tab opened at `tabUrl` (both watched for problems). Resolves to launchExtension's
 * result plus {panel, tab}. */
export async function panelBesideTab(t, tabUrl, catalog) {
  const ext = await launchExtension(t);
  const { context, id, watch } = ext;
  const panel = watch(await context.newPage());
  await panel.goto(`chrome-extension://${id}/panel/panel.html`);
  await panel.waitForSelector('body[data-ready=true]', { timeout: 15_000 });
  await panel.fill('#catalog', catalog.join('\n'));
  const tab = watch(await context.newPage());
  await tab.goto(tabUrl);
  await tab.waitForSelector('body[data-ready=true]', { timeout: 15_000 });
  return { ...ext, panel, tab };
}

/** Firefox with the extension: its panel with `catalog` put into the catalog section (as a
 * paste), and a console tab opened at `tabUrl`. Resolves to {browser, panel, tab}. */
export async function firefoxPanelBesideTab(t, tabUrl, catalog) {
  const { browser, panel } = await launchFirefoxExtension(t);
  await panel.$eval('#catalog', (area, text) => {
    area.value = text;
    area.dispatchEvent(new Event('input', { bubbles: true }));
  }, catalog.join('\n'));
  const tab = await browser.newPage();
  await tab.goto(tabUrl);
  await tab.waitForSelector('body[data-ready=true]', { timeout: 15_000 });
  return { browser, panel, tab };
}
