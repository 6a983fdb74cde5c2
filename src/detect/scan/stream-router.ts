import { anchorPlan, type IndicatorMatcher, KIND_MULTI, keyNormaliser } from '../matcher/index.ts';
import { type ObservationLeaf, observationLeaves } from '../pattern/index.ts';
import type { Observation } from '../pattern/observation.ts';
import type { EventMapper } from './event-mapper.ts';
import type { Target } from './targets.ts';

/** The leaves one exact-valued path routes to, by normalised value. */
interface KeyRoute {
  readonly normalise: (value: string) => string;
  readonly values: Map<string, number[]>;
}

/**
 * Routes events to the several-observation patterns the indicator matcher cannot follow because one
 * of their observations has no indexable value (`[network-traffic:dst_port > 4000] FOLLOWEDBY …`).
 * Each observation of such a pattern is a leaf: a leaf with exact values is reached through them,
 * any other through the object types it reads, so an event whose mapped fields give none of those
 * types costs one map look-up per field. A reached leaf is tested on the event's observation; the
 * patterns with a leaf that passes are the event's candidates for their streaming matchers, which
 * see every event that can take part in a match (an event that passes no leaf is part of none).
 */
export class StreamRouter {
  /** Per leaf: its pattern's ordinal and slot (0, 1, … in this router), its test. */
  private readonly leafOrdinal: Int32Array;
  private readonly leafSlot: Int32Array;
  private readonly tests: ((obs: Observation) => boolean)[];
  private readonly byType = new Map<string, number[]>();
  private readonly byKey = new Map<string, KeyRoute>();
  /** Stamps per leaf and per pattern slot: a leaf reached twice in one event is tested once, a pattern reported once. */
  private readonly leafStamp: Int32Array;
  private readonly patternStamp: Int32Array;
  private readonly marked: Int32Array;
  private markedCount = 0;
  private stamp = 0;

  private readonly matcher: IndicatorMatcher;
  private readonly mapper: EventMapper;
  private readonly build = (): Observation => {
    this.built = this.mapper.observation();
    return this.built;
  };
  /** The last event's candidates (`collect`): the matcher's anchored ones, then this router's. */
  readonly multi: Int32Array;
  /** The last event's observation, when `collect` had to build it (its hit reuses it). */
  built: Observation | undefined;

  private constructor(
    matcher: IndicatorMatcher,
    mapper: EventMapper,
    patterns: readonly { ordinal: number; leaves: readonly ObservationLeaf[] }[],
  ) {
    this.matcher = matcher;
    this.mapper = mapper;
    this.multi = new Int32Array(matcher.multi.length);
    const ordinals: number[] = [];
    const slots: number[] = [];
    this.tests = [];
    for (const [slot, { ordinal, leaves }] of patterns.entries()) {
      for (const leaf of leaves) {
        const id = ordinals.length;
        ordinals.push(ordinal);
        slots.push(slot);
        this.tests.push(leaf.test);
        const anchors = anchorPlan(leaf.observation).anchors;
        if (anchors?.every((a) => a.kind === 'exact' && reachableKey(a.key))) {
          for (const a of anchors) {
            if (a.kind !== 'exact') continue;
            let route = this.byKey.get(a.key);
            if (route === undefined) {
              route = { normalise: keyNormaliser(a.key), values: new Map() };
              this.byKey.set(a.key, route);
            }
            const value = route.normalise(a.value);
            const list = route.values.get(value) ?? [];
            if (!list.includes(id)) list.push(id);
            route.values.set(value, list);
          }
        } else {
          for (const type of leaf.types) {
            const list = this.byType.get(type) ?? [];
            list.push(id);
            this.byType.set(type, list);
          }
        }
      }
    }
    this.leafOrdinal = Int32Array.from(ordinals);
    this.leafSlot = Int32Array.from(slots);
    this.leafStamp = new Int32Array(ordinals.length);
    this.patternStamp = new Int32Array(patterns.length);
    this.marked = new Int32Array(ordinals.length);
  }

