// Shared e2e plumbing: the local server and a headless Debian Chromium that may reach 127.0.0.1 only.
import { spawn } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

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

/** A console-like page at every path (its content does not matter), on 127.0.0.1: for the
 * extension tests when no LUCIQ_CONSOLE_URL is given. Resolves to {url, stop}. */
export function minimalConsole() {
  return new Promise((resolve) => {
    const server = http.createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<!doctype html><title>Okta console (test page)</title><link rel="icon" href="data:,"><h1>Okta</h1>');
    });
    server.listen(0, '127.0.0.1', () => resolve({
      url: `http://127.0.0.1:${server.address().port}/`, stop: () => server.close(),
    }));
  });
}

/** The console's base URL: LUCIQ_CONSOLE_URL (console-like pages served on 127.0.0.1), or a
 * minimal page this test serves itself. */
export async function consoleBase(t) {
  if (process.env.LUCIQ_CONSOLE_URL) return process.env.LUCIQ_CONSOLE_URL;
  const server = await minimalConsole();
  t.after(() => server.stop());
  return server.url;
}

export const CHROMIUM_ARGS = ['--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];

/** A page that fails the test on any dialog, page error, or request leaving 127.0.0.1.
 * `init` is a script run in the page before its own (an instrument for the test). */
export async function openPage(t, url, viewport = { width: 1280, height: 900 }, { init } = {}) {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  t.after(() => browser.close());
  const context = await browser.newContext({ viewport });
  const problems = [];
  await context.route('**/*', (route) => {
    const u = new URL(route.request().url());
    if (u.hostname !== '127.0.0.1') {
      problems.push(`request left 127.0.0.1: ${u.href}`);
      return route.abort();
    }
    return route.continue();
  });
  if (init) await context.addInitScript(init);
  const page = await context.newPage();
  page.on('dialog', (d) => { problems.push(`dialog: ${d.message()}`); d.dismiss(); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
  await page.goto(url);
  await page.waitForSelector('body[data-ready=true]', { timeout: 15_000 });
  return { page, problems };
}
