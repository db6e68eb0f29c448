// The assignment checker and the assignment fill in a real Chromium with the extension loaded,
// against the console fixtures on both UI stacks: on the Assignments tab's "Assign to People"
// form, a wrong role and wrong apps (as the drift profile offers them) are marked in the form with
// the reason and the exact value; one click puts the exact app in (read back from the
// framework's model); Save with a wrong value warns but saves; the panel fills role and apps;
// and when the extension goes away under an open tab, the page says to reload, with no error.
import test from 'node:test';
import assert from 'node:assert/strict';
import { consoleBase, panelBesideTab } from './browser.mjs';
import { APP, CATALOG, PEOPLE } from '../fixtures/console/data.mjs';
import { consolePages } from '../fixtures/console/urls.mjs';

const MARKS = '[data-luciq-scim=mark][role=note]';

/** The marks the checker drew in the console tab: value, code, text, and its button's text. */
const marks = (tab) => tab.$$eval('[data-luciq-scim=mark][role=note]', (els) => els.map((e) => ({
  value: e.dataset.value, code: e.dataset.code, text: e.textContent,
  use: e.querySelector('button')?.textContent ?? null,
})));

/** Opens the panel with the fixtures' catalog and the console tab on the app's Assignments. */
async function open(t, stack, profile = 'drift') {
  const base = await consoleBase(t);
  const ext = await panelBesideTab(t, consolePages(base, { stack, profile }).assignments(APP.appName, APP.appId), CATALOG.apps);
  const { panel, tab } = ext;
  await panel.waitForFunction(() => !document.getElementById('assign').hidden);
  await panel.waitForFunction((n) => document.querySelectorAll('#assign-apps input').length === n, CATALOG.apps.length);
  return { ...ext, panel, tab };
}

async function assignPerson(tab, person) {
  await tab.getByRole('button', { name: 'Assign', exact: true }).click();
  await tab.getByRole('menuitem', { name: 'Assign to People' }).click();
  await tab.getByRole('button', { name: `Assign ${person.name}` }).click();
}

/** Picks a role by its display name, the way a person does on each stack. */
async function pickRole(tab, stack, title) {
  if (stack === 'odyssey') {
    await tab.getByRole('combobox', { name: /Instabug Role/ }).click();
    await tab.getByRole('option', { name: title, exact: true }).click();
  } else {
    // Chosen's link opens the list, which Courage moves to <body> while it is open.
    await tab.locator('.o-form-fieldset .chzn-container').first().click();
    await tab.locator('body > .chzn-container.chzn-with-drop .chzn-results li')
      .filter({ hasText: new RegExp(`^${title}$`) }).click();
  }
}

/** Types app names, the way a person does on each stack (Enter commits an Odyssey chip). */
async function typeApps(tab, stack, apps) {
  if (stack === 'odyssey') {
    const input = tab.getByRole('combobox', { name: /Instabug Applications/ });
    for (const app of apps) {
      await input.fill(app);
      await input.press('Enter');
    }
    await input.press('Escape'); // closes the list of suggestions, as a person moving on does
  } else {
    for (const [i, app] of apps.entries()) {
      if (i > 0) await tab.getByRole('link', { name: 'Add Another' }).click();
      await tab.locator('.c-values input[type=text]').nth(i).fill(app);
    }
  }
}

