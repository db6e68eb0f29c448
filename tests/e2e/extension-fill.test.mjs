// The Add Attribute filler and the drift check in a real Chromium with the extension loaded, against the console
// fixtures on both UI stacks (Odyssey: React + MUI; Courage: Backbone + jQuery): for both setups
// and both attribute types, every field of the role and apps attributes is filled from the
// core's plan and confirmed in the framework's own model, a second fill finds everything already
// right, Save is never pressed, and a field the dialog lacks is reported by its label.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { consoleBase, launchExtension, root } from './browser.mjs';
import { APP } from '../fixtures/console/data.mjs';
import { consolePages } from '../fixtures/console/urls.mjs';
import { api } from '../js/load.mjs';

// The panel opens on the page's example: its catalog, the built-in roles.
const CATALOG = fs.readFileSync(path.join(root, 'www/example-catalog.txt'), 'utf8').split('\n').filter((l) => l !== '');

/** What the fixture's model must hold after a fill: the checklist step's values. */
function expected(setup, scope, attribute) {
  const list = api.consoleChecklist({ setup, scope, catalog: CATALOG });
  const step = list.steps.find((s) => s.id === `${attribute}-attribute`);
  const top = (label) => step.fields.find((f) => f.label === label && f.memberRow === null)?.value;
  const rows = [];
  for (const f of step.fields.filter((f) => f.memberRow !== null)) {
    rows[f.memberRow] ??= {};
    rows[f.memberRow][f.label === 'Value' ? 'value' : 'displayName'] = f.value;
  }
  const want = {
    dataType: top('Data type'), displayName: top('Display name'), variableName: top('Variable name'),
    externalName: top('External name'), externalNamespace: top('External namespace'), description: top('Description'),
    enum: top('Define enumerated list of values') === 'checked', required: top('Attribute required') === 'checked',
    scope: top('Attribute type') === 'Group' ? 'NONE' : 'SELF', members: rows,
  };
  const priority = top('Group Priority');
  if (priority) want.union = priority === 'Use Group Priority' ? 'DISABLE' : 'ENABLE';
  return want;
}

const finished = (panel) => panel.waitForFunction(() => {
  const s = document.querySelector('#fill-status');
  return s.dataset.ok !== undefined && !s.textContent.startsWith('Filling');
});

async function fillAndRead(panel, attribute) {
  await panel.evaluate(() => { delete document.querySelector('#fill-status').dataset.ok; });
  await panel.click(`#fill-${attribute}`);
  await finished(panel);
  return {
    ok: await panel.$eval('#fill-status', (e) => e.dataset.ok === 'true'),
    text: await panel.textContent('#fill-status'),
    report: await panel.$$eval('#fill-report li', (els) => els.map((e) => [e.dataset.status, e.textContent])),
  };
}

for (const stack of ['odyssey', 'courage']) {
  test(`${stack}: the filler fills and confirms every field for both setups and both attribute types`, async (t) => {
    const base = await consoleBase(t);
    const pages = consolePages(base, { stack, profile: 'empty' });
    const { context, id, problems, watch } = await launchExtension(t);
    const panel = watch(await context.newPage());
    await panel.goto(`chrome-extension://${id}/panel/panel.html`);
    await panel.waitForSelector('body[data-ready=true]', { timeout: 15_000 });
    const tab = watch(await context.newPage());
    await tab.goto(pages.profileEditor(APP.appId));
    await tab.waitForSelector('body[data-ready=true]', { timeout: 15_000 });
    await panel.waitForFunction(() => !document.getElementById('fill').hidden);

    for (const [setup, scope] of [['current', 'SELF'], ['legacy', 'NONE'], ['current', 'NONE'], ['legacy', 'SELF']]) {
      await panel.selectOption('#setup', setup);
      await panel.selectOption('#scope', scope);
      for (const attribute of ['role', 'apps']) {
        const what = `${stack} ${setup} ${scope} ${attribute}`;
        await tab.getByRole('button', { name: 'Add Attribute' }).click();
        const first = await fillAndRead(panel, attribute);
        assert.ok(first.ok, `${what}: ${first.text}\n${first.report.map((r) => r.join(' ')).join('\n')}`);
        assert.ok(first.report.some(([s]) => s === 'filled'), what);
        const model = await tab.evaluate(() => window.__fixture.model());
        const want = expected(setup, scope, attribute);
        for (const [key, value] of Object.entries(want)) assert.deepEqual(model[key], value, `${what}: ${key}`);
        // Filled again: everything is already right, nothing typed twice.
        const again = await fillAndRead(panel, attribute);
        assert.ok(again.ok, what);
        assert.deepEqual([...new Set(again.report.map(([s]) => s))], ['already'], `${what}: ${again.report.join(' | ')}`);
        await tab.getByRole('button', { name: 'Cancel' }).click();
        assert.deepEqual(await tab.evaluate(() => window.__fixture.saved), [], `${what}: Save is the admin's to press`);
      }
    }

    // A dialog without a field: the filler says which, by its label, and fills the rest.
    await tab.getByRole('button', { name: 'Add Attribute' }).click();
    await tab.evaluate(() => {
      const label = [...document.querySelectorAll('label, legend')].find((l) => /^External namespace/.test(l.textContent.trim()));
      const field = label.closest('.o-form-fieldset, .MuiFormControl-root, .MuiTextField-root, div');
      field.remove();
    });
    const partial = await fillAndRead(panel, 'role');
    assert.equal(partial.ok, false);
    assert.ok(partial.report.some(([s, text]) => s === 'not-found' && /^External namespace: not found/.test(text)), partial.report.join(' | '));
    assert.match(partial.text, /not filled/);
    // Not the expected form at all: it stops before typing anything.
    await tab.getByRole('button', { name: 'Cancel' }).click();
    const none = await fillAndRead(panel, 'role');
    assert.match(none.text, /dialog is not open/);
    assert.deepEqual(problems, []);
  });
}

