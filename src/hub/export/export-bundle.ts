import { randomUUID } from 'node:crypto';
import type { ObjectQuery, Store } from '../../store/index.ts';

/**
 * Yields a STIX bundle as text pieces, one object at a time, so an export of any size streams with
 * bounded memory. The objects' stored JSON is written as-is.
 */
const PIECE_CHARS = 256 * 1024;

export async function* exportBundle(
  store: Store,
  query: ObjectQuery,
  onObject?: (count: number) => void,
): AsyncGenerator<string> {
  // Objects are gathered into pieces of about 256 KiB: fewer, larger writes and less garbage per object.
  let piece = [`{"type":"bundle","id":"bundle--${randomUUID()}","objects":[`];
  let size = 0;
  let count = 0;
  for await (const version of store.stream(query)) {
    piece.push(count === 0 ? '\n' : ',\n', version.json);
    size += version.json.length;
    count++;
    onObject?.(count);
    if (size >= PIECE_CHARS) {
      yield piece.join('');
      piece = [];
      size = 0;
    }
  }
  piece.push(count === 0 ? ']}\n' : '\n]}\n');
  yield piece.join('');
}
