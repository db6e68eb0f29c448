// The extension's one module that calls Okta (extension/content/okta-api.js), in a VM context
// with a stand-in page: the allow-list refuses other origins, other paths, other methods and other
// query parameters before any request; the XSRF token is read from the page on every call; the
// session goes with each request; Link pagination is followed (and checked again); a 429 waits for
// Okta's reset; Okta's error bodies and 401/403 become plain words.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SOURCE = fs.readFileSync(path.join(root, 'extension/content/okta-api.js'), 'utf8');
const ORIGIN = 'https://acme-admin.okta.com';
const APP = '0oa1abcdEFGHijkl5d7';

/** The module in a page at ORIGIN whose fetch is `answer(url, init)`; every request is kept. */
function load(answer) {
  const requests = [];
  const token = { text: 'token-1' };
  const context = {
    location: { origin: ORIGIN },
    document: { getElementById: (id) => (id === '_xsrfToken' ? { textContent: token.text } : null) },
    URL, JSON, Math, Number, String, Array, Promise, RegExp, Set, Map, Object, Error,
    AbortController, setTimeout, clearTimeout,
    fetch: async (url, init) => {
      requests.push({ url: String(url), ...init });
      const r = await answer(new URL(url), init);
      const headers = new Headers(r.headers ?? {});
      return { status: r.status ?? 200, headers, text: async () => (r.body === undefined ? '' : JSON.stringify(r.body)) };
    },
  };
  vm.runInNewContext(`${SOURCE}\nthis.api = luciqOktaApi;`, context);
  return { api: context.api, requests, token };
}

test('the allow-list refuses before any request', async () => {
  const { api, requests } = load(() => ({ body: {} }));
  for (const [method, p, why] of [
    ['GET', 'https://evil.example/api/v1/users', /Okta API path/],
    ['GET', '//evil.example/api/v1/users', /Okta API path/],
    ['GET', '/api/v1/../../admin/x', /not one of the calls/],
    ['DELETE', `/api/v1/apps/${APP}/users/00u1`, /not one of the calls/],
    ['GET', '/api/v1/groups', /not one of the calls/],
    ['PUT', `/api/v1/apps/${APP}/groups/00g1`, /not one of the calls/],
    ['POST', '/api/v1/users', /not one of the calls/],
    ['GET', `/api/v1/apps/${APP}/users?expand=user`, /query parameter expand/],
    ['GET', '/api/v1/users/a%2Fb', /not one of the calls/],
  ]) {
    const r = await api.call({ method, path: p });
    assert.equal(r.status, -1, `${method} ${p}`);
    assert.equal(r.refused, true);
    assert.match(r.message, why, `${method} ${p}: ${r.message}`);
  }
  assert.deepEqual(requests, []);
});

test('each call: same origin, the session, the XSRF token read fresh, JSON both ways', async () => {
  const { api, requests, token } = load(() => ({ body: { ok: 1 }, headers: { 'X-Rate-Limit-Limit': '600', 'X-Rate-Limit-Remaining': '599', 'X-Rate-Limit-Reset': '1800000000' } }));
  const r = await api.call({ method: 'POST', path: `/api/v1/apps/${APP}/users`, body: { id: '00u1' } });
  assert.deepEqual({ status: r.status, ok: r.ok, limit: r.limit, remaining: r.remaining, reset: r.reset }, { status: 200, ok: true, limit: '600', remaining: '599', reset: '1800000000' });
  token.text = 'token-2';
  await api.call({ method: 'GET', path: `/api/v1/meta/schemas/apps/${APP}/default` });
  assert.equal(requests[0].url, `${ORIGIN}/api/v1/apps/${APP}/users`);
  assert.equal(requests[0].credentials, 'include');
  assert.equal(requests[0].redirect, 'error');
  assert.equal(requests[0].headers['X-Okta-XsrfToken'], 'token-1');
  assert.equal(requests[0].headers['Content-Type'], 'application/json');
  assert.equal(requests[0].body, '{"id":"00u1"}');
  assert.equal(requests[1].headers['X-Okta-XsrfToken'], 'token-2', 'read again for each call');
  assert.equal(requests[1].body, undefined);
  // A write without a token on the page is not sent.
  token.text = '';
  const w = await api.call({ method: 'POST', path: `/api/v1/apps/${APP}/users`, body: {} });
  assert.equal(w.refused, true);
  assert.match(w.message, /no session token/);
  assert.equal(requests.length, 2);
});

test('a list follows Link rel="next" on the same origin, waits out a 429, and stops at another origin', async () => {
  let pages = 0;
  let limited = false;
  const { api, requests } = load((url) => {
    if (!limited && url.searchParams.get('after') === '2') {
      limited = true;
      return { status: 429, body: { errorCode: 'E0000047', errorSummary: 'API call exceeded rate limit due to too many requests.' },
        headers: { 'X-Rate-Limit-Reset': String(Math.ceil(Date.now() / 1000)) } };
    }
    pages += 1;
    const after = Number(url.searchParams.get('after') ?? 0);
    const next = after < 3 ? `<${ORIGIN}/api/v1/apps/${APP}/users?after=${after + 1}&limit=1>; rel="next", ` : '';
    return { body: [{ id: `u${after}` }], headers: { Link: `${next}<${url.href}>; rel="self"` } };
  });
  const r = await api.all({ path: `/api/v1/apps/${APP}/users?limit=1` });
  assert.equal(r.ok, true, r.message);
  assert.deepEqual(Array.from(r.items, (i) => i.id), ['u0', 'u1', 'u2', 'u3']);
  assert.equal(pages, 4);
  assert.equal(requests.length, 5, 'the 429 was tried again');

  const other = load(() => ({ body: [{ id: 'a' }], headers: { Link: '<https://evil.example/api/v1/users?after=a>; rel="next"' } }));
  const o = await other.api.all({ path: '/api/v1/users?limit=1' });
  assert.deepEqual(Array.from(o.items, (i) => i.id), ['a']);
  assert.equal(other.requests.length, 1, 'a next link to another origin is not followed');
});

test('Okta\'s errors and the session\'s end in plain words', async () => {
  const answers = {
    401: { errorCode: 'E0000011', errorSummary: 'Invalid token provided' },
    403: { errorCode: 'E0000006', errorSummary: 'You do not have permission to perform the requested action' },
    400: { errorCode: 'E0000001', errorSummary: 'Api validation failed: instabugRole', errorCauses: [{ errorSummary: 'instabugRole: Does not match allowed values' }] },
    500: { errorCode: 'E0000009', errorSummary: 'Internal Server Error' },
  };
  for (const [status, body] of Object.entries(answers)) {
    const { api } = load(() => ({ status: Number(status), body }));
    const r = await api.call({ method: 'GET', path: `/api/v1/apps/${APP}` });
    assert.equal(r.ok, false);
    const expected = {
      401: /session has ended \(E0000011\): sign in/,
      403: /refused this \(E0000006\): You do not have permission.*admin role/,
      400: /^Api validation failed: instabugRole: instabugRole: Does not match allowed values \(E0000001\)$/,
      500: /Okta had an error \(E0000009\)/,
    }[status];
    assert.match(r.message, expected, r.message);
  }
  const dropped = load(() => { throw new TypeError('Failed to fetch'); });
  const d = await dropped.api.call({ method: 'GET', path: `/api/v1/apps/${APP}` });
  assert.equal(d.status, 0);
  assert.match(d.message, /No answer from Okta/);
});
