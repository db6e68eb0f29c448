// The validation page in a real browser: what a person sees and clicks.
import test from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, serve, openPage } from './browser.mjs';

const server = await serve();
test.after(() => server.stop());

test('the page loads with the Luciq profile and the example catalog', async (t) => {
  const { page, problems } = await openPage(t, server.url);
  assert.match(await page.inputValue('#catalog'), /^Acme iOS\nAcme Android/);
  assert.match(await page.textContent('#summary'), /^8 names: \d+ errors, \d+ warnings/);
  assert.match(await page.textContent('#profile'), /adminstrator/);
  assert.match(await page.textContent('#profile'), /no: confirm with Luciq/);
  assert.deepEqual(problems, []);
});

test('hostile and subtly wrong names: diagnostics, visible highlights, one-click fix, no script runs', async (t) => {
  const { page, problems } = await openPage(t, server.url);
  await page.fill('#names', ['<img src=x onerror=alert(1)>', 'Acme\u200BWeb', 'Zeta\u00A0Pay'].join('\n'));
  await page.waitForFunction(() => document.querySelector('#summary').textContent.startsWith('3 names'));
  const items = page.locator('#results > li');
  assert.equal(await items.count(), 3);
  assert.match(await items.nth(0).textContent(), /^<img src=x onerror=alert\(1\)>/);
  assert.equal(await page.locator('#results img').count(), 0, 'the name is text, not an element');
  assert.equal(await items.nth(1).locator('mark').textContent(), '⟨U+200B⟩');
  assert.match(await items.nth(1).textContent(), /U\+200B ZERO WIDTH SPACE at 4/);
  assert.equal(await items.nth(2).locator('mark').textContent(), '⟨U+00A0⟩');
  await items.nth(2).getByRole('button', { name: 'Use "Zeta Pay"' }).click();
  assert.equal((await page.inputValue('#names')).split('\n')[2], 'Zeta Pay');
  await page.waitForFunction(() => document.querySelectorAll('#results > li')[2].textContent.includes('clean'));
  assert.deepEqual(problems, []);
});

test('a name that differs only in case has just the letters that differ marked, and the message says where the others are', async (t) => {
  const { page, problems } = await openPage(t, server.url);
  await page.fill('#names', 'acme ios');
  await page.waitForFunction(() => document.querySelector('#summary').textContent.startsWith('1 name:'));
  const item = page.locator('#results > li').first();
  assert.deepEqual(await item.locator('.name mark').allTextContents(), ['a', 'os']);
  assert.equal(await item.locator('.name').textContent(), 'acme ios');
  assert.match(await item.textContent(), /"a" \(U\+0061\) at 0 where the catalog has "A" \(U\+0041\), and 2 more at 6 and 7/);
  assert.deepEqual(problems, []);
});

test('an empty line of a list is shown as a marked ⟨empty⟩, not as nothing', async (t) => {
  const { page, problems } = await openPage(t, server.url);
  await page.fill('#names', 'Acme iOS\n\nZeta Pay');
  await page.waitForFunction(() => document.querySelector('#summary').textContent.startsWith('3 names:'));
  const item = page.locator('#results > li').nth(1);
  assert.deepEqual(await item.locator('.name mark').allTextContents(), ['\u27e8empty\u27e9']);
  assert.match(await item.textContent(), /Empty: no characters/);
  assert.deepEqual(problems, []);
});

test('the symbols that show a name\'s characters are drawn by a font on this machine, not as a missing glyph', async (t) => {
  const { page, problems } = await openPage(t, server.url);
  // The example's "Acme iOS " shows its trailing space (src/names/chars.rs: visible).
  const mark = page.locator('#results > li .name mark').filter({ hasText: '\u2423' }).first();
  const drawn = await mark.evaluate((el) => {
    const font = getComputedStyle(el).font;
    const pixels = (text) => {
      const canvas = document.createElement('canvas');
      canvas.width = 64;
      canvas.height = 64;
      const g = canvas.getContext('2d');
      g.font = font;
      g.fillText(text, 8, 40);
      return g.getImageData(0, 0, 64, 64).data.join();
    };
    // A character no font has: drawn as the missing-glyph box.
    const missing = pixels('\u{10FFFD}');
    const blank = pixels(' ');
    return Object.fromEntries(['\u2423', '\u27E8', '\u27E9'].map((c) => [c, pixels(c) !== missing && pixels(c) !== blank]));
  });
  assert.deepEqual(drawn, { '\u2423': true, '\u27E8': true, '\u27E9': true });
  assert.deepEqual(problems, []);
});

