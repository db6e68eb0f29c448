// The page's bootstrap: load the wasm and mount the views, which are rendered from Rust
// (src/ui/). Nothing else runs here.
//
// Two modules: the first view (setup, roles, catalog, names) comes from the small
// luciq_scim_first_view module, and the page answers as soon as it is mounted; the rest of the
// page (users file, payloads, checklist, save and load, profile) then comes from the whole
// luciq_scim_page module, which fills in those parts and keeps one workspace with the first view.
//
// The built index.html already holds the first view as the mount builds it for a first visit
// (scripts/prerender.mjs), so the form shows and takes input before the wasm is here; the
// mounted view replaces it and is given what the admin typed, chose, dropped or focused in it
// meanwhile.
import init, { mountPage } from './pkg/luciq_scim_first_view.js';

let app = document.getElementById('app');
await init();
let first;
if (app.hasAttribute('data-prerendered')) {
  // The view is built into a root not yet in the document, then shown (its checks run) a
  // section a task: shorter tasks than one mount, while the prerendered view stays in place.
  // Then, in one step, the built view takes its place and is given what was done in it.
  const fresh = document.createElement('main');
  fresh.id = app.id;
  first = mountPage(fresh, true);
  do await nextTask(); while (first.showNext());
  await nextTask();
  const before = doneBefore(app);
  app.replaceWith(fresh);
  app = fresh;
  document.documentElement.removeAttribute('data-kept');
  carryOver(app, before);
} else {
  first = mountPage(app);
}
document.body.dataset.ready = 'true';

// The rest of the page in tasks: its module instantiated, its sections built (each part's
// placeholder until then), then shown one a task.
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

// What the admin changed in the prerendered view: each control whose state differs from its
// markup's (its position among the view's controls, its id and kind to be sure it is the same
// control after the mount), and where the focus and the caret were.
function doneBefore(root) {
  const controls = [...root.querySelectorAll('input, textarea, select')];
  const changed = [];
  controls.forEach((el, i) => {
    const key = keyOf(el, i);
    if (el.type === 'file') {
      if (el.files?.length) changed.push({ ...key, files: el.files });
    } else if (el.type === 'checkbox' || el.type === 'radio') {
      if (el.checked !== el.defaultChecked) changed.push({ ...key, checked: el.checked });
    } else if (el instanceof HTMLSelectElement) {
      if ([...el.options].some((o) => o.selected !== o.defaultSelected)) changed.push({ ...key, value: el.value });
    } else if (el.value !== el.defaultValue) {
      changed.push({ ...key, value: el.value });
    }
  });
  const active = controls.indexOf(document.activeElement);
  const focus = active < 0 ? null : {
    ...keyOf(document.activeElement, active),
    start: document.activeElement.selectionStart ?? null,
    end: document.activeElement.selectionEnd ?? null,
    direction: document.activeElement.selectionDirection ?? 'none',
    scrollTop: document.activeElement.scrollTop,
  };
  return { changed, focus };
}

// Gives the mounted view what was done before it, as the browser would have told it (an input
// event, then a change event for boxes, choices and files), so each view reacts as to the admin.
function carryOver(root, { changed, focus }) {
  const controls = [...root.querySelectorAll('input, textarea, select')];
  const same = (c) => {
    const el = controls[c.i];
    return el && keyOf(el, c.i).kind === c.kind && el.id === c.id ? el : null;
  };
  for (const c of changed) {
    const el = same(c);
    if (!el) continue;
    if ('files' in c) el.files = c.files;
    else if ('checked' in c) el.checked = c.checked;
    else el.value = c.value;
    el.dispatchEvent(new Event('input', { bubbles: true }));
    if (!('value' in c) || el instanceof HTMLSelectElement) el.dispatchEvent(new Event('change', { bubbles: true }));
  }
  const el = focus && same(focus);
  if (el) {
    el.focus({ preventScroll: true });
    if (focus.start !== null && typeof el.setSelectionRange === 'function') {
      try { el.setSelectionRange(focus.start, focus.end, focus.direction); } catch { /* not a text field */ }
    }
    el.scrollTop = focus.scrollTop;
  }
}

function keyOf(el, i) {
  return { i, id: el.id, kind: `${el.tagName}:${el.type ?? ''}` };
}
