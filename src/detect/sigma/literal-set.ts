import type { Column } from './columns.ts';
import type { ModifierPlan } from './modifiers.ts';
import type { Anchor, StringTest } from './string-tests.ts';
import { type GlobToken, parseSigmaString, STAR } from './wildcard.ts';

type Kind = 0 | 1 | 2;
const CONTAINS: Kind = 0;
const STARTS: Kind = 1;
const ENDS: Kind = 2;

/**
 * A case-insensitive list of values that are each one literal, wanted anywhere, at the start or at the
 * end of the text (`Image|endswith: [...]`, `CommandLine|contains: [...]`, `'*\\evil.exe'`, keywords)
 * decided by the column's one literal scan: a few word-and-mask tests on the bits the scan set,
 * instead of a string search per value. Undefined when some value is anything else (an exact value,
 * a wildcard inside, non-ASCII); the caller then tests value by value. The test holds for events whose
 * value is a scalar (`col.low[i]` defined), and for lists when not `all` (the scan OR-s the bits of
 * every element, and one element passing is enough).
 */
export function literalSetTest(
  values: readonly (string | number | boolean)[],
  plan: ModifierPlan,
  col: Column,
  keyword: boolean,
): { test: (i: number) => boolean; anchors: Anchor[] } | undefined {
  if (plan.kind !== 'glob' || plan.cased || plan.expand || plan.transforms.length > 0) return undefined;
  // a keyword is a substring of some leaf; `all` keywords would need one leaf holding every one
  if (keyword && plan.all) return undefined;
  const position = keyword && plan.position === 'exact' ? 'contains' : plan.position;
  const ids: number[][] = [[], [], []];
  for (const v of values) {
    const wanted = literalOf(typeof v === 'string' ? parseSigmaString(v) : [String(v)], position);
    if (wanted === undefined) return undefined;
    const id = col.scanner.add(wanted.literal);
    if (id < 0) return undefined;
    ids[wanted.kind]!.push(id);
  }
  col.needScan = true;
  const all = plan.all;
  let groups: { kind: Kind; offsets: Int32Array; masks: Uint32Array }[] | undefined;
  const anchors: Anchor[] = [];
  ids.forEach((list, kind) => {
    for (const id of list) anchors.push({ column: col, kind: kind as Kind, id });
  });
  // under `all` every literal is necessary: one is enough to anchor on
  const test = (i: number): boolean => {
    // the words per event are known once every rule is compiled and the column sealed
    groups ??= masksOf(ids);
    const base = i * col.words;
    for (const g of groups) {
      const bits = g.kind === CONTAINS ? col.bits : g.kind === STARTS ? col.starts : col.ends;
      const { offsets, masks } = g;
      for (let k = 0; k < offsets.length; k++) {
        const have = (bits[base + offsets[k]!]! & masks[k]!) >>> 0;
        if (all ? have !== masks[k] : have !== 0) return !all;
      }
    }
    return all;
  };
  return { test, anchors: all ? anchors.slice(0, 1) : anchors };
}

/** The literal a value asks for and where, from its tokens and the modifier's position. */
function literalOf(
  tokens: readonly GlobToken[],
  position: string,
): { literal: string; kind: Kind } | undefined {
  let from = 0;
  let to = tokens.length;
  const lead = tokens[0] === STAR;
  const trail = to > 1 && tokens[to - 1] === STAR;
  if (lead) from++;
  if (trail) to--;
  const middle = tokens.slice(from, to);
  if (middle.length === 0 || !middle.every((t): t is string => typeof t === 'string')) return undefined;
  const literal = middle.join('').toLowerCase();
  if (literal === '') return undefined;
  const before = lead || position === 'contains' || position === 'endswith';
  const after = trail || position === 'contains' || position === 'startswith';
  if (before && after) return { literal, kind: CONTAINS };
  if (after) return { literal, kind: STARTS };
  if (before) return { literal, kind: ENDS };
  return undefined;
}

function masksOf(ids: readonly number[][]): { kind: Kind; offsets: Int32Array; masks: Uint32Array }[] {
  const out: { kind: Kind; offsets: Int32Array; masks: Uint32Array }[] = [];
  ids.forEach((list, kind) => {
    if (list.length === 0) return;
    const byWord = new Map<number, number>();
    for (const id of list) byWord.set(id >>> 5, (byWord.get(id >>> 5) ?? 0) | (1 << (id & 31)));
    out.push({
      kind: kind as Kind,
      offsets: Int32Array.from(byWord.keys()),
      masks: Uint32Array.from(byWord.values(), (m) => m >>> 0),
    });
  });
  return out;
}

/**
 * The same lists when the literal scan cannot take them (non-ASCII or one-character literals, such as
 * the homoglyph rules' Cyrillic letters): one regular expression, an alternation of the escaped
 * literals anchored as each asks, over the lowercased text, instead of a search per value.
 */
export function alternationTest(
  values: readonly (string | number | boolean)[],
  plan: ModifierPlan,
  keyword: boolean,
): StringTest | undefined {
  if (plan.kind !== 'glob' || plan.cased || plan.expand || plan.transforms.length > 0 || plan.all)
    return undefined;
  if (values.length < 2) return undefined;
  const position = keyword && plan.position === 'exact' ? 'contains' : plan.position;
  const parts: string[] = [];
  for (const v of values) {
    const wanted = literalOf(typeof v === 'string' ? parseSigmaString(v) : [String(v)], position);
    if (wanted === undefined) return undefined;
    const text = wanted.literal.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    parts.push(wanted.kind === CONTAINS ? text : wanted.kind === STARTS ? `^${text}` : `${text}$`);
  }
  const re = new RegExp(parts.join('|'));
  return (s) => re.test(s);
}
