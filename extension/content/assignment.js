// The assignment checker (Assign to People, or an assignment's edit form): while the side panel
// is open, the role and apps the form holds are checked by the core there (this script has no
// wasm) and each wrong value is marked under its field with the reason and a button that puts in
// the exact value. Pressing Save with wrong values shows a warning; it never stops the save.
// The panel can also fill the form's role and apps. The fields' labels, the Save buttons' texts
// and "Add Another" come from the core (the panel's `assignmentForm()`), never from here.
// Loaded after content/controls.js; content/console.js routes the panel's messages here.
/* exported luciqAssignment */

var luciqAssignment = (() => {
  const { norm, visible, waitFor, controlsNamed, fillText, setNativeValue, chooseOption } = luciqControls;
  const MARK = 'data-luciq-scim';
  const LISTBOX = '[role=combobox]:not(input), [aria-haspopup=listbox]:not(input)';

  /** The form's labels (AssignmentForm), once the panel said them; null: not watching. */
  let form = null;
  /** Asks the panel to check `{role, apps}`; resolves to an AssignmentCheck, or null. */
  let ask = null;
  /** What was asked last (role and apps as JSON), and what came back with the marks drawn. */
  let asked = null;
  let shown = null;
  let scheduled = false;

  const own = (el) => !!el.closest(`[${MARK}]`);

  /** The form's two fields as found now: the role control, the apps controls (text rows or one
   * input with chips), and the box around each field (where its marks go). Null: no form. */
  function find() {
    if (!form) return null;
    const named = (label) => controlsNamed(document, label).filter((el) => !own(el));
    const roles = named(form.roleLabel);
    const role = roles.find((el) => el instanceof HTMLSelectElement)
      ?? roles.find((el) => el.matches(LISTBOX) && visible(el))
      ?? roles.find((el) => el.matches('input:not([readonly]):not([type=checkbox]):not([type=radio]), textarea') && visible(el))
      ?? null;
    const apps = named(form.appsLabel).filter((el) => el.matches('input:not([readonly]), textarea') && visible(el));
    if (!role && !apps.length) return null;
    const any = role ?? apps[0];
    const root = any.closest('[role=dialog], dialog, form') ?? document.body;
    return { role, apps, root, roleBox: box(role, apps[0], root), appsBox: box(apps[0], role, root) };
  }

  /** The widest ancestor of `el` inside `root` that does not hold `other`: the field's box. */
  function box(el, other, root) {
    if (!el) return null;
    let b = el;
    while (b.parentElement && b.parentElement !== root && !(other && b.parentElement.contains(other))) b = b.parentElement;
    return b;
  }

  /** A chip input (Odyssey's Autocomplete): the chips beside it, each with the value it holds. */
  function chipsOf(input) {
    const around = input.parentElement;
    if (!around) return [];
    const chips = [...around.querySelectorAll('[data-tag-index], [class*="MuiChip-root"]')]
      .filter((c, i, all) => !all.slice(0, i).some((p) => p.contains(c)));
    return chips.map((chip) => {
      const label = chip.querySelector('[class*="MuiChip-label"]') ?? chip;
      return { chip, value: label.textContent };
    });
  }

  function roleValue(el) {
    if (!el) return null;
    if (el instanceof HTMLSelectElement) return el.value;
    if (el.matches(LISTBOX)) {
      // MUI's Select keeps the value in a hidden native input beside the combobox.
      const hidden = el.parentElement?.querySelector('input[aria-hidden=true], input[type=hidden]');
      return hidden ? hidden.value : norm(el.textContent);
    }
    return el.value;
  }

  /** The values the form holds: the role and each app with the element that holds it. */
  function read(f) {
    const apps = [];
    for (const input of f.apps) {
      const chips = chipsOf(input);
      if (chips.length || input.getAttribute('aria-autocomplete')) {
        for (const c of chips) apps.push({ value: c.value, chip: c.chip, input });
      } else {
        apps.push({ value: input.value, input });
      }
    }
    return { role: roleValue(f.role), apps };
  }

  /** Removes every mark and warning this script drew. */
  function clear() {
    for (const el of document.querySelectorAll(`[${MARK}=mark]`)) el.remove();
    shown = null;
  }

  function schedule() {
    if (!form || scheduled) return;
    scheduled = true;
    setTimeout(() => { scheduled = false; scan(); }, 50);
  }

  /** Reads the form and asks for a check when its values changed; redraws marks that the
   * framework's own re-render removed. */
  async function scan() {
    const f = find();
    if (!f) {
      asked = null;
      if (shown) clear();
      return;
    }
    const now = read(f);
    const key = JSON.stringify([now.role, now.apps.map((a) => a.value)]);
    if (key === asked) {
      if (shown && shown.key === key && shown.marks.some((m) => !m.isConnected)) draw(f, now, shown.check, key);
      return;
    }
    asked = key;
    const check = await ask({ role: now.role, apps: now.apps.map((a) => a.value).filter((v) => v !== '') });
    if (asked !== key) return; // the form changed while the panel answered
    if (!check) {
      clear();
      return;
    }
    draw(find() ?? f, now, check, key);
  }

  const el = (tag, attrs = {}, text = null) => {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
    if (text !== null) e.textContent = text;
    return e;
  };

  /** One mark: the value, the reason, and a button that puts in the exact value. */
  function mark(v, what, apply) {
    const line = el('div', { [MARK]: 'mark', role: 'note', 'data-code': v.code ?? '', 'data-value': v.value });
    Object.assign(line.style, {
      margin: '4px 0', padding: '4px 8px', borderLeft: `4px solid ${v.ok ? '#b35c00' : '#c5221f'}`,
      background: v.ok ? '#fff6e5' : '#fdecea', color: '#1d1d21', font: '13px/1.4 system-ui, sans-serif',
    });
    // The value is named once: the core's message names it already, or it is quoted here.
    const said = v.message.includes(`"${v.value}"`) ? `${what}: ${v.message}` : `${what} "${v.value}": ${v.message}`;
    line.append(el('strong', {}, v.ok ? 'Luciq warning: ' : 'Luciq will not accept this: '), document.createTextNode(said));
    if (v.suggestion !== null && apply) {
      const b = el('button', { type: 'button', [MARK]: 'use' }, `Use "${v.suggestion}"`);
      Object.assign(b.style, { marginLeft: '8px', font: 'inherit', cursor: 'pointer' });
      b.addEventListener('click', async (e) => {
        e.preventDefault();
        e.stopPropagation();
        b.disabled = true;
        const why = await apply(v.suggestion);
        if (why) {
          b.replaceWith(el('span', { [MARK]: 'failed' }, ` (${why})`));
        }
        schedule();
      });
      line.append(b);
    }
    return line;
  }

  function draw(f, now, check, key) {
    clear();
    const marks = [];
    const after = (anchor, nodes) => {
      if (!anchor || !nodes.length) return;
      const holder = el('div', { [MARK]: 'mark', 'aria-live': 'polite' });
      holder.append(...nodes);
      anchor.after(holder);
      marks.push(holder);
    };
    if (check.role && check.role.message) {
      after(f.roleBox, [mark(check.role, form.roleLabel, (s) => setRole(f.role, s))]);
    }
    const rows = now.apps.filter((a) => a.value !== '');
    const appMarks = [];
    check.apps.forEach((v, i) => {
      if (!v.message) return;
      const held = rows[i];
      appMarks.push(mark(v, form.appsLabel, held ? (s) => replaceApp(held, s) : null));
    });
    after(f.appsBox, appMarks);
    shown = { key, check, marks, errors: check.errors };
  }

  /** Chooses role `value` in the role control; a reason when it cannot. */
  /** Why a role's exact value cannot be chosen: the form's own list (the attribute's enum) lacks it. */
  const notOffered = (value) => `"${value}" is not among this form's choices: the attribute's enum needs fixing in the Profile Editor`;

  async function setRole(control, value) {
    const title = form.roles.find((r) => r.value === value)?.title ?? value;
    if (control instanceof HTMLSelectElement) {
      const i = [...control.options].findIndex((o) => o.value === value);
      if (i < 0) return notOffered(value);
      if (control.selectedIndex !== i) {
        control.focus();
        setNativeValue(control, value);
        control.dispatchEvent(new Event('input', { bubbles: true }));
        control.dispatchEvent(new Event('change', { bubbles: true }));
      }
      return control.value === value ? null : 'the choice did not stay';
    }
    if (control.matches(LISTBOX)) {
      // MUI's options carry their value; an option without one is matched by the role's title.
      const chosen = await chooseOption(control, (o) => (o.hasAttribute('data-value')
        ? o.getAttribute('data-value') === value : norm(o.textContent) === norm(title)));
      if (!chosen) {
        return notOffered(value);
      }
      await waitFor(() => roleValue(control) === value, document.documentElement, 500);
      return roleValue(control) === value ? null : 'the choice did not stay';
    }
    const [status, detail] = fillText(control, value);
    return status === 'failed' ? detail : null;
  }

  /** Closes a chip input's open list of suggestions. Only while it is open: an Escape with it
   * closed would reach the dialog, which closes on Escape. */
  function closeList(input) {
    if (input.getAttribute('aria-expanded') !== 'true') return;
    input.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, cancelable: true, key: 'Escape', code: 'Escape' }));
  }

  /** Types `value` into a chip input and commits it with Enter; true when a chip holds it. A
   * chip the list chose instead (a highlighted look-alike) is taken out again. */
  async function addChip(input, value) {
    const before = chipsOf(input).length;
    input.focus();
    setNativeValue(input, value);
    input.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: value }));
    // The framework takes the typed text in its own turn (React flushes it after the event), as
    // it does between a person's keystrokes: Enter comes after that.
    await new Promise((resolve) => { setTimeout(resolve, 0); });
    // With its list of suggestions open, Enter would take the suggestion under the pointer: the
    // list is closed first (Escape closes only the list while it is open), so Enter takes the text.
    closeList(input);
    await new Promise((resolve) => { setTimeout(resolve, 0); });
    input.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, cancelable: true, key: 'Enter', code: 'Enter' }));
    const ok = !!(await waitFor(() => chipsOf(input).some((c) => c.value === value), input.parentElement, 1000));
    // New chips come last: one that is not `value` was the list's choice, not ours.
    for (let c = chipsOf(input)[before]; c && c.value !== value; c = chipsOf(input)[before]) {
      if (!(await removeChip(input, c.chip))) break;
    }
    closeList(input);
    return ok;
  }

  /** Removes one chip with its delete control (or the Delete key, as a person would). The
   * framework may reuse chip elements for the chips after it, so what counts is one chip fewer. */
  async function removeChip(input, chip) {
    const count = chipsOf(input).length;
    const icon = chip.querySelector('[class*="deleteIcon"], [class*="DeleteIcon"], svg');
    if (icon) icon.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
    else chip.dispatchEvent(new KeyboardEvent('keyup', { bubbles: true, key: 'Delete' }));
    return !!(await waitFor(() => chipsOf(input).length < count || null, input.parentElement, 1000));
  }

  /** Replaces one app value (a text row, or a chip) with `value`; a reason when it cannot. */
  async function replaceApp(held, value) {
    if (!held.chip) {
      const [status, detail] = fillText(held.input, value);
      return status === 'failed' ? detail : null;
    }
    if (!(await removeChip(held.input, held.chip))) return 'the old value could not be removed';
    if (chipsOf(held.input).some((c) => c.value === value)) return null;
    return (await addChip(held.input, value)) ? null : `"${value}" was not taken`;
  }

  /** Fills the form's role and apps with `want` ({role, apps}: the core's checked values). */
  async function fill(want) {
    const report = [];
    const f = find();
    if (!f) {
      return { ok: false, stopped: `No assignment form with "${form?.roleLabel}" or "${form?.appsLabel}" is open: open Assign → Assign to People → Assign first.`, report };
    }
    if (want.role !== null && want.role !== undefined) {
      if (!f.role) report.push({ label: form.roleLabel, row: null, status: 'not-found', detail: `no field labelled "${form.roleLabel}"` });
      else if (roleValue(f.role) === want.role) report.push({ label: form.roleLabel, row: null, status: 'already', detail: null });
      else {
        const why = await setRole(f.role, want.role);
        report.push({ label: form.roleLabel, row: null, status: why ? 'failed' : 'filled', detail: why });
      }
    }
    report.push(...await fillApps(want.apps ?? []));
    schedule();
    const ok = report.every((r) => r.status === 'filled' || r.status === 'already');
    return { ok, stopped: null, report };
  }

  async function fillApps(apps) {
    const label = form.appsLabel;
    let f = find();
    if (!f?.apps.length) return [{ label, row: null, status: 'not-found', detail: `no field labelled "${label}"` }];
    const [first] = f.apps;
    if (chipsOf(first).length || first.getAttribute('aria-autocomplete')) {
      // Chips: remove those not wanted, add the missing ones.
      const out = [];
      // Read again after each removal: the framework may reuse the elements of later chips.
      for (let c = chipsOf(first).find((x) => !apps.includes(x.value)); c; c = chipsOf(first).find((x) => !apps.includes(x.value))) {
        if (!(await removeChip(first, c.chip))) {
          out.push({ label, row: null, status: 'failed', detail: `"${c.value}" could not be removed` });
          break;
        }
      }
      for (const [i, app] of apps.entries()) {
        if (chipsOf(first).some((c) => c.value === app)) out.push({ label, row: i, status: 'already', detail: null });
        else out.push({ label, row: i, status: (await addChip(first, app)) ? 'filled' : 'failed', detail: null });
      }
      return out;
    }
    // Text rows: one value per row, "Add Another" for more, extra rows emptied.
    const out = [];
    for (const [i, app] of apps.entries()) {
      f = find();
      if (f.apps.length <= i) {
        const add = [...f.appsBox.querySelectorAll('a, button, [role=button]')]
          .find((b) => norm(b.textContent) === form.addAnother && visible(b));
        if (!add) {
          out.push({ label, row: i, status: 'not-found', detail: `no "${form.addAnother}" for row ${i + 1}` });
          break;
        }
        add.click();
        f = await waitFor(() => { const g = find(); return g && g.apps.length > i ? g : null; });
        if (!f) {
          out.push({ label, row: i, status: 'failed', detail: `row ${i + 1} did not appear after "${form.addAnother}"` });
          break;
        }
      }
      const [status, detail] = fillText(f.apps[i], app);
      out.push({ label, row: i, status, detail: detail ?? null });
    }
    for (const extra of (find()?.apps ?? []).slice(apps.length)) {
      if (extra.value !== '') fillText(extra, '');
    }
    return out;
  }

  /** Save pressed with values Luciq will not accept: a warning the admin can dismiss (the save
   * goes on; the form usually closes with it). */
  function onClick(e) {
    if (!form || !shown || !shown.errors) return;
    const b = e.target.closest?.('button, input[type=submit], input[type=button], [role=button]');
    if (!b || own(b)) return;
    const text = norm(b.matches('input') ? b.value : b.textContent);
    if (!form.save.includes(text)) return;
    const f = find();
    if (!f || !f.root.contains(b)) return;
    warn(shown.check);
  }

  function warn(check) {
    for (const old of document.querySelectorAll(`[${MARK}=warning]`)) old.remove();
    const wrong = [check.role, ...check.apps].filter((v) => v && !v.ok).map((v) => `"${v.value}"`);
    const box = el('div', { [MARK]: 'warning', role: 'alert' });
    Object.assign(box.style, {
      position: 'fixed', right: '16px', bottom: '16px', zIndex: '2147483647', maxWidth: '420px', padding: '12px 16px',
      background: '#fff', color: '#1d1d21', border: '2px solid #c5221f', borderRadius: '6px',
      boxShadow: '0 4px 16px rgba(0,0,0,.25)', font: '14px/1.4 system-ui, sans-serif',
    });
    box.append(el('strong', {}, 'Saved with values Luciq will not accept. '),
      document.createTextNode(`${wrong.join(', ')}: Okta sends them as they are and Luciq will not recognise them. Edit this assignment to fix them.`));
    const close = el('button', { type: 'button' }, 'Dismiss');
    Object.assign(close.style, { display: 'block', marginTop: '8px', font: 'inherit', cursor: 'pointer' });
    close.addEventListener('click', () => box.remove());
    box.append(close);
    document.body.append(box);
  }

  /** Starts (or restarts, with new labels) checking; `asker` sends a check to the panel. */
  function watch(labels, asker) {
    const first = !form;
    form = labels;
    ask = asker;
    asked = null;
    if (first) {
      document.addEventListener('click', onClick, true);
      document.addEventListener('input', schedule, true);
      document.addEventListener('change', schedule, true);
    }
    schedule();
  }

  /** Stops checking and takes every mark away (the panel closed, or the extension is gone). */
  function stop() {
    form = null;
    document.removeEventListener('click', onClick, true);
    document.removeEventListener('input', schedule, true);
    document.removeEventListener('change', schedule, true);
    clear();
  }

  /** A DOM change in the page (console.js's observer): a form may have opened or changed. */
  function changed(records) {
    if (form && records.some((r) => !own(r.target))) schedule();
  }

  return { watch, stop, changed, fill, watching: () => !!form };
})();
