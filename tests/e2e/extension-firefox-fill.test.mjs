// The Add Attribute filler in real Firefox ESR (the Firefox build, as a temporary add-on), on
// both console stacks: the same plan, the same checks of the framework's own model.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { consoleBase, launchFirefoxExtension, root } from './browser.mjs';
import { APP } from '../fixtures/console/data.mjs';
import { consolePages } from '../fixtures/console/urls.mjs';
import { api } from '../js/load.mjs';

const CATALOG = fs.readFileSync(path.join(root, 'www/example-catalog.txt'), 'utf8').split('\n').filter((l) => l !== '');

/** The members rows and the attribute's own values the checklist gives. */
function expected(setup, scope, attribute) {
  const step = api.consoleChecklist({ setup, scope, catalog: CATALOG }).steps.find((s) => s.id === `${attribute}-attribute`);
  const top = (label) => step.fields.find((f) => f.label === label && f.memberRow === null)?.value;
  const members = [];
  for (const f of step.fields.filter((f) => f.memberRow !== null)) {
    members[f.memberRow] ??= {};
    members[f.memberRow][f.label === 'Value' ? 'value' : 'displayName'] = f.value;
  }
  return { dataType: top('Data type'), variableName: top('Variable name'), externalNamespace: top('External namespace'),
    scope: top('Attribute type') === 'Group' ? 'NONE' : 'SELF', members };
}

/** Clicks the button (or input button) whose text is `text`. */
const press = (page, text) => page.evaluate((t) => {
  const b = [...document.querySelectorAll('button, input[type=button], input[type=submit], a')]
    .find((e) => (e.textContent || e.value || '').trim() === t);
  if (!b) throw new Error(`no "${t}"`);
  b.click();
}, text);

for (const stack of ['odyssey', 'courage']) {
  test(`Firefox, ${stack}: the filler fills and confirms both attributes`, async (t) => {
    const base = await consoleBase(t);
    const { browser, panel } = await launchFirefoxExtension(t);
    const tab = await browser.newPage();
    await tab.goto(consolePages(base, { stack, profile: 'empty' }).profileEditor(APP.appId));
    await tab.waitForSelector('body[data-ready=true]', { timeout: 15_000 });
    await panel.waitForFunction(() => !document.getElementById('fill').hidden, { timeout: 15_000 });
    for (const [setup, scope] of [['current', 'SELF'], ['legacy', 'NONE']]) {
      await panel.select('#setup', setup);
      await panel.select('#scope', scope);
      for (const attribute of ['role', 'apps']) {
        const what = `firefox ${stack} ${setup} ${scope} ${attribute}`;
        await press(tab, 'Add Attribute');
        await panel.evaluate(() => { delete document.querySelector('#fill-status').dataset.ok; });
        await panel.click(`#fill-${attribute}`);
        await panel.waitForFunction(() => document.querySelector('#fill-status').dataset.ok !== undefined, { timeout: 20_000 });
        const status = await panel.$eval('#fill-status', (e) => [e.dataset.ok, e.textContent]);
        const report = await panel.$$eval('#fill-report li', (els) => els.map((e) => e.textContent));
        assert.equal(status[0], 'true', `${what}: ${status[1]}\n${report.join('\n')}`);
        const model = await tab.evaluate(() => window.__fixture.model());
        for (const [key, value] of Object.entries(expected(setup, scope, attribute))) {
          assert.deepEqual(model[key], value, `${what}: ${key}`);
        }
        await press(tab, 'Cancel');
        assert.deepEqual(await tab.evaluate(() => window.__fixture.saved), [], `${what}: never saved`);
      }
    }
  });
}