test('an empty status line or list takes no room, and keeps its place in the page', async (t) => {
  // www/style.css: p:empty, ul:empty, ol:empty { margin: 0 }. Before, the catalog's empty
  // "opened" line and the role table's empty findings each left 32 px of blank.
  const { page, problems } = await openPage(t, server.url);
  const box = (id) => page.evaluate((id) => {
    const el = document.getElementById(id);
    const cs = getComputedStyle(el);
    return { empty: el.childNodes.length === 0, height: el.getBoundingClientRect().height, margins: `${cs.marginTop} ${cs.marginBottom}`, role: el.getAttribute('role') };
  }, id);
  assert.deepEqual(await box('catalog-opened'), { empty: true, height: 0, margins: '0px 0px', role: 'status' });
  assert.deepEqual(await box('roles-findings'), { empty: true, height: 0, margins: '0px 0px', role: null });
  // With text, a paragraph has its margins again.
  assert.notEqual((await box('catalog-summary')).margins, '0px 0px');
  assert.deepEqual(problems, []);
});

test('a row of controls lines up: a select is as tall as the text field beside it', async (t) => {
  // www/style.css: select { min-height: … }. Before, the setup row's selects were 3 px shorter
  // than the Okta org field, and their labels 3 px lower.
  const { page, problems } = await openPage(t, server.url);
  const rect = (id) => page.evaluate((id) => {
    const r = document.getElementById(id).getBoundingClientRect();
    return { top: Math.round(r.top), height: Math.round(r.height) };
  }, id);
  assert.deepEqual(await rect('setup'), await rect('org'));
  assert.deepEqual(problems, []);
});

test('a checkbox beside a button sits on the button\'s middle, its text level with the button\'s', async (t) => {
  // www/style.css: .controls > label.check { align-self: center }. Before, the row's items sat on
  // its bottom edge: "Show only names with errors" 6 px below "Fix all safe issues".
  const { page, problems } = await openPage(t, server.url);
  const middle = (locator) => locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return Math.round(r.top + r.height / 2);
  });
  const button = page.getByRole('button', { name: 'Fix all safe issues', exact: true });
  const label = page.locator('label.check', { has: page.locator('#errors-only') });
  assert.ok(Math.abs(await middle(label) - await middle(button)) <= 1,
    `label middle ${await middle(label)}, button middle ${await middle(button)}`);
  assert.deepEqual(problems, []);
});

test('the role table\'s checkbox sits level with the fields of its row', async (t) => {
  // www/style.css: table.roles td { vertical-align: middle }. Before, every cell's content sat at
  // its top (the checklist's rule): the "Confirmed" box 8 px above the middle of its row's fields.
  const { page, problems } = await openPage(t, server.url);
  await page.locator('details', { has: page.locator('table.roles') }).locator('summary').click();
  const rows = page.locator('table.roles tbody tr');
  assert.ok(await rows.count() >= 2);
  for (const i of [0, 1]) {
    const [box, field] = await rows.nth(i).evaluate((tr) => [tr.querySelector('input[type=checkbox]'),
      tr.querySelector('input[type=text]')].map((el) => {
      const r = el.getBoundingClientRect();
      return Math.round(r.top + r.height / 2);
    }));
    assert.ok(Math.abs(box - field) <= 1, `row ${i}: the box's middle at ${box}, the field's at ${field}`);
  }
  assert.deepEqual(problems, []);
});

test('role values: the vendor spelling of the Admin value', async (t) => {
  const { page, problems } = await openPage(t, server.url);
  await page.selectOption('#kind', 'role');
  assert.equal(await page.inputValue('#names'), 'adminstrator\nadministrator\nmember\nViewer', 'the example gives way to the role example');
  await page.fill('#names', 'administrator');
  await page.waitForFunction(() => document.querySelector('#summary').textContent.startsWith('1 name:'));
  assert.match(await page.textContent('#results'), /admin-role-value/);
  await page.locator('#results').getByRole('button', { name: 'Use "adminstrator"' }).click();
  assert.equal(await page.inputValue('#names'), 'adminstrator');
  await page.selectOption('#kind', 'variable');
  assert.equal(await page.inputValue('#names'), 'adminstrator', 'names the admin typed are never replaced');
  assert.deepEqual(problems, []);
});

