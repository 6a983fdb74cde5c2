import { fieldGetter, scalarText } from './columns.ts';
import { conditionHolds, type SigmaCorrelation } from './correlation-shape.ts';
import { evtxData, evtxOf, isObject, systemField } from './event-shape.ts';
import type { SigmaEvent, SigmaMatch, SigmaRule } from './types.ts';

export interface CorrelationAlert<T = number> {
  readonly correlationId: string;
  /** Position of the correlation in the list the correlator was built with. */
  readonly correlation: number;
  readonly title: string;
  readonly level: string | undefined;
  readonly author: string | undefined;
  /** The group-by values the alert is for. */
  readonly group: Readonly<Record<string, string | undefined>>;
  /** Positions in the whole stream (0-based, counting every event pushed) of the events involved. */
  readonly events: readonly number[];
  /** What the caller handed in with each event involved (`feed`), in the same order. */
  readonly refs: readonly T[];
  /** Time of the earliest event involved, in ms since the epoch. */
  readonly first: number;
  /** Time of the event that completed the correlation, in ms since the epoch. */
  readonly time: number;
}

/**
 * What the correlations need of one rule match, read where the event is (a scanning thread may read
 * it and hand this small record to the thread that keeps the windows): the rule, the event's time and,
 * for each correlation over the rule, its group-by values and the value it counts.
 */
export interface CorrelationInput {
  readonly ruleId: string;
  readonly time: number;
  readonly parts: readonly CorrelationPart[];
}

export interface CorrelationPart {
  /** Position of the correlation. */
  readonly plan: number;
  /** Position of the matched rule in the correlation's `rules`. */
  readonly rule: number;
  readonly group: Readonly<Record<string, string | undefined>>;
  /** value_count: the counted field's value. */
  readonly value: string | undefined;
}

interface Hit<T> {
  readonly time: number;
  readonly seq: number;
  readonly rule: number;
  readonly value: string | undefined;
  readonly ref: T;
}

/** The time of an event: evtx SystemTime, `@timestamp`, `timestamp`, `UtcTime`, `TimeCreated`, or Zeek `ts`. */
export function eventTime(event: SigmaEvent): number {
  const evtx = evtxOf(event);
  const raw = evtx
    ? systemField(evtx.System as SigmaEvent, 'TimeCreated_SystemTime')
    : (event['@timestamp'] ?? event.timestamp ?? event.UtcTime ?? event.TimeCreated ?? event.ts);
  if (typeof raw === 'number') return raw < 1e11 ? raw * 1000 : raw;
  if (typeof raw !== 'string') return Number.NaN;
  const iso = raw.includes('T') ? raw : raw.replace(' ', 'T');
  return Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(iso) ? iso : `${iso}Z`);
}

/** Rule matches between sweeps of groups whose window has passed (which bounds memory by the window). */
const SWEEP_EVERY = 4096;

/**
 * Runs correlation rules over a time-ordered stream of rule matches: event_count and value_count per
 * group within a sliding timespan, temporal (all rules, any order) and temporal_ordered (in the listed
 * order). A group that fires starts afresh, so one burst gives one alert. `T` is what the caller hands
 * in with each match (`feed`) and gets back with the alerts it completes.
 */
export class Correlator<T = number> {
  private readonly plans: Plan<T>[];
  private readonly byRule = new Map<string, number[]>();
  private seen = 0;
  private fed = 0;
  private clock = Number.NEGATIVE_INFINITY;

  constructor(correlations: readonly SigmaCorrelation[], rules: readonly SigmaRule[]) {
    this.plans = correlations.map((c, k) => new Plan<T>(c, k, rules));
    this.plans.forEach((plan, k) => {
      for (const id of plan.ruleIds()) {
        const list = this.byRule.get(id) ?? [];
        if (!list.includes(k)) list.push(k);
        this.byRule.set(id, list);
      }
    });
  }

  /** Whether a match of this rule (id, or title without one) feeds any correlation. */
  uses(ruleId: string): boolean {
    return this.byRule.has(ruleId);
  }

  /** What the correlations need of a match of `ruleId` on `event` at `time`; undefined when none uses the rule. */
  read(ruleId: string, event: SigmaEvent, time: number): CorrelationInput | undefined {
    const plans = this.byRule.get(ruleId);
    if (plans === undefined) return undefined;
    return { ruleId, time, parts: plans.map((k) => this.plans[k]!.read(ruleId, event)) };
  }

  /**
   * Feeds one match, in stream order; `seq` is the event's position and `ref` is returned with the
   * alerts it takes part in. Out-of-order or undated events count as happening at the latest time seen.
   */
  feed(input: CorrelationInput, seq: number, ref: T): CorrelationAlert<T>[] {
    this.clock = Number.isFinite(input.time) ? Math.max(this.clock, input.time) : this.clock;
    const alerts: CorrelationAlert<T>[] = [];
    for (const part of input.parts) {
      const alert = this.plans[part.plan]!.add(part, this.clock, seq, ref);
      if (alert !== undefined) alerts.push(alert);
    }
    if (++this.fed % SWEEP_EVERY === 0) for (const plan of this.plans) plan.sweep(this.clock);
    return alerts;
  }

