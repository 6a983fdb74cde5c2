import { type Document, LineCounter, parseAllDocuments } from 'yaml';
import { BulwarkError } from '../../errors/index.ts';
import { Column } from './columns.ts';
import { type ColumnSource, compileRule } from './compile-rule.ts';
import { type SigmaCorrelation, toCorrelation } from './correlation-shape.ts';
import { isObject } from './event-shape.ts';
import { toRule } from './rule-shape.ts';
import { sigmaError } from './sigma-error.ts';
import type { SigmaRule } from './types.ts';

export interface SigmaLoadResult {
  readonly rules: SigmaRule[];
  /** Correlation rules (documents with a `correlation` section). */
  readonly correlations: SigmaCorrelation[];
  readonly errors: BulwarkError[];
}

type Obj = Readonly<Record<string, unknown>>;

/**
 * Loads every rule of a YAML text: one rule, or a collection of documents where `action: global`
 * is merged into the documents after it, `action: reset` drops it, and `action: repeat` reuses the
 * previous rule with changes. A document that fails is reported and skipped; the others load.
 */
export function loadSigmaText(text: string, source?: string): SigmaLoadResult {
  const lineCounter = new LineCounter();
  const parsed = parseAllDocuments(text, { lineCounter, uniqueKeys: true });
  const docs = Array.isArray(parsed) ? parsed : [];
  const rules: SigmaRule[] = [];
  const correlations: SigmaCorrelation[] = [];
  const errors: BulwarkError[] = [];
  let global: Obj | undefined;
  let previous: Obj | undefined;
  for (const doc of docs) {
    try {
      const data = documentData(doc, lineCounter, source);
      if (data === undefined) continue;
      if ('correlation' in data) {
        correlations.push(toCorrelation(data, source));
        continue;
      }
      const { action, ...body } = data;
      if (action === 'global') global = merge(global ?? {}, body);
      else if (action === 'reset') global = undefined;
      else {
        const base = action === 'repeat' ? previous : global;
        if (action === 'repeat' && previous === undefined)
          throw sigmaError("'action: repeat' with no rule before it");
        const merged = base === undefined ? body : merge(base, body);
        previous = merged;
        rules.push(checkedRule(merged, source, ruleLines(doc, lineCounter, merged)));
      }
    } catch (e) {
      errors.push(e instanceof BulwarkError ? locate(e, doc, lineCounter, source) : wrapUnknown(e, source));
    }
  }
  return { rules, correlations, errors };
}

/** Loads a text that holds exactly one rule; throws SIGMA_INVALID otherwise. */
export function loadSigmaRule(text: string, source?: string): SigmaRule {
  const { rules, errors } = loadSigmaText(text, source);
  if (errors.length > 0) throw errors[0];
  if (rules.length !== 1) {
    throw sigmaError(`expected one Sigma rule, found ${rules.length}`, {
      ...(source ? { source } : {}),
      hint: 'Use loadSigmaText for rule collections',
    });
  }
  return rules[0] as SigmaRule;
}

function documentData(doc: Document.Parsed, lc: LineCounter, source: string | undefined): Obj | undefined {
  const problem = doc.errors[0];
  if (problem !== undefined) {
    const pos = lc.linePos(problem.pos[0]);
    throw sigmaError(`YAML: ${problem.message.split('\n')[0]}`, {
      line: pos.line,
      column: pos.col,
      ...(source ? { source } : {}),
      rule: 'yaml',
    });
  }
  const data: unknown = doc.toJS({ maxAliasCount: 100 });
  if (data === null || data === undefined) return undefined;
  if (!isObject(data)) throw sigmaError('a Sigma document must be a YAML map', { rule: 'schema' });
  if ('filter' in data && !('detection' in data))
    throw sigmaError('Sigma filters are not supported', { rule: 'filter' });
  return data;
}

/**
 * Types the rule and compiles it once against throw-away columns, so every fault shows at load time
 * (but for placeholders, whose values come only with the real compile: the lines let that report place it).
 */
function checkedRule(data: Obj, source: string | undefined, lines: Record<string, number>): SigmaRule {
  const rule = { ...toRule(data, source), lines };
  compileRule(rule, TRIAL_SOURCE);
  return rule;
}

/** Lines of the document and of its detection entries; a part merged in from a global document has none. */
function ruleLines(doc: Document.Parsed, lc: LineCounter, data: Obj): Record<string, number> {
  const lineOf = (path: string[]): number | undefined => {
    const range = (doc.getIn(path, true) as { range?: [number, number, number] } | undefined)?.range;
    return range === undefined ? undefined : lc.linePos(range[0]).line;
  };
  const lines: Record<string, number> = { '': lc.linePos(doc.range[0]).line };
  if (isObject(data.detection))
    for (const name of Object.keys(data.detection)) {
      const line = lineOf(['detection', name]);
      if (line !== undefined) lines[`detection.${name}`] = line;
    }
  return lines;
}

const TRIAL_SOURCE: ColumnSource = {
  column: (f) => new Column(f, 0, () => undefined),
  keywords: () => new Column('', 0, () => undefined),
  placeholders: new Proxy({}, { get: () => ['x'] }),
};

function merge(base: Obj, over: Obj): Obj {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const b = out[k];
    out[k] = isObject(b) && isObject(v) ? merge(b, v) : v;
  }
  return out;
}

/** Adds the source, and the line and column of the YAML node the error's path names. */
function locate(
  e: BulwarkError,
  doc: Document.Parsed,
  lc: LineCounter,
  source: string | undefined,
): BulwarkError {
  if (e.place.line !== undefined) return e;
  const path = e.place.path ? e.place.path.split('.').flatMap(splitIndex) : [];
  let node: unknown;
  for (let n = path.length; n >= 0 && node === undefined; n--) node = doc.getIn(path.slice(0, n), true);
  const start = (node as { range?: [number, number, number] } | undefined)?.range?.[0] ?? 0;
  const pos = lc.linePos(start + (e.place.offset ?? 0));
  return sigmaError(e.message, {
    ...e.place,
    ...(source ? { source } : {}),
    line: pos.line,
    column: pos.col,
    ...(e.rule ? { rule: e.rule } : {}),
    ...(e.hint ? { hint: e.hint } : {}),
    ...(e.details ? { details: e.details } : {}),
    cause: e,
  });
}

function splitIndex(part: string): (string | number)[] {
  const m = /^(.*?)((?:\[\d+\])*)$/.exec(part);
  const name = m?.[1] ?? part;
  const idx = [...(m?.[2] ?? '').matchAll(/\[(\d+)\]/g)].map((x) => Number(x[1]));
  return [...(name === '' ? [] : [name]), ...idx];
}

function wrapUnknown(e: unknown, source: string | undefined): BulwarkError {
  return sigmaError(`cannot load rule: ${(e as Error)?.message ?? String(e)}`, {
    ...(source ? { source } : {}),
    cause: e,
  });
}
