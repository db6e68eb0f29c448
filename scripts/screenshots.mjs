// Screenshots of the page's main views for docs/ (run after scripts/build.sh):
//   node scripts/screenshots.mjs [out-dir]
// The page is served from dist/www on 127.0.0.1 and filled with the example state.
import path from 'node:path';
import { chromium } from 'playwright-core';
import { serve, root, CHROMIUM_ARGS } from '../tests/e2e/browser.mjs';

const out = process.argv[2] ?? path.join(root, 'docs');
const server = await serve();
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
try {
  for (const [name, viewport, scheme, section] of [
    ['page-1280.png', { width: 1280, height: 1100 }, 'light', null],
    ['page-375-dark.png', { width: 375, height: 1400 }, 'dark', null],
    ['users-1280.png', { width: 1280, height: 1000 }, 'light', '#users-title-section'],
    ['outputs-1280.png', { width: 1280, height: 1100 }, 'light', '#outputs-title-section'],
    ['checklist-1280.png', { width: 1280, height: 1100 }, 'light', '#checklist-title-section'],
  ]) {
    const context = await browser.newContext({ viewport, colorScheme: scheme });
    const page = await context.newPage();
    await page.goto(server.url);
    await page.waitForSelector('body[data-ready=true]');
    if (section) {
      await page.fill('#org', 'acme-admin.okta.com');
      await page.fill('#app-id', '0oa1abcd2EFGH3ijk4x7');
      await page.waitForFunction(() => document.querySelector('#out-curl')?.textContent.startsWith('#!/bin/sh'));
      await page.locator(section).scrollIntoViewIfNeeded();
      await page.evaluate((s) => document.querySelector(s).scrollIntoView(), section);
    }
    await page.screenshot({ path: path.join(out, name) });
    await context.close();
    console.log(`wrote ${path.join(out, name)}`);
  }
} finally {
  await browser.close();
  server.stop();
}
