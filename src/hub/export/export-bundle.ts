import { randomUUID } from 'node:crypto';
import type { ObjectQuery, Store } from '../../store/index.ts';

/**
 * Yields a STIX bundle as text pieces, one object at a time, so an export of any size streams with
 * bounded memory. The objects' stored JSON is written as-is.
 */
export async function* exportBundle(
  store: Store,
  query: ObjectQuery,
  onObject?: (count: number) => void,
): AsyncGenerator<string> {
  yield `{"type":"bundle","id":"bundle--${randomUUID()}","objects":[`;
  let count = 0;
  for await (const version of store.stream(query)) {
    yield count === 0 ? `\n${version.json}` : `,\n${version.json}`;
    count++;
    onObject?.(count);
  }
  yield count === 0 ? ']}\n' : '\n]}\n';
}
