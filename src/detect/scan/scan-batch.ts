import { BulwarkError } from '../../errors/index.ts';
import { type IndicatorInput, IndicatorMatcher, ValueFilter } from '../matcher/index.ts';
import type { ObservedObjects } from '../pattern/observation.ts';
import {
  type CorrelationInput,
  Correlator,
  compileRules,
  eventTime,
  type SigmaCorrelation,
  type SigmaEngine,
  type SigmaRule,
} from '../sigma/index.ts';
import { EventMapper } from './event-mapper.ts';
import { JsonLineFilter } from './json-line-filter.ts';
import type { Mapping } from './mapping.ts';
import { type Prefiltered, prefilterLines } from './prefilter-lines.ts';
import { presenceFields } from './presence-fields.ts';
import { loadRuleSources, type RuleSources } from './rule-sources.ts';
import { StreamRouter } from './stream-router.ts';

/** One event that hit: its line, time, observation objects and the indicators (ordinals) it hit. */
export interface EventHit {
  readonly line: number;
  readonly time: number;
  readonly objects: ObservedObjects;
  readonly indicators: readonly number[];
  /** Several-observation patterns this event is a candidate for (followed on the main thread). */
  readonly multi: readonly number[];
  /** What correlation rules need of the Sigma matches on this event (windows kept on the main thread). */
  readonly correlate?: readonly CorrelationInput[];
}

/** A fresh correlator for one scan, and the ordinal of its first correlation rule. */
export interface ScanCorrelation {
  readonly correlator: Correlator<EventHit>;
  readonly base: number;
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

/** What a scanning thread holds: the compiled indicators and rules and the event mapper over them. */
export class BatchScanner {
  readonly matcher: IndicatorMatcher;
  /**
   * Sigma rules run in the same pass; rule `k` (of `sigma.rules`) is reported as ordinal
   * `indicators.length + k`, and correlation `c` as `indicators.length + sigma.rules.length + c`.
   */
  readonly sigma: SigmaEngine | undefined;
  /** Correlation rules over the Sigma rules that run (those naming a rule that does not are in `ruleErrors`). */
  readonly correlations: readonly SigmaCorrelation[];
  /** Rules (and correlations) that did not load or compile, each naming its file or indicator; they are skipped. */
  readonly ruleErrors: readonly BulwarkError[];
  /** Rules and correlations that came from shared indicators (`pattern_type: sigma`), with the indicator's STIX id. */
  readonly sharedRules: ReadonlyMap<SigmaRule | SigmaCorrelation, string>;
  private readonly mapper: EventMapper;
  /** Several-observation patterns with an observation no anchor serves (see StreamRouter). */
  private readonly router: StreamRouter | undefined;
  private readonly ruleBase: number;
  /** Reads what correlations need of a match (windows are kept by the main thread's own correlator). */
  private readonly correlationReader: Correlator<EventHit> | undefined;
  /**
   * The byte prefilter, unless a Sigma rule needs every event or an indicator can match an event the
   * filter cannot pick out by its values or keys (presence-fields.ts).
   */
  readonly lineFilter: JsonLineFilter | undefined;

  /**
   * `rules`: a directory of Sigma rules and / or shared rule texts (a bare string is a directory).
   * `prefilter: false` sends every line through the full parse (the reference the prefilter is tested against).
   */
  constructor(
    indicators: readonly IndicatorInput[],
    mapping: Mapping,
    rules?: RuleSources | string,
    options: { readonly prefilter?: boolean } = {},
  ) {
    this.matcher = new IndicatorMatcher(indicators);
    this.mapper = new EventMapper(mapping, this.matcher);
    this.router = StreamRouter.of(this.matcher, this.mapper);
    this.ruleBase = indicators.length;
    const loaded = loadRuleSources(typeof rules === 'string' ? { dir: rules } : rules);
    this.sharedRules = loaded.shared;
    this.correlations = loaded.correlations;
    this.ruleErrors = loaded.errors;
    if (loaded.rules.length > 0 || loaded.errors.length > 0 || loaded.correlations.length > 0) {
      this.sigma = compileRules(loaded.rules);
      const runnable = runnableCorrelations(loaded.correlations, this.sigma.rules);
      this.correlations = runnable.correlations;
      this.ruleErrors = [...loaded.errors, ...this.sigma.errors, ...runnable.errors];
      if (this.correlations.length > 0)
        this.correlationReader = new Correlator(this.correlations, this.sigma.rules);
    }
    // patterns the value filter cannot decide (residual, routed, LIKE / MATCHES, rewritten values) keep
    // the lines holding a key of a field they read; undefined when one cannot be placed so
    const presence =
      options.prefilter === false || this.sigma !== undefined
        ? undefined
        : presenceFields(this.matcher, indicators, mapping);
    this.lineFilter =
      presence === undefined
        ? undefined
        : new JsonLineFilter(new ValueFilter(this.matcher), fieldNames(mapping), presence);
  }

