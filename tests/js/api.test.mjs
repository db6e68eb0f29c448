// The JS API of the built package, as a page or the extension calls it.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { api, checkNames, luciqProfile, dtsPath, namesApi, namesDtsPath } from './load.mjs';

const codes = (report, i) => report.results[i].diagnostics.map((d) => d.code);

test('luciqProfile: current by default, legacy on request', () => {
  const current = luciqProfile();
  assert.equal(current.setup, 'current');
  assert.equal(current.appProfile, 'Luciq User');
  assert.deepEqual(current.roles.map((r) => r.title), ['Owner', 'Admin', 'Member', 'Viewer', 'Associate', 'Observer']);
  assert.deepEqual(current.roles[1], { title: 'Admin', value: 'adminstrator', confirmed: true });
  assert.equal(current.roles.filter((r) => !r.confirmed).length, 5);
  assert.deepEqual(current.attributes.map((a) => [a.variableName, a.dataType]), [
    ['instabugRole', 'string'], ['instabugApplications', 'string array']]);
  assert.equal(Object.getPrototypeOf(current), Object.prototype, 'a plain object, not a Map');
  const legacy = luciqProfile({ setup: 'legacy' });
  assert.equal(legacy.appProfile, 'Instabug User');
  assert.equal(legacy.maxAppsPerUser, 1);
  assert.equal(legacy.attributes[1].dataType, 'string');
});

test('checkNames: exact characters and UTF-16 positions', () => {
  const name = 'Acme\u200B iOS';
  const report = checkNames({ kind: 'app', names: [name, 'Zeta Pay'] });
  const [d] = report.results[0].diagnostics;
  assert.equal(d.code, 'invisible-char');
  assert.equal(d.severity, 'error');
  assert.equal(name.slice(d.start, d.end), '\u200B');
  assert.match(d.message, /^U\+200B ZERO WIDTH SPACE at 4/);
  assert.equal(d.suggestion, 'Acme iOS');
  assert.deepEqual(d.alternatives, []);
  assert.equal(report.results[0].fixed, 'Acme iOS');
  assert.deepEqual(report.results[1], { input: 'Zeta Pay', ok: true, diagnostics: [], fixed: null });
  assert.deepEqual([report.errors, report.warnings, report.infos], [1, 0, 0]);
});

test('checkNames: spans slice the JS string at the offending characters', () => {
  const names = ['🚀Acme\u00A0iOS', 'Ac\u0301me', 'Acm\u0435', 'Ada\u2019s', '\uD83DAcme'];
  const report = checkNames({ kind: 'app', names });
  const slices = report.results.map((r, i) => r.diagnostics.map((d) => names[i].slice(d.start, d.end)));
  assert.deepEqual(slices, [['\u00A0'], ['c\u0301'], ['\u0435'], ['\u2019'], ['\uD83D']]);
});

test('checkNames: catalog, roles, variables', () => {
  const catalog = ['Acme iOS', 'Acme Android'];
  let r = checkNames({ kind: 'app', names: ['acme ios', 'Acme Andriod'], catalog });
  assert.deepEqual(codes(r, 0), ['case-mismatch']);
  assert.equal(r.results[0].diagnostics[0].suggestion, 'Acme iOS');
  assert.deepEqual(r.results[1].diagnostics[0].alternatives, ['Acme Android']);
  r = checkNames({ kind: 'role', names: ['Administrator', 'member'] });
  assert.deepEqual(codes(r, 0), ['admin-role-value']);
  assert.deepEqual(codes(r, 1), ['unconfirmed-value']);
  assert.equal(r.results[1].diagnostics[0].severity, 'info');
  r = checkNames({ kind: 'variable', names: ['instabug_role'] });
  assert.equal(r.results[0].diagnostics[0].suggestion, 'instabugRole');
  r = checkNames({ kind: 'app', names: ['Acme iOS', 'Acme Android'], catalog, setup: 'legacy' });
  assert.deepEqual(codes(r, 1), ['legacy-single-app']);
});

test('checkNames: bad requests throw an Error with a code', () => {
  for (const bad of [undefined, null, 42, 'app', {}, { kind: 'app' }, { kind: 'apps', names: [] },
    { kind: 'app', names: 'Acme' }, { kind: 'app', names: [1] }, { kind: 'app', names: [], catalogue: [] },
    { kind: 'app', names: [], setup: 'old' }, { kind: 'app', names: [], context: 'both' }]) {
    assert.throws(() => checkNames(bad), (e) => {
      assert.ok(e instanceof Error, `an Error for ${JSON.stringify(bad)}`);
      assert.equal(e.code, 'invalid-request');
      assert.match(e.message, /^checkNames: /);
      return true;
    });
  }
  assert.throws(() => checkNames({ kind: 'app', names: [], catalogue: [] }), /unknown field `catalogue`/);
  assert.throws(() => luciqProfile({ setup: 'nope' }), (e) => e.code === 'invalid-request');
});

