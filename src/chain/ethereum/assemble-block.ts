/** One block's transactions and transfers, from its body, receipts and (if any) traces. */
import { BulwarkError } from '../../errors/index.ts';
import { erc20Transfers } from './erc20-logs.ts';
import type { ParsedBlock, ParsedReceipt } from './raw-block.ts';
import { callTracerInternalTransfers, parityInternalTransfers } from './traces.ts';
import type { ChainBlock, ChainTransfer, ChainTx, TraceMethod } from './types.ts';

export function assembleBlock(
  block: ParsedBlock,
  receipts: readonly ParsedReceipt[],
  traceMethod: TraceMethod,
  traces: unknown,
): ChainBlock {
  checkReceipts(block, receipts);
  const txs: ChainTx[] = [];
  const transfers: ChainTransfer[] = [];
  const okTxs = new Set<string>();
  // Per transaction: its own value move first, then what its code did, then its fee, so each
  // transfer's position in the block follows execution order within the transaction's group.
  const internal: ChainTransfer[] = [];
  if (traceMethod === 'trace_block' || traceMethod === 'debug_traceBlockByNumber') {
    for (let i = 0; i < block.txs.length; i++)
      if ((receipts[i] as ParsedReceipt).ok) okTxs.add(block.txs[i]?.hash as string);
    if (traceMethod === 'trace_block') parityInternalTransfers(traces, okTxs, internal);
    else
      callTracerInternalTransfers(
        traces,
        block.txs.map((t) => t.hash),
        okTxs,
        internal,
      );
  }
  let k = 0;
  for (let i = 0; i < block.txs.length; i++) {
    const tx = block.txs[i] as (typeof block.txs)[number];
    const receipt = receipts[i] as ParsedReceipt;
    const created = receipt.ok ? receipt.contractAddress : undefined;
    const to = tx.to ?? created;
    txs.push({
      hash: tx.hash,
      from: tx.from,
      to,
      value: tx.value,
      fee: receipt.fee,
      ok: receipt.ok,
      ...(created ? { created } : {}),
    });
    if (receipt.ok) {
      if (created)
        transfers.push({
          from: tx.from,
          to: created,
          value: tx.value,
          asset: 'ETH',
          txHash: tx.hash,
          kind: 'create',
        });
      else if (tx.value > 0n && to)
        transfers.push({ from: tx.from, to, value: tx.value, asset: 'ETH', txHash: tx.hash, kind: 'call' });
      while (k < internal.length && (internal[k] as ChainTransfer).txHash === tx.hash)
        transfers.push(internal[k++] as ChainTransfer);
      erc20Transfers(receipt.logs, tx.hash, transfers);
    }
    // A failed transaction still pays for its gas.
    if (receipt.fee > 0n) {
      transfers.push({
        from: tx.from,
        to: block.miner,
        value: receipt.fee,
        asset: 'ETH',
        txHash: tx.hash,
        kind: 'fee',
      });
    }
  }
  if (k !== internal.length) {
    throw new BulwarkError(
      'ETH_RPC_MALFORMED',
      `traces of block ${block.height} are not in transaction order`,
      {
        hint: 'The node answered traces that do not match the block body; retry, or report the node version',
      },
    );
  }
  return {
    height: block.height,
    hash: block.hash,
    parentHash: block.parentHash,
    time: block.time,
    txs,
    transfers,
  };
}

function checkReceipts(block: ParsedBlock, receipts: readonly ParsedReceipt[]): void {
  if (receipts.length !== block.txs.length) {
    throw new BulwarkError(
      'ETH_RPC_MALFORMED',
      `block ${block.height} has ${block.txs.length} transactions but ${receipts.length} receipts`,
      { hint: 'The node may be syncing or have pruned receipts; retry against a synced node' },
    );
  }
  for (let i = 0; i < receipts.length; i++) {
    const r = receipts[i] as ParsedReceipt;
    if (r.txHash !== block.txs[i]?.hash || r.blockHash !== block.hash) {
      throw new BulwarkError(
        'ETH_CHAIN_MISMATCH',
        `receipt ${i} of block ${block.height} belongs to another block`,
        {
          hint: 'A reorganisation happened while fetching; the range is fetched again',
        },
      );
    }
  }
}
