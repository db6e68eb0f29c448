// The extension's Add Attribute filler, measured (issue 9, "Measure"): for the full vendor setup
// (current setup, scope Personal, the 6 built-in roles, a 20-app catalog) the time from the click
// on "Fill apps attribute" to a confirmed form on each console stack (Odyssey, Courage), and the
// clicks and keystrokes an admin makes by hand (from the core's console checklist) and with the
// extension (counted by the run that does it). A benchmark: it reports what it measured and never
// fails on timing; it exits non-zero only when a fill is wrong or the checklist is not the one the
// counts below were written for.
//
//   node benches/extension_fill.mjs [runs=N]
//
// Needs the built artifacts: dist/pkg (scripts/build.sh) and the extension's test build
// dist/extension-test/chrome (scripts/build-extension.mjs). It uses the e2e plumbing:
// tests/e2e/browser.mjs consoleBase() builds and serves the console fixtures on 127.0.0.1 (or takes
// CONSOLE_BASE_URL), launchExtension() starts Debian Chromium (/usr/bin/chromium or $CHROMIUM)
// with the test build loaded. One fresh browser (profile) per stack.
//
// Per stack:
//  1. The panel (chrome-extension://{id}/panel/panel.html) is set to the setup measured: #setup
//     "current", #scope "SELF", the built-in roles (checked: 6 rows in #roles), and the 20 names
//     "Acme App 01" … "Acme App 20" put in #catalog (page.fill); then wait until the checklist's
//     apps step (#step-apps-attribute) lists "Acme App 20" and no longer the example catalog.
//  2. The console tab: the fixture Profile Editor of the app (profile "empty"), until the panel
//     shows #fill.
//  3. The counted run, the whole attribute part of the setup as the admin does it with the
//     extension, in the checklist's flow: click "Add Attribute" (console), "Fill role attribute"
//     (panel), "Save and Add Another" (console, which opens an empty dialog), "Fill apps
//     attribute" (panel), "Save" (console). Each click the run makes for the admin goes through
//     one counter; the run types nothing. The fixture's saved models must equal the checklist's
//     values (6 and 20 members).
//  4. The timed runs (the tab reloaded first, so the profile is empty again): 1 warm-up, then
//     `runs` (default 10). Each: click "Add Attribute" in the console tab (not timed), then in the
//     panel a capture listener on #fill-apps records the click (in-page clock), a MutationObserver
//     on #fill-status records when data-ok becomes "true", and in the console tab a poll (every
//     ~4 ms, setTimeout) of window.__fixture.model() records when the model first holds all 20
//     members with the checklist's display names and values. Confirmed = the later of the two;
//     the time reported is confirmed minus the click, both on the pages' clocks
//     (performance.timeOrigin + performance.now(), one machine). Also shown: "node", the time
//     from just before Playwright's click to when the bench has seen both (includes Playwright's
//     own round trips). Then the dialog is cancelled ("Cancel"), nothing saved.
//
// The counts (printed with how each is made): see handCounts() and the counted run below.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createRequire } from 'node:module';
import { consoleBase, launchExtension, root } from '../tests/e2e/browser.mjs';
import { APP } from '../tests/fixtures/console/data.mjs';
import { consolePages } from '../tests/fixtures/console/urls.mjs';
import { api } from '../tests/js/load.mjs';

const args = Object.fromEntries(process.argv.slice(2).map((a) => a.split('=')));
const RUNS = Number(args.runs ?? 10);
const STACKS = ['odyssey', 'courage'];
const CATALOG = Array.from({ length: 20 }, (_, i) => `Acme App ${String(i + 1).padStart(2, '0')}`);
const SETUP = 'current';
const SCOPE = 'SELF';

const checklist = api.consoleChecklist({ setup: SETUP, scope: SCOPE, catalog: CATALOG });
const stepOf = (id) => {
  const step = checklist.steps.find((s) => s.id === id);
  if (!step) throw new Error(`the checklist has no step ${id}: the counts need revisiting`);
  return step;
};

