/**
 * The STIX objects of an incident report: the incident, an indicator per value or pattern (patterns
 * built deterministically from typed values), the observables as SCOs, `related-to` relationships
 * (STIX 2.1 defines no `indicates` towards an incident; `related-to` links any two objects), and a
 * report grouping them all.
 */
import { deriveScoId, newId, tlpMarkingRef } from '../../stix/index.ts';
import type { TlpLevel } from '../../store/index.ts';

export const VALUE_TYPES = [
  'ipv4-addr',
  'ipv6-addr',
  'domain-name',
  'url',
  'email-addr',
  'cryptocurrency-wallet',
  'file:md5',
  'file:sha1',
  'file:sha256',
] as const;

export type ValueType = (typeof VALUE_TYPES)[number];

const HASH_NAMES = { 'file:md5': 'MD5', 'file:sha1': 'SHA-1', 'file:sha256': 'SHA-256' } as const;

function quote(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** The STIX pattern of one typed value: `[ipv4-addr:value = '…']`, `[file:hashes.'SHA-256' = '…']`. */
export function patternOf(type: ValueType, value: string): string {
  if (type === 'file:md5' || type === 'file:sha1' || type === 'file:sha256') {
    const name = HASH_NAMES[type];
    return `[file:hashes.${name === 'MD5' ? name : `'${name}'`} = ${quote(value)}]`;
  }
  return `[${type}:value = ${quote(value)}]`;
}

/** The SCO of one typed value, with its deterministic id. */
export function observableOf(type: ValueType, value: string, marking: string): Record<string, unknown> {
  const sco: { type: string } & Record<string, unknown> =
    type === 'file:md5' || type === 'file:sha1' || type === 'file:sha256'
      ? { type: 'file', spec_version: '2.1', hashes: { [HASH_NAMES[type]]: value } }
      : { type, spec_version: '2.1', value };
  return { ...sco, id: deriveScoId(sco), object_marking_refs: [marking] };
}

export interface IncidentIndicator {
  pattern?: string | undefined;
  type?: ValueType | undefined;
  value?: string | undefined;
  name?: string | undefined;
  description?: string | undefined;
}

export interface IncidentReport {
  name: string;
  description?: string | undefined;
  tlp: TlpLevel;
  indicators: readonly IncidentIndicator[];
  observables: readonly { type: ValueType; value: string }[];
}

export interface IncidentObjects {
  incident: Record<string, unknown>;
  indicators: Record<string, unknown>[];
  observables: Record<string, unknown>[];
  relationships: Record<string, unknown>[];
  report: Record<string, unknown>;
}

function indicatorObject(spec: IncidentIndicator, base: Record<string, unknown>, n: number) {
  const pattern = spec.pattern ?? patternOf(spec.type!, spec.value!);
  return {
    ...base,
    type: 'indicator',
    id: newId('indicator'),
    name: spec.name ?? (spec.value !== undefined ? `${spec.type} ${spec.value}` : `Indicator ${n + 1}`),
    ...(spec.description ? { description: spec.description } : {}),
    indicator_types: ['malicious-activity'],
    pattern,
    pattern_type: 'stix',
    valid_from: base.created,
  };
}

function related(base: Record<string, unknown>, source: string, target: string) {
  return {
    ...base,
    type: 'relationship',
    id: newId('relationship'),
    relationship_type: 'related-to',
    source_ref: source,
    target_ref: target,
  };
}

export function incidentObjects(input: IncidentReport, now: string): IncidentObjects {
  const marking = tlpMarkingRef(input.tlp);
  const base = { spec_version: '2.1', created: now, modified: now, object_marking_refs: [marking] };
  const incident = {
    ...base,
    type: 'incident',
    id: newId('incident'),
    name: input.name,
    ...(input.description ? { description: input.description } : {}),
  };
  const indicators = input.indicators.map((spec, n) => indicatorObject(spec, base, n));
  const unique = new Map(input.observables.map((o) => [`${o.type}\u0000${o.value}`, o]));
  const observables = [...unique.values()].map((o) => observableOf(o.type, o.value, marking));
  const relationships = [
    ...indicators.map((i) => related(base, i.id, incident.id)),
    ...observables.map((o) => related(base, incident.id, o.id as string)),
  ];
  const refs = [incident, ...indicators, ...observables, ...relationships].map((o) => o.id as string);
  const report = {
    ...base,
    type: 'report',
    id: newId('report'),
    name: `Incident report: ${input.name}`,
    report_types: ['threat-report'],
    published: now,
    object_refs: [...new Set(refs)],
  };
  return { incident, indicators, observables, relationships, report };
}
