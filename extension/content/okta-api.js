// The one module that calls Okta (issue 10). It runs in the console tab's content script, so
// its requests are same-origin requests on the admin host: the admin's own session cookie
// (`credentials: 'include'`) and the console's XSRF token, read fresh from the page's
// `#_xsrfToken` element on every call (DOMAIN.md §2), never stored, never logged. The side panel
// asks for a call by message; every call is checked here against this file's allow-list of
// methods and paths, whoever asked. Nothing else in the extension makes a request.
// eslint-disable-next-line no-unused-vars
var luciqOktaApi = (() => {
  const ID = '[A-Za-z0-9]+';
  /** Method + path patterns: the endpoints issue 10 uses, and no other. */
  const ALLOWED = [
    ['GET', `/api/v1/meta/schemas/apps/${ID}/default`],
    ['POST', `/api/v1/meta/schemas/apps/${ID}/default`],
    ['GET', '/api/v1/mappings'],
    ['GET', `/api/v1/mappings/${ID}`],
    ['POST', `/api/v1/mappings/${ID}`],
    ['GET', `/api/v1/apps/${ID}`],
    ['GET', `/api/v1/apps/${ID}/features`],
    ['GET', `/api/v1/apps/${ID}/users`],
    ['POST', `/api/v1/apps/${ID}/users`],
    ['GET', `/api/v1/apps/${ID}/users/${ID}`],
    ['POST', `/api/v1/apps/${ID}/users/${ID}`],
    ['GET', `/api/v1/apps/${ID}/groups`],
    ['GET', '/api/v1/users'],
    ['GET', `/api/v1/users/${ID}`],
  ].map(([method, path]) => ({ method, re: new RegExp(`^${path}$`) }));
  /** The query parameters those endpoints take here. */
  const QUERY = new Set(['limit', 'after', 'search', 'filter', 'q', 'sourceId', 'targetId']);
  /** The most pages one list reads (at 200 a page: 200,000 items, the users file's limit). */
  const MAX_PAGES = 1000;
  const MAX_BODY = 4 << 20;

  /** The URL of `path` on this tab's origin, or why it is not allowed. */
  function allowed(method, path) {
    if (typeof path !== 'string' || !path.startsWith('/api/v1/')) return { why: `not an Okta API path: ${String(path).slice(0, 80)}` };
    let url;
    try {
      url = new URL(path, location.origin);
    } catch {
      return { why: 'not a URL' };
    }
    if (url.origin !== location.origin) return { why: `another origin (${url.origin})` };
    if (!ALLOWED.some((a) => a.method === method && a.re.test(url.pathname))) {
      return { why: `${method} ${url.pathname} is not one of the calls this extension makes` };
    }
    // The keys read from the text (Firefox's content scripts cannot iterate searchParams).
    for (const pair of url.search.slice(1).split('&')) {
      if (!pair) continue;
      let key;
      try {
        key = decodeURIComponent(pair.split('=')[0].replace(/\+/g, ' '));
      } catch {
        return { why: 'a query that is not URL-encoded' };
      }
      if (!QUERY.has(key)) return { why: `query parameter ${key} is not one this extension sends` };
    }
    return { url };
  }

  /** Firefox runs a content script's own `fetch` as the extension; `content.fetch` makes the
   * request as the page does (same origin, the page's cookies). Chrome's content-script `fetch`
   * already is the page's origin. */
  const pageFetch = globalThis.content?.fetch ? globalThis.content.fetch.bind(globalThis.content) : globalThis.fetch.bind(globalThis);

  /** The console's XSRF token, read now from the page (never kept). */
  const xsrf = () => document.getElementById('_xsrfToken')?.textContent?.trim() || null;

  /** Okta's `Link` header's `rel="next"` URL, as a path on this origin; null when none. */
  function nextLink(header) {
    if (!header) return null;
    for (const part of header.split(',')) {
      const m = /<([^>]*)>\s*;\s*rel="?next"?/i.exec(part);
      if (!m) continue;
      try {
        const u = new URL(m[1], location.origin);
        return u.origin === location.origin ? u.pathname + u.search : null;
      } catch {
        return null;
      }
    }
    return null;
  }

  /** Okta's error body and the status in plain words for the admin. */
  function describe(status, body) {
    const code = body?.errorCode ? ` (${body.errorCode})` : '';
    const summary = typeof body?.errorSummary === 'string' ? body.errorSummary : '';
    const causes = Array.isArray(body?.errorCauses)
      ? body.errorCauses.map((c) => c?.errorSummary).filter((s) => typeof s === 'string' && s) : [];
    const detail = [summary, ...causes].filter(Boolean).join(': ');
    if (status === 0) return 'No answer from Okta (the connection dropped or timed out).';
    if (status === 401) return `Your Okta session has ended${code}: sign in to the admin console again in this tab, then resume.`;
    if (status === 403 && body?.errorCode !== 'E0000075') {
      return `Okta refused this${code}${detail ? `: ${detail}` : ''}. Your admin role may not allow it (editing the app's profile and assignments needs an app or super administrator), or the page's session token is stale: reload this tab.`;
    }
    if (status === 429) return `Okta's rate limit was reached${code}: the job waits for its reset.`;
    if (status >= 500) return `Okta had an error${code}${detail ? `: ${detail}` : ''}.`;
    if (status === 404) return `Not found${code}${detail ? `: ${detail}` : ''}: the app or user may have been deleted.`;
    return detail ? `${detail}${code}` : `Okta answered ${status}${code}.`;
  }

  /**
   * One call: `{method, path, body?, timeoutMs?}` → `{status, ok, body, limit, remaining, reset,
   * next, message}`. Never throws: a refused call, a network error and a timeout are answers too.
   */
  async function call({ method = 'GET', path, body, timeoutMs = 30000 } = {}) {
    method = String(method).toUpperCase();
    const { url, why } = allowed(method, path);
    if (!url) return { status: -1, ok: false, refused: true, message: `Not sent: ${why}.` };
    const headers = { Accept: 'application/json' };
    const token = xsrf();
    if (token) headers['X-Okta-XsrfToken'] = token;
    else if (method !== 'GET') return { status: -1, ok: false, refused: true, message: 'Not sent: this page has no session token (#_xsrfToken); reload the Okta tab.' };
    let payload;
    if (body !== undefined) {
      payload = JSON.stringify(body);
      if (payload.length > MAX_BODY) return { status: -1, ok: false, refused: true, message: 'Not sent: the body is too large.' };
      headers['Content-Type'] = 'application/json';
    }
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), Math.max(1000, Number(timeoutMs) || 30000));
    let res;
    try {
      res = await pageFetch(url, { method, headers, body: payload, credentials: 'include', cache: 'no-store', redirect: 'error', signal: abort.signal });
    } catch {
      clearTimeout(timer);
      return { status: 0, ok: false, message: describe(0) };
    }
    let json = null;
    try {
      const text = await res.text();
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    } finally {
      clearTimeout(timer);
    }
    const h = (n) => res.headers.get(n);
    const ok = res.status >= 200 && res.status < 300;
    return {
      status: res.status,
      ok,
      body: json,
      limit: h('X-Rate-Limit-Limit'),
      remaining: h('X-Rate-Limit-Remaining'),
      reset: h('X-Rate-Limit-Reset'),
      next: nextLink(h('Link')),
      message: ok ? '' : describe(res.status, json),
    };
  }

  const sleep = (ms) => new Promise((r) => { setTimeout(r, ms); });

  /**
   * Every page of a list, following `Link: rel="next"` (each next link is checked like any
   * call). A 429 waits for Okta's reset and goes again (5 times at most); a 5xx or a dropped
   * connection is tried again twice. → `{status, ok, items, pages, message}`.
   */
  async function all({ path, timeoutMs } = {}) {
    const items = [];
    let pages = 0;
    let next = path;
    while (next) {
      if (pages >= MAX_PAGES) return { status: -1, ok: false, items, pages, message: `Stopped after ${MAX_PAGES} pages.` };
      let r;
      for (let attempt = 0; ; attempt++) {
        r = await call({ method: 'GET', path: next, timeoutMs });
        if (r.status === 429 && attempt < 5) {
          const reset = Number(r.reset) * 1000;
          await sleep(Math.min(60000, Math.max(250, (Number.isFinite(reset) ? reset - Date.now() : 1000) + 250)));
          continue;
        }
        if ((r.status === 0 || r.status >= 500) && attempt < 2) {
          await sleep(500 * (attempt + 1));
          continue;
        }
        break;
      }
      if (!r.ok) return { ...r, items, pages };
      if (!Array.isArray(r.body)) return { status: r.status, ok: false, items, pages, message: 'Okta answered something that is not a list.' };
      items.push(...r.body);
      pages++;
      next = r.next;
    }
    return { status: 200, ok: true, items, pages, message: '' };
  }

  return { call, all, allowed };
})();
