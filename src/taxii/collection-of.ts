/** The collection a URL names, if the caller may see it: else 401 for anonymous callers, 404 for members. */
import type { FastifyRequest } from 'fastify';
import type { Caller } from '../hub/index.ts';
import { deniedRead } from './audit-taxii.ts';
import { unauthenticated } from './caller-of.ts';
import { type CollectionView, findCollection } from './collections.ts';
import type { TaxiiContext } from './taxii-context.ts';

export async function collectionOf(
  ctx: TaxiiContext,
  caller: Caller,
  request: FastifyRequest,
  id: string,
): Promise<CollectionView> {
  const view = await findCollection(ctx, caller, id);
  if (view) return view;
  if (caller.kind === 'anonymous') throw unauthenticated();
  throw await deniedRead(ctx, caller, request, 'collection', id);
}
