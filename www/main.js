// The page's bootstrap: load the wasm and mount the views, which are rendered from Rust
// (src/ui/). Nothing else runs here.
//
// Two modules: the first view (setup, roles, catalog, names) comes from the small
// luciq_scim_first_view module, and the page answers as soon as it is mounted; the rest of the
// page (users file, payloads, checklist, save and load, profile) then comes from the whole
// luciq_scim_page module, which fills in those parts and keeps one workspace with the first view.
import init, { mountPage } from './pkg/luciq_scim_first_view.js';

await init();
const app = document.getElementById('app');
const first = mountPage(app);
document.body.dataset.ready = 'true';

const rest = await import('./pkg/luciq_scim_page.js');
await rest.default();
rest.mountLater(app, first);
document.body.dataset.complete = 'true';
