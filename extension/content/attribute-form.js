// The "Add Attribute" filler (Profile Editor): fills the open dialog from a fill plan the side
// panel got from the core (the console checklist's step: every field's exact label, value and
// kind, one "Attribute members" row per role or app). Fields are found by their visible label
// and ARIA roles, never by generated ids; values go in the way typing arrives (the framework's
// own events) and are read back. It never presses Save. Works with both of the console's UI
// stacks: Courage (Backbone + jQuery) and Odyssey (React + MUI).
// Loaded after content/console.js, which routes the panel's messages here.
/* exported luciqFillAttribute */

var luciqFillAttribute = (() => {
  const {
    norm, visible, waitFor, nameOf, CONTROLS, controlsNamed, fillText, fillCheckbox, fillNativeSelect, fillListbox, fillRadio,
  } = luciqControls;

  /** The open "Add Attribute" dialog (its heading is `labels.title`): a dialog or modal form. */
  function findDialog(labels) {
    const candidates = [...document.querySelectorAll('[role=dialog], dialog, .modal, form')].filter(visible);
    return candidates.find((d) => [...d.querySelectorAll('h1, h2, h3, h4, [role=heading], legend, .modal-title')]
      .some((h) => norm(h.textContent) === labels.title)) ?? null;
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
  function memberRows(dialog, labels) {
    const values = controlsNamed(dialog, labels.memberValue).filter((el) => el.matches('input, textarea'));
    return values.map((value) => {
      // The row: the nearest ancestor that also holds one "Display name" control.
      let row = value.parentElement;
      while (row && row !== dialog && !controlsNamed(row, labels.memberName).length) row = row.parentElement;
      const name = row && row !== dialog ? controlsNamed(row, labels.memberName)[0] : null;
      return { name, value };
    });
  }

  function addAnother(dialog, labels) {
    return [...dialog.querySelectorAll('a, button, [role=button]')].find((b) => norm(b.textContent) === labels.addAnother && visible(b));
  }

  /** Fills the open dialog with `plan` (the core's FillPlan: a checklist step and the dialog's
   * labels); returns the report. */
  async function fill(plan) {
    const report = [];
    const labels = plan.dialog;
    const stop = (why) => ({ ok: false, stopped: why, report });
    const blocked = plan.fields.filter((f) => f.errors?.length);
    if (blocked.length) {
      return stop(`The setup has values the schema would refuse (${blocked.map((f) => f.label).join(', ')}): fix them in the panel first.`);
    }
    const dialog = findDialog(labels);
    if (!dialog) return stop(`The "${labels.title}" dialog is not open: click "${labels.title}" in the Profile Editor first.`);
    const top = plan.fields.filter((f) => f.memberRow === null || f.memberRow === undefined);
    // The form must look like the expected one before anything is typed.
    const missing = labels.required.filter((l) => !controlsNamed(dialog, l).length);
    if (missing.length) return stop(`This dialog does not look like "${labels.title}": no field labelled ${missing.map((l) => `"${l}"`).join(', ')}.`);

    for (const field of top) {
      if (field.input === 'click' || field.input === 'fromLuciq') continue;
      // The first control so named outside the members rows (the attribute's own "Display name"):
      // only a row's own labels can be confused with a row's fields.
      const inRows = field.label === labels.memberName || field.label === labels.memberValue
        ? new Set(memberRows(dialog, labels).flatMap((r) => [r.name, r.value])) : new Set();
      const el = controlsNamed(dialog, field.label)
        .find((c) => !inRows.has(c) && (visible(c.closest('label') ?? c) || c instanceof HTMLSelectElement));
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
      row[f.label === labels.memberValue ? 'value' : 'name'] = f.value;
      members.set(f.memberRow, row);
    }
    // The rows are read once, and again only after "Add Another" adds one.
    let rows = memberRows(dialog, labels);
    for (const [i, want] of [...members.entries()].sort((a, b) => a[0] - b[0])) {
      if (rows.length <= i) {
        const add = addAnother(dialog, labels);
        if (!add) {
          report.push({ label: labels.members, row: i, status: 'not-found', detail: `no "${labels.addAnother}" for row ${i + 1}` });
          break;
        }
        add.click();
        rows = await waitFor(() => { const r = memberRows(dialog, labels); return r.length > i ? r : null; }, dialog) ?? memberRows(dialog, labels);
        if (rows.length <= i) {
          report.push({ label: labels.members, row: i, status: 'failed', detail: `row ${i + 1} did not appear after "${labels.addAnother}"` });
          break;
        }
      }
      const row = rows[i];
      for (const [label, el, value] of [[labels.memberName, row.name, want.name], [labels.memberValue, row.value, want.value]]) {
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
