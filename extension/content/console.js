// The content script on the Okta admin console: small, plain JS, no wasm (the console's own CSP
// may forbid it). It only says where the tab is; the side panel reads that with the core.
// LUCIQ_OKTA_HOSTS and luciqIsAdminHost come from content/hosts.js (generated from
// extension/okta-hosts.json by scripts/build-extension.mjs); luciqFillAttribute from
// content/attribute-form.js; luciqAssignment from content/assignment.js; luciqReadEnums from
// content/profile-editor.js; luciqOktaApi (the only code that calls Okta) from content/okta-api.js.
(() => {
  const ext = globalThis.browser ?? globalThis.chrome;
  const { loopback } = LUCIQ_OKTA_HOSTS;
  const CUSTOM_HOSTS = 'luciq-scim:custom-hosts';

  let alive = true;
  let last = '';
  const observers = [];

  /** Stops everything once the extension is gone (updated or removed while the tab was open),
   * and says so in the page in plain words: this script can do nothing more until a reload. */
  function stop() {
    if (!alive) return;
    alive = false;
    for (const o of observers) o.disconnect();
    window.removeEventListener('hashchange', report);
    window.removeEventListener('popstate', report);
    document.removeEventListener('visibilitychange', onVisible);
    const checking = luciqAssignment.watching();
    luciqAssignment.stop();
    if (checking) reloadHint();
  }

  /** A small notice in the page: the extension was updated or removed; reload to use it. */
  function reloadHint() {
    if (document.querySelector('[data-luciq-scim=reload]')) return;
    const box = document.createElement('div');
    box.setAttribute('data-luciq-scim', 'reload');
    box.setAttribute('role', 'status');
    Object.assign(box.style, {
      position: 'fixed', left: '16px', bottom: '16px', zIndex: '2147483647', maxWidth: '420px', padding: '10px 14px',
      background: '#fff', color: '#1d1d21', border: '2px solid #5a5a66', borderRadius: '6px',
      boxShadow: '0 4px 16px rgba(0,0,0,.25)', font: '14px/1.4 system-ui, sans-serif',
    });
    box.textContent = 'luciq-scim was updated or turned off: reload this page to check names here again.';
    const close = document.createElement('button');
    close.type = 'button';
    close.textContent = 'Dismiss';
    Object.assign(close.style, { marginLeft: '8px', font: 'inherit', cursor: 'pointer' });
    close.addEventListener('click', () => box.remove());
    box.append(close);
    document.body.append(box);
  }

  const gone = (e) => /context invalidated|extension context/i.test(String(e?.message ?? e));

  /** Sends to the extension's pages; the reply, or null when nobody answers (no panel open). A
   * gone extension stops the script. */
  async function send(message) {
    try {
      if (!ext.runtime?.id) {
        stop();
        return null;
      }
      return (await ext.runtime.sendMessage(message)) ?? null;
    } catch (e) {
      if (gone(e) || !ext.runtime?.id) stop();
      return null;
    }
  }

  /** The assignment checker's question to the panel (the core runs there). */
  const askPanel = ({ role, apps }) => (alive ? send({ type: 'luciq:check-assignment', role, apps }) : null);

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
    const o = new MutationObserver((records) => {
      if (location.href !== last) report();
      luciqAssignment.changed(records);
    });
    o.observe(document.documentElement, { childList: true, subtree: true });
    observers.push(o);
    // The panel's calls to Okta, on one port: each `{id, request}` answered `{id, response}`
    // (content/okta-api.js checks each against its list).
    ext.runtime.onConnect.addListener((port) => {
      if (port.name !== 'luciq:api') return;
      port.onMessage.addListener((m) => {
        if (typeof m?.id !== 'number' || !m.request) return;
        luciqOktaApi.call(m.request).then(
          (response) => { try { port.postMessage({ id: m.id, response }); } catch { /* the panel closed */ } },
          (e) => { try { port.postMessage({ id: m.id, response: { status: 0, ok: false, message: `The call failed in this tab (${e?.message ?? e}).` } }); } catch { /* closed */ } },
        );
      });
    });
    ext.runtime.onMessage.addListener((message, _sender, reply) => {
      if (message?.type === 'luciq:where') reply({ url: location.href });
      if (message?.type === 'luciq:read-enums') {
        // The Profile Editor's enum values (content/profile-editor.js), for the drift check.
        reply(luciqReadEnums.read(message.variables));
        return undefined;
      }
      if (message?.type === 'luciq:watch-assignment' && message.form) {
        // The panel is open: check assignment forms with the setup's labels (content/assignment.js).
        luciqAssignment.watch(message.form, askPanel);
        reply({ watching: true });
        return undefined;
      }
      if (message?.type === 'luciq:fill-assignment' && message.want) {
        luciqAssignment.fill(message.want).then(reply, (e) => reply({
          ok: false, stopped: `The filler stopped: ${e?.message ?? e}. Reload the Okta tab and try again.`, report: [],
        }));
        return true;
      }
      if (message?.type === 'luciq:api-all' && message.request) {
        luciqOktaApi.all(message.request).then(reply, (e) => reply({ status: 0, ok: false, items: [], message: `The call failed in this tab (${e?.message ?? e}).` }));
        return true;
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
