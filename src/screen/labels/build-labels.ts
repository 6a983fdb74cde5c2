/**
 * Labels for one reader, built here and nowhere else: from the hub, indicators on wallet values
 * (sanctions, heists, attributions), services' wallets (`infrastructure` `consists-of` wallet), victim
 * and conflict notes; from the store's alert records, the reader's own organisation's registered
 * deposit and hot wallets (registered-wallets.ts).
 */
import { normaliseValue, patternValues } from '../../stix/index.ts';
import type { ReadScope, Store } from '../../store/index.ts';
import {
  externalSources,
  infrastructureCategory,
  isSanctionsIndicator,
  nameOf,
  SANCTIONS_SOURCE,
} from './classify.ts';
import { type HubObject, type HubObjects, readHubObjects, related, strings, text } from './hub-objects.ts';
import { readRegisteredWallets, registeredWalletLabels } from './registered-wallets.ts';
import type { Label, LabelCategory, LabelEntity, LabelSet } from './types.ts';

const ACTOR_TYPES = new Set(['threat-actor', 'intrusion-set']);

export async function buildLabelSet(store: Store, scope: ReadScope): Promise<LabelSet> {
  const objects = await readHubObjects(store, scope);
  const orgNames = new Map((await store.listOrganisations()).map((o) => [o.id, o.name]));
  const registered = await readRegisteredWallets(store, scope);
  const labels = labelsOf(objects, orgNames);
  if (scope.kind === 'member' && registered.wallets.length > 0) {
    labels.push(...registeredWalletLabels(registered.wallets, orgNames.get(scope.orgId) ?? scope.orgId));
  }
  return {
    labels,
    version: objects.version,
    objectCount: objects.objectCount,
    registeredWallets: registered.stamp,
  };
}

/** Every label the objects make, in a stable order (object order of the store). */
export function labelsOf(objects: HubObjects, orgNames: ReadonlyMap<string, string>): Label[] {
  const walletIds = new Map<string, string>();
  for (const object of objects.byId.values()) {
    const value = object.type === 'cryptocurrency-wallet' ? text(object.json.value) : undefined;
    if (value) walletIds.set(normaliseValue('cryptocurrency-wallet', value), object.id);
  }
  const labels: Label[] = [];
  for (const object of objects.byId.values()) {
    if (object.type === 'indicator') labels.push(...indicatorLabels(objects, object, walletIds, orgNames));
    else if (object.type === 'infrastructure') labels.push(...serviceLabels(objects, object, orgNames));
    else if (object.type === 'note') labels.push(...noteLabels(objects, object, orgNames));
  }
  return labels;
}

function walletValuesOf(indicator: HubObject): string[] {
  if (indicator.json.pattern_type !== 'stix') return [];
  const pattern = text(indicator.json.pattern);
  if (!pattern) return [];
  const values = patternValues(pattern)
    .filter((v) => v.objectType === 'cryptocurrency-wallet' && v.path === 'value')
    .map((v) => normaliseValue('cryptocurrency-wallet', v.value));
  return [...new Set(values)];
}

function indicatorLabels(
  objects: HubObjects,
  indicator: HubObject,
  walletIds: ReadonlyMap<string, string>,
  orgNames: ReadonlyMap<string, string>,
): Label[] {
  const values = walletValuesOf(indicator);
  if (values.length === 0) return [];
  const { entities, stixIds } = indicatedEntities(objects, indicator.id);
  const basedOn = related(objects, indicator.id, 'based-on');
  const category: LabelCategory = isSanctionsIndicator(indicator)
    ? 'sanctioned'
    : entities.some((e) => e.type === 'campaign')
      ? 'heist'
      : entities.some((e) => ACTOR_TYPES.has(e.type))
        ? 'attributed'
        : 'flagged';
  const sources = externalSources(indicator);
  const source =
    (category === 'sanctioned' ? sources.find((s) => SANCTIONS_SOURCE.test(s)) : undefined) ??
    sources[0] ??
    text(indicator.json.x_bulwark_feed) ??
    orgNames.get(indicator.authorOrg) ??
    indicator.authorOrg;
  return values.map((address) => {
    const walletId = walletIds.get(address);
    const ids = [indicator.id, ...(walletId ? [walletId] : [])];
    for (const [rel, wallet] of basedOn) if (wallet.id === walletId) ids.push(rel.id);
    return {
      ...common(indicator, address, category, source, orgNames),
      detail: text(indicator.json.name) ?? text(indicator.json.description) ?? `indicator ${indicator.id}`,
      since: text(indicator.json.valid_from) ?? text(indicator.json.created),
      stixIds: [...ids, ...stixIds],
      entities,
    };
  });
}

