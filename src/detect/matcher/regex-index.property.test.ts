import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { requiredLiteral } from '../literals/index.ts';
import { likeToRegExp } from '../pattern/like.ts';
import { anchoredGlob, globMatches } from './anchored-glob.ts';
import { type RegexEntry, RegexIndex } from './regex-index.ts';

/** Characters that are wildcards in LIKE, special in regular expressions, letters of both cases, non-ASCII. */
const CHARS = [
  'a',
  'b',
  'c',
  'A',
  'k',
  's',
  '.',
  '-',
  '\\',
  '*',
  '(',
  ')',
  '[',
  '$',
  '^',
  '|',
  'é',
  '😀',
  '\u212a',
];
const char = fc.constantFrom(...CHARS);
const text = (max: number) => fc.array(char, { maxLength: max }).map((cs) => cs.join(''));
const likeText = fc
  .array(fc.oneof({ weight: 3, arbitrary: char }, fc.constantFrom('%', '_', 'abc', 'evil.com')), {
    maxLength: 10,
  })
  .map((ts) => ts.join(''));

/** One element of a regular expression, built to hit every construct `requiredLiteral` reads or refuses. */
const atom: fc.Arbitrary<string> = fc.letrec<{ re: string; atom: string }>((tie) => ({
  atom: fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom('a', 'b', 'c', 'A', 'k', 's', '-', 'é', '😀', 'abc', 'evil') },
    fc.constantFrom('\\.', '\\\\', '\\(', '\\$', '\\d', '\\w', '\\s', '\\b', '\\x61', '\\u0062', '\\n'),
    fc.constantFrom('.', '^', '$', '[abc]', '[^a]', '[\\]a]', '[]', '[^]'),
    fc
      .constantFrom('(?:', '(', '(?=', '(?!', '(?<=', '(?<n>')
      .chain((open) => tie('re').map((inner) => `${open}${inner})`)),
  ),
  re: fc
    .array(
      fc.tuple(tie('atom'), fc.constantFrom('', '', '', '?', '*', '+', '{2}', '{0,1}', '{1,3}', '+?', '*?')),
      { maxLength: 4 },
    )
    .chain((parts) =>
      fc
        .option(tie('re'), { freq: 3 })
        .map((alt) => parts.map(([a, q]) => a + q).join('') + (alt === null ? '' : `|${alt}`)),
    ),
})).re;

/** Values near the patterns: built from the same pieces, so matches and near misses are common. */
const value = fc.oneof(
  text(12),
  fc
    .array(fc.constantFrom('abc', 'evil.com', 'evil', 'a', 'b', 'c', '.', 'k', 'é', '\u212a', 'AbC', '-'), {
      maxLength: 6,
    })
    .map((ps) => ps.join('')),
);

/** Every expression on its own, as the evaluator runs it: the oracle. */
function naive(entries: readonly RegexEntry[], v: string): number[] {
  const out: number[] = [];
  for (const e of entries) {
    let re: RegExp;
    try {
      re = new RegExp(e.source, e.flags);
    } catch {
      continue;
    }
    if (re.test(v)) out.push(e.code);
  }
  return out.sort((a, b) => a - b);
}

function indexed(index: RegexIndex, v: string): number[] {
  const out: number[] = [];
  index.lookup(v, (c) => out.push(c));
  return out.sort((a, b) => a - b);
}

test('LIKE through the automaton reports exactly the patterns that match, as each anchored RegExp would', () => {
  fc.assert(
    fc.property(
      fc.array(likeText, { minLength: 1, maxLength: 40 }),
      fc.array(value, { maxLength: 8 }),
      (likes, values) => {
        const entries = likes.map((l, code) => {
          const re = likeToRegExp(l);
          return { source: re.source, flags: re.flags, code };
        });
        const index = new RegexIndex(entries);
        // values matching some patterns for sure: wildcards filled in, then one character changed
        const filled = likes.map((l) => l.replaceAll('%', 'xé').replaceAll('_', 'k'));
        const near = filled.map((f) =>
          f.length > 0 ? `${f.slice(0, -1)}${f.endsWith('a') ? 'A' : 'a'}` : 'a',
        );
        for (const v of [...values, ...filled, ...near])
          assert.deepEqual(indexed(index, v), naive(entries, v), v);
      },
    ),
    { numRuns: 400 },
  );
});

test('MATCHES through the automaton reports exactly the expressions that match (flags s and su, i and iu too)', () => {
  fc.assert(
    fc.property(
      fc.array(fc.tuple(atom, fc.constantFrom('s', 'su', 'i', 'iu')), { minLength: 1, maxLength: 30 }),
      fc.array(value, { maxLength: 10 }),
      (res, values) => {
        const entries = res.map(([source, flags], code) => ({ source, flags, code }));
        const index = new RegexIndex(entries);
        for (const v of values) assert.deepEqual(indexed(index, v), naive(entries, v), `${v} against ${res}`);
      },
    ),
    { numRuns: 1000 },
  );
});

test('a required literal is in every value the expression matches', () => {
  fc.assert(
    fc.property(
      atom,
      fc.constantFrom('s', 'su', 'i', 'iu'),
      fc.array(value, { maxLength: 20 }),
      (source, flags, values) => {
        let re: RegExp;
        try {
          re = new RegExp(source, flags);
        } catch {
          return;
        }
        const lit = requiredLiteral(source, flags);
        if (lit === undefined) return;
        const folded = flags.includes('i');
        for (const v of values)
          if (re.test(v))
            assert.ok(
              folded ? v.toLowerCase().includes(lit.toLowerCase()) : v.includes(lit),
              `/${source}/${flags} matched ${v} without ${lit}`,
            );
      },
    ),
    { numRuns: 3000 },
  );
});

