// Plan and apply, and the audit, through Okta's API, end to end: a real Chromium with the
// extension's test build, its side panel, and the console tab on the fake Okta org
// (tests/fake-okta), which checks the session cookie, the XSRF token, every body against Okta's
// spec and the schema's rules (a type change in place is refused; a name deleted a moment ago is
// refused while "deletion … incomplete").
import test from 'node:test';
import assert from 'node:assert/strict';
import { openOnFake } from './fake-org.mjs';
import { CATALOG } from '../fixtures/console/data.mjs';

async function plan(panel) {
  await panel.evaluate(() => { delete document.getElementById('plan-status').dataset.steps; });
  await panel.click('#plan');
  await panel.waitForFunction(() => document.getElementById('plan-status').dataset.steps !== undefined
    || document.getElementById('plan-status').dataset.ok === 'false', null, { timeout: 20_000 });
  return panel.evaluate(() => ({
    status: document.getElementById('plan-status').textContent,
    steps: Number(document.getElementById('plan-status').dataset.steps),
    actions: Object.fromEntries([...document.querySelectorAll('#plan-report > li[data-attribute]')]
      .map((li) => [li.dataset.attribute, li.dataset.action])),
    loses: !document.getElementById('plan-loses').hidden,
    bodies: [...document.querySelectorAll('#plan-steps pre')].map((p) => JSON.parse(p.textContent)),
  }));
}

async function audit(panel) {
  await panel.evaluate(() => { delete document.getElementById('audit-status').dataset.failures; });
  await panel.click('#audit');
  await panel.waitForFunction(() => document.getElementById('audit-status').dataset.failures !== undefined
    || document.getElementById('audit-status').dataset.ok === 'false', null, { timeout: 20_000 });
  return panel.evaluate(() => ({
    status: document.getElementById('audit-status').textContent,
    failures: Number(document.getElementById('audit-status').dataset.failures),
    failing: [...document.querySelectorAll('#audit-report li[data-ok=false]')].map((li) => ({ area: li.dataset.area, code: li.dataset.code, text: li.textContent })),
    users: [...document.querySelectorAll('#audit-users li[data-kind=user]')].map((li) => ({ user: li.dataset.user, attribute: li.dataset.attribute, code: li.dataset.code, text: li.textContent })),
    groups: [...document.querySelectorAll('#audit-users li[data-kind=group]')].map((li) => ({ group: li.dataset.user, attribute: li.dataset.attribute, code: li.dataset.code, text: li.textContent })),
    csv: globalThis.luciqOrg.auditCsv(),
  }));
}

