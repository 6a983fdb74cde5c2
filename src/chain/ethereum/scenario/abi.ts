/** Just enough Solidity ABI encoding for the scenario's own contracts (no external library needed). */

export type AbiValue =
  | { type: 'address'; value: string }
  | { type: 'uint256'; value: bigint }
  | { type: 'bytes32'; value: string }
  | { type: 'string'; value: string }
  | { type: 'address[]'; value: readonly string[] }
  | { type: 'uint256[]'; value: readonly bigint[] };

function word(n: bigint): string {
  return n.toString(16).padStart(64, '0');
}

function staticWord(v: AbiValue): string | undefined {
  if (v.type === 'address') return v.value.slice(2).toLowerCase().padStart(64, '0');
  if (v.type === 'uint256') return word(v.value);
  if (v.type === 'bytes32') return v.value.slice(2).toLowerCase().padEnd(64, '0');
  return undefined;
}

function dynamicTail(v: AbiValue): string {
  if (v.type === 'string') {
    const hex = Buffer.from(v.value, 'utf8').toString('hex');
    return word(BigInt(hex.length / 2)) + hex.padEnd(Math.ceil(hex.length / 64) * 64, '0');
  }
  if (v.type === 'address[]')
    return (
      word(BigInt(v.value.length)) + v.value.map((a) => a.slice(2).toLowerCase().padStart(64, '0')).join('')
    );
  if (v.type === 'uint256[]') return word(BigInt(v.value.length)) + v.value.map(word).join('');
  throw new Error(`not dynamic: ${v.type}`);
}

/** Head/tail encoding of a parameter list, without selector, as bare hex. */
export function encodeArgs(args: readonly AbiValue[]): string {
  let head = '';
  let tail = '';
  for (const arg of args) {
    const fixed = staticWord(arg);
    if (fixed !== undefined) {
      head += fixed;
      continue;
    }
    head += word(BigInt(args.length * 32 + tail.length / 2));
    tail += dynamicTail(arg);
  }
  return head + tail;
}

export function encodeCall(selector: string, args: readonly AbiValue[] = []): string {
  return `0x${selector}${encodeArgs(args)}`;
}

export const address = (value: string): AbiValue => ({ type: 'address', value });
export const uint = (value: bigint): AbiValue => ({ type: 'uint256', value });
export const bytes32 = (value: string): AbiValue => ({ type: 'bytes32', value });
export const str = (value: string): AbiValue => ({ type: 'string', value });
