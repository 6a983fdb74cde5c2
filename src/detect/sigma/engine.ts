import { BulwarkError } from '../../errors/index.ts';
import { type BatchRoots, Column, fieldGetter, keywordGetter } from './columns.ts';
import { type ColumnSource, type CompiledRule, compileRule } from './compile-rule.ts';
import { evtxData, evtxOf, withSpacelessKeys } from './event-shape.ts';
import { logsourceAccepts, logsourceKey, logsourceOf } from './logsource.ts';
import { RuleIndex } from './rule-index.ts';
import { sigmaError } from './sigma-error.ts';
import type { Logsource, SigmaEvent, SigmaMatch, SigmaRule } from './types.ts';

export interface CompileOptions {
  /** Values of `%name%` placeholders for the `expand` modifier. */
  readonly placeholders?: Readonly<Record<string, readonly string[]>>;
  /** Events evaluated together by each rule (default 1,024). */
  readonly batchSize?: number;
  /** false: every rule sees every event of its log source (the reference the anchor index is tested against). */
  readonly anchorIndex?: boolean;
}

export interface SigmaEngine {
  /** Rules that compiled. */
  readonly rules: readonly SigmaRule[];
  /** Rules that did not compile (e.g. a placeholder without values); they are skipped. */
  readonly errors: readonly BulwarkError[];
  /**
   * Every (rule, event) match in `events`, ordered by event then rule. `logsource`, when given, is
   * the log source of all events; otherwise each event's is derived with `logsourceOf`.
   */
  matchBatch(events: readonly SigmaEvent[], logsource?: Logsource): SigmaMatch[];
}

/** Compiles rules to closures once; the engine then evaluates them rule by rule over micro-batches. */
export function compileRules(rules: readonly SigmaRule[], options: CompileOptions = {}): SigmaEngine {
  return new Engine(rules, options);
}

class Engine implements SigmaEngine {
  readonly rules: SigmaRule[] = [];
  readonly errors: BulwarkError[] = [];
  private readonly compiled: CompiledRule[] = [];
  /** Position of each rule in `rules`, which its matches carry. */
  private readonly indexOf = new Map<SigmaRule, number>();
  private readonly columns = new Map<string, Column>();
  private keywordColumn: Column | undefined;
  private readonly byLogsource = new Map<string, RuleIndex>();
  private readonly size: number;
  private readonly anchorIndex: boolean;
  private readonly roots: BatchRoots;
  private epoch = 0;

  constructor(rules: readonly SigmaRule[], options: CompileOptions) {
    this.size = Math.max(1, options.batchSize ?? 1024);
    this.anchorIndex = options.anchorIndex ?? true;
    this.roots = {
      count: 0,
      event: new Array(this.size),
      primary: new Array(this.size),
      secondary: new Array(this.size),
    };
    const src: ColumnSource = {
      placeholders: options.placeholders,
      column: (f) => this.column(f),
      keywords: () => {
        this.keywordColumn ??= new Column('', this.size, keywordGetter);
        return this.keywordColumn;
      },
    };
    for (const rule of rules) {
      try {
        this.compiled.push(compileRule(rule, src));
        this.indexOf.set(rule, this.rules.length);
        this.rules.push(rule);
      } catch (e) {
        this.errors.push(placed(e, rule));
      }
    }
    for (const c of this.columns.values()) c.seal();
    this.keywordColumn?.seal();
  }

  private column(field: string): Column {
    let c = this.columns.get(field);
    if (c === undefined) {
      c = new Column(field, this.size, fieldGetter(field));
      this.columns.set(field, c);
    }
    return c;
  }

  /** The rules an event of this log source may fire, indexed once per distinct log source. */
  private rulesFor(ls: Logsource): RuleIndex {
    const key = logsourceKey(ls);
    let index = this.byLogsource.get(key);
    if (index === undefined) {
      index = new RuleIndex(
        this.compiled
          .filter((c) => logsourceAccepts(c.rule.logsource, ls))
          .map((c) => (this.anchorIndex ? c : { ...c, anchors: undefined })),
        this.size,
      );
      this.byLogsource.set(key, index);
    }
    return index;
  }

