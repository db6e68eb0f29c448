// The views as sections over one store: two mounts on one page stay apart, an unmount leaves
// nothing running, a change re-renders only the sections that depend on it, and a panic reaches
// the admin in plain words.
import test from 'node:test';
import assert from 'node:assert/strict';
import { serve, openPage } from './browser.mjs';

const server = await serve();
test.after(() => server.stop());

// Counts live event listeners and pending timers of the page's own scripts (the wasm's included).
function instrument() {
  const live = new Set();
  const key = (target, type, fn) => ({ target, type, fn });
  const add = EventTarget.prototype.addEventListener;
  const remove = EventTarget.prototype.removeEventListener;
  EventTarget.prototype.addEventListener = function (type, fn, options) {
    if (fn) live.add(key(this, type, fn));
    return add.call(this, type, fn, options);
  };
  EventTarget.prototype.removeEventListener = function (type, fn, options) {
    for (const l of live) if (l.target === this && l.type === type && l.fn === fn) live.delete(l);
    return remove.call(this, type, fn, options);
  };
  const pending = new Set();
  const setT = window.setTimeout.bind(window);
  const clearT = window.clearTimeout.bind(window);
  window.setTimeout = (fn, ms, ...args) => {
    const id = setT((...a) => { pending.delete(id); if (typeof fn === 'function') fn(...a); }, ms, ...args);
    pending.add(id);
    return id;
  };
  window.clearTimeout = (id) => { pending.delete(id); clearT(id); };
  window.__probe = { live, pending };
}

const counts = (page) => page.evaluate(() => Object.fromEntries(
  [...document.querySelectorAll('#app [data-section]')].map((s) => [s.dataset.section,
    { renders: Number(s.dataset.renders ?? 0), checks: Number(s.dataset.checks ?? 0) }])));

const SIDE_CONFIG = JSON.stringify({ format: 'luciq-scim-config', version: 1, catalog: ['Side App', 'Other App'],
  names: ['Side App ', 'Other App'], namesKind: 'app' });

