/** ERC-20 `Transfer(address,address,uint256)` events out of receipt logs. */
import { wordToAddress } from './hex.ts';
import type { ParsedLog } from './raw-block.ts';
import type { ChainTransfer } from './types.ts';

/** keccak256("Transfer(address,address,uint256)"). */
export const TRANSFER_TOPIC = '0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef';

const VALUE_WORD = /^0x[0-9a-f]{64}$/;

/**
 * ERC-721 uses the same signature with the token id indexed (four topics): those are not value
 * transfers and are skipped, as are zero-value transfers (address-poisoning noise).
 */
export function erc20Transfers(logs: readonly ParsedLog[], txHash: string, out: ChainTransfer[]): void {
  for (let i = 0; i < logs.length; i++) {
    const log = logs[i] as ParsedLog;
    if (log.topics.length !== 3 || log.topics[0] !== TRANSFER_TOPIC || !VALUE_WORD.test(log.data)) continue;
    const value = BigInt(log.data);
    if (value === 0n) continue;
    out.push({
      from: wordToAddress(log.topics[1] as string, `logs[${i}].topics[1]`),
      to: wordToAddress(log.topics[2] as string, `logs[${i}].topics[2]`),
      value,
      asset: log.address,
      txHash,
      kind: 'erc20',
    });
  }
}
