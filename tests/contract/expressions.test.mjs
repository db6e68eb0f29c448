// Contract: the Okta Expression Language the mapping builder writes for group rules is well formed
// for any group name and value: each hostile input is either refused with a clear error code or
// compiled to an expression whose string literals decode back to exactly the input.
//
// The literal syntax (see src/okta/mapping.rs and DOMAIN.md §2): Okta EL is a subset of SpEL; a
// literal is "…", a `"` inside is written `""`, and a backslash is an ordinary character.
import test, { describe } from 'node:test';
import assert from 'node:assert/strict';
import { api } from '../js/load.mjs';

const ROLE = 'instabugRole';
const APPS = 'instabugApplications';

// ---------------------------------------------------------------------------------------------
// A tokenizer and a parser for exactly what the builder may write
// ---------------------------------------------------------------------------------------------

/** Tokens: {type: 'string', value (decoded)} | {type: 'ident', value} | {type: one of ( ) { } , ? :}. */
function tokenize(expr) {
  const tokens = [];
  let i = 0;
  while (i < expr.length) {
    const c = expr[i];
    if (c === ' ') {
      i += 1;
    } else if (c === '"') {
      let j = i + 1;
      let text = '';
      for (;;) {
        if (j >= expr.length) throw new SyntaxError(`unterminated string literal from ${i}`);
        if (expr[j] === '"') {
          if (expr[j + 1] === '"') {
            text += '"';
            j += 2;
            continue;
          }
          break;
        }
        text += expr[j];
        j += 1;
      }
      tokens.push({ type: 'string', value: text, start: i });
      i = j + 1;
    } else if ('(){},?:'.includes(c)) {
      tokens.push({ type: c, start: i });
      i += 1;
    } else {
      const m = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*/.exec(expr.slice(i));
      // Anything else outside a literal (a quote ', #, $, \, a control character…) is an error.
      if (!m) throw new SyntaxError(`unexpected ${JSON.stringify(c)} at ${i} outside a literal`);
      tokens.push({ type: 'ident', value: m[0], start: i });
      i += m[0].length;
    }
  }
  return tokens;
}

/** Parentheses and braces balance (and nest properly) outside literals. */
function assertBalanced(tokens, expr) {
  const stack = [];
  for (const t of tokens) {
    if (t.type === '(' || t.type === '{') stack.push(t.type);
    if (t.type === ')' && stack.pop() !== '(') assert.fail(`unbalanced ")" at ${t.start}: ${expr}`);
    if (t.type === '}' && stack.pop() !== '{') assert.fail(`unbalanced "}" at ${t.start}: ${expr}`);
  }
  assert.deepEqual(stack, [], `unclosed ${stack.join('')}: ${expr}`);
}

/**
 * Parses  chain := value | isMemberOfGroupName ( STRING ) ? value : chain
 *         value := STRING | null | { [STRING {, STRING}] }
 * into {rules: [{group, value}], fallback}, consuming every token.
 */
function parseChain(tokens) {
  let k = 0;
  const peek = () => tokens[k];
  const take = (type, value) => {
    const t = tokens[k];
    if (!t || t.type !== type || (value !== undefined && t.value !== value)) {
      throw new SyntaxError(`expected ${value ?? type} at token ${k}, found ${JSON.stringify(t)}`);
    }
    k += 1;
    return t;
  };
  const value = () => {
    const t = peek();
    if (t?.type === 'string') return take('string').value;
    if (t?.type === 'ident' && t.value === 'null') {
      take('ident');
      return null;
    }
    take('{');
    const list = [];
    if (peek()?.type !== '}') {
      list.push(take('string').value);
      while (peek()?.type === ',') {
        take(',');
        list.push(take('string').value);
      }
    }
    take('}');
    return list;
  };
  const rules = [];
  while (peek()?.type === 'ident' && peek().value === 'isMemberOfGroupName') {
    take('ident');
    take('(');
    const group = take('string').value;
    take(')');
    take('?');
    const v = value();
    take(':');
    rules.push({ group, value: v });
  }
  const fallback = value();
  if (k !== tokens.length) throw new SyntaxError(`trailing tokens from ${k}`);
  return { rules, fallback };
}

