// Type-checked with `tsc --noEmit --strict` against the generated .d.ts: if the declared types
// drift from how callers use the API, the test fails.
import init, { checkNames, luciqProfile, buildMappingPayload, planSchema, exportCurl, type CheckNamesReport, type Diagnostic, type LuciqError, type ApiCall, type SchemaPlan } from '../../dist/pkg/luciq_scim.js';
import { consoleChecklist, catalogFromFile, configFromJson, configToJson, fixedUsersCsv, type ChecklistRequest, type Checklist, type Step, type Field, type FieldInput, type Source, type SourceKind, type CatalogFile, type Config, type MappingInputs, type GroupInputs, type ValueFrom } from '../../dist/pkg/luciq_scim.js';

async function main(): Promise<void> {
  await init();
  const profile = luciqProfile({ setup: 'legacy' });
  const admin: string = profile.roles.find((r) => r.title === 'Admin')!.value;
  const report: CheckNamesReport = checkNames({ kind: 'app', names: ['Acme iOS '], catalog: ['Acme iOS'], setup: 'current' });
  const first: Diagnostic | undefined = report.results[0]?.diagnostics[0];
  const fix: string | null = first?.suggestion ?? null;
  const severity: 'error' | 'warning' | 'info' | undefined = first?.severity;
  try {
    checkNames({ kind: 'role', names: [admin], context: 'catalog' });
  } catch (e) {
    const err = e as LuciqError;
    console.log(err.code, err.diagnostics?.length, fix, severity);
  }
}
void main;
const mapping: ApiCall = buildMappingPayload({ role: { from: 'groups', rules: [{ group: 'Admins', value: 'adminstrator' }] }, apps: { from: 'assignment' } });
const plan: SchemaPlan = planSchema({ current: {}, apps: ['Acme iOS'] });
const script: string = exportCurl({ org: 'acme.okta.com', appId: '0oa1' });
console.log(mapping.notes, plan.next, script.length);
// @ts-expect-error: "apps" is not a NameKind
checkNames({ kind: 'apps', names: [] });

// The console checklist, files and fixes.
const checklistRequest: ChecklistRequest = { setup: 'legacy', scope: 'NONE', roles: null, catalog: ['Acme iOS'] };
const checklist: Checklist = consoleChecklist(checklistRequest);
const step: Step | undefined = checklist.steps.find((s) => s.id === 'role-attribute');
const field: Field | undefined = step?.fields.find((f) => f.memberRow === 1 && f.errors.length === 0);
const how: FieldInput | undefined = field?.input;
const source: Source | undefined = step?.source;
const kind: SourceKind | undefined = source?.kind;
const refusedAt: number | undefined = checklist.findings[0]?.index;
console.log(how, kind, refusedAt, step?.note ?? '', field?.options.length, checklist.notes.length);
const catalog: CatalogFile = catalogFromFile('apps.csv', 'name\nAcme iOS\n');
const config: Config = configFromJson('{"format": "luciq-scim-config"}');
const roleFrom: ValueFrom = 'attribute';
const mappingInputs: MappingInputs = { ...config.mapping, roleFrom, roleAttribute: 'luciqRole' };
const groupInputs: GroupInputs = { ...config.group, groupId: '00g1', priority: '0' };
const saved: string = configToJson({ ...config, catalog: catalog.names, mapping: mappingInputs, group: groupInputs, namesKind: 'role' });
const fixedAll: string = fixedUsersCsv({ csv: 'email,role,apps\n', catalog: catalog.names });
const fixedLine: string = fixedUsersCsv({ setup: 'current', csv: 'email,role,apps\n' }, 2);
const fileError: LuciqError['code'] = 'invalid-file';
const configError: LuciqError['code'] = 'invalid-config';
console.log(saved, fixedAll, fixedLine, fileError, configError);
// @ts-expect-error: the attribute type is "SELF" or "NONE", not the console's label
consoleChecklist({ scope: 'GROUP' });
// @ts-expect-error: not a step id
checklist.steps.filter((s) => s.id === 'assign');
// @ts-expect-error: a mapping value comes from "assignment" or "attribute"
configToJson({ ...config, mapping: { ...config.mapping, appsFrom: 'groups' } });
// @ts-expect-error: the format is this tool's
configToJson({ ...config, format: 'other' });
// @ts-expect-error: onlyLine is a number
fixedUsersCsv({ csv: '' }, '2');
// @ts-expect-error: the file's name comes first, then its text
catalogFromFile('apps.txt');
