import { type IndicatorInput, IndicatorMatcher, ValueFilter } from '../matcher/index.ts';
import type { ObservedObjects } from '../pattern/observation.ts';
import { compileRules, loadSigmaRules, type SigmaEngine, type SigmaRule } from '../sigma/index.ts';
import { EventMapper } from './event-mapper.ts';
import { JsonLineFilter } from './json-line-filter.ts';
import type { Mapping } from './mapping.ts';
import { type Prefiltered, prefilterLines } from './prefilter-lines.ts';
import { StreamRouter } from './stream-router.ts';

/** One event that hit: its line, time, observation objects and the indicators (ordinals) it hit. */
export interface EventHit {
  readonly line: number;
  readonly time: number;
  readonly objects: ObservedObjects;
  readonly indicators: readonly number[];
  /** Several-observation patterns this event is a candidate for (followed on the main thread). */
  readonly multi: readonly number[];
}

export interface BatchResult {
  readonly seq: number;
  readonly lines: number;
  readonly events: number;
  /** Line numbers of lines that are not a JSON object, and the reason for the first few. */
  readonly malformed: readonly number[];
  readonly reasons: readonly string[];
  readonly hits: readonly EventHit[];
}

const MAX_REASONS = 20;

/** What a scanning thread holds: the compiled indicators and the event mapper over them. */
export class BatchScanner {
  readonly matcher: IndicatorMatcher;
  /** Sigma rules run in the same pass; rule `k` is reported as ordinal `indicators.length + k`. */
  readonly sigma: SigmaEngine | undefined;
  private readonly mapper: EventMapper;
  /** Several-observation patterns with an observation no anchor serves (see StreamRouter). */
  private readonly router: StreamRouter | undefined;
  private readonly ruleOrdinal = new Map<string, number>();
  /** The byte prefilter, when it can decide every indicator and no Sigma rule needs every event. */
  readonly lineFilter: JsonLineFilter | undefined;

  /** `prefilter: false` sends every line through the full parse (the reference the prefilter is tested against). */
  constructor(
    indicators: readonly IndicatorInput[],
    mapping: Mapping,
    rulesDir?: string,
    options: { readonly prefilter?: boolean } = {},
  ) {
    this.matcher = new IndicatorMatcher(indicators);
    this.mapper = new EventMapper(mapping, this.matcher);
    this.router = StreamRouter.of(this.matcher, this.mapper);
    if (rulesDir !== undefined) {
      this.sigma = compileRules(loadSigmaRules(rulesDir).rules);
      this.sigma.rules.forEach((r, k) => {
        this.ruleOrdinal.set(ruleKey(r), indicators.length + k);
      });
    }
    // the router's patterns read events that hold no indicator value, which the prefilter would clear
    const filter =
      options.prefilter === false || this.sigma !== undefined || this.router !== undefined
        ? undefined
        : new ValueFilter(this.matcher);
    this.lineFilter = filter?.exhaustive ? new JsonLineFilter(filter, fieldNames(mapping)) : undefined;
  }

  /** Scans the lines of `text` (the first being line `firstLine`); blank lines are skipped. */
  scan(seq: number, text: string, firstLine: number): BatchResult {
    return this.scanBytes(seq, Buffer.from(text), firstLine);
  }

  /** Scans the UTF-8 lines of `buf`: lines the prefilter clears are counted without being parsed. */
  scanBytes(seq: number, buf: Uint8Array, firstLine: number): BatchResult {
    return this.confirm(seq, buf, prefilterLines(this.lineFilter, buf, firstLine));
  }

  /**
   * The full path over the lines the prefilter left (`pre`, computed here or by a scanning thread that
   * holds this scanner's `lineFilter`): parse, map and match each, in input order.
   */
  confirm(seq: number, buf: Uint8Array, pre: Prefiltered): BatchResult {
    const bytes = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
    const malformed: number[] = [];
    const reasons: string[] = [];
    const hits: EventHit[] = [];
    let events = pre.cleared;
    const parsed: object[] = [];
    const parsedLines: number[] = [];
    const c = pre.candidates;
    for (let k = 0; k < pre.count; k++) {
      const line = c[3 * k + 2]!;
      const event = this.parse(bytes.toString('utf8', c[3 * k]!, c[3 * k + 1]!), line, malformed, reasons);
      if (event === undefined) continue;
      events++;
      if (this.sigma !== undefined) {
        parsed.push(event);
        parsedLines.push(line);
      }
      const hit = this.match(event, line);
      if (hit !== undefined) hits.push(hit);
    }
    const all = this.sigma === undefined ? hits : this.addSigma(hits, parsed, parsedLines);
    return { seq, lines: pre.lines, events, malformed, reasons, hits: all };
  }

  /** Runs the rules over the batch's events and merges their hits, in line order, with the indicators'. */
  private addSigma(hits: EventHit[], events: object[], lines: number[]): EventHit[] {
    const matches = this.sigma!.matchBatch(events as Record<string, unknown>[]);
    if (matches.length === 0) return hits;
    const byLine = new Map<number, EventHit & { indicators: number[] }>();
    for (const h of hits) byLine.set(h.line, { ...h, indicators: [...h.indicators] });
    for (const m of matches) {
      const ordinal = this.ruleOrdinal.get(m.ruleId);
      if (ordinal === undefined) continue;
      const line = lines[m.eventIndex]!;
      let hit = byLine.get(line);
      if (hit === undefined) {
        this.mapper.match(events[m.eventIndex]!);
        const obs = this.mapper.observation();
        hit = { line, time: this.mapper.time, objects: obs.objects, indicators: [], multi: [] };
        byLine.set(line, hit);
      }
      if (!hit.indicators.includes(ordinal)) hit.indicators.push(ordinal);
    }
    return [...byLine.values()].sort((a, b) => a.line - b.line);
  }

  private parse(text: string, line: number, malformed: number[], reasons: string[]): object | undefined {
    let event: unknown;
    try {
      event = JSON.parse(text);
    } catch (error) {
      malformed.push(line);
      if (reasons.length < MAX_REASONS) reasons.push((error as Error).message);
      return undefined;
    }
    if (event !== null && typeof event === 'object' && !Array.isArray(event)) return event;
    malformed.push(line);
    if (reasons.length < MAX_REASONS) reasons.push('not a JSON object');
    return undefined;
  }

  private match(event: object, line: number): EventHit | undefined {
    const m = this.matcher;
    if (!this.mapper.match(event)) return undefined;
    const r = this.router;
    const multiCount = r === undefined ? m.multiCount : r.collect();
    if (m.hitCount === 0 && multiCount === 0) return undefined;
    const obs = r?.built ?? this.mapper.observation();
    return {
      line,
      time: this.mapper.time,
      objects: obs.objects,
      indicators: Array.from(m.hits.subarray(0, m.hitCount)),
      multi: Array.from((r?.multi ?? m.multi).subarray(0, multiCount)),
    };
  }
}

/** Every field a format maps, under each of its prefixes. */
function fieldNames(mapping: Mapping): string[] {
  return mapping.formats.flatMap((f) =>
    Object.keys(f.fields).flatMap((name) => (f.prefixes ?? ['']).map((prefix) => prefix + name)),
  );
}

/** How a match names its rule: the rule's id, or its title when it has none. */
export function ruleKey(rule: SigmaRule): string {
  return rule.id ?? rule.title;
}
