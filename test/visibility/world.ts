/**
 * Random worlds for the visibility property: organisations, communities with random memberships, API
 * keys, and objects whose versions carry random TLP levels and audiences (communities, recipient
 * organisations, recipient users), stored in a real store through the hub's own services.
 */
import fc from 'fast-check';
import { addOrganisation, createCommunity, createKey, prepareVersion } from '../../src/hub/index.ts';
import { TLP_1_IDS, tlpMarkingRef, validateObject } from '../../src/stix/index.ts';
import type { Store, TlpLevel } from '../../src/store/index.ts';

export const TLPS: readonly TlpLevel[] = ['clear', 'green', 'amber', 'amber+strict', 'red'];
export const VALUES = 12;

export interface VersionSpec {
  tlp: TlpLevel;
  tlp1: boolean;
  communities: number[];
  orgs: number[];
  users: number[];
}

export interface ObjectSpec {
  author: number;
  kind: 'indicator' | 'relationship' | 'sighting' | 'note';
  value: number;
  a: number;
  b: number;
  versions: VersionSpec[];
}

export interface WorldSpec {
  orgs: number;
  keysPerOrg: number[];
  memberships: boolean[][];
  objects: ObjectSpec[];
}

const versionArb = fc.record({
  tlp: fc.constantFrom(...TLPS),
  tlp1: fc.boolean(),
  communities: fc.array(fc.nat(9), { maxLength: 3 }),
  orgs: fc.array(fc.nat(9), { maxLength: 3 }),
  users: fc.array(fc.nat(19), { maxLength: 3 }),
});

const objectArb = fc.record({
  author: fc.nat(9),
  kind: fc.constantFrom('indicator', 'indicator', 'relationship', 'sighting', 'note'),
  value: fc.nat(VALUES - 1),
  a: fc.nat(),
  b: fc.nat(),
  versions: fc.array(versionArb, { minLength: 1, maxLength: 3 }),
}) as fc.Arbitrary<ObjectSpec>;

export function worldArb(objects: { min: number; max: number }): fc.Arbitrary<WorldSpec> {
  return fc.record({
    orgs: fc.integer({ min: 2, max: 5 }),
    keysPerOrg: fc.array(fc.integer({ min: 1, max: 2 }), { minLength: 5, maxLength: 5 }),
    memberships: fc.array(fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }), {
      minLength: 1,
      maxLength: 4,
    }),
    objects: fc.array(objectArb, { minLength: objects.min, maxLength: objects.max }),
  });
}

/** One stored version as the oracle knows it. */
export interface ModelVersion {
  modified: string;
  tlp: TlpLevel;
  author: string;
  communities: readonly string[];
  orgs: readonly string[];
  users: readonly string[];
}

export interface ModelObject {
  id: string;
  type: string;
  /** Ids it references (created_by_ref, sighting_of_ref, source/target, object_refs). */
  refs: readonly string[];
  /** Index terms the search may find it by (a pattern value, a note alias). */
  terms: readonly string[];
  /** A note's object_refs, which its alias leads search to. */
  aliasTargets: readonly string[];
  versions: readonly ModelVersion[];
}

export interface Member {
  key: string;
  keyId: string;
  orgId: string;
  orgName: string;
  communityIds: readonly string[];
}

export interface World {
  orgIds: string[];
  orgNames: string[];
  communityIds: string[];
  members: Member[];
  objects: ModelObject[];
}

