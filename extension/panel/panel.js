// The side panel (Chrome) / sidebar (Firefox): the page's own sections, mounted from the wasm
// with the admin's setup kept in chrome.storage.local, and the org and app id taken from the
// Okta tab beside it. Nothing of the page's views is copied here. The calls to Okta (org.js) go
// through the console tab's content script, to that org only.
import init, { mountSections } from '../pkg/luciq_scim_page.js';
import { setupOrg } from './org.js';

const ext = globalThis.browser ?? globalThis.chrome;
const CONFIG = 'luciq-scim:config';
const LAST_TAB = 'luciq-scim:tab';
const SECTIONS = ['setup', 'checklist', 'names', 'roles', 'catalog', 'users', 'payloads', 'config'];

const status = document.getElementById('tab-status');

/** What the panel says of the tab (text only). */
function describe(tab) {
  const app = tab.appId ? `app ${tab.appId}` : 'an app';
  const where = tab.org ? ` on ${tab.org}` : '';
  switch (tab.page) {
    case 'app-profile': return `This tab: the Profile Editor of ${app}${where}. Use the checklist's attribute steps here.`;
    case 'profile-editor': return `This tab: the Profile Editor${where}. Open the Luciq app's profile.`;
    case 'app-assignments': return `This tab: the Assignments of ${app}${where}.`;
    case 'app-page': return `This tab: ${app}${where} (${tab.appTab ?? 'its page'}).`;
    default: return tab.hostKind === 'admin' ? `This tab: the Okta admin console${where}.` : 'This tab is not the Okta admin console.';
  }
}

await init();
const mount = await mountSections(document.getElementById('app'), SECTIONS, {
  load: async () => (await ext.storage.local.get(CONFIG))[CONFIG] ?? null,
  save: (text) => ext.storage.local.set({ [CONFIG]: text }),
  clear: () => ext.storage.local.remove(CONFIG),
});

/** The console tab the panel follows (its id, for the filler's messages), and what it is. */
let consoleTabId;
let consoleTab = null;

function follow(url, tabId) {
  const tab = mount.followTab(url);
  consoleTab = tab;
  status.textContent = describe(tab);
  status.dataset.page = tab.page;
  if (tabId !== undefined) consoleTabId = tabId;
  // The filler is offered where the dialog is: the Profile Editor of an app.
  document.getElementById('fill').hidden = tab.page !== 'app-profile';
  // Assignment forms open on an app's pages (Assignments): the fill is offered there, and the
  // checker watches every console page (an assignment can be edited from a person's page too).
  document.getElementById('assign').hidden = tab.page !== 'app-assignments' && tab.page !== 'app-page';
  // The API features work on the app the tab shows.
  document.getElementById('okta-api').hidden = !tab.appId;
  if (tab.hostKind === 'admin' || tab.page !== 'other') watchAssignments();
}

const org = setupOrg({ mount, tab: () => ({ tabId: consoleTabId, appId: consoleTab?.appId ?? null }) });
globalThis.luciqOrg = org;

/** The assignment form's labels and the choices, from the core, for this setup. */
function assignmentChoices() {
  const form = mount.assignmentForm();
  const role = document.getElementById('assign-role');
  const chosen = role.value;
  role.replaceChildren(new Option('(no role)', ''), ...form.roles.map((r) => new Option(`${r.title} (${r.value})`, r.value)));
  role.value = form.roles.some((r) => r.value === chosen) ? chosen : '';
  const apps = document.getElementById('assign-apps');
  const ticked = new Set([...apps.querySelectorAll('input:checked')].map((i) => i.value));
  const legend = apps.querySelector('legend');
  const items = form.apps.map((name) => {
    const label = document.createElement('label');
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.value = name;
    box.checked = ticked.has(name);
    label.append(box, document.createTextNode(` ${name}`));
    return label;
  });
  if (!items.length) {
    const none = document.createElement('p');
    none.className = 'hint';
    none.textContent = 'Your catalog has no app yet: add the exact Luciq app names in the catalog section below.';
    items.push(none);
  }
  apps.replaceChildren(legend, ...items);
  return form;
}

