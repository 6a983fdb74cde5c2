import { BulwarkError } from '../errors/index.ts';

/** One CSV record with the 1-based line it starts on. */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/**
 * RFC 4180 records: quoted fields may hold commas, doubled quotes and line breaks. Malformed input
 * (a quote inside an unquoted field, text after a closing quote, an unterminated quote) is FEED_FORMAT
 * with the line, so an operator can mend the file.
 */
export function* parseCsv(text: string, source: string): Generator<CsvRecord> {
  let line = 1;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const start = line;
    const fields: string[] = [];
    for (;;) {
      const field = readField(text, i, line, source);
      fields.push(field.value);
      i = field.end;
      line = field.line;
      if (i >= n) break;
      const c = text[i];
      if (c === ',') {
        i++;
        continue;
      }
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      break;
    }
    if (fields.length === 1 && fields[0] === '') continue;
    yield { line: start, fields };
  }
}

interface Field {
  value: string;
  end: number;
  line: number;
}

function readField(text: string, start: number, line: number, source: string): Field {
  if (text[start] === '"') return readQuoted(text, start, line, source);
  let i = start;
  while (i < text.length) {
    const c = text[i];
    if (c === ',' || c === '\n' || c === '\r') break;
    if (c === '"') {
      throw formatError(
        'a quote inside an unquoted field',
        source,
        line,
        'Quote the whole field: "a ""b"" c"',
      );
    }
    i++;
  }
  return { value: text.slice(start, i), end: i, line };
}

function readQuoted(text: string, start: number, line: number, source: string): Field {
  let value = '';
  let i = start + 1;
  let current = line;
  for (;;) {
    const close = text.indexOf('"', i);
    if (close < 0) {
      throw formatError('an unterminated quoted field', source, line, 'Close the quote the field opens');
    }
    const chunk = text.slice(i, close);
    value += chunk;
    current += countLineBreaks(chunk);
    if (text[close + 1] === '"') {
      value += '"';
      i = close + 2;
      continue;
    }
    const after = text[close + 1];
    if (after !== undefined && after !== ',' && after !== '\n' && after !== '\r') {
      // The opening line is where the mistake usually is (a stray quote swallowing what follows).
      const closed = current === line ? '' : ` (the quote opened here closes on line ${current})`;
      throw formatError(
        `text after a closing quote${closed}`,
        source,
        line,
        'Double a quote inside a quoted field',
      );
    }
    return { value, end: close + 1, line: current };
  }
}

function countLineBreaks(chunk: string): number {
  let count = 0;
  for (let k = 0; k < chunk.length; k++) if (chunk.charCodeAt(k) === 10) count++;
  return count;
}

function formatError(what: string, source: string, line: number, hint: string): BulwarkError {
  return new BulwarkError('FEED_FORMAT', `Malformed CSV: ${what}`, { source, line, hint });
}

/**
 * Records after a header that must be exactly `expected` (case-insensitive, trimmed); each record is
 * returned as an object keyed by the header, and a record with another field count is FEED_FORMAT.
 */
export function* csvRows(
  text: string,
  source: string,
  expected: readonly string[],
): Generator<{ line: number; row: Record<string, string> }> {
  const records = parseCsv(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, source);
  const first = records.next();
  const header = first.done ? [] : first.value.fields.map((f) => f.trim().toLowerCase());
  if (header.join(',') !== expected.join(',')) {
    throw new BulwarkError('FEED_FORMAT', `Unexpected CSV header "${header.join(',')}"`, {
      source,
      line: 1,
      hint: `The first line must be: ${expected.join(',')}`,
    });
  }
  for (const record of records) {
    if (record.fields.length !== expected.length) {
      throw new BulwarkError(
        'FEED_FORMAT',
        `CSV record has ${record.fields.length} fields, expected ${expected.length}`,
        {
          source,
          line: record.line,
          hint: `Each line holds: ${expected.join(',')}; quote fields with commas`,
        },
      );
    }
    const row: Record<string, string> = {};
    expected.forEach((name, k) => {
      row[name] = record.fields[k]!.trim();
    });
    yield { line: record.line, row };
  }
}
