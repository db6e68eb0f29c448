// The extension against the fake Okta org (tests/fake-okta): the panel with the fixtures'
// catalog, and the console tab on the fake org's Profile Editor, signed in.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { panelBesideTab, root } from './browser.mjs';
import { startFakeOkta } from '../fake-okta/server.mjs';
import { CATALOG } from '../fixtures/console/data.mjs';

execFileSync(process.execPath, [path.join(root, 'tests/fixtures/console/build.mjs')], { stdio: 'ignore' });

/** The panel with the fixtures' catalog, and the console tab on the fake org's Profile Editor. */
export async function openOnFake(t, fakeOptions) {
  const fake = await startFakeOkta({ port: 0, ...fakeOptions, settings: { autoLogin: true, ...fakeOptions?.settings } });
  t.after(() => fake.stop());
  const ext = await panelBesideTab(t, fake.org.profileEditorUrl(), CATALOG.apps);
  const { panel, tab } = ext;
  await tab.bringToFront();
  await panel.waitForFunction(() => !document.getElementById('okta-api').hidden, null, { timeout: 15_000 });
  return { ...ext, fake };
}