test('the view is rendered from Rust and keeps its state across a reload', async (t) => {
  const { page, problems } = await openPage(t, server.url);
  assert.equal(await page.locator('#app #names').count(), 1, 'the view is mounted into #app');
  await page.selectOption('#setup', 'legacy');
  await page.fill('#names', 'Acme iOS\nAcme Web');
  await page.waitForFunction(() => document.querySelector('#summary').textContent.startsWith('2 names'));
  assert.match(await page.textContent('#results'), /legacy-single-app/);
  await page.reload();
  await page.waitForSelector('body[data-ready=true]');
  assert.equal(await page.inputValue('#names'), 'Acme iOS\nAcme Web');
  assert.equal(await page.inputValue('#setup'), 'legacy');
  // The profile is in the rest of the page, which follows the first view.
  await page.waitForSelector('body[data-complete=true]');
  assert.match(await page.textContent('#profile'), /App profile: Instabug User/);
  assert.deepEqual(problems, []);
});

test('fix all safe issues, errors-only filter, reset', async (t) => {
  const { page, problems } = await openPage(t, server.url);
  await page.fill('#names', ['Acme iOS ', 'Zeta\u00A0Pay', 'Acme iOS (Staging)', 'Nope App'].join('\n'));
  await page.waitForFunction(() => document.querySelector('#summary').textContent.startsWith('4 names'));
  await page.click('#fix-all');
  assert.equal(await page.inputValue('#names'), ['Acme iOS', 'Zeta Pay', 'Acme iOS (Staging)', 'Nope App'].join('\n'));
  await page.check('#errors-only');
  const visibleItems = page.locator('#results > li:visible');
  assert.equal(await visibleItems.count(), 1);
  assert.match(await visibleItems.first().textContent(), /^Nope App/);
  await page.click('#reset');
  assert.match(await page.inputValue('#names'), /^Acme iOS\nAcme iOS \nacme android/);
  assert.deepEqual(problems, []);
});

test('outputs: each download is byte for byte what the core returns', async (t) => {
  const { api } = await import('../js/load.mjs');
  const { page, problems } = await openPage(t, server.url);
  await page.selectOption('#scope', 'NONE');
  await page.fill('#org', 'acme-admin.okta.com');
  await page.fill('#app-id', '0oa1abcd');
  await page.waitForFunction(() => document.querySelector('#out-curl').textContent.startsWith('#!/bin/sh'));
  const catalog = (await page.inputValue('#catalog')).split('\n');
  const request = { setup: 'current', apps: catalog, scope: 'NONE' };
  const expected = {
    'out-schema': JSON.stringify(api.buildSchemaPayload(request).body, null, 2),
    'out-curl': api.exportCurl({ ...request, org: 'acme-admin.okta.com', appId: '0oa1abcd' }),
    'out-terraform': api.exportTerraform({ ...request, org: 'acme-admin.okta.com', appId: '0oa1abcd' }),
  };
  for (const [id, want] of Object.entries(expected)) {
    assert.equal(await page.textContent(`#${id}`), want, `${id} on the page`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click(`#${id}-download`)]);
    const got = fs.readFileSync(await download.path(), 'utf8');
    assert.equal(got, want, `${id} downloaded`);
  }
  // A catalog with an error is refused, not turned into a body.
  await page.fill('#catalog', 'Acme iOS \nZeta Pay');
  await page.waitForFunction(() => document.querySelector('#out-schema').textContent.startsWith('Not built'));
  assert.deepEqual(problems, []);
});

