import { malformed } from '../malformed.ts';

/** One field of the text block: its tag (`32A`), its lines and the input line it starts on. */
export interface MtField {
  tag: string;
  lines: string[];
  line: number;
}

/** Whether text[from, to) (a field's first line after its tag) holds a line terminator other than \n. */
function hasOtherBreak(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 || c === 0x2028 || c === 0x2029) return true;
  }
  return false;
}

/** `:20:` or `:32A:` at `from`: the tag's length (2 or 3), or 0 when the line starts no field. */
function tagLength(text: string, from: number, to: number): number {
  if (text.charCodeAt(from) !== 58 || to - from < 4) return 0;
  const d1 = text.charCodeAt(from + 1) - 48;
  const d2 = text.charCodeAt(from + 2) - 48;
  if (d1 < 0 || d1 > 9 || d2 < 0 || d2 > 9) return 0;
  const c = text.charCodeAt(from + 3);
  if (c === 58) return 2;
  return c >= 65 && c <= 90 && to - from >= 5 && text.charCodeAt(from + 4) === 58 ? 3 : 0;
}

/**
 * Interned tag strings (`20`, `32A`), so no tag is sliced per field: an array indexed by the tag's
 * number (two digits below 100; with a letter, 1000 + digits × 128 + letter), not a Map.
 */
const TAGS: (string | undefined)[] = new Array(1000 + 100 * 128).fill(undefined);

function tagText(text: string, from: number, length: number): string {
  let key = (text.charCodeAt(from) - 48) * 10 + text.charCodeAt(from + 1) - 48;
  if (length === 3) key = key * 128 + text.charCodeAt(from + 2) + 1000;
  let tag = TAGS[key];
  if (tag === undefined) {
    tag = text.slice(from, from + length);
    TAGS[key] = tag;
  }
  return tag;
}

/**
 * Fields read by `readFieldsInto`, the first `count` of `fields`: the objects and the array are reused
 * message after message, since a parse keeps no field (a payment holds the fields' strings, never the
 * fields). Before, they were a third of what parsing a message allocated.
 */
export class FieldPool {
  readonly fields: MtField[] = [];
  count = 0;

  /** A field for the next tag, reused from an earlier message when one is left. */
  take(tag: string, first: string, line: number): MtField {
    const field = this.fields[this.count];
    this.count++;
    if (field === undefined) {
      const fresh = { tag, lines: [first], line };
      this.fields.push(fresh);
      return fresh;
    }
    field.tag = tag;
    field.line = line;
    if (field.lines.length === 1) field.lines[0] = first;
    else field.lines = [first];
    return field;
  }
}

/**
 * Splits the text block `\r\n:20:REF\r\n:32A:…\r\n-` into fields, in one pass over the text without
 * splitting it into an array of lines first (this runs for every message screened).
 */
export function readFields(block4: string, firstLine: number, source?: string): MtField[] {
  const pool = new FieldPool();
  readFieldsInto(block4, firstLine, pool, source);
  return pool.fields;
}

/** `readFields` into a pool: its first `count` fields are the block's, valid until the pool's next use. */
export function readFieldsInto(block4: string, firstLine: number, pool: FieldPool, source?: string): void {
  const n = block4.length;
  pool.count = 0;
  let last: MtField | undefined;
  let from = 0;
  for (let i = 0; ; i++) {
    const nl = block4.indexOf('\n', from);
    const end = nl < 0 ? n : nl;
    const to = nl >= 0 && end > from && block4.charCodeAt(end - 1) === 13 ? end - 1 : end;
    if (nl < 0) {
      if (i === 0 && to > from) {
        throw malformed('block 4', 'must start with a line break after {4:', { line: firstLine, source });
      }
      if (to - from !== 1 || block4.charCodeAt(from) !== 45) {
        throw malformed('block 4', 'must end with a line holding only "-" before }', {
          line: firstLine + i,
          source,
        });
      }
      return;
    }
    if (i === 0) {
      if (to !== from) {
        throw malformed('block 4', 'must start with a line break after {4:', { line: firstLine, source });
      }
    } else {
      const tag = tagLength(block4, from, to);
      if (tag > 0 && !hasOtherBreak(block4, from + tag + 2, to)) {
        last = pool.take(tagText(block4, from + 1, tag), block4.slice(from + tag + 2, to), firstLine + i);
      } else if (!last) {
        const text = block4.slice(from, to);
        throw malformed('block 4', `text ${JSON.stringify(text.slice(0, 20))} comes before the first field`, {
          line: firstLine + i,
          source,
        });
      } else if (last.lines.length === 1) {
        // an exact two-element array: pushing onto a one-element array would allocate room for 17
        last.lines = [last.lines[0] as string, block4.slice(from, to)];
      } else last.lines.push(block4.slice(from, to));
    }
    from = nl + 1;
  }
}