/** Tells the console tab to check its assignment forms with this setup's labels. */
async function watchAssignments() {
  if (consoleTabId === undefined) return;
  const form = assignmentChoices();
  try {
    await ext.tabs.sendMessage(consoleTabId, { type: 'luciq:watch-assignment', form });
  } catch {
    // No content script in that tab (not a console tab, or loaded before the extension).
  }
}

/** Fills the open assignment form with the role and apps chosen here (values from the core). */
async function fillAssignment() {
  const out = document.getElementById('assign-status');
  const list = document.getElementById('assign-report');
  list.replaceChildren();
  const role = document.getElementById('assign-role').value || null;
  const apps = [...document.querySelectorAll('#assign-apps input:checked')].map((i) => i.value);
  // The values come from the core's choices; checked again all the same before they are typed.
  const check = mount.checkAssignment(role, apps);
  if (check.errors) {
    out.textContent = 'Your setup has values Luciq would not accept: fix them in the sections below first.';
    out.dataset.ok = 'false';
    return;
  }
  out.textContent = 'Filling the assignment form…';
  let result;
  try {
    result = await ext.tabs.sendMessage(consoleTabId, { type: 'luciq:fill-assignment', want: { role, apps } });
  } catch {
    out.textContent = 'The Okta tab does not answer: reload it (the extension may have been updated) and try again.';
    out.dataset.ok = 'false';
    return;
  }
  report(list, result);
  out.textContent = result?.stopped
    ?? (result?.ok ? 'Done: check the form, then press Save and Go Back.' : 'Some values were not filled: see below.');
  out.dataset.ok = String(!!result?.ok);
}

const STATUS_TEXT = { filled: 'filled', already: 'already right', 'not-found': 'not found', failed: 'not filled' };

/** Lists each field a fill reached: filled, already right, not found, not filled. */
function report(list, result) {
  for (const r of result?.report ?? []) {
    const li = document.createElement('li');
    li.className = r.status === 'filled' || r.status === 'already' ? 'info' : 'error';
    li.dataset.status = r.status;
    const where = r.row === null ? r.label : `${r.label} (row ${r.row + 1})`;
    li.textContent = `${where}: ${STATUS_TEXT[r.status] ?? r.status}${r.detail ? ` (${r.detail})` : ''}`;
    list.append(li);
  }
}

/** Asks the console tab to fill the open dialog with the core's plan, and shows each field. */
async function fill(attribute) {
  const out = document.getElementById('fill-status');
  const list = document.getElementById('fill-report');
  list.replaceChildren();
  const plan = mount.fillPlan(attribute);
  if (!plan) {
    out.textContent = 'This setup has no such attribute.';
    return;
  }
  out.textContent = `Filling ${plan.title}…`;
  let result;
  try {
    result = await ext.tabs.sendMessage(consoleTabId, { type: 'luciq:fill', plan });
  } catch {
    out.textContent = 'The Okta tab does not answer: reload it (the extension may have been updated) and try again.';
    return;
  }
  report(list, result);
  const done = (result?.report ?? []).filter((r) => r.status === 'filled').length;
  out.textContent = result?.stopped
    ?? (result?.ok ? `Done: ${done} fields filled, the rest already right. Check the dialog, then press Save.`
      : 'Some fields were not filled: see below, and fill them by hand.');
  out.dataset.ok = String(!!result?.ok);
}
/** Reads the enum values the console tab shows and lists how they differ from the setup. */
async function drift() {
  const out = document.getElementById('drift-status');
  const list = document.getElementById('drift-report');
  list.replaceChildren();
  const names = mount.attributeNames();
  let shown;
  try {
    shown = await ext.tabs.sendMessage(consoleTabId, { type: 'luciq:read-enums', variables: names });
  } catch {
    out.textContent = 'The Okta tab does not answer: reload it (the extension may have been updated) and try again.';
    return;
  }
  const line = (cls, text) => {
    const li = document.createElement('li');
    li.className = cls;
    li.textContent = text;
    list.append(li);
    return li;
  };
  let problems = 0;
  for (const attribute of ['role', 'apps']) {
    const variable = names[attribute];
    const values = shown?.[attribute];
    if (!Array.isArray(values)) {
      line('warning', `${variable}: this page does not list its values (open the attribute to see them).`);
      continue;
    }
    const d = mount.drift(attribute, values);
    for (const m of d.missing) {
      problems++;
      line('error', `${variable}: missing "${m}"`).dataset.kind = 'missing';
    }
    for (const r of d.extra) {
      problems++;
      const why = r.diagnostics.find((x) => x.severity === 'error') ?? r.diagnostics[0];
      const li = line('error', `${variable}: "${r.input}" is not a value of your setup${why ? `: ${why.message}` : ''}`);
      li.dataset.kind = 'extra';
      li.dataset.code = why?.code ?? '';
    }
    if (!d.missing.length && !d.extra.length) line('info', `${variable}: all ${d.matching} values match your setup.`);
  }
  out.textContent = problems ? `${problems} differences between this page and your setup.` : 'No difference.';
  out.dataset.done = 'true';
}