test('plan: a pasted schema gets the plan the core makes, and bad JSON a clear error', async (t) => {
  const { api } = await import('../js/load.mjs');
  const { page, problems } = await openPage(t, server.url);
  // The older doc's setup: plain strings, no namespace, the misspelt Admin value.
  const current = { definitions: { custom: { id: '#custom', type: 'object', properties: {
    instabugRole: { title: 'Instabug Role', type: 'string', scope: 'SELF', enum: ['owner', 'administrator'],
      oneOf: [{ const: 'owner', title: 'Owner' }, { const: 'administrator', title: 'Admin' }] },
    instabugApplications: { title: 'Instabug Applications', type: 'string', scope: 'SELF' },
  } } } };
  await page.fill('#current-schema', JSON.stringify(current));
  await page.waitForSelector('#plan-summary');
  const summary = await page.textContent('#plan-summary');
  assert.match(summary, /instabugApplications: delete and add again/);
  assert.match(summary, /has no external namespace/);
  assert.match(summary, /"administrator" where Luciq expects "adminstrator"/);
  const catalog = (await page.inputValue('#catalog')).split('\n');
  const want = JSON.stringify(api.planSchema({ current, setup: 'current', apps: catalog, scope: 'SELF' }), null, 2);
  assert.equal(await page.textContent('#out-plan'), want);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#out-plan-download')]);
  assert.equal(fs.readFileSync(await download.path(), 'utf8'), want);
  await page.fill('#current-schema', '{"definitions": ');
  await page.waitForFunction(() => document.querySelector('#out-plan').textContent.startsWith('The pasted schema is not valid JSON'));
  assert.match(await page.textContent('#out-plan'), /EOF while parsing .* at line 1 column 16/);
  assert.deepEqual(problems, []);
});

test('a paste right after a catalog edit: both are checked, the catalog edit is not dropped', async (t) => {
  const { page, problems } = await openPage(t, server.url);
  await page.evaluate(() => {
    const catalog = document.querySelector('#catalog');
    catalog.value = 'Only App';
    catalog.dispatchEvent(new Event('input'));
    const names = document.querySelector('#names');
    names.dispatchEvent(new Event('paste'));
    names.value = 'Only App\nOther App';
    names.dispatchEvent(new Event('input'));
  });
  await page.waitForFunction(() => document.querySelector('#summary').textContent.startsWith('2 names: 1 error'));
  await page.waitForFunction(() => document.querySelector('#catalog-summary')?.textContent.startsWith('1 name in the catalog'));
  assert.deepEqual(problems, []);
});

test('the page holds its stylesheet and bootstrap inline, allowed by their hashes and nothing else', async (t) => {
  // scripts/inline-page.mjs: the page waits on no file but the first view's wasm.
  const html = await (await fetch(server.url)).text();
  const csp = html.match(/http-equiv="Content-Security-Policy" content="([^"]*)"/)[1];
  const directive = (name) => csp.split(';').map((d) => d.trim().split(/\s+/)).find((d) => d[0] === name)?.slice(1);
  const styles = [...html.matchAll(/<style>([^]*?)<\/style>/g)].map((m) => m[1]);
  const scripts = [...html.matchAll(/<script([^>]*)>([^]*?)<\/script>/g)];
  assert.equal(styles.length, 1, 'one stylesheet, inline');
  assert.equal(scripts.length, 1, 'one script, inline');
  assert.equal(scripts[0][1], ' type="module"');
  assert.doesNotMatch(html, /rel="stylesheet"|rel="modulepreload"/);
  const hash = (text) => `'sha256-${crypto.createHash('sha256').update(text).digest('base64')}'`;
  assert.deepEqual(directive('script-src'), ["'self'", hash(scripts[0][2]), "'wasm-unsafe-eval'"]);
  assert.deepEqual(directive('style-src'), [hash(styles[0])]);
  for (const gone of ['main.js', 'style.css']) {
    assert.equal((await fetch(new URL(gone, server.url))).status, 404, `${gone} is not served: it is in the page`);
  }

  const { page, problems } = await openPage(t, server.url, undefined, {
    init: () => {
      window.__violations = [];
      document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
    },
  });
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  // The stylesheet applies (body { max-width: 76rem }), and the page fetched only its HTML and
  // its wasm before it answered (and its icon).
  assert.equal(await page.evaluate(() => getComputedStyle(document.body).maxWidth), '1216px');
  const before = await page.evaluate(() => {
    const ready = performance.getEntriesByType('resource').find((e) => e.name.endsWith('luciq_scim_page.js'))?.startTime ?? Infinity;
    return performance.getEntriesByType('resource').filter((e) => e.startTime < ready).map((e) => new URL(e.name).pathname);
  });
  assert.deepEqual(before.filter((p) => p !== '/favicon.svg'), ['/pkg/luciq_scim_first_view_bg.wasm']);
  assert.deepEqual(problems, []);
});

