/**
 * Transactions without fetching their bodies. Some nodes (anvil: ~1 ms per transaction) are slow to
 * serve full transaction objects, while receipts give sender and recipient and the traces' top frames
 * give the value: with a tracer, bodies are rebuilt from those two.
 */
import { BulwarkError } from '../../errors/index.ts';
import { toBigInt, toHash } from './hex.ts';
import type { ParsedBlock, ParsedReceipt } from './raw-block.ts';
import { asArray, asObject } from './raw-block.ts';
import type { TraceMethod } from './types.ts';

/** Value sent by each transaction, from the top frame of its trace. */
export function topLevelValues(
  method: TraceMethod,
  traces: unknown,
  txHashes: readonly string[],
): Map<string, bigint> {
  const values = new Map<string, bigint>();
  if (method === 'trace_block') {
    for (const [i, item] of asArray(traces, 'trace_block').entries()) {
      const trace = asObject(item, `trace_block[${i}]`);
      if (
        trace.transactionHash == null ||
        asArray(trace.traceAddress, `trace_block[${i}].traceAddress`).length !== 0
      )
        continue;
      const action = asObject(trace.action, `trace_block[${i}].action`);
      const value =
        action.value === undefined ? 0n : toBigInt(action.value, `trace_block[${i}].action.value`);
      values.set(toHash(trace.transactionHash, `trace_block[${i}].transactionHash`), value);
    }
  } else if (method === 'debug_traceBlockByNumber') {
    for (const [i, item] of asArray(traces, 'debug_traceBlockByNumber').entries()) {
      const entry = asObject(item, `debug_traceBlockByNumber[${i}]`);
      const hash =
        entry.txHash === undefined
          ? txHashes[i]
          : toHash(entry.txHash, `debug_traceBlockByNumber[${i}].txHash`);
      const root =
        entry.result == null ? undefined : asObject(entry.result, `debug_traceBlockByNumber[${i}].result`);
      const value =
        root?.value == null ? 0n : toBigInt(root.value, `debug_traceBlockByNumber[${i}].result.value`);
      if (hash) values.set(hash, value);
    }
  }
  return values;
}

export function lightBlock(
  header: Omit<ParsedBlock, 'txs'>,
  txHashes: readonly string[],
  receipts: readonly ParsedReceipt[],
  values: ReadonlyMap<string, bigint>,
): ParsedBlock {
  const txs = txHashes.map((hash, i) => {
    const receipt = receipts[i];
    const value = values.get(hash);
    if (!receipt || receipt.txHash !== hash || value === undefined) {
      throw new BulwarkError(
        'ETH_RPC_MALFORMED',
        `block ${header.height}: no receipt or trace for transaction ${hash}`,
        {
          hint: 'The node answered receipts or traces that do not match the block; retry, or report the node version',
        },
      );
    }
    return { hash, from: receipt.from, to: receipt.to, value };
  });
  return { ...header, txs };
}
