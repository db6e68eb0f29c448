// The JS API of the built package, as a page or the extension calls it.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { api, checkNames, luciqProfile, dtsPath } from './load.mjs';

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

test('the .d.ts documents every export', () => {
  const dts = fs.readFileSync(dtsPath, 'utf8');
  const exported = Object.keys(api).filter((k) => typeof api[k] === 'function' && !['default', 'initSync'].includes(k));
  assert.deepEqual(exported.sort(), ['checkNames', 'luciqProfile']);
  for (const name of exported) {
    const at = dts.indexOf(`export function ${name}(`);
    assert.ok(at > 0, `${name} is declared`);
    assert.match(dts.slice(Math.max(0, at - 300), at), /\*\/\s*$/, `${name} has a doc comment`);
  }
  assert.match(dts, /export function checkNames\(request: CheckNamesRequest\): CheckNamesReport;/);
  assert.match(dts, /export function luciqProfile\(options: \{ setup\?: Setup \} \| undefined\): LuciqProfile;/);
});
