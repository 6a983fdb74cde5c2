import { fieldGetter, scalarText } from './columns.ts';
import { conditionHolds, type SigmaCorrelation } from './correlation-shape.ts';
import { evtxData, evtxOf, isObject, systemField } from './event-shape.ts';
import type { SigmaEvent, SigmaMatch, SigmaRule } from './types.ts';

export interface CorrelationAlert {
  readonly correlationId: string;
  readonly title: string;
  readonly level: string | undefined;
  readonly author: string | undefined;
  /** The group-by values the alert is for. */
  readonly group: Readonly<Record<string, string | undefined>>;
  /** Positions in the whole stream (0-based, counting every event pushed) of the events involved. */
  readonly events: readonly number[];
  /** Time of the event that completed the correlation, in ms since the epoch. */
  readonly time: number;
}

interface Hit {
  readonly time: number;
  readonly seq: number;
  readonly rule: number;
  readonly value: string | undefined;
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

/**
 * Runs correlation rules over a time-ordered stream of rule matches: event_count and value_count per
 * group within a sliding timespan, temporal (all rules, any order) and temporal_ordered (in the listed
 * order). A group that fires starts afresh, so one burst gives one alert.
 */
export class Correlator {
  private readonly plans: Plan[];
  private seen = 0;
  private clock = Number.NEGATIVE_INFINITY;

  constructor(correlations: readonly SigmaCorrelation[], rules: readonly SigmaRule[]) {
    this.plans = correlations.map((c) => new Plan(c, rules));
  }

  /** Feeds one batch (its events and the engine's matches on them, in time order); returns alerts. */
  push(
    events: readonly SigmaEvent[],
    matches: readonly SigmaMatch[],
    timeOf = eventTime,
  ): CorrelationAlert[] {
    const alerts: CorrelationAlert[] = [];
    for (const m of matches) {
      const event = events[m.eventIndex] as SigmaEvent;
      const t = timeOf(event);
      // Out-of-order or undated events count as happening at the latest time seen.
      this.clock = Number.isFinite(t) ? Math.max(this.clock, t) : this.clock;
      for (const plan of this.plans) {
        const alert = plan.add(m.ruleId, event, this.clock, this.seen + m.eventIndex);
        if (alert !== undefined) alerts.push(alert);
      }
    }
    this.seen += events.length;
    return alerts;
  }
}

class Plan {
  private readonly c: SigmaCorrelation;
  /** Rule id → position in `c.rules`. */
  private readonly refOf = new Map<string, number>();
  private readonly names: (string | undefined)[];
  private readonly groups = new Map<string, Hit[]>();
  private readonly valueOf: ((e: SigmaEvent) => unknown) | undefined;

  constructor(c: SigmaCorrelation, rules: readonly SigmaRule[]) {
    this.c = c;
    this.names = c.rules.map((ref) => rules.find((r) => r.id === ref || r.name === ref)?.name);
    c.rules.forEach((ref, k) => {
      for (const r of rules) if (r.id === ref || r.name === ref) this.refOf.set(r.id ?? r.title, k);
    });
    this.valueOf = c.field === undefined ? undefined : reader(c.field);
  }

  add(ruleId: string, event: SigmaEvent, time: number, seq: number): CorrelationAlert | undefined {
    const rule = this.refOf.get(ruleId);
    if (rule === undefined) return undefined;
    const group = this.groupOf(event, rule);
    const key = JSON.stringify(group);
    const hits = (this.groups.get(key) ?? []).filter((h) => h.time > time - this.c.timespanMs);
    hits.push({ time, seq, rule, value: this.valueOf ? scalarText(this.valueOf(event)) : undefined });
    this.groups.set(key, hits);
    const involved = this.fires(hits);
    if (involved === undefined) return undefined;
    this.groups.delete(key);
    return {
      correlationId: this.c.id ?? this.c.title,
      title: this.c.title,
      level: this.c.level,
      author: this.c.author,
      group,
      events: involved.map((h) => h.seq),
      time,
    };
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
  private fires(hits: readonly Hit[]): readonly Hit[] | undefined {
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
function inOrder(hits: readonly Hit[], n: number): readonly Hit[] | undefined {
  const chain: Hit[] = [];
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
