// The minimal validation page: loads the wasm core and runs checkNames on what is pasted.
// Every name is shown with textContent only: names are hostile input.
import init, { checkNames, luciqProfile } from './pkg/luciq_scim_names.js';

const $ = (id) => document.getElementById(id);
const el = (tag, props = {}, ...children) => {
  const node = document.createElement(tag);
  Object.assign(node, props);
  node.append(...children);
  return node;
};

const EXAMPLE_NAMES = {
  app: ['Acme iOS', 'Acme iOS ', 'acme android', 'Acme\u200BWeb', 'Cafe\u0301 Finder', 'Acm\u0435 iOS', 'Zeta\u00A0Pay', 'Acme Andriod'],
  role: ['adminstrator', 'administrator', 'member', 'Viewer'],
  variable: ['instabugRole', 'InstabugApplications', 'instabug_role'],
};

/** Shows a piece of a name with its invisible characters made visible. */
function visible(text, { spaces = true } = {}) {
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0);
    if (ch === ' ') out += spaces ? '␠' : ' ';
    else if (/[\p{White_Space}\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}]/u.test(ch) || (cp >= 0xfe00 && cp <= 0xfe0f)) {
      out += `⟨U+${cp.toString(16).toUpperCase().padStart(4, '0')}⟩`;
    } else out += ch;
  }
  return out;
}

/** The name with the spans of its diagnostics highlighted. */
function highlighted(input, diagnostics) {
  const spans = diagnostics.filter((d) => d.end > d.start && !(d.start === 0 && d.end === input.length))
    .map((d) => [d.start, d.end]).sort((a, b) => a[0] - b[0]);
  const node = el('span', { className: 'name' });
  let at = 0;
  for (const [start, end] of spans) {
    if (start < at) continue;
    node.append(input.slice(at, start), el('mark', { textContent: visible(input.slice(start, end)) }));
    at = end;
  }
  node.append(input.slice(at));
  return node;
}

function lines(text) {
  return text.split('\n').map((l) => l.replace(/\r$/, '')).filter((l, i, all) => l !== '' || i < all.length - 1);
}

function render() {
  const kind = $('kind').value;
  const names = lines($('names').value);
  const request = { kind, names, setup: $('setup').value };
  if (kind === 'app' && $('catalog').value.trim() !== '') request.catalog = lines($('catalog').value);
  let report;
  try {
    report = checkNames(request);
  } catch (e) {
    $('summary').textContent = `Could not check: ${e.message} (${e.code ?? 'error'})`;
    return;
  }
  $('summary').textContent = `${names.length} names: ${report.errors} errors, ${report.warnings} warnings, ${report.infos} notes.`;
  const list = $('results');
  list.replaceChildren();
  report.results.forEach((r, i) => {
    const item = el('li', {}, highlighted(r.input, r.diagnostics), ' ', el('span', {
      className: r.ok ? 'info' : 'error', textContent: r.ok ? (r.diagnostics.length ? 'usable' : 'clean') : 'will not match',
    }));
    for (const d of r.diagnostics) {
      const row = el('div', { className: `diag ${d.severity}` },
        el('span', { className: 'code', textContent: `${d.severity} ${d.code}` }), ': ', d.message);
      if (d.suggestion !== null) {
        row.append(' ', el('button', {
          type: 'button', textContent: `Use "${visible(d.suggestion, { spaces: false })}"`,
          onclick: () => {
            const all = $('names').value.split('\n');
            all[i] = d.suggestion;
            $('names').value = all.join('\n');
            render();
          },
        }));
      }
      item.append(row);
    }
    list.append(item);
  });
}

function showProfile() {
  const p = luciqProfile({ setup: $('setup').value });
  const roles = el('table', {}, el('tr', {}, el('th', { textContent: 'Role' }), el('th', { textContent: 'Value Okta sends' }), el('th', { textContent: 'Published by Luciq' })));
  for (const r of p.roles) {
    roles.append(el('tr', {}, el('td', { textContent: r.title }), el('td', { className: 'name', textContent: r.value }),
      el('td', { textContent: r.confirmed ? 'yes' : 'no: confirm with Luciq' })));
  }
  const attrs = el('ul');
  for (const a of p.attributes) {
    attrs.append(el('li', { textContent: `${a.displayName}: variable ${a.variableName}, ${a.dataType}, external name ${a.externalName}, namespace ${a.externalNamespace}` }));
  }
  $('profile').replaceChildren(el('p', { textContent: `App profile: ${p.appProfile}` }), attrs, roles,
    el('ul', {}, ...p.unknowns.map((u) => el('li', { textContent: u }))));
}

let timer;
const later = () => { clearTimeout(timer); timer = setTimeout(render, 150); };

await init();
$('catalog').value = (await (await fetch('./example-catalog.txt')).text()).trimEnd();
$('names').value = EXAMPLE_NAMES.app.join('\n');
$('names').addEventListener('input', later);
$('catalog').addEventListener('input', later);
$('setup').addEventListener('change', () => { showProfile(); render(); });
$('kind').addEventListener('change', () => {
  $('names').value = EXAMPLE_NAMES[$('kind').value].join('\n');
  $('catalog-label').hidden = $('kind').value !== 'app';
  render();
});
showProfile();
render();
document.body.dataset.ready = 'true';