  /** A correlator for one scan's matches, fed in input order; undefined without correlation rules. */
  correlation(): ScanCorrelation | undefined {
    if (this.correlations.length === 0) return undefined;
    return {
      correlator: new Correlator<EventHit>(this.correlations, this.sigma!.rules),
      base: this.ruleBase + this.sigma!.rules.length,
    };
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

  /**
   * Runs the rules over the batch's events and merges their hits, in line order, with the indicators';
   * a match a correlation uses also carries what the correlation needs of its event.
   */
  private addSigma(hits: EventHit[], events: object[], lines: number[]): EventHit[] {
    const matches = this.sigma!.matchBatch(events as Record<string, unknown>[]);
    if (matches.length === 0) return hits;
    type Open = Omit<EventHit, 'correlate'> & { indicators: number[]; correlate?: CorrelationInput[] };
    const byLine = new Map<number, Open>();
    // (the indicators' hits carry no correlation input: only Sigma matches do)
    for (const h of hits) byLine.set(h.line, { ...h, indicators: [...h.indicators], correlate: undefined });
    const reader = this.correlationReader;
    for (const m of matches) {
      const line = lines[m.eventIndex]!;
      const event = events[m.eventIndex] as Record<string, unknown>;
      let hit = byLine.get(line);
      if (hit === undefined) {
        this.mapper.match(event);
        const obs = this.mapper.observation();
        hit = {
          line,
          time: this.mapper.time,
          objects: obs.objects,
          indicators: [],
          multi: [],
        };
        byLine.set(line, hit);
      }
      const ordinal = this.ruleBase + m.ruleIndex;
      if (!hit.indicators.includes(ordinal)) hit.indicators.push(ordinal);
      if (reader === undefined || !reader.uses(m.ruleId)) continue;
      // the event's own time (as Sigma readers take it), else the time the log format's mapping gives
      const t = eventTime(event);
      const input = reader.read(m.ruleId, event, Number.isFinite(t) ? t : hit.time);
      if (input === undefined) continue;
      if (hit.correlate === undefined) hit.correlate = [input];
      else hit.correlate.push(input);
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

/**
 * The correlations whose every rule runs; one naming a rule that is not there (not loaded, not
 * compiled, mistyped) could never fire, so it is reported instead of silently waiting.
 */
function runnableCorrelations(
  correlations: readonly SigmaCorrelation[],
  rules: readonly SigmaRule[],
): { correlations: SigmaCorrelation[]; errors: BulwarkError[] } {
  const known = new Set(rules.flatMap((r) => [r.id, r.name].filter((x) => x !== undefined)));
  const out: SigmaCorrelation[] = [];
  const errors: BulwarkError[] = [];
  for (const c of correlations) {
    const missing = c.rules.find((ref: string) => !known.has(ref));
    if (missing === undefined) out.push(c);
    else
      errors.push(
        new BulwarkError(
          'SIGMA_INVALID',
          `correlation '${c.title}' names rule '${missing}', which is not among the rules that run`,
          {
            ...(c.source !== undefined ? { source: c.source } : {}),
            path: 'correlation.rules',
            rule: 'correlation',
            hint: 'Give the id or name of a rule that loads, in the same run',
          },
        ),
      );
  }
  return { correlations: out, errors };
}
