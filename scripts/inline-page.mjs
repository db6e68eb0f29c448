// Puts the built page's stylesheet and its bootstrap into its index.html, so that nothing but the
// first view's wasm stands between the HTML and the page answering:
//
//   node scripts/inline-page.mjs DIR        (scripts/build.sh runs it on dist/www)
//
// * `<link rel="stylesheet" href="style.css">` becomes a `<style>` with style.css's text;
// * `<script type="module" src="main.js">` becomes a `<script type="module">` holding the first
//   view's wasm-bindgen glue (pkg/luciq_scim_first_view.js) and then main.js in a block of its
//   own, main.js's import of that glue replaced by the glue's own names;
// * the glue's `modulepreload` goes (the glue is in the page); the wasm's `preload` stays;
// * the Content-Security-Policy allows exactly those two inline texts, by their SHA-256 hashes
//   (`script-src 'self' 'sha256-…' 'wasm-unsafe-eval'`, `style-src 'sha256-…'`), and nothing else
//   inline;
// * main.js and style.css are removed from DIR (the page no longer asks for them).
//
// Measured before it was made the build (benches/RESULTS.md, "Issue 11, eighteenth session"):
// a module script and the stylesheet it waits for cost a request each before main.js could run
// (main.js ran 13 ms after its files had arrived, 27 ms later than inline).
//
// Every pattern it relies on is checked, and anything unexpected stops the build: a text that
// could end its element early (`</script`, `</style`, `<!--`), a glue whose default export is not
// one name, a main.js whose import is not the one line expected.

import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const dir = process.argv[2];
if (!dir) {
  console.error('inline-page: name the built page directory (dist/www)');
  process.exit(2);
}

function fail(message) {
  console.error(`inline-page: ${message}`);
  process.exit(1);
}

const read = (name) => fs.readFileSync(path.join(dir, name), 'utf8');
/** `text` with `from` replaced by `to`, where `from` occurs exactly once. */
function once(text, from, to, what) {
  const at = text.indexOf(from);
  if (at < 0 || text.indexOf(from, at + 1) >= 0) fail(`${what}: expected exactly one ${JSON.stringify(from)}`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}
const hash = (text) => `'sha256-${crypto.createHash('sha256').update(text, 'utf8').digest('base64')}'`;
/** Text that is safe inside `<tag>…</tag>` as it is (raw text: no entity is decoded). */
function raw(text, what) {
  const bad = /<\/script|<\/style|<!--/i.exec(text);
  if (bad) fail(`${what} holds ${JSON.stringify(bad[0])} at ${bad.index}: it cannot go inline as it is`);
  return text;
}

let html = read('index.html');
const css = raw(read('style.css'), 'style.css');
const glue = read('pkg/luciq_scim_first_view.js');
let main = read('main.js');

// The glue's init is its default export; main.js imports it as `init`.
const exported = glue.match(/^export \{([^}]*)\};?$/gm) ?? [];
const defaults = exported.flatMap((line) => [...line.matchAll(/\b([A-Za-z_$][\w$]*) as default\b/g)].map((m) => m[1]));
if (defaults.length !== 1) fail(`pkg/luciq_scim_first_view.js: expected one default export, found ${defaults.length}`);
main = once(
  main,
  "import init, { mountPage } from './pkg/luciq_scim_first_view.js';\n",
  `const init = ${defaults[0]};\n`,
  'main.js',
);
if (!/^export function mountPage\(/m.test(glue)) fail('pkg/luciq_scim_first_view.js: no mountPage function');
// main.js in a block: its names cannot clash with the glue's (a module is strict, so its
// functions are the block's too). The glue's exports stay: in a script no one imports, they are
// names and nothing more.
const script = raw(`${glue}\n{\n${main}}\n`, 'the glue and main.js');

html = once(html, '<link rel="stylesheet" href="style.css">', `<style>${css}</style>`, 'index.html');
html = once(html, '<script type="module" src="main.js"></script>', `<script type="module">${script}</script>`, 'index.html');
html = once(html, '<link rel="modulepreload" href="pkg/luciq_scim_first_view.js">\n', '', 'index.html');
html = once(html, "script-src 'self'", `script-src 'self' ${hash(script)}`, 'index.html');
html = once(html, "style-src 'self'", `style-src ${hash(css)}`, 'index.html');
fs.writeFileSync(path.join(dir, 'index.html'), html);
fs.rmSync(path.join(dir, 'main.js'));
fs.rmSync(path.join(dir, 'style.css'));
console.log(`[inline-page] ${path.join(dir, 'index.html')}: ${Buffer.byteLength(html)} bytes (style.css and main.js with the first view's glue inline)`);
