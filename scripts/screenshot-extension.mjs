// Screenshots of the extension for the README (the Odyssey console fixture, the extension's test
// build): the side panel beside the console's "Add Attribute" dialog it just filled, and beside an
// "Assign to People" form whose wrong values the assignment checker marked.
//   node scripts/screenshot-extension.mjs [fill.png] [assign.png]   (after scripts/build.sh)
import path from 'node:path';
import { consoleBase, launchExtension, root } from '../tests/e2e/browser.mjs';
import { APP, CATALOG, PEOPLE } from '../tests/fixtures/console/data.mjs';
import { consolePages } from '../tests/fixtures/console/urls.mjs';

const out = process.argv[2] ?? path.join(root, 'docs/extension-fill.png');
const outAssign = process.argv[3] ?? path.join(root, 'docs/extension-assign.png');
const cleanups = [];
const t = { after: (f) => cleanups.push(f) };
try {
  const base = await consoleBase(t);
  const { context, id } = await launchExtension(t);
  const panel = await context.newPage();
  await panel.setViewportSize({ width: 420, height: 900 });
  await panel.goto(`chrome-extension://${id}/panel/panel.html`);
  await panel.waitForSelector('body[data-ready=true]');
  const tab = await context.newPage();
  await tab.setViewportSize({ width: 960, height: 900 });
  await tab.goto(consolePages(base, { stack: 'odyssey', profile: 'empty' }).profileEditor(APP.appId));
  await tab.waitForSelector('body[data-ready=true]');
  await panel.waitForFunction(() => !document.getElementById('fill').hidden);
  await tab.getByRole('button', { name: 'Add Attribute' }).click();
  await panel.click('#fill-role');
  await panel.waitForFunction(() => document.querySelector('#fill-status').dataset.ok === 'true');
  const sheet = await context.newPage();
  await sheet.setViewportSize({ width: 1384, height: 900 });
  /** The console tab and the panel side by side, as the browser shows them. */
  const sideBySide = async (file) => {
    const left = (await tab.screenshot()).toString('base64');
    const right = (await panel.screenshot()).toString('base64');
    await sheet.setContent(`<body style="margin:0;display:flex;gap:4px;background:#888">
      <img src="data:image/png;base64,${left}" width="960" height="900">
      <img src="data:image/png;base64,${right}" width="420" height="900"></body>`);
    await sheet.screenshot({ path: file });
    console.log(`[screenshot] ${path.relative(root, file)}`);
  };
  await sideBySide(out);

  // The assignment checker: a wrong role and a look-alike app, as the drift profile offers them.
  await tab.getByRole('button', { name: 'Cancel' }).click();
  await panel.fill('#catalog', CATALOG.apps.join('\n'));
  await tab.bringToFront(); // the panel follows the tab in front (the sheet was opened last)
  await tab.goto(consolePages(base, { stack: 'odyssey', profile: 'drift' }).assignments(APP.appName, APP.appId));
  await tab.waitForSelector('body[data-ready=true]');
  await panel.waitForFunction(() => !document.getElementById('assign').hidden);
  await tab.getByRole('button', { name: 'Assign', exact: true }).click();
  await tab.getByRole('menuitem', { name: 'Assign to People' }).click();
  await tab.getByRole('button', { name: `Assign ${PEOPLE[0].name}` }).click();
  await tab.getByRole('combobox', { name: /Instabug Role/ }).click();
  await tab.getByRole('option', { name: 'Admin', exact: true }).click();
  const apps = tab.getByRole('combobox', { name: /Instabug Applications/ });
  for (const app of ['Acme iOS', 'Acme Andr\u043eid']) {
    await apps.fill(app);
    await apps.press('Enter');
  }
  await apps.press('Escape');
  await tab.waitForFunction(() => document.querySelectorAll('[data-luciq-scim=mark][role=note]').length === 2);
  await panel.selectOption('#assign-role', 'member');
  await panel.check('#assign-apps input[value="Acme iOS"]');
  await sideBySide(outAssign);
} finally {
  for (const f of cleanups.reverse()) await f();
}
