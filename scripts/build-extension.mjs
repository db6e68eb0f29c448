// Assembles the browser extension for Chrome and Firefox from one source (extension/) and the
// built page module (dist/pkg, from scripts/build.sh):
//   dist/extension/chrome/, dist/extension/firefox/ and a zip of each (what ships), and
//   dist/extension-test/chrome/, …/firefox/: the same with pages on 127.0.0.1 (any port) added to
//   the content script's matches, for the end-to-end tests. The shipped build never has them.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { CONTENT_SCRIPTS, manifest, hostsScript } from '../extension/manifest.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const src = path.join(root, 'extension');
const pkg = path.join(root, 'dist/pkg');
const version = /^version = "([^"]+)"/m.exec(fs.readFileSync(path.join(root, 'Cargo.toml'), 'utf8'))[1];

// The extension's own files (manifest.mjs and okta-hosts.json make the manifest and hosts.js).
// The content scripts are manifest.mjs's list (hosts.js is generated).
const FILES = [...CONTENT_SCRIPTS.filter((f) => f !== 'content/hosts.js'), 'background.js', 'panel/panel.html', 'panel/panel.css', 'panel/panel.js', 'panel/org.js',
  'options/options.html', 'options/options.js', 'icons/icon-16.png', 'icons/icon-32.png', 'icons/icon-48.png',
  'icons/icon-128.png'];
// The page's module: the sections the panel mounts (wasm only in extension pages).
const PKG = ['luciq_scim_page.js', 'luciq_scim_page_bg.wasm'];

function copy(from, to) {
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.copyFileSync(from, to);
}

/** A zip of `dir`'s files, paths relative to it (Python's zipfile: on every machine here). */
function zip(dir, out) {
  fs.rmSync(out, { force: true });
  execFileSync('python3', ['-c', `
import os, sys, zipfile
src, out = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as z:
    for base, dirs, files in sorted(os.walk(src)):
        dirs.sort()
        for f in sorted(files):
            p = os.path.join(base, f)
            info = zipfile.ZipInfo(os.path.relpath(p, src), date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            with open(p, 'rb') as fh:
                z.writestr(info, fh.read())
`, dir, out]);
}

function build(browser, { test }) {
  const out = path.join(root, test ? 'dist/extension-test' : 'dist/extension', browser);
  fs.rmSync(out, { recursive: true, force: true });
  for (const f of FILES) copy(path.join(src, f), path.join(out, f));
  if (test && browser === 'firefox') copy(path.join(src, 'test-open.js'), path.join(out, 'test-open.js'));
  for (const f of PKG) {
    if (!fs.existsSync(path.join(pkg, f))) throw new Error(`dist/pkg/${f} is missing: run scripts/build.sh first`);
    copy(path.join(pkg, f), path.join(out, 'pkg', f));
  }
  // The JS the module imports beside its glue (wasm-bindgen's `inline_js` snippets).
  if (fs.existsSync(path.join(pkg, 'snippets'))) {
    fs.cpSync(path.join(pkg, 'snippets'), path.join(out, 'pkg/snippets'), { recursive: true });
  }
  copy(path.join(root, 'www/style.css'), path.join(out, 'style.css'));
  fs.writeFileSync(path.join(out, 'content/hosts.js'), hostsScript({ test }));
  fs.writeFileSync(path.join(out, 'manifest.json'), `${JSON.stringify(manifest(browser, { version, test }), null, 2)}\n`);
  if (!test) {
    const z = path.join(root, 'dist/extension', `luciq-scim-${browser}-${version}.zip`);
    zip(out, z);
    console.log(`[extension] ${path.relative(root, out)}/ and ${path.relative(root, z)} (${fs.statSync(z).size} bytes)`);
  } else {
    console.log(`[extension] ${path.relative(root, out)}/ (test build: also on 127.0.0.1)`);
  }
}

for (const browser of ['chrome', 'firefox']) {
  build(browser, { test: false });
  build(browser, { test: true });
}
