// The page's bootstrap: load the wasm and mount the views, which are rendered from Rust
// (src/ui/). Nothing else runs here.
//
// Two modules: the first view (setup, roles, catalog, names) comes from the small
// luciq_scim_first_view module, and the page answers as soon as it is mounted; the rest of the
// page (users file, payloads, checklist, save and load, profile) then comes from the whole
// luciq_scim_page module, which fills in those parts and keeps one workspace with the first view.
import init, { mountPage } from './pkg/luciq_scim_first_view.js';

// The wasm's path is given (not left to the glue, which would look beside itself): the build puts
// this file and the glue inline in index.html (scripts/inline-page.mjs). If the first view cannot
// start (no WebAssembly, its file missing), the page says so in words where the view would be.
const app = document.getElementById('app');
let first;
try {
  await init({ module_or_path: './pkg/luciq_scim_first_view_bg.wasm' });
  first = mountPage(app);
} catch (error) {
  const alert = document.createElement('p');
  alert.setAttribute('role', 'alert');
  alert.className = 'internal-error';
  alert.textContent = `This page could not start its checker (${error?.message ?? error}). ` +
    'It needs WebAssembly, which this browser may have turned off; reload the page to try again.';
  app.replaceChildren(alert);
  throw error;
}
document.body.dataset.ready = 'true';

// The rest of the page waits for the frame that draws the first view: its module's download and
// compile, started at once, ran on the cores drawing that frame (the view's paint after ready:
// 2-4 ms sooner with the wait, on two cores; benches/RESULTS.md). A hidden tab draws no frame:
// there the wait ends after 100 ms.
await new Promise((resolve) => {
  requestAnimationFrame(() => requestAnimationFrame(resolve));
  setTimeout(resolve, 100);
});

// The rest of the page in tasks, none of them long: its module instantiated, its sections built
// (below the first view, each part's placeholder until then), then shown one a task.
const rest = await import('./pkg/luciq_scim_page.js');
await rest.default();
await nextTask();
const later = rest.mountLater(app, first, true);
do await nextTask(); while (later.showNext());
document.body.dataset.complete = 'true';

// Resolves in a task after this one (a message: no timer's clamping).
function nextTask() {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(null);
  });
}
