// The Firefox build in real Firefox ESR (puppeteer-core over WebDriver BiDi, the test build as
// a temporary add-on): the sidebar's page mounts the sections and follows the console tab, the
// same core as the Chromium suite.
import test from 'node:test';
import assert from 'node:assert/strict';
import { consoleBase, launchFirefoxExtension } from './browser.mjs';
import { APP } from '../fixtures/console/data.mjs';
import { consolePages } from '../fixtures/console/urls.mjs';


test('Firefox: the sidebar page mounts the sections and follows the console tab', async (t) => {
  const base = await consoleBase(t);
  const pages = consolePages(base);
  const problems = [];
  const { browser, panel } = await launchFirefoxExtension(t, {
    before: (b) => b.on('targetcreated', async (target) => {
      const page = await target.page().catch(() => null);
      page?.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
      page?.on('request', (r) => {
        const u = new URL(r.url());
        if (/^https?:$/.test(u.protocol) && u.hostname !== '127.0.0.1') problems.push(`request left 127.0.0.1: ${u.href}`);
      });
    }),
  });
  const sections = await panel.$$eval('#app [data-section]', (els) => els.map((e) => e.dataset.section));
  assert.deepEqual(sections, ['setup', 'checklist', 'names', 'roles', 'catalog', 'users', 'payloads', 'config']);
  await panel.waitForFunction(() => document.querySelector('#summary')?.textContent.startsWith('8 names'));

  const consoleTab = await browser.newPage();
  await consoleTab.goto(pages.assignments(APP.appName, APP.appId));
  await panel.waitForFunction((id) => document.querySelector('#tab-status').textContent.includes(`Assignments of app ${id}`),
    { timeout: 15_000 }, APP.appId);
  assert.equal(await panel.$eval('#app-id', (e) => e.value), APP.appId);
  // Typing in the panel is checked by the wasm in the extension page and kept in storage.local.
  await panel.$eval('#names', (e) => { e.value = 'Acme iOS \nZeta Pay'; e.dispatchEvent(new Event('input', { bubbles: true })); });
  await panel.waitForFunction(() => document.querySelector('#summary').textContent.startsWith('2 names: 1 error'));
  await panel.waitForFunction(async () => {
    const got = await browser.storage.local.get('luciq-scim:config');
    return JSON.parse(got['luciq-scim:config'] ?? '{}').names?.join('|') === 'Acme iOS |Zeta Pay';
  });
  assert.deepEqual(problems, []);
});
