// The JS API of the built package, as a page or the extension calls it.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { api, checkNames, luciqProfile, dtsPath, namesApi, namesDtsPath, root } from './load.mjs';

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
  const big = 'x\u200B'.repeat(2_048); // MAX_NAME_LENGTH exactly
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

test('checkNamesCompact: a long list crosses as one string, with the same text and the same refusals', () => {
  const catalog = ['Acme iOS', 'Acme Android', 'Zeta Pay', 'Caf\u00e9 \u{1F600}'];
  // Past 1,000 names the list is joined with U+0000 in JS and split in wasm: every kind of text
  // has to come out as it went in (astral characters, unpaired surrogates, empty names, names
  // that are only U+0000's neighbours), and anything else falls back to a name at a time.
  const odd = ['', ' ', 'Acme iOS', 'acme ios', 'x\uD800y', '\uDC00', 'Caf\u00e9 \u{1F600}', '\u0001', 'Zeta\u00a0Pay', '\uFFFD'];
  const names = Array.from({ length: 3_000 }, (_, i) => (i % 7 === 0 ? odd[(i / 7) % odd.length] : `App ${i % 1_200}`));
  const request = { kind: 'app', names, catalog };
  const full = checkNames(request);
  const compact = api.checkNamesCompact(request);
  try {
    assert.equal(compact.length, names.length);
    assert.deepEqual([compact.errors, compact.warnings, compact.infos], [full.errors, full.warnings, full.infos]);
    assert.deepEqual(compact.results(0, names.length), full.results);
    // An unpaired surrogate arrives as U+FFFD, as it does name by name.
    assert.equal(compact.result(28).input, 'x\uFFFDy');
  } finally {
    compact.free();
  }
  // A name with U+0000 in it: a name at a time, the same report.
  const withNul = names.map((n, i) => (i === 5 ? 'Acme\u0000iOS' : n));
  const nul = api.checkNamesCompact({ kind: 'app', names: withNul, catalog });
  try {
    assert.equal(nul.length, withNul.length);
    assert.deepEqual(nul.result(5), checkNames({ kind: 'app', names: ['Acme\u0000iOS'], catalog }).results[0]);
    assert.deepEqual(nul.results(0, withNul.length), checkNames({ kind: 'app', names: withNul, catalog }).results);
  } finally {
    nul.free();
  }
  // Not a string, or a hole: refused as a short list is refused, not joined as text.
  for (const bad of [42, null, undefined, { toString: () => 'Acme iOS' }]) {
    const list = names.slice();
    list[1_500] = bad;
    assert.throws(() => api.checkNamesCompact({ kind: 'app', names: list, catalog }), /checkNamesCompact/);
  }
  const holey = names.slice();
  delete holey[2_000];
  assert.throws(() => api.checkNamesCompact({ kind: 'app', names: holey, catalog }), /checkNamesCompact/);
  // The rest of the request is read as before: an unknown field is refused.
  assert.throws(() => api.checkNamesCompact({ kind: 'app', names, catalogue: catalog }), /unknown field `catalogue`/);
});

