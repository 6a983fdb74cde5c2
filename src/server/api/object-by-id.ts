/**
 * GET /objects/{id}: the latest version the caller may read, its marking and author organisation, the
 * relationships and sightings that reference it (visible ones only), and with `?versions=all` every
 * visible version. What the caller may not read is 404, and the refusal is audited.
 */
import { z } from 'zod';
import type { StoredVersion } from '../../store/index.ts';
import { deniedObject, scopeFor } from './api-context.ts';
import { defineRoute } from './api-route.ts';
import { StixId, StixObject, Tlp } from './schemas.ts';

const Params = z.object({ id: StixId });
const Query = z.object({ versions: z.enum(['latest', 'all']).default('latest') });

const Response = z.object({
  object: StixObject,
  tlp: Tlp,
  date_added: z.string(),
  author: z.object({ id: z.string(), name: z.string().nullable() }),
  relationships: z.array(StixObject),
  sightings: z.array(StixObject),
  referenced_by: z.array(StixObject).describe('Other visible objects that reference it (reports, notes…)'),
  versions: z.array(StixObject).optional().describe('Every visible version, oldest first (?versions=all)'),
});

const parse = (v: StoredVersion): unknown => JSON.parse(v.json);

export const objectByIdRoute = defineRoute({
  method: 'GET',
  path: '/objects/{id}',
  summary: 'One object with its relationships, sightings and (optionally) versions',
  tag: 'objects',
  role: 'reader',
  params: Params,
  query: Query,
  response: Response,
  handle: async ({ params, query, caller, request, ctx }) => {
    const scope = scopeFor(caller);
    const latest = await ctx.store.query({ scope, ids: [params.id], versions: { kind: 'latest' }, limit: 1 });
    const version = latest.items[0];
    if (version === undefined) throw await deniedObject(ctx, caller, request, params.id);
    // An object that names itself (an organisation's identity is its own creator) is not its neighbour.
    const referencing = (await ctx.store.findReferencing(params.id, scope, 1000)).filter(
      (v) => v.id !== params.id,
    );
    const author = await ctx.store.getOrganisation(version.authorOrg);
    const all =
      query.versions === 'all'
        ? (await ctx.store.query({ scope, ids: [params.id], versions: { kind: 'all' }, limit: 10_000 })).items
        : undefined;
    return {
      object: parse(version),
      tlp: version.tlp,
      date_added: version.dateAdded,
      author: { id: version.authorOrg, name: author?.name ?? null },
      relationships: referencing.filter((v) => v.type === 'relationship').map(parse),
      sightings: referencing.filter((v) => v.type === 'sighting').map(parse),
      referenced_by: referencing.filter((v) => v.type !== 'relationship' && v.type !== 'sighting').map(parse),
      ...(all ? { versions: all.map(parse) } : {}),
    };
  },
});
