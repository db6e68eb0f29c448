// The fake Okta org (tests/fake-okta/): endpoint shapes, pagination, session + XSRF, spec
// validation, rate limits, faults and counters. No wall-clock upper bounds: waits are "until the
// advertised reset", durations are only checked from below.
import test, { describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startFakeOkta } from '../fake-okta/server.mjs';
import { CATALOG, NAMESPACE, ROLE, APPS } from '../fake-okta/scenarios.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const consoleBuilt = fs.existsSync(path.join(root, 'dist/fixtures/console/shell-odyssey.html'));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A client with the admin's session and the XSRF token, as the console's own calls carry. */
function client(fake, { session = true, xsrf = true } = {}) {
  const cookie = session ? fake.login() : undefined;
  return async (method, p, body, extra = {}) => {
    const headers = { Accept: 'application/json', ...extra };
    if (cookie) headers.Cookie = cookie;
    if (xsrf) headers['X-Okta-XsrfToken'] = fake.xsrfToken();
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const res = await fetch(p.startsWith('http') ? p : fake.url + p, {
      method, headers, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
  };
}

function assertOktaError(r, status, code) {
  assert.equal(r.status, status, JSON.stringify(r.body));
  assert.equal(r.body.errorCode, code);
  assert.equal(r.body.errorLink, code);
  assert.equal(typeof r.body.errorSummary, 'string');
  assert.equal(typeof r.body.errorId, 'string');
  assert.ok(Array.isArray(r.body.errorCauses));
}

const nextLink = (headers) => /<([^>]+)>;\s*rel="next"/.exec(headers.get('link') ?? '')?.[1];

describe('fake Okta org', () => {
  let fake;
  let call;
  let A;
  before(async () => {
    fake = await startFakeOkta({ scenario: 'clean', users: 30 });
    call = client(fake);
    A = `/api/v1/apps/${fake.org.appId}`;
  });
  after(() => fake.stop());

  describe('shapes', () => {
    test('app user schema: both attributes as the catalog says', async () => {
      const r = await call('GET', `/api/v1/meta/schemas/apps/${fake.org.appId}/default`);
      assert.equal(r.status, 200);
      assert.equal(r.body.definitions.custom.id, '#custom');
      assert.deepEqual(r.body.properties.profile.allOf, [{ $ref: '#/definitions/custom' }, { $ref: '#/definitions/base' }]);
      const { [ROLE]: role, [APPS]: apps } = r.body.definitions.custom.properties;
      assert.equal(role.type, 'string');
      assert.deepEqual(role.enum, CATALOG.roles.map(([, v]) => v));
      assert.deepEqual(role.oneOf.map((o) => o.const), role.enum);
      assert.equal(role.externalNamespace, NAMESPACE);
      assert.equal(role.externalName, ROLE);
      assert.equal(apps.type, 'array');
      assert.equal(apps.items.type, 'string');
      assert.deepEqual(apps.items.enum, CATALOG.apps);
      assert.equal(apps.union, 'DISABLE');
      assert.equal(apps.externalNamespace, NAMESPACE);
    });

    test('mappings: the list has no properties, one mapping has them', async () => {
      const list = await call('GET', `/api/v1/mappings?sourceId=${fake.org.userTypeId}&targetId=${fake.org.appId}`);
      assert.equal(list.status, 200);
      assert.equal(list.body.length, 1);
      const [m] = list.body;
      assert.equal(m.source.type, 'user');
      assert.equal(m.target.type, 'appuser');
      assert.equal(m.target.id, fake.org.appId);
      assert.ok(!('properties' in m));
      const one = await call('GET', `/api/v1/mappings/${m.id}`);
      assert.deepEqual(one.body.properties, {});
      assert.equal(one.body.id, m.id);
      const all = await call('GET', '/api/v1/mappings');
      assert.equal(all.body.length, 2);
    });

    test('app users, one app user, app groups', async () => {
      const list = await call('GET', `${A}/users`);
      assert.equal(list.status, 200);
      assert.deepEqual(list.body.map((a) => a.id), ['00u1ada', '00u2grace']);
      const ada = await call('GET', `${A}/users/00u1ada`);
      assert.equal(ada.body.scope, 'USER');
      assert.deepEqual(ada.body.credentials, { userName: 'ada@example.com' });
      assert.equal(ada.body.profile[ROLE], 'adminstrator');
      assert.ok(Array.isArray(ada.body.profile[APPS]));
      assertOktaError(await call('GET', `${A}/users/00unobody`), 404, 'E0000007');
      const groups = await call('GET', `${A}/groups`);
      assert.deepEqual(groups.body, []);
    });

    test('users by id, by login, by search and by filter', async () => {
      const byId = await call('GET', '/api/v1/users/00u2grace');
      assert.equal(byId.body.profile.login, 'grace@example.com');
      const byLogin = await call('GET', `/api/v1/users/${encodeURIComponent('grace@example.com')}`);
      assert.equal(byLogin.body.id, '00u2grace');
      const q = encodeURIComponent('profile.email eq "user00007@example.com" or profile.login eq "ada@example.com"');
      const search = await call('GET', `/api/v1/users?search=${q}`);
      assert.deepEqual(search.body.map((u) => u.id).sort(), ['00u1ada', '00ugen00007']);
      const filter = await call('GET', `/api/v1/users?filter=${encodeURIComponent('profile.login eq "alan@example.com"')}`);
      assert.deepEqual(filter.body.map((u) => u.id), ['00u3alan']);
      assertOktaError(await call('GET', `/api/v1/users?search=${encodeURIComponent('profile.login sw "a"')}`), 400, 'E0000031');
      assertOktaError(await call('GET', '/api/v1/users/nobody@example.com'), 404, 'E0000007');
    });

    test('app and its provisioning features', async () => {
      const app = await call('GET', A);
      assert.equal(app.body.id, fake.org.appId);
      assert.equal(app.body.name, fake.org.appName);
      const f = await call('GET', `${A}/features`);
      assert.equal(f.body[0].status, 'ENABLED');
      assert.equal(f.body[0].capabilities.update.profile.status, 'ENABLED');
      fake.seed({ features: { profilePush: false } });
      const off = await call('GET', `${A}/features`);
      assert.equal(off.body[0].capabilities.update.profile.status, 'DISABLED');
      fake.seed({ features: { profilePush: true } });
      assertOktaError(await call('GET', '/api/v1/apps/0oaother/features'), 404, 'E0000007');
    });
  });

  describe('writes', () => {
    test('assign, update, and read back', async () => {
      const body = { id: '00ugen00001', scope: 'USER', credentials: { userName: 'user00001@example.com' },
        profile: { [ROLE]: 'member', [APPS]: ['Acme iOS'] } };
      const r = await call('POST', `${A}/users`, body);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.equal(r.body.id, '00ugen00001');
      const u = await call('POST', `${A}/users/00ugen00001`, { profile: { [ROLE]: 'viewer' } });
      assert.deepEqual(u.body.profile, { [ROLE]: 'viewer', [APPS]: ['Acme iOS'] });
      assert.deepEqual((await call('GET', `${A}/users/00ugen00001`)).body.profile, u.body.profile);
      assertOktaError(await call('POST', `${A}/users`, { ...body, id: '00unobody' }), 404, 'E0000007');
    });

    test('a value outside the enum is refused with E0000001', async () => {
      const r = await call('POST', `${A}/users`, { id: '00ugen00002', scope: 'USER', profile: { [ROLE]: 'administrator' } });
      assertOktaError(r, 400, 'E0000001');
      assert.match(r.body.errorCauses[0].errorSummary, /administrator/);
    });

    test('a body the spec rejects gets E0000001 with causes', async () => {
      const r = await call('POST', `/api/v1/meta/schemas/apps/${fake.org.appId}/default`,
        { definitions: { custom: { id: '#custom', type: 'object', properties: { x1: { title: 'X', type: 'string', scope: 'PERSONAL' } } } } });
      assertOktaError(r, 400, 'E0000001');
      assert.match(r.body.errorSummary, /^Api validation failed/);
      assert.ok(r.body.errorCauses.some((c) => c.errorSummary.includes('/scope')), JSON.stringify(r.body.errorCauses));
      const typo = await call('POST', `/api/v1/mappings/${fake.org.mappingId}`,
        { properties: { [ROLE]: { expresion: 'user.x', pushStatus: 'PUSH' } } });
      assertOktaError(typo, 400, 'E0000001');
      assertOktaError(await call('POST', `${A}/users`, { id: 7, scope: 'USER' }), 400, 'E0000001');
      assertOktaError(await call('POST', `${A}/users`, '{not json'), 400, 'E0000003');
    });

    test('schema: add, update, delete with null, no type change in place, deletion delay', async () => {
      const S = `/api/v1/meta/schemas/apps/${fake.org.appId}/default`;
      const custom = (properties) => ({ definitions: { custom: { id: '#custom', type: 'object', properties } } });
      const add = await call('POST', S, custom({ costCenter: { title: 'Cost center', type: 'string' } }));
      assert.equal(add.status, 200);
      assert.equal(add.body.definitions.custom.properties.costCenter.title, 'Cost center');
      assert.ok(add.body.definitions.custom.properties[ROLE], 'a partial update keeps the others');
      const upd = await call('POST', S, custom({ costCenter: { title: 'Cost centre', type: 'string' } }));
      assert.equal(upd.body.definitions.custom.properties.costCenter.title, 'Cost centre');
      const change = await call('POST', S, custom({ costCenter: { title: 'Cost centre', type: 'array', items: { type: 'string' }, union: 'DISABLE' } }));
      assertOktaError(change, 400, 'E0000001');
      assert.match(change.body.errorCauses[0].errorSummary, /cannot be changed/);
      for (const [name, why] of [['1abc', /letters, digits/], ['Status', /reserved/], ['costcenter', /conflicts/]]) {
        const r = await call('POST', S, custom({ [name]: { title: 'N', type: 'string' } }));
        assertOktaError(r, 400, 'E0000001');
        assert.match(r.body.errorCauses[0].errorSummary, why);
      }
      fake.state.settings.deletionDelayMs = 60_000;
      const del = await call('POST', S, custom({ costCenter: null }));
      assert.ok(!('costCenter' in del.body.definitions.custom.properties));
      const again = await call('POST', S, custom({ costCenter: { title: 'Cost centre', type: 'string' } }));
      assertOktaError(again, 400, 'E0000001');
      assert.match(again.body.errorCauses[0].errorSummary, /deletion process .* incomplete/);
      fake.state.settings.deletionDelayMs = 0;
      const now = await call('POST', S, custom({ costCenter: { title: 'Cost centre', type: 'array', items: { type: 'string' }, union: 'DISABLE' } }));
      assert.equal(now.status, 200, 'recreated with the new type once the delay has passed');
      await call('POST', S, custom({ costCenter: null }));
    });

    test('deleting an attribute removes its values from app users', async () => {
      const f = await startFakeOkta({ scenario: 'clean' });
      try {
        const c = client(f);
        await c('POST', `/api/v1/meta/schemas/apps/${f.org.appId}/default`, { definitions: { custom: { properties: { [APPS]: null } } } });
        const ada = await c('GET', `/api/v1/apps/${f.org.appId}/users/00u1ada`);
        assert.deepEqual(Object.keys(ada.body.profile), [ROLE]);
      } finally {
        await f.stop();
      }
    });

    test('mappings: set, remove; a pushed mapped attribute cannot be set on the assignment (E0000075)', async () => {
      const M = `/api/v1/mappings/${fake.org.mappingId}`;
      const set = await call('POST', M, { properties: { [ROLE]: { expression: 'user.luciqRole', pushStatus: 'PUSH' } } });
      assert.equal(set.status, 200);
      assert.deepEqual(set.body.properties[ROLE], { expression: 'user.luciqRole', pushStatus: 'PUSH' });
      const blocked = await call('POST', `${A}/users/00u1ada`, { profile: { [ROLE]: 'member' } });
      assertOktaError(blocked, 403, 'E0000075');
      const removed = await call('POST', M, { properties: { [ROLE]: { expression: null, pushStatus: null } } });
      assert.deepEqual(removed.body.properties, {});
      assert.equal((await call('POST', `${A}/users/00u1ada`, { profile: { [ROLE]: 'adminstrator' } })).status, 200);
      const missing = await call('POST', M, { properties: { nope: { expression: 'user.x', pushStatus: 'PUSH' } } });
      assertOktaError(missing, 400, 'E0000001');
    });

    test('app groups: PUT a group assignment, then list it', async () => {
      const r = await call('PUT', `${A}/groups/00g1engineering`, { priority: 0, profile: { [ROLE]: 'member' } });
      assert.equal(r.status, 200, JSON.stringify(r.body));
      const list = await call('GET', `${A}/groups`);
      assert.deepEqual(list.body.map((g) => [g.id, g.priority, g.profile[ROLE]]), [['00g1engineering', 0, 'member']]);
      assertOktaError(await call('PUT', `${A}/groups/00g1engineering`, { priority: '0' }), 400, 'E0000001');
    });
  });

  test('pagination: Link rel="next" walks every app user once, in order', async () => {
    const f = await startFakeOkta({ scenario: 'empty', users: 23 });
    try {
      const ids = f.state.snapshot().org.users.map((u) => u.id);
      f.seed({ appUsers: ids.map((id) => ({ id, profile: {} })) });
      const c = client(f);
      const seen = [];
      let next = `/api/v1/apps/${f.org.appId}/users?limit=5`;
      let pages = 0;
      while (next) {
        const r = await c('GET', next);
        assert.equal(r.status, 200);
        assert.ok(r.body.length <= 5);
        assert.match(r.headers.get('link'), /rel="self"/);
        seen.push(...r.body.map((a) => a.id));
        next = nextLink(r.headers);
        pages += 1;
        assert.ok(pages <= 10, 'pagination ends');
      }
      assert.equal(pages, 6);
      assert.deepEqual(seen, ids);
      const users = [];
      next = '/api/v1/users?limit=10';
      while (next) {
        const r = await c('GET', next);
        users.push(...r.body.map((u) => u.id));
        next = nextLink(r.headers);
      }
      assert.deepEqual(users, ids);
    } finally {
      await f.stop();
    }
  });

  describe('session and XSRF', () => {
    test('no session: 401 with Okta\'s error body', async () => {
      const anon = client(fake, { session: false });
      assertOktaError(await anon('GET', `${A}/users`), 401, 'E0000011');
      assertOktaError(await anon('POST', `${A}/users`, { id: '00u1ada' }), 401, 'E0000011');
      const bogus = await fetch(`${fake.url}${A}/users`, { headers: { Cookie: 'sid=forged' } });
      assert.equal(bogus.status, 401);
    });

    test('a state-changing call without the token, or with a wrong one: 403; reads need none', async () => {
      const noXsrf = client(fake, { xsrf: false });
      assert.equal((await noXsrf('GET', `${A}/users`)).status, 200);
      assertOktaError(await noXsrf('POST', `${A}/users/00u1ada`, { profile: {} }), 403, 'E0000006');
      assertOktaError(await noXsrf('POST', `${A}/users/00u1ada`, { profile: {} }, { 'X-Okta-XsrfToken': 'wrong' }), 403, 'E0000006');
    });

    test('/__fake/login sets the sid cookie and redirects to a console path', async () => {
      const r = await fetch(`${fake.url}/__fake/login?to=${encodeURIComponent('/admin/universaldirectory')}`, { redirect: 'manual' });
      assert.equal(r.status, 302);
      assert.equal(r.headers.get('location'), '/admin/universaldirectory');
      const cookie = r.headers.get('set-cookie');
      assert.match(cookie, /^sid=[^;]+; Path=\/; HttpOnly; SameSite=Lax$/);
      const ok = await fetch(`${fake.url}${A}`, { headers: { Cookie: cookie.split(';')[0] } });
      assert.equal(ok.status, 200);
    });

    test('the console pages are served at the console paths with the XSRF token in #_xsrfToken',
      { skip: !consoleBuilt && 'dist/fixtures/console not built' }, async () => {
        const page = await fetch(fake.org.profileEditorUrl('?stack=courage&csp=strict'));
        assert.equal(page.status, 200);
        assert.equal(page.headers.get('content-security-policy'), "script-src 'self'");
        const html = await page.text();
        const token = /<span id="_xsrfToken" hidden>([^<]+)<\/span>/.exec(html)?.[1];
        assert.equal(token, fake.xsrfToken());
        assert.match(html, /__fixture__\/courage\.js/);
        const apps = await fetch(fake.org.assignmentsUrl());
        assert.match(await apps.text(), /__fixture__\/odyssey\.js/);
        assert.equal((await fetch(`${fake.url}/__fixture__/console.css`)).status, 200);
        assert.equal((await fetch(`${fake.url}/admin/elsewhere`)).status, 404);
        // The token read from the page is the one the API accepts.
        const c = client(fake, { xsrf: false });
        const r = await c('POST', `${A}/users/00u1ada`, { profile: {} }, { 'X-Okta-XsrfToken': token });
        assert.equal(r.status, 200);
      });
  });

  describe('rate limits', () => {
    test('headers on every call, 429 E0000047 when the budget is spent, recovery after the reset', async () => {
      const f = await startFakeOkta({ rateLimit: { windowMs: 1000, limit: 3 } });
      try {
        const c = client(f);
        const first = await c('GET', `/api/v1/apps/${f.org.appId}`);
        assert.equal(first.headers.get('x-rate-limit-limit'), '3');
        const reset = Number(first.headers.get('x-rate-limit-reset'));
        assert.ok(Number.isInteger(reset) && reset * 1000 >= Date.now() - 1000, `Reset ${reset} is epoch seconds`);
        assert.ok(Number(first.headers.get('x-rate-limit-remaining')) <= 2);
        // Spend the budget (a window may roll over meanwhile; then it takes a few more).
        let r;
        for (let i = 0; i < 40; i += 1) {
          r = await c('GET', `/api/v1/apps/${f.org.appId}`);
          if (r.status === 429) break;
        }
        assertOktaError(r, 429, 'E0000047');
        assert.equal(r.headers.get('x-rate-limit-remaining'), '0');
        const resetAt = Number(r.headers.get('x-rate-limit-reset')) * 1000;
        // Another endpoint has its own bucket.
        assert.equal((await c('GET', `/api/v1/apps/${f.org.appId}/features`)).status, 200);
        await sleep(Math.max(0, resetAt - Date.now()) + 50);
        const back = await c('GET', `/api/v1/apps/${f.org.appId}`);
        assert.equal(back.status, 200);
        assert.ok(f.counters().rateLimited >= 1);
      } finally {
        await f.stop();
      }
    });

    test('buckets can be shared between endpoints', async () => {
      const f = await startFakeOkta({ rateLimit: { windowMs: 3_600_000, limit: 2, buckets: { 'app.get': 'apps', 'app.features': 'apps' } } });
      try {
        const c = client(f);
        const statuses = [];
        for (const p of ['', '/features', '', '/features']) statuses.push((await c('GET', `/api/v1/apps/${f.org.appId}${p}`)).status);
        // Both count in one bucket: at most 2 succeed per window (a window edge can allow 2 more).
        assert.ok(statuses.includes(429) || statuses.filter((s) => s === 200).length === 4, statuses.join());
        assert.equal(statuses[0], 200);
      } finally {
        await f.stop();
      }
    });
  });

  describe('faults', () => {
    let f;
    let c;
    let P;
    before(async () => {
      f = await startFakeOkta({ scenario: 'clean', users: 10 });
      c = client(f);
      P = `/api/v1/apps/${f.org.appId}`;
    });
    after(() => f.stop());

    test('429 burst: the next N get E0000047 with a reset; a request before the reset is counted', async () => {
      f.resetCounters();
      f.setFaults({ rateLimitBurst: { next: 2, resetMs: 5000 } });
      const a = await c('GET', P);
      assertOktaError(a, 429, 'E0000047');
      assert.ok(Number(a.headers.get('x-rate-limit-reset')) * 1000 >= Date.now() + 3000);
      assertOktaError(await c('GET', P), 429, 'E0000047');
      assert.equal((await c('GET', P)).status, 200, 'the burst is over');
      const n = f.counters();
      assert.equal(n.ignored429, 2, 'two requests arrived before the advertised reset');
      assert.equal(n.ignored429Details[0].endpoint, 'app.get');
      assert.equal(n.faultsInjected.rateLimitBurst, 2);
      assert.equal((await c('GET', `${P}/features`)).status, 200);
      assert.equal(f.counters().ignored429, 2, 'other buckets are not throttled');
    });

    test('500s for the next N requests, at a rate, and only for chosen endpoints', async () => {
      f.setFaults({ serverError: { next: 2 } });
      assertOktaError(await c('GET', P), 500, 'E0000009');
      assertOktaError(await c('GET', P), 500, 'E0000009');
      assert.equal((await c('GET', P)).status, 200);
      f.setFaults({ serverError: { rate: 1, status: 503 } });
      assert.equal((await c('GET', P)).status, 503);
      f.setFaults({ serverError: { rate: 0 } });
      assert.equal((await c('GET', P)).status, 200);
      f.setFaults({ serverError: { rate: 1, endpoints: ['appUsers.assign'] } });
      assert.equal((await c('GET', P)).status, 200);
      assert.equal((await c('POST', `${P}/users`, { id: '00ugen00003', scope: 'USER', profile: {} })).status, 500);
      assert.equal((await c('GET', `${P}/users/00ugen00003`)).status, 404, 'a 500 applies nothing');
      f.setFaults({ serverError: { rate: 0.5 } });
      let fails = 0;
      for (let i = 0; i < 40; i += 1) if ((await c('GET', P)).status === 500) fails += 1;
      assert.ok(fails > 5 && fails < 35, `about half fail: ${fails}`);
      f.clearFaults();
    });

    test('slow responses', async () => {
      f.setFaults({ slow: { next: 1, delayMs: 300 } });
      const t = Date.now();
      assert.equal((await c('GET', P)).status, 200);
      assert.ok(Date.now() - t >= 250);
    });

    test('dropped connections: before (nothing applied) and after (applied, answer lost)', async () => {
      f.setFaults({ drop: { next: 1 } });
      await assert.rejects(c('POST', `${P}/users`, { id: '00ugen00004', scope: 'USER', profile: { [ROLE]: 'member' } }));
      assert.equal((await c('GET', `${P}/users/00ugen00004`)).status, 404);
      f.setFaults({ drop: { next: 1, when: 'after' } });
      await assert.rejects(c('POST', `${P}/users`, { id: '00ugen00004', scope: 'USER', profile: { [ROLE]: 'member' } }));
      const read = await c('GET', `${P}/users/00ugen00004`);
      assert.equal(read.status, 200);
      assert.equal(read.body.profile[ROLE], 'member');
      assert.deepEqual(f.counters().sendsPerUser['00ugen00004'], { sent: 1, applied: 1 });
      assert.equal((await c('GET', P)).status, 200, 'next request is served');
    });

    test('the session expires mid-run', async () => {
      const own = client(f);
      f.setFaults({ expireSession: { afterRequests: 1 } });
      assert.equal((await own('GET', P)).status, 200);
      assertOktaError(await own('GET', P), 401, 'E0000011');
      assert.equal((await client(f)('GET', P)).status, 200, 'a new login works');
      c = client(f);
    });

    test('the admin endpoint sets, reads and clears faults', async () => {
      const set = await fetch(`${f.url}/__fake/faults`, { method: 'POST', body: JSON.stringify({ serverError: { next: 1 } }) });
      assert.deepEqual(await set.json(), { serverError: { next: 1 } });
      assert.equal((await c('GET', P)).status, 500);
      await fetch(`${f.url}/__fake/faults`, { method: 'POST', body: JSON.stringify({ slow: { delayMs: 1 } }) });
      assert.deepEqual(await (await fetch(`${f.url}/__fake/faults`)).json(), { slow: { delayMs: 1 } });
      await fetch(`${f.url}/__fake/faults`, { method: 'DELETE' });
      assert.deepEqual(await (await fetch(`${f.url}/__fake/faults`)).json(), {});
      const bad = await fetch(`${f.url}/__fake/faults`, { method: 'POST', body: JSON.stringify({ meteor: {} }) });
      assert.equal(bad.status, 400);
      const expire = await fetch(`${f.url}/__fake/session/expire`, { method: 'POST' });
      assert.equal(expire.status, 200);
      assert.equal((await c('GET', P)).status, 401);
      c = client(f);
    });
  });

  test('counters: per endpoint, max concurrency, sends per user; reset', async () => {
    const f = await startFakeOkta({ users: 5 });
    try {
      const c = client(f);
      const P = `/api/v1/apps/${f.org.appId}`;
      f.setFaults({ slow: { delayMs: 400 } });
      await Promise.all(Array.from({ length: 5 }, () => c('GET', P)));
      f.clearFaults();
      const body = { id: '00ugen00001', scope: 'USER', profile: { [ROLE]: 'member' } };
      await c('POST', `${P}/users`, body);
      await c('POST', `${P}/users`, body);
      await c('POST', `${P}/users`, { ...body, id: '00ugen00002', profile: { [ROLE]: 'nope' } });
      const n = await (await fetch(`${f.url}/__fake/counters`)).json();
      assert.equal(n.byEndpoint['app.get'], 5);
      assert.equal(n.byEndpoint['appUsers.assign'], 3);
      assert.equal(n.byStatus['200'], 7);
      assert.equal(n.byStatus['400'], 1);
      assert.ok(n.maxConcurrency >= 2 && n.maxConcurrency <= 5, `max concurrency ${n.maxConcurrency}`);
      assert.equal(n.inFlight, 0);
      // The same body twice changes the org once.
      assert.deepEqual(n.sendsPerUser, { '00ugen00001': { sent: 2, applied: 1 }, '00ugen00002': { sent: 1, applied: 0 } });
      await fetch(`${f.url}/__fake/counters`, { method: 'DELETE' });
      assert.equal(f.counters().total, 0);
    } finally {
      await f.stop();
    }
  });

  test('scenarios: the broken org holds the problems the audit must find', async () => {
    const f = await startFakeOkta({ scenario: 'broken' });
    try {
      const s = await (await fetch(`${f.url}/__fake/state`)).json();
      assert.equal(s.scenario, 'broken');
      const { [ROLE]: role, [APPS]: apps } = s.org.schema;
      assert.equal(role.externalNamespace, undefined, 'no namespace');
      assert.equal(apps.type, 'string', 'legacy string type');
      assert.ok(role.enum.includes('administrator') && !role.enum.includes('adminstrator') && !role.enum.includes('observer'), 'enum drift');
      const values = s.org.appUsers.map((a) => a.profile[ROLE]);
      assert.ok(values.some((v) => !CATALOG.roles.some(([, r]) => r === v)), 'invalid user values');
      const clean = await (await fetch(`${f.url}/__fake/state`, { method: 'POST', body: JSON.stringify({ scenario: 'clean', users: 4 }) })).json();
      assert.equal(clean.org.schema[ROLE].externalNamespace, NAMESPACE);
      assert.equal(clean.org.users.length, 7);
      const seeded = await (await fetch(`${f.url}/__fake/state`, { method: 'POST',
        body: JSON.stringify({ users: [{ id: '00uextra', login: 'extra@example.com' }], appUsers: [{ id: '00uextra', profile: { [ROLE]: 'viewer' } }] }) })).json();
      assert.deepEqual(seeded.org.appUsers.map((a) => [a.id, a.credentials.userName]), [['00uextra', 'extra@example.com']]);
    } finally {
      await f.stop();
    }
  });

  test('runs as a script and prints its URL', async () => {
    const child = spawn(process.execPath, [path.join(root, 'tests/fake-okta/server.mjs')], { env: { ...process.env, PORT: '0' } });
    try {
      const line = await new Promise((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (d) => {
          out += d;
          if (out.includes('\n')) resolve(out);
        });
        child.on('exit', (code) => reject(new Error(`exited ${code}`)));
      });
      const url = /http:\/\/127\.0\.0\.1:\d+/.exec(line)?.[0];
      assert.ok(url, line);
      const r = await fetch(`${url}/__fake/state`);
      assert.equal(r.status, 200);
    } finally {
      child.kill();
    }
  });
});
