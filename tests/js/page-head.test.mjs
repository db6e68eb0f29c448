// The page's head (www/index.html): its Content-Security-Policy allows the inline scripts it
// has, each by the hash of its exact text, and nothing else inline.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import test from 'node:test';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const html = fs.readFileSync(path.join(root, 'www/index.html'), 'utf8');
const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1];
const directive = (name) => csp.split(';').map((d) => d.trim().split(/\s+/)).find(([n]) => n === name)?.slice(1);

test('the CSP is the first thing in the head after the charset and viewport', () => {
  assert.ok(csp, 'a CSP meta element');
  const before = html.slice(0, html.indexOf('http-equiv="Content-Security-Policy"'));
  assert.doesNotMatch(before, /<script|<link|<style/, 'nothing loads before the CSP applies');
});

test('every inline script is allowed by its hash, and nothing else inline is', () => {
  const inline = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
  assert.equal(inline.length, 1, 'one inline script: the first view\'s wasm fetched and compiled early');
  assert.match(inline[0], /^window\.luciqFirstViewWasm = WebAssembly\.compileStreaming\(fetch\('pkg\/luciq_scim_first_view_bg\.wasm'\)\)/);
  const hashes = directive('script-src').filter((s) => s.startsWith("'sha256-"));
  const expected = inline.map((s) => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`);
  assert.deepEqual(hashes, expected, 'script-src lists exactly the inline scripts\' hashes');
  assert.deepEqual(directive('script-src'), ["'self'", ...expected, "'wasm-unsafe-eval'"]);
  assert.deepEqual(directive('style-src'), ["'self'"]);
  assert.doesNotMatch(csp, /'unsafe-inline'|'unsafe-eval'|\*/);
  assert.doesNotMatch(html, /<style|\son[a-z]+=/i, 'no inline style element or event handler');
});

test('main.js instantiates the module compiled in the head, or fetches the wasm itself', () => {
  const main = fs.readFileSync(path.join(root, 'www/main.js'), 'utf8');
  assert.match(main, /await window\.luciqFirstViewWasm;/);
  assert.match(main, /init\(compiled \? \{ module_or_path: compiled \} : undefined\)/);
});
