import { isObject } from './event-shape.ts';
import { sigmaError } from './sigma-error.ts';
import type { FieldClause, Logsource, Search, SigmaRelated, SigmaRule, SigmaScalar } from './types.ts';

type Obj = Readonly<Record<string, unknown>>;

/** Reads one YAML document (as plain data) into a typed rule; throws SIGMA_INVALID with a path. */
export function toRule(doc: Obj, source: string | undefined): SigmaRule {
  const title = doc.title;
  if (typeof title !== 'string' || title.trim() === '') throw shapeError('a rule needs a title', 'title');
  if (!isObject(doc.logsource)) throw shapeError('a rule needs a logsource map', 'logsource');
  if (!isObject(doc.detection)) throw shapeError('a rule needs a detection map', 'detection');
  const { searches, conditions } = readDetection(doc.detection);
  return {
    title,
    id: optionalString(doc, 'id'),
    name: optionalString(doc, 'name'),
    status: optionalString(doc, 'status'),
    description: optionalString(doc, 'description'),
    author: optionalString(doc, 'author'),
    logsource: readLogsource(doc.logsource),
    searches,
    conditions,
    fields: stringList(doc, 'fields'),
    level: optionalString(doc, 'level')?.toLowerCase(),
    tags: stringList(doc, 'tags').map((t) => t.toLowerCase()),
    falsepositives: stringList(doc, 'falsepositives'),
    related: readRelated(doc.related),
    source,
  };
}

function shapeError(message: string, path: string) {
  return sigmaError(message, { path, rule: 'schema' });
}

function optionalString(doc: Obj, key: string): string | undefined {
  const v = doc[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || v instanceof Date)
    return v instanceof Date ? v.toISOString().slice(0, 10) : String(v);
  throw shapeError(`'${key}' must be a string`, key);
}

function stringList(doc: Obj, key: string): string[] {
  const v = doc[key];
  if (v === undefined || v === null) return [];
  const items = Array.isArray(v) ? v : [v];
  return items.map((x, k) => {
    if (typeof x === 'string' || typeof x === 'number') return String(x);
    throw shapeError(`'${key}' must be a list of strings`, `${key}[${k}]`);
  });
}

function readLogsource(ls: Obj): Logsource {
  const out: Record<string, string> = {};
  for (const key of ['product', 'category', 'service'] as const) {
    const v = ls[key];
    if (v === undefined || v === null) continue;
    if (typeof v !== 'string') throw shapeError(`logsource '${key}' must be a string`, `logsource.${key}`);
    out[key] = v.toLowerCase();
  }
  return out;
}

function readRelated(v: unknown): SigmaRelated[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw shapeError("'related' must be a list", 'related');
  return v.map((r, k) => {
    if (!isObject(r) || typeof r.id !== 'string' || typeof r.type !== 'string') {
      throw shapeError("each 'related' entry needs an id and a type", `related[${k}]`);
    }
    return { id: r.id, type: r.type };
  });
}

function readDetection(d: Obj): { searches: Map<string, Search>; conditions: string[] } {
  const cond = d.condition;
  const conditions = typeof cond === 'string' ? [cond] : Array.isArray(cond) ? cond : undefined;
  if (conditions === undefined || conditions.length === 0 || conditions.some((c) => typeof c !== 'string')) {
    throw shapeError('detection needs a condition (a string or a list of strings)', 'detection.condition');
  }
  const searches = new Map<string, Search>();
  for (const [name, body] of Object.entries(d)) {
    if (name === 'condition' || name === 'timeframe') continue;
    searches.set(name, readSearch(body, `detection.${name}`));
  }
  return { searches, conditions: conditions as string[] };
}

function readSearch(body: unknown, path: string): Search {
  if (isObject(body)) return { kind: 'map', alternatives: [readMap(body, path)] };
  if (Array.isArray(body) && body.length > 0 && body.every(isObject)) {
    return { kind: 'map', alternatives: body.map((m, k) => readMap(m as Obj, `${path}[${k}]`)) };
  }
  if (Array.isArray(body) && body.length > 0 && !body.some((x) => isObject(x) || Array.isArray(x))) {
    return {
      kind: 'keywords',
      clause: { field: '', modifiers: [], values: body.map((x, k) => scalar(x, `${path}[${k}]`)) },
    };
  }
  if (typeof body === 'string' || typeof body === 'number') {
    return { kind: 'keywords', clause: { field: '', modifiers: [], values: [body] } };
  }
  throw shapeError('a search must be a map, a list of maps, or a list of keywords', path);
}

function readMap(m: Obj, path: string): FieldClause[] {
  const clauses: FieldClause[] = [];
  for (const [key, value] of Object.entries(m)) {
    const [field = '', ...modifiers] = key.split('|');
    const here = `${path}.${key}`;
    const list = Array.isArray(value) ? value : [value];
    if (list.length === 0) throw shapeError(`'${key}' has an empty list of values`, here);
    clauses.push({ field, modifiers, values: list.map((v, k) => scalar(v, `${here}[${k}]`)) });
  }
  if (clauses.length === 0) throw shapeError('a selection map is empty', path);
  return clauses;
}

function scalar(v: unknown, path: string): SigmaScalar {
  if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  throw shapeError('a value must be a string, number, boolean or null', path);
}
