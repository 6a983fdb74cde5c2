/**
 * Finds the newlines of a chunk four bytes at a time: bulk screening's per-line cost is otherwise
 * dominated by walking every byte to find where each address ends. A word holds a newline when the
 * classic "has zero byte" test fires on it xor 0x0a0a0a0a; only those words are looked at per byte.
 */
const NL = 10;
const NL4 = 0x0a0a0a0a;

/** Positions of every `\n` in `bytes[start, end)` into `out` (grown when full); returns the count and array. */
export function findNewlines(
  bytes: Uint8Array,
  start: number,
  end: number,
  out: Uint32Array,
): { count: number; out: Uint32Array } {
  let found = out;
  let count = 0;
  const push = (at: number): void => {
    if (count === found.length) {
      const bigger = new Uint32Array(Math.max(16, found.length * 2));
      bigger.set(found);
      found = bigger;
    }
    found[count++] = at;
  };
  let i = start;
  // bytes until the address is word-aligned in its buffer
  while (i < end && (bytes.byteOffset + i) % 4 !== 0) {
    if (bytes[i] === NL) push(i);
    i++;
  }
  const words = Math.floor((end - i) / 4);
  if (words > 0) {
    const view = new Uint32Array(bytes.buffer, bytes.byteOffset + i, words);
    for (let w = 0; w < words; w++) {
      const v = view[w]! ^ NL4;
      if (((v - 0x01010101) & ~v & 0x80808080) === 0) continue;
      const at = i + w * 4;
      for (let k = 0; k < 4; k++) if (bytes[at + k] === NL) push(at + k);
    }
    i += words * 4;
  }
  for (; i < end; i++) if (bytes[i] === NL) push(i);
  return { count, out: found };
}