const uuid = (n: number, salt: number): string =>
  `${(salt >>> 0).toString(16).padStart(8, '0')}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

export const ipOf = (n: number): string => `10.0.0.${n}`;
export const aliasOf = (n: number): string => `Hidden Cobra ${n}`;

function markingOf(v: VersionSpec): string {
  if (!v.tlp1 || v.tlp === 'amber+strict') return tlpMarkingRef(v.tlp);
  return TLP_1_IDS[v.tlp === 'clear' ? 'white' : v.tlp];
}

async function buildMembers(store: Store, spec: WorldSpec, salt: number) {
  const orgs = [];
  for (let i = 0; i < spec.orgs; i++) orgs.push(await addOrganisation(store, `Org ${salt} ${i}`));
  const communities = [];
  for (const [c, row] of spec.memberships.entries()) {
    const names = orgs.filter((_, i) => row[i]).map((o) => o.name);
    communities.push(await createCommunity(store, `Community ${salt} ${c}`, names));
  }
  const members: Member[] = [];
  for (const [i, org] of orgs.entries()) {
    const communityIds = communities.filter((c) => c.orgIds.includes(org.id)).map((c) => c.id);
    for (let k = 0; k < spec.keysPerOrg[i]!; k++) {
      const { key, record } = await createKey(store, { org: org.id, role: 'reader' });
      members.push({ key, keyId: record.id, orgId: org.id, orgName: org.name, communityIds });
    }
  }
  return { orgs, communities, members };
}

/** The object body of one spec: what it references depends on earlier objects only. */
function bodyOf(spec: ObjectSpec, n: number, earlier: readonly ModelObject[]): Record<string, unknown> {
  const indicators = earlier.filter((o) => o.type === 'indicator');
  if (spec.kind === 'sighting' && indicators.length > 0) {
    return { type: 'sighting', sighting_of_ref: indicators[spec.a % indicators.length]!.id };
  }
  if (spec.kind === 'relationship' && earlier.length > 0) {
    const source = earlier[spec.a % earlier.length]!.id;
    const target = earlier[spec.b % earlier.length]!.id;
    return { type: 'relationship', relationship_type: 'related-to', source_ref: source, target_ref: target };
  }
  if (spec.kind === 'note' && earlier.length > 0) {
    const about = earlier[spec.a % earlier.length]!.id;
    return {
      type: 'note',
      content: `note ${n}`,
      object_refs: [about],
      x_bulwark_aliases: [aliasOf(spec.value)],
    };
  }
  return {
    type: 'indicator',
    name: `indicator ${n}`,
    pattern: `[ipv4-addr:value = '${ipOf(spec.value)}']`,
    pattern_type: 'stix',
    valid_from: '2026-01-01T00:00:00.000Z',
  };
}

function modelOf(id: string, body: Record<string, unknown>, author: string): Omit<ModelObject, 'versions'> {
  const refs = [author];
  for (const key of ['sighting_of_ref', 'source_ref', 'target_ref'] as const) {
    if (typeof body[key] === 'string') refs.push(body[key] as string);
  }
  const objectRefs = Array.isArray(body.object_refs) ? (body.object_refs as string[]) : [];
  refs.push(...objectRefs);
  const terms: string[] = [];
  if (body.type === 'indicator') terms.push(/'(.*)'/.exec(body.pattern as string)![1]!);
  if (body.type === 'note') terms.push(...(body.x_bulwark_aliases as string[]));
  return { id, type: body.type as string, refs: [...new Set(refs)], terms, aliasTargets: objectRefs };
}

/** Stores the world (the hub's services for members, `prepareVersion` for objects) and returns its model. */
export async function buildWorld(store: Store, spec: WorldSpec, salt: number): Promise<World> {
  const { orgs, communities, members } = await buildMembers(store, spec, salt);
  const objects: ModelObject[] = orgs.map((o) => ({
    id: o.id,
    type: 'identity',
    refs: [o.id],
    terms: [],
    aliasTargets: [],
    versions: [{ modified: o.createdAt, tlp: 'clear', author: o.id, communities: [], orgs: [], users: [] }],
  }));
  const rows = [];
  for (const [n, s] of spec.objects.entries()) {
    const author = orgs[s.author % orgs.length]!;
    const body = bodyOf(s, n, objects);
    const id = `${body.type}--${uuid(n, salt)}`;
    const versions: ModelVersion[] = [];
    for (const [k, v] of s.versions.entries()) {
      const modified = new Date(Date.UTC(2026, 0, 1, 0, 0, k)).toISOString();
      const audience = {
        communities: [
          ...new Set(v.communities.filter((c) => c < communities.length).map((c) => communities[c]!.id)),
        ],
        orgs: [...new Set(v.orgs.filter((o) => o < orgs.length).map((o) => orgs[o]!.id))],
        users: [...new Set(v.users.filter((u) => u < members.length).map((u) => members[u]!.keyId))],
      };
      const object = {
        ...body,
        spec_version: '2.1',
        id,
        created: '2026-01-01T00:00:00.000Z',
        modified,
        object_marking_refs: [markingOf(v)],
      };
      const valid = validateObject(object);
      if (!valid.ok) throw new Error(`world object invalid: ${JSON.stringify(valid.errors)}`);
      rows.push(
        prepareVersion(valid.object, {
          authorOrg: author.id,
          defaultTlp: 'amber',
          audience,
          createdByRef: author.id,
        }),
      );
      versions.push({ modified, tlp: v.tlp, author: author.id, ...audience });
    }
    objects.push({ ...modelOf(id, body, author.id), versions });
  }
  for (let i = 0; i < rows.length; i += 500) await store.putBatch(rows.slice(i, i + 500));
  return {
    orgIds: orgs.map((o) => o.id),
    orgNames: orgs.map((o) => o.name),
    communityIds: communities.map((c) => c.id),
    members,
    objects,
  };
}
