// The Profile Editor: reads the enum values the page shows for the two Luciq attributes, for the
// side panel's drift check (the panel compares them with the setup through the core). Each
// attribute's row is found by its variable name in a cell of its own, its values in the
// "Attribute members" column (its label from the core) (a value's own element, e.g. <code>, when the row shows display
// names too). The real console's list may show the values only inside each attribute's dialog
// (not public): then nothing is found and the panel says so.
/* exported luciqReadEnums */

var luciqReadEnums = (() => {
  const norm = (s) => (s ?? '').replace(/\s+/g, ' ').trim();

  /** The values shown for `variable` in the column named `column`, or null when the page does not
   * list it. */
  function valuesOf(variable, column) {
    for (const table of document.querySelectorAll('table')) {
      const heads = [...table.querySelectorAll('thead th, tr:first-child th')].map((h) => norm(h.textContent));
      const col = heads.indexOf(column);
      if (col < 0) continue;
      for (const row of table.querySelectorAll('tbody tr')) {
        const cells = [...row.children];
        if (!cells.some((c) => norm(c.textContent) === variable)) continue;
        const cell = cells[col];
        if (!cell) return [];
        const items = [...cell.querySelectorAll('li')];
        // The value as written (its own element keeps its spaces), else the item's text.
        return items.map((li) => (li.querySelector('code, .member-value') ?? li).textContent);
      }
    }
    return null;
  }

  /** `{role, apps}`: the values the page shows for each attribute (null where not listed);
   * `names` is the core's `{role, apps, membersColumn}`. */
  function read({ role, apps, membersColumn }) {
    return { role: valuesOf(role, membersColumn), apps: valuesOf(apps, membersColumn) };
  }

  return { read };
})();
