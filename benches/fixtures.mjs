// Deterministic bench data for the Node bench: the same generator as benches/fixtures/mod.rs,
// step for step (read that file for the query mix). Both print a fingerprint (FNV-1a 32 over the
// UTF-8 of every string, each followed by "\n"); equal fingerprints mean equal data. Keep the two
// files in step: any change there must be made here too.
//
// Strings are handled as arrays of code points (Array.from), as Rust handles `chars()`, and only
// ASCII letters are ever case-changed or edited.

export const SEED = 0x5eed1234;

export class Rng {
  constructor(seed) {
    this.x = seed === 0 ? 0x9e3779b9 : seed >>> 0;
  }
  next() {
    let x = this.x;
    x = (x ^ (x << 13)) >>> 0;
    x = (x ^ (x >>> 17)) >>> 0;
    x = (x ^ (x << 5)) >>> 0;
    this.x = x;
    return x;
  }
  below(n) {
    return this.next() % n;
  }
  pick(list) {
    return list[this.below(list.length)];
  }
}

const SYLLABLES = [
  "ka", "lo", "mi", "ra", "ze", "to", "vi", "na", "sa", "ri", "po", "lu", "be", "do", "fi", "ga",
  "he", "jo", "ku", "me", "ni", "or", "pa", "qu", "ro", "su", "ta", "ul", "ve", "wi", "xa", "yo",
  "zu", "an", "el", "is", "on", "ar", "en", "ix",
];
const COMPANY_SUFFIXES = [
  "", "", "", "", " Labs", " Inc", " Group", " Tech", " Systems", "ly", "ify", " Studio",
];
const ACCENTED = [
  "Caf\u{e9}", "Cr\u{e8}me", "M\u{fc}ller", "S\u{f8}ren", "\u{d1}and\u{fa}", "\u{c9}lan",
  "K\u{f6}ln", "Z\u{fc}rich", "S\u{e3}o Paulo", "\u{d8}rsted", "\u{141}\u{f3}d\u{17a}",
  "\u{10c}apek", "Bj\u{f6}rk", "Ant\u{f3}nio",
];
const OTHER_SCRIPTS = [
  "\u{697d}\u{5929}", "\u{3055}\u{304f}\u{3089}", "\u{5c0f}\u{7c73}", "\u{7f8e}\u{56e2}",
  "\u{30ab}\u{30ab}\u{30aa}", "\u{b124}\u{c774}\u{bc84}", "\u{6771}\u{4eac}",
  "\u{30bd}\u{30cb}\u{30fc}", "\u{391}\u{3b8}\u{3ae}\u{3bd}\u{3b1}",
  "\u{41c}\u{43e}\u{441}\u{43a}\u{432}\u{430}",
];
const APOSTROPHE = ["Joe's", "Mama's", "Bob's", "Kate's", "O'Neil", "Papa's", "Rosie's", "D'Angelo"];
const PRODUCTS = [
  "Pay", "Wallet", "Rides", "Eats", "Health", "Music", "Chat", "Maps", "Shop", "Bank", "Travel",
  "Fit", "News", "Photos", "Drive", "Mail", "Notes", "Cloud", "Delivery", "Tickets", "Games",
  "Learn", "Market", "Cr\u{e9}dito", "B\u{fc}cher", "M\u{e9}t\u{e9}o", "Sant\u{e9}",
  "Go", "Plus", "Lite", "Pro", "Kids", "Business", "Driver", "Partner", "Merchant",
];
const PLATFORMS = [
  "iOS", "iOS", "iOS", "Android", "Android", "Android", "Web", "iPadOS", "macOS", "watchOS",
  "tvOS", "Flutter", "React Native", "Huawei",
];
const ENVS = [" (Staging)", " (Beta)", " (Dev)", " (QA)", " (Internal)", " Enterprise", " (Sandbox)"];

const isUpper = (c) => c >= "A" && c <= "Z";
const isLower = (c) => c >= "a" && c <= "z";
const isAsciiLetter = (c) => isUpper(c) || isLower(c);
const asciiLower = (s) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());
const asciiUpper = (s) => s.replace(/[a-z]/g, (c) => c.toUpperCase());

function madeUp(rng) {
  const n = 2 + rng.below(2);
  let s = "";
  for (let i = 0; i < n; i++) s += rng.pick(SYLLABLES);
  return s[0].toUpperCase() + s.slice(1);
}

function company(rng) {
  const r = rng.below(100);
  if (r < 60) {
    const base = madeUp(rng);
    return base + rng.pick(COMPANY_SUFFIXES);
  } else if (r < 75) {
    const word = rng.pick(ACCENTED);
    return `${word} ${madeUp(rng)}`;
  } else if (r < 87) {
    return rng.pick(OTHER_SCRIPTS);
  }
  return rng.pick(APOSTROPHE);
}

function appName(rng) {
  let s = company(rng);
  if (rng.below(100) >= 15) s += " " + rng.pick(PRODUCTS);
  s += " " + rng.pick(PLATFORMS);
  if (rng.below(100) >= 60) s += rng.pick(ENVS);
  return s;
}