/** The checklist step's member rows: [{displayName, value}]. */
function members(stepId) {
  const rows = [];
  for (const f of stepOf(stepId).fields.filter((f) => f.memberRow !== null)) {
    rows[f.memberRow] ??= {};
    rows[f.memberRow][f.label === 'Value' ? 'value' : 'displayName'] = f.value;
  }
  return rows;
}
const ROLE_MEMBERS = members('role-attribute');
const APP_MEMBERS = members('apps-attribute');

// ---------------------------------------------------------------------------------------------
// By hand, from the documented flow: the core's checklist for (current, SELF, the 20 apps).
// Rules: 1 click per button named in the step's action, per "click" field, per select and per
// checkbox (a select is counted as 1 click although a real drop-down takes 2: open, choose; a
// checkbox whose value is "unchecked" is left alone: 0); a text field: 1 click to focus it + 1
// keystroke per character of its value; "Add Another": 1 click per member row after the first.
// The buttons are listed here per step, and each must appear in the step's action text (so a
// change of the flow in the core stops the bench instead of counting the old flow).
const BUTTONS = {
  'role-attribute': ['Add Attribute', 'Save and Add Another'],
  'apps-attribute': ['Save'],
  mapping: ['Mappings', 'Save Mappings', 'Apply updates now'],
  'assign-people': ['Assign', 'Assign to People', 'Assign', 'Save and Go Back', 'Done'],
};

function countStep(id) {
  const step = stepOf(id);
  const out = { id, title: step.title, buttons: 0, addAnother: 0, selects: 0, checkboxes: 0, clickFields: 0,
    textFields: 0, chars: 0, other: [] };
  for (const b of BUTTONS[id]) {
    if (!step.action.includes(`"${b}"`)) throw new Error(`step ${id}: its action no longer names "${b}": ${step.action}`);
    out.buttons += 1;
  }
  const rows = new Set();
  for (const f of step.fields) {
    if (f.memberRow !== null) rows.add(f.memberRow);
    switch (f.input) {
      case 'text': out.textFields += 1; out.chars += [...f.value].length; break;
      case 'select': out.selects += 1; break;
      case 'checkbox': if (f.value === 'checked') out.checkboxes += 1; break;
      case 'click': out.clickFields += 1; break;
      default: out.other.push(`${f.label} (${f.input})`);
    }
  }
  if (rows.size > 1) {
    if (!/Add Another/.test(step.action)) throw new Error(`step ${id}: member rows without "Add Another"`);
    out.addAnother = rows.size - 1;
  }
  out.clicks = out.buttons + out.addAnother + out.selects + out.checkboxes + out.clickFields + out.textFields;
  out.keys = out.chars;
  return out;
}

function handCounts() {
  const steps = ['role-attribute', 'apps-attribute', 'mapping'].map(countStep);
  // Per user: the assignment step, as the checklist gives it (its selects are per user).
  const assign = countStep('assign-people');
  const appsField = stepOf('assign-people').fields.find((f) => f.label === 'Instabug Applications');
  return { steps, assign, appsOptions: appsField?.options.length ?? 0 };
}

// ---------------------------------------------------------------------------------------------

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const fmt = (x) => x.toFixed(0).padStart(6);

function machine() {
  const cpus = os.cpus();
  const require = createRequire(import.meta.url);
  const pw = require('playwright-core/package.json').version;
  return `${cpus.length} cores (${cpus[0]?.model ?? '?'}), ${Math.round(os.totalmem() / 2 ** 20)} MiB memory; `
    + `playwright-core ${pw}, node ${process.version}`;
}

async function setUpPanel(panel) {
  await panel.selectOption('#setup', SETUP);
  await panel.selectOption('#scope', SCOPE);
  const roles = await panel.$$eval('#roles tbody tr', (rows) => rows.length);
  if (roles !== 6) throw new Error(`the panel shows ${roles} roles, not the 6 built-in ones`);
  await panel.fill('#catalog', CATALOG.join('\n'));
  await panel.waitForFunction(() => {
    const step = document.getElementById('step-apps-attribute')?.textContent ?? '';
    return step.includes('Acme App 20') && !step.includes('Zeta Pay');
  }, null, { timeout: 30_000 });
}

async function openConsole(tab, panel, url) {
  await tab.goto(url);
  await tab.waitForSelector('body[data-ready=true]', { timeout: 60_000 });
  await panel.waitForFunction(() => !document.getElementById('fill').hidden, null, { timeout: 60_000 });
}

