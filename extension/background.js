// The extension's worker: opens the side panel (Chrome) or the sidebar (Firefox) from the
// toolbar button, and remembers the console tab last seen so a panel opened later knows it.
// No wasm here, nothing is sent anywhere.
const ext = globalThis.browser ?? globalThis.chrome;
const LAST_TAB = 'luciq-scim:tab';

if (ext.sidePanel?.setPanelBehavior) {
  ext.sidePanel.setPanelBehavior({ openPanelOnActionClick: true }).catch(() => {});
} else if (ext.sidebarAction?.toggle) {
  ext.action.onClicked.addListener(() => { ext.sidebarAction.toggle(); });
}

// A console tab says where it is (on load, on navigation, when shown); keep the latest.
ext.runtime.onMessage.addListener((message, sender) => {
  if (message?.type !== 'luciq:tab' || typeof message.url !== 'string' || sender.tab?.id === undefined) return;
  // Session storage: gone with the browser session, never synced.
  ext.storage.session.set({ [LAST_TAB]: { tabId: sender.tab.id, url: message.url } }).catch(() => {});
});
