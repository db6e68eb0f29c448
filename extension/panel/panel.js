// The side panel (Chrome) / sidebar (Firefox): the page's own sections, mounted from the wasm
// with the admin's setup kept in chrome.storage.local, and the org and app id taken from the
// Okta tab beside it. Nothing of the page's views is copied here; nothing is sent anywhere.
import init, { mountSections } from '../pkg/luciq_scim_page.js';

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

/** The console tab the panel follows (its id, for the filler's messages). */
let consoleTabId;

function follow(url, tabId) {
  const tab = mount.followTab(url);
  status.textContent = describe(tab);
  status.dataset.page = tab.page;
  if (tabId !== undefined) consoleTabId = tabId;
  // The filler is offered where the dialog is: the Profile Editor of an app.
  document.getElementById('fill').hidden = tab.page !== 'app-profile';
}

const STATUS_TEXT = { filled: 'filled', already: 'already right', 'not-found': 'not found', failed: 'not filled' };

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
  for (const r of result?.report ?? []) {
    const li = document.createElement('li');
    li.className = r.status === 'filled' || r.status === 'already' ? 'info' : 'error';
    li.dataset.status = r.status;
    const where = r.row === null ? r.label : `${r.label} (row ${r.row + 1})`;
    li.textContent = `${where}: ${STATUS_TEXT[r.status] ?? r.status}${r.detail ? ` (${r.detail})` : ''}`;
    list.append(li);
  }
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

// A console tab that loads or navigates says so; the panel follows the tab in front.
ext.runtime.onMessage.addListener((message, sender) => {
  if (message?.type === 'luciq:tab' && typeof message.url === 'string' && sender.tab?.active !== false) {
    follow(message.url, sender.tab?.id);
  }
});

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
document.body.dataset.ready = 'true';
