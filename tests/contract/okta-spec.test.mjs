// Contract: every body the payload builders can produce validates against Okta's own v2 spec
// (npm @okta/openapi 2.15.0, dist/spec.json, Swagger 2.0) and against the rules of
// ../../../shared/DOMAIN.md §2 that the spec cannot express.
//
// Run: node --test tests/contract/   (needs dist/pkg from scripts/build.sh)
import test, { describe } from 'node:test';
import assert from 'node:assert/strict';
import { api } from '../js/load.mjs';
import { RAW, DEFS, PATCHES, TARGETS, validators, validatorFor } from './okta-spec.mjs';

const URN = 'urn:ietf:params:scim:schemas:extension:instabug:2.0:User';
const ROLE = 'instabugRole';
const APPS = 'instabugApplications';
const ATTRIBUTES = [ROLE, APPS];

// ---------------------------------------------------------------------------------------------
// The spec, with its known defects patched one by one (never by loosening everything): the
// patches live in ./okta-spec.mjs, shared with the fake Okta org; the tests below check them.
// ---------------------------------------------------------------------------------------------

function assertValid(kind, body, context = '') {
  const errors = validators[kind](body);
  assert.equal(errors, null,
    `${context} ${TARGETS[kind]} rejects the body:\n${JSON.stringify(errors, null, 1)}\nbody: ${JSON.stringify(body)}`);
}

function assertInvalid(kind, body, expect) {
  const errors = validators[kind](body);
  assert.ok(errors, `${TARGETS[kind]} should reject ${JSON.stringify(body)}`);
  if (expect) {
    assert.ok(errors.some((e) => expect(e)), `no error of the expected kind: ${JSON.stringify(errors)}`);
  }
}

// ---------------------------------------------------------------------------------------------
// The rules of DOMAIN.md §2 that the spec cannot express.
// ---------------------------------------------------------------------------------------------

const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Problems with a schema body. `expect` (all optional) says what the request asked for:
 * setup, scope, roles (the role table) and apps (the apps enum; [] = none).
 */
function schemaProblems(body, expect = {}) {
  const out = [];
  const custom = body?.definitions?.custom;
  const props = custom?.properties;
  if (!props || typeof props !== 'object' || Array.isArray(props)) return ['no definitions.custom.properties'];
  if (!same(Object.keys(body), ['definitions']) || !same(Object.keys(body.definitions), ['custom'])) {
    out.push('the body holds more than definitions.custom');
  }
  if (custom.id !== '#custom' || custom.type !== 'object') out.push('definitions.custom is not {id: "#custom", type: "object"}');
  for (const [name, p] of Object.entries(props)) {
    if (!ATTRIBUTES.includes(name)) out.push(`${name}: not a Luciq attribute`);
    if (p === null) continue; // a delete
    if (p.externalName !== name) out.push(`${name}: externalName ${JSON.stringify(p.externalName)} is not the variable name`);
    if (p.externalNamespace !== URN) out.push(`${name}: externalNamespace ${JSON.stringify(p.externalNamespace)} is not ${URN}`);
    let holder = p;
    if (p.type === 'array') {
      holder = p.items ?? {};
      if (p.items?.type !== 'string') out.push(`${name}: array items.type is ${JSON.stringify(p.items?.type)}, not "string"`);
      if (p.union !== 'DISABLE') out.push(`${name}: array union is ${JSON.stringify(p.union)}, not "DISABLE"`);
      for (const k of ['enum', 'oneOf']) if (k in p) out.push(`${name}: array has ${k} on the property instead of its items`);
    } else if (p.type === 'string') {
      for (const k of ['items', 'union']) if (k in p) out.push(`${name}: a string attribute has ${k}`);
    } else {
      out.push(`${name}: type ${JSON.stringify(p.type)} is neither string nor array`);
    }
    if (p.union === 'ENABLE' && p.scope === 'SELF') out.push(`${name}: union ENABLE with scope SELF`);
    if ('oneOf' in holder) {
      if (!Array.isArray(holder.enum)) {
        out.push(`${name}: oneOf without enum`);
      } else if (!same(holder.oneOf.map((o) => o.const), holder.enum)) {
        out.push(`${name}: oneOf consts ${JSON.stringify(holder.oneOf.map((o) => o.const))} differ from enum ${JSON.stringify(holder.enum)} (same set, same order)`);
      }
      for (const o of holder.oneOf) {
        if (typeof o.title !== 'string' || o.title === '') out.push(`${name}: oneOf entry without a title: ${JSON.stringify(o)}`);
      }
    }
    if ('enum' in holder) {
      if (!Array.isArray(holder.enum) || holder.enum.length === 0) out.push(`${name}: enum is not a non-empty list`);
      else {
        if (!holder.enum.every((v) => typeof v === 'string')) out.push(`${name}: enum values are not all strings: ${JSON.stringify(holder.enum)}`);
        if (new Set(holder.enum).size !== holder.enum.length) out.push(`${name}: enum has duplicates`);
      }
    }
    // What the request asked for.
    if (expect.setup) {
      const type = name === APPS && expect.setup === 'current' ? 'array' : 'string';
      if (p.type !== type) out.push(`${name}: type ${p.type}, expected ${type} for setup ${expect.setup}`);
    }
    if (expect.scope && p.scope !== expect.scope) out.push(`${name}: scope ${p.scope}, expected ${expect.scope}`);
    if (name === ROLE && expect.roles) {
      if (!same(holder.enum, expect.roles.map((r) => r.value))) out.push(`${name}: enum ${JSON.stringify(holder.enum)} is not the role values`);
      if (!same(holder.oneOf?.map((o) => o.title), expect.roles.map((r) => r.title))) out.push(`${name}: oneOf titles are not the role titles`);
    }
    if (name === APPS && expect.apps !== undefined) {
      const want = expect.apps.length ? expect.apps : undefined;
      if (!same(holder.enum, want)) out.push(`${name}: enum ${JSON.stringify(holder.enum)}, expected ${JSON.stringify(want)}`);
    }
    if (p.title !== (name === ROLE ? 'Instabug Role' : 'Instabug Applications')) out.push(`${name}: title ${JSON.stringify(p.title)}`);
    if (!same(p.master, { type: 'PROFILE_MASTER' })) out.push(`${name}: master is not PROFILE_MASTER`);
  }
  return out;
}

