/**
 * Splits a STIX bundle, arriving in chunks of any size, into the raw JSON text of each element of its
 * `objects` array, without holding the bundle in memory. Only the bundle's top-level structure is
 * checked here; each element is handed on as text for `JSON.parse`, which is far faster than a
 * streaming tokenizer written in JavaScript. Other top-level values (`type`, `id`, …) are captured,
 * up to a size, so the caller can check that the document is a bundle.
 */
import { BulwarkError } from '../../errors/index.ts';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;
const NEWLINE = 0x0a;

/** Largest top-level value other than `objects` that is kept. */
const MAX_CAPTURE = 64 * 1024;

/** Where an element sits in the input, for error messages. */
export interface ElementPlace {
  /** 0-based index in the objects array. */
  index: number;
  /** 1-based line on which the element starts. */
  line: number;
}

type State =
  | 'start'
  | 'key'
  | 'colon'
  | 'value'
  | 'capture'
  | 'after-value'
  | 'array-first'
  | 'array-next'
  | 'element'
  | 'after-element'
  | 'end';

function isSpace(byte: number): boolean {
  return byte === 0x20 || byte === NEWLINE || byte === 0x0d || byte === 0x09;
}

export class BundleSplitter {
  readonly #onElement: (text: string, place: ElementPlace) => void;
  readonly #source: string;
  #state: State = 'start';
  #line = 1;
  #inString = false;
  #escaped = false;
  #depth = 0;
  #key = '';
  #keyParts: Buffer[] = [];
  #parts: Buffer[] = [];
  #captureLength = 0;
  #captureLiteral = false;
  #elementLine = 1;
  #index = 0;
  /** Top-level values other than `objects`, parsed (only those up to 64 KiB). */
  readonly topLevel = new Map<string, unknown>();
  sawObjects = false;

  constructor(onElement: (text: string, place: ElementPlace) => void, source = 'input') {
    this.#onElement = onElement;
    this.#source = source;
  }

  get count(): number {
    return this.#index;
  }

