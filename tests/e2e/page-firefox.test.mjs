// The validation page in real Firefox ESR (puppeteer-core over WebDriver BiDi): the page as built
// (its stylesheet and bootstrap inline, allowed by their hashes in the CSP) answers and checks
// in the other engine too, with no CSP violation and nothing sent off 127.0.0.1.
import test from 'node:test';
import assert from 'node:assert/strict';
import puppeteer from 'puppeteer-core';
import { serve } from './browser.mjs';

const server = await serve();
test.after(() => server.stop());

test('Firefox: the page answers with its inline stylesheet and bootstrap, and checks names', async (t) => {
  const browser = await puppeteer.launch({
    browser: 'firefox', executablePath: process.env.FIREFOX ?? '/usr/bin/firefox-esr', headless: true });
  t.after(() => browser.close());
  const page = await browser.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (/^https?:$/.test(u.protocol) && u.hostname !== '127.0.0.1') problems.push(`request left 127.0.0.1: ${u.href}`);
  });
  await page.evaluateOnNewDocument(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(server.url);
  await page.waitForSelector('body[data-complete=true]', { timeout: 30_000 });
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  assert.equal(await page.evaluate(() => getComputedStyle(document.body).maxWidth), '1216px', 'the inline stylesheet applies');
  await page.waitForFunction(() => document.querySelector('#summary')?.textContent.startsWith('8 names'));
  await page.$eval('#names', (e) => { e.value = 'Acme iOS \nZeta\u00A0Pay'; e.dispatchEvent(new Event('input', { bubbles: true })); });
  await page.waitForFunction(() => document.querySelector('#summary').textContent.startsWith('2 names: 2 errors'));
  assert.match(await page.$eval('#results', (e) => e.textContent), /U\+00A0/);
  assert.deepEqual(problems, []);
});