const finished = (panel) => panel.waitForFunction(() => {
  const s = document.querySelector('#fill-status');
  return s.dataset.ok !== undefined && !s.textContent.startsWith('Filling');
}, null, { timeout: 60_000, polling: 10 });

async function fillStatus(panel) {
  return {
    ok: await panel.$eval('#fill-status', (e) => e.dataset.ok === 'true'),
    text: await panel.textContent('#fill-status'),
    report: await panel.$$eval('#fill-report li', (els) => els.map((e) => [e.dataset.status, e.textContent])),
  };
}

const sameMembers = (got, want) => JSON.stringify((got ?? []).map((m) => [m.displayName, m.value]))
  === JSON.stringify(want.map((m) => [m.displayName, m.value]));

/** The counted run: the attribute part of the setup with the extension, every admin click counted. */
async function countedRun(panel, tab) {
  const clicks = [];
  const click = async (where, page, target, what) => {
    clicks.push(`${what} (${where})`);
    await (typeof target === 'string' ? page.click(target) : target.click());
  };
  const fillWith = async (attribute) => {
    await panel.evaluate(() => { delete document.querySelector('#fill-status').dataset.ok; });
    await click('panel', panel, `#fill-${attribute}`, `Fill ${attribute} attribute`);
    await finished(panel);
    const st = await fillStatus(panel);
    if (!st.ok) throw new Error(`fill ${attribute}: ${st.text}\n${st.report.map((r) => r.join(' ')).join('\n')}`);
  };
  // The checklist's flow: the role saved with "Save and Add Another", which opens the apps dialog.
  await click('console', tab, tab.getByRole('button', { name: 'Add Attribute' }), 'Add Attribute');
  await tab.waitForFunction(() => window.__fixture.model()?.form === 'addAttribute');
  await fillWith('role');
  await click('console', tab, tab.getByRole('button', { name: 'Save and Add Another', exact: true }), 'Save and Add Another');
  await tab.waitForFunction(() => window.__fixture.saved.length === 1 && window.__fixture.model()?.variableName === '');
  await fillWith('apps');
  await click('console', tab, tab.getByRole('button', { name: 'Save', exact: true }), 'Save');
  await tab.waitForFunction(() => window.__fixture.model() === null);
  const saved = await tab.evaluate(() => window.__fixture.saved);
  if (saved.length !== 2) throw new Error(`expected 2 saved attributes, the fixture has ${saved.length}`);
  const [role, apps] = saved;
  if (role.variableName !== 'instabugRole' || !sameMembers(role.members, ROLE_MEMBERS)) throw new Error(`role attribute saved wrong: ${JSON.stringify(role)}`);
  if (apps.variableName !== 'instabugApplications' || !sameMembers(apps.members, APP_MEMBERS)) throw new Error(`apps attribute saved wrong: ${JSON.stringify(apps)}`);
  return { clicks, keys: 0, buttons: saved.map((s) => s.button) };
}

/** One timed fill of the apps attribute into a freshly opened dialog. */
async function timedRun(panel, tab) {
  await tab.getByRole('button', { name: 'Add Attribute' }).click();
  await tab.waitForFunction(() => window.__fixture.model()?.form === 'addAttribute');
  await panel.evaluate(() => {
    const status = document.querySelector('#fill-status');
    delete status.dataset.ok;
    const b = { click: null, ok: null };
    window.__bench = b;
    document.getElementById('fill-apps').addEventListener('click', () => { b.click = performance.timeOrigin + performance.now(); }, { capture: true, once: true });
    const obs = new MutationObserver(() => {
      if (status.dataset.ok === 'true' && b.ok === null) { b.ok = performance.timeOrigin + performance.now(); obs.disconnect(); }
    });
    obs.observe(status, { attributes: true, attributeFilter: ['data-ok'] });
  });
  await tab.evaluate((want) => {
    const b = { model: null, polls: 0 };
    window.__bench = b;
    const key = JSON.stringify(want);
    const poll = () => {
      b.polls += 1;
      const m = window.__fixture.model();
      if (m && JSON.stringify((m.members ?? []).map((x) => [x.displayName, x.value])) === key) {
        b.model = performance.timeOrigin + performance.now();
        return;
      }
      b.timer = setTimeout(poll, 4);
    };
    poll();
  }, APP_MEMBERS.map((m) => [m.displayName, m.value]));
  const t0 = performance.now();
  await panel.click('#fill-apps');
  await finished(panel);
  await tab.waitForFunction(() => window.__bench.model !== null, null, { timeout: 60_000, polling: 10 });
  const node = performance.now() - t0;
  const st = await fillStatus(panel);
  const p = await panel.evaluate(() => window.__bench);
  const c = await tab.evaluate(() => window.__bench);
  if (!st.ok || p.ok === null) throw new Error(`apps fill not ok: ${st.text}\n${st.report.map((r) => r.join(' ')).join('\n')}`);
  const filled = st.report.filter(([s]) => s === 'filled').length;
  const confirmed = Math.max(p.ok, c.model);
  await tab.getByRole('button', { name: 'Cancel' }).click();
  await tab.waitForFunction(() => window.__fixture.model() === null);
  return { ms: confirmed - p.click, okMs: p.ok - p.click, modelMs: c.model - p.click, node, filled, fields: st.report.length, polls: c.polls };
}

