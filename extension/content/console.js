// The content script on the Okta admin console: small, plain JS, no wasm (the console's own CSP
// may forbid it). It only says where the tab is; the side panel reads that with the core.
// LUCIQ_OKTA_HOSTS and luciqIsAdminHost come from content/hosts.js (generated from
// extension/okta-hosts.json by scripts/build-extension.mjs); luciqFillAttribute from
// content/attribute-form.js; luciqReadEnums from content/profile-editor.js.
(() => {
  const ext = globalThis.browser ?? globalThis.chrome;
  const { loopback } = LUCIQ_OKTA_HOSTS;
  const CUSTOM_HOSTS = 'luciq-scim:custom-hosts';

  let alive = true;
  let last = '';
  const observers = [];

  /** Stops everything once the extension is gone (updated or removed while the tab was open). */
  function stop() {
    alive = false;
    for (const o of observers) o.disconnect();
    window.removeEventListener('hashchange', report);
    window.removeEventListener('popstate', report);
    document.removeEventListener('visibilitychange', onVisible);
  }

  function send(message) {
    try {
      if (!ext.runtime?.id) return stop();
      const sent = ext.runtime.sendMessage(message);
      // Nobody listening (no panel open) is fine; a gone extension stops the script.
      if (sent?.catch) sent.catch((e) => { if (/context invalidated/i.test(String(e?.message))) stop(); });
    } catch {
      stop();
    }
  }

  function report() {
    if (!alive || location.href === last) return;
    last = location.href;
    send({ type: 'luciq:tab', url: location.href });
  }

  function onVisible() {
    if (document.visibilityState === 'visible') {
      last = '';
      report();
    }
  }

  function start() {
    report();
    window.addEventListener('hashchange', report);
    window.addEventListener('popstate', report);
    document.addEventListener('visibilitychange', onVisible);
    // The console is a single-page app: a page change re-renders the document (no polling).
    const o = new MutationObserver(() => { if (location.href !== last) report(); });
    o.observe(document.documentElement, { childList: true, subtree: true });
    observers.push(o);
    ext.runtime.onMessage.addListener((message, _sender, reply) => {
      if (message?.type === 'luciq:where') reply({ url: location.href });
      if (message?.type === 'luciq:read-enums') {
        // The Profile Editor's enum values (content/profile-editor.js), for the drift check.
        reply(luciqReadEnums.read(message.variables));
        return undefined;
      }
      if (message?.type === 'luciq:fill') {
        // The Add Attribute filler (content/attribute-form.js); any failure in plain words.
        luciqFillAttribute.fill(message.plan).then(reply, (e) => reply({
          ok: false, stopped: `The filler stopped: ${e?.message ?? e}. Reload the Okta tab and try again.`, report: [],
        }));
        return true;
      }
      return undefined;
    });
  }

  const host = location.host;
  if (luciqIsAdminHost(location.hostname) || (loopback && location.hostname === '127.0.0.1')) {
    start();
  } else {
    // A custom admin domain runs this script only once the admin granted it (options page).
    ext.storage.local.get(CUSTOM_HOSTS).then((got) => {
      if ((got[CUSTOM_HOSTS] ?? []).includes(host)) start();
    }, () => {});
  }
})();