document.getElementById('drift').addEventListener('click', drift);
document.getElementById('fill-role').addEventListener('click', () => fill('role'));
document.getElementById('fill-apps').addEventListener('click', () => fill('apps'));

document.getElementById('fill-assign').addEventListener('click', fillAssignment);

/** The checks the console tab asks for: what its assignment form holds, checked by the core. */
function checkAssignment(message) {
  const role = typeof message.role === 'string' ? message.role : null;
  const apps = Array.isArray(message.apps) ? message.apps.filter((a) => typeof a === 'string') : [];
  const check = mount.checkAssignment(role, apps);
  const out = document.getElementById('assign-check');
  const wrong = check.errors;
  out.textContent = wrong ? `The open assignment form: ${wrong} value${wrong === 1 ? '' : 's'} Luciq will not accept (marked in the form).`
    : 'The open assignment form: every value is exact.';
  out.dataset.errors = String(wrong);
  return check;
}

// A console tab that loads or navigates says so; the panel follows the tab in front. Its
// assignment checker asks for checks while this panel is open.
ext.runtime.onMessage.addListener((message, sender, reply) => {
  if (message?.type === 'luciq:tab' && typeof message.url === 'string' && sender.tab?.active !== false) {
    follow(message.url, sender.tab?.id);
  }
  if (message?.type === 'luciq:check-assignment' && sender.tab?.id !== undefined) {
    try {
      reply(checkAssignment(message));
    } catch {
      reply(null);
    }
  }
  return undefined;
});

// The setup changed here (a role, the catalog): the console tab checks again with it.
let rewatch;
const setupChanged = () => {
  clearTimeout(rewatch);
  rewatch = setTimeout(watchAssignments, 400);
};
document.getElementById('app').addEventListener('input', setupChanged);
document.getElementById('app').addEventListener('change', setupChanged);

// On opening: the tab in front, if it is a console tab; else the one last seen.
const [front] = await ext.tabs.query({ active: true, lastFocusedWindow: true }).catch(() => []);
let found = false;
if (front?.id !== undefined) {
  try {
    const reply = await ext.tabs.sendMessage(front.id, { type: 'luciq:where' });
    if (typeof reply?.url === 'string') {
      follow(reply.url, front.id);
      found = true;
    }
  } catch {
    // No content script there: not an Okta admin tab (or it loaded before the extension).
  }
}
if (!found) {
  const last = (await ext.storage.session.get(LAST_TAB).catch(() => ({})))[LAST_TAB];
  if (last?.url) follow(last.url, last.tabId);
  else status.textContent = 'Open the Okta admin console in this window (or reload its tab): the panel follows it.';
}
await org.restore();
document.body.dataset.ready = 'true';
