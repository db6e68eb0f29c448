// The "Add Attribute" filler (Profile Editor): fills the open dialog from a fill plan the side
// panel got from the core (the console checklist's step: every field's exact label, value and
// kind, one "Attribute members" row per role or app). Fields are found by their visible label
// and ARIA roles, never by generated ids; values go in the way typing arrives (the framework's
// own events) and are read back. It never presses Save. Works with both of the console's UI
// stacks: Courage (Backbone + jQuery) and Odyssey (React + MUI).
// Loaded after content/console.js, which routes the panel's messages here.
/* exported luciqFillAttribute */

var luciqFillAttribute = (() => {
  const MEMBERS = 'Attribute members';
  const ADD_ANOTHER = 'Add Another';
  const ADD_ATTRIBUTE = 'Add Attribute';
  const WAIT_MS = 2000;

  /** Visible text, spaces collapsed, a trailing "Optional" (Odyssey's optional fields) dropped. */
  const norm = (s) => (s ?? '').replace(/\s+/g, ' ').trim().replace(/\s*\(?optional\)?$/i, '').trim();

  const visible = (el) => !!(el && el.getClientRects().length && getComputedStyle(el).visibility !== 'hidden');

  /** Waits until `check()` gives something (re-checked on each DOM change), or gives up. */
  function waitFor(check, root = document.documentElement, ms = WAIT_MS) {
    const now = check();
    if (now) return Promise.resolve(now);
    return new Promise((resolve) => {
      const o = new MutationObserver(() => {
        const got = check();
        if (got) {
          o.disconnect();
          clearTimeout(timer);
          resolve(got);
        }
      });
      o.observe(root, { childList: true, subtree: true, attributes: true });
      const timer = setTimeout(() => { o.disconnect(); resolve(check() || null); }, ms);
    });
  }

  /** The open "Add Attribute" dialog: a dialog (or modal form) whose heading says so. */
  function findDialog() {
    const candidates = [...document.querySelectorAll('[role=dialog], dialog, .modal, form')].filter(visible);
    return candidates.find((d) => [...d.querySelectorAll('h1, h2, h3, h4, [role=heading], legend, .modal-title')]
      .some((h) => norm(h.textContent) === ADD_ATTRIBUTE)) ?? null;
  }

  /** The text that names a control: its <label>, aria-labelledby, aria-label. */
  function nameOf(el) {
    // The labelling elements (an MUI select also names itself, by its value: not its label).
    const by = el.getAttribute('aria-labelledby');
    if (by) {
      const text = by.split(/\s+/).filter((id) => id !== el.id)
        .map((id) => el.ownerDocument.getElementById(id)?.textContent ?? '').join(' ');
      if (norm(text)) return norm(text);
    }
    if (el.getAttribute('aria-label')) return norm(el.getAttribute('aria-label'));
    if (el.labels?.length) return norm([...el.labels].map((l) => l.textContent).join(' '));
    const wrap = el.closest('label');
    return wrap ? norm(wrap.textContent) : '';
  }

  const CONTROLS = 'input:not([type=hidden]), select, textarea, [role=combobox], [role=radiogroup], [aria-haspopup=listbox]';

  /** The controls inside `root` named `label`, in document order. */
  function controlsNamed(root, label) {
    const want = norm(label);
    const found = [...root.querySelectorAll(CONTROLS)].filter((el) => nameOf(el) === want);
    // A group named by a <legend> or a heading (radios, "Attribute type").
    for (const legend of root.querySelectorAll('legend, [role=radiogroup]')) {
      const text = legend.matches('[role=radiogroup]') ? nameOf(legend) : norm(legend.textContent);
      if (text === want) found.push(legend.matches('[role=radiogroup]') ? legend : legend.parentElement);
    }
    // A group of radios named by a text of its own (Courage's form label is a <div>): the nearest
    // box around that text that holds the radios.
    if (!found.length) {
      for (const text of root.querySelectorAll('div, span, p, label, legend, h3, h4')) {
        if (norm(text.textContent) !== want || text.querySelector(CONTROLS)) continue;
        let box = text.parentElement;
        for (let up = 0; box && box !== root && up < 3 && !box.querySelector('input[type=radio], [role=radio]'); up++) {
          box = box.parentElement;
        }
        if (box && box !== root && box.querySelector('input[type=radio], [role=radio]')) found.push(box);
      }
    }
    // (A native <select> enhanced by Chosen is hidden: its label still names it.)
    return found.filter((el, i) => found.indexOf(el) === i);
  }

  /** The native value setter, so that React sees the change as typing (its tracker is bypassed). */
  function setNativeValue(el, value) {
    const proto = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype
      : el instanceof HTMLSelectElement ? HTMLSelectElement.prototype : HTMLInputElement.prototype;
    Object.getOwnPropertyDescriptor(proto, 'value').set.call(el, value);
  }

  function typeInto(el, value) {
    el.focus();
    el.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, key: 'Unidentified' }));
    setNativeValue(el, value);
    el.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: value }));
    el.dispatchEvent(new KeyboardEvent('keyup', { bubbles: true, key: 'Unidentified' }));
    el.dispatchEvent(new Event('change', { bubbles: true }));
    el.dispatchEvent(new FocusEvent('blur'));
    el.dispatchEvent(new FocusEvent('focusout', { bubbles: true }));
  }

  /** Sets a text field; 'already' when it holds the value. */
  function fillText(el, value) {
    if (el.value === value) return ['already'];
    typeInto(el, value);
    return el.value === value ? ['filled'] : ['failed', `the field holds "${el.value}" after typing`];
  }

  function fillCheckbox(el, value) {
    const want = value === 'checked';
    if (el.checked === want) return ['already'];
    el.click();
    return el.checked === want ? ['filled'] : ['failed', 'the box did not change'];
  }

  /** A native select (Courage's, perhaps under Chosen): the option whose text or value is it. */
  function fillNativeSelect(el, value) {
    const i = [...el.options].findIndex((o) => norm(o.textContent) === norm(value) || o.value === value);
    if (i < 0) return ['failed', `no option "${value}" (options: ${[...el.options].map((o) => norm(o.textContent)).join(', ')})`];
    if (el.selectedIndex === i) return ['already'];
    el.focus();
    setNativeValue(el, el.options[i].value);
    el.dispatchEvent(new Event('input', { bubbles: true }));
    el.dispatchEvent(new Event('change', { bubbles: true }));
    return el.selectedIndex === i ? ['filled'] : ['failed', 'the choice did not stay'];
  }

  /** A listbox select (Odyssey/MUI): opened with a press, then the option chosen by click. */
  async function fillListbox(el, value) {
    if (norm(el.textContent) === norm(value)) return ['already'];
    const press = (type) => el.dispatchEvent(new MouseEvent(type, { bubbles: true, cancelable: true, button: 0 }));
    press('mousedown');
    press('mouseup');
    if (el.getAttribute('aria-expanded') !== 'true') el.click();
    const option = await waitFor(() => [...document.querySelectorAll('[role=listbox] [role=option]')]
      .find((o) => norm(o.textContent) === norm(value)));
    if (!option) {
      el.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, key: 'Escape' }));
      return ['failed', `no option "${value}" in the list`];
    }
    option.click();
    await waitFor(() => !document.querySelector('[role=listbox]') || norm(el.textContent) === norm(value), document.documentElement, 500);
    return norm(el.textContent) === norm(value) ? ['filled'] : ['failed', `the list shows "${norm(el.textContent)}"`];
  }

  /** A radio group: the radio whose label is the value. */
  function fillRadio(group, value) {
    const radios = [...group.querySelectorAll('input[type=radio], [role=radio]')];
    const radio = radios.find((r) => nameOf(r) === norm(value) || norm(r.closest('label')?.textContent) === norm(value));
    if (!radio) return ['failed', `no choice "${value}"`];
    const checked = () => radio.checked ?? radio.getAttribute('aria-checked') === 'true';
    if (checked()) return ['already'];
    radio.click();
    return checked() ? ['filled'] : ['failed', 'the choice did not stay'];
  }

  async function fillControl(el, field) {
    if (el.matches('[role=radiogroup], fieldset, div') && !el.matches(CONTROLS.replace(', [role=radiogroup]', ''))) {
      return fillRadio(el, field.value);
    }
    if (el instanceof HTMLSelectElement) return fillNativeSelect(el, field.value);
    if (el.matches('[role=combobox]:not(input), [aria-haspopup=listbox]:not(input)')) return fillListbox(el, field.value);
    if (el.type === 'checkbox') return fillCheckbox(el, field.value);
    if (el.type === 'radio') return fillRadio(el.closest('fieldset, [role=radiogroup]') ?? el.parentElement, field.value);
    return fillText(el, field.value);
  }

  /** The "Attribute members" rows: each holds a "Display name" and a "Value" control. */
  function memberRows(dialog) {
    const values = controlsNamed(dialog, 'Value').filter((el) => el.matches('input, textarea'));
    return values.map((value) => {
      // The row: the nearest ancestor that also holds one "Display name" control.
      let row = value.parentElement;
      while (row && row !== dialog && !controlsNamed(row, 'Display name').length) row = row.parentElement;
      const name = row && row !== dialog ? controlsNamed(row, 'Display name')[0] : null;
      return { name, value };
    });
  }

  function addAnother(dialog) {
    return [...dialog.querySelectorAll('a, button, [role=button]')].find((b) => norm(b.textContent) === ADD_ANOTHER && visible(b));
  }

  /** Fills the open dialog with `plan` (a checklist step); returns the report. */
  async function fill(plan) {
    const report = [];
    const stop = (why) => ({ ok: false, stopped: why, report });
    const blocked = plan.fields.filter((f) => f.errors?.length);
    if (blocked.length) {
      return stop(`The setup has values the schema would refuse (${blocked.map((f) => f.label).join(', ')}): fix them in the panel first.`);
    }
    const dialog = findDialog();
    if (!dialog) return stop(`The "${ADD_ATTRIBUTE}" dialog is not open: click "${ADD_ATTRIBUTE}" in the Profile Editor first.`);
    const top = plan.fields.filter((f) => f.memberRow === null || f.memberRow === undefined);
    // The form must look like the expected one before anything is typed.
    const missing = ['Data type', 'Display name', 'Variable name'].filter((l) => !controlsNamed(dialog, l).length);
    if (missing.length) return stop(`This dialog does not look like "${ADD_ATTRIBUTE}": no field labelled ${missing.map((l) => `"${l}"`).join(', ')}.`);

    for (const field of top) {
      if (field.input === 'click' || field.input === 'fromLuciq') continue;
      // The first control so named outside the members rows (the attribute's own "Display name").
      const rows = new Set(memberRows(dialog).flatMap((r) => [r.name, r.value]));
      const el = controlsNamed(dialog, field.label).find((c) => !rows.has(c) && visible(c.closest('label') ?? c) || !rows.has(c) && c instanceof HTMLSelectElement);
      if (!el) {
        report.push({ label: field.label, row: null, status: 'not-found', detail: `no field labelled "${field.label}"` });
        continue;
      }
      const [status, detail] = await fillControl(el, field);
      report.push({ label: field.label, row: null, status, detail: detail ?? null });
    }

    const members = new Map();
    for (const f of plan.fields.filter((f) => f.memberRow !== null && f.memberRow !== undefined)) {
      const row = members.get(f.memberRow) ?? {};
      row[f.label === 'Value' ? 'value' : 'name'] = f.value;
      members.set(f.memberRow, row);
    }
    for (const [i, want] of [...members.entries()].sort((a, b) => a[0] - b[0])) {
      let rows = memberRows(dialog);
      if (rows.length <= i) {
        const add = addAnother(dialog);
        if (!add) {
          report.push({ label: MEMBERS, row: i, status: 'not-found', detail: `no "${ADD_ANOTHER}" for row ${i + 1}` });
          break;
        }
        add.click();
        rows = await waitFor(() => { const r = memberRows(dialog); return r.length > i ? r : null; }, dialog) ?? memberRows(dialog);
        if (rows.length <= i) {
          report.push({ label: MEMBERS, row: i, status: 'failed', detail: `row ${i + 1} did not appear after "${ADD_ANOTHER}"` });
          break;
        }
      }
      const row = rows[i];
      for (const [label, el, value] of [['Display name', row.name, want.name], ['Value', row.value, want.value]]) {
        if (value === undefined) continue;
        if (!el) {
          report.push({ label, row: i, status: 'not-found', detail: `no "${label}" in row ${i + 1}` });
          continue;
        }
        const [status, detail] = fillText(el, value);
        report.push({ label, row: i, status, detail: detail ?? null });
      }
    }
    const ok = report.every((r) => r.status === 'filled' || r.status === 'already');
    return { ok, stopped: null, report };
  }

  return { fill };
})();
