/**
 * GET /search: any value — an IP, a domain, a hash, a wallet address, an actor's name or alias —
 * across everything the caller may read. Aliases that only a note carries (`x_bulwark_aliases`, from
 * MISP) lead to the objects the note is about, if the caller may read them too.
 */
import { z } from 'zod';
import { normaliseName } from '../../stix/index.ts';
import type { ReadScope, Store, StoredVersion } from '../../store/index.ts';
import { scopeFor } from './api-context.ts';
import { defineRoute } from './api-route.ts';
import { limitOf, StixObject, Tlp } from './schemas.ts';

const Query = z.object({
  q: z.string().trim().min(1).max(2048).describe('The value to look for'),
  limit: limitOf(1000, 100),
});

const Hit = z.object({ object: StixObject, tlp: Tlp, date_added: z.string() });
const Response = z.object({ q: z.string(), count: z.number(), hits: z.array(Hit) });

/** The forms a value is indexed under: as given, lower-cased (hashes, domains), name-normalised. */
function forms(q: string): string[] {
  return [...new Set([q, q.toLowerCase(), normaliseName(q)])];
}

function aliasTargets(notes: readonly StoredVersion[]): string[] {
  const ids: string[] = [];
  for (const note of notes) {
    if (note.type !== 'note') continue;
    const parsed = JSON.parse(note.json) as { x_bulwark_aliases?: unknown; object_refs?: unknown };
    if (!Array.isArray(parsed.x_bulwark_aliases) || !Array.isArray(parsed.object_refs)) continue;
    for (const ref of parsed.object_refs) if (typeof ref === 'string') ids.push(ref);
  }
  return ids;
}

export async function searchValue(
  store: Store,
  q: string,
  scope: ReadScope,
  limit: number,
): Promise<StoredVersion[]> {
  const found = new Map<string, StoredVersion>();
  for (const form of forms(q)) {
    for (const v of await store.findByValue(form, scope, limit)) found.set(v.id, v);
  }
  const targets = aliasTargets([...found.values()]).filter((id) => !found.has(id));
  if (targets.length > 0) {
    const page = await store.query({
      scope,
      ids: targets,
      versions: { kind: 'latest' },
      limit: targets.length,
    });
    for (const v of page.items) found.set(v.id, v);
  }
  return [...found.values()].sort((a, b) => a.seq - b.seq).slice(0, limit);
}

export const searchRoute = defineRoute({
  method: 'GET',
  path: '/search',
  summary: 'Find objects by any value, among what the caller may read',
  tag: 'objects',
  role: 'reader',
  query: Query,
  response: Response,
  handle: async ({ query, caller, ctx }) => {
    const hits = await searchValue(ctx.store, query.q, scopeFor(caller), query.limit);
    return {
      q: query.q,
      count: hits.length,
      hits: hits.map((v) => ({ object: JSON.parse(v.json) as unknown, tlp: v.tlp, date_added: v.dateAdded })),
    };
  },
});