async function benchStack(base, stack) {
  const cleanups = [];
  const t = { after(fn) { cleanups.push(fn); } };
  try {
    const { context, id, problems, watch } = await launchExtension(t);
    const panel = watch(await context.newPage());
    await panel.goto(`chrome-extension://${id}/panel/panel.html`);
    await panel.waitForSelector('body[data-ready=true]', { timeout: 60_000 });
    await setUpPanel(panel);
    const tab = watch(await context.newPage());
    const url = consolePages(base, { stack, profile: 'empty' }).profileEditor(APP.appId);
    await openConsole(tab, panel, url);

    const counted = await countedRun(panel, tab);

    await tab.reload();
    await tab.waitForSelector('body[data-ready=true]', { timeout: 60_000 });
    await panel.waitForFunction(() => !document.getElementById('fill').hidden, null, { timeout: 60_000 });
    const visibility = { panel: await panel.evaluate(() => document.visibilityState), tab: await tab.evaluate(() => document.visibilityState) };
    const warm = await timedRun(panel, tab);
    const runs = [];
    for (let i = 0; i < RUNS; i += 1) runs.push(await timedRun(panel, tab));
    const saved = await tab.evaluate(() => window.__fixture.saved.length);
    if (saved !== 0) throw new Error(`${stack}: the timed runs saved ${saved} attributes`);
    return { stack, counted, warm, runs, visibility, problems: [...problems] };
  } finally {
    for (const fn of cleanups.reverse()) await fn();
  }
}

// ---------------------------------------------------------------------------------------------

