import { type CompiledPattern, PatternMatcher } from '../pattern/index.ts';
import type { Observation } from '../pattern/observation.ts';
import type { CorrelationAlert } from '../sigma/index.ts';
import type { EventHit, ScanCorrelation } from './scan-batch.ts';

/** What one indicator matched over the whole input (for a correlation rule: for one group). */
export interface IndicatorSighting {
  readonly ordinal: number;
  /** For a correlation rule: the times it fired; otherwise the matching events. */
  count: number;
  first: number;
  last: number;
  /** The first `maxEvidence` matching events (for a correlation, the events that made it fire). */
  readonly evidence: EventHit[];
  /** Set for a correlation rule's sighting. */
  readonly correlation?: CorrelationSighting;
}

export interface CorrelationSighting {
  /** The Sigma id of the correlation rule, or its title when it has none. */
  readonly id: string;
  readonly title: string;
  /** The group-by values. */
  readonly group: Readonly<Record<string, string | undefined>>;
  /** Events involved over all the times it fired. */
  events: number;
}

/**
 * Folds event hits, in input order, into one sighting per indicator; several-observation patterns are
 * followed by a streaming matcher each, fed only the events that can take part in a match: those
 * that hit one of their anchors or (StreamRouter) pass one of their observations.
 */
export class SightingAggregator {
  readonly sightings = new Map<number, IndicatorSighting>();
  private readonly followers = new Map<number, PatternMatcher>();
  private readonly lineOf = new WeakMap<Observation, EventHit>();
  private readonly counted = new Map<number, Set<number>>();

  /** Correlation sightings by ordinal and group. */
  private readonly grouped = new Map<string, IndicatorSighting>();

  private readonly compiled: readonly (CompiledPattern | undefined)[];
  private readonly maxEvidence: number;
  private readonly correlation: ScanCorrelation | undefined;

  constructor(
    compiled: readonly (CompiledPattern | undefined)[],
    maxEvidence: number,
    correlation?: ScanCorrelation,
  ) {
    this.compiled = compiled;
    this.maxEvidence = maxEvidence;
    this.correlation = correlation;
  }

  add(hit: EventHit): void {
    for (const ordinal of hit.indicators) this.record(ordinal, hit);
    if (hit.correlate !== undefined && this.correlation !== undefined)
      for (const input of hit.correlate)
        for (const alert of this.correlation.correlator.feed(input, hit.line, hit)) this.fired(alert);
    if (hit.multi.length === 0) return;
    const obs: Observation = { time: hit.time, objects: hit.objects };
    this.lineOf.set(obs, hit);
    for (const ordinal of hit.multi) this.follow(ordinal, obs);
  }

  /**
   * Sightings in indicator order (a correlation's groups in the order they first fired), so output
   * does not depend on thread timing.
   */
  ordered(): IndicatorSighting[] {
    return [...this.sightings.values(), ...this.grouped.values()].sort((a, b) => a.ordinal - b.ordinal);
  }

  /** One firing of a correlation rule: counted on its group's sighting, with the events involved as evidence. */
  private fired(alert: CorrelationAlert<EventHit>): void {
    const ordinal = this.correlation!.base + alert.correlation;
    const key = `${ordinal}\0${JSON.stringify(alert.group)}`;
    let s = this.grouped.get(key);
    if (s === undefined) {
      const correlation = { id: alert.correlationId, title: alert.title, group: alert.group, events: 0 };
      s = { ordinal, count: 0, first: alert.first, last: alert.time, evidence: [], correlation };
      this.grouped.set(key, s);
    }
    s.count++;
    s.correlation!.events += alert.refs.length;
    if (alert.first < s.first || Number.isNaN(s.first)) s.first = alert.first;
    if (alert.time > s.last || Number.isNaN(s.last)) s.last = alert.time;
    for (const hit of alert.refs)
      if (s.evidence.length < this.maxEvidence && !s.evidence.includes(hit)) s.evidence.push(hit);
  }

  private follow(ordinal: number, obs: Observation): void {
    let follower = this.followers.get(ordinal);
    if (follower === undefined) {
      follower = new PatternMatcher(this.compiled[ordinal]!);
      this.followers.set(ordinal, follower);
    }
    const counted = this.counted.get(ordinal) ?? new Set<number>();
    this.counted.set(ordinal, counted);
    for (const match of follower.push(obs)) {
      for (const o of match.observations) {
        const hit = this.lineOf.get(o);
        if (hit === undefined || counted.has(hit.line)) continue;
        counted.add(hit.line);
        this.record(ordinal, hit);
      }
    }
  }

  private record(ordinal: number, hit: EventHit): void {
    let s = this.sightings.get(ordinal);
    if (s === undefined) {
      s = { ordinal, count: 0, first: hit.time, last: hit.time, evidence: [] };
      this.sightings.set(ordinal, s);
    }
    s.count++;
    if (hit.time < s.first || Number.isNaN(s.first)) s.first = hit.time;
    if (hit.time > s.last || Number.isNaN(s.last)) s.last = hit.time;
    if (s.evidence.length < this.maxEvidence) s.evidence.push(hit);
  }
}
