import { deriveScoId, newId } from '../../stix/index.ts';
import type { CorrelationSighting, IndicatorSighting } from './aggregate.ts';
import type { EventHit } from './scan-batch.ts';

export type StixObject = Record<string, unknown> & { type: string; id: string };

const MAX_COUNT = 999_999_999;

/**
 * The STIX objects of a scan's findings, in output order: for each sighting, first the SCOs and the
 * `observed-data` of its evidence events not yet written, then the `sighting` referring to them. SCO
 * ids are deterministic (STIX 2.1 §2.9), so one address seen by several events is one object.
 */
export function* sightingObjects(
  sightings: readonly IndicatorSighting[],
  indicatorIds: readonly string[],
  now = new Date().toISOString(),
  /** Indicators to write before their first sighting (Sigma rules), by ordinal. */
  indicators: ReadonlyMap<number, StixObject> = new Map(),
): Generator<StixObject> {
  const observed = new Map<number, string>();
  const written = new Set<string>();
  for (const s of sightings) {
    const refs: string[] = [];
    for (const hit of s.evidence) {
      let id = observed.get(hit.line);
      if (id === undefined) {
        const { scos, data } = observedData(hit, now);
        for (const sco of scos) {
          if (written.has(sco.id)) continue;
          written.add(sco.id);
          yield sco;
        }
        yield data;
        id = data.id;
        observed.set(hit.line, id);
      }
      refs.push(id);
    }
    const indicator = indicators.get(s.ordinal);
    if (indicator !== undefined) yield indicator;
    yield {
      type: 'sighting',
      spec_version: '2.1',
      id: newId('sighting'),
      created: now,
      modified: now,
      first_seen: iso(s.first, now),
      last_seen: iso(s.last, now),
      count: Math.min(s.count, MAX_COUNT),
      sighting_of_ref: indicatorIds[s.ordinal]!,
      observed_data_refs: refs,
      ...(s.correlation !== undefined ? { x_bulwark_correlation: correlationProperty(s.correlation) } : {}),
    };
  }
}

/**
 * What a correlation sighting is about beyond its indicator: the Sigma correlation rule, the group-by
 * values it fired for (a field the events lacked is left out: STIX has no null) and the events involved.
 */
function correlationProperty(c: CorrelationSighting): Record<string, unknown> {
  const group = Object.fromEntries(Object.entries(c.group).filter(([, v]) => v !== undefined));
  return { rule_id: c.id, title: c.title, group_by: group, event_count: c.events };
}

/** One event's SCOs (refs rewritten to ids) and the observed-data that lists them. */
function observedData(hit: EventHit, now: string): { scos: StixObject[]; data: StixObject } {
  const idOf = new Map<string, string>();
  const scos: StixObject[] = [];
  // Objects are numbered so that referenced addresses come before the traffic that names them.
  for (const [key, object] of Object.entries(hit.objects)) {
    const sco: Record<string, unknown> & { type: string } = { ...(object as { type: string }) };
    for (const ref of ['src_ref', 'dst_ref']) {
      if (typeof sco[ref] === 'string') sco[ref] = idOf.get(sco[ref] as string);
    }
    const id = deriveScoId(sco);
    idOf.set(key, id);
    scos.push({ ...sco, id, spec_version: '2.1' });
  }
  const time = iso(hit.time, now);
  const data: StixObject = {
    type: 'observed-data',
    spec_version: '2.1',
    id: newId('observed-data'),
    created: now,
    modified: now,
    first_observed: time,
    last_observed: time,
    number_observed: 1,
    object_refs: scos.map((s) => s.id),
  };
  return { scos, data };
}

function iso(ms: number, fallback: string): string {
  return Number.isFinite(ms) ? new Date(ms).toISOString() : fallback;
}