const started = performance.now();
const lines = [];
const say = (s = '') => { lines.push(s); console.log(s); };
say('luciq-scim extension fill bench (headless Debian Chromium, extension test build)');
say(machine());
say(`load average at start: ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
const built = fs.statSync(path.join(root, 'dist/extension-test/chrome/content/attribute-form.js')).mtime.toISOString();
say(`extension: dist/extension-test/chrome (content/attribute-form.js modified ${built})`);
say(`setup: ${SETUP}, scope ${SCOPE}, ${ROLE_MEMBERS.length} roles (built-in: ${ROLE_MEMBERS.map((r) => r.displayName).join(', ')}), ${APP_MEMBERS.length} apps (${CATALOG[0]} … ${CATALOG.at(-1)})`);

const cleanups = [];
const base = await consoleBase({ after(fn) { cleanups.push(fn); } });
const results = [];
try {
  for (const stack of STACKS) results.push(await benchStack(base, stack));
} finally {
  for (const fn of cleanups) await fn();
}

say('');
say(`"Fill apps attribute" to a confirmed form (panel #fill-status data-ok=true and the fixture model holding all 20 members), 1 warm-up + ${RUNS} runs per stack, ms:`);
say(' stack      run  confirmed  status ok  model ok   node  fields filled/reported  model polls');
for (const r of results) {
  const row = (name, x) => say(` ${r.stack.padEnd(9)} ${name.padStart(4)} ${fmt(x.ms)}     ${fmt(x.okMs)}    ${fmt(x.modelMs)} ${fmt(x.node)}  ${String(x.filled).padStart(10)}/${String(x.fields).padEnd(13)} ${x.polls}`);
  row('w', r.warm);
  r.runs.forEach((x, i) => row(String(i + 1), x));
}
say(`  (visibilityState during the timed runs: ${results.map((r) => `${r.stack}: panel ${r.visibility.panel}, console tab ${r.visibility.tab}`).join('; ')}. "node" polls every 10 ms and adds Playwright's round trips.)`);
say('');
say('summary (confirmed, ms; warm-up excluded):');
for (const r of results) {
  const ms = r.runs.map((x) => x.ms);
  const node = r.runs.map((x) => x.node);
  say(`  ${r.stack.padEnd(8)} median ${median(ms).toFixed(0)}  min ${Math.min(...ms).toFixed(0)}  max ${Math.max(...ms).toFixed(0)}   (node-side: median ${median(node).toFixed(0)}, min ${Math.min(...node).toFixed(0)}, max ${Math.max(...node).toFixed(0)}; warm-up ${r.warm.ms.toFixed(0)})`);
}

const hand = handCounts();
const total = hand.steps.reduce((a, s) => ({ clicks: a.clicks + s.clicks, keys: a.keys + s.keys }), { clicks: 0, keys: 0 });
const mapping = hand.steps.find((s) => s.id === 'mapping');
say('');
say('clicks and keystrokes, full vendor setup (current setup, 6 roles, 20 apps):');
say('  by hand, counted from the core\'s checklist (api.consoleChecklist({setup: "current", scope: "SELF", catalog})):');
say('  1 click per button the step\'s action names, per "click" field, per select (1, though a drop-down takes 2) and per checkbox to check');
say('  ("unchecked" ones are left: 0); a text field = 1 click to focus + 1 keystroke per character; "Add Another" = 1 click per member row after the first.');
for (const s of hand.steps) {
  say(`    ${s.id.padEnd(15)} ${String(s.clicks).padStart(4)} clicks ${String(s.keys).padStart(5)} keys   (buttons ${s.buttons}, Add Another ${s.addAnother}, selects ${s.selects}, checkboxes ${s.checkboxes}, click fields ${s.clickFields}, text fields ${s.textFields} → ${s.chars} chars)`);
}
say(`    ${'total'.padEnd(15)} ${String(total.clicks).padStart(4)} clicks ${String(total.keys).padStart(5)} keys`);
const a = hand.assign;
say(`    per user, not in the total: ${a.id}: ${a.clicks} clicks (buttons ${a.buttons}: Assign, Assign to People, Assign, Save and Go Back, Done; selects ${a.selects}: role, apps) + 1 more click per app beyond the first chosen`);
say(`      (the apps field offers ${hand.appsOptions}); finding the user ("find the user") types a search the checklist does not give: not counted.`);
say('    not counted (outside the measured part, the same by hand and with the extension): saml, enable-scim, scim-connection, to-app, update-user-attributes, open-profile.');
for (const r of results) {
  say(`  with the extension (${r.stack}), counted by the run that does it: ${r.counted.clicks.length} clicks, ${r.counted.keys} keys for both attributes: ${r.counted.clicks.join(', ')}`);
  say(`    (the fixture saved: ${r.counted.buttons.join(', ')}; each saved model equals the checklist's values)`);
}
const ext = results[0].counted.clicks.length;
say('    (the checklist\'s own flow, as counted by hand above: Add Attribute, Fill role, Save and Add Another (opens the apps dialog), Fill apps, Save)');
say(`  with the extension, attributes + mapping (the extension does not do the mapping: counted by hand as above): ${ext + mapping.clicks} clicks, ${mapping.keys} keys`);
say(`    vs by hand ${total.clicks} clicks, ${total.keys} keys. Not counted with the extension: setting the panel's setup once (setup and scope selects; the catalog pasted into #catalog).`);
say('');
say(`problems (page errors, console errors, requests off 127.0.0.1): ${results.flatMap((r) => r.problems).length ? results.flatMap((r) => r.problems).join('; ') : 'none'}`);
say(`total ${((performance.now() - started) / 1000).toFixed(0)} s, load average at end: ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