test('checkNamesCompact: the same findings as checkNames, kept in wasm', () => {
  const catalog = ['Acme iOS', 'Acme Android', 'Zeta Pay'];
  const names = ['Acme iOS', 'acme ios', 'Acme iOS', 'Acme\u00a0Android', 'Zeta  Pay', 'Nope', 'Acme iOS ', 'Zeta Pay'];
  for (const request of [
    { kind: 'app', names, catalog },
    { kind: 'app', names, catalog, setup: 'legacy' },
    { kind: 'role', names: ['adminstrator', 'Administrator', 'member', 'member'] },
    { kind: 'variable', names: ['instabugRole', 'InstabugRole'] },
  ]) {
    const full = checkNames(request);
    const compact = api.checkNamesCompact(request);
    try {
      assert.equal(compact.length, full.results.length);
      assert.deepEqual([compact.errors, compact.warnings, compact.infos], [full.errors, full.warnings, full.infos]);
      const statuses = compact.statuses();
      assert.ok(statuses instanceof Uint8Array);
      const firsts = compact.firstCopies();
      assert.ok(firsts instanceof Uint32Array);
      full.results.forEach((r, i) => {
        assert.deepEqual(compact.result(i), r);
        assert.deepEqual(compact.codes(i), r.diagnostics.map((d) => d.code));
        assert.equal(compact.fixed(i), r.fixed ?? undefined);
        const worst = Math.max(0, ...r.diagnostics.map((d) => ({ info: 1, warning: 2, error: 3 })[d.severity]));
        assert.equal(statuses[i], worst, `status of ${i}`);
        assert.equal(firsts[i], request.names.indexOf(request.names[i]));
      });
      assert.deepEqual(compact.results(0, 1000), full.results);
      assert.deepEqual(compact.results(2, 1), []);
      assert.throws(() => compact.result(full.results.length), RangeError);
    } finally {
      compact.free();
    }
  }
  // Refusals as checkNames refuses.
  assert.throws(() => api.checkNamesCompact({ kind: 'app', names: [], catalogue: [] }), /checkNamesCompact: .*unknown field `catalogue`/);
  assert.throws(() => api.checkNamesCompact({ kind: 'app', names: new Array(2_000_001) }), (e) => e.code === 'too-large');
  // A large list: statuses and first copies cross as typed arrays.
  const many = Array.from({ length: 100_000 }, (_, i) => `App ${i % 50_000}`);
  const big = namesApi.checkNamesCompact({ kind: 'app', names: many, catalog: many.slice(0, 10_000) });
  assert.equal(big.length, 100_000);
  const st = big.statuses();
  assert.equal(st.filter((s) => s === 3).length, 90_000);
  assert.equal(big.firstCopies()[50_001], 1);
  assert.match(big.result(50_001).diagnostics.at(-1).message, /^Repeats entry 2 of the list$/);
  big.free();
});

const FULL = ['BulkScheduler', 'NamesReport', 'appUserValuesCsv', 'buildAssignmentPayload', 'buildGroupAssignmentPayload', 'buildMappingPayload',
  'buildSchemaDeletePayload', 'buildSchemaPayload', 'bulkResultsCsv', 'catalogFromFile', 'checkNames', 'checkNamesCompact', 'checkUsersCsv',
  'configFromJson', 'configToJson', 'consoleChecklist', 'exportCurl', 'exportTerraform', 'fixedUsersCsv', 'luciqProfile',
  'planSchema', 'previewScim', 'profileHolds', 'readConsoleTab', 'userSearch'];

