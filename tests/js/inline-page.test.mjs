// scripts/inline-page.mjs on small pages made here: what it writes, and what it refuses (the build
// stops rather than ship a page whose inline text could end its element early or whose bootstrap
// is not the one it knows how to inline).
import test from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const script = path.join(root, 'scripts/inline-page.mjs');

const INDEX = `<!doctype html>
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'">
<link rel="stylesheet" href="style.css">
<link rel="modulepreload" href="pkg/luciq_scim_first_view.js">
<link rel="preload" href="pkg/luciq_scim_first_view_bg.wasm" as="fetch" type="application/wasm" crossorigin>
<script type="module" src="main.js"></script>
<body><main id="app"></main>
`;
const CSS = 'body { margin: 0; }\n';
const MAIN = "import init, { mountPage } from './pkg/luciq_scim_first_view.js';\nawait init({ module_or_path: 'x' });\nmountPage(document.body);\n";
const GLUE = 'let wasm;\nexport function mountPage(root) { return root; }\nasync function __wbg_init(m) { return m; }\nexport { initSync, __wbg_init as default };\n';

/** Runs the script on a page made of `files` (the defaults above, overridden); resolves to
 * {status, stderr, dir}. */
function run(t, files = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inline-page-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  fs.mkdirSync(path.join(dir, 'pkg'));
  const all = { 'index.html': INDEX, 'style.css': CSS, 'main.js': MAIN, 'pkg/luciq_scim_first_view.js': GLUE, ...files };
  for (const [name, text] of Object.entries(all)) fs.writeFileSync(path.join(dir, name), text);
  const r = spawnSync(process.execPath, [script, dir], { encoding: 'utf8' });
  return { status: r.status, stderr: r.stderr, dir };
}

const hash = (text) => `'sha256-${crypto.createHash('sha256').update(text).digest('base64')}'`;

test('the stylesheet and the glue with main.js go inline, allowed by their hashes and nothing else', (t) => {
  const { status, stderr, dir } = run(t);
  assert.equal(status, 0, stderr);
  const html = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
  const style = /<style>([^]*?)<\/style>/.exec(html)[1];
  const code = /<script type="module">([^]*?)<\/script>/.exec(html)[1];
  assert.equal(style, CSS);
  assert.ok(code.startsWith(GLUE), 'the glue first, as it is');
  assert.match(code, /\{\nconst init = __wbg_init;\nawait init\(\{ module_or_path: 'x' \}\);\nmountPage\(document\.body\);\n\}\n$/, 'main.js after it, in a block, its import replaced');
  assert.match(html, new RegExp(`script-src 'self' ${hash(code).replace(/[+/]/g, '\\$&')} 'wasm-unsafe-eval'; style-src ${hash(style).replace(/[+/]/g, '\\$&')}"`));
  assert.doesNotMatch(html, /href="style\.css"|src="main\.js"|modulepreload/);
  assert.match(html, /rel="preload" href="pkg\/luciq_scim_first_view_bg\.wasm"/, 'the wasm is still preloaded');
  assert.ok(!fs.existsSync(path.join(dir, 'main.js')) && !fs.existsSync(path.join(dir, 'style.css')));
});

test('a text that could end its element early stops the build', (t) => {
  for (const [file, text, seen] of [
    ['pkg/luciq_scim_first_view.js', `${GLUE}const s = "</script>";\n`, '</script'],
    ['pkg/luciq_scim_first_view.js', `${GLUE}const s = "<!-- x";\n`, '<!--'],
    ['main.js', `${MAIN}// </SCRIPT >\n`, '</SCRIPT'],
    ['style.css', `${CSS}/* </style> */\n`, '</style'],
  ]) {
    const { status, stderr, dir } = run(t, { [file]: text });
    assert.equal(status, 1, `${file}: ${stderr}`);
    assert.match(stderr, new RegExp(seen.replace(/[-/]/g, '\\$&')));
    assert.equal(fs.readFileSync(path.join(dir, 'index.html'), 'utf8'), INDEX, 'the page is left as it was');
  }
});

test('a bootstrap or page not in the shape it knows stops the build', (t) => {
  for (const [files, why] of [
    [{ 'main.js': MAIN.replace("import init, { mountPage }", 'import init, { mountPage, other }') }, /main\.js: expected exactly one/],
    [{ 'pkg/luciq_scim_first_view.js': GLUE.replace(' as default', '') }, /expected one default export, found 0/],
    [{ 'pkg/luciq_scim_first_view.js': GLUE.replace('export function mountPage', 'function mountPage') }, /no mountPage function/],
    [{ 'index.html': INDEX.replace('<link rel="stylesheet" href="style.css">\n', '') }, /index\.html: expected exactly one/],
    [{ 'index.html': INDEX.replace("style-src 'self'", "style-src 'none'") }, /index\.html: expected exactly one "style-src 'self'"/],
    [{ 'index.html': INDEX + '<script type="module" src="main.js"></script>\n' }, /index\.html: expected exactly one/],
  ]) {
    const { status, stderr } = run(t, files);
    assert.equal(status, 1, stderr);
    assert.match(stderr, why);
  }
});