/** Checks an expression and returns its parse. */
function check(expr) {
  assert.equal(typeof expr, 'string');
  const tokens = tokenize(expr);
  assertBalanced(tokens, expr);
  return parseChain(tokens);
}

function thrown(fn) {
  try {
    fn();
  } catch (e) {
    return e;
  }
  return null;
}

const roleMapping = (rules, fallback, extra = {}) => api.buildMappingPayload({
  role: { from: 'groups', rules, ...(fallback === undefined ? {} : { fallback }) },
  apps: { from: 'assignment' },
  ...extra,
});

// ---------------------------------------------------------------------------------------------
// The tokenizer itself
// ---------------------------------------------------------------------------------------------

describe('the tokenizer (controls)', () => {
  test('decodes doubled quotes and keeps backslashes', () => {
    const t = tokenize('isMemberOfGroupName("Dev ""Core"" \\ Ops") ? "a" : null');
    assert.equal(t[2].value, 'Dev "Core" \\ Ops');
    assert.deepEqual(parseChain(t), { rules: [{ group: 'Dev "Core" \\ Ops', value: 'a' }], fallback: null });
  });

  test('rejects broken expressions', () => {
    assert.throws(() => tokenize('isMemberOfGroupName("a) ? "b" : null'), /unexpected|unterminated/);
    assert.throws(() => tokenize('"abc'), /unterminated/);
    assert.throws(() => tokenize('"a\\"b"'), /unterminated|unexpected/); // a backslash does not escape
    assert.throws(() => tokenize("isMemberOfGroupName('a') ? \"b\" : null"), /unexpected "'"/);
    assert.throws(() => tokenize('#{1+1}'), /unexpected "#"/);
    assert.throws(() => assertBalanced(tokenize('isMemberOfGroupName(("a") ? "b" : null'), 'x'), /unclosed/);
    assert.throws(() => parseChain(tokenize('isMemberOfGroupName("a") ? "b" : "c" : "d"')), /trailing/);
    assert.throws(() => parseChain(tokenize('isMemberOfGroupName("a", "b") ? "b" : null')), /expected \)/);
  });
});

// ---------------------------------------------------------------------------------------------
// Hostile group names
// ---------------------------------------------------------------------------------------------

// Long, up to MAX_NAME_LENGTH (4,096 UTF-16 units); past it the builder refuses with too-large.
const LONG = 'Luciq "Admins" (EMEA) \\ ? : '.repeat(140); // 4,060 characters
const TOO_LONG_GROUPS = ['Luciq "Admins" (EMEA) \\ ? : '.repeat(400), 'G'.repeat(4_097)];
const ACCEPTED_GROUPS = [
  'Dev "Core" \\ Ops', "O'Brien", '"', '""', '"""', "'", "''", '\\', '\\\\', '\\"', '"\\', '\\""\\',
  '" ) ? "adminstrator" : ("', '") || true || ("', 'x") ? {"Acme iOS"} : ("', "') ? 'x' : ('",
  '(', ')', '((', ')(', '{', '}', '{"a", "b"}', '?', ':', '? :', 'a ? b : c', ',',
  '#', '$', '# {', '$ {', '#{', '{#', '}$', // "#{" alone is refused; these are not template markers
  'null', 'isMemberOfGroupName("x")', 'user.luciqRole', 'Ünïcødé', '日本語チーム', 'مجموعة', 'Team 🚀',
  'e\u0301', 'a\u00a0b', 'a\u200bb', '\u202eevil', 'Ω≈ç√',
  LONG, '"'.repeat(1000), "'".repeat(1000), 'G'.repeat(4_096),
].filter((g) => !g.includes('#{') && !g.includes('${'));

