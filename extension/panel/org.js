// Plan and apply, audit, and bulk-assign through Okta's API (issue 10), in the side panel.
// Every decision is the core's (wasm): the plan, the audit, the bulk plan and the scheduler. This
// file reads the org, shows what the core decided, and makes the calls the admin confirmed,
// each one through the console tab's content script (content/okta-api.js, the only code that
// calls Okta). Every text goes in as text, never as HTML.
import { BulkScheduler, profileHolds, userSearch, bulkResultsCsv, appUserValuesCsv } from '../pkg/luciq_scim_page.js';

const ext = globalThis.browser ?? globalThis.chrome;
const JOB = 'luciq-scim:bulk-job';
const JOURNAL = 'luciq-scim:bulk-journal';
const LOG = 'luciq-scim:bulk-log';
/** Settings a test or an admin may give a job (chrome.storage.local), merged over the core's defaults. */
const SETTINGS = 'luciq-scim:bulk-settings';
/** Okta's search takes a few emails at a time (each one two terms). */
const SEARCH_BATCH = 20;
const LOOKUPS_AT_ONCE = 4;
/** A deletion Okta has not finished: the add is tried again this often, this many times. */
const DELETION_RETRY_MS = 2000;
const DELETION_RETRIES = 30;
/** How often the whole journal is saved while a job runs (a log of sends covers the rest). */
const SNAPSHOT_MS = 1000;

const $ = (id) => document.getElementById(id);
const sleep = (ms) => new Promise((r) => { setTimeout(r, Math.max(0, ms)); });

function el(tag, props = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'dataset') Object.assign(e.dataset, v);
    else if (k === 'text') e.textContent = v;
    else e[k] = v;
  }
  e.append(...children);
  return e;
}

