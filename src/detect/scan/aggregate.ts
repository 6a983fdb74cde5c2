import { type CompiledPattern, PatternMatcher } from '../pattern/index.ts';
import type { Observation } from '../pattern/observation.ts';
import type { EventHit } from './scan-batch.ts';

/** What one indicator matched over the whole input. */
export interface IndicatorSighting {
  readonly ordinal: number;
  count: number;
  first: number;
  last: number;
  /** The first `maxEvidence` matching events. */
  readonly evidence: EventHit[];
}

/**
 * Folds event hits, in input order, into one sighting per indicator; several-observation patterns are
 * followed by a streaming matcher each, fed only the events that hit one of their anchors.
 */
export class SightingAggregator {
  readonly sightings = new Map<number, IndicatorSighting>();
  private readonly followers = new Map<number, PatternMatcher>();
  private readonly lineOf = new WeakMap<Observation, EventHit>();
  private readonly counted = new Map<number, Set<number>>();

  private readonly compiled: readonly (CompiledPattern | undefined)[];
  private readonly maxEvidence: number;

  constructor(compiled: readonly (CompiledPattern | undefined)[], maxEvidence: number) {
    this.compiled = compiled;
    this.maxEvidence = maxEvidence;
  }

  add(hit: EventHit): void {
    for (const ordinal of hit.indicators) this.record(ordinal, hit);
    if (hit.multi.length === 0) return;
    const obs: Observation = { time: hit.time, objects: hit.objects };
    this.lineOf.set(obs, hit);
    for (const ordinal of hit.multi) this.follow(ordinal, obs);
  }

  /** Sightings in indicator order, so output does not depend on thread timing. */
  ordered(): IndicatorSighting[] {
    return [...this.sightings.values()].sort((a, b) => a.ordinal - b.ordinal);
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