const TEMPLATE_GROUPS = ['#{x}', '${x}', '#{', '${', 'a#{b', 'pre ${env} post', '"#{"', '$${}', '##{}'];
const CONTROL_CHARS = [
  ...Array.from({ length: 0x20 }, (_, i) => String.fromCharCode(i)),
  ...Array.from({ length: 0x21 }, (_, i) => String.fromCharCode(0x7f + i)), // DEL and C1
  '\u2028', '\u2029',
];

describe('group names', () => {
  for (const group of ACCEPTED_GROUPS) {
    const label = group.length > 40 ? `${JSON.stringify(group.slice(0, 30))}… (${group.length} chars)` : JSON.stringify(group);
    test(`accepted and round-tripped: ${label}`, () => {
      const call = roleMapping([{ group, value: 'member' }, { group: 'Everyone', value: 'viewer' }], 'observer');
      const expr = call.body.properties[ROLE].expression;
      assert.deepEqual(check(expr), {
        rules: [{ group, value: 'member' }, { group: 'Everyone', value: 'viewer' }],
        fallback: 'observer',
      }, expr);
    });
  }

  test('a group name past MAX_NAME_LENGTH is refused with too-large, naming it', () => {
    for (const group of TOO_LONG_GROUPS) {
      const e = thrown(() => roleMapping([{ group, value: 'member' }]));
      assert.equal(e?.code, 'too-large');
      assert.match(e.message, /^role\.rules\[0\]\.group is [\d,]+ characters \(UTF-16\).*\(MAX_NAME_LENGTH\)$/);
    }
  });

  test('every accepted name in one long chain (300 rules) round-trips in order', () => {
    // One role per rule: the builder refuses a role value used by two rules.
    const roles = Array.from({ length: 300 }, (_, i) => ({ title: `Role ${i}`, value: `role${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}`, confirmed: true }));
    const rules = roles.map((r, i) => ({
      group: `${ACCEPTED_GROUPS[i % ACCEPTED_GROUPS.length].slice(0, 200)} #${i}`,
      value: r.value,
    }));
    const expr = roleMapping(rules, undefined, { roles }).body.properties[ROLE].expression;
    assert.deepEqual(check(expr), { rules, fallback: null });
  });

  test('template markers are refused with invalid-expression', () => {
    for (const group of TEMPLATE_GROUPS) {
      const e = thrown(() => roleMapping([{ group, value: 'member' }]));
      assert.ok(e, `${JSON.stringify(group)} was accepted`);
      assert.equal(e.code, 'invalid-expression', `${JSON.stringify(group)}: ${e.message}`);
      assert.match(e.message, /instabugRole: .*template marker/);
    }
  });

  test('newlines and every other control character are refused with invalid-expression', () => {
    assert.equal(CONTROL_CHARS.length, 67);
    for (const c of CONTROL_CHARS) {
      for (const group of [`Luciq${c}Admins`, c, `Admins${c}`]) {
        const e = thrown(() => roleMapping([{ group, value: 'member' }]));
        const hex = c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
        assert.ok(e, `U+${hex} was accepted`);
        assert.equal(e.code, 'invalid-expression', `U+${hex}: ${e.message}`);
        // A name that is only a whitespace control (tab, CR, NEL…) is refused as empty first.
        if (group !== c) assert.match(e.message, new RegExp(`U\\+${hex}`), `the message names U+${hex}: ${e.message}`);
      }
    }
  });

  test('control characters in an apps rule group are refused the same way', () => {
    const e = thrown(() => api.buildMappingPayload({
      role: { from: 'assignment' },
      apps: { from: 'groups', rules: [{ group: 'Mobile\r\nTeam', value: ['Acme iOS'] }] },
    }));
    assert.equal(e?.code, 'invalid-expression');
    assert.match(e.message, /instabugApplications/);
  });

  test('empty and blank group names are refused', () => {
    for (const group of ['', ' ', '   ']) {
      assert.equal(thrown(() => roleMapping([{ group, value: 'member' }]))?.code, 'invalid-expression');
    }
  });

  // Regression (found by these tests, since fixed): a lone UTF-16 surrogate is replaced by U+FFFD at the JS → wasm boundary, so the
  // expression silently names another group ("\uFFFD") instead of refusing the input. Okta group
  // names are UTF-8 and cannot hold one, so this matters only for corrupted input.
  test('a lone surrogate is refused or round-trips', () => {
    const group = 'Team \uD800';
    const e = thrown(() => roleMapping([{ group, value: 'member' }]));
    if (e) return;
    assert.equal(check(roleMapping([{ group, value: 'member' }]).body.properties[ROLE].expression).rules[0].group, group);
  });
});

