// Seeds for the fake Okta org: a clean org (both Luciq attributes as the catalog says) and a broken
// one (the problems the audit of issue 10 must find). The app, the catalog and the people come from
// the console fixtures' data (tests/fixtures/console/data.mjs), so the console pages and the API of
// the fake show the same org. Plain data, no I/O.
import { APP, CATALOG, PEOPLE } from '../fixtures/console/data.mjs';

export { APP, CATALOG };
export const NAMESPACE = 'urn:ietf:params:scim:schemas:extension:instabug:2.0:User';
export const ROLE = 'instabugRole';
export const APPS = 'instabugApplications';
export const SCENARIOS = ['clean', 'broken', 'empty'];

const SEEDED_AT = '2024-01-01T00:00:00.000Z';

/** A custom attribute as GET /api/v1/meta/schemas/apps/{appId}/default returns it (DOMAIN.md §2). */
function attribute(title, extra) {
  return {
    title, description: '', type: 'string', mutability: 'READ_WRITE', scope: 'SELF',
    permissions: [{ principal: 'SELF', action: 'READ_WRITE' }], master: { type: 'PROFILE_MASTER' },
    required: false, ...extra,
  };
}
const namespaced = (name) => ({ externalName: name, externalNamespace: NAMESPACE });
const members = (pairs) => ({ enum: pairs.map(([, v]) => v), oneOf: pairs.map(([title, v]) => ({ const: v, title })) });

/** The catalog's two attributes, current setup: role a string enum, apps a string array. */
export function catalogAttributes(catalog = CATALOG) {
  return {
    [ROLE]: attribute('Instabug Role', { ...namespaced(ROLE), ...members(catalog.roles) }),
    [APPS]: attribute('Instabug Applications', {
      ...namespaced(APPS), type: 'array',
      items: { type: 'string', ...members(catalog.apps.map((a) => [a, a])) }, union: 'DISABLE',
    }),
  };
}

/** What the audit must find: role without a namespace and with enum drift ("administrator" for the
 * vendor's "adminstrator", Observer missing), apps the legacy plain string, app users whose values
 * Luciq rejects. */
export function brokenAttributes(catalog = CATALOG) {
  const roles = catalog.roles.filter(([t]) => t !== 'Observer')
    .map(([t, v]) => [t, v === 'adminstrator' ? 'administrator' : v]);
  return {
    [ROLE]: attribute('Instabug Role', members(roles)), // created before provisioning: no namespace
    [APPS]: attribute('Instabug Applications', namespaced(APPS)), // legacy: a plain string
  };
}

/** `count` generated people after the fixture's own, ids and logins stable across runs. */
export function people(count = 0) {
  const out = PEOPLE.map((p) => {
    const [firstName, ...rest] = p.name.split(' ');
    return { id: p.id, login: p.login, firstName, lastName: rest.join(' ') };
  });
  for (let i = 1; i <= count; i += 1) {
    const n = String(i).padStart(5, '0');
    out.push({ id: `00ugen${n}`, login: `user${n}@example.com`, firstName: 'User', lastName: n });
  }
  return out;
}

/**
 * A seed: `{app, features, schema: {custom properties}, users, appUsers, groups, appGroups,
 * mappingProperties}`. `users` adds that many generated people to the fixture's three.
 */
export function scenario(name = 'clean', { users = 0, catalog = CATALOG } = {}) {
  if (!SCENARIOS.includes(name)) throw new Error(`unknown scenario ${JSON.stringify(name)}: one of ${SCENARIOS.join(', ')}`);
  const everyone = people(users);
  const [ada, grace, alan] = everyone;
  const seed = {
    app: { ...APP },
    features: { provisioning: true, profilePush: true, createUsers: true, deactivateUsers: true },
    schema: {},
    users: everyone,
    appUsers: [],
    groups: [{ id: '00g1engineering', name: 'Engineering' }, { id: '00g2luciqadmins', name: 'Luciq Admins' }],
    appGroups: [],
    mappingProperties: {},
    createdAt: SEEDED_AT,
  };
  if (name === 'clean') {
    seed.schema = catalogAttributes(catalog);
    seed.appUsers = [
      { id: ada.id, userName: ada.login, profile: { [ROLE]: 'adminstrator', [APPS]: [catalog.apps[0], catalog.apps[1]] } },
      { id: grace.id, userName: grace.login, profile: { [ROLE]: 'member', [APPS]: [catalog.apps[2]] } },
    ];
  } else if (name === 'broken') {
    seed.schema = brokenAttributes(catalog);
    seed.appUsers = [
      // Each value looks right but is not (DOMAIN.md §5).
      { id: ada.id, userName: ada.login, profile: { [ROLE]: 'administrator', [APPS]: 'Acme Andr\u043eid' } },
      { id: grace.id, userName: grace.login, profile: { [ROLE]: 'Member ', [APPS]: 'Acme Web\u00a0' } },
      { id: alan.id, userName: alan.login, profile: { [ROLE]: 'viewer', [APPS]: 'Old App' } },
    ];
  }
  return seed;
}
