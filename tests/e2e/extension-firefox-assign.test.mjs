// The assignment checker and fill in real Firefox ESR (the Firefox build, as a temporary add-on),
// on both console stacks: wrong values marked with the core's reason and exact value, one click
// fixes an app (read back from the framework's model), Save warns but saves, and the sidebar
// fills role and apps.
import test from 'node:test';
import assert from 'node:assert/strict';
import { consoleBase, firefoxPanelBesideTab } from './browser.mjs';
import { APP, CATALOG, PEOPLE } from '../fixtures/console/data.mjs';
import { consolePages } from '../fixtures/console/urls.mjs';

const MARKS = '[data-luciq-scim=mark][role=note]';

/** The element matching `selector` whose text (or value) is `text`, for a real click. */
async function byText(page, selector, text, { timeout = 10_000 } = {}) {
  const until = Date.now() + timeout;
  for (;;) {
    const handle = await page.evaluateHandle((sel, t) => [...document.querySelectorAll(sel)]
      .find((e) => (e.textContent || e.value || '').trim() === t || e.getAttribute('aria-label') === t) ?? null, selector, text);
    if (await handle.evaluate((e) => e !== null)) return handle;
    if (Date.now() > until) throw new Error(`no ${selector} "${text}"`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

// Polled on a timer: a page in a background tab gets no animation frames.
const until = (page, fn, ...args) => page.waitForFunction(fn, { timeout: 20_000, polling: 100 }, ...args)
  .catch(async (e) => {
    // What the console tab held when the wait gave up, for the failure's message.
    const held = await page.evaluate((sel) => JSON.stringify({ model: window.__fixture?.model?.(),
      marks: [...document.querySelectorAll(sel)].map((m) => m.textContent) }), MARKS).catch(() => '');
    throw new Error(`${e.message} waiting for ${String(fn).slice(0, 160)} ${held}`);
  });

for (const stack of ['odyssey', 'courage']) {
  test(`Firefox, ${stack}: the assignment checker marks and fixes, and the sidebar fills`, async (t) => {
    const base = await consoleBase(t);
    const { panel, tab } = await firefoxPanelBesideTab(t, consolePages(base, { stack, profile: 'drift' }).assignments(APP.appName, APP.appId), CATALOG.apps);
    await until(panel, (n) => !document.getElementById('assign').hidden
      && document.querySelectorAll('#assign-apps input').length === n, CATALOG.apps.length);

    const open = async (person) => {
      if (await tab.evaluate(() => window.__fixture.screen !== 'assignPeople')) {
        await (await byText(tab, 'button', 'Assign')).click();
        await (await byText(tab, '[role=menuitem]', 'Assign to People')).click();
      }
      await (await byText(tab, 'button', `Assign ${person.name}`)).click();
      await tab.waitForFunction(() => window.__fixture.screen === 'assign');
    };
    await open(PEOPLE[0]);
    // A person picks "Admin" (the drift profile's "administrator") and types two apps.
    if (stack === 'odyssey') {
      await (await tab.waitForSelector('[role=combobox][aria-haspopup=listbox]')).click();
      // The list opens with a transition during which a click at the option's place can land on
      // its neighbour (seen in Firefox): the option gets the click event itself.
      await (await byText(tab, '[role=option]', 'Admin')).evaluate((o) => o.click());
      // The list closes with a transition too, over the apps field: a click there before it is
      // gone would choose another role.
      await until(tab, () => !document.querySelector('[role=listbox]') && window.__fixture.model().instabugRole === 'administrator');
      const input = await tab.waitForSelector('input[aria-autocomplete=list]');
      for (const app of ['Acme iOS', 'Acme Andr\u043eid']) {
        await input.click();
        await input.type(app);
        await tab.keyboard.press('Enter');
      }
      await tab.keyboard.press('Escape');
    } else {
      await (await tab.waitForSelector('.o-form-fieldset .chzn-container a')).click();
      await (await byText(tab, 'body > .chzn-container.chzn-with-drop .chzn-results li', 'Admin')).click();
      await (await tab.waitForSelector('.c-values input[type=text]')).type('Acme iOS');
      await (await byText(tab, 'a', 'Add Another')).click();
      await until(tab, () => document.querySelectorAll('.c-values input[type=text]').length === 2);
      await (await tab.$$('.c-values input[type=text]'))[1].type('Acme Andr\u043eid');
    }
    await until(tab, () => window.__fixture.model().instabugRole === 'administrator');
    // Typed key by key: the checker marks each state; the last one counts.
    await until(tab, (sel) => [...document.querySelectorAll(sel)].some((e) => e.dataset.value === 'Acme Andr\u043eid')
      && [...document.querySelectorAll(sel)].some((e) => e.dataset.value === 'administrator'), MARKS);
    const marks = await tab.$$eval(MARKS, (els) => els.map((e) => [e.dataset.value, e.dataset.code, e.querySelector('button')?.textContent]));
    assert.deepEqual(marks, [['administrator', 'admin-role-value', 'Use "adminstrator"'],
      ['Acme Andr\u043eid', 'confusable', 'Use "Acme Android"']]);
    await (await byText(tab, `${MARKS} button`, 'Use "Acme Android"')).click();
    await until(tab, () => window.__fixture.model().instabugApplications.includes('Acme Android'));
    assert.deepEqual([...(await tab.evaluate(() => window.__fixture.model().instabugApplications))].sort(), ['Acme Android', 'Acme iOS']);
    await until(tab, (sel) => document.querySelectorAll(sel).length === 1, MARKS);
    // Save with the wrong role: a warning, and saved all the same.
    await (await byText(tab, 'button, input[type=submit]', 'Save and Go Back')).click();
    await tab.waitForSelector('[data-luciq-scim=warning][role=alert]');
    assert.equal((await tab.evaluate(() => window.__fixture.saved)).length, 1);

    // The sidebar fills the next person's role and apps.
    await open(PEOPLE[1]);
    await panel.select('#assign-role', 'member');
    await panel.$$eval('#assign-apps input', (boxes) => { for (const b of boxes) b.checked = b.value === 'Acme Web'; });
    await panel.click('#fill-assign');
    await until(panel, () => document.querySelector('#assign-status').dataset.ok !== undefined
      && !document.querySelector('#assign-status').textContent.startsWith('Filling'));
    const status = await panel.$eval('#assign-status', (e) => [e.dataset.ok, e.textContent]);
    const report = await panel.$$eval('#assign-report li', (els) => els.map((e) => e.textContent));
    assert.equal(status[0], 'true', `${status[1]}\n${report.join('\n')}`);
    const model = await tab.evaluate(() => window.__fixture.model());
    assert.equal(model.instabugRole, 'member');
    assert.deepEqual(model.instabugApplications, ['Acme Web']);
  });
}