// ---------------------------------------------------------------------------------------------
// Hostile values
// ---------------------------------------------------------------------------------------------

const HOSTILE_VALUES = [
  'q"uote', "it's", 'a\\b', '(x)', 'a?b:c', '{a}', 'A, B', 'Ünï 日本', '"', '" : "adminstrator',
  '#{x}', '${x}', 'a\nb', 'tab\there', 'nul\u0000', '\u2028', 'x'.repeat(5000),
];

describe('values', () => {
  test('role values: refused (invalid-names / invalid-expression) or round-tripped', () => {
    let accepted = 0;
    for (const value of HOSTILE_VALUES) {
      const roles = [{ title: 'Hostile', value, confirmed: true }, { title: 'Member', value: 'member', confirmed: true }];
      const build = () => roleMapping([{ group: 'G "1"', value }], 'member', { roles });
      const e = thrown(build);
      if (e) {
        assert.ok(['invalid-names', 'invalid-expression', 'too-large'].includes(e.code), `${JSON.stringify(value)}: ${e.code} ${e.message}`);
        if (/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(value)) assert.ok(e, 'control characters are refused');
        continue;
      }
      assert.ok(!/[\u0000-\u001f\u007f-\u009f\u2028\u2029]|#\{|\$\{/.test(value), `${JSON.stringify(value)} should have been refused`);
      accepted += 1;
      const expr = build().body.properties[ROLE].expression;
      assert.deepEqual(check(expr), { rules: [{ group: 'G "1"', value }], fallback: 'member' }, expr);
    }
    assert.ok(accepted >= 5, `only ${accepted} hostile values accepted: the round trip would prove little`);
  });

  test('control characters and template markers in role values are refused with the expected codes', () => {
    for (const [value, code] of [['a\nb', 'invalid-names'], ['nul\u0000', 'invalid-names'], ['#{x}', 'invalid-expression'], ['${x}', 'invalid-expression']]) {
      const roles = [{ title: 'Hostile', value, confirmed: true }];
      assert.equal(thrown(() => roleMapping([{ group: 'G', value }], undefined, { roles }))?.code, code, JSON.stringify(value));
    }
  });

  // Regression (found by these tests, since fixed): the role values of all rules and the fallback are checked as one list in which a
  // repeat is an error ("duplicate"), so the everyday mapping "Luciq Admins EU → adminstrator,
  // Luciq Admins US → adminstrator" or "Admins → adminstrator, Engineering → member, else member"
  // is refused with invalid-names. Different groups giving the same role is not a mistake.
  test('several rules (and the fallback) may give the same role', () => {
    const rules = [{ group: 'Luciq Admins EU', value: 'adminstrator' }, { group: 'Luciq Admins US', value: 'adminstrator' }, { group: 'Engineering', value: 'member' }];
    const expr = roleMapping(rules, 'member').body.properties[ROLE].expression;
    assert.deepEqual(check(expr), { rules, fallback: 'member' });
  });

  test('role values outside the role table are refused with invalid-names', () => {
    for (const value of ['admin', 'Administrator', 'member ', 'memb"er', 'viewer\u200b', '']) {
      const e = thrown(() => roleMapping([{ group: 'G', value }]));
      assert.equal(e?.code, 'invalid-names', JSON.stringify(value));
      assert.ok(Array.isArray(e.diagnostics) && e.diagnostics.length > 0);
    }
    assert.equal(thrown(() => roleMapping([{ group: 'G', value: 'member' }], 'admin'))?.code, 'invalid-names', 'fallback');
  });

  for (const setup of ['current', 'legacy']) {
    test(`${setup} app values: refused or round-tripped as ${setup === 'current' ? 'array literals' : 'plain literals'}`, () => {
      let accepted = 0;
      for (const value of HOSTILE_VALUES) {
        const build = () => api.buildMappingPayload({
          setup,
          catalog: [value, 'Acme iOS'],
          role: { from: 'assignment' },
          apps: {
            from: 'groups',
            rules: [{ group: 'Mobile', value: setup === 'current' ? [value, 'Acme iOS'] : [value] }, { group: 'None', value: [] }],
            fallback: ['Acme iOS'],
          },
        });
        const e = thrown(build);
        if (e) {
          assert.ok(['invalid-names', 'invalid-expression', 'too-large'].includes(e.code), `${JSON.stringify(value)}: ${e.code} ${e.message}`);
          continue;
        }
        assert.ok(!/[\u0000-\u001f\u007f-\u009f\u2028\u2029]|#\{|\$\{/.test(value), `${JSON.stringify(value)} should have been refused`);
        accepted += 1;
        const expr = build().body.properties[APPS].expression;
        const want = setup === 'current'
          ? { rules: [{ group: 'Mobile', value: [value, 'Acme iOS'] }, { group: 'None', value: [] }], fallback: ['Acme iOS'] }
          : { rules: [{ group: 'Mobile', value }, { group: 'None', value: null }], fallback: 'Acme iOS' };
        assert.deepEqual(check(expr), want, expr);
      }
      assert.ok(accepted >= 5, `only ${accepted} accepted`);
    });
  }

  test('app values outside the catalog, and several apps in legacy, are refused', () => {
    const apps = (setup, value) => thrown(() => api.buildMappingPayload({
      setup, catalog: ['Acme iOS', 'Acme Web'], role: { from: 'assignment' },
      apps: { from: 'groups', rules: [{ group: 'G', value }] },
    }));
    assert.equal(apps('current', ['Acme iOS '])?.code, 'invalid-names');
    assert.equal(apps('current', ['acme ios'])?.code, 'invalid-names');
    assert.equal(apps('current', ['Acme "iOS"'])?.code, 'invalid-names');
    assert.equal(apps('legacy', ['Acme iOS', 'Acme Web'])?.code, 'legacy-single-app');
  });
});

// ---------------------------------------------------------------------------------------------
// Attribute sources
// ---------------------------------------------------------------------------------------------

describe('attribute sources', () => {
  test('valid variable names become user.<name>', () => {
    for (const attribute of ['luciqRole', '_x', 'a1_b2', 'X'.repeat(500)]) {
      const expr = api.buildMappingPayload({ role: { from: 'attribute', attribute }, apps: { from: 'attribute', attribute } }).body.properties;
      for (const p of [expr[ROLE], expr[APPS]]) {
        assert.equal(p.expression, `user.${attribute}`);
        assert.deepEqual(tokenize(p.expression), [{ type: 'ident', value: `user.${attribute}`, start: 0 }]);
      }
    }
  });

  test('anything else is refused with invalid-expression', () => {
    for (const attribute of ['', '1abc', 'luciq.role', 'a b', 'x) ? 1 : (', 'é', 'a"b', 'a\nb', '#{x}', 'user.x', 'a-b']) {
      for (const which of ['role', 'apps']) {
        const req = { role: { from: 'assignment' }, apps: { from: 'assignment' } };
        req[which] = { from: 'attribute', attribute };
        assert.equal(thrown(() => api.buildMappingPayload(req))?.code, 'invalid-expression', `${which}: ${JSON.stringify(attribute)}`);
      }
    }
  });
});
