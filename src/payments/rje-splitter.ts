import type { FinChunk } from './mt103/fin-envelope.ts';

/** Cuts a streamed RJE file into FIN messages at each `$`, keeping the line each message starts on. */
export class RjeSplitter {
  private rest = '';
  private line = 1;

  *feed(text: string): Generator<FinChunk> {
    const buffer = this.rest + text;
    // walk with an index: slicing the rest after every message would copy a large input quadratically
    let from = 0;
    let at = buffer.indexOf('$');
    while (at >= 0) {
      const chunk = this.take(buffer.slice(from, at));
      if (chunk) yield chunk;
      from = at + 1;
      at = buffer.indexOf('$', from);
    }
    this.rest = buffer.slice(from);
  }

  *end(): Generator<FinChunk> {
    const chunk = this.take(this.rest);
    this.rest = '';
    if (chunk) yield chunk;
  }

  private take(raw: string): FinChunk | undefined {
    const lead = raw.length - raw.trimStart().length;
    const start = this.line + newlines(raw, 0, lead);
    this.line += newlines(raw, 0, raw.length);
    const text = raw.trim();
    return text.length > 0 ? { text, line: start } : undefined;
  }
}

/** All messages of a whole RJE text. */
export function splitRje(input: string): FinChunk[] {
  const splitter = new RjeSplitter();
  return [...splitter.feed(input), ...splitter.end()];
}

function newlines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}
