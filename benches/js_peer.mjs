// The plain-JS peer of checkNames: what a page could do without wasm, as a yardstick for our
// times (issue 11: "report our time ÷ theirs"). It is not our checker and is not shipped.
//
// Per name: trim, NFC, invisible characters and unusual spaces by regex, repeated spaces, then a
// lookup of the name, else of its cleaned and lower-cased form (case-folded lookup), else
// "not in catalog". Repeats of an earlier name are reported from a Map of first occurrences.
// With `suggest`, a name not in the catalog gets the catalog names one edit away (substitution,
// insertion, deletion or swap of neighbours) from a single-deletion index: no farther names and
// no look-alike (UTS #39) analysis, which the wasm checker does.
//
// Each result is a small object ({input, ok, codes, suggestion, alternatives}), so the peer
// allocates per name as a real one would.

const INVISIBLE = /[\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF]/g;
const UNUSUAL_SPACE = /[\t\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]/g;
const TYPOGRAPHIC = /[\u2018\u2019\u201C\u201D\u2013\u2014]/g;
const ASCII_OF = { "\u2018": "'", "\u2019": "'", "\u201C": '"', "\u201D": '"', "\u2013": "-", "\u2014": "-" };

/** Optimal string alignment distance (edits plus swaps of neighbours), plain DP. */
function osa(a, b) {
  const m = a.length;
  const n = b.length;
  let prev2 = new Array(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  let cur = new Array(n + 1).fill(0);
  for (let i = 1; i <= m; i++) {
    cur[0] = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
      cur[j] = d;
    }
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[n];
}

/** The catalog's lookups, built once per call as checkNames builds its index. */
function indexCatalog(catalog, suggest) {
  const exact = new Set(catalog);
  const folded = new Map();
  const deletions = new Map();
  catalog.forEach((name, i) => {
    const key = name.normalize("NFC").toLowerCase();
    if (!folded.has(key)) folded.set(key, i);
    if (suggest) {
      const add = (k) => {
        const list = deletions.get(k);
        if (list === undefined) deletions.set(k, [i]);
        else if (list[list.length - 1] !== i) list.push(i);
      };
      add(key);
      for (let j = 0; j < key.length; j++) add(key.slice(0, j) + key.slice(j + 1));
    }
  });
  const keys = suggest ? catalog.map((n) => n.normalize("NFC").toLowerCase()) : null;
  return { exact, folded, deletions, keys };
}

function nearest(index, key) {
  const found = new Set();
  const look = (k) => {
    const list = index.deletions.get(k);
    if (list) for (const i of list) found.add(i);
  };
  look(key);
  for (let j = 0; j < key.length; j++) look(key.slice(0, j) + key.slice(j + 1));
  return [...found]
    .filter((i) => osa(key, index.keys[i]) <= 1)
    .sort((a, b) => a - b)
    .slice(0, 3);
}

/** Checks `names` against `catalog`; returns {results, errors}. */
export function checkNamesJs(names, catalog, { suggest = false } = {}) {
  const index = indexCatalog(catalog, suggest);
  const first = new Map();
  const results = new Array(names.length);
  let errors = 0;
  for (let k = 0; k < names.length; k++) {
    const name = names[k];
    const codes = [];
    let suggestion = null;
    let alternatives = [];
    const seen = first.get(name);
    if (seen !== undefined) {
      codes.push("duplicate");
    } else {
      first.set(name, k);
      if (!index.exact.has(name)) {
        const nfc = name.normalize("NFC");
        if (nfc !== name) codes.push("not-nfc");
        if (name.trim() !== name) codes.push("edge-whitespace");
        if (INVISIBLE.test(name)) codes.push("invisible-char");
        INVISIBLE.lastIndex = 0;
        if (UNUSUAL_SPACE.test(name)) codes.push("unusual-space");
        UNUSUAL_SPACE.lastIndex = 0;
        if (/ {2,}/.test(name)) codes.push("repeated-space");
        const cleaned = nfc
          .replace(INVISIBLE, "")
          .replace(UNUSUAL_SPACE, " ")
          .replace(TYPOGRAPHIC, (c) => ASCII_OF[c])
          .trim()
          .replace(/ {2,}/g, " ");
        if (index.exact.has(cleaned)) {
          suggestion = cleaned;
        } else {
          const key = cleaned.toLowerCase();
          const hit = index.folded.get(key);
          if (hit !== undefined) {
            codes.push("case-mismatch");
            suggestion = catalog[hit];
          } else {
            codes.push("not-in-catalog");
            if (suggest) {
              alternatives = nearest(index, key).map((i) => catalog[i]);
              suggestion = alternatives[0] ?? null;
            }
          }
        }
      }
    }
    const ok = codes.length === 0;
    errors += codes.length;
    results[k] = { input: name, ok, codes, suggestion, alternatives };
  }
  return { results, errors };
}
