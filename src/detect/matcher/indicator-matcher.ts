import { normaliseIpv6, type ObjectPath, parsePattern } from '../../stix/index.ts';
import { type CompiledPattern, compilePattern } from '../pattern/compile.ts';
import type { Observation } from '../pattern/observation.ts';
import { anchorPlan, type BareAnchor } from './anchors.ts';
import { CidrIndex } from './cidr-index.ts';
import { type Collector, compileCollector } from './collect.ts';
import { ExactTable } from './exact-table.ts';
import { foldClass, keyNormaliser } from './path-key.ts';
import { RegexIndex } from './regex-index.ts';
import { simpleAnchor } from './simple-pattern.ts';

/** An indicator to compile: its id and its STIX pattern text. */
export interface IndicatorInput {
  readonly id: string;
  readonly pattern: string;
}

/** How the matcher handles an indicator. */
export const KIND_PURE = 0;
export const KIND_CONFIRM = 1;
export const KIND_RESIDUAL = 2;
export const KIND_MULTI = 3;
export const KIND_INVALID = 4;

/** One indexed path: its exact table, address blocks and expressions. */
interface PathIndex {
  readonly key: string;
  readonly normalise: (value: string) => string;
  readonly exact: boolean;
  readonly cidr: CidrIndex | undefined;
  readonly regex: RegexIndex | undefined;
}

export interface MatcherStats {
  readonly indicators: number;
  readonly pure: number;
  readonly confirmed: number;
  readonly residual: number;
  readonly multiObservation: number;
  /** Several-observation patterns with an observation no index serves: a stream cannot follow them cheaply. */
  readonly unfollowed: number;
  readonly invalid: number;
  readonly paths: number;
}

/**
 * Many STIX indicators compiled into one structure: exact values in hash tables per object path,
 * address blocks in per-prefix sorted arrays, LIKE / MATCHES in combined expressions. An event is
 * offered as (path, value) pairs; anchors hit by them make indicators hits (pure patterns) or
 * candidates that the full evaluator confirms on the event's observation, built only then. Patterns
 * with no anchor are evaluated on every event. Patterns spanning several observations are only
 * reported as candidates (`multiCandidates`) for a streaming matcher to follow.
 *
 * Per event: `begin()`, `offer(pathId, value)` for each mapped field, then `finish(build)`. Results are
 * in `hits[0..hitCount)` and `multi[0..multiCount)` (indicator ordinals) until the next `begin()`.
 */
export class IndicatorMatcher {
  readonly ids: readonly string[];
  readonly compiled: readonly (CompiledPattern | undefined)[];
  readonly kinds: Uint8Array;
  readonly stats: MatcherStats;
  readonly hits: Int32Array;
  readonly multi: Int32Array;
  hitCount = 0;
  multiCount = 0;
  private readonly paths: PathIndex[];
  /** Every path's exact values, in one typed-array hash table. */
  readonly exact: ExactTable;
  private readonly pathIds = new Map<string, number>();
  private readonly collectors = new Map<string, { id: number; collect: Collector }[]>();
  private readonly residual: Int32Array;
  private readonly seen: Int32Array;
  private readonly candidates: Int32Array;
  private candidateCount = 0;
  private stamp = 0;
  private readonly onCode = (code: number): void => this.record(code);

