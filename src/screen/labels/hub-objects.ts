/**
 * The part of the hub a label set is made from, read once through the caller's scope: what the caller
 * may not read never enters, so neither do its effects (a hidden relationship links nothing).
 */
import type { ReadScope, Store, StoredVersion, TlpLevel } from '../../store/index.ts';

export const LABEL_SOURCE_TYPES = [
  'indicator',
  'cryptocurrency-wallet',
  'relationship',
  'note',
  'infrastructure',
  'campaign',
  'threat-actor',
  'intrusion-set',
] as const;

/** A parsed STIX object with the hub's metadata of its latest visible version. */
export interface HubObject {
  id: string;
  type: string;
  json: Record<string, unknown>;
  marking: TlpLevel;
  authorOrg: string;
}

export interface HubObjects {
  byId: Map<string, HubObject>;
  /** Relationships by source id and by target id. */
  bySource: Map<string, HubObject[]>;
  byTarget: Map<string, HubObject[]>;
  version: number;
  /** How many objects (latest versions, revoked included) were read. */
  objectCount: number;
}

export async function readHubObjects(store: Store, scope: ReadScope): Promise<HubObjects> {
  const objects: HubObjects = {
    byId: new Map(),
    bySource: new Map(),
    byTarget: new Map(),
    version: 0,
    objectCount: 0,
  };
  const query = { scope, types: LABEL_SOURCE_TYPES, versions: { kind: 'latest' as const } };
  for await (const version of store.stream(query, 5000)) {
    if (version.seq > objects.version) objects.version = version.seq;
    objects.objectCount++;
    if (version.revoked) continue;
    add(objects, toHubObject(version));
  }
  return objects;
}

function toHubObject(version: StoredVersion): HubObject {
  return {
    id: version.id,
    type: version.type,
    json: JSON.parse(version.json) as Record<string, unknown>,
    marking: version.tlp,
    authorOrg: version.authorOrg,
  };
}

function add(objects: HubObjects, object: HubObject): void {
  objects.byId.set(object.id, object);
  if (object.type !== 'relationship') return;
  const source = text(object.json.source_ref);
  const target = text(object.json.target_ref);
  if (source) push(objects.bySource, source, object);
  if (target) push(objects.byTarget, target, object);
}

function push(map: Map<string, HubObject[]>, key: string, value: HubObject): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** Relationships of `type` from `sourceId` whose target the caller can see. */
export function related(objects: HubObjects, sourceId: string, type: string): [HubObject, HubObject][] {
  const out: [HubObject, HubObject][] = [];
  for (const rel of objects.bySource.get(sourceId) ?? []) {
    if (rel.json.relationship_type !== type) continue;
    const target = objects.byId.get(text(rel.json.target_ref) ?? '');
    if (target) out.push([rel, target]);
  }
  return out;
}
