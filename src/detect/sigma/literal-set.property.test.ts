import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { firesOn } from './test-helpers.ts';

const word = fc
  .array(fc.constantFrom('a', 'B', 'c', '\\', '.', ' ', 'é'), { minLength: 1, maxLength: 4 })
  .map((cs) => cs.join(''))
  // a lone backslash is a literal in Sigma; a doubled one is an escape the reference does not model
  .filter((w) => !w.includes('\\\\'));
const value = fc.oneof(
  fc
    .array(fc.constantFrom('a', 'b', 'C', '\\', '.', ' ', 'É', 'x'), { maxLength: 10 })
    .map((cs) => cs.join('')),
  fc.array(
    fc.array(fc.constantFrom('a', 'b', 'C', '\\'), { maxLength: 5 }).map((cs) => cs.join('')),
    {
      maxLength: 3,
    },
  ),
);

const yaml = (s: string): string => `'${s.replaceAll("'", "''")}'`;

/** A Sigma value: a literal, maybe with a leading and / or trailing `*`. */
const sigmaValue = fc
  .tuple(word, fc.boolean(), fc.boolean())
  // `\\*` would be an escaped star, a literal one
  .filter(([w, , trail]) => !(trail && w.endsWith('\\')))
  .map(([w, lead, trail]) => `${lead ? '*' : ''}${w}${trail ? '*' : ''}`);

/** The reference: where the literal must sit, from the modifier and the value's own stars. */
function matchesValue(position: string, value: string, s: string): boolean {
  const lead = value.startsWith('*');
  const trail = value.length > 1 && value.endsWith('*');
  const lit = value.slice(lead ? 1 : 0, trail ? -1 : undefined).toLowerCase();
  const low = s.toLowerCase();
  const before = lead || position === 'contains' || position === 'endswith';
  const after = trail || position === 'contains' || position === 'startswith';
  if (before && after) return low.includes(lit);
  if (after) return low.startsWith(lit);
  if (before) return low.endsWith(lit);
  return low === lit;
}

const test1 = (position: string, all: boolean, values: string[], s: string): boolean =>
  all ? values.every((v) => matchesValue(position, v, s)) : values.some((v) => matchesValue(position, v, s));

test('contains / startswith / endswith / starred lists decided by the literal scan agree with direct string tests', () => {
  fc.assert(
    fc.property(
      fc.constantFrom('contains', 'startswith', 'endswith', 'exact'),
      fc.boolean(),
      fc.array(sigmaValue, { minLength: 1, maxLength: 5 }),
      fc.array(value, { minLength: 1, maxLength: 12 }),
      (position, all, lits, values) => {
        const isAll = all && position === 'contains';
        const modifiers = position === 'exact' ? '' : `|${position}${isAll ? '|all' : ''}`;
        const detection = `    sel:\n        Image${modifiers}:\n${lits.map((l) => `            - ${yaml(l)}`).join('\n')}\n    condition: sel`;
        const events = values.map((v) => ({ Image: v }));
        const expected = values.flatMap((v, i) => {
          const items = Array.isArray(v) ? v : [v];
          return items.some((s) => test1(position, isAll, lits, s)) ? [i] : [];
        });
        assert.deepEqual(firesOn(detection, events), expected, detection);
      },
    ),
    { numRuns: 400 },
  );
});

test('keyword lists match a leaf anywhere in the event, as a substring, whatever the case', () => {
  fc.assert(
    fc.property(
      fc.array(word, { minLength: 1, maxLength: 4 }),
      fc.array(fc.array(value, { maxLength: 3 }), { maxLength: 8 }),
      (lits, events) => {
        const detection = `    keywords:\n${lits.map((l) => `        - ${yaml(l)}`).join('\n')}\n    condition: keywords`;
        // a keyword's own stars change nothing: it is wanted anywhere in a leaf
        const evs = events.map((vals) => Object.fromEntries(vals.map((v, k) => [`F${k}`, v])));
        const expected = evs.flatMap((e, i) => {
          const leaves = Object.values(e).flatMap((v) => (Array.isArray(v) ? v : [v]));
          return leaves.some((s) => test1('contains', false, lits, String(s))) ? [i] : [];
        });
        assert.deepEqual(firesOn(detection, evs), expected, detection);
      },
    ),
    { numRuns: 300 },
  );
});
