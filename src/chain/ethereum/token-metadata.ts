/**
 * Symbol and decimals of ERC-20 tokens, read once per token with `eth_call`. Many tokens lack one or
 * both, and some (MKR, SAI) return `bytes32` for the symbol: every shape is tolerated.
 */
import { toQuantity } from './hex.ts';
import type { RpcClient, RpcOutcome } from './rpc-client.ts';
import type { TokenInfo } from './types.ts';

const DECIMALS = '0x313ce567';
const SYMBOL = '0x95d89b41';

export class TokenRegistry {
  readonly #known = new Map<string, TokenInfo>();

  constructor(initial: Iterable<TokenInfo> = []) {
    for (const info of initial) this.#known.set(info.address, info);
  }

  get(address: string): TokenInfo | undefined {
    return this.#known.get(address);
  }

  all(): TokenInfo[] {
    return [...this.#known.values()];
  }

  /** Looks up every token not yet known, at `height` (where the token surely exists). */
  async learn(rpc: RpcClient, addresses: Iterable<string>, height: number): Promise<TokenInfo[]> {
    const fresh = [...new Set(addresses)].filter((a) => !this.#known.has(a));
    if (fresh.length === 0) return [];
    const block = toQuantity(height);
    const calls = fresh.flatMap((to) => [
      { method: 'eth_call', params: [{ to, data: DECIMALS }, block] },
      { method: 'eth_call', params: [{ to, data: SYMBOL }, block] },
    ]);
    const outcomes = await rpc.settle(calls);
    const learned = fresh.map((address, i) => ({
      address,
      decimals: decodeDecimals(outcomes[2 * i] as RpcOutcome),
      symbol: decodeSymbol(outcomes[2 * i + 1] as RpcOutcome),
    }));
    for (const info of learned) this.#known.set(info.address, info);
    return learned;
  }
}

export function decodeDecimals(outcome: RpcOutcome): number | undefined {
  if (!outcome.ok || typeof outcome.result !== 'string' || !/^0x[0-9a-fA-F]{64}/.test(outcome.result))
    return undefined;
  const n = BigInt(outcome.result.slice(0, 66));
  return n <= 255n ? Number(n) : undefined;
}

export function decodeSymbol(outcome: RpcOutcome): string | undefined {
  if (!outcome.ok || typeof outcome.result !== 'string') return undefined;
  const hex = outcome.result.slice(2);
  if (!/^[0-9a-fA-F]*$/.test(hex) || hex.length < 64) return undefined;
  const bytes = Buffer.from(hex, 'hex');
  if (bytes.length >= 96) {
    // ABI string: offset, length, bytes.
    const offset = Number(BigInt(`0x${hex.slice(0, 64)}`) & 0xffffn);
    if (offset + 32 <= bytes.length) {
      const length = Number(BigInt(`0x${hex.slice(offset * 2, offset * 2 + 64)}`) & 0xffffn);
      if (offset + 32 + length <= bytes.length)
        return printable(bytes.subarray(offset + 32, offset + 32 + length));
    }
  }
  // bytes32, NUL-padded.
  const end = bytes.subarray(0, 32).indexOf(0);
  return printable(bytes.subarray(0, end === -1 ? 32 : end));
}

function printable(bytes: Uint8Array): string | undefined {
  // Drop control characters (NUL padding, garbage) without a control-character regex.
  const kept = Array.from(new TextDecoder('utf-8', { fatal: false }).decode(bytes)).filter((c) => {
    const code = c.codePointAt(0) ?? 0;
    return code >= 0x20 && code !== 0x7f && code !== 0xfffd;
  });
  const text = kept.join('').trim();
  return text.length > 0 && text.length <= 64 ? text : undefined;
}