test('a page that cannot start says why in words; without scripting, its <noscript> says why', async (t) => {
  // www/main.js: init or the mount failing puts an alert where the view would be.
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  t.after(() => browser.close());
  const open = async (options = {}) => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    return { context, page, errors };
  };

  // The first view's wasm cannot be had.
  {
    const { context, page, errors } = await open();
    await context.route('**/luciq_scim_first_view_bg.wasm', (route) => route.fulfill({ status: 404, body: 'not here' }));
    await page.goto(server.url);
    const alert = page.locator('#app > [role=alert]');
    await alert.waitFor();
    assert.match(await alert.textContent(), /^This page could not start its checker \(.+\)\. It needs WebAssembly/);
    assert.equal(await page.locator('#app > *').count(), 1, 'the alert alone, no half-built view');
    assert.equal(await page.evaluate(() => document.body.dataset.ready ?? null), null);
    assert.equal(errors.length, 1, 'the error is still thrown, for the console');
  }

  // No scripting: the header and the <noscript> text show.
  {
    const { page } = await open({ javaScriptEnabled: false });
    await page.goto(server.url);
    assert.equal(await page.locator('h1').isVisible(), true);
    assert.match(await page.locator('#app').innerText(), /needs JavaScript and WebAssembly/);
  }
});

test('the first view answers before the rest of the page is loaded, and the two keep one workspace', async (t) => {
  // The rest of the page (the whole module) is held until the first view has been used.
  const { page, problems, release } = await openPage(t, server.url, undefined, { hold: /luciq_scim_page_bg\.wasm$/ });
  const wasm = () => page.evaluate(() => performance.getEntriesByType('resource')
    .map((e) => new URL(e.name).pathname).filter((p) => p.endsWith('.wasm')));
  assert.deepEqual(await wasm(), ['/pkg/luciq_scim_first_view_bg.wasm'], 'only the first view\'s module before it answers');
  assert.equal(await page.locator('#users-csv').count(), 0);
  assert.equal(await page.getAttribute('#users-title-section', 'aria-busy'), 'true');
  assert.equal(await page.locator('nav a').count(), 6, 'every part is linked from the start');
  // The first view works on its own.
  await page.selectOption('#setup', 'legacy');
  await page.fill('#catalog', 'Only App');
  await page.fill('#names', 'Only App\nOther App');
  await page.waitForFunction(() => document.querySelector('#summary').textContent.startsWith('2 names:'));

  // The rest of the page starts from what the first view holds.
  release();
  await page.waitForSelector('body[data-complete=true]');
  assert.equal(await page.getAttribute('#users-title-section', 'aria-busy'), null);
  assert.match(await page.textContent('#profile'), /App profile: Instabug User/);
  assert.match(await page.textContent('#out-schema'), /Only App/);
  // A change in the first view reaches the rest; one in the rest reaches the first view.
  await page.fill('#catalog', 'Zeta Pay');
  await page.waitForFunction(() => document.querySelector('#out-schema').textContent.includes('Zeta Pay'));
  await page.fill('#users-csv', 'email,role,apps\nada@example.com,member,Zeta Pay');
  await page.waitForFunction(() => document.getElementById('users-summary')?.textContent.startsWith('1 row:'));
  await page.click('#reset');
  assert.match(await page.inputValue('#names'), /^Acme iOS\nAcme iOS \nacme android/);
  assert.match(await page.inputValue('#catalog'), /^Acme iOS\nAcme Android/);
  assert.equal(await page.inputValue('#setup'), 'current');
  await page.waitForFunction(() => document.querySelector('#summary').textContent.startsWith('8 names'));
  // What either view changed is kept across a reload.
  await page.fill('#catalog', 'Kept App');
  await page.fill('#users-csv', 'email,role,apps\nkept@example.com,member,Kept App');
  await page.waitForTimeout(500);
  await page.reload();
  await page.waitForSelector('body[data-complete=true]');
  assert.equal(await page.inputValue('#catalog'), 'Kept App');
  assert.equal(await page.inputValue('#users-csv'), 'email,role,apps\nkept@example.com,member,Kept App');
  assert.deepEqual(problems, []);
});