  constructor(indicators: readonly IndicatorInput[]) {
    const n = indicators.length;
    this.ids = indicators.map((i) => i.id);
    this.kinds = new Uint8Array(n);
    this.hits = new Int32Array(n);
    this.multi = new Int32Array(n);
    this.candidates = new Int32Array(n);
    this.seen = new Int32Array(n).fill(-1);
    const compiled: (CompiledPattern | undefined)[] = new Array(n);
    const exact = new ExactTable(n);
    this.exact = exact;
    const anchorsByKey: AnchorLists = new Map();
    const samplePaths = new Map<string, ObjectPath>();
    const residual: number[] = [];
    let unfollowed = 0;
    for (let i = 0; i < n; i++) {
      const text = indicators[i]!.pattern;
      const simple = simpleAnchor(text);
      if (simple !== undefined) {
        // pure: nothing to confirm, so no compiled pattern is kept
        addAnchor(anchorsByKey, exact, simple, i * 2);
        if (!samplePaths.has(simple.key)) samplePaths.set(simple.key, firstPath(text));
        continue;
      }
      const c = compileOrUndefined(text);
      if (c === undefined) {
        this.kinds[i] = KIND_INVALID;
        continue;
      }
      const plan = anchorPlan(c.pattern.expression, !c.singleObservation);
      const kind = !c.singleObservation
        ? KIND_MULTI
        : plan.anchors === null
          ? KIND_RESIDUAL
          : plan.pure
            ? KIND_PURE
            : KIND_CONFIRM;
      this.kinds[i] = kind;
      if (kind !== KIND_PURE) compiled[i] = c;
      if (kind === KIND_RESIDUAL) residual.push(i);
      if (plan.anchors === null) {
        if (kind === KIND_MULTI) unfollowed++;
        continue;
      }
      // Low bit: 0 = a hit as it stands, 1 = a candidate to confirm (or follow, for several observations).
      const code = i * 2 + (kind === KIND_PURE ? 0 : 1);
      for (const anchor of plan.anchors) {
        addAnchor(anchorsByKey, exact, anchor, code);
        if (!samplePaths.has(anchor.key)) samplePaths.set(anchor.key, anchor.path);
      }
    }
    this.compiled = compiled;
    this.residual = Int32Array.from(residual);
    this.paths = [];
    for (const [key, builder] of anchorsByKey) {
      this.pathIds.set(key, this.paths.length);
      this.paths.push(buildPath(key, builder));
    }
    this.indexCollectors(samplePaths);
    this.stats = { ...statsOf(this.kinds, this.paths.length), unfollowed };
  }

  /** The id to offer values of `key` (`ipv4-addr:value`, `file:hashes.'SHA-256'`) under; -1 when no indicator uses it. */
  pathId(key: string): number {
    return this.pathIds.get(key) ?? -1;
  }

  /** Keys of every indexed path. */
  get pathKeys(): readonly string[] {
    return this.paths.map((p) => p.key);
  }

  /** Per indexed path, how its normaliser changes a value (`foldClass`). */
  get pathFoldClasses(): readonly ('fold' | 'ipv6' | 'other')[] {
    return this.paths.map((p) => foldClass(p.key));
  }

  /** The RFC 5952 form of an IPv6 address, as the ipv6 paths store their values. */
  readonly ipv6Form: (text: string) => string = normaliseIpv6;

  /** The address-block indexes of every path. */
  get cidrIndexes(): readonly CidrIndex[] {
    return this.paths.flatMap((p) => (p.cidr === undefined ? [] : [p.cidr]));
  }

  /** Do any LIKE / MATCHES anchors exist (which a value prefilter cannot decide: the scan keys on their fields)? */
  get hasRegex(): boolean {
    return this.paths.some((p) => p.regex !== undefined);
  }

  /** Are there patterns that must see every event's observation? */
  get hasResidual(): boolean {
    return this.residual.length > 0;
  }

  begin(): void {
    this.stamp++;
    this.hitCount = 0;
    this.multiCount = 0;
    this.candidateCount = 0;
  }

  offer(pathId: number, value: string): void {
    if (pathId < 0) return;
    const p = this.paths[pathId]!;
    if (p.exact) this.exact.lookup(pathId, p.normalise(value), this.onCode);
    if (p.cidr !== undefined) p.cidr.lookup(value, this.onCode);
    if (p.regex !== undefined) p.regex.lookup(value, this.onCode);
  }

  /** Is an observation needed to finish this event (candidates to confirm or residual patterns)? */
  get needsObservation(): boolean {
    return this.candidateCount > 0 || this.residual.length > 0;
  }