for (const stack of ['odyssey', 'courage']) {
  test(`${stack}: wrong role and apps are marked in the assignment form, fixed in one click, and Save warns`, async (t) => {
    const { panel, tab, problems } = await open(t, stack);
    await assignPerson(tab, PEOPLE[0]);
    // The drift profile's "Admin" is "administrator"; the Cyrillic "о" and the trailing space
    // are what a copy from elsewhere brings.
    await pickRole(tab, stack, 'Admin');
    await typeApps(tab, stack, ['Acme iOS', 'Acme Andr\u043eid', 'Acme Web ']);
    assert.equal((await tab.evaluate(() => window.__fixture.model())).instabugRole, 'administrator');
    await tab.waitForFunction((sel) => document.querySelectorAll(sel).length === 3, MARKS);
    const found = await marks(tab);
    const of = (value) => found.find((m) => m.value === value);
    assert.equal(of('administrator').code, 'admin-role-value');
    assert.equal(of('administrator').use, 'Use "adminstrator"');
    assert.equal(of('Acme Andr\u043eid').code, 'confusable');
    assert.match(of('Acme Andr\u043eid').text, /U\+043E CYRILLIC SMALL LETTER O at 9/);
    assert.equal(of('Acme Andr\u043eid').use, 'Use "Acme Android"');
    assert.equal(of('Acme Web ').code, 'edge-whitespace');
    assert.ok(!of('Acme iOS'), 'an exact value is not marked');
    await panel.waitForFunction(() => document.querySelector('#assign-check').dataset.errors === '3');

    // One click puts the exact app in, through the framework (its model holds it).
    await tab.locator(MARKS, { hasText: 'Acme Andr\u043eid' }).getByRole('button').click();
    await tab.waitForFunction(() => window.__fixture.model().instabugApplications.includes('Acme Android'));
    await tab.locator(MARKS, { hasText: 'Acme Web ' }).getByRole('button').click();
    await tab.waitForFunction(() => window.__fixture.model().instabugApplications.includes('Acme Web'));
    assert.deepEqual([...(await tab.evaluate(() => window.__fixture.model())).instabugApplications].sort(),
      ['Acme Android', 'Acme Web', 'Acme iOS']);
    await tab.waitForFunction((sel) => document.querySelectorAll(sel).length === 1, MARKS);
    // The role's exact value is not among this form's choices (the enum is wrong): it says so.
    await tab.locator(MARKS, { hasText: 'administrator' }).getByRole('button').click();
    await tab.waitForSelector('[data-luciq-scim=failed]');
    assert.match(await tab.textContent('[data-luciq-scim=failed]'), /not among this form's choices.*Profile Editor/);
    await panel.waitForFunction(() => document.querySelector('#assign-check').dataset.errors === '1');

    // Save with the wrong role: saved all the same, with a warning naming the value.
    await tab.getByRole('button', { name: 'Save and Go Back' }).click();
    const warning = tab.locator('[data-luciq-scim=warning][role=alert]');
    await warning.waitFor();
    assert.match(await warning.textContent(), /"administrator"/);
    const saved = await tab.evaluate(() => window.__fixture.saved);
    assert.equal(saved.length, 1, 'the warning does not block the save');
    assert.equal(saved[0].instabugRole, 'administrator');
    await warning.getByRole('button', { name: 'Dismiss' }).click();
    assert.equal(await tab.locator(MARKS).count(), 0, 'no mark is left once the form is gone');
    assert.deepEqual(problems, []);
  });

  test(`${stack}: the panel fills the assignment form's role and apps`, async (t) => {
    const { panel, tab, problems } = await open(t, stack, 'catalog');
    await assignPerson(tab, PEOPLE[1]);
    await typeApps(tab, stack, ['Old App']);
    await panel.selectOption('#assign-role', 'member');
    for (const app of ['Acme Web', 'Acme iOS']) await panel.check(`#assign-apps input[value="${app}"]`);
    await panel.click('#fill-assign');
    await panel.waitForFunction(() => document.querySelector('#assign-status').dataset.ok !== undefined
      && !document.querySelector('#assign-status').textContent.startsWith('Filling'));
    const status = await panel.textContent('#assign-status');
    const report = await panel.$$eval('#assign-report li', (els) => els.map((e) => e.textContent));
    assert.equal(await panel.$eval('#assign-status', (e) => e.dataset.ok), 'true', `${status}\n${report.join('\n')}`);
    const model = await tab.evaluate(() => window.__fixture.model());
    assert.equal(model.instabugRole, 'member');
    assert.deepEqual([...model.instabugApplications].sort(), ['Acme Web', 'Acme iOS'], 'the value not chosen is gone');
    // Exact values: no mark.
    await tab.waitForFunction(() => window.__fixture.model().instabugApplications.length === 2);
    await panel.waitForFunction(() => document.querySelector('#assign-check').dataset.errors === '0');
    assert.equal(await tab.locator(MARKS).count(), 0);
    assert.deepEqual(await tab.evaluate(() => window.__fixture.saved), [], 'Save is the admin\'s to press');
    assert.deepEqual(problems, []);
  });
}

test('an extension updated under an open console tab: the page says to reload, with no error', async (t) => {
  const { context, panel, tab, problems } = await open(t, 'courage');
  await assignPerson(tab, PEOPLE[0]);
  await typeApps(tab, 'courage', ['Acme Web ']);
  await tab.waitForSelector(MARKS);
  // The extension reloads (as an update does): its pages close, the tab's script is orphaned.
  const [worker] = context.serviceWorkers();
  await worker.evaluate(() => chrome.runtime.reload()).catch(() => {});
  await panel.waitForEvent('close').catch(() => {});
  await tab.locator('.c-values input[type=text]').first().fill('Acme Web');
  await tab.evaluate(() => { location.hash = 'tab-general'; });
  const hint = tab.locator('[data-luciq-scim=reload]');
  await hint.waitFor({ timeout: 10_000 });
  assert.match(await hint.textContent(), /reload this page/);
  assert.equal(await tab.locator(MARKS).count(), 0, 'stale marks are taken away');
  assert.deepEqual(problems.filter((p) => !p.includes('chrome-extension://')), []);
});
