import type {
  Comparison,
  ComparisonExpression,
  Literal,
  ObjectPath,
  PatternExpression,
} from '../../stix/index.ts';
import { ipv6Range, packedIpv4 } from '../pattern/ip.ts';
import { pathKey } from './path-key.ts';

/** A value an indicator can only match through: an exact value, an address block or a regular expression on one path. */
export type BareAnchor =
  | { readonly kind: 'exact'; readonly key: string; readonly value: string }
  | { readonly kind: 'cidr'; readonly key: string; readonly block: string }
  | { readonly kind: 'regex'; readonly key: string; readonly source: string; readonly flags: string };

/** An anchor with the object path it was written with (for walking observations). */
export type Anchor = BareAnchor & { readonly path: ObjectPath };

/**
 * What the index knows of a pattern. `pure`: any anchor hit is a match (an OR of indexable
 * comparisons in plain observations). Otherwise an anchor hit is only a candidate the full evaluator
 * confirms; `anchors` null means nothing is necessary, so the pattern is tried on every event.
 */
export interface AnchorPlan {
  readonly pure: boolean;
  readonly anchors: readonly Anchor[] | null;
}

/**
 * The anchors of a pattern: every match of the pattern hits at least one of them. With
 * `everyObservation` (patterns followed over a stream) each observation's events must hit one, so
 * AND / FOLLOWEDBY take the anchors of both sides.
 */
export function anchorPlan(expression: PatternExpression, everyObservation = false): AnchorPlan {
  return { pure: pureExpression(expression), anchors: expressionAnchors(expression, everyObservation) };
}

function expressionAnchors(e: PatternExpression, every: boolean): Anchor[] | null {
  switch (e.kind) {
    case 'observation':
      return comparisonAnchors(e.comparison);
    case 'qualified':
      return expressionAnchors(e.expression, every);
    case 'obs-or':
      return union(expressionAnchors(e.left, every), expressionAnchors(e.right, every));
    default: {
      const left = expressionAnchors(e.left, every);
      const right = expressionAnchors(e.right, every);
      return every ? union(left, right) : better(left, right);
    }
  }
}

function comparisonAnchors(c: ComparisonExpression): Anchor[] | null {
  if (c.kind === 'exists') return null;
  if (c.kind === 'or') return union(comparisonAnchors(c.left), comparisonAnchors(c.right));
  if (c.kind === 'and') return better(comparisonAnchors(c.left), comparisonAnchors(c.right));
  return leafAnchors(c);
}

function union(a: Anchor[] | null, b: Anchor[] | null): Anchor[] | null {
  return a === null || b === null ? null : [...a, ...b];
}

const COST = { exact: 1, cidr: 4, regex: 64 } as const;

/** Under AND either side is necessary: keep the cheaper one to probe. */
function better(a: Anchor[] | null, b: Anchor[] | null): Anchor[] | null {
  if (a === null) return b;
  if (b === null) return a;
  const cost = (xs: Anchor[]): number => xs.reduce((n, x) => n + COST[x.kind], 0);
  return cost(b) < cost(a) ? b : a;
}

function leafAnchors(c: Comparison): Anchor[] | null {
  if (c.negated || hasIndexStep(c.path) || isBinary(c.path)) return null;
  const key = pathKey(c.path);
  const path = c.path;
  const value = c.value;
  if (Array.isArray(value)) {
    const members = value as readonly Literal[];
    if (c.operator !== 'IN' || members.length === 0 || members.some((m) => m.kind !== 'string')) return null;
    return members.map((m) => ({ kind: 'exact', key, path, value: m.value as string }));
  }
  const literal = value as Literal;
  if (literal.kind !== 'string') return null;
  const text = literal.value;
  switch (c.operator) {
    case '=':
      return [
        isBlock(key, text)
          ? { kind: 'cidr', key, path, block: text }
          : { kind: 'exact', key, path, value: text },
      ];
    case 'LIKE':
      return /[%_]/.test(text)
        ? [{ kind: 'regex', key, path, source: likeSource(text), flags: 'su' }]
        : [{ kind: 'exact', key, path, value: text }];
    case 'MATCHES':
      return [{ kind: 'regex', key, path, source: text, flags: 's' }];
    case 'ISSUBSET':
      return isAddress(text) ? [{ kind: 'cidr', key, path, block: text }] : null;
    default:
      return null;
  }
}

/** A single-observation pattern whose every comparison is an indexable OR member: an anchor hit is a match. */
function pureExpression(e: PatternExpression): boolean {
  if (e.kind === 'observation') return pureComparison(e.comparison);
  if (e.kind === 'obs-or') return pureExpression(e.left) && pureExpression(e.right);
  return false;
}

function pureComparison(c: ComparisonExpression): boolean {
  if (c.kind === 'exists' || c.kind === 'and') return false;
  if (c.kind === 'or') return pureComparison(c.left) && pureComparison(c.right);
  return leafAnchors(c) !== null;
}

function hasIndexStep(path: ObjectPath): boolean {
  return path.steps.some((s) => s.kind === 'index');
}

function isBinary(path: ObjectPath): boolean {
  const last = path.steps[path.steps.length - 1];
  return last?.kind === 'key' && (last.name.endsWith('_bin') || last.name.endsWith('_hex'));
}

const ADDRESS_KEYS = /^(?:ipv4-addr|ipv6-addr):value$|_ref\.value$/;

/** `=` with a CIDR block on an address path is read as membership, as feeds mean it. */
function isBlock(key: string, text: string): boolean {
  return ADDRESS_KEYS.test(key) && text.includes('/') && isAddress(text);
}

function isAddress(text: string): boolean {
  return packedIpv4(text) >= 0 || ipv6Range(text) !== undefined;
}

/** LIKE as regular-expression source, the same translation the evaluator uses. */
function likeSource(like: string): string {
  let source = '';
  for (const ch of like) {
    if (ch === '%') source += '.*';
    else if (ch === '_') source += '.';
    else source += ch.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
  }
  return `^${source}$`;
}
