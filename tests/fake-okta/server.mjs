// A local fake Okta org for tests (issue 10, item 5): the Management API endpoints the extension
// uses, with Okta's shapes (../../../shared/DOMAIN.md §2 and @okta/openapi's spec), request bodies
// validated against that spec, the console's session cookie + XSRF check, Link pagination,
// rate-limit headers with a configurable budget, injectable faults, and the console fixture pages
// on the same origin. Everything DOMAIN.md does not give is a setting (see README.md).
//
//   import { startFakeOkta } from './tests/fake-okta/server.mjs';
//   const fake = await startFakeOkta({ scenario: 'clean', users: 2000, rateLimit: { windowMs: 1000, limit: 250 } });
//   // fake.url, fake.org, fake.state, fake.setFaults({...}), fake.seed({...}), fake.login(), await fake.stop()
//
// As a script: PORT=8791 SCENARIO=broken USERS=100 node tests/fake-okta/server.mjs  (prints its URL)
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { validators } from '../contract/okta-spec.mjs';
import { parseRoute } from '../fixtures/console/route.mjs';
import { scenario as buildScenario, ROLE, APPS } from './scenarios.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');

/**
 * Settings. Each one either carries a DOMAIN.md fact (marked "DOMAIN") or stands in for something
 * no source gives (marked "unconfirmed": change it when a real org says otherwise).
 */
export function defaultSettings() {
  return {
    // unconfirmed: Okta counts per minute per endpoint (issue 10); the budgets are per org/plan.
    rateLimit: { windowMs: 60_000, limit: 600, buckets: {} },
    // unconfirmed: Okta's default and maximum page sizes for these lists.
    pageSize: { default: 20, max: 200 },
    // DOMAIN: after a delete Okta can refuse the same name for a while; how long is unconfirmed.
    deletionDelayMs: 0,
    // unconfirmed: the token's value and lifetime (DOMAIN: the console page's #_xsrfToken text).
    xsrfToken: crypto.randomBytes(16).toString('hex'),
    // unconfirmed: whether Okta checks the XSRF header on reads too.
    xsrfOnReads: false,
    // Test convenience: a console page served without a session starts one.
    autoLogin: false,
    // unconfirmed: that assignments are checked against the attribute's type and enum.
    validateProfileValues: true,
    // unconfirmed: that a mapping to an attribute the app schema lacks is refused.
    mappingRequiresAttribute: true,
    // unconfirmed: the feature's name and the app user's status.
    provisioningFeatureName: 'USER_PROVISIONING',
    appUserStatus: 'PROVISIONED',
    // Requests arriving within this many ms after a 429 was written are not counted as ignoring it
    // (they may have been in transit already).
    throttleGraceMs: 0,
    // Seed of the PRNG behind fault rates, so runs repeat.
    randomSeed: 1,
    errors: {
      // DOMAIN: the shape and E0000001 "Api validation failed: …"; the causes' wording is the fake's.
      validation: { status: 400, errorCode: 'E0000001', errorSummary: 'Api validation failed: {what}' },
      // DOMAIN: 429 = E0000047; the summary text is unconfirmed.
      rateLimit: { status: 429, errorCode: 'E0000047', errorSummary: 'API call exceeded rate limit due to too many requests.' },
      // DOMAIN: 403 E0000075 for a mapped attribute with push; the summary text is unconfirmed.
      pushMapped: { status: 403, errorCode: 'E0000075', errorSummary: 'Cannot modify the {attribute} attribute because it has a field mapping and profile push is enabled.' },
      // unconfirmed from here on: codes and texts no source in DOMAIN.md gives.
      unauthorized: { status: 401, errorCode: 'E0000011', errorSummary: 'Invalid token provided' },
      xsrf: { status: 403, errorCode: 'E0000006', errorSummary: 'You do not have permission to perform the requested action' },
      notFound: { status: 404, errorCode: 'E0000007', errorSummary: 'Not found: Resource not found: {id} ({kind})' },
      malformed: { status: 400, errorCode: 'E0000003', errorSummary: 'The request body was not well-formed.' },
      serverError: { status: 500, errorCode: 'E0000009', errorSummary: 'Internal Server Error' },
      invalidSearch: { status: 400, errorCode: 'E0000031', errorSummary: 'Invalid search criteria.' },
      // DOMAIN gives only "deletion process … is incomplete"; the full text is unconfirmed.
      deletionIncomplete: 'The deletion process of the attribute {name} is incomplete. Try again later.',
      typeChange: 'The type of attribute {name} cannot be changed from {from} to {to}.',
      nameRule: 'Property name {name} must contain only letters, digits and underscores and not start with a digit.',
      nameCollision: 'Property name {name} conflicts with existing property {other}.',
      reservedName: 'Property name {name} is reserved.',
      unionScope: 'union ENABLE is not allowed with scope SELF ({name}).',
    },
  };
}

// DOMAIN.md §2: reserved names (the list "includes" these; help.okta.com has the full list).
const RESERVED = ['id', 'profile', 'status', 'type', 'password', 'credentials', 'created', 'activated',
  'lastlogin', 'lastupdated', '_links', '_embedded', 'realm'];
const NAME_RULE = /^[A-Za-z_][A-Za-z0-9_]*$/; // DOMAIN.md §2