for (const stack of ['odyssey', 'courage']) {
  test(`${stack}: the drift check names what the Profile Editor shows that the setup does not`, async (t) => {
    const base = await consoleBase(t);
    const { context, id, problems, watch } = await launchExtension(t);
    const panel = watch(await context.newPage());
    await panel.goto(`chrome-extension://${id}/panel/panel.html`);
    await panel.waitForSelector('body[data-ready=true]', { timeout: 15_000 });
    const tab = watch(await context.newPage());
    await tab.goto(consolePages(base, { stack, profile: 'drift' }).profileEditor(APP.appId));
    await tab.waitForSelector('body[data-ready=true]', { timeout: 15_000 });
    await panel.waitForFunction(() => !document.getElementById('fill').hidden);
    await panel.click('#drift');
    await panel.waitForFunction(() => document.querySelector('#drift-status').dataset.done === 'true');
    const items = await panel.$$eval('#drift-report li', (els) => els.map((e) => ({ kind: e.dataset.kind, code: e.dataset.code, text: e.textContent })));
    const missing = items.filter((i) => i.kind === 'missing').map((i) => i.text);
    assert.ok(missing.includes('instabugRole: missing "adminstrator"'), missing.join(' | '));
    assert.ok(missing.includes('instabugRole: missing "observer"'), missing.join(' | '));
    const extra = (value) => items.find((i) => i.kind === 'extra' && i.text.includes(`"${value}" is not a value`));
    assert.equal(extra('administrator').code, 'admin-role-value');
    assert.equal(extra('Acme Andr\u043eid').code, 'confusable');
    assert.match(extra('Acme Andr\u043eid').text, /U\+043E CYRILLIC SMALL LETTER O/);
    assert.equal(extra('Acme Web ').code, 'edge-whitespace');
    assert.equal(extra('Old App').code, 'not-in-catalog');
    assert.ok(!items.some((i) => i.text.includes('"Acme iOS" is not')), 'an exact value is no drift');
    assert.deepEqual(problems, []);
  });
}

test('the filler works on a console page whose CSP allows only its own scripts', async (t) => {
  const base = await consoleBase(t);
  const { context, id, problems, watch } = await launchExtension(t);
  const panel = watch(await context.newPage());
  await panel.goto(`chrome-extension://${id}/panel/panel.html`);
  await panel.waitForSelector('body[data-ready=true]', { timeout: 15_000 });
  const tab = watch(await context.newPage());
  const response = await tab.goto(consolePages(base, { stack: 'odyssey', profile: 'empty', csp: 'strict' }).profileEditor(APP.appId));
  assert.equal(response.headers()['content-security-policy'], "script-src 'self'");
  await tab.waitForSelector('body[data-ready=true]', { timeout: 15_000 });
  await panel.waitForFunction(() => !document.getElementById('fill').hidden);
  await tab.getByRole('button', { name: 'Add Attribute' }).click();
  const result = await fillAndRead(panel, 'apps');
  assert.ok(result.ok, `${result.text}\n${result.report.join('\n')}`);
  const model = await tab.evaluate(() => window.__fixture.model());
  assert.deepEqual(model.members.map((m) => m.value), expected('current', 'SELF', 'apps').members.map((m) => m.value));
  assert.deepEqual(problems, []);
});
