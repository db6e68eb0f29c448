// A screenshot of the extension for the README: the side panel beside the console's "Add
// Attribute" dialog it just filled (the Odyssey console fixture, the extension's test build).
//   node scripts/screenshot-extension.mjs [out.png]   (after scripts/build.sh)
import path from 'node:path';
import { consoleBase, launchExtension, root } from '../tests/e2e/browser.mjs';
import { APP } from '../tests/fixtures/console/data.mjs';
import { consolePages } from '../tests/fixtures/console/urls.mjs';

const out = process.argv[2] ?? path.join(root, 'docs/extension-fill.png');
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
  const left = (await tab.screenshot()).toString('base64');
  const right = (await panel.screenshot()).toString('base64');
  // Side by side, as the browser shows them.
  const sheet = await context.newPage();
  await sheet.setViewportSize({ width: 1384, height: 900 });
  await sheet.setContent(`<body style="margin:0;display:flex;gap:4px;background:#888">
    <img src="data:image/png;base64,${left}" width="960" height="900">
    <img src="data:image/png;base64,${right}" width="420" height="900"></body>`);
  await sheet.screenshot({ path: out });
  console.log(`[screenshot] ${path.relative(root, out)}`);
} finally {
  for (const f of cleanups.reverse()) await f();
}
