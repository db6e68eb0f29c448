// Test builds only (Firefox): open the panel in a tab once installed, since the test driver may
// not navigate to moz-extension:// pages itself. Never in a shipped build.
const testExt = globalThis.browser ?? globalThis.chrome;
testExt.runtime.onInstalled.addListener(() => { testExt.tabs.create({ url: 'panel/panel.html' }); });
