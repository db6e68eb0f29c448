// A screenshot of the side panel's "Through Okta's API" section for the README: the plan read from
// the fake Okta org's broken app (a recreate, with its warning) and the audit of it.
//   node scripts/screenshot-api.mjs [out.png]   (after scripts/build.sh)
import path from 'node:path';
import { root } from '../tests/e2e/browser.mjs';
import { openOnFake } from '../tests/e2e/fake-org.mjs';

const out = process.argv[2] ?? path.join(root, 'docs/extension-api.png');
const cleanups = [];
const t = { after: (f) => cleanups.push(f) };
try {
  const { panel } = await openOnFake(t, { scenario: 'broken' });
  await panel.setViewportSize({ width: 420, height: 900 });
  await panel.bringToFront();
  await panel.click('#plan');
  await panel.waitForFunction(() => document.getElementById('plan-status').dataset.steps !== undefined);
  await panel.click('#audit');
  await panel.waitForFunction(() => document.getElementById('audit-status').dataset.failures !== undefined);
  await panel.locator('#okta-api').screenshot({ path: out });
  console.log(`[screenshot] ${path.relative(root, out)}`);
} finally {
  for (const f of cleanups.reverse()) await f();
}
