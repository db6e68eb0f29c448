// Contract: what previewScim says Luciq will receive is a valid SCIM 2.0 user (RFC 7643) with the
// Luciq extension, as a SCIM server library (scimmy) parses it, and the values survive the trip.
//
// The extension (DOMAIN.md §1 and §3): urn:ietf:params:scim:schemas:extension:instabug:2.0:User
// with instabugRole (string, single-valued) and instabugApplications (string, multi-valued in
// the current setup; a single string in the legacy one).
import test, { describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import SCIMMY from 'scimmy';
import { api } from '../js/load.mjs';

const CORE = 'urn:ietf:params:scim:schemas:core:2.0:User';
const URN = 'urn:ietf:params:scim:schemas:extension:instabug:2.0:User';
const { Attribute, SchemaDefinition } = SCIMMY.Types;

/** The Luciq extension as Luciq would declare it for a setup. */
function luciqExtension(setup) {
  return new SchemaDefinition('LuciqUser', URN, `Luciq (formerly Instabug) user attributes, ${setup} setup`, [
    new Attribute('string', 'instabugRole', { multiValued: false, caseExact: true, description: "The user's Luciq role" }),
    new Attribute('string', 'instabugApplications', { multiValued: setup === 'current', caseExact: true, description: 'Luciq app names' }),
  ]);
}

const EXTENSIONS = { current: luciqExtension('current'), legacy: luciqExtension('legacy') };

/**
 * SCIMMY.Schemas.User is one global definition and can hold the extension URN only once, so each
 * setup's describe block extends it before its tests and truncates it after (node:test runs the
 * tests of a file one after another).
 */
function withExtension(setup) {
  before(() => SCIMMY.Schemas.User.extend(EXTENSIONS[setup], false));
  after(() => SCIMMY.Schemas.User.truncate(EXTENSIONS[setup]));
}

/** Parses a resource the way a SCIM server does for an inbound request; returns plain JSON. */
const parse = (resource) => JSON.parse(JSON.stringify(new SCIMMY.Schemas.User(resource, 'in')));
/** The same through the schema definition directly. */
const coerce = (resource) => JSON.parse(JSON.stringify(SCIMMY.Schemas.User.definition.coerce(resource, 'in')));

/** What scimmy adds on its own (meta.resourceType), removed for the round trip. */
function withoutMeta(resource) {
  const { meta, ...rest } = resource;
  assert.deepEqual(meta, { resourceType: 'User' });
  return rest;
}

/** Our own checks, for what scimmy tolerates (it re-adds a missing extension URN, drops unknown keys). */
function shapeProblems(resource, setup) {
  const out = [];
  const ext = resource[URN];
  if (resource.schemas?.[0] !== CORE) out.push('schemas[0] is not the core User schema');
  if (Boolean(ext) !== resource.schemas.includes(URN)) out.push('the extension URN is listed iff the extension is present: no');
  if (ext) {
    if (Object.keys(ext).length === 0) out.push('an empty extension object');
    for (const [k, v] of Object.entries(ext)) {
      if (k === 'instabugRole') {
        if (typeof v !== 'string') out.push(`${k} is not a string`);
      } else if (k === 'instabugApplications') {
        if (setup === 'current' ? !(Array.isArray(v) && v.every((x) => typeof x === 'string')) : typeof v !== 'string') {
          out.push(`${k} has the wrong shape for ${setup}: ${JSON.stringify(v)}`);
        }
      } else {
        out.push(`unknown extension attribute ${k}`);
      }
    }
  }
  for (const k of Object.keys(resource)) {
    if (k.startsWith('urn:') && k !== URN) out.push(`unexpected extension ${k}`);
  }
  return out;
}

/** The preview's user resource; the cases here have nothing to warn about. */
function previewUser(request) {
  const { user, warnings, ...rest } = api.previewScim(request);
  assert.deepEqual(rest, {});
  assert.deepEqual(warnings, [], JSON.stringify(warnings));
  return user;
}

function thrown(fn) {
  try {
    fn();
  } catch (e) {
    return e;
  }
  return null;
}

const CASES = {
  current: {
    'role and apps': { role: 'adminstrator', apps: ['Acme iOS', 'Acme Web (beta)'] },
    'role only': { role: 'member' },
    'apps only': { apps: ['Acme Android'] },
    neither: {},
    'names and unicode apps': { role: 'viewer', apps: ['Ünïcødé App', '日本語', 'Acme "Pro"'], givenName: 'Ada', familyName: "O'Lovelace" },
    'custom role value': { role: 'read_only', roles: [{ title: 'Read only', value: 'read_only', confirmed: false }] },
    'empty apps': { role: 'member', apps: [] },
  },
  legacy: {
    'role and one app': { role: 'adminstrator', apps: ['Acme iOS'] },
    'role only': { role: 'member' },
    'app only': { apps: ['Acme Android'] },
    neither: {},
    'empty apps': { apps: [] },
    'names': { role: 'owner', apps: ['Acme Web (beta)'], givenName: 'Grace', familyName: 'Hopper' },
  },
};

for (const setup of ['current', 'legacy']) {
  describe(`previewScim, ${setup} setup`, () => {
    withExtension(setup);

    for (const [name, extra] of Object.entries(CASES[setup])) {
      test(name, () => {
        const userName = 'ada@example.com';
        const preview = previewUser({ setup, userName, ...extra });
        assert.deepEqual(shapeProblems(preview, setup), [], JSON.stringify(preview));

        // scimmy accepts it, both as a resource and through the definition, and gives it back.
        const parsed = parse(preview);
        assert.deepEqual(withoutMeta(parsed), preview, 'round trip through new SCIMMY.Schemas.User');
        assert.deepEqual(withoutMeta(coerce(preview)), preview, 'round trip through definition.coerce');

        // The values are the ones asked for, under the namespace, keyed by external name.
        assert.equal(parsed.userName, userName);
        assert.deepEqual(parsed.emails, [{ value: userName, primary: true, type: 'work' }]);
        const ext = parsed[URN] ?? {};
        assert.equal(ext.instabugRole, extra.role);
        const apps = extra.apps && (setup === 'current' ? extra.apps : extra.apps[0]);
        assert.deepEqual(ext.instabugApplications, apps);
        if (extra.role === undefined && !apps) assert.deepEqual(preview.schemas, [CORE], 'no extension without values');
        if (extra.givenName) assert.deepEqual(parsed.name, { givenName: extra.givenName, familyName: extra.familyName });
      });
    }

    test('negative control: wrong types are rejected', () => {
      const good = previewUser({ setup, userName: 'ada@example.com', role: 'member', apps: ['Acme iOS'] });
      const bad = (ext) => ({ ...good, [URN]: { ...good[URN], ...ext } });
      const rejects = (resource, pattern) => {
        const e = thrown(() => parse(resource));
        assert.ok(e, `accepted ${JSON.stringify(resource[URN])}`);
        assert.match(e.message, pattern);
        assert.ok(thrown(() => coerce(resource)), 'definition.coerce rejects it too');
      };
      rejects(bad({ instabugApplications: 5 }), /instabugApplications/);
      rejects(bad({ instabugApplications: [5] }), /instabugApplications/);
      rejects(bad({ instabugRole: ['member'] }), /instabugRole.*not multi-valued/);
      rejects(bad({ instabugRole: 7 }), /instabugRole.*string/);
      rejects({ ...good, userName: undefined }, /userName/);
      if (setup === 'current') rejects(bad({ instabugApplications: 'Acme iOS' }), /collection/);
      else rejects(bad({ instabugApplications: ['Acme iOS'] }), /not multi-valued/);
      // And what scimmy lets through, our own checks catch.
      assert.ok(shapeProblems({ ...good, schemas: [CORE] }, setup).length);
      assert.ok(shapeProblems(bad({ instabugApplication: ['Acme iOS'] }), setup).length);
      assert.ok(shapeProblems(bad({ instabugApplications: setup === 'current' ? 'Acme iOS' : ['Acme iOS'] }), setup).length);
    });

    test(`the other setup's output does not fit the ${setup} extension`, () => {
      const other = setup === 'current' ? 'legacy' : 'current';
      const preview = previewUser({ setup: other, userName: 'ada@example.com', apps: ['Acme iOS'] });
      assert.ok(thrown(() => parse(preview)), JSON.stringify(preview));
    });

    test('a SCIM server resource receives the values (Resources.User ingress)', async () => {
      let received;
      SCIMMY.Resources.declare(SCIMMY.Resources.User).ingress((resource, instance) => {
        received = instance;
        return { ...JSON.parse(JSON.stringify(instance)), id: 'luciq-1' };
      });
      const preview = previewUser({ setup, userName: 'ada@example.com', role: 'adminstrator', apps: ['Acme iOS'] });
      const out = JSON.parse(JSON.stringify(await new SCIMMY.Resources.User('luciq-1').write(preview)));
      assert.equal(received[URN].instabugRole, 'adminstrator');
      assert.deepEqual(out[URN], preview[URN]);
      assert.equal(out.id, 'luciq-1');
    });
  });
}

describe('previewScim refusals and warnings', () => {
  test('the legacy setup carries one app; more are a warning, not a refusal (an unconfirmed rule)', () => {
    const { user, warnings } = api.previewScim({ setup: 'legacy', userName: 'ada@example.com', apps: ['A', 'B'] });
    assert.equal(user[URN].instabugApplications, 'A');
    assert.deepEqual(warnings.map((w) => [w.field, w.index, w.input, w.code, w.severity]), [['apps', 1, 'B', 'legacy-single-app', 'warning']]);
    assert.match(warnings[0].message, /not in the older doc/);
  });
  test('the role is checked against the role table, like every builder', () => {
    for (const role of ['administrator', 'Admin', '', 'member ']) {
      const e = thrown(() => api.previewScim({ userName: 'ada@example.com', role }));
      assert.equal(e?.code, 'invalid-names', JSON.stringify(role));
      assert.equal(e.diagnostics[0].field, 'role');
      const same = thrown(() => api.buildAssignmentPayload({ userId: '00u1abcd', userName: 'ada@example.com', role }));
      assert.deepEqual(e.diagnostics, same.diagnostics);
    }
  });
  test('an empty user name', () => {
    for (const userName of ['', '   ']) {
      assert.equal(thrown(() => previewUser({ userName }))?.code, 'invalid-user-name');
    }
  });
});