const now = () => Date.now();
const iso = (ms = now()) => new Date(ms).toISOString();
const fill = (text, vars) => text.replace(/\{(\w+)\}/g, (m, k) => (k in vars ? String(vars[k]) : m));

/** mulberry32: a small seeded PRNG, so fault rates repeat run to run. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function mergeSettings(base, extra = {}) {
  const out = { ...base, ...extra };
  for (const k of ['rateLimit', 'pageSize', 'errors']) out[k] = { ...base[k], ...(extra[k] ?? {}) };
  out.rateLimit.buckets = { ...base.rateLimit.buckets, ...(extra.rateLimit?.buckets ?? {}) };
  return out;
}

class OktaError extends Error {
  constructor(spec, vars = {}, causes = []) {
    super(fill(spec.errorSummary, vars));
    this.status = spec.status;
    this.body = {
      errorCode: spec.errorCode, errorSummary: fill(spec.errorSummary, vars), errorLink: spec.errorCode,
      errorId: `oae${crypto.randomBytes(11).toString('base64url')}`,
      errorCauses: causes.map((c) => ({ errorSummary: c })),
    };
  }
}

// ---------------------------------------------------------------------------------------------
// The org's data
// ---------------------------------------------------------------------------------------------

function oktaUser(p, base, created) {
  return {
    id: p.id, status: p.status ?? 'ACTIVE', created, activated: created, statusChanged: created,
    lastLogin: null, lastUpdated: created, passwordChanged: created,
    profile: { firstName: p.firstName ?? '', lastName: p.lastName ?? '', login: p.login, email: p.email ?? p.login },
    credentials: { provider: { type: 'OKTA', name: 'OKTA' } },
    _links: { self: { href: `${base}/api/v1/users/${p.id}` } },
  };
}

class Org {
  constructor(base, settings) {
    this.base = base;
    this.settings = settings;
  }

  load(seed) {
    const created = seed.createdAt ?? iso();
    this.app = { ...seed.app };
    this.features = { ...seed.features };
    this.schema = structuredClone(seed.schema ?? {});
    this.users = new Map();
    for (const p of seed.users ?? []) this.addUser(p, created);
    this.appUsers = new Map();
    for (const a of seed.appUsers ?? []) this.putAppUser(a.id, a.userName, a.profile ?? {}, created);
    this.groups = new Map((seed.groups ?? []).map((g) => [g.id, g]));
    this.appGroups = new Map();
    for (const g of seed.appGroups ?? []) this.appGroups.set(g.id, { priority: 0, profile: {}, ...g, lastUpdated: created });
    this.deleted = new Map();
    const userType = { id: 'otyfakeuser0000000001', name: 'user', type: 'user' }; // DOMAIN: source type `user`
    const appType = { id: this.app.appId, name: this.app.appName, type: 'appuser' }; // DOMAIN: `appuser`
    this.mappings = [
      { id: 'prmfakeusertoapp00001', source: userType, target: appType, properties: structuredClone(seed.mappingProperties ?? {}) },
      { id: 'prmfakeapptouser00001', source: appType, target: userType, properties: {} },
    ];
  }

  addUser(p, created = iso()) {
    const u = oktaUser(p, this.base, created);
    this.users.set(u.id, u);
  }

  findUser(idOrLogin) {
    if (this.users.has(idOrLogin)) return this.users.get(idOrLogin);
    const login = idOrLogin.toLowerCase();
    for (const u of this.users.values()) if (u.profile.login.toLowerCase() === login) return u;
    return null;
  }

  putAppUser(id, userName, profile, at = iso()) {
    const old = this.appUsers.get(id);
    const appId = this.app.appId;
    this.appUsers.set(id, {
      id, externalId: null, created: old?.created ?? at, lastUpdated: at, scope: 'USER',
      status: this.settings.appUserStatus, statusChanged: old?.statusChanged ?? at,
      credentials: { userName }, profile,
      _links: { app: { href: `${this.base}/api/v1/apps/${appId}` }, user: { href: `${this.base}/api/v1/users/${id}` } },
    });
    return this.appUsers.get(id);
  }

  schemaDocument() {
    const { appId, appName, profileLabel } = this.app;
    return {
      id: `${this.base}/meta/schemas/apps/${appId}/default`, $schema: 'http://json-schema.org/draft-04/schema#',
      name: appName, title: profileLabel, lastUpdated: this.schemaUpdated ?? iso(), type: 'object',
      definitions: {
        base: {
          id: '#base', type: 'object',
          properties: { userName: { title: 'Username', type: 'string', required: true, scope: 'NONE', maxLength: 100,
            master: { type: 'PROFILE_MASTER' }, permissions: [{ principal: 'SELF', action: 'READ_WRITE' }] } },
          required: ['userName'],
        },
        custom: { id: '#custom', type: 'object', properties: structuredClone(this.schema), required: [] },
      },
      properties: { profile: { allOf: [{ $ref: '#/definitions/custom' }, { $ref: '#/definitions/base' }] } },
      _links: { self: { href: `${this.base}/api/v1/meta/schemas/apps/${appId}/default`, method: 'GET' } },
    };
  }

  mappingSummary(m) {
    return { id: m.id, source: m.source, target: m.target, _links: { self: { href: `${this.base}/api/v1/mappings/${m.id}` } } };
  }

  mappingDocument(m) {
    return { ...this.mappingSummary(m), properties: structuredClone(m.properties) };
  }

  userToAppMapping() {
    return this.mappings[0];
  }

  snapshot() {
    return {
      app: this.app, features: this.features, schema: this.schema,
      users: [...this.users.values()], appUsers: [...this.appUsers.values()],
      groups: [...this.groups.values()], appGroups: [...this.appGroups.values()],
      mappings: this.mappings.map((m) => this.mappingDocument(m)),
    };
  }
}

// ---------------------------------------------------------------------------------------------
// Routes: [name, method, path pattern, handler]. The name is the endpoint (counters, faults,
// rate-limit buckets) and the allow-list's vocabulary.
// ---------------------------------------------------------------------------------------------

const APP_ID = '([^/]+)';
export const ROUTES = [
  ['schema.get', 'GET', `^/api/v1/meta/schemas/apps/${APP_ID}/default$`],
  ['schema.post', 'POST', `^/api/v1/meta/schemas/apps/${APP_ID}/default$`],
  ['mappings.list', 'GET', '^/api/v1/mappings$'],
  ['mapping.get', 'GET', '^/api/v1/mappings/([^/]+)$'],
  ['mapping.post', 'POST', '^/api/v1/mappings/([^/]+)$'],
  ['appUsers.list', 'GET', `^/api/v1/apps/${APP_ID}/users$`],
  ['appUsers.assign', 'POST', `^/api/v1/apps/${APP_ID}/users$`],
  ['appUser.get', 'GET', `^/api/v1/apps/${APP_ID}/users/([^/]+)$`],
  ['appUser.post', 'POST', `^/api/v1/apps/${APP_ID}/users/([^/]+)$`],
  ['appGroups.list', 'GET', `^/api/v1/apps/${APP_ID}/groups$`],
  ['appGroup.put', 'PUT', `^/api/v1/apps/${APP_ID}/groups/([^/]+)$`],
  ['app.features', 'GET', `^/api/v1/apps/${APP_ID}/features$`],
  ['app.get', 'GET', `^/api/v1/apps/${APP_ID}$`],
  ['users.list', 'GET', '^/api/v1/users$'],
  ['user.get', 'GET', '^/api/v1/users/([^/]+)$'],
].map(([name, method, re]) => ({ name, method, re: new RegExp(re) }));

const STATE_CHANGING = new Set(['POST', 'PUT', 'DELETE', 'PATCH']);

function readBody(req, limit = 1 << 20) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (c) => {
      size += c.length;
      if (size > limit) reject(new Error('body too large'));
      else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function cookies(req) {
  const out = {};
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0) out[part.slice(0, i).trim()] = decodeURIComponent(part.slice(i + 1).trim());
  }
  return out;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Start the fake on 127.0.0.1. Options: port (0 = any), scenario, users (generated people),
 * settings (merged over defaultSettings()), consoleDir (the built fixtures). */
