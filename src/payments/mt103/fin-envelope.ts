import { isBic } from '../bic.ts';
import { malformed } from '../malformed.ts';

/** One FIN message cut out of an RJE file, with the line it starts on. */
export interface FinChunk {
  text: string;
  line: number;
}

/** Line feeds in text[from, to), found by indexOf (native search) rather than a loop over every char. */
export function countLines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

export interface FinBlocks {
  block1: string;
  block2: string;
  block3: ReadonlyMap<string, string>;
  /** Text of the user block between `{4:` and `-}`. */
  block4: string;
  /** Line of the first field of block 4, in the input. */
  block4Line: number;
  block5: ReadonlyMap<string, string>;
}

interface RawBlock {
  id: string;
  content: string;
  offset: number;
}

/** Cuts a FIN message into its blocks; an ACK/NAK service message in front of the message is dropped. */
export function parseEnvelope(chunk: FinChunk): FinBlocks {
  const blocks = readBlocks(chunk);
  let first = 0;
  // RJE exports put the ACK (F21) before the message it acknowledges
  while (first < blocks.length && blocks[first]?.id === '1' && !blocks[first]?.content.startsWith('F01')) {
    first++;
    while (first < blocks.length && blocks[first]?.id !== '1') first++;
  }
  // blocks by number (index 1–5): no Map per message
  const byId: (RawBlock | undefined)[] = [undefined, undefined, undefined, undefined, undefined, undefined];
  for (let b = first; b < blocks.length; b++) {
    const block = blocks[b] as RawBlock;
    const slot = block.id.charCodeAt(0) - 48;
    if (byId[slot]) {
      throw malformed(`block ${block.id}`, 'appears twice in one message', { line: chunk.line });
    }
    byId[slot] = block;
  }
  const block1 = required(byId, 1, chunk);
  const block2 = required(byId, 2, chunk);
  const block4 = required(byId, 4, chunk);
  checkBlock1(block1.content, chunk.line);
  return {
    block1: block1.content,
    block2: block2.content,
    block3: subBlocks(byId[3], chunk),
    block4: block4.content,
    block4Line: chunk.line + countLines(chunk.text, 0, block4.offset),
    block5: subBlocks(byId[5], chunk),
  };
}

function required(byId: (RawBlock | undefined)[], id: number, chunk: FinChunk): RawBlock {
  const block = byId[id];
  if (!block) {
    throw malformed(
      `block ${id}`,
      'is missing',
      { line: chunk.line },
      'A FIN message has blocks {1:}{2:}{4:…-}',
    );
  }
  return block;
}

const BLOCK_IDS = ['1', '2', '3', '4', '5'];

function readBlocks(chunk: FinChunk): RawBlock[] {
  const text = chunk.text;
  const blocks: RawBlock[] = [];
  let i = 0;
  while (i < text.length) {
    // some exports leave a stray brace or blank after the last block
    if (blocks.length > 0 && onlyJunkFrom(text, i)) break;
    if (text.charCodeAt(i) !== 123) {
      throw malformed('envelope', `unexpected ${JSON.stringify(text[i])} between blocks`, {
        line: chunk.line + countLines(text, 0, i),
      });
    }
    const colon = text.indexOf(':', i);
    const digit = text.charCodeAt(i + 1);
    // the identifier is one digit 1–5 (char codes, no slice or regex on the good path)
    if (colon !== i + 2 || digit < 49 || digit > 53) {
      const id = colon < 0 ? '' : text.slice(i + 1, colon);
      throw malformed('envelope', `block identifier ${JSON.stringify(id)} is not 1–5`, {
        line: chunk.line + countLines(text, 0, i),
      });
    }
    const id = BLOCK_IDS[digit - 49] as string;
    const end = matchingBrace(text, i);
    if (end < 0) {
      throw malformed(`block ${id}`, 'is not closed with }', { line: chunk.line + countLines(text, 0, i) });
    }
    blocks.push({ id, content: text.slice(colon + 1, end), offset: colon + 1 });
    i = end + 1;
  }
  return blocks;
}

function onlyJunkFrom(text: string, from: number): boolean {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 123 && c !== 32 && c !== 10 && c !== 13 && c !== 9) return false;
  }
  return true;
}

/**
 * The `}` that closes the `{` at `open`, or -1. Jumps from brace to brace with indexOf: block 4 is most
 * of a message and holds no braces, so this is one native search instead of a loop over its chars.
 */
export function matchingBrace(text: string, open: number): number {
  let depth = 1;
  let nextOpen = text.indexOf('{', open + 1);
  let at = open + 1;
  for (;;) {
    const close = text.indexOf('}', at);
    if (close < 0) return -1;
    while (nextOpen >= 0 && nextOpen < close) {
      depth++;
      nextOpen = text.indexOf('{', nextOpen + 1);
    }
    if (--depth === 0) return close;
    at = close + 1;
  }
}

/** `^F01[A-Z0-9]{12}\d{4}\d{6}$` by char codes (held to the regex by a property test). */
export function isBasicHeader(content: string): boolean {
  if (content.length !== 25 || !content.startsWith('F01')) return false;
  for (let i = 3; i < 25; i++) {
    const c = content.charCodeAt(i);
    const digit = c >= 48 && c <= 57;
    if (i < 15 ? !digit && (c < 65 || c > 90) : !digit) return false;
  }
  return true;
}

function checkBlock1(content: string, line: number): void {
  if (!isBasicHeader(content) || !isBic(content.slice(3, 11))) {
    throw malformed(
      'block 1',
      `basic header ${JSON.stringify(content)} is not F01 + 12-character terminal address + session + sequence`,
      { line },
      'Example: {1:F01BANKUS33AXXX0000000000}',
    );
  }
}

function isTagChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/**
 * The end of one `{tag:value}` of blocks 3 and 5 starting at `at` — what the sticky regex
 * `\{([A-Za-z0-9]{3}):([^{}]*)\}` matches there — or -1; the tag is content[at+1, at+4), the value
 * content[at+5, end-1). By char codes and indexOf (fin-envelope.test.ts holds it to the regex).
 */
export function subBlockEnd(content: string, at: number): number {
  if (
    content.charCodeAt(at) !== 123 ||
    !isTagChar(content.charCodeAt(at + 1)) ||
    !isTagChar(content.charCodeAt(at + 2)) ||
    !isTagChar(content.charCodeAt(at + 3)) ||
    content.charCodeAt(at + 4) !== 58
  ) {
    return -1;
  }
  const close = content.indexOf('}', at + 5);
  if (close < 0) return -1;
  const open = content.indexOf('{', at + 5);
  return open >= 0 && open < close ? -1 : close + 1;
}

/** The sub-blocks of an absent block (most messages have no block 5): one shared, read-only, empty map. */
const NO_SUB_BLOCKS: ReadonlyMap<string, string> = new Map();

function subBlocks(block: RawBlock | undefined, chunk: FinChunk): ReadonlyMap<string, string> {
  if (!block) return NO_SUB_BLOCKS;
  const map = new Map<string, string>();
  const content = block.content;
  let at = 0;
  while (at < content.length) {
    const end = subBlockEnd(content, at);
    if (end < 0) {
      throw malformed(`block ${block.id}`, 'is not a sequence of {tag:value} fields', { line: chunk.line });
    }
    map.set(content.slice(at + 1, at + 4), content.slice(at + 5, end - 1));
    at = end;
  }
  return map;
}