/** What an indicator indicates, and for campaigns the groups they are attributed to. */
function indicatedEntities(
  objects: HubObjects,
  indicatorId: string,
): { entities: LabelEntity[]; stixIds: string[] } {
  const entities: LabelEntity[] = [];
  const stixIds: string[] = [];
  const seen = new Set<string>();
  const addEntity = (rel: HubObject, target: HubObject): void => {
    stixIds.push(rel.id);
    if (seen.has(target.id)) return;
    seen.add(target.id);
    stixIds.push(target.id);
    entities.push({ id: target.id, type: target.type, name: nameOf(target) });
  };
  for (const [rel, target] of related(objects, indicatorId, 'indicates')) {
    if (target.type !== 'campaign' && !ACTOR_TYPES.has(target.type)) continue;
    addEntity(rel, target);
    if (target.type !== 'campaign') continue;
    for (const [attribution, group] of related(objects, target.id, 'attributed-to')) {
      if (ACTOR_TYPES.has(group.type)) addEntity(attribution, group);
    }
  }
  return { entities, stixIds };
}

function serviceLabels(
  objects: HubObjects,
  infrastructure: HubObject,
  orgNames: ReadonlyMap<string, string>,
): Label[] {
  const category = infrastructureCategory(infrastructure);
  const entity = { id: infrastructure.id, type: infrastructure.type, name: nameOf(infrastructure) };
  const source =
    externalSources(infrastructure)[0] ??
    text(infrastructure.json.x_bulwark_feed) ??
    orgNames.get(infrastructure.authorOrg) ??
    infrastructure.authorOrg;
  const labels: Label[] = [];
  for (const [rel, wallet] of related(objects, infrastructure.id, 'consists-of')) {
    const value = wallet.type === 'cryptocurrency-wallet' ? text(wallet.json.value) : undefined;
    if (!value) continue;
    const address = normaliseValue('cryptocurrency-wallet', value);
    labels.push({
      // The relationship is what says the wallet is the service's: its marking and author rule.
      ...common(rel, address, category, source, orgNames),
      feed: text(infrastructure.json.x_bulwark_feed) ?? text(rel.json.x_bulwark_feed),
      detail: `${category} wallet of ${entity.name}`,
      since: text(rel.json.start_time) ?? text(rel.json.created),
      stixIds: [rel.id, wallet.id, infrastructure.id],
      entities: [entity],
    });
  }
  return labels;
}

function noteLabels(objects: HubObjects, note: HubObject, orgNames: ReadonlyMap<string, string>): Label[] {
  const tags = strings(note.json.labels);
  const category: LabelCategory | undefined = tags.includes('victim')
    ? 'victim'
    : tags.includes('label-conflict')
      ? 'disputed'
      : undefined;
  if (!category) return [];
  const refs = strings(note.json.object_refs)
    .map((id) => objects.byId.get(id))
    .filter((o): o is HubObject => o !== undefined);
  const entities = refs
    .filter((o) => o.type === 'campaign' || ACTOR_TYPES.has(o.type))
    .map((o) => ({ id: o.id, type: o.type, name: nameOf(o) }));
  const source = text(note.json.x_bulwark_feed) ?? orgNames.get(note.authorOrg) ?? note.authorOrg;
  return refs.flatMap((wallet) => {
    const value = wallet.type === 'cryptocurrency-wallet' ? text(wallet.json.value) : undefined;
    if (!value) return [];
    return [
      {
        ...common(note, normaliseValue('cryptocurrency-wallet', value), category, source, orgNames),
        detail: text(note.json.abstract) ?? text(note.json.content) ?? `note ${note.id}`,
        since: text(note.json.created),
        stixIds: [note.id, wallet.id, ...entities.map((e) => e.id)],
        entities,
      },
    ];
  });
}

function common(
  object: HubObject,
  address: string,
  category: LabelCategory,
  source: string,
  orgNames: ReadonlyMap<string, string>,
): Pick<Label, 'address' | 'category' | 'source' | 'feed' | 'marking' | 'authorOrg' | 'confidence'> {
  const confidence = typeof object.json.confidence === 'number' ? object.json.confidence : undefined;
  return {
    address,
    category,
    source,
    feed: text(object.json.x_bulwark_feed),
    marking: object.marking,
    authorOrg: orgNames.get(object.authorOrg) ?? object.authorOrg,
    ...(confidence === undefined ? {} : { confidence }),
  };
}
