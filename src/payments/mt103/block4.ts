import { malformed } from '../malformed.ts';

/** One field of the text block: its tag (`32A`), its lines and the input line it starts on. */
export interface MtField {
  tag: string;
  lines: string[];
  line: number;
}

/** Splits the text block `\r\n:20:REF\r\n:32A:…\r\n-` into fields. */
export function readFields(block4: string, firstLine: number, source?: string): MtField[] {
  const lines = block4.split(/\r?\n/);
  if (lines[0] !== '') {
    throw malformed('block 4', 'must start with a line break after {4:', { line: firstLine, source });
  }
  if (lines[lines.length - 1] !== '-') {
    throw malformed('block 4', 'must end with a line holding only "-" before }', {
      line: firstLine + lines.length - 1,
      source,
    });
  }
  const fields: MtField[] = [];
  for (let i = 1; i < lines.length - 1; i++) {
    const text = lines[i] as string;
    const match = /^:(\d{2}[A-Z]?):(.*)$/.exec(text);
    if (match) {
      fields.push({ tag: match[1] as string, lines: [match[2] as string], line: firstLine + i });
      continue;
    }
    const last = fields[fields.length - 1];
    if (!last) {
      throw malformed('block 4', `text ${JSON.stringify(text.slice(0, 20))} comes before the first field`, {
        line: firstLine + i,
        source,
      });
    }
    last.lines.push(text);
  }
  return fields;
}
