/**
 * The independent oracle: DESIGN.md's TLP table written out again, over the test's own model of the
 * world — no hub or store code. CLEAR: anyone; GREEN and AMBER: member organisations of a community it
 * was shared to; AMBER+STRICT: the organisations named; RED: the users (keys) named; the author
 * organisation always.
 */
import type { ModelObject, ModelVersion } from './world.ts';

export interface Reader {
  orgId: string;
  communityIds: readonly string[];
  /** The key id; absent for an organisation reading as a whole (`export --as-org`). */
  userId?: string;
}

export function mayRead(reader: Reader, v: ModelVersion): boolean {
  if (v.author === reader.orgId) return true;
  switch (v.tlp) {
    case 'clear':
      return true;
    case 'green':
    case 'amber':
      return v.communities.some((c) => reader.communityIds.includes(c));
    case 'amber+strict':
      return v.orgs.includes(reader.orgId);
    case 'red':
      return reader.userId !== undefined && v.users.includes(reader.userId);
  }
}

export function visibleVersions(reader: Reader, o: ModelObject): ModelVersion[] {
  return o.versions.filter((v) => mayRead(reader, v));
}

/** The newest version the reader may see (ISO timestamps of one format compare as strings). */
export function latestVisible(reader: Reader, o: ModelObject): ModelVersion | undefined {
  let best: ModelVersion | undefined;
  for (const v of visibleVersions(reader, o)) if (best === undefined || v.modified > best.modified) best = v;
  return best;
}

export class Oracle {
  readonly objects: readonly ModelObject[];
  readonly #byId: Map<string, ModelObject>;
  constructor(objects: readonly ModelObject[]) {
    this.objects = objects;
    this.#byId = new Map(objects.map((o) => [o.id, o]));
  }

  get(id: string): ModelObject | undefined {
    return this.#byId.get(id);
  }

  visible(reader: Reader): ModelObject[] {
    return this.objects.filter((o) => latestVisible(reader, o) !== undefined);
  }

  referencing(reader: Reader, id: string): string[] {
    return this.visible(reader)
      .filter((o) => o.id !== id && o.refs.includes(id))
      .map((o) => o.id);
  }

  /** Search: objects named by the value, those referencing them, and what visible alias notes are about. */
  search(reader: Reader, value: string): string[] {
    const visible = this.visible(reader);
    const named = new Set(visible.filter((o) => o.terms.includes(value)).map((o) => o.id));
    const found = new Set(named);
    for (const o of visible) if (o.refs.some((r) => named.has(r))) found.add(o.id);
    const visibleIds = new Set(visible.map((o) => o.id));
    for (const id of [...found]) {
      for (const target of this.#byId.get(id)!.aliasTargets) if (visibleIds.has(target)) found.add(target);
    }
    return [...found].sort();
  }

  /** Counts by type and TLP of the latest visible versions. */
  stats(reader: Reader): { total: number; byType: Record<string, number>; byTlp: Record<string, number> } {
    const byType: Record<string, number> = {};
    const byTlp: Record<string, number> = {};
    const visible = this.visible(reader);
    for (const o of visible) {
      byType[o.type] = (byType[o.type] ?? 0) + 1;
      const tlp = latestVisible(reader, o)!.tlp;
      byTlp[tlp] = (byTlp[tlp] ?? 0) + 1;
    }
    return { total: visible.length, byType, byTlp };
  }
}
