// Opening a page to time its load without running any of Playwright's own script in it while it
// loads. Used by the benches that time the page's load (page.mjs, page_ab.mjs, page_floor.mjs).
//
// Why: the first wait that looks into a page (waitForSelector, waitForFunction) makes Playwright
// evaluate its injected script there, 7-22 ms of the page's main thread on this machine.
// page.goto returns at the page's `load` event, which comes before the first view is mounted (the
// wasm's compile and the mount run after it), so a wait started then put that script in the
// middle of the load: in a trace, in 5 loads of 10, before the mount, and those loads were ready
// 10-15 ms later (benches/RESULTS.md, "Issue 11, twentieth session"). A person's browser runs
// no such script.
//
// So a bench opens the page with goto(waitUntil: "commit") and learns of each milestone from a
// console message its init script posts (`SIGNAL` + the milestone's name): Playwright only
// listens, and evaluates nothing in the page until the bench asks it to, after the milestones.

/** The prefix of a milestone's console message. */
export const SIGNAL = "luciq-bench:";

/**
 * An init script (`context.addInitScript(postFirstPaint, SIGNAL)`): posts the milestone `fcp`
 * once the page's first contentful paint is recorded.
 */
export function postFirstPaint(signal) {
  new PerformanceObserver((list, observer) => {
    if (!list.getEntries().some((e) => e.name === "first-contentful-paint")) return;
    observer.disconnect();
    console.debug(`${signal}fcp`);
  }).observe({ type: "paint", buffered: true });
}

/**
 * Promises, one per name, each settled when the page posts `SIGNAL + name` on its console
 * (`console.debug` from an init script), or rejected after `timeoutMs` without it. Listen before
 * navigating: a milestone posted before the listener is missed.
 */
export function milestones(page, names, timeoutMs = 60_000) {
  const waiting = new Map();
  const promises = {};
  for (const name of names) {
    promises[name] = new Promise((resolve, reject) => waiting.set(name, { resolve, reject }));
    promises[name].catch(() => {}); // a bench that stops waiting leaves no unhandled rejection
  }
  const listener = (message) => {
    const text = message.text();
    if (!text.startsWith(SIGNAL)) return;
    const name = text.slice(SIGNAL.length);
    const w = waiting.get(name);
    if (!w) return;
    waiting.delete(name);
    w.resolve(performance.now());
    if (!waiting.size) done();
  };
  const timer = setTimeout(() => {
    for (const [name, w] of waiting) w.reject(new Error(`no "${name}" from the page within ${timeoutMs} ms`));
    waiting.clear();
    done();
  }, timeoutMs);
  function done() {
    clearTimeout(timer);
    page.off("console", listener);
  }
  page.on("console", listener);
  return promises;
}

/**
 * Navigates `page` to `url` (returning once the navigation commits) and waits for the named
 * milestones, in order. Nothing is evaluated in the page by the time this returns but the init
 * scripts.
 */
export async function openQuietly(page, url, names, timeoutMs = 60_000) {
  const reached = milestones(page, names, timeoutMs);
  await page.goto(url, { waitUntil: "commit", timeout: timeoutMs });
  for (const name of names) await reached[name];
}
