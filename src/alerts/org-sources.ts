/**
 * The flagged sources each organisation with registered wallets can see (sanctioned and heist labels
 * through its own scope), rebuilt when the hub gains label objects it may read.
 */
import { buildLabelSet, type FlaggedSources, LABEL_SOURCE_TYPES, sourcesOfLabels } from '../screen/index.ts';
import type { ReadScope, Store } from '../store/index.ts';

interface Entry {
  scope: ReadScope;
  version: number;
  objects: number;
  found: FlaggedSources;
}

export class OrgSources {
  private readonly store: Store;
  private readonly entries = new Map<string, Entry>();

  constructor(store: Store) {
    this.store = store;
  }

  async of(orgId: string): Promise<FlaggedSources> {
    const communityIds = (await this.store.members.communitiesOf(orgId)).map((c) => c.id);
    // the organisation as a whole: what any of its keys reads, less TLP:RED addressed to one key
    const member: ReadScope = { kind: 'member', orgId, communityIds };
    const entry = this.entries.get(orgId);
    if (entry && JSON.stringify(entry.scope) === JSON.stringify(member) && !(await this.changed(entry))) {
      return entry.found;
    }
    const set = await buildLabelSet(this.store, member);
    const found = sourcesOfLabels(set.labels);
    this.entries.set(orgId, { scope: member, version: set.version, objects: set.objectCount, found });
    return found;
  }

  private async changed(e: Entry): Promise<boolean> {
    const query = { scope: e.scope, types: LABEL_SOURCE_TYPES };
    const page = await this.store.query({ ...query, afterSeq: e.version, limit: 1 });
    if (page.items.length > 0) return true;
    return (await this.store.count({ ...query, versions: { kind: 'latest' } })) !== e.objects;
  }
}