function assertSchemaBody(body, expect, context) {
  assertValid('schema', body, context);
  assert.deepEqual(schemaProblems(body, expect), [], `${context}: ${JSON.stringify(body)}`);
}

/** Problems with an assignment profile for a setup. */
function profileProblems(profile, setup) {
  const out = [];
  for (const [k, v] of Object.entries(profile)) {
    if (!ATTRIBUTES.includes(k)) out.push(`${k}: not a Luciq attribute`);
    if (k === ROLE && typeof v !== 'string') out.push(`${k}: ${JSON.stringify(v)} is not a string`);
    if (k === APPS && setup === 'current' && !(Array.isArray(v) && v.every((x) => typeof x === 'string'))) {
      out.push(`${k}: ${JSON.stringify(v)} is not a list of strings`);
    }
    if (k === APPS && setup === 'legacy' && typeof v !== 'string') out.push(`${k}: ${JSON.stringify(v)} is not a string (legacy)`);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------------------------

const SETUPS = ['current', 'legacy'];
const CATALOG = ['Acme iOS', 'Acme Android', 'Acme Web (beta)'];
const CUSTOM_ROLES = [
  { title: 'Lead', value: 'lead', confirmed: true },
  { title: 'Admin', value: 'adminstrator', confirmed: true },
  { title: 'Read only', value: 'read_only', confirmed: false },
];
const DEFAULT_ROLES = api.luciqProfile({ setup: 'current' }).roles;

/**
 * The request without its undefined fields. The wasm API refuses `{scope: undefined}` with
 * "invalid type: unit value, expected enum Scope" (same for setup and pushStatus), although the
 * .d.ts declares them optional; the cases below mean "left out", so they are left out.
 */
const clean = (req) => Object.fromEntries(Object.entries(req).filter(([, v]) => v !== undefined));

function thrown(fn) {
  try {
    fn();
  } catch (e) {
    return e;
  }
  assert.fail('expected an error');
}

// ---------------------------------------------------------------------------------------------
// The patches themselves
// ---------------------------------------------------------------------------------------------

describe('the spec and its patches', () => {
  test('(a) enum definitions typed "object" were patched to "string"; all four are strings now', () => {
    for (const name of ['UserSchemaAttributeScope', 'UserSchemaAttributeUnion', 'ProfileMappingPropertyPushStatus']) {
      assert.equal(RAW[name].type, 'object', `${name} is "object" as published`);
      assert.ok(PATCHES.enumTypes.includes(name), `${name} was patched`);
    }
    for (const name of ['UserSchemaAttributeScope', 'UserSchemaAttributeUnion', 'UserSchemaAttributeMasterType', 'ProfileMappingPropertyPushStatus']) {
      assert.equal(DEFS[name].type, 'string', name);
      assert.ok(DEFS[name].enum.length >= 2, name);
    }
    // Nothing that is not a string enum was touched.
    for (const name of PATCHES.enumTypes) assert.ok(RAW[name].enum.every((v) => typeof v === 'string'));
  });

  test('(b) null is allowed exactly at the three documented places', () => {
    assert.deepEqual(PATCHES.nullable, ['UserSchemaPublic.properties.additionalProperties',
      'ProfileMappingProperty.expression', 'ProfileMappingProperty.pushStatus']);
    const nullSchemas = [];
    const walk = (node, where) => {
      if (node && typeof node === 'object') {
        if (node.type === 'null' || (Array.isArray(node.type) && node.type.includes('null'))) nullSchemas.push(where);
        for (const [k, v] of Object.entries(node)) walk(v, `${where}/${k}`);
      }
    };
    walk(DEFS, '');
    assert.deepEqual(nullSchemas.sort(), [
      '/ProfileMappingProperty/properties/expression/anyOf/0',
      '/ProfileMappingProperty/properties/pushStatus/anyOf/0',
      '/UserSchemaPublic/properties/properties/additionalProperties/anyOf/0',
    ]);
  });

  test('(c) and (d) are applied', () => {
    assert.equal(PATCHES.closed.length, 6);
    assert.deepEqual(PATCHES.profileValues, ['AppUser.profile.additionalProperties', 'ApplicationGroupAssignment.profile.additionalProperties']);
  });

  test('the defects are real: the unpatched spec rejects correct bodies', () => {
    const raw = Object.fromEntries(Object.entries(TARGETS).map(([k, t]) => [k, validatorFor(RAW, t)]));
    const schema = api.buildSchemaPayload({}).body;
    assert.ok(raw.schema(schema).some((e) => e.instancePath.endsWith('/scope') && e.keyword === 'type'), '(a) scope');
    assert.ok(raw.schema(api.buildSchemaDeletePayload({ attributes: [ROLE] }).body), '(b) delete');
    const mapping = api.buildMappingPayload({ role: { from: 'assignment' }, apps: { from: 'attribute', attribute: 'luciqApps' } }).body;
    assert.ok(raw.mapping(mapping), '(a) pushStatus, (b) null expression');
    const user = api.buildAssignmentPayload({ userId: '00u1', userName: 'ada@example.com', role: 'member' }).body;
    assert.ok(raw.user(user).some((e) => e.instancePath === '/profile/instabugRole'), '(d) profile value');
  });
});

// ---------------------------------------------------------------------------------------------
// Negative controls: the validator and the rule checks do reject wrong bodies.
// ---------------------------------------------------------------------------------------------

describe('negative controls', () => {
  const good = () => structuredClone(api.buildSchemaPayload({ apps: CATALOG }).body);
  const role = (b) => b.definitions.custom.properties[ROLE];
  const apps = (b) => b.definitions.custom.properties[APPS];

  test('a correct body passes (so the rejections below are about the change)', () => {
    assertSchemaBody(good(), { setup: 'current', scope: 'SELF', roles: DEFAULT_ROLES, apps: CATALOG }, 'control');
  });

  test('scope "PERSONAL" is rejected', () => {
    const b = good();
    role(b).scope = 'PERSONAL';
    assertInvalid('schema', b, (e) => e.instancePath.endsWith('/instabugRole/scope') && e.keyword === 'enum');
  });

  test('type "strin" is rejected', () => {
    const b = good();
    role(b).type = 'strin';
    assertInvalid('schema', b, (e) => e.instancePath.endsWith('/instabugRole/type') && e.keyword === 'enum');
  });

  test('a misspelt field "externalNamspace" is rejected', () => {
    const b = good();
    role(b).externalNamspace = role(b).externalNamespace;
    delete role(b).externalNamespace;
    assertInvalid('schema', b, (e) => e.keyword === 'additionalProperties' && e.params.additionalProperty === 'externalNamspace');
  });

  test('misspelt fields in items, oneOf, master and permissions are rejected', () => {
    let b = good();
    apps(b).items.enums = apps(b).items.enum;
    assertInvalid('schema', b, (e) => e.params.additionalProperty === 'enums');
    b = good();
    role(b).oneOf[0].constant = 'x';
    assertInvalid('schema', b, (e) => e.params.additionalProperty === 'constant');
    b = good();
    role(b).master = { typ: 'PROFILE_MASTER' };
    assertInvalid('schema', b, (e) => e.params.additionalProperty === 'typ');
    b = good();
    role(b).master = { type: 'PROFILE' };
    assertInvalid('schema', b, (e) => e.keyword === 'enum');
    b = good();
    role(b).permissions[0].actions = 'READ_ONLY';
    assertInvalid('schema', b, (e) => e.params.additionalProperty === 'actions');
    b = good();
    apps(b).union = 'DISABLED';
    assertInvalid('schema', b, (e) => e.instancePath.endsWith('/union'));
  });

  test('null is rejected outside the documented places', () => {
    const b = good();
    role(b).title = null;
    assertInvalid('schema', b, (e) => e.instancePath.endsWith('/instabugRole/title'));
    assertInvalid('schema', { definitions: { custom: null } });
    assertInvalid('user', { id: '00u1', scope: 'USER', profile: { instabugRole: null } });
    assertInvalid('group', { priority: 0, profile: { instabugApplications: null } });
  });

  test('wrong mapping and assignment bodies are rejected', () => {
    assertInvalid('mapping', { properties: { instabugRole: { expression: 'user.x', pushStatus: 'PUSHED' } } });
    assertInvalid('mapping', { properties: { instabugRole: { expression: 42, pushStatus: 'PUSH' } } });
    assertInvalid('mapping', { properties: { instabugRole: { expresion: 'user.x', pushStatus: 'PUSH' } } },
      (e) => e.params.additionalProperty === 'expresion');
    assertInvalid('user', { id: 7, scope: 'USER', profile: {} });
    assertInvalid('user', { id: '00u1', scope: 'USER', profile: { instabugRole: { value: 'member' } } });
    assertInvalid('group', { priority: '0', profile: {} });
    assertInvalid('group', { priority: 0.5, profile: {} });
  });

  test('the DOMAIN.md rules catch what the spec cannot', () => {
    const problems = (mutate) => {
      const b = good();
      mutate(b);
      assert.equal(validators.schema(b), null, 'still valid for the spec');
      return schemaProblems(b);
    };
    const has = (list, text) => assert.ok(list.some((p) => p.includes(text)), `${JSON.stringify(list)} lacks ${text}`);
    has(problems((b) => role(b).oneOf.reverse()), 'differ from enum');
    has(problems((b) => role(b).oneOf.pop()), 'differ from enum');
    has(problems((b) => delete role(b).enum), 'oneOf without enum');
    has(problems((b) => { apps(b).items.type = 'number'; }), 'items.type');
    has(problems((b) => { apps(b).union = 'ENABLE'; }), 'union');
    has(problems((b) => { role(b).externalName = 'instabug_role'; }), 'externalName');
    has(problems((b) => { role(b).externalNamespace = 'urn_ietf:params:scim:schemas:extension:instabug:2.0:User'; }), 'externalNamespace');
    has(problems((b) => { apps(b).enum = apps(b).items.enum; }), 'instead of its items');
    assert.deepEqual(profileProblems({ instabugApplications: 'Acme iOS' }, 'current').length, 1);
    assert.deepEqual(profileProblems({ instabugApplications: ['Acme iOS'] }, 'legacy').length, 1);
  });
});

// ---------------------------------------------------------------------------------------------
// Every body the builders can produce
// ---------------------------------------------------------------------------------------------

describe('buildSchemaPayload', () => {
  const appsCases = { absent: undefined, empty: [], given: CATALOG };
  const roleCases = { default: undefined, custom: CUSTOM_ROLES };
  for (const setup of SETUPS) {
    for (const scope of ['SELF', 'NONE', undefined]) {
      for (const [appsName, apps] of Object.entries(appsCases)) {
        for (const [rolesName, roles] of Object.entries(roleCases)) {
          const name = `setup ${setup}, scope ${scope ?? 'default'}, apps ${appsName}, roles ${rolesName}`;
          test(name, () => {
            const req = { setup, scope, apps, roles };
            const call = api.buildSchemaPayload(clean(req));
            assert.equal(call.method, 'POST');
            assert.equal(call.path, '/api/v1/meta/schemas/apps/{appId}/default');
            assert.deepEqual(Object.keys(call.body.definitions.custom.properties).sort(), [...ATTRIBUTES].sort());
            assertSchemaBody(call.body, { setup, scope: scope ?? 'SELF', roles: roles ?? DEFAULT_ROLES, apps: apps ?? [] }, name);
          });
        }
      }
    }
  }
});

describe('buildSchemaDeletePayload', () => {
  for (const attributes of [[ROLE], [APPS], [ROLE, APPS]]) {
    test(attributes.join(' and '), () => {
      const call = api.buildSchemaDeletePayload({ attributes });
      assert.equal(call.method, 'POST');
      assert.equal(call.path, '/api/v1/meta/schemas/apps/{appId}/default');
      assertValid('schema', call.body, attributes.join());
      const props = call.body.definitions.custom.properties;
      assert.deepEqual(Object.keys(props).sort(), [...attributes].sort());
      assert.ok(Object.values(props).every((v) => v === null));
      assert.deepEqual(schemaProblems(call.body), []);
    });
  }
});

describe('buildMappingPayload', () => {
  const roleSources = {
    assignment: { from: 'assignment' },
    attribute: { from: 'attribute', attribute: 'luciqRole' },
    'groups+fallback': { from: 'groups', rules: [{ group: 'Luciq Admins', value: 'adminstrator' }, { group: 'Engineering', value: 'member' }], fallback: 'viewer' },
    groups: { from: 'groups', rules: [{ group: 'Luciq Admins', value: 'adminstrator' }] },
  };
  const appsSources = (setup) => ({
    assignment: { from: 'assignment' },
    attribute: { from: 'attribute', attribute: 'luciq_apps' },
    'groups+fallback': {
      from: 'groups',
      rules: [{ group: 'Mobile', value: setup === 'current' ? ['Acme iOS', 'Acme Android'] : ['Acme iOS'] }, { group: 'Web', value: ['Acme Web (beta)'] }],
      fallback: setup === 'current' ? [] : ['Acme Web (beta)'],
    },
    groups: { from: 'groups', rules: [{ group: 'Mobile', value: ['Acme iOS'] }] },
  });
  for (const setup of SETUPS) {
    for (const pushStatus of ['PUSH', 'DONT_PUSH', undefined]) {
      for (const [roleName, role] of Object.entries(roleSources)) {
        for (const [appsName, apps] of Object.entries(appsSources(setup))) {
          const name = `${setup}, ${pushStatus ?? 'default push'}: role from ${roleName}, apps from ${appsName}`;
          test(name, () => {
            const call = api.buildMappingPayload(clean({ role, apps, pushStatus, setup, catalog: CATALOG }));
            assert.equal(call.method, 'POST');
            assert.equal(call.path, '/api/v1/mappings/{mappingId}');
            assertValid('mapping', call.body, name);
            const props = call.body.properties;
            assert.deepEqual(Object.keys(call.body), ['properties']);
            assert.deepEqual(Object.keys(props).sort(), [...ATTRIBUTES].sort());
            for (const [attr, source] of [[ROLE, role], [APPS, apps]]) {
              const p = props[attr];
              assert.deepEqual(Object.keys(p).sort(), ['expression', 'pushStatus']);
              if (source.from === 'assignment') {
                assert.deepEqual(p, { expression: null, pushStatus: null }, `${attr}: removed`);
              } else {
                assert.equal(p.pushStatus, pushStatus ?? 'PUSH', attr);
                assert.equal(typeof p.expression, 'string');
                if (source.from === 'attribute') assert.equal(p.expression, `user.${source.attribute}`);
                if (source.from === 'groups') {
                  assert.ok(p.expression.startsWith('isMemberOfGroupName("'), p.expression);
                  // Legacy apps are one plain string: no array literal in the expression.
                  if (attr === APPS && setup === 'legacy') assert.ok(!p.expression.includes('{'), p.expression);
                  if (attr === APPS && setup === 'current') assert.ok(p.expression.includes('{"Acme iOS"'), p.expression);
                }
              }
            }
          });
        }
      }
    }
  }

  test('custom role table, no catalog', () => {
    const call = api.buildMappingPayload({
      roles: CUSTOM_ROLES,
      role: { from: 'groups', rules: [{ group: 'Leads', value: 'lead' }], fallback: 'read_only' },
      apps: { from: 'groups', rules: [{ group: 'Mobile', value: ['Acme iOS'] }] },
    });
    assertValid('mapping', call.body, 'custom roles');
    assert.equal(call.body.properties[ROLE].expression, 'isMemberOfGroupName("Leads") ? "lead" : "read_only"');
  });
});

describe('buildAssignmentPayload', () => {
  const cases = (setup) => ({
    'role only': { role: 'adminstrator' },
    'apps only': { apps: setup === 'current' ? ['Acme iOS', 'Acme Web (beta)'] : ['Acme iOS'] },
    both: { role: 'member', apps: ['Acme Android'] },
    neither: {},
    'custom role': { role: 'lead', roles: CUSTOM_ROLES },
    ...(setup === 'current' ? { 'empty apps': { apps: [] } } : {}),
  });
  for (const setup of SETUPS) {
    for (const [caseName, extra] of Object.entries(cases(setup))) {
      const name = `${setup}: ${caseName}`;
      test(name, () => {
        const req = { setup, userId: '00u1abcd2EFGH3ijk4x7', userName: 'ada@example.com', catalog: CATALOG, ...extra };
        const call = api.buildAssignmentPayload(req);
        assert.equal(call.method, 'POST');
        assert.equal(call.path, '/api/v1/apps/{appId}/users');
        assertValid('user', call.body, name);
        assert.equal(call.body.id, req.userId);
        assert.equal(call.body.scope, 'USER');
        assert.deepEqual(call.body.credentials, { userName: req.userName });
        assert.deepEqual(profileProblems(call.body.profile, setup), []);
        assert.equal(call.body.profile[ROLE], extra.role);
        const apps = extra.apps && (setup === 'current' ? extra.apps : extra.apps[0]);
        assert.deepEqual(call.body.profile[APPS], apps);
      });
    }
  }

  // Regression (found by these tests, since fixed): legacy + apps [] puts `"instabugApplications": null` in the assignment profile. The
  // brief allows null only at the schema delete and the mapping removal; the SCIM preview for the
  // same request leaves the attribute out, and the current setup sends [].
  test('legacy: empty apps is a string or left out, never null', () => {
    const call = api.buildAssignmentPayload({ setup: 'legacy', userId: '00u1', userName: 'ada@example.com', apps: [] });
    assertValid('user', call.body, 'legacy empty apps');
    assert.deepEqual(profileProblems(call.body.profile, 'legacy'), []);
  });
});

describe('buildGroupAssignmentPayload', () => {
  const values = {
    'role only': { role: 'viewer' },
    'apps only': { apps: ['Acme iOS'] },
    both: { role: 'member', apps: ['Acme iOS'] },
    neither: {},
  };
  for (const setup of SETUPS) {
    for (const priority of [undefined, 0, 1, 7, 100]) {
      for (const [valuesName, extra] of Object.entries(values)) {
        const name = `${setup}, priority ${priority ?? 'default'}, ${valuesName}`;
        test(name, () => {
          const req = { setup, groupId: '00g1abcd2EFGH3ijk4x7', priority, scope: 'NONE', catalog: CATALOG, ...extra };
          const call = api.buildGroupAssignmentPayload(clean(req));
          assert.equal(call.method, 'PUT');
          assert.equal(call.path, '/api/v1/apps/{appId}/groups/{groupId}');
          assertValid('group', call.body, name);
          assert.deepEqual(Object.keys(call.body).sort(), ['priority', 'profile']);
          assert.equal(call.body.priority, priority ?? 0);
          assert.deepEqual(profileProblems(call.body.profile, setup), []);
        });
      }
    }
  }

  test('Personal attributes (scope SELF or default) and negative priorities are refused', () => {
    for (const scope of ['SELF', undefined]) {
      assert.equal(thrown(() => api.buildGroupAssignmentPayload(clean({ groupId: '00g1', scope, role: 'member' }))).code, 'personal-scope');
    }
    assert.equal(thrown(() => api.buildGroupAssignmentPayload({ groupId: '00g1', scope: 'NONE', priority: -1 })).code, 'invalid-priority');
  });
});

describe('planSchema steps', () => {
  const attr = (title, extra) => ({
    title, type: 'string', mutability: 'READ_WRITE', scope: 'NONE', permissions: [{ principal: 'SELF', action: 'READ_WRITE' }],
    master: { type: 'PROFILE_MASTER' }, required: false, ...extra,
  });
  // The shape of GET /api/v1/meta/schemas/apps/{appId}/default.
  const okta = (properties) => ({
    id: 'https://acme.okta.com/meta/schemas/apps/0oa1/default', $schema: 'http://json-schema.org/draft-04/schema#',
    name: 'luciq', title: 'Luciq User', type: 'object',
    definitions: {
      base: { id: '#base', type: 'object', properties: { userName: { title: 'Username', type: 'string', required: true } }, required: ['userName'] },
      custom: { id: '#custom', type: 'object', properties, required: [] },
    },
    properties: { profile: { allOf: [{ $ref: '#/definitions/custom' }, { $ref: '#/definitions/base' }] } },
  });
  const seedRole = attr('Instabug Role', { enum: ['owner', 'admin', 'member', 'viewer'], oneOf: ['Owner', 'admin', 'Member', 'Viewer'].map((t) => ({ const: t.toLowerCase(), title: t })) });
  const currents = {
    empty: {},
    'no custom properties': okta({}),
    // The seed's (older doc's) attributes, created in the console before provisioning: plain
    // strings without externalName/externalNamespace.
    'seed legacy strings without namespace': okta({ instabugRole: seedRole, instabugApplications: attr('Instabug Applications', { enum: ['Acme iOS'], oneOf: [{ const: 'Acme iOS', title: 'Acme iOS' }] }) }),
    'seed legacy strings, apps without enum': okta({ instabugRole: seedRole, instabugApplications: attr('Instabug Applications') }),
    'correct current': okta(api.buildSchemaPayload({ setup: 'current', apps: CATALOG }).body.definitions.custom.properties),
    'correct legacy': okta(api.buildSchemaPayload({ setup: 'legacy', apps: CATALOG }).body.definitions.custom.properties),
    'current with an unrelated attribute and a deleted one': okta({ costCenter: attr('Cost center'), instabugRole: null }),
    'current, group scope and union ENABLE': okta(Object.fromEntries(Object.entries(api.buildSchemaPayload({ setup: 'current', scope: 'NONE' }).body.definitions.custom.properties)
      .map(([k, v]) => [k, k === APPS ? { ...v, union: 'ENABLE' } : v]))),
  };
  for (const [currentName, current] of Object.entries(currents)) {
    for (const setup of SETUPS) {
      for (const [reqName, req] of Object.entries({ 'apps given': { apps: CATALOG }, 'apps absent': {}, 'scope NONE': { scope: 'NONE', apps: CATALOG } })) {
        const name = `${currentName} → ${setup}, ${reqName}`;
        test(name, () => {
          const plan = api.planSchema(clean({ current, setup, ...req }));
          assert.deepEqual(plan.next, plan.steps[0]?.body ?? null);
          for (const [i, step] of plan.steps.entries()) {
            assert.equal(step.method, 'POST');
            assert.equal(step.path, '/api/v1/meta/schemas/apps/{appId}/default');
            assertValid('schema', step.body, `${name}, step ${i}`);
            // Without a catalog the plan keeps the admin's own apps enum, so only check it when given.
            const expect = { setup, scope: req.scope ?? 'SELF', roles: DEFAULT_ROLES, apps: req.apps };
            assert.deepEqual(schemaProblems(step.body, expect), [], `${name}, step ${i}: ${JSON.stringify(step.body)}`);
          }
          const deletes = plan.steps.filter((s) => Object.values(s.body.definitions.custom.properties).some((v) => v === null));
          assert.equal(deletes.length, plan.attributes.filter((a) => a.action === 'recreate').length ? 1 : 0);
          if (currentName.startsWith('correct ') && currentName.endsWith(setup) && reqName === 'apps given') {
            assert.deepEqual(plan.steps, [], 'nothing to do for a correct schema');
          }
        });
      }
    }
  }

  // Regression (found by these tests, since fixed): without a catalog the plan copies the existing apps enum into the new definition
  // as it is, even when the existing attribute was a number (array) with numeric enum values:
  // the recreated string array then carries `items.enum: [1, 2]` and numeric `const`s, which the
  // spec (UserSchemaAttributeItems.enum: string[]) rejects and Okta answers with a 500 (DOMAIN.md §5).
  for (const [name, existing] of Object.entries({
    number: { title: 'Instabug Applications', type: 'number', enum: [1, 2], oneOf: [{ const: 1, title: 'one' }, { const: 2, title: 'two' }] },
    'integer array': { title: 'Instabug Applications', type: 'array', items: { type: 'integer', enum: [1, 2], oneOf: [{ const: 1, title: 'one' }, { const: 2, title: 'two' }] }, union: 'DISABLE' },
  })) {
    test(`a ${name} apps attribute with a numeric enum is recreated as valid strings`, () => {
      const plan = api.planSchema({ current: okta({ instabugApplications: existing }) });
      for (const step of plan.steps) {
        assertValid('schema', step.body, name);
        assert.deepEqual(schemaProblems(step.body), []);
      }
    });
  }

  test('a malformed current schema is refused', () => {
    for (const current of [null, 'schema', [], 42]) {
      assert.equal(thrown(() => api.planSchema({ current })).code, 'invalid-schema');
    }
  });
});

describe('exportCurl bodies', () => {
  // The script's calls: okta METHOD "path" 'json' (single-quoted, ' written '\'').
  const calls = (script) => [...script.matchAll(/^okta (GET|POST|PUT|DELETE) "([^"]+)" '((?:[^']|'\\'')*)'$/gm)]
    .map(([, method, p, json]) => ({ method, path: p, body: JSON.parse(json.replaceAll("'\\''", "'")) }));
  const kindOf = (p) => (p.includes('/meta/schemas/') ? 'schema' : p.includes('/mappings/') ? 'mapping'
    : /\/groups\//.test(p) ? 'group' : /\/users$/.test(p) ? 'user' : assert.fail(`unknown path ${p}`));
  for (const setup of SETUPS) {
    test(setup, () => {
      const script = api.exportCurl({
        setup, org: 'acme-admin.okta.com', appId: '0oa1abcd', apps: CATALOG, scope: 'NONE',
        mapping: { role: { from: 'groups', rules: [{ group: "O'Brien \"Team\"", value: 'member' }], fallback: 'viewer' }, apps: { from: 'assignment' }, pushStatus: 'DONT_PUSH' },
        users: [{ userId: '00u1', userName: 'ada@example.com', apps: ['Acme iOS'] }, { userId: '00u2', userName: "o'brien@example.com" }],
      });
      const found = calls(script);
      assert.deepEqual(found.map((c) => kindOf(c.path)), ['schema', 'mapping', 'user', 'user']);
      for (const c of found) assertValid(kindOf(c.path), c.body, `${setup} ${c.path}`);
      assert.deepEqual(schemaProblems(found[0].body, { setup, scope: 'NONE', roles: DEFAULT_ROLES, apps: CATALOG }), []);
    });
  }

  // Regression (found by these tests, since fixed): DOMAIN.md §2 "A mapped attribute with push enabled can't be set on the assignment
  // (403 E0000075)". The script maps instabugRole with PUSH and then assigns users with an
  // instabugRole in their profile; with `set -eu` and --fail-with-body it stops at that call.
  test('a role mapped with PUSH is not also set on the user assignments', () => {
    const script = api.exportCurl({
      org: 'acme.okta.com', appId: '0oa1abcd',
      mapping: { role: { from: 'groups', rules: [{ group: 'Luciq Admins', value: 'adminstrator' }], fallback: 'member' }, apps: { from: 'assignment' } },
      users: [{ userId: '00u1', userName: 'ada@example.com', role: 'member', apps: ['Acme iOS'] }],
    });
    for (const c of calls(script).filter((c) => kindOf(c.path) === 'user')) {
      assert.ok(!(ROLE in c.body.profile), JSON.stringify(c.body));
    }
  });
});
