/**
 * GET /objects: the latest visible version of each object, paged by a cursor (the store's insertion
 * sequence), with the count of everything that matches — counted within the caller's scope.
 */
import { z } from 'zod';
import type { ObjectQuery } from '../../store/index.ts';
import { scopeFor } from './api-context.ts';
import { defineRoute } from './api-route.ts';
import { limitOf, StixObject, Timestamp } from './schemas.ts';

const Query = z.object({
  type: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]*(,[a-z0-9][a-z0-9-]*)*$/, 'a STIX type, or several separated by commas')
    .optional(),
  added_after: Timestamp.optional(),
  limit: limitOf(1000, 100),
  cursor: z
    .string()
    .regex(/^\d{1,15}$/, 'a cursor from an earlier page ("next")')
    .optional(),
});

const Response = z.object({
  count: z.number().describe('Objects matching the filter that the caller may read'),
  objects: z.array(StixObject),
  more: z.boolean(),
  next: z.string().optional().describe('The cursor of the next page'),
});

export const objectsListRoute = defineRoute({
  method: 'GET',
  path: '/objects',
  summary: 'List the objects the caller may read, newest versions, paged',
  tag: 'objects',
  role: 'reader',
  query: Query,
  response: Response,
  handle: async ({ query, caller, ctx }) => {
    const filter: ObjectQuery = {
      scope: scopeFor(caller),
      versions: { kind: 'latest' },
      ...(query.type ? { types: query.type.split(',') } : {}),
      ...(query.added_after ? { addedAfter: query.added_after } : {}),
    };
    const page = await ctx.store.query({
      ...filter,
      limit: query.limit,
      ...(query.cursor ? { afterSeq: Number(query.cursor) } : {}),
    });
    const last = page.items.at(-1);
    return {
      count: await ctx.store.count(filter),
      objects: page.items.map((v) => JSON.parse(v.json) as unknown),
      more: page.more,
      ...(page.more && last ? { next: String(last.seq) } : {}),
    };
  },
});