  /** Feeds one batch (its events and the engine's matches on them, in time order); returns alerts. */
  push(
    events: readonly SigmaEvent[],
    matches: readonly SigmaMatch[],
    timeOf = eventTime,
  ): CorrelationAlert<T>[] {
    const alerts: CorrelationAlert<T>[] = [];
    for (const m of matches) {
      const input = this.read(m.ruleId, events[m.eventIndex] as SigmaEvent, timeOf(events[m.eventIndex]!));
      if (input === undefined) continue;
      const seq = this.seen + m.eventIndex;
      alerts.push(...this.feed(input, seq, seq as T));
    }
    this.seen += events.length;
    return alerts;
  }
}

class Plan<T> {
  private readonly c: SigmaCorrelation;
  private readonly index: number;
  /** Rule id → position in `c.rules`. */
  private readonly refOf = new Map<string, number>();
  private readonly names: (string | undefined)[];
  private readonly groups = new Map<string, Hit<T>[]>();
  private readonly valueOf: ((e: SigmaEvent) => unknown) | undefined;

  constructor(c: SigmaCorrelation, index: number, rules: readonly SigmaRule[]) {
    this.c = c;
    this.index = index;
    this.names = c.rules.map((ref) => rules.find((r) => r.id === ref || r.name === ref)?.name);
    c.rules.forEach((ref, k) => {
      for (const r of rules) if (r.id === ref || r.name === ref) this.refOf.set(r.id ?? r.title, k);
    });
    this.valueOf = c.field === undefined ? undefined : reader(c.field);
  }

  ruleIds(): Iterable<string> {
    return this.refOf.keys();
  }

  read(ruleId: string, event: SigmaEvent): CorrelationPart {
    const rule = this.refOf.get(ruleId)!;
    return {
      plan: this.index,
      rule,
      group: this.groupOf(event, rule),
      value: this.valueOf ? scalarText(this.valueOf(event)) : undefined,
    };
  }

  add(part: CorrelationPart, time: number, seq: number, ref: T): CorrelationAlert<T> | undefined {
    const key = JSON.stringify(part.group);
    const hits = (this.groups.get(key) ?? []).filter((h) => h.time > time - this.c.timespanMs);
    hits.push({ time, seq, rule: part.rule, value: part.value, ref });
    this.groups.set(key, hits);
    const involved = this.fires(hits);
    if (involved === undefined) return undefined;
    this.groups.delete(key);
    return {
      correlationId: this.c.id ?? this.c.title,
      correlation: this.index,
      title: this.c.title,
      level: this.c.level,
      author: this.c.author,
      group: part.group,
      events: involved.map((h) => h.seq),
      refs: involved.map((h) => h.ref),
      first: involved.reduce((t, h) => Math.min(t, h.time), time),
      time,
    };
  }

  /** Drops groups whose every hit has left the window: they can no longer fire. */
  sweep(clock: number): void {
    for (const [key, hits] of this.groups)
      if (hits[hits.length - 1]!.time <= clock - this.c.timespanMs) this.groups.delete(key);
  }

  private groupOf(event: SigmaEvent, rule: number): Record<string, string | undefined> {
    const out: Record<string, string | undefined> = {};
    const name = this.names[rule];
    for (const g of this.c.groupBy) {
      const field = (name !== undefined ? this.c.aliases[g]?.[name] : undefined) ?? g;
      out[g] = scalarText(reader(field)(event));
    }
    return out;
  }

  /** The hits that make the correlation fire now, or undefined. */
  private fires(hits: readonly Hit<T>[]): readonly Hit<T>[] | undefined {
    switch (this.c.type) {
      case 'event_count':
        return conditionHolds(this.c.condition, hits.length, false) ? hits : undefined;
      case 'value_count': {
        const distinct = new Set(hits.filter((h) => h.value !== undefined).map((h) => h.value));
        return conditionHolds(this.c.condition, distinct.size, false) ? hits : undefined;
      }
      case 'temporal': {
        const kinds = new Set(hits.map((h) => h.rule)).size;
        return conditionHolds(this.c.condition, kinds, kinds === this.c.rules.length) ? hits : undefined;
      }
      case 'temporal_ordered':
        return inOrder(hits, this.c.rules.length);
    }
  }
}

/** Earliest hits of rule 0, 1, … each no earlier than the one before, if the whole sequence is there. */
function inOrder<T>(hits: readonly Hit<T>[], n: number): readonly Hit<T>[] | undefined {
  const chain: Hit<T>[] = [];
  let after = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < n; k++) {
    const next = hits.find((h) => h.rule === k && h.time >= after && !chain.includes(h));
    if (next === undefined) return undefined;
    chain.push(next);
    after = next.time;
  }
  return chain;
}

const readers = new Map<string, (e: SigmaEvent) => unknown>();

/** Reads a field from one event the way the engine's columns do. */
function reader(field: string): (e: SigmaEvent) => unknown {
  const known = readers.get(field);
  if (known !== undefined) return known;
  const get = fieldGetter(field);
  const read = (e: SigmaEvent): unknown => {
    const evtx = evtxOf(e);
    if (evtx === undefined) return get(e, e, undefined);
    return get(e, evtxData(evtx), isObject(evtx.System) ? evtx.System : undefined);
  };
  readers.set(field, read);
  return read;
}
