import { isObject } from './event-shape.ts';
import { sigmaError } from './sigma-error.ts';

export type CorrelationType = 'event_count' | 'value_count' | 'temporal' | 'temporal_ordered';

export interface CountCondition {
  readonly gt?: number;
  readonly gte?: number;
  readonly lt?: number;
  readonly lte?: number;
  readonly eq?: number;
}

/** A Sigma correlation rule (specification v2): counts or sequences of other rules' matches. */
export interface SigmaCorrelation {
  readonly title: string;
  readonly id: string | undefined;
  readonly name: string | undefined;
  readonly level: string | undefined;
  readonly author: string | undefined;
  readonly type: CorrelationType;
  /** Ids or names of the Sigma rules correlated. */
  readonly rules: readonly string[];
  readonly groupBy: readonly string[];
  readonly timespanMs: number;
  readonly condition: CountCondition | undefined;
  /** value_count: the field whose distinct values are counted. */
  readonly field: string | undefined;
  /** alias → rule name → field name. */
  readonly aliases: Readonly<Record<string, Readonly<Record<string, string>>>>;
  readonly source: string | undefined;
}

const TYPES = new Set(['event_count', 'value_count', 'temporal', 'temporal_ordered']);
const UNIT_MS: Readonly<Record<string, number>> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

function fail(message: string, path: string): never {
  throw sigmaError(message, { path, rule: 'correlation' });
}

export function toCorrelation(
  doc: Readonly<Record<string, unknown>>,
  source: string | undefined,
): SigmaCorrelation {
  const c = doc.correlation;
  if (typeof doc.title !== 'string' || doc.title.trim() === '')
    fail('a correlation rule needs a title', 'title');
  if (!isObject(c)) fail("'correlation' must be a map", 'correlation');
  if (typeof c.type !== 'string' || !TYPES.has(c.type))
    fail(`unknown correlation type '${String(c.type)}'`, 'correlation.type');
  const rules = c.rules;
  if (!Array.isArray(rules) || rules.length === 0 || !rules.every((r) => typeof r === 'string')) {
    fail("'rules' must list rule ids or names", 'correlation.rules');
  }
  const groupBy = c['group-by'] === undefined ? [] : c['group-by'];
  if (!Array.isArray(groupBy) || !groupBy.every((g) => typeof g === 'string'))
    fail("'group-by' must list fields", 'correlation.group-by');
  const span = /^(\d+)([smhd])$/.exec(String(c.timespan ?? ''));
  if (span === null)
    fail(`timespan '${String(c.timespan)}' must be a number and s, m, h or d`, 'correlation.timespan');
  const { condition, field } = readCondition(c.type as CorrelationType, c.condition);
  return {
    title: doc.title as string,
    id: typeof doc.id === 'string' ? doc.id : undefined,
    name: typeof doc.name === 'string' ? doc.name : undefined,
    level: typeof doc.level === 'string' ? doc.level.toLowerCase() : undefined,
    author: typeof doc.author === 'string' ? doc.author : undefined,
    type: c.type as CorrelationType,
    rules: rules as string[],
    groupBy: groupBy as string[],
    timespanMs: Number(span[1]) * (UNIT_MS[span[2] as string] as number),
    condition,
    field,
    aliases: readAliases(c.aliases),
    source,
  };
}

function readCondition(
  type: CorrelationType,
  raw: unknown,
): { condition: CountCondition | undefined; field: string | undefined } {
  if (raw === undefined || raw === null) {
    if (type === 'event_count' || type === 'value_count')
      fail(`${type} needs a condition`, 'correlation.condition');
    return { condition: undefined, field: undefined };
  }
  if (!isObject(raw)) fail('a correlation condition is a map such as { gte: 10 }', 'correlation.condition');
  const out: Record<string, number> = {};
  let field: string | undefined;
  for (const [k, v] of Object.entries(raw)) {
    if (k === 'field' && typeof v === 'string') field = v;
    else if (['gt', 'gte', 'lt', 'lte', 'eq'].includes(k) && typeof v === 'number') out[k] = v;
    else fail(`unknown condition entry '${k}'`, `correlation.condition.${k}`);
  }
  if (type === 'value_count' && field === undefined)
    fail("value_count needs 'field' in its condition", 'correlation.condition');
  return { condition: out, field };
}

function readAliases(raw: unknown): Record<string, Record<string, string>> {
  if (raw === undefined || raw === null) return {};
  if (!isObject(raw)) fail("'aliases' must be a map", 'correlation.aliases');
  const out: Record<string, Record<string, string>> = {};
  for (const [alias, perRule] of Object.entries(raw)) {
    if (!isObject(perRule))
      fail(`alias '${alias}' must map rule names to fields`, `correlation.aliases.${alias}`);
    out[alias] = Object.fromEntries(Object.entries(perRule).map(([r, f]) => [r, String(f)]));
  }
  return out;
}

export function conditionHolds(c: CountCondition | undefined, n: number, otherwise: boolean): boolean {
  if (c === undefined) return otherwise;
  return (
    (c.gt === undefined || n > c.gt) &&
    (c.gte === undefined || n >= c.gte) &&
    (c.lt === undefined || n < c.lt) &&
    (c.lte === undefined || n <= c.lte) &&
    (c.eq === undefined || n === c.eq)
  );
}