test('two mounts on one page do not interfere, and an unmount leaves no listener or timer', async (t) => {
  const { page, problems } = await openPage(t, server.url, undefined, { init: instrument });
  await page.waitForFunction(() => document.querySelector('#summary').textContent.startsWith('8 names'));
  const pageSummary = await page.textContent('#summary');

  // A second mount, "check names" and the checklist only, with storage behind callbacks that
  // load asynchronously (as chrome.storage.local does).
  const prefix = await page.evaluate(async (config) => {
    const mod = await import('/pkg/luciq_scim_page.js');
    const side = document.createElement('div');
    side.id = 'side';
    document.body.append(side);
    window.sideSaves = [];
    const pagehide = () => [...window.__probe.live].filter((l) => l.target === window && l.type === 'pagehide').length;
    window.sideBefore = { listeners: window.__probe.live.size, pagehide: pagehide() };
    window.side = await mod.mountSections(side, ['names', 'checklist'], {
      load: () => new Promise((resolve) => setTimeout(() => resolve(config), 20)),
      save: (text) => window.sideSaves.push(JSON.parse(text)),
      clear: () => {},
    });
    return window.side.idPrefix;
  }, SIDE_CONFIG);
  assert.equal(prefix, 'm2-');
  await page.waitForFunction(() => document.querySelector('#m2-summary')?.textContent.startsWith('2 names: 1 error'));
  assert.equal(await page.locator('#side [data-section]').count(), 2, 'only the sections asked for');
  assert.equal(await page.locator('#side #m2-checklist li[id="m2-step-apps-attribute"]').count(), 1);
  const ids = await page.evaluate(() => [...document.querySelectorAll('[id]')].map((e) => e.id));
  assert.equal(new Set(ids).size, ids.length, 'no element id is used twice');
  // The side's checklist is its own catalog's: no app of the page's catalog in it.
  assert.match(await page.textContent('#m2-checklist'), /Other App/);
  assert.doesNotMatch(await page.textContent('#m2-checklist'), /Acme iOS/);

  // Typing in one mount changes nothing in the other.
  await page.fill('#m2-names', 'Other App\nother app');
  await page.waitForFunction(() => document.querySelector('#m2-summary').textContent.startsWith('2 names: 1 error'));
  await page.waitForFunction(() => window.sideSaves.some((c) => c.names.join('|') === 'Other App|other app'));
  assert.equal(await page.textContent('#summary'), pageSummary);
  const saved = await page.evaluate(() => JSON.parse(localStorage.getItem('luciq-scim:page') ?? '{"names":[]}'));
  assert.ok(!saved.names.includes('other app'), 'the side mount never writes the page\'s storage');
  await page.fill('#names', 'Acme iOS');
  await page.waitForFunction(() => document.querySelector('#summary').textContent.startsWith('1 name:'));
  assert.match(await page.textContent('#m2-summary'), /^2 names: 1 error/);
  assert.equal(await page.inputValue('#m2-names'), 'Other App\nother app');

  // Quiet, then type into the side (a debounce timer starts) and unmount at once.
  await page.waitForTimeout(600);
  const left = await page.evaluate(() => {
    const before = window.__probe.pending.size;
    const mine = new Set([document.getElementById('side'), ...document.querySelectorAll('#side *')]);
    const names = document.getElementById('m2-names');
    names.value = 'Other App\nlast words';
    names.dispatchEvent(new Event('input', { bubbles: true }));
    const during = window.__probe.pending.size;
    window.side.unmount();
    const listeners = [...window.__probe.live].filter((l) => mine.has(l.target));
    const pagehide = [...window.__probe.live].filter((l) => l.target === window && l.type === 'pagehide').length;
    return { before, during, after: window.__probe.pending.size, listeners: listeners.map((l) => l.type),
      pagehide, pagehideBefore: window.sideBefore.pagehide, children: document.getElementById('side').childElementCount };
  });
  assert.equal(left.before, 0, 'the page is idle: no timer pending');
  assert.ok(left.during > 0, 'typing started the debounce');
  assert.equal(left.after, 0, 'no timer left after the unmount');
  // The page's own pagehide listeners stay (one per module of the page); the side's is gone.
  assert.deepEqual(left.listeners, [], 'no listener left on the side\'s elements');
  assert.equal(left.pagehide, left.pagehideBefore, 'the side\'s pagehide listener is gone, the page\'s stay');
  assert.equal(left.children, 0);
  const last = await page.evaluate(() => window.sideSaves.at(-1).names);
  assert.deepEqual(last, ['Other App', 'last words'], 'what was typed before the unmount is saved');
  // The page goes on working.
  await page.fill('#names', 'Acme iOS\nAcme iOS ');
  await page.waitForFunction(() => document.querySelector('#summary').textContent.startsWith('2 names'));
  assert.deepEqual(problems, []);
});

test('a keystroke in a role title re-renders only what shows roles; the org id re-checks nothing', async (t) => {
  const { page, problems } = await openPage(t, server.url);
  await page.waitForFunction(() => document.querySelector('#users-summary').textContent.startsWith('4 rows'));
  await page.waitForTimeout(400);
  const before = await counts(page);
  await page.click('#roles-summary');
  await page.getByLabel('Title of role 3').press('End');
  await page.getByLabel('Title of role 3').type('s');
  await page.waitForFunction((n) => Number(document.querySelector('[data-section=payloads]').dataset.renders) > n,
    before.payloads.renders);
  await page.waitForTimeout(400);
  const title = await counts(page);
  assert.equal(title.roles.renders, before.roles.renders + 1, 'the role table');
  assert.equal(title.payloads.renders, before.payloads.renders + 1, 'the payloads (schema titles)');
  assert.equal(title.checklist.renders, before.checklist.renders + 1, 'the checklist (member rows)');
  for (const s of ['names', 'users', 'catalog']) {
    assert.equal(title[s].checks, before[s].checks, `${s}: not checked again for a title`);
    assert.equal(title[s].renders, before[s].renders, `${s}: not rendered again for a title`);
  }
  for (const s of ['setup', 'profile']) assert.equal(title[s].renders, before[s].renders, s);
  assert.match(await page.textContent('#out-schema'), /"title": "Members"/);

  await page.fill('#org', 'acme.okta.com');
  await page.waitForFunction((n) => Number(document.querySelector('[data-section=payloads]').dataset.renders) > n,
    title.payloads.renders);
  await page.waitForTimeout(400);
  const org = await counts(page);
  assert.equal(org.payloads.renders, title.payloads.renders + 1);
  for (const s of ['names', 'users', 'catalog', 'roles', 'checklist', 'profile']) {
    assert.equal(org[s].renders, title[s].renders, `${s}: untouched by the org id`);
    assert.equal(org[s].checks, title[s].checks, `${s}: not checked again for the org id`);
  }
  assert.deepEqual(problems, []);
});

