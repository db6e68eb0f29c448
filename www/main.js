// The page's bootstrap: load the wasm and mount the views, which are rendered from Rust
// (src/ui/). Nothing else runs here.
import init, { mountPage } from './pkg/luciq_scim_page.js';

await init();
mountPage(document.getElementById('app'));
document.body.dataset.ready = 'true';
