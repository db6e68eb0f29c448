// Plan and apply through Okta's API in real Firefox ESR (the Firefox build, as a temporary
// add-on), against the fake Okta org: the content script's requests go as the page's (Firefox's
// `content.fetch`), with the session cookie and the XSRF token the fake checks, and applying
// converges.
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { firefoxPanelBesideTab, root } from './browser.mjs';
import { startFakeOkta } from '../fake-okta/server.mjs';
import { CATALOG } from '../fixtures/console/data.mjs';

execFileSync(process.execPath, [path.join(root, 'tests/fixtures/console/build.mjs')], { stdio: 'ignore' });

const until = (page, fn, ...args) => page.waitForFunction(fn, { timeout: 30_000, polling: 100 }, ...args);

test('Firefox: plan → apply → plan again is empty, through the console tab on the fake org', async (t) => {
  const fake = await startFakeOkta({ port: 0, scenario: 'broken', settings: { autoLogin: true } });
  t.after(() => fake.stop());
  const { panel } = await firefoxPanelBesideTab(t, fake.org.profileEditorUrl(), CATALOG.apps);
  await until(panel, () => !document.getElementById('okta-api').hidden);
  const plan = async () => {
    await panel.evaluate(() => { delete document.getElementById('plan-status').dataset.steps; document.getElementById('plan').click(); });
    await until(panel, () => document.getElementById('plan-status').dataset.steps !== undefined || document.getElementById('plan-status').dataset.ok === 'false');
    return panel.evaluate(() => ({ steps: Number(document.getElementById('plan-status').dataset.steps), text: document.getElementById('plan-status').textContent }));
  };
  const first = await plan();
  assert.ok(first.steps >= 2, first.text);
  await panel.evaluate(() => { document.getElementById('plan-confirm-loss').checked = true; document.getElementById('apply').click(); });
  await until(panel, () => /nothing left to change|Stopped|still differs/.test(document.getElementById('plan-status').textContent));
  assert.match(await panel.evaluate(() => document.getElementById('plan-status').textContent), /nothing left to change/);
  assert.equal((await plan()).steps, 0);
  const c = fake.counters();
  assert.ok(c.byEndpoint['schema.post'] >= 2, JSON.stringify(c.byEndpoint));
  assert.equal(c.byStatus['401'] ?? 0, 0, 'every call carried the session');
  assert.equal(c.byStatus['403'] ?? 0, 0, 'every write carried the XSRF token');
});