test('a panic reaches JS as an internal error and the page says so in plain words', async (t) => {
  const { page, problems } = await openPage(t, server.url);
  const thrown = await page.evaluate(async () => {
    const mod = await import('/pkg/luciq_scim_page.js');
    try {
      mod.__panicForTests('the test asked for it');
      return null;
    } catch (e) {
      return { isError: e instanceof Error, code: e.code, message: e.message };
    }
  });
  assert.equal(thrown.isError, true);
  assert.equal(thrown.code, 'internal');
  assert.match(thrown.message, /^internal error: the test asked for it \(at src\/wasm\.rs:\d+\)$/);
  const alert = page.locator('#app [role=alert].internal-error');
  assert.match(await alert.textContent(), /Something went wrong inside the checker \(internal error: the test asked for it/);
  assert.match(await alert.textContent(), /reload the page/);
  // The views still answer.
  await page.fill('#names', 'Acme iOS');
  await page.waitForFunction(() => document.querySelector('#summary').textContent.startsWith('1 name:'));
  assert.deepEqual(problems, []);
});

test('lists past the limits are refused at once in the core\'s words: the names list and the catalog', async (t) => {
  const { page, problems } = await openPage(t, server.url);
  // One name past MAX_NAME_LENGTH (4,096 characters) in the names list.
  await page.fill('#names', 'a'.repeat(4097));
  await page.waitForFunction(() => /the largest this tool takes is 4,096/.test(document.querySelector('#summary').textContent));
  // One entry more than MAX_CATALOG_NAMES (100,000) in the catalog.
  // Pasted at once (an input event with the whole text), as a paste arrives.
  await page.$eval('#catalog', (area, n) => {
    area.value = Array.from({ length: n }, (_, i) => `App ${i}`).join('\n');
    area.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
  }, 100_001);
  await page.waitForFunction(() => /100,001 .*the largest this tool takes is 100,000 .*MAX_CATALOG_NAMES/
    .test(document.querySelector('#catalog-status').textContent), null, { timeout: 30_000 });
  assert.equal(await page.locator('[data-section=catalog] .findings li').count(), 0, 'nothing was checked');
  assert.deepEqual(problems, []);
});

test('the checklist names the first 20 of a long catalog\'s apps and counts the rest', async (t) => {
  const { page, problems } = await openPage(t, server.url);
  await page.waitForFunction(() => document.querySelector('#summary').textContent.startsWith('8 names'));
  const apps = Array.from({ length: 45 }, (_, i) => `Long App ${String(i + 1).padStart(2, '0')}`);
  const config = JSON.stringify({ format: 'luciq-scim-config', version: 1, catalog: apps, names: [], namesKind: 'app' });
  await page.evaluate(async (text) => {
    const mod = await import('/pkg/luciq_scim_page.js');
    const side = document.createElement('div');
    side.id = 'side';
    document.body.append(side);
    window.side = await mod.mountSections(side, ['checklist'], { load: () => text, save: () => {}, clear: () => {} });
  }, config);
  const cell = page.locator('#m2-step-assign-people td.v code').filter({ hasText: 'Long App 01' });
  await cell.waitFor({ state: 'attached' });
  const shown = await cell.textContent();
  assert.equal(shown, `one of: ${apps.slice(0, 20).join(', ')}, … (25 more, 45 in all)`);
  assert.deepEqual(problems, []);
});
