// Custom admin domains: an optional host permission for one origin, asked for here (a user
// gesture), and the content script registered for it. Removing one takes both back.
const ext = globalThis.browser ?? globalThis.chrome;
const CUSTOM_HOSTS = 'luciq-scim:custom-hosts';
// The same content scripts as the manifest's (one list: extension/manifest.mjs).
const SCRIPTS = ext.runtime.getManifest().content_scripts[0].js;

const status = document.getElementById('status');
const list = document.getElementById('granted');

/** `https://host` of what was typed, or null: https only, no path, no credentials. */
function originOf(text) {
  let u;
  try {
    u = new URL(text.trim());
  } catch {
    return null;
  }
  if (u.protocol !== 'https:' || u.username || u.password || !u.hostname.includes('.')) return null;
  return { origin: u.origin, host: u.host };
}

const scriptId = (host) => `custom-${host.replace(/[^a-z0-9.-]/gi, '_')}`;

async function hosts() {
  return (await ext.storage.local.get(CUSTOM_HOSTS))[CUSTOM_HOSTS] ?? [];
}

async function render() {
  list.replaceChildren();
  for (const host of await hosts()) {
    const li = document.createElement('li');
    li.append(document.createTextNode(`https://${host} `));
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.textContent = 'Remove';
    remove.setAttribute('aria-label', `Remove https://${host}`);
    remove.addEventListener('click', () => removeHost(host));
    li.append(remove);
    list.append(li);
  }
}

async function removeHost(host) {
  await ext.scripting.unregisterContentScripts({ ids: [scriptId(host)] }).catch(() => {});
  await ext.permissions.remove({ origins: [`https://${host}/*`] }).catch(() => {});
  await ext.storage.local.set({ [CUSTOM_HOSTS]: (await hosts()).filter((h) => h !== host) });
  status.textContent = `Removed https://${host}.`;
  await render();
}

document.getElementById('add').addEventListener('submit', async (event) => {
  event.preventDefault();
  const parsed = originOf(document.getElementById('origin').value);
  if (!parsed) {
    status.textContent = 'Type the address of the admin console as https://host (no path).';
    return;
  }
  // Asked first, in the click: the browser shows its own prompt for this one origin.
  const granted = await ext.permissions.request({ origins: [`${parsed.origin}/*`] }).catch(() => false);
  if (!granted) {
    status.textContent = `Not allowed: the extension does not run on ${parsed.origin}.`;
    return;
  }
  await ext.scripting.unregisterContentScripts({ ids: [scriptId(parsed.host)] }).catch(() => {});
  await ext.scripting.registerContentScripts([{
    id: scriptId(parsed.host), matches: [`${parsed.origin}/*`], js: SCRIPTS, runAt: 'document_idle', persistAcrossSessions: true,
  }]);
  const all = await hosts();
  if (!all.includes(parsed.host)) await ext.storage.local.set({ [CUSTOM_HOSTS]: [...all, parsed.host] });
  status.textContent = `The extension now runs on ${parsed.origin} (reload its tabs).`;
  await render();
});

await render();
