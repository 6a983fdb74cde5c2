import type { StixObject } from './types.ts';

/**
 * How a group name is compared: case, spaces and punctuation ignored ("APT 38" = "APT38",
 * "Bluenoroff" = "BlueNoroff"), and MISP's "Subgroup: X" read as X.
 */
export function normaliseTerm(name: string): string {
  return name
    .normalize('NFKD')
    .toLowerCase()
    .trim()
    .replace(/^subgroup:\s*/, '')
    .replace(/[^a-z0-9]/g, '');
}

/** The ATT&CK external id (G0032…) of an object, if any. */
export function attackId(object: StixObject): string | undefined {
  const refs = Array.isArray(object.external_references) ? object.external_references : [];
  for (const ref of refs) {
    const r = ref as { source_name?: unknown; external_id?: unknown };
    if (r.source_name === 'mitre-attack' && typeof r.external_id === 'string') return r.external_id;
  }
  return undefined;
}

/** Every name an intrusion-set goes by in its own object: name, aliases, ATT&CK id. */
export function ownTerms(group: StixObject): string[] {
  const terms = [String(group.name ?? '')];
  if (Array.isArray(group.aliases)) for (const a of group.aliases) if (typeof a === 'string') terms.push(a);
  const external = attackId(group);
  if (external) terms.push(external);
  return terms.filter((t) => normaliseTerm(t) !== '');
}

/**
 * Term → group id over a set of converted objects: intrusion-sets by their own names, and the notes
 * the MISP converter attaches to ATT&CK groups by their `x_bulwark_aliases`. Revoked groups are left
 * out (their successor carries the names). This is what a name search must use to find one group.
 */
export function groupAliasIndex(objects: Iterable<StixObject>): Map<string, Set<string>> {
  const index = new Map<string, Set<string>>();
  const add = (term: string, id: string) => {
    const key = normaliseTerm(term);
    if (key === '') return;
    const ids = index.get(key) ?? new Set<string>();
    ids.add(id);
    index.set(key, ids);
  };
  for (const object of objects) {
    if (object.revoked === true) continue;
    if (object.type === 'intrusion-set') for (const t of ownTerms(object)) add(t, object.id);
    if (
      object.type === 'note' &&
      Array.isArray(object.x_bulwark_aliases) &&
      Array.isArray(object.object_refs)
    ) {
      const target = object.object_refs.find((r) => typeof r === 'string' && r.startsWith('intrusion-set--'));
      if (typeof target === 'string') for (const a of object.x_bulwark_aliases) add(String(a), target);
    }
  }
  return index;
}