  matchBatch(events: readonly SigmaEvent[], logsource?: Logsource): SigmaMatch[] {
    const matches: SigmaMatch[] = [];
    if (logsource !== undefined) {
      const all = Int32Array.from(events.keys());
      this.run(events, all, this.rulesFor(logsource), matches);
    } else {
      for (const [rules, members] of this.group(events)) this.run(events, members, rules, matches);
    }
    if (logsource === undefined) matches.sort((a, b) => a.eventIndex - b.eventIndex || rank(a, b));
    return matches;
  }

  /** Splits events by log source, so each is tested only against the rules of its own. */
  private group(events: readonly SigmaEvent[]): Map<RuleIndex, Int32Array> {
    const lists = new Array<RuleIndex>(events.length);
    const counts = new Map<RuleIndex, number>();
    for (let i = 0; i < events.length; i++) {
      const rules = this.rulesFor(logsourceOf(events[i] as SigmaEvent));
      lists[i] = rules;
      counts.set(rules, (counts.get(rules) ?? 0) + 1);
    }
    const out = new Map<RuleIndex, Int32Array>();
    const fill = new Map<RuleIndex, number>();
    for (const [rules, n] of counts) if (rules.rules.length > 0) out.set(rules, new Int32Array(n));
    for (let i = 0; i < events.length; i++) {
      const members = out.get(lists[i] as RuleIndex);
      if (members === undefined) continue;
      const at = fill.get(lists[i] as RuleIndex) ?? 0;
      members[at] = i;
      fill.set(lists[i] as RuleIndex, at + 1);
    }
    return out;
  }

  private run(events: readonly SigmaEvent[], members: Int32Array, index: RuleIndex, out: SigmaMatch[]): void {
    const rules = index.rules;
    if (rules.length === 0) return;
    const roots = this.roots;
    for (let start = 0; start < members.length; start += this.size) {
      const count = Math.min(this.size, members.length - start);
      this.loadRoots(events, members, start, count);
      const epoch = ++this.epoch;
      index.mark(count, (col) => col.fill(roots, epoch));
      for (let k = 0; k < rules.length; k++) {
        if (!index.active(k)) continue;
        const c = rules[k]!;
        for (const col of c.columns) col.fill(roots, epoch);
        const test = c.test;
        for (let i = 0; i < count; i++) {
          if (index.candidate(k, i) && test(i)) {
            const r = c.rule;
            out.push({
              ruleId: r.id ?? r.title,
              title: r.title,
              level: r.level,
              author: r.author,
              eventIndex: members[start + i] as number,
              ruleIndex: this.indexOf.get(r) as number,
            });
          }
        }
      }
    }
  }

  private loadRoots(events: readonly SigmaEvent[], members: Int32Array, start: number, count: number): void {
    const roots = this.roots;
    roots.count = count;
    for (let i = 0; i < count; i++) {
      const event = events[members[start + i] as number] as SigmaEvent;
      const evtx = evtxOf(event);
      roots.event[i] = event;
      roots.primary[i] = evtx === undefined ? event : withSpacelessKeys(evtxData(evtx));
      roots.secondary[i] = evtx === undefined ? undefined : (evtx.System as SigmaEvent);
    }
  }
}

/** A compile fault with the rule's file and the line of the part it concerns (see `SigmaRule.lines`). */
function placed(e: unknown, rule: SigmaRule): BulwarkError {
  const error = e instanceof BulwarkError ? e : undefined;
  const place = error?.place ?? {};
  const line = rule.lines?.[place.path ?? ''] ?? rule.lines?.[''];
  return sigmaError(error?.message ?? `cannot compile rule: ${(e as Error)?.message ?? String(e)}`, {
    ...place,
    ...(rule.source !== undefined && place.source === undefined ? { source: rule.source } : {}),
    ...(line !== undefined && place.line === undefined ? { line } : {}),
    ...(error?.rule ? { rule: error.rule } : {}),
    ...(error?.hint ? { hint: error.hint } : {}),
    ...(error?.details ? { details: error.details } : {}),
    cause: e,
  });
}

function rank(a: SigmaMatch, b: SigmaMatch): number {
  return a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0;
}
