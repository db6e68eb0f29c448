// The console's form controls, as both of its UI stacks render them (Courage: Backbone + jQuery,
// native selects under Chosen; Odyssey: React + MUI, listbox selects, controlled inputs): found by
// their visible label and ARIA roles, never by generated ids, and set the way typing arrives (the
// framework's own events), then read back. Shared by the Add Attribute filler and the assignment
// checker; loaded before them.
/* exported luciqControls */

var luciqControls = (() => {
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

  /** Opens a listbox select (Odyssey/MUI: a press, then its list) and clicks the first of its
   * options that `pick` accepts; the option, or null (the list closed again with Escape). The
   * list is the one this control opened (`aria-controls`): another field's may be open too. */
  async function chooseOption(el, pick) {
    const press = (type) => el.dispatchEvent(new MouseEvent(type, { bubbles: true, cancelable: true, button: 0 }));
    press('mousedown');
    press('mouseup');
    if (el.getAttribute('aria-expanded') !== 'true') el.click();
    const options = await waitFor(() => {
      const list = document.getElementById(el.getAttribute('aria-controls') ?? '')
        ?? (el.getAttribute('aria-expanded') === 'true' ? document.querySelector('[role=listbox]') : null);
      const o = list ? [...list.querySelectorAll('[role=option]')] : [];
      return o.length ? o : null;
    });
    const option = (options ?? []).find(pick) ?? null;
    if (!option) {
      (document.activeElement ?? el).dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, key: 'Escape' }));
      return null;
    }
    option.click();
    return option;
  }

  /** A listbox select (Odyssey/MUI): the option whose text is the value. */
  async function fillListbox(el, value) {
    if (norm(el.textContent) === norm(value)) return ['already'];
    if (!(await chooseOption(el, (o) => norm(o.textContent) === norm(value)))) return ['failed', `no option "${value}" in the list`];
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

  return {
    WAIT_MS, norm, visible, waitFor, nameOf, CONTROLS, controlsNamed, setNativeValue, typeInto, fillText,
    fillCheckbox, fillNativeSelect, chooseOption, fillListbox, fillRadio,
  };
})();
