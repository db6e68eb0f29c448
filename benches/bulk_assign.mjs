// Bulk assignment through the extension, measured against the rate limit's floor (issue 10,
// "Performance"). The fake Okta org (tests/fake-okta) holds 5,000 people; a users file assigns
// each a role and apps; 10 % of the assignment calls fail transiently (HTTP 500, nothing
// applied); the rate limit is compressed to windows of `window` ms with `limit` calls each (Okta
// counts per minute: 1 s windows of 250 keep the run short). The time is from the click on "Send
// … assignments" to the panel's "Finished", on the panel's clock. The floor is what the rate limit
// allows: the calls Okta counted in the assignment's bucket (first sends and retries) ÷ the
// budget per second. Reported: the wall time, the floor, their ratio, the calls, the 429s and the
// most calls in flight. A benchmark: it never fails on timing; it exits non-zero only when a row
// is not applied exactly once.
//
//   node benches/bulk_assign.mjs [users=5000] [limit=250] [window=1000] [concurrency=16] [failures=0.1] [runs=1]
//
// Needs the extension's test build (scripts/build.sh, then scripts/build-extension.mjs) and the
// e2e plumbing (tests/e2e/fake-org.mjs starts the fake org and Chromium with the extension).
import os from 'node:os';
import { openOnFake } from '../tests/e2e/fake-org.mjs';
import { CATALOG } from '../tests/fixtures/console/data.mjs';

const arg = (name, fallback) => {
  const a = process.argv.find((x) => x.startsWith(`${name}=`));
  return a ? Number(a.slice(name.length + 1)) : fallback;
};
const USERS = arg('users', 5000);
const LIMIT = arg('limit', 250);
const WINDOW = arg('window', 1000);
const CONCURRENCY = arg('concurrency', 16);
const FAILURES = arg('failures', 0.1);
const RUNS = arg('runs', 1);

/** A stand-in for node:test's context: what openOnFake registers to clean up. */
function context() {
  const after = [];
  return { after: (f) => after.push(f), close: async () => { for (const f of after.reverse()) await f(); } };
}

async function run() {
  const t = context();
  try {
    const { panel, fake } = await openOnFake(t, {
      scenario: 'clean', users: USERS, rateLimit: { windowMs: WINDOW, limit: LIMIT },
      settings: { throttleGraceMs: 100 },
    });
    await panel.evaluate((config) => chrome.storage.local.set({ 'luciq-scim:bulk-settings': config }), {
      concurrency: CONCURRENCY, rateWindowMs: WINDOW, rateLimitFallbackMs: WINDOW, resetMarginMs: 100,
      backoffBaseMs: 200, backoffMaxMs: 2000, requestTimeoutMs: 10000,
    });
    const lines = ['email,role,apps'];
    const roles = ['member', 'viewer', 'associate', 'observer'];
    for (let i = 1; i <= USERS; i += 1) {
      lines.push(`user${String(i).padStart(5, '0')}@example.com,${roles[i % 4]},${CATALOG.apps.slice(0, 1 + (i % 3)).join('|')}`);
    }
    await panel.$eval('#users-csv', (area, text) => {
      area.value = text;
      area.dispatchEvent(new Event('input', { bubbles: true }));
    }, `${lines.join('\n')}\n`);
    await panel.waitForFunction((n) => document.getElementById('users-summary').textContent.startsWith(`${n} rows`), USERS, { timeout: 120_000 });
    const planStart = Date.now();
    await panel.click('#bulk-plan');
    await panel.waitForFunction(() => !document.getElementById('bulk-start').hidden, null, { timeout: 300_000 });
    const planMs = Date.now() - planStart;
    fake.resetCounters();
    fake.setFaults({ serverError: { rate: FAILURES, endpoints: ['appUsers.assign'] } });
    await panel.bringToFront();
    // Timed on the panel's clock: the click, then the first time the progress says finished.
    await panel.evaluate(() => {
      const out = document.getElementById('bulk-progress-text');
      document.getElementById('bulk-start').addEventListener('click', () => { globalThis.benchStart = performance.now(); }, { capture: true, once: true });
      new MutationObserver((_, o) => {
        if (out.dataset.finished === 'true') {
          globalThis.benchEnd = performance.now();
          o.disconnect();
        }
      }).observe(out, { attributes: true, attributeFilter: ['data-finished'] });
    });
    await panel.click('#bulk-start');
    await panel.waitForFunction(() => globalThis.benchEnd !== undefined, null, { timeout: 600_000 });
    const ms = await panel.evaluate(() => globalThis.benchEnd - globalThis.benchStart);
    const c = fake.counters();
    const progress = await panel.evaluate(() => ({ ...document.getElementById('bulk-progress-text').dataset }));
    let wrong = 0;
    for (let i = 1; i <= USERS; i += 1) {
      if (c.sendsPerUser[`00ugen${String(i).padStart(5, '0')}`]?.applied !== 1) wrong += 1;
    }
    const calls = c.byEndpoint['appUsers.assign'] ?? 0;
    const floorMs = (calls / LIMIT) * WINDOW;
    return {
      ms, planMs, floorMs, ratio: ms / floorMs, calls, reads: c.byEndpoint['appUser.get'] ?? 0,
      status500: c.byStatus['500'] ?? 0, status429: c.byStatus['429'] ?? 0, maxConcurrency: c.maxConcurrency,
      ignored429: c.ignored429, done: Number(progress.done), failed: Number(progress.failed), wrong,
    };
  } finally {
    await t.close();
  }
}

console.log(`bulk assign: ${USERS} users, rate limit ${LIMIT} per ${WINDOW} ms, ${FAILURES * 100} % of assignments failing (500), concurrency ${CONCURRENCY}`);
console.log(`machine: ${os.cpus().length} cpus, load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
let bad = false;
for (let i = 0; i < RUNS; i += 1) {
  const r = await run();
  console.log(`run ${i + 1}: ${(r.ms / 1000).toFixed(2)} s; floor ${(r.floorMs / 1000).toFixed(2)} s (${r.calls} calls ÷ ${LIMIT}/${WINDOW} ms); ratio ${r.ratio.toFixed(3)}; `
    + `500s ${r.status500}, 429s ${r.status429}, read-backs ${r.reads}, max in flight at the org ${r.maxConcurrency}, ignored 429s ${r.ignored429}; `
    + `done ${r.done}, failed ${r.failed}; plan (lookups) ${(r.planMs / 1000).toFixed(1)} s`);
  if (r.wrong || r.done !== USERS) {
    console.log(`  WRONG: ${r.wrong} users not applied exactly once`);
    bad = true;
  }
}
console.log(`load after: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
process.exit(bad ? 1 : 0);
