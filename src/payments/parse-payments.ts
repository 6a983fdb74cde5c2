import type { BulwarkError } from '../errors/index.ts';
import { isBulwarkError } from '../errors/index.ts';
import { parsePacs } from './iso20022/parse-pacs.ts';
import { malformed } from './malformed.ts';
import type { FinChunk } from './mt103/fin-envelope.ts';
import { parseMt103 } from './mt103/parse-mt103.ts';
import { RjeSplitter } from './rje-splitter.ts';
import type { Payment } from './types.ts';

export type ParseResult = { ok: true; payment: Payment } | { ok: false; error: BulwarkError; index: number };

export interface ParseOptions {
  /** File name or `-`, carried into every error. */
  source?: string;
}

type InputKind = 'fin' | 'xml' | 'jsonl';

/**
 * Parses a batch of payment messages, one result per payment (a pacs message yields one per transaction).
 * Input: an RJE/FIN file (`$`-separated MT103s), one or more ISO 20022 XML documents, or JSON lines
 * (`"message text"` or `{"message": "…"}`). A malformed message yields an error and the batch goes on.
 */
export async function* parsePayments(
  input: AsyncIterable<string> | string,
  options: ParseOptions = {},
): AsyncGenerator<ParseResult> {
  const chunks = typeof input === 'string' ? single(input) : input;
  const source = options.source;
  let kind: InputKind | undefined;
  let pending = '';
  const fin = new RjeSplitter();
  const lines = new LineSplitter();
  let index = 0;
  for await (const chunk of chunks) {
    pending += chunk;
    kind ??= detect(pending);
    if (kind === undefined || kind === 'xml') continue;
    const text = pending;
    pending = '';
    if (kind === 'fin') for (const c of fin.feed(text)) yield* parseMessage(c, index++, source);
    else for (const l of lines.feed(text)) yield* parseJsonLine(l, index++, source);
  }
  kind ??= detect(pending, true);
  if (kind === 'fin') for (const c of fin.feed(pending)) yield* parseMessage(c, index++, source);
  if (kind === 'fin') for (const c of fin.end()) yield* parseMessage(c, index++, source);
  else if (kind === 'jsonl')
    for (const l of [...lines.feed(pending), ...lines.end()]) yield* parseJsonLine(l, index++, source);
  else if (kind === 'xml')
    for (const doc of splitXmlDocuments(pending)) yield* parseMessage(doc, index++, source);
}

async function* single(text: string): AsyncGenerator<string> {
  yield text;
}

function detect(start: string, final = false): InputKind | undefined {
  const text = start.trimStart();
  if (text.length < 3 && !final) return undefined;
  if (text.startsWith('{1:')) return 'fin';
  if (text.startsWith('<')) return 'xml';
  return 'jsonl';
}

/** Parses one message (FIN or XML) found anywhere in the input. */
export function* parseMessage(chunk: FinChunk, index: number, source?: string): Generator<ParseResult> {
  const text = chunk.text.trimStart();
  try {
    if (text.startsWith('{')) {
      yield { ok: true, payment: parseMt103(chunk, index, source) };
    } else if (text.startsWith('<')) {
      for (const result of parsePacs(text, index, chunk.line, source)) {
        yield result.ok ? result : { ok: false, error: result.error, index };
      }
    } else {
      throw malformed('message', 'is neither a FIN message ({1:…) nor ISO 20022 XML (<…)', {
        line: chunk.line,
        source,
      });
    }
  } catch (error) {
    if (!isBulwarkError(error)) throw error;
    yield { ok: false, error, index };
  }
}

function* parseJsonLine(entry: FinChunk, index: number, source?: string): Generator<ParseResult> {
  let value: unknown;
  try {
    value = JSON.parse(entry.text);
  } catch {
    const reason = 'is neither a FIN message ({1:…), ISO 20022 XML (<…) nor a JSON line';
    yield { ok: false, index, error: malformed('message', reason, { line: entry.line, source }) };
    return;
  }
  const message =
    typeof value === 'string'
      ? value
      : typeof value === 'object' &&
          value !== null &&
          typeof (value as { message?: unknown }).message === 'string'
        ? (value as { message: string }).message
        : undefined;
  if (message === undefined) {
    const error = malformed('message', 'a JSON line must be a string or {"message": "…"}', {
      line: entry.line,
      source,
    });
    yield { ok: false, index, error };
    return;
  }
  yield* parseMessage({ text: message.trim(), line: entry.line }, index, source);
}

/** Several XML documents in one stream start each with an XML declaration. */
function splitXmlDocuments(text: string): FinChunk[] {
  const starts: number[] = [];
  const pattern = /<\?xml\b/g;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) starts.push(m.index);
  if (starts.length <= 1) return [{ text: text.trim(), line: 1 + leadingLines(text) }];
  const docs: FinChunk[] = [];
  let line = 1;
  let last = 0;
  for (const [i, start] of starts.entries()) {
    line += countNewlines(text, last, start);
    last = start;
    const end = starts[i + 1] ?? text.length;
    docs.push({ text: text.slice(start, end).trim(), line });
  }
  return docs;
}

function leadingLines(text: string): number {
  return countNewlines(text, 0, text.length - text.trimStart().length);
}

function countNewlines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

/** Cuts a stream into non-empty lines, remembering each line's number. */
class LineSplitter {
  private rest = '';
  private line = 1;

  *feed(text: string): Generator<FinChunk> {
    const buffer = this.rest + text;
    let from = 0;
    let at = buffer.indexOf('\n');
    while (at >= 0) {
      const raw = buffer.slice(from, at);
      if (raw.trim().length > 0) yield { text: raw.trim(), line: this.line };
      this.line++;
      from = at + 1;
      at = buffer.indexOf('\n', from);
    }
    this.rest = buffer.slice(from);
  }

  *end(): Generator<FinChunk> {
    if (this.rest.trim().length > 0) yield { text: this.rest.trim(), line: this.line };
    this.rest = '';
  }
}
