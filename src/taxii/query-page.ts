/**
 * A page for several version selectors at once (`match[version]=first,last`): one store query per
 * selector from the same cursor, united by seq. Each query returns the first `limit` rows of its own
 * list, so the first `limit` rows of the union are all among them, and no row is skipped by `next`.
 */
import type { ObjectPage, ObjectQuery, Store, StoredVersion, VersionSelector } from '../store/index.ts';
import { DEFAULT_PAGE } from './query-params.ts';

export type SelectorsQuery = Omit<ObjectQuery, 'versions'> & { versions?: readonly VersionSelector[] };

export async function queryPage(store: Store, query: SelectorsQuery): Promise<ObjectPage> {
  const { versions = [{ kind: 'latest' }], ...rest } = query;
  if (versions.length === 1) return store.query({ ...rest, versions: versions[0] });
  const pages = await Promise.all(versions.map((selector) => store.query({ ...rest, versions: selector })));
  const bySeq = new Map<number, StoredVersion>();
  for (const page of pages) for (const item of page.items) bySeq.set(item.seq, item);
  const united = [...bySeq.values()].sort((a, b) => a.seq - b.seq);
  const limit = rest.limit ?? DEFAULT_PAGE;
  return { items: united.slice(0, limit), more: united.length > limit || pages.some((page) => page.more) };
}
