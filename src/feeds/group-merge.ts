import { mispGroupId } from './dprk-groups.ts';
import { normaliseTerm, ownTerms } from './group-terms.ts';
import type { MispEntry } from './misp-entries.ts';
import type { StixObject } from './types.ts';

/**
 * Where each MISP entry lands and which of its names it brings. Rules (README.md, "MISP merge"):
 * 1. An entry whose value is an ATT&CK group's name, alias or id is that group; otherwise one whose
 *    synonyms name exactly one ATT&CK group is that group; otherwise it is a group of its own.
 * 2. A name ATT&CK gives a group stays with that group, even when MISP lists it under a broader entry
 *    (MISP's "Lazarus Group" lists Andariel and APT38, which ATT&CK keeps apart).
 * 3. A name several entries claim for different groups goes to the entry whose value it is, else to
 *    the most specific entry (fewest synonyms), else to the lowest uuid: one name, one group.
 */
export interface MergePlan {
  /** MISP uuid → the ATT&CK group it merges into, if any. */
  attackTarget: Map<string, string>;
  /** MISP uuid → the group id its names belong to (ATT&CK's or its own). */
  groupOf: Map<string, string>;
  /** MISP uuid → the names it adds to its group (none of them an ATT&CK name). */
  aliases: Map<string, string[]>;
  /** ATT&CK and MISP uuids → group id, for MISP's `related` links. */
  byUuid: Map<string, string>;
  warnings: string[];
}

interface Claim {
  group: string;
  uuid: string;
  isValue: boolean;
  specificity: number;
}

export function planMerge(entries: readonly MispEntry[], attackGroups: Iterable<StixObject>): MergePlan {
  const attack = new Map<string, string>();
  const byUuid = new Map<string, string>();
  for (const group of attackGroups) {
    if (group.type !== 'intrusion-set' || group.revoked === true) continue;
    byUuid.set(group.id.slice('intrusion-set--'.length), group.id);
    for (const term of ownTerms(group)) attack.set(normaliseTerm(term), group.id);
  }
  const plan: MergePlan = {
    attackTarget: new Map(),
    groupOf: new Map(),
    aliases: new Map(),
    byUuid,
    warnings: [],
  };
  const claims = new Map<string, Claim[]>();
  for (const entry of entries) {
    const target = attackTargetOf(entry, attack);
    const group = target ?? mispGroupId(entry.uuid);
    if (target) plan.attackTarget.set(entry.uuid, target);
    plan.groupOf.set(entry.uuid, group);
    byUuid.set(entry.uuid, group);
    for (const term of [entry.value, ...entry.synonyms]) {
      const key = normaliseTerm(term);
      if (key === '' || attack.has(key)) continue;
      const list = claims.get(key) ?? [];
      list.push({
        group,
        uuid: entry.uuid,
        isValue: term === entry.value,
        specificity: entry.synonyms.length,
      });
      claims.set(key, list);
    }
  }
  const winners = resolveClaims(claims, entries, plan.warnings);
  for (const entry of entries) {
    const group = plan.groupOf.get(entry.uuid)!;
    const kept = new Map<string, string>();
    for (const term of [entry.value, ...entry.synonyms]) {
      const key = normaliseTerm(term);
      if (winners.get(key) === group && !kept.has(key)) kept.set(key, term);
    }
    plan.aliases.set(entry.uuid, [...kept.values()]);
  }
  return plan;
}

function attackTargetOf(entry: MispEntry, attack: Map<string, string>): string | undefined {
  const direct = attack.get(normaliseTerm(entry.value));
  if (direct) return direct;
  const named = new Set<string>();
  for (const synonym of entry.synonyms) {
    const id = attack.get(normaliseTerm(synonym));
    if (id) named.add(id);
  }
  return named.size === 1 ? [...named][0] : undefined;
}

function resolveClaims(claims: Map<string, Claim[]>, entries: readonly MispEntry[], warnings: string[]) {
  const names = new Map(entries.map((e) => [e.uuid, e.value]));
  const winners = new Map<string, string>();
  for (const [key, list] of claims) {
    const ranked = [...list].sort(
      (a, b) =>
        Number(b.isValue) - Number(a.isValue) ||
        a.specificity - b.specificity ||
        a.uuid.localeCompare(b.uuid),
    );
    const winner = ranked[0]!;
    winners.set(key, winner.group);
    const losers = [...new Set(ranked.filter((c) => c.group !== winner.group).map((c) => names.get(c.uuid)))];
    if (losers.length > 0) {
      warnings.push(
        `name "${key}" is claimed by ${names.get(winner.uuid)} and ${losers.join(', ')}: kept with ${names.get(winner.uuid)}`,
      );
    }
  }
  return winners;
}