  /**
   * The router of the matcher's several-observation patterns that no anchor serves (the ones it
   * counts as `unfollowed`); undefined when there are none, so scans without them pay nothing.
   */
  static of(matcher: IndicatorMatcher, mapper: EventMapper): StreamRouter | undefined {
    const patterns: { ordinal: number; leaves: ObservationLeaf[] }[] = [];
    const { kinds, compiled } = matcher;
    for (let i = 0; i < kinds.length; i++) {
      const c = compiled[i];
      if (kinds[i] !== KIND_MULTI || c === undefined) continue;
      // the matcher's own test for following a pattern through its anchors
      if (anchorPlan(c.pattern.expression, true).anchors !== null) continue;
      patterns.push({ ordinal: i, leaves: observationLeaves(c) });
    }
    return patterns.length === 0 ? undefined : new StreamRouter(matcher, mapper, patterns);
  }

  /**
   * The several-observation candidates of the event the mapper has just mapped and matched, in
   * `multi`; returns how many. Its observation, if a leaf needed it, is left in `built`.
   */
  collect(): number {
    const m = this.matcher;
    const mapper = this.mapper;
    const multi = this.multi;
    for (let i = 0; i < m.multiCount; i++) multi[i] = m.multi[i]!;
    this.built = undefined;
    return this.route(mapper.targets, mapper.values, mapper.count, this.build, multi, m.multiCount);
  }

  /**
   * The patterns an event is a candidate for, from its mapped (target, value) pairs; `build` gives its
   * observation and is called only when some leaf is reached. Writes the ordinals into `out` from
   * `from` on and returns the new end.
   */
  route(
    targets: readonly Target[],
    values: readonly (string | number)[],
    count: number,
    build: () => Observation,
    out: Int32Array,
    from: number,
  ): number {
    this.stamp++;
    this.markedCount = 0;
    for (let i = 0; i < count; i++) {
      const t = targets[i]!;
      const value = values[i]!;
      if (t.kind === 'path') {
        this.reach(t.type, t.key, value);
      } else if (t.kind === 'ip' && typeof value === 'string') {
        const type = value.indexOf(':') < 0 ? 'ipv4-addr' : 'ipv6-addr';
        this.reach(type, type === 'ipv4-addr' ? 'ipv4-addr:value' : 'ipv6-addr:value', value);
        if (t.role !== undefined) this.reach('network-traffic', t.role === 'src' ? SRC_REF : DST_REF, value);
      }
    }
    if (this.markedCount === 0) return from;
    const obs = build();
    let end = from;
    const stamp = this.stamp;
    for (let k = 0; k < this.markedCount; k++) {
      const leaf = this.marked[k]!;
      const slot = this.leafSlot[leaf]!;
      if (this.patternStamp[slot] === stamp || !this.tests[leaf]!(obs)) continue;
      this.patternStamp[slot] = stamp;
      out[end++] = this.leafOrdinal[leaf]!;
    }
    return end;
  }

  private reach(type: string, key: string, value: string | number): void {
    const leaves = this.byType.get(type);
    if (leaves !== undefined) this.mark(leaves);
    if (typeof value !== 'string') return;
    const route = this.byKey.get(key);
    if (route === undefined) return;
    const hit = route.values.get(route.normalise(value));
    if (hit !== undefined) this.mark(hit);
  }

  private mark(leaves: readonly number[]): void {
    const stamp = this.stamp;
    for (let i = 0; i < leaves.length; i++) {
      const leaf = leaves[i]!;
      if (this.leafStamp[leaf] === stamp) continue;
      this.leafStamp[leaf] = stamp;
      this.marked[this.markedCount++] = leaf;
    }
  }
}

const SRC_REF = 'network-traffic:src_ref.value';
const DST_REF = 'network-traffic:dst_ref.value';

/**
 * Can a mapped field reach this key? Plain `type:property` keys are the targets' own; of the paths
 * through references only network-traffic's address refs are built. A leaf with any other key is
 * routed by its types, which is never wrong, only less selective.
 */
function reachableKey(key: string): boolean {
  return !key.includes('_ref') || key === SRC_REF || key === DST_REF;
}
