// The console fixtures behave like the console: on both UI stacks a value counts only when it
// arrives through the framework's events, "Add Another" rows are rendered by the framework with
// fresh ids, ids change between loads, only the test presses Save, the strict-CSP variant runs
// without violations, and nothing leaves 127.0.0.1.
// Run: node tests/fixtures/console/build.mjs && node --test tests/e2e/fixtures.test.mjs
// Against other console-like pages on 127.0.0.1: CONSOLE_BASE_URL=http://127.0.0.1:PORT/ (then
// nothing is built or served here; the pages must expose window.__fixture, see the README).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { root, CHROMIUM_ARGS } from './browser.mjs';
import { LABELS, APP, CATALOG } from '../fixtures/console/data.mjs';
import { consolePages } from '../fixtures/console/urls.mjs';

let base = process.env.CONSOLE_BASE_URL;
let server;
let browser;

before(async () => {
  if (!base) {
    execFileSync(process.execPath, [path.join(root, 'tests/fixtures/console/build.mjs')], { stdio: 'inherit' });
    server = spawn(process.execPath, [path.join(root, 'tests/fixtures/console/serve.mjs')], {
      env: { ...process.env, PORT: '0' }, stdio: ['ignore', 'pipe', 'inherit'] });
    base = await new Promise((resolve, reject) => {
      server.once('error', reject);
      server.stdout.on('data', (c) => { const m = /http:\/\/127\.0\.0\.1:\d+\//.exec(String(c)); if (m) resolve(m[0]); });
    });
  }
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
});
after(async () => { await browser?.close(); server?.kill(); });

/** A fresh context that records requests off 127.0.0.1, page errors and CSP violations. */
async function open(t, url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
  t.after(() => context.close());
  const problems = [];
  await context.route('**/*', (route) => {
    const u = new URL(route.request().url());
    if (u.hostname !== '127.0.0.1') { problems.push(`request left 127.0.0.1: ${u.href}`); return route.abort(); }
    return route.continue();
  });
  await context.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
  const response = await page.goto(url);
  await page.waitForSelector('body[data-ready=true]', { timeout: 15_000 });
  t.after(() => assert.deepEqual(problems, []));
  return { page, response, problems };
}

const model = (page) => page.evaluate(() => window.__fixture.model());
const saved = (page) => page.evaluate(() => window.__fixture.saved);
const dialogOf = (page, name) => page.getByRole('dialog', { name: new RegExp(`^${name}`) });

async function openAddAttribute(page) {
  await page.getByRole('button', { name: LABELS.ADD_ATTRIBUTE }).click();
  const dialog = dialogOf(page, LABELS.ADD_ATTRIBUTE);
  await dialog.waitFor();
  return dialog;
}

/** Picks an option the way a person does: open the stack's listbox, click the option. */
async function pick(page, dialog, stack, label, option) {
  if (stack === 'odyssey') {
    await dialog.getByRole('combobox', { name: new RegExp(`^${label}`) }).click();
    await page.getByRole('option', { name: option, exact: true }).click();
  } else {
    // Chosen hides the native select and shows a link that opens its list; Courage then moves the
    // open list to <body> (so a modal's overflow does not cut it off).
    const field = dialog.locator('.o-form-fieldset').filter({ has: page.getByText(label, { exact: true }) });
    await field.locator('.chzn-container').click();
    await page.locator('body > .chzn-container.chzn-with-drop .chzn-results li')
      .filter({ hasText: new RegExp(`^${option}$`) }).click();
  }
}

const idsIn = (locator) => locator.evaluate((el) => [...el.querySelectorAll('input, select, textarea, label[for]')]
  .map((e) => (e.tagName === 'LABEL' ? e.htmlFor : e.id)).filter(Boolean));

for (const stack of ['odyssey', 'courage']) {
  const pages = () => consolePages(base, { stack });

  test(`${stack}: a value set on the DOM without events does not count; typing does`, async (t) => {
    const { page } = await open(t, pages().profileEditor(APP.appId));
    assert.equal(await page.evaluate(() => window.__fixture.stack), stack);
    const dialog = await openAddAttribute(page);
    const variable = dialog.getByRole('textbox', { name: LABELS.VARIABLE_NAME, exact: true });
    await variable.evaluate((el) => { el.value = 'instabugRole'; });
    assert.equal((await model(page)).variableName, '');
    await variable.fill('');
    await variable.pressSequentially('instabugRole');
    assert.equal((await model(page)).variableName, 'instabugRole');
    // The native value setter followed by an `input` event counts on both stacks.
    const display = dialog.getByRole('textbox', { name: LABELS.DISPLAY_NAME, exact: true }).first();
    await display.evaluate((el) => {
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(el, 'Instabug Role');
      el.dispatchEvent(new Event('input', { bubbles: true }));
    });
    assert.equal((await model(page)).displayName, 'Instabug Role');
    // Optional fields: Odyssey adds "Optional" to the accessible name.
    const ns = dialog.getByRole('textbox', { name: new RegExp(`^${LABELS.EXTERNAL_NAMESPACE}`) });
    await ns.fill('urn:ietf:params:scim:schemas:extension:instabug:2.0:User');
    assert.equal((await model(page)).externalNamespace, 'urn:ietf:params:scim:schemas:extension:instabug:2.0:User');
    if (stack === 'odyssey') {
      assert.equal(await dialog.getByRole('textbox', { name: `${LABELS.EXTERNAL_NAMESPACE} Optional`, exact: true }).count(), 1);
    }
  });

  test(`${stack}: Data type is picked from the listbox; arrays show Group Priority; radios`, async (t) => {
    const { page } = await open(t, pages().profileEditor(APP.appId));
    const dialog = await openAddAttribute(page);
    assert.equal(await dialog.getByRole('radio', { name: LABELS.USE_GROUP_PRIORITY }).count(), 0);
    await pick(page, dialog, stack, LABELS.DATA_TYPE, 'string array');
    assert.equal((await model(page)).dataType, 'string array');
    await dialog.getByRole('radio', { name: LABELS.USE_GROUP_PRIORITY }).waitFor();
    await dialog.getByText(LABELS.COMBINE_VALUES_ACROSS_GROUPS, { exact: true }).click();
    await dialog.getByText(LABELS.GROUP, { exact: true }).click();
    const m = await model(page);
    assert.equal(m.union, 'ENABLE');
    assert.equal(m.scope, 'NONE');
  });

  test(`${stack}: "Add Another" renders a new members row with fresh ids`, async (t) => {
    const { page } = await open(t, pages().profileEditor(APP.appId));
    const dialog = await openAddAttribute(page);
    await dialog.getByText(LABELS.ENUM, { exact: true }).click();
    assert.equal((await model(page)).enum, true);
    const members = dialog.getByRole('group', { name: LABELS.ATTRIBUTE_MEMBERS });
    const rows = members.locator('[data-member-row]');
    await rows.first().waitFor();
    assert.equal(await rows.count(), 1);
    const before = await idsIn(members);
    const add = members.getByRole(stack === 'courage' ? 'link' : 'button', { name: LABELS.ADD_ANOTHER });
    await add.click();
    await add.click();
    await rows.nth(2).waitFor();
    const fresh = (await idsIn(rows.nth(2)));
    assert.ok(fresh.length >= 2, 'the new row has ids');
    assert.deepEqual(fresh.filter((id) => before.includes(id)), []);
    for (const [i, [title, value]] of CATALOG.roles.slice(0, 3).entries()) {
      await rows.nth(i).getByRole('textbox', { name: LABELS.DISPLAY_NAME, exact: true }).fill(title);
      await rows.nth(i).getByRole('textbox', { name: LABELS.MEMBER_VALUE, exact: true }).fill(value);
    }
    assert.deepEqual((await model(page)).members,
      CATALOG.roles.slice(0, 3).map(([displayName, value]) => ({ displayName, value })));
  });

  test(`${stack}: ids differ between two loads`, async (t) => {
    const { page } = await open(t, pages().profileEditor(APP.appId));
    const first = await idsIn(await openAddAttribute(page));
    await page.reload();
    await page.waitForSelector('body[data-ready=true]');
    const second = await idsIn(await openAddAttribute(page));
    assert.ok(first.length >= 8 && second.length === first.length, `${first.length} ids, then ${second.length}`);
    assert.deepEqual(second.filter((id) => first.includes(id)), []);
  });

  test(`${stack}: only a click on Save records the model, and the profile lists it`, async (t) => {
    const { page } = await open(t, pages().profileEditor(APP.appId, { profile: 'empty' }));
    const dialog = await openAddAttribute(page);
    await dialog.getByRole('textbox', { name: LABELS.DISPLAY_NAME, exact: true }).fill('Instabug Role');
    await dialog.getByRole('textbox', { name: LABELS.VARIABLE_NAME, exact: true }).fill('instabugRole');
    await dialog.getByText(LABELS.ENUM, { exact: true }).click();
    const row = dialog.locator('[data-member-row]').first();
    await row.getByRole('textbox', { name: LABELS.DISPLAY_NAME, exact: true }).fill('Admin');
    await row.getByRole('textbox', { name: LABELS.MEMBER_VALUE, exact: true }).fill('adminstrator');
    assert.deepEqual(await saved(page), []);
    const expected = await model(page);
    await dialog.getByRole('button', { name: LABELS.SAVE, exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    const s = await saved(page);
    assert.equal(s.length, 1);
    assert.deepEqual(s[0], { ...expected, button: LABELS.SAVE });
    assert.equal(await model(page), null);
    const listed = page.getByRole('list', { name: `instabugRole ${LABELS.ATTRIBUTE_MEMBERS}` });
    assert.equal(await listed.locator('.member-value').textContent(), 'adminstrator');
    assert.equal((await page.evaluate(() => window.__fixture.profile())).at(-1).variableName, 'instabugRole');
  });

  test(`${stack}: Save and Add Another records the model, lists it, and opens an empty form`, async (t) => {
    const { page } = await open(t, pages().profileEditor(APP.appId, { profile: 'empty' }));
    const dialog = await openAddAttribute(page);
    await dialog.getByRole('textbox', { name: LABELS.DISPLAY_NAME, exact: true }).fill('Instabug Role');
    await dialog.getByRole('textbox', { name: LABELS.VARIABLE_NAME, exact: true }).fill('instabugRole');
    const expected = await model(page);
    await page.getByRole('button', { name: LABELS.SAVE_AND_ADD_ANOTHER, exact: true }).click();
    await page.waitForFunction(() => window.__fixture.saved.length === 1);
    assert.deepEqual((await saved(page))[0], { ...expected, button: LABELS.SAVE_AND_ADD_ANOTHER });
    await page.waitForFunction(() => window.__fixture.model()?.variableName === '');
    assert.equal((await model(page)).displayName, '', 'the form is empty again');
    assert.equal((await page.evaluate(() => window.__fixture.profile())).at(-1).variableName, 'instabugRole');
  });

  test(`${stack}: the drift profile shows the enum values as the profile holds them`, async (t) => {
    const { page } = await open(t, pages().profileEditor(APP.appId, { profile: 'drift' }));
    const values = await page.getByRole('list', { name: `instabugApplications ${LABELS.ATTRIBUTE_MEMBERS}` })
      .locator('.member-value').allTextContents();
    assert.deepEqual(values, ['Acme iOS', 'Acme Andr\u043eid', 'Acme Web ', 'Old App']);
  });

  test(`${stack}: Assign to People: role and apps count through the framework; Save and Go Back records them`, async (t) => {
    const { page } = await open(t, pages().assignments(APP.appName, APP.appId));
    await page.getByRole('button', { name: LABELS.ASSIGN, exact: true }).click();
    await page.getByRole('menuitem', { name: LABELS.ASSIGN_TO_PEOPLE }).click();
    const dialog = dialogOf(page, `${LABELS.ASSIGN} ${APP.label} to People`);
    await dialog.getByRole('button', { name: `${LABELS.ASSIGN} Ada Lovelace` }).click();
    await dialog.getByText(LABELS.INSTABUG_ROLE, { exact: true }).waitFor();
    assert.equal(await page.evaluate(() => window.__fixture.screen), 'assign');
    await pick(page, dialog, stack, LABELS.INSTABUG_ROLE, 'Member');
    const apps = dialog.getByRole(stack === 'odyssey' ? 'combobox' : 'textbox', { name: new RegExp(`^${LABELS.INSTABUG_APPLICATIONS}`) }).first();
    await apps.fill('Acme iOS');
    if (stack === 'odyssey') {
      // Autocomplete text counts only once Enter commits it as a chip.
      assert.deepEqual((await model(page)).instabugApplications, []);
      await apps.press('Enter');
      await dialog.getByText('Ada Lovelace (ada@example.com)').click(); // closes the option list
    }
    assert.deepEqual(await model(page), { form: 'assign', userId: '00u1ada', login: 'ada@example.com',
      instabugRole: 'member', instabugApplications: ['Acme iOS'] });
    await dialog.getByRole('button', { name: LABELS.SAVE_AND_GO_BACK }).click();
    await dialog.getByText('Assigned', { exact: true }).waitFor();
    assert.equal((await saved(page))[0].instabugRole, 'member');
    await dialog.getByRole('button', { name: LABELS.DONE }).click();
    await dialog.waitFor({ state: 'detached' });
    assert.match(await page.getByRole('table', { name: 'Assigned people' }).textContent(), /ada@example\.com.*member.*Acme iOS/);
  });

  test(`${stack}: the strict-CSP variant sends script-src 'self' and runs without violations`, async (t) => {
    const { page, response, problems } = await open(t, pages().profileEditor(APP.appId, { csp: 'strict' }));
    assert.equal(response.headers()['content-security-policy'], "script-src 'self'");
    const dialog = await openAddAttribute(page);
    await dialog.getByRole('textbox', { name: LABELS.VARIABLE_NAME, exact: true }).fill('instabugRole');
    assert.equal((await model(page)).variableName, 'instabugRole');
    assert.deepEqual(await page.evaluate(() => window.__violations), []);
    // The policy is in force: an inline script is refused.
    const ran = await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__inline = true';
      document.head.append(s);
      return window.__inline === true;
    });
    assert.equal(ran, false);
    assert.match((await page.evaluate(() => window.__violations)).join(), /script-src/);
    const refused = problems.findIndex((p) => p.includes('Executing inline script violates'));
    assert.ok(refused >= 0);
    problems.splice(refused, 1);
  });
}

test('the fixtures show the core\'s console labels exactly', () => {
  const consts = {};
  for (const file of ['src/labels.rs', 'src/profile.rs']) {
    for (const m of fs.readFileSync(path.join(root, file), 'utf8').matchAll(/pub const ([A-Z_]+): &str = "([^"]*)";/g)) {
      consts[m[1]] = m[2];
    }
  }
  consts.INSTABUG_ROLE = consts.ROLE_DISPLAY_NAME;
  consts.INSTABUG_APPLICATIONS = consts.APPS_DISPLAY_NAME;
  for (const [name, text] of Object.entries(LABELS)) assert.equal(text, consts[name], name);
});