test('the names cross to the rest of the page only when it reads them, and one view saves', async (t) => {
  const { page, problems } = await openPage(t, server.url);
  const saved = () => page.evaluate(() => JSON.parse(localStorage.getItem('luciq-scim:page') ?? 'null'));
  // Names typed in the first view, then an edit in the rest of the page: what is saved after
  // it holds both (the rest of the page saves nothing of its own, so never its old names).
  await page.fill('#names', 'Fresh One\nFresh Two');
  await page.waitForFunction(() => document.querySelector('#summary').textContent.startsWith('2 names'));
  await page.fill('#users-csv', 'email,role,apps\nada@example.com,member,Acme iOS');
  await page.waitForFunction(() => document.getElementById('users-summary')?.textContent.startsWith('1 row:'));
  await page.waitForFunction(() => JSON.parse(localStorage.getItem('luciq-scim:page') ?? '{}')
    .usersCsv?.startsWith('email,role,apps\nada@'));
  let kept = await saved();
  assert.deepEqual(kept.names, ['Fresh One', 'Fresh Two']);
  // The configuration saved from the rest of the page asks the first view for the names.
  await page.fill('#names', 'Newest');
  await page.waitForFunction(() => document.querySelector('#summary').textContent.startsWith('1 name'));
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#config-export')]);
  const config = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
  assert.deepEqual(config.names, ['Newest']);
  assert.equal(config.usersCsv, 'email,role,apps\nada@example.com,member,Acme iOS');
  // Reset in the rest of the page: the first view's pending save is dropped, and what is kept
  // after it is the example in both views.
  await page.fill('#names', 'Typed just before reset');
  await page.click('#reset');
  await page.waitForFunction(() => document.querySelector('#summary').textContent.startsWith('8 names'));
  await page.waitForTimeout(600);
  kept = await saved();
  assert.equal(kept.names[0], 'Acme iOS');
  assert.ok(!kept.names.includes('Typed just before reset'));
  await page.reload();
  await page.waitForSelector('body[data-complete=true]');
  assert.match(await page.inputValue('#names'), /^Acme iOS\nAcme iOS \n/);
  assert.deepEqual(problems, []);
});

test('mountPage(root, true) builds the view empty and shows the workspace at showAll(), or a section at a time', async (t) => {
  const { page, problems } = await openPage(t, server.url);
  const seen = await page.evaluate(async () => {
    // The page's own copy of this module is inline in it (scripts/inline-page.mjs): this one is
    // a second instance, with a wasm of its own.
    const { default: init, mountPage } = await import('./pkg/luciq_scim_first_view.js');
    await init({ module_or_path: './pkg/luciq_scim_first_view_bg.wasm' });
    const root = document.createElement('main');
    const mount = mountPage(root, true);
    const el = (id) => root.querySelector(`#${mount.idPrefix}${id}`);
    const seen = () => ({ summary: el('summary').textContent, names: el('names').value, rows: el('results').children.length });
    const before = seen();
    mount.showAll();
    const after = seen();
    mount.unmount();
    // showNext(): the same a section at a time (setup, roles, catalog, names), the names last.
    const steps = [];
    const root2 = document.createElement('main');
    const mount2 = mountPage(root2, true);
    const summary2 = () => root2.querySelector(`#${mount2.idPrefix}summary`).textContent;
    let more;
    do {
      more = mount2.showNext();
      steps.push([more, summary2()]);
    } while (more && steps.length < 20);
    steps.push([mount2.showNext()]);
    mount2.unmount();
    return { before, after, steps };
  });
  assert.deepEqual(seen.steps.map((s) => s[0]), [true, true, true, false, false]);
  assert.deepEqual(seen.steps.slice(0, 3).map((s) => s[1]), ['', '', ''], 'the names show last');
  assert.match(seen.steps[3][1], /^8 names:/);
  assert.equal(seen.before.rows, 0, 'no results before showAll');
  assert.equal(seen.before.summary, '');
  assert.equal(seen.before.names, '', 'the fields are empty before showAll');
  assert.match(seen.after.summary, /^8 names:/);
  assert.match(seen.after.names, /^Acme iOS\n/);
  assert.ok(seen.after.rows > 0);
  assert.deepEqual(problems, []);
});
