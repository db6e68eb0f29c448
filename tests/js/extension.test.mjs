// The built extension (dist/extension, from scripts/build-extension.mjs): its manifests for
// both browsers ask for no more than the features use, the content script's host rule is the
// core's, nothing loads or evaluates remote code, and the zips hold what ships.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { execFileSync } from 'node:child_process';
import { api, root } from './load.mjs';

const dir = (build, browser) => path.join(root, build, browser);
const manifestOf = (build, browser) => JSON.parse(fs.readFileSync(path.join(dir(build, browser), 'manifest.json'), 'utf8'));
const DOMAINS = ['okta.com', 'oktapreview.com', 'okta-emea.com', 'okta-gov.com', 'okta.mil'];
const CSP = "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'";

test('both manifests ask only for what a feature uses, and only Okta admin hosts', () => {
  for (const browser of ['chrome', 'firefox']) {
    const m = manifestOf('dist/extension', browser);
    assert.equal(m.manifest_version, 3);
    assert.deepEqual(m.permissions, browser === 'chrome' ? ['storage', 'scripting', 'sidePanel'] : ['storage', 'scripting']);
    assert.equal(m.host_permissions, undefined, 'no host permission: content scripts need none');
    assert.deepEqual(m.optional_host_permissions, ['https://*/*'], 'a custom admin domain, one origin at a time');
    assert.equal(m.content_security_policy.extension_pages, CSP);
    assert.equal(m.content_scripts.length, 1);
    const [cs] = m.content_scripts;
    assert.deepEqual(cs.matches, DOMAINS.map((d) => `https://*.${d}/*`));
    assert.deepEqual(cs.include_globs, DOMAINS.map((d) => `https://*-admin.${d}/*`));
    assert.deepEqual(cs.js, ['content/hosts.js', 'content/controls.js', 'content/attribute-form.js', 'content/assignment.js',
      'content/profile-editor.js', 'content/okta-api.js', 'content/console.js']);
    const text = JSON.stringify(m);
    assert.doesNotMatch(text, /<all_urls>|127\.0\.0\.1|localhost|"tabs"|"cookies"|webRequest|"debugger"|"history"/);
    // The test build differs only by the loopback pages.
    const t = manifestOf('dist/extension-test', browser);
    assert.deepEqual(t.content_scripts[0].matches, [...cs.matches, 'http://127.0.0.1/*']);
    assert.deepEqual(t.content_scripts[0].include_globs, [...cs.include_globs, 'http://127.0.0.1:*/*']);
    assert.deepEqual(t.permissions, m.permissions);
  }
  const chrome = manifestOf('dist/extension', 'chrome');
  assert.deepEqual(chrome.background, { service_worker: 'background.js' });
  assert.equal(chrome.side_panel.default_path, 'panel/panel.html');
  const firefox = manifestOf('dist/extension', 'firefox');
  assert.deepEqual(firefox.background, { scripts: ['background.js'], service_worker: 'background.js' });
  assert.equal(firefox.sidebar_action.default_panel, 'panel/panel.html');
  assert.deepEqual(firefox.browser_specific_settings.gecko.data_collection_permissions, { required: ['none'] });
  assert.match(firefox.browser_specific_settings.gecko.id, /^luciq-scim@/);
});

test('the content script\'s host rule is the core\'s', () => {
  const context = {};
  vm.runInNewContext(fs.readFileSync(path.join(dir('dist/extension', 'chrome'), 'content/hosts.js'), 'utf8'), context);
  assert.equal(context.LUCIQ_OKTA_HOSTS.loopback, false);
  const hosts = ['acme-admin.okta.com', 'ACME-admin.okta.mil', 'acme-admin.oktapreview.com', 'acme-admin.okta-emea.com',
    'acme-admin.okta-gov.com', 'acme.okta.com', '-admin.okta.com', 'a.b-admin.okta.com', 'acme-admin.okta.com.evil.example',
    'okta.com', 'admin.okta.com', 'acme-admin.example.com', 'xokta.com', 'acme-admin.xokta.com', '127.0.0.1'];
  for (const host of hosts) {
    const core = api.readConsoleTab(`https://${host}/`).hostKind === 'admin';
    assert.equal(context.luciqIsAdminHost(host), core, host);
  }
  const test = {};
  vm.runInNewContext(fs.readFileSync(path.join(dir('dist/extension-test', 'chrome'), 'content/hosts.js'), 'utf8'), test);
  assert.equal(test.LUCIQ_OKTA_HOSTS.loopback, true);
});