export async function startFakeOkta(options = {}) {
  const settings = mergeSettings(defaultSettings(), { ...options.settings, ...(options.rateLimit ? { rateLimit: options.rateLimit } : {}) });
  const consoleDir = path.resolve(options.consoleDir ?? path.join(root, 'dist/fixtures/console'));
  const server = http.createServer();
  // Idle keep-alive sockets stay open longer than a browser keeps them (Node's 5 s default closes
  // one just as Chromium reuses it, which the page sees as a reset connection).
  server.keepAliveTimeout = 120_000;
  server.headersTimeout = 121_000;
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(Number(options.port ?? 0), '127.0.0.1', resolve);
  });
  const url = `http://127.0.0.1:${server.address().port}`;

  const org = new Org(url, settings);
  let scenarioName = options.scenario ?? 'clean';
  org.load(buildScenario(scenarioName, { users: options.users ?? 0 }));

  const sessions = new Set();
  let faults = {};
  let random = prng(settings.randomSeed);
  const windows = new Map(); // bucket → {start, count}
  const throttled = new Map(); // bucket → {untilMs, writtenAt}
  const counters = freshCounters();

  function freshCounters() {
    return { total: 0, byEndpoint: {}, byStatus: {}, inFlight: 0, maxConcurrency: 0, rateLimited: 0,
      ignored429: 0, ignored429Details: [], faultsInjected: {}, sendsPerUser: {} };
  }
  const bump = (obj, key, by = 1) => { obj[key] = (obj[key] ?? 0) + by; };

  // ---- faults ---------------------------------------------------------------------------------

  const FAULT_KINDS = ['rateLimitBurst', 'serverError', 'slow', 'drop', 'expireSession'];
  function setFaults(next = {}) {
    for (const [k, v] of Object.entries(next)) {
      if (!FAULT_KINDS.includes(k)) throw new Error(`unknown fault ${k}: one of ${FAULT_KINDS.join(', ')}`);
      if (v == null) delete faults[k];
      else faults[k] = { ...v };
    }
    return structuredClone(faults);
  }
  function clearFaults() {
    faults = {};
  }
  /** Whether fault `kind` fires for this endpoint; consumes one of `next` when it does. */
  function fires(kind, endpoint) {
    const f = faults[kind];
    if (!f) return null;
    if (f.endpoints && !f.endpoints.includes(endpoint)) return null;
    let hit;
    if (typeof f.next === 'number') {
      hit = f.next > 0;
      if (hit) f.next -= 1;
      if (f.next <= 0 && f.rate === undefined) delete faults[kind];
    } else if (typeof f.rate === 'number') {
      hit = random() < f.rate;
    } else {
      hit = true;
    }
    if (hit) bump(counters.faultsInjected, kind);
    return hit ? f : null;
  }

  // ---- rate limits ----------------------------------------------------------------------------

  function bucketOf(endpoint) {
    return settings.rateLimit.buckets[endpoint] ?? endpoint;
  }
  function rateHeaders(limit, remaining, resetMs) {
    return { 'X-Rate-Limit-Limit': String(limit), 'X-Rate-Limit-Remaining': String(Math.max(0, remaining)),
      'X-Rate-Limit-Reset': String(Math.ceil(resetMs / 1000)) };
  }
  /** Counts the request in its bucket's window (windows aligned to multiples of windowMs). */
  function takeBudget(bucket, t) {
    const { windowMs, limit } = settings.rateLimit;
    const start = Math.floor(t / windowMs) * windowMs;
    let w = windows.get(bucket);
    if (!w || w.start !== start) {
      w = { start, count: 0 };
      windows.set(bucket, w);
    }
    const end = start + windowMs;
    if (w.count >= limit) return { ok: false, headers: rateHeaders(limit, 0, end), resetMs: Math.ceil(end / 1000) * 1000 };
    w.count += 1;
    return { ok: true, headers: rateHeaders(limit, limit - w.count, end) };
  }
  function noteArrival(bucket, endpoint, t) {
    const th = throttled.get(bucket);
    if (!th) return;
    if (t >= th.untilMs) {
      throttled.delete(bucket);
      return;
    }
    if (th.writtenAt !== null && t >= th.writtenAt + settings.throttleGraceMs) {
      counters.ignored429 += 1;
      if (counters.ignored429Details.length < 1000) {
        counters.ignored429Details.push({ endpoint, msAfter429: t - th.writtenAt, msBeforeReset: th.untilMs - t });
      }
    }
  }
  function markThrottled(bucket, resetMs, res) {
    const th = { untilMs: resetMs, writtenAt: null };
    const prev = throttled.get(bucket);
    if (!prev || prev.untilMs <= resetMs) throttled.set(bucket, th);
    res.once('finish', () => { th.writtenAt = now(); });
  }

  // ---- handlers -------------------------------------------------------------------------------

  const notFound = (id, kind) => new OktaError(settings.errors.notFound, { id, kind });
  const validation = (what, causes) => new OktaError(settings.errors.validation, { what }, causes);
  function checkApp(appId) {
    if (appId !== org.app.appId) throw notFound(appId, 'AppInstance');
  }
  function validate(kind, body, what) {
    const errors = validators[kind](body);
    if (errors) {
      throw validation(what, errors.map((e) => `${e.instancePath || '/'} ${e.message}${e.params?.additionalProperty ? `: ${e.params.additionalProperty}` : ''}${e.params?.allowedValues ? ` (${e.params.allowedValues.join(', ')})` : ''}`));
    }
  }

  function page(list, query, selfPath) {
    const { default: dflt, max } = settings.pageSize;
    let limit = Number.parseInt(query.get('limit') ?? '', 10);
    if (!Number.isFinite(limit) || limit <= 0) limit = dflt;
    limit = Math.min(limit, max);
    const after = query.get('after');
    let from = 0;
    if (after) {
      const i = list.findIndex((x) => x.id === after);
      from = i < 0 ? list.length : i + 1;
    }
    const items = list.slice(from, from + limit);
    const link = (extra) => {
      const q = new URLSearchParams(query);
      q.delete('after');
      q.set('limit', String(limit));
      for (const [k, v] of Object.entries(extra)) q.set(k, v);
      return `<${url}${selfPath}?${q}>`;
    };
    const links = [`${link(after ? { after } : {})}; rel="self"`];
    if (from + limit < list.length) links.push(`${link({ after: items.at(-1).id })}; rel="next"`);
    return { status: 200, body: items, headers: { Link: links } };
  }

  function checkProfile(profile) {
    const causes = [];
    const blocked = [];
    const mapping = org.userToAppMapping().properties;
    for (const [k, v] of Object.entries(profile)) {
      if (mapping[k]?.expression && mapping[k]?.pushStatus === 'PUSH') blocked.push(k);
      const attr = org.schema[k];
      if (!settings.validateProfileValues || !attr) continue;
      if (attr.type === 'array') {
        if (!Array.isArray(v)) causes.push(`${k}: ${JSON.stringify(v)} is not an array`);
        else if (attr.items?.enum) {
          for (const x of v) if (!attr.items.enum.includes(x)) causes.push(`${k}: ${JSON.stringify(x)} is not one of the enum values`);
        }
      } else if (attr.type === 'string') {
        if (typeof v !== 'string') causes.push(`${k}: ${JSON.stringify(v)} is not a string`);
        else if (attr.enum && !attr.enum.includes(v)) causes.push(`${k}: ${JSON.stringify(v)} is not one of the enum values`);
      }
    }
    if (blocked.length) throw new OktaError(settings.errors.pushMapped, { attribute: blocked[0] });
    if (causes.length) throw validation('profile', causes);
  }

  /** Counts a send that passed the spec check (`applied` false), then again if it changed the
   * org (`applied` true: the user was not assigned, or held other values). */
  function noteSend(userId, applied) {
    const s = (counters.sendsPerUser[userId] ??= { sent: 0, applied: 0 });
    if (applied) s.applied += 1;
    else s.sent += 1;
  }

  function postSchema(body) {
    validate('schema', body, 'schema');
    const props = body.definitions?.custom?.properties ?? {};
    const causes = [];
    const t = now();
    const e = settings.errors;
    for (const [name, p] of Object.entries(props)) {
      const existing = org.schema[name];
      if (p === null) continue;
      if (!NAME_RULE.test(name)) causes.push(fill(e.nameRule, { name }));
      if (RESERVED.includes(name.toLowerCase())) causes.push(fill(e.reservedName, { name }));
      const other = Object.keys(org.schema).find((k) => k !== name && k.toLowerCase() === name.toLowerCase());
      if (other) causes.push(fill(e.nameCollision, { name, other }));
      const merged = { ...(existing ?? {}), ...p };
      if (merged.union === 'ENABLE' && merged.scope === 'SELF') causes.push(fill(e.unionScope, { name }));
      if (existing) {
        const typeOf = (a) => (a.type === 'array' ? `${a.items?.type ?? '?'} array` : a.type);
        if (p.type !== undefined && typeOf(merged) !== typeOf(existing)) {
          causes.push(fill(e.typeChange, { name, from: typeOf(existing), to: typeOf(merged) }));
        }
      } else {
        const deletedAt = org.deleted.get(name.toLowerCase());
        if (deletedAt !== undefined && t - deletedAt < settings.deletionDelayMs) causes.push(fill(e.deletionIncomplete, { name }));
      }
    }
    if (causes.length) throw validation('schema', causes);
    for (const [name, p] of Object.entries(props)) {
      if (p === null) {
        if (name in org.schema) {
          delete org.schema[name];
          org.deleted.set(name.toLowerCase(), t);
          for (const a of org.appUsers.values()) delete a.profile[name]; // the values go with it
        }
      } else {
        org.schema[name] = { ...(org.schema[name] ?? {}), ...structuredClone(p) };
      }
    }
    org.schemaUpdated = iso(t);
    return { status: 200, body: org.schemaDocument() };
  }

  function postMapping(id, body) {
    const m = org.mappings.find((x) => x.id === id);
    if (!m) throw notFound(id, 'ProfileMapping');
    validate('mapping', body, 'mapping');
    const props = body.properties ?? {};
    if (settings.mappingRequiresAttribute && m.target.type === 'appuser') {
      const missing = Object.keys(props).filter((k) => !(k in org.schema) && props[k]?.expression != null);
      if (missing.length) throw validation('mapping', missing.map((k) => `${k}: the target profile has no such attribute`));
    }
    for (const [k, p] of Object.entries(props)) {
      if (p.expression === null && (p.pushStatus === null || p.pushStatus === undefined)) delete m.properties[k];
      else m.properties[k] = { ...(m.properties[k] ?? {}), ...p };
    }
    return { status: 200, body: org.mappingDocument(m) };
  }

  function assign(body) {
    validate('user', body, 'appUser');
    const user = body.id && org.findUser(body.id);
    if (!user) throw notFound(body.id ?? '', 'User');
    noteSend(user.id, false);
    const profile = body.profile ?? {};
    checkProfile(profile);
    const old = org.appUsers.get(user.id);
    const before = old && JSON.stringify([old.credentials, old.profile]);
    const a = org.putAppUser(user.id, body.credentials?.userName ?? old?.credentials.userName ?? user.profile.login,
      { ...(old?.profile ?? {}), ...structuredClone(profile) });
    if (JSON.stringify([a.credentials, a.profile]) !== before) noteSend(user.id, true);
    return { status: 200, body: a };
  }

  function updateAppUser(userId, body) {
    const old = org.appUsers.get(userId);
    if (!old) throw notFound(userId, 'AppUser');
    validate('user', body, 'appUser');
    noteSend(userId, false);
    const profile = body.profile ?? {};
    checkProfile(profile);
    const before = JSON.stringify([old.credentials, old.profile]);
    const a = org.putAppUser(userId, body.credentials?.userName ?? old.credentials.userName,
      { ...old.profile, ...structuredClone(profile) });
    if (JSON.stringify([a.credentials, a.profile]) !== before) noteSend(userId, true);
    return { status: 200, body: a };
  }

  function putAppGroup(groupId, body) {
    const g = org.groups.get(groupId);
    if (!g) throw notFound(groupId, 'UserGroup');
    validate('group', body, 'group');
    checkProfile(body.profile ?? {});
    const a = { id: groupId, lastUpdated: iso(), priority: body.priority ?? 0, profile: structuredClone(body.profile ?? {}),
      _links: { app: { href: `${url}/api/v1/apps/${org.app.appId}` }, group: { href: `${url}/api/v1/groups/${groupId}` } } };
    org.appGroups.set(groupId, a);
    return { status: 200, body: a };
  }

  /** `profile.login eq "x"`, `profile.email eq "x"`, `id eq "x"`, joined by `or`. */
  function searchUsers(expr) {
    const terms = expr.split(/\s+or\s+/i).map((t) => /^\s*(id|profile\.login|profile\.email)\s+eq\s+"((?:[^"\\]|\\.)*)"\s*$/i.exec(t));
    if (terms.some((m) => !m)) throw new OktaError(settings.errors.invalidSearch);
    // Each term's value once, by field (Okta's search is indexed: the fake answers as fast).
    const wanted = { id: new Set(), login: new Set(), email: new Set() };
    for (const [, field, v] of terms) {
      const value = v.replace(/\\(.)/g, '$1');
      const key = field.toLowerCase() === 'id' ? 'id' : field.split('.')[1].toLowerCase();
      wanted[key].add(key === 'id' ? value : value.toLowerCase());
    }
    return [...org.users.values()].filter((u) => wanted.id.has(u.id)
      || wanted.login.has((u.profile.login ?? '').toLowerCase()) || wanted.email.has((u.profile.email ?? '').toLowerCase()));
  }

  function appDocument() {
    const { appId, appName, label } = org.app;
    return {
      id: appId, name: appName, label, status: 'ACTIVE', created: iso(0), lastUpdated: iso(0),
      signOnMode: 'SAML_2_0', // DOMAIN.md §1: a custom SAML app built with the wizard
      features: [], settings: { app: {} },
      _links: { users: { href: `${url}/api/v1/apps/${appId}/users` }, groups: { href: `${url}/api/v1/apps/${appId}/groups` },
        self: { href: `${url}/api/v1/apps/${appId}` } },
    };
  }

  /** ApplicationFeature as the spec defines it; `profile` = "Update User Attributes". */
  function featuresDocument() {
    const f = org.features;
    const st = (on) => (on && f.provisioning ? 'ENABLED' : 'DISABLED');
    return [{
      name: settings.provisioningFeatureName, status: f.provisioning ? 'ENABLED' : 'DISABLED',
      description: 'Provisioning settings from Okta to a downstream application',
      capabilities: {
        create: { lifecycleCreate: { status: st(f.createUsers) } },
        update: { profile: { status: st(f.profilePush) }, lifecycleDeactivate: { status: st(f.deactivateUsers) } },
      },
      _links: { self: { href: `${url}/api/v1/apps/${org.app.appId}/features/${settings.provisioningFeatureName}` } },
    }];
  }

  async function handle(route, m, req, query) {
    let body;
    if (STATE_CHANGING.has(req.method)) {
      const text = await readBody(req);
      try {
        body = JSON.parse(text);
      } catch {
        throw new OktaError(settings.errors.malformed);
      }
    }
    switch (route.name) {
      case 'schema.get': checkApp(m[1]); return { status: 200, body: org.schemaDocument() };
      case 'schema.post': checkApp(m[1]); return postSchema(body);
      case 'mappings.list': {
        const src = query.get('sourceId');
        const tgt = query.get('targetId');
        const list = org.mappings.filter((x) => (!src || x.source.id === src) && (!tgt || x.target.id === tgt));
        return page(list.map((x) => org.mappingSummary(x)), query, '/api/v1/mappings');
      }
      case 'mapping.get': {
        const mp = org.mappings.find((x) => x.id === m[1]);
        if (!mp) throw notFound(m[1], 'ProfileMapping');
        return { status: 200, body: org.mappingDocument(mp) };
      }
      case 'mapping.post': return postMapping(m[1], body);
      case 'appUsers.list': checkApp(m[1]); return page([...org.appUsers.values()], query, `/api/v1/apps/${m[1]}/users`);
      case 'appUsers.assign': checkApp(m[1]); return assign(body);
      case 'appUser.get': {
        checkApp(m[1]);
        const a = org.appUsers.get(m[2]);
        if (!a) throw notFound(m[2], 'AppUser');
        return { status: 200, body: a };
      }
      case 'appUser.post': checkApp(m[1]); return updateAppUser(m[2], body);
      case 'appGroups.list': checkApp(m[1]); return page([...org.appGroups.values()], query, `/api/v1/apps/${m[1]}/groups`);
      case 'appGroup.put': checkApp(m[1]); return putAppGroup(m[2], body);
      case 'app.features': checkApp(m[1]); return { status: 200, body: featuresDocument() };
      case 'app.get': checkApp(m[1]); return { status: 200, body: appDocument() };
      case 'users.list': {
        let list = [...org.users.values()];
        const expr = query.get('search') ?? query.get('filter');
        if (expr) list = searchUsers(expr);
        else if (query.get('q')) {
          const q = query.get('q').toLowerCase();
          list = list.filter((u) => ['firstName', 'lastName', 'email', 'login'].some((k) => u.profile[k].toLowerCase().startsWith(q)));
        }
        return page(list, query, '/api/v1/users');
      }
      case 'user.get': {
        const u = org.findUser(decodeURIComponent(m[1]));
        if (!u) throw notFound(m[1], 'User');
        return { status: 200, body: u };
      }
      default: throw new Error(`no handler for ${route.name}`);
    }
  }

  function sendJson(res, status, body, headers = {}) {
    if (res.destroyed) return;
    const text = body === undefined ? '' : JSON.stringify(body);
    res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', ...headers });
    res.end(text);
  }

  async function api(req, res, url_) {
    const route = ROUTES.find((r) => r.method === req.method && r.re.test(url_.pathname));
    const endpoint = route?.name ?? 'unknown';
    const t = now();
    counters.total += 1;
    bump(counters.byEndpoint, endpoint);
    counters.inFlight += 1;
    counters.maxConcurrency = Math.max(counters.maxConcurrency, counters.inFlight);
    res.once('close', () => { counters.inFlight -= 1; });
    res.once('finish', () => bump(counters.byStatus, String(res.statusCode)));
    const bucket = bucketOf(endpoint);
    noteArrival(bucket, endpoint, t);
    try {
      const expire = faults.expireSession;
      if (expire) {
        expire.afterRequests = (expire.afterRequests ?? 0) - 1;
        if (expire.afterRequests < 0) {
          sessions.clear();
          delete faults.expireSession;
          bump(counters.faultsInjected, 'expireSession');
        }
      }
      if (faults.drop && faults.drop.when !== 'after' && fires('drop', endpoint)) {
        req.socket.destroy();
        return;
      }
      const slow = fires('slow', endpoint);
      if (slow) await sleep(slow.delayMs ?? 1000);
      const burst = fires('rateLimitBurst', endpoint);
      if (burst) {
        const resetMs = Math.ceil((now() + (burst.resetMs ?? 1000)) / 1000) * 1000;
        markThrottled(bucket, resetMs, res);
        counters.rateLimited += 1;
        throw Object.assign(new OktaError(settings.errors.rateLimit),
          { headers: rateHeaders(settings.rateLimit.limit, 0, resetMs) });
      }
      const err = fires('serverError', endpoint);
      if (err) throw Object.assign(new OktaError({ ...settings.errors.serverError, status: err.status ?? 500 }));
      if (!route) throw notFound(url_.pathname, 'Resource');
      if (!sessions.has(cookies(req).sid)) throw new OktaError(settings.errors.unauthorized);
      if ((STATE_CHANGING.has(req.method) || settings.xsrfOnReads)
        && req.headers['x-okta-xsrftoken'] !== settings.xsrfToken) throw new OktaError(settings.errors.xsrf);
      const budget = takeBudget(bucket, now());
      if (!budget.ok) {
        markThrottled(bucket, budget.resetMs, res);
        counters.rateLimited += 1;
        throw Object.assign(new OktaError(settings.errors.rateLimit), { headers: budget.headers });
      }
      let out;
      try {
        out = await handle(route, route.re.exec(url_.pathname), req, url_.searchParams);
      } catch (e) {
        if (e instanceof OktaError) e.headers = budget.headers;
        throw e;
      }
      const dropAfter = faults.drop?.when === 'after' && fires('drop', endpoint);
      if (dropAfter) {
        req.socket.destroy(); // applied, but the answer is lost
        return;
      }
      sendJson(res, out.status, out.body, { ...budget.headers, ...(out.headers ?? {}) });
    } catch (e) {
      if (e instanceof OktaError) sendJson(res, e.status, e.body, e.headers ?? {});
      else {
        console.error('fake okta:', e);
        sendJson(res, 500, new OktaError(settings.errors.serverError).body);
      }
    }
  }

  // ---- sessions, console pages, admin endpoints -------------------------------------------

  function login() {
    const sid = crypto.randomBytes(16).toString('base64url');
    sessions.add(sid);
    return sid;
  }
  const sessionCookie = (sid) => `sid=${sid}; Path=/; HttpOnly; SameSite=Lax`;

  const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };
  function serveFile(res, file, headers = {}, transform) {
    fs.readFile(path.join(consoleDir, file), (err, data) => {
      if (err) {
        res.writeHead(404, { 'Content-Type': 'text/plain' }).end(`not found (is ${consoleDir} built? node tests/fixtures/console/build.mjs)`);
        return;
      }
      res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
        'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', ...headers });
      res.end(transform ? transform(data.toString('utf8')) : data);
    });
  }
  const escapeHtml = (s) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

  function consolePage(req, res, u) {
    const stack = u.searchParams.get('stack') ?? 'odyssey';
    if (stack !== 'odyssey' && stack !== 'courage') {
      res.writeHead(400, { 'Content-Type': 'text/plain' }).end('stack must be odyssey or courage');
      return;
    }
    const headers = u.searchParams.get('csp') === 'strict' ? { 'Content-Security-Policy': "script-src 'self'" } : {};
    if (settings.autoLogin && !sessions.has(cookies(req).sid)) headers['Set-Cookie'] = sessionCookie(login());
    // DOMAIN.md §2: the console's API calls send the text of the page's #_xsrfToken element.
    const span = `<span id="_xsrfToken" hidden>${escapeHtml(settings.xsrfToken)}</span>`;
    serveFile(res, `shell-${stack}.html`, headers, (html) => html.replace(/<body([^>]*)>/, `<body$1>\n${span}`));
  }

  async function admin(req, res, u) {
    const p = u.pathname;
    const readJson = async () => {
      const text = await readBody(req);
      return text ? JSON.parse(text) : {};
    };
    if (p === '/__fake/login') {
      const sid = login();
      const to = u.searchParams.get('to');
      if (to && to.startsWith('/') && !to.startsWith('//')) {
        res.writeHead(302, { Location: to, 'Set-Cookie': sessionCookie(sid) }).end();
      } else sendJson(res, 200, { sid, xsrfToken: settings.xsrfToken }, { 'Set-Cookie': sessionCookie(sid) });
      return;
    }
    if (p === '/__fake/session/expire' && req.method === 'POST') {
      sessions.clear();
      return sendJson(res, 200, { sessions: 0 });
    }
    if (p === '/__fake/faults') {
      if (req.method === 'POST') return sendJson(res, 200, setFaults(await readJson()));
      if (req.method === 'DELETE') {
        clearFaults();
        return sendJson(res, 200, {});
      }
      return sendJson(res, 200, faults);
    }
    if (p === '/__fake/counters') {
      if (req.method === 'DELETE') resetCounters();
      return sendJson(res, 200, snapshotCounters());
    }
    if (p === '/__fake/state') {
      if (req.method === 'POST') seed(await readJson());
      return sendJson(res, 200, snapshot());
    }
    sendJson(res, 404, { error: `no fake admin endpoint ${p}` });
  }

  function snapshotCounters() {
    return structuredClone(counters);
  }
  function resetCounters() {
    const inFlight = counters.inFlight;
    Object.assign(counters, freshCounters(), { inFlight, maxConcurrency: inFlight });
  }
  function snapshot() {
    return { scenario: scenarioName, org: org.snapshot(), counters: snapshotCounters(), faults: structuredClone(faults),
      settings: { ...settings, xsrfToken: settings.xsrfToken } };
  }

  /** Reseed: `{scenario, users}` rebuilds the org; `schema` (custom properties), `users` (people to
   * add), `appUsers` (replace all), `mappingProperties`, `features` and `settings` change parts. */
  function seed(s = {}) {
    if (s.settings) {
      const merged = mergeSettings(settings, s.settings);
      for (const k of Object.keys(settings)) delete settings[k];
      Object.assign(settings, merged);
      if (s.settings.randomSeed !== undefined) random = prng(settings.randomSeed);
    }
    if (s.scenario) {
      scenarioName = s.scenario;
      org.load(buildScenario(s.scenario, { users: typeof s.users === 'number' ? s.users : 0 }));
      windows.clear();
      throttled.clear();
    }
    if (Array.isArray(s.users)) for (const p of s.users) org.addUser(p);
    if (s.schema) org.schema = structuredClone(s.schema);
    if (s.appUsers) {
      org.appUsers = new Map();
      for (const a of s.appUsers) org.putAppUser(a.id, a.userName ?? org.findUser(a.id)?.profile.login ?? a.id, a.profile ?? {});
    }
    if (s.mappingProperties) org.userToAppMapping().properties = structuredClone(s.mappingProperties);
    if (s.features) Object.assign(org.features, s.features);
    return snapshot();
  }

  server.on('request', (req, res) => {
    let u;
    try {
      u = new URL(req.url, url);
      decodeURIComponent(u.pathname);
    } catch {
      res.writeHead(400).end('bad request');
      return;
    }
    const p = u.pathname;
    if (p.startsWith('/api/v1/')) return void api(req, res, u);
    if (p.startsWith('/__fake/')) {
      return void admin(req, res, u).catch((e) => sendJson(res, 400, { error: String(e.message ?? e) }));
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return void res.writeHead(405).end('method not allowed');
    if (p === '/') return serveFile(res, 'index.html');
    if (p === '/favicon.ico') return void res.writeHead(204).end();
    const asset = /^\/__fixture__\/([a-z-]+\.(?:js|css))$/.exec(p);
    if (asset) return serveFile(res, asset[1]);
    if (parseRoute({ pathname: p, hash: '' }).page !== 'notFound') return consolePage(req, res, u);
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not a path this fake serves');
  });

  const app = org.app;
  return {
    url,
    org: {
      get appId() { return org.app.appId; },
      get appName() { return org.app.appName; },
      get mappingId() { return org.userToAppMapping().id; },
      get userTypeId() { return org.userToAppMapping().source.id; },
      profileEditorUrl: (query = '') => `${url}/admin/universaldirectory${query}#app/${app.appId}`,
      assignmentsUrl: (query = '') => `${url}/admin/app/${app.appName}/instance/${app.appId}/${query}#tab-assignments`,
      loginUrl: (to = '/') => `${url}/__fake/login?to=${encodeURIComponent(to)}`,
    },
    /** Live: the settings object (mutable), faults, counters, and a JSON snapshot of everything. */
    state: {
      settings,
      get faults() { return faults; },
      counters,
      snapshot,
      model: org,
    },
    setFaults,
    clearFaults,
    seed,
    resetCounters,
    counters: snapshotCounters,
    /** A new session; returns the Cookie header value for Node clients. */
    login: () => `sid=${login()}`,
    expireSessions: () => sessions.clear(),
    xsrfToken: () => settings.xsrfToken,
    stop: () => new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const fake = await startFakeOkta({
    port: Number(process.env.PORT ?? 0),
    scenario: process.env.SCENARIO ?? 'clean',
    users: Number(process.env.USERS ?? 0),
    settings: { autoLogin: process.env.AUTO_LOGIN === '1' },
  });
  console.log(`fake okta: ${fake.url}/ (app ${fake.org.appId}; log in at ${fake.org.loginUrl('/')})`);
}
