import { type MergePlan, planMerge } from './group-merge.ts';
import { type MispEntry, parseMispGalaxy } from './misp-entries.ts';
import { countInto, MISP_AUTHOR, relationship, sdo, type Versioned } from './objects.ts';
import { reconcile } from './reconcile.ts';
import type { ConvertOptions, StixObject } from './types.ts';

const CLUSTER_URL = 'https://github.com/MISP/misp-galaxy/blob/main/clusters/threat-actor.json';

export interface MispGalaxyOptions extends ConvertOptions {
  asOf: string;
  /** The ATT&CK intrusion-sets to merge into (the hub's, or those of the shipped ATT&CK bundle). */
  attackGroups: Iterable<StixObject>;
}

/**
 * MISP threat-actor entries merged with ATT&CK by alias (group-merge.ts). An entry that is an ATT&CK
 * group becomes a `note` of ours on MITRE's intrusion-set carrying the names MISP adds
 * (`x_bulwark_aliases`): we never issue versions of MITRE's objects. Any other entry becomes an
 * `intrusion-set` of ours whose id derives from the MISP uuid. MISP's `related` links become
 * `related-to` relationships, once per pair of groups.
 */
export function* convertMispGalaxy(text: string, options: MispGalaxyOptions): Generator<StixObject> {
  const source = options.source ?? 'MISP galaxy';
  const entries = parseMispGalaxy(text, source);
  const plan = planMerge(entries, options.attackGroups);
  options.report?.warnings.push(...plan.warnings);
  const v: Versioned = { author: MISP_AUTHOR, at: options.asOf, feed: 'misp-galaxy' };
  const fresh = mispObjects(entries, plan, v, options);
  for (const object of reconcile(fresh, options.previous, v.feed, options.asOf, options.report)) {
    countInto(options.report?.counts, object);
    yield object;
  }
}

function* mispObjects(
  entries: readonly MispEntry[],
  plan: MergePlan,
  v: Versioned,
  options: MispGalaxyOptions,
): Generator<StixObject> {
  yield MISP_AUTHOR;
  for (const entry of entries) {
    const target = plan.attackTarget.get(entry.uuid);
    const aliases = plan.aliases.get(entry.uuid) ?? [];
    yield target ? aliasNote(entry, target, aliases, v) : ownGroup(entry, aliases, v);
  }
  const pairs = new Set<string>();
  let outside = 0;
  for (const entry of entries) {
    const from = plan.groupOf.get(entry.uuid)!;
    for (const link of entry.related) {
      if (link.type === 'uses') continue;
      const to = plan.byUuid.get(link.destUuid);
      if (!to) {
        outside++;
        continue;
      }
      const pair = [from, to].sort().join('|');
      if (to === from || pairs.has(pair)) continue;
      pairs.add(pair);
      const destName = entries.find((e) => e.uuid === link.destUuid)?.value ?? to;
      const likelihood = link.tags.map((t) => /likelihood-probability="([^"]+)"/.exec(t)?.[1]).find(Boolean);
      const says = `MISP galaxy: "${entry.value}" ${link.type} "${destName}"${likelihood ? ` (${likelihood})` : ''}`;
      yield relationship(v, from, 'related-to', to, says);
    }
  }
  if (outside > 0) {
    options.report?.warnings.push(
      `${outside} MISP related links point outside this file and the ATT&CK groups`,
    );
  }
}

function references(entry: MispEntry): { source_name: string; url?: string; external_id?: string }[] {
  return [
    { source_name: 'misp-galaxy', external_id: entry.uuid, url: CLUSTER_URL },
    ...entry.refs.map((url) => ({ source_name: 'misp-galaxy reference', url })),
  ];
}

function aliasNote(entry: MispEntry, target: string, aliases: string[], v: Versioned): StixObject {
  const synonyms = entry.synonyms.length > 0 ? `\n\nMISP synonyms: ${entry.synonyms.join(', ')}.` : '';
  return sdo('note', `misp-galaxy|${entry.uuid}`, v, {
    abstract: `MISP galaxy threat actor "${entry.value}"`,
    content: `${entry.description ?? `MISP galaxy threat-actor entry "${entry.value}".`}${synonyms}`,
    object_refs: [target],
    x_bulwark_aliases: aliases,
    external_references: references(entry),
  });
}

function ownGroup(entry: MispEntry, aliases: string[], v: Versioned): StixObject {
  const names = [entry.value, ...aliases.filter((a) => a !== entry.value)];
  return sdo('intrusion-set', `misp-galaxy|${entry.uuid}`, v, {
    name: entry.value,
    ...(entry.description ? { description: entry.description } : {}),
    aliases: names,
    external_references: references(entry),
  });
}