  /**
   * Confirms candidates and runs residual patterns on the observation `build` returns (called at
   * most once, and only when needed). Returns the number of hits.
   */
  finish(build: () => Observation): number {
    if (!this.needsObservation) return this.hitCount;
    const obs = build();
    const compiled = this.compiled;
    for (let i = 0; i < this.candidateCount; i++) {
      const ordinal = this.candidates[i]!;
      if (this.kinds[ordinal] === KIND_MULTI) this.multi[this.multiCount++] = ordinal;
      else if (compiled[ordinal]!.test(obs)) this.hits[this.hitCount++] = ordinal;
    }
    const residual = this.residual;
    for (let i = 0; i < residual.length; i++) {
      const ordinal = residual[i]!;
      if (compiled[ordinal]!.test(obs)) this.hits[this.hitCount++] = ordinal;
    }
    return this.hitCount;
  }

  /** Offers every indexed value found in an observation, then finishes: the whole match of one observation. */
  matchObservation(obs: Observation): number {
    this.begin();
    const objects = obs.objects;
    for (const key in objects) {
      const object = objects[key] as { type?: unknown };
      if (typeof object.type !== 'string') continue;
      const collectors = this.collectors.get(object.type);
      if (collectors === undefined) continue;
      for (const { id, collect } of collectors) collect(object, objects, (v) => this.offer(id, v));
    }
    return this.finish(() => obs);
  }

  private record(code: number): void {
    const ordinal = code >>> 1;
    if (this.seen[ordinal] === this.stamp) return;
    this.seen[ordinal] = this.stamp;
    if ((code & 1) === 0) this.hits[this.hitCount++] = ordinal;
    else this.candidates[this.candidateCount++] = ordinal;
  }

  private indexCollectors(samplePaths: Map<string, ObjectPath>): void {
    for (const [key, path] of samplePaths) {
      const id = this.pathIds.get(key);
      if (id === undefined) continue;
      const list = this.collectors.get(path.objectType) ?? [];
      list.push({ id, collect: compileCollector(path) });
      this.collectors.set(path.objectType, list);
    }
  }
}

/** What one path collects while indicators load; anchors go straight in, with no list per anchor. */
interface PathBuilder {
  readonly id: number;
  readonly normalise: (value: string) => string;
  exact: boolean;
  readonly blocks: { block: string; code: number }[];
  readonly regexes: { source: string; flags: string; code: number }[];
}

type AnchorLists = Map<string, PathBuilder>;

function addAnchor(lists: AnchorLists, table: ExactTable, anchor: BareAnchor, code: number): void {
  let b = lists.get(anchor.key);
  if (b === undefined) {
    const normalise = keyNormaliser(anchor.key);
    b = { id: lists.size, normalise, exact: false, blocks: [], regexes: [] };
    lists.set(anchor.key, b);
  }
  if (anchor.kind === 'exact') {
    b.exact = true;
    table.add(b.id, b.normalise(anchor.value), code);
  } else if (anchor.kind === 'cidr') b.blocks.push({ block: anchor.block, code });
  else b.regexes.push({ source: anchor.source, flags: anchor.flags, code });
}

/** The object path of a one-comparison pattern (parsed once per distinct path key). */
function firstPath(pattern: string): ObjectPath {
  const e = parsePattern(pattern).expression;
  if (e.kind !== 'observation' || e.comparison.kind !== 'comparison') throw new Error('not a simple pattern');
  return e.comparison.path;
}

function compileOrUndefined(pattern: string): CompiledPattern | undefined {
  try {
    return compilePattern(pattern);
  } catch {
    return undefined;
  }
}

function buildPath(key: string, b: PathBuilder): PathIndex {
  return {
    key,
    normalise: b.normalise,
    exact: b.exact,
    cidr: b.blocks.length > 0 ? new CidrIndex(b.blocks) : undefined,
    regex: b.regexes.length > 0 ? new RegexIndex(b.regexes) : undefined,
  };
}

function statsOf(kinds: Uint8Array, paths: number): Omit<MatcherStats, 'unfollowed'> {
  const count = [0, 0, 0, 0, 0];
  for (let i = 0; i < kinds.length; i++) count[kinds[i]!]!++;
  return {
    indicators: kinds.length,
    pure: count[KIND_PURE]!,
    confirmed: count[KIND_CONFIRM]!,
    residual: count[KIND_RESIDUAL]!,
    multiObservation: count[KIND_MULTI]!,
    invalid: count[KIND_INVALID]!,
    paths,
  };
}