/** A file the admin saves (a Blob URL: nothing leaves the browser). */
function download(name, text, type = 'text/csv') {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = el('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

function say(id, text, ok) {
  const out = $(id);
  out.textContent = text;
  if (ok === undefined) delete out.dataset.ok;
  else out.dataset.ok = String(ok);
}

export function setupOrg({ mount, tab }) {
  /** The console tab, its app and origin, as the panel follows it. */
  const where = () => tab();

  const GONE = { status: -2, ok: false, gone: true, message: 'The Okta tab does not answer: reload it (or wait for it to load) and try again.' };

  /** A connection to the console tab's content script for calls (one port, many calls: cheaper
   * than a message each). It closes when the tab reloads or navigates away: every call still out
   * then answers `gone`. */
  let link = null;
  function connect(tabId) {
    if (link?.tabId === tabId) return link;
    link?.port.disconnect();
    let port;
    try {
      port = ext.tabs.connect(tabId, { name: 'luciq:api' });
    } catch {
      return null;
    }
    const l = { tabId, port, next: 0, waiting: new Map() };
    port.onMessage.addListener((m) => {
      const done = l.waiting.get(m?.id);
      if (!done) return;
      l.waiting.delete(m.id);
      done(m.response ?? GONE);
    });
    port.onDisconnect.addListener(() => {
      // A tab that is reloading has no receiver yet: the browser says so in lastError, which is
      // read here (unread, Chrome logs it as an error).
      void ext.runtime.lastError;
      if (link === l) link = null;
      for (const done of l.waiting.values()) done(GONE);
      l.waiting.clear();
    });
    link = l;
    return l;
  }

  /** One call through the console tab. A tab that does not answer (reloading, closed) → `gone`. */
  async function api(request) {
    const t = where();
    if (t.tabId === undefined) return { ...GONE, message: 'No Okta console tab: open the app in the console.' };
    const l = connect(t.tabId);
    if (!l) return GONE;
    return new Promise((resolve) => {
      const id = ++l.next;
      l.waiting.set(id, resolve);
      try {
        l.port.postMessage({ id, request });
      } catch {
        l.waiting.delete(id);
        resolve(GONE);
      }
    });
  }

  async function list(path) {
    const t = where();
    try {
      const r = await ext.tabs.sendMessage(t.tabId, { type: 'luciq:api-all', request: { path } });
      return r ?? { ok: false, items: [], message: 'The Okta tab did not answer.' };
    } catch {
      return { ok: false, gone: true, items: [], message: 'The Okta tab does not answer: reload it and try again.' };
    }
  }

  /** The path of a core call with the tab's ids filled in. */
  const fill = (path, ids) => path.replace(/\{(appId|mappingId|userId|groupId)\}/g, (m, k) => {
    if (!ids[k]) throw new Error(`no ${k} for ${path}`);
    return encodeURIComponent(ids[k]);
  });

  function need() {
    const t = where();
    if (!t.appId) throw new Error('Open the Luciq app in the Okta console (its Profile Editor or its Assignments): the panel reads the app from that tab.');
    return t;
  }

  /** The Okta user → app mapping: its id and properties (null when the org has none). */
  async function readMapping(appId) {
    const r = await list(`/api/v1/mappings?targetId=${encodeURIComponent(appId)}`);
    if (!r.ok) throw new Error(`Reading the mappings: ${r.message}`);
    const m = r.items.find((x) => x?.source?.type === 'user' && x?.target?.id === appId);
    if (!m?.id) return { id: null, mapping: null };
    const one = await api({ method: 'GET', path: `/api/v1/mappings/${encodeURIComponent(m.id)}` });
    if (!one.ok) throw new Error(`Reading the mapping: ${one.message}`);
    return { id: m.id, mapping: one.body };
  }

  /** Reads what the org holds; assignments (`users`, `groups`) and `features` only when asked. */
  async function readOrg({ users = false, groups = false, features = false } = {}) {
    const { appId } = need();
    const schema = await api({ method: 'GET', path: `/api/v1/meta/schemas/apps/${encodeURIComponent(appId)}/default` });
    if (!schema.ok) throw new Error(`Reading the app's user schema: ${schema.message}`);
    const { id: mappingId, mapping } = await readMapping(appId);
    const org = { schema: schema.body, mapping };
    if (features) {
      const f = await api({ method: 'GET', path: `/api/v1/apps/${encodeURIComponent(appId)}/features` });
      // An app without provisioning answers an error here: that is what the audit reports.
      org.features = f.ok && Array.isArray(f.body) ? f.body : [];
    }
    if (users) {
      const u = await list(`/api/v1/apps/${encodeURIComponent(appId)}/users?limit=200`);
      if (!u.ok) throw new Error(`Reading the app's users: ${u.message}`);
      org.appUsers = u.items;
    }
    if (groups) {
      const g = await list(`/api/v1/apps/${encodeURIComponent(appId)}/groups?limit=200`);
      if (!g.ok) throw new Error(`Reading the app's group assignments: ${g.message}`);
      org.appGroups = g.items;
    }
    return { org, ids: { appId, mappingId } };
  }

  // ------------------------------------------------------------------------------------------
  // Plan and apply

  let planned = null;

  function showPlan(plan) {
    const box = $('plan-report');
    box.replaceChildren();
    for (const a of plan.schema.attributes) {
      const li = el('li', { className: a.action === 'none' ? 'info' : 'warning', dataset: { attribute: a.attribute, action: a.action } });
      li.append(el('strong', { text: `${a.attribute}: ${a.action}` }));
      const reasons = el('ul');
      for (const r of a.reasons) reasons.append(el('li', { text: r.message, dataset: { code: r.code } }));
      if (a.reasons.length) li.append(reasons);
      box.append(li);
    }
    for (const m of plan.mapping) {
      box.append(el('li', { className: m.action === 'none' ? 'info' : 'warning', dataset: { attribute: `mapping:${m.attribute}`, action: m.action } },
        el('strong', { text: `mapping of ${m.attribute}: ${m.action}` }), el('p', { text: m.reason })));
    }
    for (const n of [...plan.notes, ...plan.schema.notes]) box.append(el('li', { className: 'info', text: n }));
    const steps = $('plan-steps');
    steps.replaceChildren();
    plan.steps.forEach((s, i) => {
      steps.append(el('li', { dataset: { step: String(i) } },
        el('p', { text: `${i + 1}. ${s.description}: ${s.method} ${s.path}` }),
        el('pre', { text: JSON.stringify(s.body, null, 2) }),
        ...s.notes.map((n) => el('p', { className: 'hint', text: n }))));
    });
    const loses = plan.losesValues.length > 0;
    $('plan-loses').hidden = !loses;
    $('plan-loses-text').textContent = loses
      ? `Applying deletes ${plan.losesValues.join(' and ')} and adds it again with the right type: the value every assignment holds for it is lost. Save them first, and assign them again from that file (bulk assign).`
      : '';
    $('plan-confirm-loss').checked = false;
    $('apply').hidden = plan.steps.length === 0;
    $('apply').textContent = `Apply ${plan.steps.length} call${plan.steps.length === 1 ? '' : 's'} to Okta`;
  }

  async function doPlan() {
    say('plan-status', 'Reading the app from Okta…');
    $('apply').hidden = true;
    try {
      const { org, ids } = await readOrg();
      const plan = mount.applyPlan(org);
      planned = { plan, ids };
      showPlan(plan);
      say('plan-status', plan.steps.length ? `${plan.steps.length} call${plan.steps.length === 1 ? '' : 's'} to make: read them, then apply.`
        : 'Nothing to change: the app matches your setup.', plan.steps.length === 0);
      $('plan-status').dataset.steps = String(plan.steps.length);
    } catch (e) {
      planned = null;
      say('plan-status', e.message ?? String(e), false);
    }
  }

  const deletionIncomplete = (r) => r.status === 400 && /deletion[^]*incomplete/i.test(JSON.stringify(r.body ?? ''));

  async function doApply() {
    if (!planned) return;
    const { plan, ids } = planned;
    if (plan.losesValues.length && !$('plan-confirm-loss').checked) {
      say('plan-status', 'Tick "I saved the values" first: applying deletes them.', false);
      return;
    }
    $('apply').hidden = true;
    const done = [];
    for (const [i, step] of plan.steps.entries()) {
      say('plan-status', `Applying ${i + 1} of ${plan.steps.length}: ${step.description}…`);
      let path;
      try {
        path = fill(step.path, ids);
      } catch {
        say('plan-status', `Not applied: step ${i + 1} needs the Okta user → app mapping, which this org does not have. Open Mappings in the console once.`, false);
        return;
      }
      let r;
      for (let attempt = 0; ; attempt++) {
        r = await api({ method: step.method, path, body: step.body });
        if (deletionIncomplete(r) && attempt < DELETION_RETRIES) {
          say('plan-status', `Okta is still deleting the old attribute: trying step ${i + 1} again (${attempt + 1})…`);
          await sleep(DELETION_RETRY_MS);
          continue;
        }
        break;
      }
      if (!r.ok) {
        say('plan-status', `Stopped at step ${i + 1} of ${plan.steps.length} (${done.length} applied): ${r.message}`, false);
        planned = null;
        return;
      }
      done.push(i);
    }
    // Read again: applying converges, so the new plan is empty.
    await doPlan();
    const left = Number($('plan-status').dataset.steps);
    say('plan-status', left === 0 ? `Applied ${done.length} call${done.length === 1 ? '' : 's'}; read back from Okta: nothing left to change.`
      : `Applied ${done.length} calls, but Okta still differs: ${left} calls planned again (see above).`, left === 0);
  }

  async function exportValues() {
    say('plan-status', 'Reading every assignment\'s values…');
    try {
      const { org } = await readOrg({ users: true });
      download('luciq-values-before-recreate.csv', appUserValuesCsv(org.appUsers));
      say('plan-status', `Saved the values of ${org.appUsers.length} assignments (a users file: bulk assign can put them back).`);
    } catch (e) {
      say('plan-status', e.message ?? String(e), false);
    }
  }

  // ------------------------------------------------------------------------------------------
  // Audit

  let lastAudit = null;

  async function doAudit() {
    say('audit-status', 'Reading the app, its mapping and every assignment from Okta…');
    $('audit-csv').hidden = true;
    try {
      const { org } = await readOrg({ users: true, groups: true, features: true });
      const { audit, csv } = mount.audit(org);
      lastAudit = csv;
      const list = $('audit-report');
      list.replaceChildren();
      for (const c of audit.checks) {
        list.append(el('li', { className: c.ok ? 'info' : 'error', dataset: { area: c.area, code: c.code, ok: String(c.ok) } },
          el('span', { text: c.message }), ...(c.fix ? [el('p', { className: 'hint', text: c.fix })] : [])));
      }
      const users = $('audit-users');
      users.replaceChildren();
      for (const p of audit.problems.slice(0, 200)) {
        const who = p.kind === 'group' ? `Group ${p.userId}` : (p.userName || p.userId);
        users.append(el('li', { className: 'error', dataset: { kind: p.kind, user: p.userId, attribute: p.attribute, code: p.code } },
          el('span', { text: `${who}: ${p.attribute} ${JSON.stringify(p.value)}: ${p.message}` }),
          ...(p.suggestion ? [el('span', { text: ` Use "${p.suggestion}".` })] : [])));
      }
      if (audit.problems.length > 200) users.append(el('li', { className: 'info', text: `…and ${audit.problems.length - 200} more in the CSV.` }));
      $('audit-csv').hidden = false;
      const u = audit.users;
      say('audit-status', audit.failures
        ? `${audit.failures} problem${audit.failures === 1 ? '' : 's'} found; ${u.failing} of ${u.total} assignments hold values Luciq will not accept.`
        : `No problem found: ${u.total} assignments checked.`, audit.failures === 0);
      $('audit-status').dataset.failures = String(audit.failures);
      $('audit-status').dataset.failingUsers = String(u.failing);
    } catch (e) {
      say('audit-status', e.message ?? String(e), false);
    }
  }

  // ------------------------------------------------------------------------------------------
  // Bulk assignment

  let bulk = null; // {plan, ids, sched, running, wake, log, …}

  async function settings() {
    const got = (await ext.storage.local.get(SETTINGS))[SETTINGS];
    return got && typeof got === 'object' ? got : {};
  }

  async function doBulkPlan() {
    say('bulk-status', 'Looking the users of the file up in Okta…');
    $('bulk-start').hidden = true;
    try {
      const { appId } = need();
      const emails = mount.bulkEmails();
      const found = [];
      const batches = [];
      for (let i = 0; i < emails.length; i += SEARCH_BATCH) batches.push(emails.slice(i, i + SEARCH_BATCH));
      let looked = 0;
      // A few searches at a time (each list call waits out a 429 by itself).
      const lookUp = async () => {
        for (let batch = batches.shift(); batch; batch = batches.shift()) {
          const search = userSearch(batch);
          if (!search) continue;
          const r = await list(`/api/v1/users?search=${encodeURIComponent(search)}&limit=200`);
          if (!r.ok) throw new Error(`Looking users up: ${r.message}`);
          for (const u of r.items) found.push({ id: String(u?.id ?? ''), login: String(u?.profile?.login ?? ''), email: String(u?.profile?.email ?? '') });
          looked += batch.length;
          say('bulk-status', `Looked up ${looked} of ${emails.length} users…`);
        }
      };
      await Promise.all(Array.from({ length: LOOKUPS_AT_ONCE }, lookUp));
      const current = await list(`/api/v1/apps/${encodeURIComponent(appId)}/users?limit=200`);
      if (!current.ok) throw new Error(`Reading the app's users: ${current.message}`);
      const plan = mount.bulkPlan(found, current.items);
      showBulkPlan(plan);
      bulk = { plan, ids: { appId } };
      const c = plan.counts;
      say('bulk-status', `${c.assign} to assign, ${c.update} to update, ${c.unchanged} unchanged, ${c.rejected} rejected.`, c.rejected === 0);
      $('bulk-start').hidden = plan.sends.length === 0;
      $('bulk-start').textContent = `Send ${plan.sends.length} assignment${plan.sends.length === 1 ? '' : 's'} to Okta`;
    } catch (e) {
      say('bulk-status', e.message ?? String(e), false);
    }
  }

  function showBulkPlan(plan) {
    const c = plan.counts;
    $('bulk-counts').dataset.assign = String(c.assign);
    $('bulk-counts').dataset.update = String(c.update);
    $('bulk-counts').dataset.unchanged = String(c.unchanged);
    $('bulk-counts').dataset.rejected = String(c.rejected);
    const list = $('bulk-report');
    list.replaceChildren();
    const shown = plan.rows.filter((r) => r.action === 'rejected').slice(0, 100);
    for (const r of shown) {
      list.append(el('li', { className: 'error', dataset: { line: String(r.line), action: r.action } },
        el('span', { text: `Line ${r.line} (${r.email}): ${r.reasons.join('; ')}` })));
    }
    if (c.rejected > shown.length) list.append(el('li', { className: 'info', text: `…and ${c.rejected - shown.length} more rejected rows in the result CSV.` }));
  }

  /** Saves the whole journal now and empties the log of sends it covers. */
  async function snapshot() {
    if (!bulk?.sched) return;
    const journal = bulk.sched.journal();
    bulk.log = [];
    bulk.snapAt = Date.now();
    await ext.storage.local.set({ [JOURNAL]: journal, [LOG]: [] });
  }

  /** Notes the requests about to go out, before they go (the write-ahead log). */
  async function logSends(rows) {
    const now = Date.now();
    for (const r of rows) bulk.log.push([r, now]);
    await ext.storage.local.set({ [LOG]: bulk.log });
  }

  function showProgress() {
    if (!bulk?.sched) return;
    const p = bulk.sched.progress(Date.now());
    const bar = $('bulk-progress');
    bar.hidden = false;
    bar.max = p.total || 1;
    bar.value = p.done + p.failed;
    const eta = p.etaMs === null ? '' : `, about ${Math.ceil(p.etaMs / 1000)} s left`;
    const state = p.finished ? 'Finished' : p.paused === 'session-expired' ? 'Paused: your Okta session ended; sign in again in the Okta tab, then resume'
      : p.paused ? 'Paused' : p.cancelled ? 'Cancelling' : bulk.tabGone ? 'Waiting for the Okta tab to load again' : 'Sending';
    const out = $('bulk-progress-text');
    out.textContent = `${state}: ${p.done} done, ${p.failed} failed, ${p.remaining + p.inFlight} remaining of ${p.total}${p.finished ? '' : eta}.`;
    Object.assign(out.dataset, { done: String(p.done), failed: String(p.failed), remaining: String(p.remaining + p.inFlight), finished: String(p.finished), paused: p.paused ?? '' });
    $('bulk-pause').hidden = p.finished || !!p.paused;
    $('bulk-resume').hidden = p.finished || !p.paused;
    $('bulk-cancel').hidden = p.finished;
    $('bulk-results').hidden = false;
  }

  /** What the scheduler takes of an answer: the status, the rate-limit headers as Okta sent them,
   * and the body only when it is Okta's error (a success's body is not needed: no copy). */
  const outcome = (res) => ({
    status: res.status, limit: res.limit ?? null, remaining: res.remaining ?? null, reset: res.reset ?? null,
    body: res.ok ? null : (res.body ?? null),
  });

  /** The request a row sends, or its read-back. */
  function rowCall(row) {
    const r = bulk.plan.rows[bulk.plan.sends[row]];
    return { r, call: r.call, path: fill(r.call.path, bulk.ids) };
  }

  async function send(row) {
    const { call, path } = rowCall(row);
    const res = await api({ method: call.method, path, body: call.body, timeoutMs: bulk.timeoutMs });
    if (res.gone) return tabGone();
    bulk.sched.onResponse(row, Date.now(), outcome(res));
    bulk.wake();
  }

  async function verify(row) {
    const { r } = rowCall(row);
    const userId = r.userId;
    const res = await api({ method: 'GET', path: `/api/v1/apps/${encodeURIComponent(bulk.ids.appId)}/users/${encodeURIComponent(userId)}`, timeoutMs: bulk.timeoutMs });
    if (res.gone) return tabGone();
    const applied = res.ok && profileHolds(r.want, res.body);
    bulk.sched.onVerified(row, Date.now(), outcome(res), applied);
    bulk.wake();
  }

  /** The tab stopped answering (reloading, navigating): the requests out are lost to us. The
   * job is taken up again from its journal once the tab answers, and every row that was out
   * is read back before it is sent again. */
  function tabGone() {
    if (!bulk || bulk.tabGone) return;
    bulk.tabGone = true;
    bulk.wake();
  }

  async function waitForTab() {
    for (;;) {
      const t = where();
      if (t.tabId !== undefined) {
        try {
          const r = await ext.tabs.sendMessage(t.tabId, { type: 'luciq:where' });
          if (r?.url) return;
        } catch {
          // Still loading.
        }
      }
      await sleep(500);
    }
  }

  async function run() {
    // A response, a control or a lost tab wakes the loop. One that comes while the loop is busy
    // (saving, say) is kept in `woken`, so it is never lost.
    const wakeUp = () => {
      bulk.woken = true;
      const w = bulk.waiter;
      bulk.waiter = null;
      if (w) w();
    };
    bulk.wake = wakeUp;
    bulk.running = true;
    let lastShown = 0;
    while (bulk.running) {
      bulk.woken = false;
      if (bulk.tabGone) {
        // Everything out is lost: take the job up from what the scheduler knows (rows out →
        // read back), once the tab is back.
        const journal = bulk.sched.journal();
        await ext.storage.local.set({ [JOURNAL]: journal, [LOG]: [] });
        bulk.log = [];
        showProgress();
        await waitForTab();
        bulk.sched = BulkScheduler.fromJournal(journal, [], Date.now());
        bulk.tabGone = false;
      }
      const now = Date.now();
      const batch = [];
      let action;
      for (;;) {
        action = bulk.sched.next(now);
        if (action.kind === 'send' || action.kind === 'verify') batch.push(action);
        else break;
      }
      if (batch.length) {
        await logSends(batch.map((a) => a.row));
        for (const a of batch) (a.kind === 'send' ? send(a.row) : verify(a.row)).catch(() => tabGone());
      }
      if (now - bulk.snapAt >= SNAPSHOT_MS) await snapshot();
      if (now - lastShown >= 200 || action.kind === 'paused') {
        showProgress();
        lastShown = now;
      }
      bulk.last = action;
      if (action.kind === 'finished') break;
      if ((batch.length && action.kind !== 'waitUntil') || bulk.woken) continue;
      const wait = new Promise((r) => { bulk.waiter = r; });
      if (action.kind === 'waitUntil') await Promise.race([wait, sleep(action.atMs - Date.now())]);
      else await wait;
    }
    bulk.running = false;
    await snapshot();
    showProgress();
    const p = bulk.sched.progress(Date.now());
    say('bulk-status', p.cancelled ? `Cancelled: ${p.done} done, ${p.failed} failed; the rest were not sent.`
      : `Finished: ${p.done} done, ${p.failed} failed. Download the results for every row.`, p.failed === 0);
  }

  async function start() {
    if (!bulk?.plan) return;
    const config = await settings();
    const sched = new BulkScheduler(config, bulk.plan.sends.length);
    bulk.sched = sched;
    bulk.timeoutMs = sched.journal().config.requestTimeoutMs;
    bulk.log = [];
    bulk.snapAt = 0;
    await ext.storage.local.set({ [JOB]: { plan: bulk.plan, ids: bulk.ids, origin: where().origin ?? null, started: Date.now() } });
    await snapshot();
    $('bulk-start').hidden = true;
    say('bulk-status', 'Sending…');
    await run();
  }

  /** A job saved by a panel that was closed: offered to resume. */
  async function restore() {
    const got = await ext.storage.local.get([JOB, JOURNAL, LOG]);
    const job = got[JOB];
    if (!job?.plan || !got[JOURNAL]) return;
    let sched;
    try {
      sched = BulkScheduler.fromJournal(got[JOURNAL], Array.isArray(got[LOG]) ? got[LOG] : [], Date.now());
    } catch (e) {
      say('bulk-status', `A saved job cannot be read (${e.message ?? e}): discard it.`, false);
      $('bulk-discard').hidden = false;
      return;
    }
    bulk = { plan: job.plan, ids: job.ids, sched, log: [], snapAt: 0, timeoutMs: sched.journal().config.requestTimeoutMs };
    showBulkPlan(job.plan);
    showProgress();
    const p = sched.progress(Date.now());
    if (p.finished) {
      say('bulk-status', `The last job finished: ${p.done} done, ${p.failed} failed.`);
      $('bulk-discard').hidden = false;
      return;
    }
    // Taken up paused: it goes on when the admin says so (rows that were out are read back first).
    sched.pause(Date.now());
    await snapshot();
    showProgress();
    say('bulk-status', `A job was interrupted (the panel closed): ${p.done} done, ${p.failed} failed, ${p.remaining + p.inFlight} left. Resume it, or discard it.`);
    $('bulk-discard').hidden = false;
  }

  function control(what) {
    if (!bulk?.sched) return;
    const now = Date.now();
    if (what === 'pause') bulk.sched.pause(now);
    if (what === 'resume') bulk.sched.resume(now);
    if (what === 'cancel') bulk.sched.cancel(now);
    snapshot();
    showProgress();
    if (bulk.running) bulk.wake();
    else if (what === 'resume' || what === 'cancel') run();
  }

  async function discard() {
    if (bulk?.running) return;
    await ext.storage.local.remove([JOB, JOURNAL, LOG]);
    bulk = null;
    for (const id of ['bulk-progress', 'bulk-results', 'bulk-pause', 'bulk-resume', 'bulk-cancel', 'bulk-discard']) $(id).hidden = true;
    $('bulk-progress-text').textContent = '';
    $('bulk-report').replaceChildren();
    say('bulk-status', 'Discarded.');
  }

  $('plan').addEventListener('click', doPlan);
  $('apply').addEventListener('click', doApply);
  $('plan-export').addEventListener('click', exportValues);
  $('audit').addEventListener('click', doAudit);
  $('audit-csv').addEventListener('click', () => { if (lastAudit) download('luciq-audit.csv', lastAudit); });
  $('bulk-plan').addEventListener('click', doBulkPlan);
  $('bulk-start').addEventListener('click', start);
  $('bulk-pause').addEventListener('click', () => control('pause'));
  $('bulk-resume').addEventListener('click', () => control('resume'));
  $('bulk-cancel').addEventListener('click', () => control('cancel'));
  $('bulk-discard').addEventListener('click', discard);
  $('bulk-results').addEventListener('click', () => {
    if (bulk?.sched) download('luciq-bulk-results.csv', bulkResultsCsv(bulk.plan, bulk.sched.journal()));
  });

  /** What the job is doing, for a person (or a test) looking at why it waits. */
  const state = () => (bulk?.sched ? { ...bulk.sched.progress(Date.now()), running: !!bulk.running, tabGone: !!bulk.tabGone, last: bulk.last ?? null } : null);

  return { restore, state, results: () => (bulk?.sched ? bulkResultsCsv(bulk.plan, bulk.sched.journal()) : null), auditCsv: () => lastAudit };
}