test('required literals: LIKE runs, classes and optional parts skipped, alternation only when common', () => {
  const like = (l: string): string | undefined => {
    const re = likeToRegExp(l);
    return requiredLiteral(re.source, re.flags);
  };
  assert.equal(like('%.evil-domain.com'), '.evil-domain.com');
  assert.equal(like('a_bcd%ef'), 'bcd');
  assert.equal(like('%(x)[y]$%'), '(x)[y]$');
  assert.equal(like('%é.com'), '.com');
  assert.equal(requiredLiteral('^inv.+\\.exe$', 's'), '.exe');
  assert.equal(requiredLiteral('ab+c', 's'), 'ab');
  assert.equal(requiredLiteral('abcd?', 's'), 'abc');
  assert.equal(requiredLiteral('x(?:abcdef)?', 's'), 'x');
  assert.equal(requiredLiteral('x(?:abcdef)+', 's'), 'abcdef');
  assert.equal(requiredLiteral('(foo\\.com|bar\\.com)', 's'), '.com');
  assert.equal(requiredLiteral('foo|bar', 's'), undefined);
  assert.equal(requiredLiteral('[abc]{2}\\d+', 's'), undefined);
  assert.equal(requiredLiteral('(?=evil)x', 's'), 'x');
  assert.equal(requiredLiteral('\\x41bcd', 's'), undefined);
  assert.equal(requiredLiteral('(a)\\1bcd', 's'), undefined);
  assert.equal(requiredLiteral('(?i:abc)', 's'), undefined);
  assert.equal(requiredLiteral('a{x', 's'), undefined);
  assert.equal(requiredLiteral('skate', 'iu'), 'ate');
  assert.equal(requiredLiteral('skate', 'i'), 'skate');
});

test('expressions without a literal, or with refused constructs, still match through the alternation', () => {
  const entries: RegexEntry[] = [
    { source: 'foo|bar', flags: 's', code: 1 },
    { source: '(a)\\1', flags: 's', code: 2 },
    { source: '^.evil\\.com$', flags: 'su', code: 3 },
    { source: '(', flags: 's', code: 4 },
  ];
  const index = new RegexIndex(entries);
  assert.deepEqual(index.sizes, { keyed: 1, combined: 2, literals: 1 });
  assert.deepEqual(indexed(index, 'xbar aa'), [1, 2]);
  assert.deepEqual(indexed(index, 'aevil.com'), [3]);
  assert.deepEqual(indexed(index, 'aEVIL.com'), []);
});

test('the automaton and the alternations alone (the former index) agree on feed-like suffixes', () => {
  const entries: RegexEntry[] = [];
  const labels = ['evil', 'bad-site', 'phish', 'login-secure', 'k0', 'x'];
  labels.forEach((l, i) => {
    const re = likeToRegExp(`%.${l}.com`);
    entries.push({ source: re.source, flags: re.flags, code: i });
  });
  entries.push({ source: '^(?:www\\.)?phish\\d*\\.net$', flags: 's', code: 99 });
  const both = [new RegexIndex(entries), new RegexIndex(entries, { literals: false })];
  assert.ok(both[0]!.sizes.keyed > 0);
  assert.equal(both[1]!.sizes.keyed, 0);
  for (const v of [
    'a.evil.com',
    'evil.com',
    'a.EVIL.com',
    'x.login-secure.com',
    'www.phish12.net',
    'a.x.com',
    'a.k0.co',
  ])
    assert.deepEqual(indexed(both[0]!, v), indexed(both[1]!, v), v);
  assert.deepEqual(indexed(both[0]!, 'www.phish12.net'), [99]);
});

test('plain `^a.*b$` expressions are verified without the regex engine, with the same answers', () => {
  const pieces = fc.array(fc.oneof(char, fc.constantFrom('.*', '\\.', '\\*', '.', '\n', 'ab')), {
    maxLength: 8,
  });
  fc.assert(
    fc.property(
      pieces,
      fc.constantFrom('s', 'su', '', 'si'),
      fc.array(value, { maxLength: 10 }),
      (ps, flags, values) => {
        const source = `^${ps.join('')}$`;
        let re: RegExp;
        try {
          re = new RegExp(source, flags);
        } catch {
          return;
        }
        const glob = anchoredGlob(source, flags);
        if (glob === undefined) return;
        for (const v of [...values, glob.join(''), glob.join('\n'), glob.join('xé😀')])
          assert.equal(globMatches(glob, v), re.test(v), `/${source}/${flags} on ${v}`);
      },
    ),
    { numRuns: 3000 },
  );
  assert.deepEqual(anchoredGlob('^.*\\.evil\\.com$', 'su'), ['', '.evil.com']);
  assert.deepEqual(anchoredGlob('^a.*b.*$', 's'), ['a', 'b', '']);
  assert.equal(anchoredGlob('^a.b$', 's'), undefined);
  assert.equal(anchoredGlob('^a.*b$', ''), undefined);
  assert.equal(anchoredGlob('^ab*$', 's'), undefined);
});