  /** Feeds the next chunk. Throws INVALID_JSON or NOT_A_BUNDLE at the first structural fault. */
  write(chunk: Buffer): void {
    // start of the part of this chunk that belongs to the element, key or capture being read
    let mark = this.#state === 'element' || this.#state === 'capture' || this.#keyOpen() ? 0 : -1;
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i]!;
      if (byte === NEWLINE) this.#line++;
      if (this.#inString) {
        if (this.#escaped) this.#escaped = false;
        else if (byte === BACKSLASH) this.#escaped = true;
        else if (byte === QUOTE) {
          this.#inString = false;
          if (this.#state === 'key') {
            this.#keyParts.push(chunk.subarray(mark, i));
            this.#finishKey();
            mark = -1;
          } else if (this.#state === 'capture' && this.#depth === 0) {
            this.#finishCapture(chunk, mark, i + 1);
            mark = -1;
          }
        }
        continue;
      }
      switch (this.#state) {
        case 'element':
          if (byte === QUOTE) this.#inString = true;
          else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) this.#depth++;
          else if ((byte === CLOSE_BRACE || byte === CLOSE_BRACKET) && --this.#depth === 0) {
            this.#emitElement(chunk, mark, i + 1);
            mark = -1;
          }
          continue;
        case 'capture':
          if (this.#captureLiteral) {
            if (byte === COMMA || byte === CLOSE_BRACE || isSpace(byte)) {
              this.#finishCapture(chunk, mark, i);
              mark = -1;
              i--; // the delimiter belongs to the next state
              if (byte === NEWLINE) this.#line--;
            }
          } else if (byte === QUOTE) this.#inString = true;
          else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) this.#depth++;
          else if ((byte === CLOSE_BRACE || byte === CLOSE_BRACKET) && --this.#depth === 0) {
            this.#finishCapture(chunk, mark, i + 1);
            mark = -1;
          }
          continue;
      }
      if (isSpace(byte)) continue;
      switch (this.#state) {
        case 'start':
          if (byte === OPEN_BRACKET)
            throw this.#notBundle('the document is a JSON array, not a bundle object');
          if (byte !== OPEN_BRACE) throw this.#syntax(`expected '{' to open the bundle`);
          this.#state = 'key';
          break;
        case 'key':
          if (byte !== QUOTE) throw this.#syntax('expected a property name in double quotes');
          this.#inString = true;
          this.#keyParts = [];
          mark = i + 1;
          break;
        case 'colon':
          if (byte !== COLON) throw this.#syntax(`expected ':' after "${this.#key}"`);
          this.#state = 'value';
          break;
        case 'value':
          if (this.#key === 'objects') {
            if (byte !== OPEN_BRACKET) throw this.#notBundle('"objects" must be an array of STIX objects');
            this.sawObjects = true;
            this.#state = 'array-first';
            break;
          }
          this.#state = 'capture';
          this.#parts = [];
          this.#captureLength = 0;
          mark = i;
          this.#captureLiteral = byte !== QUOTE && byte !== OPEN_BRACE && byte !== OPEN_BRACKET;
          this.#depth = this.#captureLiteral || byte === QUOTE ? 0 : 1;
          if (byte === QUOTE) this.#inString = true;
          break;
        case 'after-value':
          if (byte === COMMA) this.#state = 'key';
          else if (byte === CLOSE_BRACE) this.#state = 'end';
          else throw this.#syntax(`expected ',' or '}' after the value of "${this.#key}"`);
          break;
        case 'array-first':
        case 'array-next':
          if (byte === CLOSE_BRACKET && this.#state === 'array-first') {
            this.#state = 'after-value';
            break;
          }
          if (byte === CLOSE_BRACKET)
            throw this.#syntax(`a comma after object #${this.#index} is not followed by an object`);
          if (byte !== OPEN_BRACE)
            throw this.#syntax(`element #${this.#index} of "objects" is not a JSON object`);
          this.#state = 'element';
          this.#depth = 1;
          this.#parts = [];
          this.#elementLine = this.#line;
          mark = i;
          break;
        case 'after-element':
          if (byte === COMMA) this.#state = 'array-next';
          else if (byte === CLOSE_BRACKET) this.#state = 'after-value';
          else throw this.#syntax(`expected ',' or ']' after object #${this.#index - 1}`);
          break;
        case 'end':
          throw this.#syntax('unexpected content after the end of the bundle');
      }
    }
    if (mark >= 0) this.#keep(chunk, mark);
  }

  /** Call after the last chunk: throws if the document ended early or is not a bundle. */
  end(): void {
    if (this.#state === 'start') throw this.#notBundle('the input is empty');
    if (this.#state !== 'end')
      throw this.#syntax('the input ended before the bundle was closed (truncated file?)');
    const type = this.topLevel.get('type');
    if (type !== 'bundle') {
      const why = this.topLevel.has('type') ? `its "type" is ${JSON.stringify(type)}` : 'it has no "type"';
      throw this.#notBundle(`${why}; a bundle has "type": "bundle"`);
    }
  }

  #keyOpen(): boolean {
    return this.#state === 'key' && this.#inString;
  }

  #keep(chunk: Buffer, from: number): void {
    // copied: the producer may reuse the chunk's memory
    const part = Buffer.from(chunk.subarray(from));
    if (this.#state === 'key') this.#keyParts.push(part);
    else if (this.#state === 'element') this.#parts.push(part);
    else if (this.#state === 'capture') this.#keepCapture(part);
  }

  #keepCapture(part: Buffer): void {
    this.#captureLength += part.length;
    if (this.#captureLength <= MAX_CAPTURE) this.#parts.push(part);
  }

  #finishKey(): void {
    const raw = Buffer.concat(this.#keyParts).toString('utf8');
    try {
      this.#key = raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw;
    } catch {
      throw this.#syntax(`the property name "${raw}" is not a valid JSON string`);
    }
    this.#state = 'colon';
  }

  #finishCapture(chunk: Buffer, from: number, to: number): void {
    this.#keepCapture(chunk.subarray(from, to));
    this.#state = 'after-value';
    if (this.#captureLength > MAX_CAPTURE) return;
    const text = Buffer.concat(this.#parts).toString('utf8');
    this.#parts = [];
    try {
      this.topLevel.set(this.#key, JSON.parse(text));
    } catch {
      throw this.#syntax(`the value of "${this.#key}" is not valid JSON`);
    }
  }

  #emitElement(chunk: Buffer, from: number, to: number): void {
    let text: string;
    if (this.#parts.length === 0) text = chunk.toString('utf8', from, to);
    else {
      this.#parts.push(chunk.subarray(0, to));
      text = Buffer.concat(this.#parts).toString('utf8');
      this.#parts = [];
    }
    this.#state = 'after-element';
    this.#onElement(text, { index: this.#index++, line: this.#elementLine });
  }

  #syntax(message: string): BulwarkError {
    return new BulwarkError('INVALID_JSON', `Malformed JSON: ${message}`, {
      source: this.#source,
      line: this.#line,
      hint: 'Check that the file is complete and valid JSON (for example with `jq empty FILE`)',
    });
  }

  #notBundle(message: string): BulwarkError {
    return new BulwarkError('NOT_A_BUNDLE', `Not a STIX bundle: ${message}`, {
      source: this.#source,
      line: this.#line,
      hint: 'Wrap the objects as {"type": "bundle", "id": "bundle--<uuid>", "objects": [ ... ]}',
    });
  }
}
