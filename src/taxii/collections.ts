/**
 * The collections a caller sees (issue 3): one per community its organisation belongs to, its
 * organisation's private collection, the read-only reference collection (sanctions, ATT&CK), and the
 * public collection when the operator enabled it. Each carries the store filter that selects its
 * objects; visibility (the caller's scope) always applies on top, inside the store's queries.
 */
import { type Caller, hasRole, REFERENCE_ORG_NAME, scopeOf } from '../hub/index.ts';
import type { Audience, ObjectQuery, ReadScope } from '../store/index.ts';
import { type CollectionKind, collectionId } from './collection-id.ts';
import type { TaxiiContext } from './taxii-context.ts';

export interface CollectionView {
  id: string;
  kind: CollectionKind;
  title: string;
  description: string;
  canRead: boolean;
  canWrite: boolean;
  /** The reader's scope for this collection's objects. */
  scope: ReadScope;
  /** What selects the collection's objects besides visibility. */
  filter: Pick<ObjectQuery, 'community' | 'authorOrg'>;
  /** Who may read objects written here that carry no TLP marking of their own. */
  writeAudience: Audience;
}

const NOBODY: Audience = { communities: [], orgs: [], users: [] };
/** No organisation has this id: an empty reference collection until reference data is loaded. */
const NO_ORG = 'identity--00000000-0000-0000-0000-000000000000';

async function referenceCollection(ctx: TaxiiContext, caller: Caller): Promise<CollectionView> {
  const org = await ctx.store.getOrganisation(REFERENCE_ORG_NAME);
  return {
    id: collectionId('reference'),
    kind: 'reference',
    title: 'Reference data (sanctions, MITRE ATT&CK)',
    description: `Read-only objects published by ${REFERENCE_ORG_NAME}: sanctions lists and MITRE ATT&CK`,
    canRead: true,
    canWrite: false,
    scope: scopeOf(caller),
    filter: { authorOrg: org?.id ?? NO_ORG },
    writeAudience: NOBODY,
  };
}

function publicCollection(): CollectionView {
  return {
    id: collectionId('public'),
    kind: 'public',
    title: 'Public (TLP:CLEAR)',
    description: 'Every TLP:CLEAR object of the hub, readable without a key',
    canRead: true,
    canWrite: false,
    scope: { kind: 'public' },
    filter: {},
    writeAudience: NOBODY,
  };
}

async function memberCollections(
  ctx: TaxiiContext,
  caller: Extract<Caller, { kind: 'member' }>,
): Promise<CollectionView[]> {
  const canWrite = hasRole(caller, 'contributor');
  const scope = scopeOf(caller);
  const communities = await ctx.store.members.communitiesOf(caller.orgId);
  const shared = communities.map(
    (community): CollectionView => ({
      id: collectionId('community', community.id),
      kind: 'community',
      title: `Community: ${community.name}`,
      description: `Objects shared to the community ${community.name}, as far as TLP lets ${caller.orgName} read them`,
      canRead: true,
      canWrite,
      scope,
      filter: { community: community.id },
      writeAudience: { communities: [community.id], orgs: [], users: [] },
    }),
  );
  const own: CollectionView = {
    id: collectionId('private', caller.orgId),
    kind: 'private',
    title: `Private: ${caller.orgName}`,
    description: `Objects ${caller.orgName} wrote and shared to no community; only ${caller.orgName} reads them`,
    canRead: true,
    canWrite,
    scope,
    filter: { authorOrg: caller.orgId, community: null },
    writeAudience: NOBODY,
  };
  return [...shared, own];
}

/** Every collection the caller may see, in a stable order. */
export async function collectionsFor(ctx: TaxiiContext, caller: Caller): Promise<CollectionView[]> {
  const views: CollectionView[] = [];
  if (caller.kind === 'member') views.push(...(await memberCollections(ctx, caller)));
  if (caller.kind !== 'anonymous') views.push(await referenceCollection(ctx, caller));
  if (ctx.publicCollection) views.push(publicCollection());
  return views;
}

/** The collection `id` if the caller may see it. */
export async function findCollection(
  ctx: TaxiiContext,
  caller: Caller,
  id: string,
): Promise<CollectionView | undefined> {
  return (await collectionsFor(ctx, caller)).find((view) => view.id === id);
}

/** The TAXII collection resource (§5.2.1). */
export function collectionResource(view: CollectionView): Record<string, unknown> {
  return {
    id: view.id,
    title: view.title,
    description: view.description,
    can_read: view.canRead,
    can_write: view.canWrite,
    media_types: ['application/stix+json;version=2.1'],
  };
}