test('checkNames: hostile input gets diagnostics, never a trap', () => {
  const lone = 'a\uD800b';
  const big = 'x\u200B'.repeat(500_000);
  const names = [lone, big, '\0', '\u202Egnp.exe', '<img src=x onerror=alert(1)>', '👨‍👩‍👧 ❤️', '日本語', 'Café'];
  const r = checkNames({ kind: 'app', names });
  assert.equal(r.results[0].diagnostics[0].code, 'invalid-char');
  assert.equal(r.results[0].diagnostics[0].start, 1);
  assert.equal(r.results[1].diagnostics.at(-1).code, 'too-many-findings');
  assert.deepEqual(codes(r, 2), ['empty', 'control-char']);
  assert.deepEqual(codes(r, 3), ['invisible-char']);
  assert.deepEqual(codes(r, 4), []);
  assert.deepEqual(codes(r, 5), []);
  assert.deepEqual(codes(r, 6), []);
  assert.deepEqual(codes(r, 7), []);
  const many = Array.from({ length: 100_000 }, (_, i) => `App ${i}`);
  const report = checkNames({ kind: 'app', names: many, catalog: many.slice(0, 10_000) });
  assert.equal(report.results.length, 100_000);
  assert.equal(report.errors, 90_000);
});

const FULL = ['buildAssignmentPayload', 'buildGroupAssignmentPayload', 'buildMappingPayload', 'buildSchemaDeletePayload',
  'buildSchemaPayload', 'checkNames', 'checkUsersCsv', 'exportCurl', 'exportTerraform', 'luciqProfile', 'planSchema', 'previewScim'];

for (const [label, mod, dts, expected] of [['full', api, dtsPath, FULL], ['names-only', namesApi, namesDtsPath, ['checkNames', 'luciqProfile']]]) {
  test(`the .d.ts of the ${label} module documents every export`, () => {
    const text = fs.readFileSync(dts, 'utf8');
    const exported = Object.keys(mod).filter((k) => typeof mod[k] === 'function' && !['default', 'initSync'].includes(k));
    assert.deepEqual(exported.sort(), expected);
    for (const name of exported) {
      const at = text.indexOf(`export function ${name}(`);
      assert.ok(at > 0, `${name} is declared`);
      assert.match(text.slice(Math.max(0, at - 300), at), /\*\/\s*$/, `${name} has a doc comment`);
      assert.doesNotMatch(text.slice(at, text.indexOf('\n', at)), /: any;$|\(request: any\)/, `${name} has typed input`);
    }
    assert.match(text, /export function checkNames\(request: CheckNamesRequest\): CheckNamesReport;/);
  });
}

test('payload errors carry a code and located diagnostics', () => {
  assert.throws(() => api.buildAssignmentPayload({ userId: '00u1', userName: 'ada@example.com', role: 'Administrator' }), (e) => {
    assert.ok(e instanceof Error);
    assert.equal(e.code, 'invalid-names');
    assert.equal(e.diagnostics[0].field, 'role');
    assert.equal(e.diagnostics[0].code, 'admin-role-value');
    assert.equal(e.diagnostics[0].suggestion, 'adminstrator');
    return true;
  });
  assert.throws(() => api.buildGroupAssignmentPayload({ groupId: '00g1', role: 'member' }), (e) => e.code === 'personal-scope');
  assert.throws(() => api.exportCurl({ org: 'acme.okta.com', appId: '0oa1', token: 'secret' }), /unknown field `token`/);
});

test('fields set to undefined count as not given', () => {
  const r = checkNames({ kind: 'app', names: ['Acme iOS'], setup: undefined, catalog: undefined, context: undefined });
  assert.equal(r.errors, 0);
  const call = api.buildMappingPayload({ role: { from: 'assignment' }, apps: { from: 'groups', rules: [{ group: 'iOS', value: ['Acme iOS'] }], fallback: undefined }, pushStatus: undefined });
  assert.equal(call.body.properties.instabugApplications.expression, 'isMemberOfGroupName("iOS") ? {"Acme iOS"} : null');
});