for (const [label, mod, dts, expected] of [['full', api, dtsPath, FULL], ['names-only', namesApi, namesDtsPath, ['NamesReport', 'checkNames', 'checkNamesCompact', 'luciqProfile']]]) {
  test(`the .d.ts of the ${label} module documents every export`, () => {
    const text = fs.readFileSync(dts, 'utf8');
    // (`__panicForTests` is for the tests, not part of the API.)
    const exported = Object.keys(mod).filter((k) => typeof mod[k] === 'function' && !['default', 'initSync'].includes(k)
      && !k.startsWith('__'));
    assert.deepEqual(exported.sort(), expected);
    for (const name of exported) {
      if (/^[A-Z]/.test(name)) {
        // A class: declared with its doc comment.
        const at = text.indexOf(`export class ${name} `);
        assert.ok(at > 0, `${name} is declared`);
        assert.match(text.slice(Math.max(0, at - 300), at), /\*\/\s*$/, `${name} has a doc comment`);
        continue;
      }
      const at = text.indexOf(`export function ${name}(`);
      assert.ok(at > 0, `${name} is declared`);
      assert.match(text.slice(Math.max(0, at - 300), at), /\*\/\s*$/, `${name} has a doc comment`);
      assert.doesNotMatch(text.slice(at, text.indexOf('\n', at)), /: any;$|\(request: any\)/, `${name} has typed input`);
    }
    assert.match(text, /export function checkNames\(request: CheckNamesRequest\): CheckNamesReport;/);
    if (label === 'full') {
      assert.match(text, /export function consoleChecklist\(request: ChecklistRequest\): Checklist;/);
      assert.match(text, /export function catalogFromFile\(fileName: string, text: string\): CatalogFile;/);
      assert.match(text, /export function configFromJson\(text: string\): Config;/);
      assert.match(text, /export function configToJson\(config: Config\): string;/);
      assert.match(text, /export function fixedUsersCsv\(request: UsersRequest, onlyLine\?: number\): string;/);
    }
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

test('consoleChecklist: every step with the exact values, refused values flagged', () => {
  const c = api.consoleChecklist({ setup: 'current', scope: 'NONE', catalog: ['Acme iOS', 'Acme Android'] });
  assert.deepEqual(c.steps.map((s) => s.id), ['saml', 'enable-scim', 'scim-connection', 'to-app', 'update-user-attributes', 'open-profile',
    'role-attribute', 'apps-attribute', 'mapping', 'assign-people', 'assign-groups']);
  assert.equal(Object.getPrototypeOf(c), Object.prototype, 'a plain object, not a Map');
  const role = c.steps.find((s) => s.id === 'role-attribute');
  assert.equal(role.location, 'Directory → Profile Editor → Luciq User');
  assert.deepEqual(role.source, { kind: 'currentDoc', title: 'Luciq: Advanced SCIM provisioning', url: role.source.url });
  const value = (label) => role.fields.find((f) => f.label === label).value;
  assert.equal(value('Variable name'), 'instabugRole');
  assert.equal(value('External namespace'), 'urn:ietf:params:scim:schemas:extension:instabug:2.0:User');
  assert.equal(value('Attribute type'), 'Group');
  const admin = role.fields.find((f) => f.label === 'Value' && f.value === 'adminstrator');
  assert.equal(admin.memberRow, 1);
  assert.equal(admin.input, 'text');
  assert.deepEqual(admin.errors, []);
  const first = role.fields[0];
  assert.deepEqual(Object.keys(first).sort(), ['confirmed', 'errors', 'input', 'label', 'memberRow', 'note', 'options', 'source',
    'unconfirmed', 'value']);
  assert.equal(first.memberRow, null);
  assert.equal(first.source, 'currentDoc');
  assert.equal(first.unconfirmed, null);
  const external = role.fields.find((f) => f.label === 'External name');
  assert.equal(external.confirmed, false);
  assert.equal(external.source, null);
  assert.equal(external.unconfirmed, 'external-name');
  assert.match(external.note, /^Not confirmed \(not in the vendor's doc/);
  const profile = api.luciqProfile({ setup: 'current' });
  for (const s of c.steps) {
    for (const f of s.fields.filter((f) => !f.confirmed)) assert.ok(f.unconfirmed, `${s.id}: ${f.label}`);
  }
  assert.ok(profile.unknowns.length >= new Set(c.steps.flatMap((s) => [s, ...s.fields]).map((x) => x.unconfirmed).filter(Boolean)).size);
  const apps = c.steps.find((s) => s.id === 'apps-attribute');
  assert.deepEqual(apps.fields.filter((f) => f.label === 'Value').map((f) => f.value), ['Acme iOS', 'Acme Android']);
  assert.deepEqual(c.findings, []);
  assert.ok(c.notes.length > 0);

  const refused = api.consoleChecklist({ catalog: ['Acme iOS', 'Acme iOS\u200B'] });
  assert.equal(refused.findings[0].field, 'apps');
  assert.equal(refused.findings[0].index, 1);
  assert.equal(refused.findings[0].code, 'invisible-char');
  const row = refused.steps.find((s) => s.id === 'apps-attribute').fields.filter((f) => f.memberRow === 1);
  assert.ok(row.length > 0 && row.every((f) => f.errors.length > 0));

  assert.throws(() => api.consoleChecklist({ apps: [] }), (e) => {
    assert.equal(e.code, 'invalid-request');
    assert.match(e.message, /^consoleChecklist: unknown field `apps`/);
    return true;
  });
  assert.throws(() => api.consoleChecklist({ scope: 'GROUP' }), (e) => e.code === 'invalid-request');
  const mapped = api.consoleChecklist({ mapping: { role: { from: 'attribute', attribute: 'luciqRole' }, apps: { from: 'assignment' }, pushStatus: 'DONT_PUSH' } });
  const mapping = mapped.steps.find((s) => s.id === 'mapping');
  assert.deepEqual(mapping.fields.map((f) => [f.label, f.value]), [['Mappings', 'Okta User to Luciq'], ['instabugRole', 'user.luciqRole'],
    ['instabugRole', 'Apply mapping on user create only'], ['instabugApplications', 'Do not map']]);
  assert.throws(() => api.consoleChecklist({ mapping: { role: { from: 'assignment' } } }), (e) => e.code === 'invalid-request');
  const same = api.consoleChecklist({ setup: undefined, scope: undefined, roles: undefined, catalog: undefined, mapping: undefined });
  assert.deepEqual(same, api.consoleChecklist({}));
});

test('catalogFromFile: .txt, .csv and .json; names kept exactly', () => {
  let file = api.catalogFromFile('apps.txt', '\uFEFFAcme iOS\r\nAcme Android \r\n\r\nAda\u00A0App\n');
  assert.deepEqual(file, { names: ['Acme iOS', 'Acme Android ', 'Ada\u00A0App'], notes: ['Skipped 1 blank line (line 3).'] });
  file = api.catalogFromFile('Apps.CSV', 'id,App Name\n1,"Acme, iOS"\n2,Zeta Pay\n');
  assert.deepEqual(file.names, ['Acme, iOS', 'Zeta Pay']);
  assert.deepEqual(file.notes, ['Took the names from column 2 ("App Name").']);
  assert.deepEqual(api.catalogFromFile('apps.json', '[{"name": "A", "id": 1}, {"name": "B"}]').names, ['A', 'B']);
  const saved = api.configToJson({ ...api.configFromJson('{"format": "luciq-scim-config"}'), catalog: ['Acme iOS'] });
  file = api.catalogFromFile('luciq.json', saved);
  assert.deepEqual(file.names, ['Acme iOS']);
  assert.match(file.notes[0], /configuration file/);

  assert.throws(() => api.catalogFromFile('apps.xlsx', ''), (e) => {
    assert.ok(e instanceof Error);
    assert.equal(e.code, 'invalid-file');
    assert.match(e.message, /\.txt, \.csv, \.json/);
    return true;
  });
  assert.throws(() => api.catalogFromFile('a.json', '["a", 4]'), (e) => e.code === 'invalid-file' && e.message === '[1] is a number, expected a string');
  assert.throws(() => api.catalogFromFile('a.csv', 'id,platform\n1,ios\n'), (e) => e.code === 'invalid-file');
  assert.throws(() => api.catalogFromFile('a.txt'), (e) => {
    assert.equal(e.code, 'invalid-request');
    assert.equal(e.message, 'catalogFromFile: text is undefined, expected a string');
    return true;
  });
  assert.throws(() => api.catalogFromFile(null, ''), (e) => e.code === 'invalid-request' && /fileName is null/.test(e.message));
});

test('configFromJson / configToJson: the page\'s file round-trips', () => {
  const config = api.configFromJson('{"format": "luciq-scim-config", "catalog": ["Acme iOS "], "mapping": {"roleFrom": "attribute", "roleAttribute": "luciqRole"}}');
  assert.deepEqual(Object.keys(config), ['format', 'version', 'setup', 'scope', 'roles', 'catalog', 'org', 'appId', 'namesKind',
    'names', 'usersCsv', 'currentSchema', 'mapping', 'group']);
  assert.equal(Object.getPrototypeOf(config), Object.prototype, 'a plain object, not a Map');
  assert.equal(config.version, 1);
  assert.equal(config.scope, 'SELF');
  assert.equal(config.namesKind, 'app');
  assert.deepEqual(config.catalog, ['Acme iOS ']);
  assert.deepEqual(config.roles[1], { title: 'Admin', value: 'adminstrator', confirmed: true });
  assert.deepEqual(config.mapping, { roleFrom: 'attribute', roleAttribute: 'luciqRole', appsFrom: 'assignment', appsAttribute: '' });
  assert.deepEqual(config.group, { groupId: '', priority: '', role: '', apps: '' });

  const edited = { ...config, org: 'acme.okta.com', usersCsv: 'email,role,apps\r\nada@example.com,member,\r\n', names: ['Acme\u200B iOS'] };
  const text = api.configToJson(edited);
  assert.match(text, /^\{\n {2}"format": "luciq-scim-config",\n {2}"version": 1,\n/);
  assert.ok(text.endsWith('}\n'));
  assert.deepEqual(JSON.parse(text), edited);
  assert.deepEqual(api.configFromJson(text), edited);
  assert.deepEqual(api.configFromJson(api.configToJson({ format: 'luciq-scim-config', org: undefined })),
    api.configFromJson('{"format": "luciq-scim-config"}'));

  for (const [bad, re] of [['{"format": "other"}', /^format is "other", expected luciq-scim-config$/], ['{"catalog": []}', /^format is missing/],
    ['{"format": "luciq-scim-config", "version": 2}', /^version 2 is newer/],
    ['{"format": "luciq-scim-config",\n "colour": "blue"}', /unknown field `colour`.*line 2/], ['', /not valid JSON/]]) {
    assert.throws(() => api.configFromJson(bad), (e) => {
      assert.ok(e instanceof Error);
      assert.equal(e.code, 'invalid-config', bad);
      assert.match(e.message, re);
      return true;
    });
  }
  assert.throws(() => api.configFromJson({ format: 'luciq-scim-config' }), (e) => e.code === 'invalid-request' && /text is an object/.test(e.message));

  for (const [bad, code, re] of [
    [{ ...config, colour: 'blue' }, 'invalid-request', /^configToJson: unknown field `colour`/],
    [{ ...config, mapping: { ...config.mapping, roleForm: 'attribute' } }, 'invalid-request', /^configToJson: mapping: unknown field `roleForm`/],
    [{ ...config, group: { groupID: '00g1' } }, 'invalid-request', /^configToJson: group: unknown field `groupID`/],
    [{ ...config, roles: [{ ...config.roles[0], id: 1 }] }, 'invalid-request', /^configToJson: roles\[0\]: unknown field `id`/],
    [{ ...config, setup: 'old' }, 'invalid-request', /^configToJson: /],
    [{ ...config, version: '1' }, 'invalid-request', /^configToJson: /],
    [{ org: 'acme.okta.com' }, 'invalid-request', /^configToJson: /],
    [{ ...config, format: 'luciq' }, 'invalid-config', /^configToJson: format is "luciq"/],
    [{ ...config, version: 2 }, 'invalid-config', /^configToJson: version 2 is newer/],
  ]) {
    assert.throws(() => api.configToJson(bad), (e) => {
      assert.ok(e instanceof Error);
      assert.equal(e.code, code, e.message);
      assert.match(e.message, re);
      return true;
    });
  }
});

test('fixedUsersCsv: the safe fixes written back, every row or one line', () => {
  const csv = 'email,role,apps,note\r\nbob@exam\u200Bple.com,member,Acme iOS,"keep, this"\r\nada@example.com,member,Acme\u00A0iOS,x\r\n';
  const request = { setup: 'current', catalog: ['Acme iOS'], csv };
  const report = api.checkUsersCsv(request).report;
  assert.deepEqual(report.rows.map((r) => r.line), [2, 3]);
  assert.equal(report.rows[0].fixed.email, 'bob@example.com');
  assert.equal(report.rows[1].fixed.apps, 'Acme iOS');
  const all = 'email,role,apps,note\r\nbob@example.com,member,Acme iOS,"keep, this"\r\nada@example.com,member,Acme iOS,x\r\n';
  assert.equal(api.fixedUsersCsv(request), all);
  assert.equal(api.fixedUsersCsv(request, undefined), all);
  assert.equal(api.fixedUsersCsv(request, 3), 'email,role,apps,note\r\nbob@exam\u200Bple.com,member,Acme iOS,"keep, this"\r\nada@example.com,member,Acme iOS,x\r\n');
  assert.equal(api.fixedUsersCsv(request, 1), csv, 'the header is never edited');
  assert.equal(api.checkUsersCsv({ ...request, csv: all }).report.errors, 0);

  for (const line of [0, -1, 2.5, NaN, Infinity, '2', true]) {
    assert.throws(() => api.fixedUsersCsv(request, line), (e) => {
      assert.equal(e.code, 'invalid-request', String(line));
      assert.match(e.message, /^fixedUsersCsv: onlyLine is .*, expected a line number/);
      return true;
    });
  }
  assert.throws(() => api.fixedUsersCsv({ csv: '' }), (e) => e.code === 'empty-file');
  assert.throws(() => api.fixedUsersCsv({ csv: 'email,role\n' }), (e) => e.code === 'missing-column');
  assert.throws(() => api.fixedUsersCsv({ ...request, catalogue: [] }), /^Error: fixedUsersCsv: unknown field `catalogue`/);
});

test('a panic reaches JS as an Error with the code internal and its message, and the module goes on', () => {
  for (const mod of [api, namesApi]) {
    assert.throws(() => mod.__panicForTests('boom at 3'), (e) => e instanceof Error && e.code === 'internal'
      && /^internal error: boom at 3 \(at src\/wasm\.rs:\d+\)$/.test(e.message));
    assert.equal(mod.checkNames({ kind: 'app', names: ['Acme iOS'], catalog: ['Acme iOS'] }).errors, 0);
  }
});

test('unknown fields are refused at every depth, with the path to them', () => {
  const role = { title: 'Admin', value: 'adminstrator', confirmed: true };
  assert.throws(() => api.buildSchemaPayload({ roles: [role, { ...role, colour: 'red' }] }),
    (e) => e.code === 'invalid-request' && /^buildSchemaPayload: roles\[1\]: unknown field `colour`/.test(e.message));
  assert.throws(() => api.exportCurl({ org: 'acme.okta.com', appId: '0oa1', users: [{ userId: '00u1', userName: 'a@example.com', token: 'x' }] }),
    (e) => e.code === 'invalid-request' && /^exportCurl: users\[0\]: unknown field `token`/.test(e.message));
  assert.throws(() => api.buildMappingPayload({ role: { from: 'attribute', attribute: 'luciqRole', push: 'PUSH' }, apps: { from: 'assignment' } }),
    // (serde buffers an internally tagged enum, so the path stops short of it.)
    (e) => e.code === 'invalid-request' && /^buildMappingPayload: (role: )?unknown field `push`/.test(e.message));
  // A user's assignment takes no group fields, and a group's no user fields.
  assert.throws(() => api.buildAssignmentPayload({ userId: '00u1', userName: 'a@example.com', groupId: '00g1' }),
    /^Error: buildAssignmentPayload: unknown field `groupId`/);
  assert.throws(() => api.buildGroupAssignmentPayload({ groupId: '00g1', scope: 'NONE', userName: 'a@example.com' }),
    /^Error: buildGroupAssignmentPayload: unknown field `userName`/);
  // A wrong type names its place too.
  assert.throws(() => checkNames({ kind: 'app', names: ['a', 3] }),
    (e) => e.code === 'invalid-request' && /^checkNames: names\[1\]: invalid type: integer `3`, expected a string/.test(e.message));
});

test('the names-only module refuses an unknown field the same way', () => {
  for (const mod of [api, namesApi]) {
    assert.throws(() => mod.checkNames({ kind: 'app', names: [], catalogue: [] }),
      (e) => e.code === 'invalid-request' && /^checkNames: unknown field `catalogue`, expected one of `kind`, `names`/.test(e.message));
    assert.throws(() => mod.luciqProfile({ setup: 'current', colour: 1 }),
      (e) => e.code === 'invalid-request' && /^luciqProfile: unknown field `colour`, expected `setup`/.test(e.message));
  }
});

test('readConsoleTab: the org and the app from a console URL', () => {
  const tab = api.readConsoleTab('https://acme-admin.okta.com/admin/app/luciq/instance/0oa1abcd/#tab-assignments');
  assert.deepEqual(tab, { hostKind: 'admin', host: 'acme-admin.okta.com', org: 'acme.okta.com', page: 'app-assignments',
    appId: '0oa1abcd', appName: 'luciq', appTab: 'assignments' });
  assert.equal(api.readConsoleTab('https://acme-admin.okta.com.evil.example/admin/universaldirectory#app/0oa1').hostKind, 'other');
  assert.throws(() => api.readConsoleTab(42), (e) => e.code === 'invalid-request' && /url is a number/.test(e.message));
});

test('too-large: past a limit every door throws {code: "too-large"} naming the limit and the size', () => {
  const tooLarge = (name, size) => (e) => {
    assert.equal(e.code, 'too-large');
    assert.ok(e instanceof Error);
    assert.match(e.message, new RegExp(`\\(${name}\\)$`));
    assert.match(e.message, new RegExp(`is ${size} `));
    return true;
  };
  // A name: 4,096 UTF-16 units pass, one more is refused, in both modules.
  const atLimit = 'a'.repeat(4096);
  assert.equal(checkNames({ kind: 'app', names: [atLimit] }).results.length, 1);
  for (const m of [api, namesApi]) {
    assert.throws(() => m.checkNames({ kind: 'app', names: ['ok', atLimit + 'b'] }), tooLarge('MAX_NAME_LENGTH', '4,097'));
    // Emoji count as two units each, as JS counts length.
    assert.throws(() => m.checkNames({ kind: 'app', names: ['\u{1F680}'.repeat(2049)] }), tooLarge('MAX_NAME_LENGTH', '4,098'));
  }
  // Names per call: refused from the array's length, before the request is copied.
  const many = new Array(1_000_001).fill('x');
  const t = Date.now();
  assert.throws(() => checkNames({ kind: 'app', names: many }), tooLarge('MAX_NAMES', '1,000,001'));
  assert.ok(Date.now() - t < 2000, 'refused at once');
  assert.throws(() => checkNames({ kind: 'app', names: [], catalog: new Array(100_001).fill('x') }), tooLarge('MAX_CATALOG_NAMES', '100,001'));
  // The users file: bytes and rows.
  const csv = 'email,role,apps\n' + 'x'.repeat(32 << 20);
  assert.throws(() => api.checkUsersCsv({ csv }), tooLarge('MAX_CSV_BYTES', '33,554,448'));
  assert.throws(() => api.fixedUsersCsv({ csv }), tooLarge('MAX_CSV_BYTES', '33,554,448'));
  const rows = 'email,role,apps\n' + 'a@b.co,,\n'.repeat(200_001);
  assert.throws(() => api.checkUsersCsv({ csv: rows }), tooLarge('MAX_CSV_ROWS', '200,001'));
  // Files.
  assert.throws(() => api.configFromJson(' '.repeat((64 << 20) + 1)), tooLarge('MAX_CONFIG_BYTES', '67,108,865'));
  assert.throws(() => api.catalogFromFile('apps.txt', 'x'.repeat((16 << 20) + 1)), tooLarge('MAX_CATALOG_FILE_BYTES', '16,777,217'));
  // Payload builders.
  const apps = Array.from({ length: 100_001 }, (_, i) => `App ${i}`);
  assert.throws(() => api.buildSchemaPayload({ apps }), tooLarge('MAX_CATALOG_NAMES', '100,001'));
  assert.throws(() => api.buildAssignmentPayload({ userId: '00u1', userName: 'a@b.co', role: 'm'.repeat(4097) }), tooLarge('MAX_NAME_LENGTH', '4,097'));
  // The module goes on after each.
  assert.equal(checkNames({ kind: 'app', names: ['Acme iOS'] }).results[0].ok, true);
});

test('a role given as {title, value} is accepted (unconfirmed) wherever a role table is read; unknown fields are not', () => {
  const roles = [{ title: 'Lead', value: 'lead' }];
  const schema = api.buildSchemaPayload({ roles });
  assert.deepEqual(schema.body.definitions.custom.properties.instabugRole.enum, ['lead']);
  const users = api.checkUsersCsv({ roles, csv: 'email,role,apps\na@b.co,lead,\n' });
  assert.equal(users.report.rows[0].ok, true);
  assert.deepEqual(users.report.rows[0].findings.map((f) => f.code), ['unconfirmed-value']);
  assert.equal(api.buildAssignmentPayload({ userId: '00u1', userName: 'a@b.co', role: 'lead', roles }).body.profile.instabugRole, 'lead');
  assert.equal(api.configFromJson(JSON.stringify({ format: 'luciq-scim-config', roles })).roles[0].confirmed, false);
  assert.throws(() => api.buildSchemaPayload({ roles: [{ title: 'Lead', value: 'lead', confirmd: true }] }), (e) => {
    assert.equal(e.code, 'invalid-request');
    assert.match(e.message, /roles\[0\]: unknown field `confirmd`/);
    return true;
  });
});

test('BulkScheduler: Okta\'s headers as text, a job saved and taken up with its log of sends, the result CSV', () => {
  const now = 1_800_000_000_000;
  const s = new api.BulkScheduler({ concurrency: 2 }, 3);
  assert.deepEqual(s.next(now), { kind: 'send', row: 0, attempt: 1 });
  // The first answer names the budget: the headers as Okta sent them, the core parses them.
  assert.equal(s.onResponse(0, now + 5, { status: 200, limit: '600', remaining: '599', reset: String(now / 1000 + 60), body: {} }), 'done');
  assert.deepEqual(s.next(now + 6), { kind: 'send', row: 1, attempt: 1 });
  // Okta's error body is kept for the report; a 4xx fails the row at once.
  assert.equal(s.onResponse(1, now + 9, { status: 400, body: { errorCode: 'E0000001', errorSummary: 'Api validation failed: profile', errorCauses: [{ errorSummary: 'instabugRole: not allowed' }] } }), 'failed');
  assert.equal(s.onResponse(1, now + 9, { status: 200 }), null, 'a row with nothing out');
  assert.deepEqual(s.next(now + 10), { kind: 'send', row: 2, attempt: 1 });
  const journal = s.journal();
  assert.equal(journal.rows[1].error.errorCode, 'E0000001');
  assert.throws(() => s.onResponse(2, now, { status: 200, extra: 1 }), /unknown field `extra`/);
  // The panel closed with row 2 out (the log says it was sent after the journal was saved too):
  // taken up, it is read back before anything else.
  const back = api.BulkScheduler.fromJournal(journal, [[2, now + 10]], now + 60_000);
  // (Taken up at the window's reset: nothing goes before the reset margin has passed.)
  assert.deepEqual(back.next(now + 60_000), { kind: 'waitUntil', atMs: now + 61_000 });
  assert.deepEqual(back.next(now + 61_000), { kind: 'verify', row: 2 });
  assert.equal(back.onVerified(2, now + 61_010, { status: 200 }, true), 'done');
  assert.deepEqual(back.next(now + 61_010), { kind: 'finished' });
  const p = back.progress(now + 61_010);
  assert.deepEqual([p.done, p.failed, p.finished], [2, 1, true]);
  assert.throws(() => api.BulkScheduler.fromJournal({ ...journal, version: 99 }, [], now), /journal version 99/);
  // The result CSV of a plan with these three rows sent.
  const row = (line, email, action) => ({ line, email, userId: `00u${line}`, action, reasons: [], want: {},
    call: { method: 'POST', path: '/api/v1/apps/{appId}/users', body: {}, description: '', notes: [] } });
  const plan = { rows: [row(2, 'a@x.com', 'assign'), row(3, '=b@x.com', 'assign'), row(4, 'c@x.com', 'update')],
    counts: { assign: 2, update: 1, unchanged: 0, rejected: 0 }, sends: [0, 1, 2] };
  const csv = api.bulkResultsCsv(plan, back.journal()).split('\r\n');
  assert.equal(csv[0], 'line,email,userId,action,result,status,code,message');
  assert.equal(csv[1], '2,a@x.com,00u2,assign,done,200,,');
  assert.equal(csv[2], "3,'=b@x.com,00u3,assign,failed (rejected),400,E0000001,Api validation failed: profile (instabugRole: not allowed)");
  assert.equal(csv[3], '4,c@x.com,00u4,update,done,200,,');
  assert.equal(api.profileHolds({ instabugRole: 'member' }, { profile: { instabugRole: 'member', x: 1 } }), true);
  assert.equal(api.profileHolds({ instabugRole: 'member' }, { profile: {} }), false);
  assert.equal(api.userSearch(['a@x.com']), 'profile.login eq "a@x.com" or profile.email eq "a@x.com"');
});

// Node 20 runs a full GC on nearly every wasm memory grow past 64 MiB: a long list's room is made
// in one grow before it is checked. An allocation freed unused can be optimised away (it was, at
// opt-level 3: 489 GCs and 40 s more for a first 1M-name call), so this looks at the memory.
test('checkNames grows wasm memory once, to the room of a long list, in both modules', async () => {
  const path = await import('node:path');
  const { pathToFileURL } = await import('node:url');
  for (const name of ['luciq_scim', 'luciq_scim_names']) {
    // A module instance of its own, so its memory is as small as it starts.
    const url = `${pathToFileURL(path.join(root, 'dist/pkg', `${name}.js`)).href}?reserve`;
    const mod = await import(url);
    const wasm = mod.initSync({ module: fs.readFileSync(path.join(root, 'dist/pkg', `${name}_bg.wasm`)) });
    const before = wasm.memory.buffer.byteLength;
    const report = mod.checkNames({ kind: 'app', names: Array.from({ length: 100_000 }, () => 'a') });
    assert.equal(report.results.length, 100_000);
    assert.ok(before < 16 << 20, `${name} starts with ${before} bytes`);
    // 600 bytes a name: src/wasm.rs, reserve_for_names.
    assert.ok(wasm.memory.buffer.byteLength >= 100_000 * 600,
      `${name}: ${wasm.memory.buffer.byteLength} bytes after 100,000 names`);
  }
});
