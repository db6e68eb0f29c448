// The extension in a real Chromium (the test build from dist/extension-test/chrome, which also
// runs on pages served on 127.0.0.1): the side panel mounts the page's sections with the admin's
// setup in chrome.storage.local, and follows the console tab beside it (org and app id taken
// from the tab). The console's base URL is a parameter: CONSOLE_BASE_URL (pages served on
// 127.0.0.1 under console-like paths); by default the test serves a minimal one itself.
import test from 'node:test';
import assert from 'node:assert/strict';
import { consoleBase, launchExtension } from './browser.mjs';
import { APP } from '../fixtures/console/data.mjs';
import { consolePages } from '../fixtures/console/urls.mjs';

const SECTIONS = ['setup', 'checklist', 'names', 'roles', 'catalog', 'users', 'payloads', 'config'];

test('the side panel mounts the sections, keeps the setup, and follows the console tab', async (t) => {
  const base = await consoleBase(t);
  const pages = consolePages(base);
  const { context, id, problems, watch } = await launchExtension(t);
  const panel = watch(await context.newPage());
  await panel.goto(`chrome-extension://${id}/panel/panel.html`);
  await panel.waitForSelector('body[data-ready=true]', { timeout: 15_000 });
  assert.deepEqual(await panel.$$eval('#app [data-section]', (els) => els.map((e) => e.dataset.section)), SECTIONS);
  assert.match(await panel.textContent('#tab-status'), /Open the Okta admin console/);
  await panel.waitForFunction(() => document.querySelector('#summary')?.textContent.startsWith('8 names'));

  // A console tab opens: its content script says where it is, and the panel follows.
  const consoleTab = watch(await context.newPage());
  await consoleTab.goto(pages.assignments(APP.appName, APP.appId));
  await panel.waitForFunction((id) => document.querySelector('#tab-status').textContent.includes(`Assignments of app ${id}`),
    APP.appId);
  assert.equal(await panel.inputValue('#app-id'), APP.appId, 'the app id comes from the tab');
  // The console is a single-page app: a navigation inside it is followed too.
  await consoleTab.evaluate(() => { location.hash = '#tab-general'; });
  await panel.waitForFunction(() => /\(general\)/.test(document.querySelector('#tab-status').textContent));
  await consoleTab.goto(pages.profileEditor('0oa2EFGH'));
  await panel.waitForFunction(() => /Profile Editor of app 0oa2EFGH/.test(document.querySelector('#tab-status').textContent));
  assert.equal(await panel.inputValue('#app-id'), '0oa2EFGH');

  // What the admin types is kept in chrome.storage.local, and comes back with the panel.
  await panel.fill('#names', 'Acme iOS \nZeta Pay');
  await panel.waitForFunction(() => document.querySelector('#summary').textContent.startsWith('2 names: 1 error'));
  await panel.waitForFunction(async () => {
    const got = await chrome.storage.local.get('luciq-scim:config');
    return JSON.parse(got['luciq-scim:config'] ?? '{}').names?.join('|') === 'Acme iOS |Zeta Pay';
  });
  await panel.reload();
  await panel.waitForSelector('body[data-ready=true]');
  assert.equal(await panel.inputValue('#names'), 'Acme iOS \nZeta Pay');
  // The tab in front is the panel itself: it goes by the console tab the worker saw last.
  await panel.waitForFunction(() => /Profile Editor of app 0oa2EFGH/.test(document.querySelector('#tab-status').textContent));
  // Nothing of the page's storage: the panel keeps its own.
  assert.equal(await panel.evaluate(() => localStorage.length), 0);
  assert.deepEqual(problems, []);
});