/** `size` distinct app names; no two differ only in the case of ASCII letters. */
export function catalog(seed, size) {
  const rng = new Rng(seed);
  const seen = new Set();
  const out = [];
  while (out.length < size) {
    const name = appName(rng);
    const key = asciiLower(name);
    if (!seen.has(key)) {
      seen.add(key);
      out.push(name);
    }
  }
  return out;
}

export const CATEGORIES = ["exact", "case", "typo", "hostile"];

function asciiLetterPositions(chars) {
  const out = [];
  for (let i = 0; i < chars.length; i++) if (isAsciiLetter(chars[i])) out.push(i);
  return out;
}

const LETTERS = "abcdefghijklmnopqrstuvwxyz";

function caseVariant(rng, name) {
  const v = rng.below(3);
  const out = v === 0 ? asciiLower(name) : v === 1 ? asciiUpper(name) : "";
  if (out !== "" && out !== name) return out;
  const chars = Array.from(name);
  const letters = asciiLetterPositions(chars);
  const at = letters[rng.below(letters.length)];
  const c = chars[at];
  chars[at] = isUpper(c) ? c.toLowerCase() : c.toUpperCase();
  return chars.join("");
}

function typo(rng, name, keys) {
  const chars = Array.from(name);
  const letters = asciiLetterPositions(chars);
  const letter = (not) => {
    let l = LETTERS[rng.below(26)];
    if (l === asciiLower(not)) l = LETTERS[(l.charCodeAt(0) - 97 + 1) % 26];
    return l;
  };
  for (;;) {
    const c = chars.slice();
    const at = letters[rng.below(letters.length)];
    const op = rng.below(4);
    if (op === 0) {
      c[at] = letter(c[at]);
    } else if (op === 1) {
      c.splice(at, 1);
    } else if (op === 2) {
      const l = letter(c[at]);
      c.splice(at, 0, l);
    } else if (at + 1 < c.length && c[at] !== c[at + 1]) {
      [c[at], c[at + 1]] = [c[at + 1], c[at]];
    } else {
      c.splice(at, 1);
    }
    const out = c.join("");
    if (!keys.has(asciiLower(out))) return out;
  }
}

const CYRILLIC = new Map([
  ["a", "\u{430}"], ["c", "\u{441}"], ["e", "\u{435}"], ["o", "\u{43e}"],
  ["p", "\u{440}"], ["x", "\u{445}"], ["y", "\u{443}"], ["i", "\u{456}"],
]);

/** A hostile variant of `cat[base]`: [name, the entry it was made from]. */
function hostile(rng, base, cat, withApostrophe) {
  const name = cat[base];
  const h = rng.below(5);
  const chars = Array.from(name);
  if (h === 1) {
    chars[chars.indexOf(" ")] = "\u{a0}";
    return [chars.join(""), base];
  } else if (h === 2) {
    const at = 1 + rng.below(chars.length - 1);
    chars.splice(at, 0, "\u{200b}");
    return [chars.join(""), base];
  } else if (h === 3) {
    const spots = [];
    for (let i = 0; i < chars.length; i++) if (CYRILLIC.has(chars[i])) spots.push(i);
    if (spots.length === 0) return [name + " ", base];
    const at = spots[rng.below(spots.length)];
    chars[at] = CYRILLIC.get(chars[at]);
    return [chars.join(""), base];
  } else if (h === 4) {
    const other = withApostrophe[rng.below(withApostrophe.length)];
    return [cat[other].replaceAll("'", "\u{2019}"), other];
  }
  return [name + " ", base];
}

/** `n` query names against `cat`: {names, categories (Uint8Array of indexes into CATEGORIES),
 *  sources (the catalog entry each name was made from)}. */
export function queries(seed, cat, n) {
  const rng = new Rng((seed ^ 0xa5a5a5a5) >>> 0);
  const keys = new Set(cat.map(asciiLower));
  const withApostrophe = [];
  for (let i = 0; i < cat.length; i++) if (cat[i].includes("'")) withApostrophe.push(i);
  if (withApostrophe.length === 0) throw new Error("catalog has no name with an apostrophe");
  const names = new Array(n);
  const categories = new Uint8Array(n);
  const sources = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const r = rng.below(100);
    const source = rng.below(cat.length);
    const base = cat[source];
    sources[i] = source;
    if (r < 70) {
      names[i] = base;
      categories[i] = 0;
    } else if (r < 80) {
      names[i] = caseVariant(rng, base);
      categories[i] = 1;
    } else if (r < 90) {
      names[i] = typo(rng, base, keys);
      categories[i] = 2;
    } else {
      [names[i], sources[i]] = hostile(rng, source, cat, withApostrophe);
      categories[i] = 3;
    }
  }
  return { names, categories, sources };
}

/** FNV-1a 32 over the UTF-8 of each string followed by "\n". */
export function fingerprint(strings) {
  const enc = new TextEncoder();
  let h = 0x811c9dc5;
  for (const s of strings) {
    for (const b of enc.encode(s)) {
      h ^= b;
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    h ^= 10;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}
