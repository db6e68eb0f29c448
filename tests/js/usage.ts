// Type-checked with `tsc --noEmit --strict` against the generated .d.ts: if the declared types
// drift from how callers use the API, the test fails.
import init, { checkNames, luciqProfile, buildMappingPayload, planSchema, exportCurl, type CheckNamesReport, type Diagnostic, type LuciqError, type ApiCall, type SchemaPlan } from '../../dist/pkg/luciq_scim.js';

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
