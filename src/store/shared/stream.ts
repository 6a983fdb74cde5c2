/** `Store.stream` for both adapters: keyset pages on seq, one page in memory at a time. */
import type { ObjectPage, ObjectQuery, StoredVersion } from '../types.ts';

export async function* streamPages(
  page: (query: ObjectQuery) => Promise<ObjectPage>,
  query: ObjectQuery,
  pageSize: number,
): AsyncIterable<StoredVersion> {
  let afterSeq = query.afterSeq;
  for (;;) {
    const result = await page({ ...query, afterSeq, limit: pageSize });
    for (const item of result.items) yield item;
    if (!result.more || result.items.length === 0) return;
    afterSeq = result.items[result.items.length - 1]!.seq;
  }
}
