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

function follow(url) {
  const tab = mount.followTab(url);
  status.textContent = describe(tab);
  status.dataset.page = tab.page;
}

// A console tab that loads or navigates says so; the panel follows the tab in front.
ext.runtime.onMessage.addListener((message, sender) => {
  if (message?.type === 'luciq:tab' && typeof message.url === 'string' && sender.tab?.active !== false) {
    follow(message.url);
  }
});

// On opening: the tab in front, if it is a console tab; else the one last seen.
const [front] = await ext.tabs.query({ active: true, lastFocusedWindow: true }).catch(() => []);
let found = false;
if (front?.id !== undefined) {
  try {
    const reply = await ext.tabs.sendMessage(front.id, { type: 'luciq:where' });
    if (typeof reply?.url === 'string') {
      follow(reply.url);
      found = true;
    }
  } catch {
    // No content script there: not an Okta admin tab (or it loaded before the extension).
  }
}
if (!found) {
  const last = (await ext.storage.session.get(LAST_TAB).catch(() => ({})))[LAST_TAB];
  if (last?.url) follow(last.url);
  else status.textContent = 'Open the Okta admin console in this window (or reload its tab): the panel follows it.';
}
document.body.dataset.ready = 'true';