test('no remote code, no eval, no HTML from strings in what ships', () => {
  for (const browser of ['chrome', 'firefox']) {
    const base = dir('dist/extension', browser);
    const files = fs.readdirSync(base, { recursive: true }).filter((f) => /\.(js|html)$/.test(f));
    assert.ok(files.length >= 7, files.join(', '));
    for (const f of files) {
      const text = fs.readFileSync(path.join(base, f), 'utf8');
      assert.doesNotMatch(text, /\beval\(|new Function\(|\.innerHTML\s*=|insertAdjacentHTML|outerHTML\s*=|document\.write\(/, f);
      assert.doesNotMatch(text, /<script[^>]+src=["']?https?:|import\(\s*["']https?:|from\s+["']https?:/, `${f} loads remote code`);
      if (f === 'pkg/luciq_scim_page.js') {
        // wasm-bindgen's glue fetches one file: the module beside it, from the extension itself.
        assert.deepEqual(text.match(/fetch\([^)]*\)|new URL\([^)]*\)/g),
          ['new URL(\'luciq_scim_page_bg.wasm\', import.meta.url)', 'fetch(module_or_path)'].sort((a, b) => text.indexOf(a) - text.indexOf(b)));
      } else if (f === 'content/okta-api.js') {
        // The one module that calls Okta: one fetch, of a URL its allow-list checked, on the
        // tab's own origin, with the admin's session.
        assert.deepEqual(text.match(/\b\w*[fF]etch\([^,)]*/g), ['pageFetch(url'], f);
        const code = text.split('\n').filter((l) => !/^\s*(\/\/|\*|\/\*\*)/.test(l) && /\bfetch\b/.test(l));
        assert.equal(code.length, 1, `fetch is named only where pageFetch is chosen: ${code.join(' | ')}`);
        assert.match(code[0], /^\s*const pageFetch = globalThis\.content\?\.fetch \?/);
        assert.match(text, /credentials: 'include'/);
        assert.match(text, /url\.origin !== location\.origin/);
        assert.doesNotMatch(text, /XMLHttpRequest|sendBeacon|WebSocket\(|localStorage|storage\.local/, `${f} keeps nothing`);
      } else {
        assert.doesNotMatch(text, /\bfetch\(|XMLHttpRequest|sendBeacon|WebSocket\(/, `${f} sends nothing anywhere`);
      }
    }
    // Wasm only in extension pages: the content scripts have none.
    for (const f of manifestOf('dist/extension', browser).content_scripts[0].js) {
      assert.doesNotMatch(fs.readFileSync(path.join(base, f), 'utf8'), /WebAssembly|\.wasm|import /, f);
    }
  }
});

test('every module the page module imports ships beside it', () => {
  for (const browser of ['chrome', 'firefox']) {
    const base = dir('dist/extension', browser);
    const glue = fs.readFileSync(path.join(base, 'pkg/luciq_scim_page.js'), 'utf8');
    const imports = [...glue.matchAll(/^import .* from '(\.[^']+)';$/gm)].map((m) => m[1]);
    for (const rel of imports) {
      assert.ok(fs.existsSync(path.join(base, 'pkg', rel)), `${browser}: pkg/${rel}, imported by the page module, is missing`);
    }
  }
});

test('each browser\'s zip holds its build', () => {
  for (const browser of ['chrome', 'firefox']) {
    const zips = fs.readdirSync(path.join(root, 'dist/extension')).filter((f) => f.startsWith(`luciq-scim-${browser}-`) && f.endsWith('.zip'));
    assert.equal(zips.length, 1, zips.join(', '));
    const names = execFileSync('python3', ['-c', 'import sys, zipfile; print("\\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))',
      path.join(root, 'dist/extension', zips[0])], { encoding: 'utf8' }).trim().split('\n');
    const built = fs.readdirSync(dir('dist/extension', browser), { recursive: true })
      .filter((f) => fs.statSync(path.join(dir('dist/extension', browser), f)).isFile());
    assert.deepEqual(names.sort(), built.sort());
    assert.ok(names.includes('manifest.json') && names.includes('pkg/luciq_scim_page_bg.wasm'));
  }
});