test('plan → apply → plan again is empty, on a broken org (recreate with the deletion delay)', async (t) => {
  const { panel, fake, problems } = await openOnFake(t, { scenario: 'broken', settings: { deletionDelayMs: 1500 } });
  // The panel's own sections and the mounted ones share one document: no id twice.
  const twice = await panel.evaluate(() => {
    const seen = new Map();
    for (const e of document.querySelectorAll('[id]')) seen.set(e.id, (seen.get(e.id) ?? 0) + 1);
    return [...seen].filter(([, n]) => n > 1).map(([id]) => id);
  });
  assert.deepEqual(twice, []);
  const first = await plan(panel);
  assert.equal(first.actions.instabugRole, 'update', first.status);
  assert.equal(first.actions.instabugApplications, 'recreate');
  assert.ok(first.loses, 'a recreate warns that values are lost');
  assert.ok(first.steps >= 2, first.status);
  // Apply refuses until the admin says the values were saved.
  await panel.click('#apply');
  await panel.waitForFunction(() => /Tick/.test(document.getElementById('plan-status').textContent));
  assert.equal(fake.counters().byEndpoint['schema.post'] ?? 0, 0, 'nothing was written before the confirmation');
  await panel.check('#plan-confirm-loss');
  await panel.click('#apply');
  await panel.waitForFunction(() => /nothing left to change|Stopped|still differs/.test(document.getElementById('plan-status').textContent), null, { timeout: 60_000 });
  const status = await panel.textContent('#plan-status');
  assert.match(status, /nothing left to change/, status);
  // Okta's "deletion … incomplete" was met and waited out.
  assert.ok((fake.counters().byStatus['400'] ?? 0) >= 1, JSON.stringify(fake.counters().byStatus));
  const custom = fake.state.snapshot().org.schema;
  const apps = custom.instabugApplications;
  assert.equal(apps.type, 'array');
  assert.deepEqual(apps.items.enum, CATALOG.apps);
  assert.deepEqual(custom.instabugRole.enum, CATALOG.roles.map(([, v]) => v));
  assert.equal(custom.instabugRole.externalNamespace, 'urn:ietf:params:scim:schemas:extension:instabug:2.0:User');
  // Applying again changes nothing.
  const again = await plan(panel);
  assert.equal(again.steps, 0, again.status);
  const writes = fake.counters().byEndpoint['schema.post'];
  assert.equal(fake.counters().byEndpoint['schema.post'], writes);
  // The one error the tab logs is Okta's expected refusal while the deletion finishes.
  assert.deepEqual(problems.filter((p) => !/status of 400 \(Bad Request\) \(http:\/\/127\.0\.0\.1:\d+\/api\/v1\/meta\/schemas\/apps\//.test(p)), []);
});

test('the audit finds the seeded problems on a broken org and nothing on a clean one', async (t) => {
  const { panel, fake, problems } = await openOnFake(t, { scenario: 'broken' });
  fake.seed({ features: { provisioning: true, profilePush: false } });
  // A group assigned with the drifted role (as an admin would through the console).
  const put = await fetch(`${fake.url}/api/v1/apps/${fake.org.appId}/groups/00g2luciqadmins`, {
    method: 'PUT', body: JSON.stringify({ priority: 0, profile: { instabugRole: 'administrator' } }),
    headers: { 'Content-Type': 'application/json', Cookie: fake.login(), 'X-Okta-XsrfToken': fake.xsrfToken() },
  });
  assert.equal(put.status, 200, await put.text());
  const broken = await audit(panel);
  assert.deepEqual(broken.groups.map((g) => [g.group, g.attribute, g.code]), [['00g2luciqadmins', 'instabugRole', 'admin-role-value']]);
  assert.match(broken.groups[0].text, /^Group 00g2luciqadmins: instabugRole "administrator"/);
  const codes = broken.failing.map((f) => f.code);
  assert.ok(codes.includes('profile-push-off'), codes.join());
  assert.ok(codes.includes('no-namespace') || codes.some((c) => /namespace/.test(c)), codes.join());
  assert.ok(broken.failing.some((f) => f.area === 'schema' && /string array|legacy|type/i.test(f.text)), JSON.stringify(broken.failing));
  assert.ok(broken.failing.some((f) => f.area === 'schema' && /adminstrator|observer|enum/i.test(f.text)), JSON.stringify(broken.failing));
  // Every assignment of the broken org holds a value Luciq rejects, named to the character.
  const byUser = new Set(broken.users.map((u) => u.user));
  assert.equal(byUser.size, 3, JSON.stringify(broken.users));
  assert.ok(broken.users.some((u) => /U\+043E|Cyrillic/i.test(u.text)), JSON.stringify(broken.users));
  assert.ok(broken.users.some((u) => /U\+00A0|no-break|non-breaking/i.test(u.text)), JSON.stringify(broken.users));
  assert.match(broken.csv, /^area,ok,code,message,fix,kind,userId,userName,attribute,value,suggestion\r\n/);
  assert.ok(broken.csv.split('\r\n').every((line) => !/(^|,)[=+\-@\t\r]/.test(line)), 'no formula cell');

  fake.seed({ scenario: 'clean' });
  const clean = await audit(panel);
  assert.equal(clean.failures, 0, JSON.stringify(clean.failing));
  assert.match(clean.status, /No problem found: 2 assignments checked/);
  assert.deepEqual(problems, []);
});
