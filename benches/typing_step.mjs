// The step benches/page_typing.mjs traces and benches/page_profile.mjs profiles: the page opened
// in a fresh context and left to complete, then the 10,000-name catalog and a 3-name list set as
// a paste into each text box sets them (value, then an `input` event), until the catalog's
// status reads "10000 names".
import { SEED, catalog as makeCatalog, queries } from "./fixtures.mjs";

export const CATALOG = makeCatalog(SEED, 10000);

/// The first `n` of page.mjs's queries against CATALOG, one a line.
export const queryLines = (n) => queries(SEED, CATALOG, Math.max(n, 10000)).names.slice(0, n).join("\n");

/// A page of `url` in a fresh context (1280 × 900), complete and settled for 500 ms.
export async function openComplete(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForSelector("body[data-complete=true]", { timeout: 60_000 });
  await page.waitForTimeout(500);
  return { context, page };
}

/// Sets each [id, text] as a paste would; returns the page's clock just before.
export const paste = (page, pairs) => page.evaluate((pairs) => {
  const t = performance.now();
  for (const [id, text] of pairs) {
    const el = document.getElementById(id);
    el.value = text;
    el.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "insertFromPaste" }));
  }
  return t;
}, pairs);

/// Until the catalog's status reads "10000 names".
export const catalogShown = (page) => page.waitForFunction(
  (n) => (document.getElementById("catalog-status")?.textContent ?? "").startsWith(`${n} names`),
  CATALOG.length, { timeout: 60_000 });
