// The extension against the fake Okta org (tests/fake-okta): the panel with the fixtures'
// catalog, and the console tab on the fake org's Profile Editor, signed in.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { launchExtension, root } from './browser.mjs';
import { startFakeOkta } from '../fake-okta/server.mjs';
import { CATALOG } from '../fixtures/console/data.mjs';

execFileSync(process.execPath, [path.join(root, 'tests/fixtures/console/build.mjs')], { stdio: 'ignore' });

/** The panel with the fixtures' catalog, and the console tab on the fake org's Profile Editor. */
export async function openOnFake(t, fakeOptions) {
  const fake = await startFakeOkta({ port: 0, ...fakeOptions, settings: { autoLogin: true, ...fakeOptions?.settings } });
  t.after(() => fake.stop());
  const ext = await launchExtension(t);
  const { context, id, watch } = ext;
  const panel = watch(await context.newPage());
  await panel.goto(`chrome-extension://${id}/panel/panel.html`);
  await panel.waitForSelector('body[data-ready=true]', { timeout: 15_000 });
  await panel.fill('#catalog', CATALOG.apps.join('\n'));
  const tab = watch(await context.newPage());
  await tab.goto(fake.org.profileEditorUrl());
  await tab.waitForSelector('body[data-ready=true]', { timeout: 15_000 });
  await tab.bringToFront();
  await panel.waitForFunction(() => !document.getElementById('okta-api').hidden, null, { timeout: 15_000 });
  return { ...ext, fake, panel, tab };
}

