/**
 * Internal value transfers (calls with value, creations, self-destructs) from either trace format:
 * Parity/OpenEthereum `trace_block` (flat, with trace addresses) or Geth's `callTracer` (a tree per
 * transaction). Frames that reverted, and everything beneath them, moved nothing and are skipped; the
 * top frame is the transaction itself, which the caller records from the transaction.
 */
import { BulwarkError } from '../../errors/index.ts';
import { toAddress, toBigInt, toHash } from './hex.ts';
import { asArray, asObject } from './raw-block.ts';
import type { ChainTransfer } from './types.ts';

/** Adds internal transfers of successful transactions (`okTxs`) from a `trace_block` answer. */
export function parityInternalTransfers(
  value: unknown,
  okTxs: ReadonlySet<string>,
  out: ChainTransfer[],
): void {
  const traces = asArray(value, 'trace_block');
  let currentTx = '';
  let reverted: string[] = [];
  for (let i = 0; i < traces.length; i++) {
    const path = `trace_block[${i}]`;
    const trace = asObject(traces[i], path);
    if (trace.transactionHash === null || trace.transactionHash === undefined) continue; // block rewards
    const txHash = toHash(trace.transactionHash, `${path}.transactionHash`);
    if (txHash !== currentTx) {
      currentTx = txHash;
      reverted = [];
    }
    if (!okTxs.has(txHash)) continue;
    const address = asArray(trace.traceAddress, `${path}.traceAddress`).join('.');
    if (trace.error !== undefined && trace.error !== null) {
      reverted.push(address);
      continue;
    }
    if (address === '' || underReverted(address, reverted)) continue;
    const transfer = parityTransfer(trace, txHash, path);
    if (transfer) out.push(transfer);
  }
}

function underReverted(address: string, reverted: readonly string[]): boolean {
  for (const r of reverted) if (r === '' || address === r || address.startsWith(`${r}.`)) return true;
  return false;
}

function parityTransfer(
  trace: Record<string, unknown>,
  txHash: string,
  path: string,
): ChainTransfer | undefined {
  const action = asObject(trace.action, `${path}.action`);
  switch (trace.type) {
    case 'call': {
      // delegatecall and callcode run foreign code on the caller's own balance; staticcall moves nothing.
      if (action.callType !== 'call') return undefined;
      const value = toBigInt(action.value, `${path}.action.value`);
      if (value === 0n) return undefined;
      const from = toAddress(action.from, `${path}.action.from`);
      return {
        from,
        to: toAddress(action.to, `${path}.action.to`),
        value,
        asset: 'ETH',
        txHash,
        kind: 'internal',
      };
    }
    case 'create': {
      const result = asObject(trace.result, `${path}.result`);
      const from = toAddress(action.from, `${path}.action.from`);
      const to = toAddress(result.address, `${path}.result.address`);
      return {
        from,
        to,
        value: toBigInt(action.value, `${path}.action.value`),
        asset: 'ETH',
        txHash,
        kind: 'create',
      };
    }
    case 'suicide':
    case 'selfdestruct': {
      const value = toBigInt(action.balance, `${path}.action.balance`);
      if (value === 0n) return undefined;
      const from = toAddress(action.address, `${path}.action.address`);
      const to = toAddress(action.refundAddress, `${path}.action.refundAddress`);
      return { from, to, value, asset: 'ETH', txHash, kind: 'internal' };
    }
    default:
      return undefined;
  }
}

/**
 * Adds internal transfers from a `debug_traceBlockByNumber(n, {tracer:'callTracer'})` answer. Older
 * Geth versions omit `txHash`; the frames are then in block order, matched to `txHashes`.
 */
export function callTracerInternalTransfers(
  value: unknown,
  txHashes: readonly string[],
  okTxs: ReadonlySet<string>,
  out: ChainTransfer[],
): void {
  const items = asArray(value, 'debug_traceBlockByNumber');
  if (items.length !== txHashes.length) {
    throw new BulwarkError(
      'ETH_RPC_MALFORMED',
      `debug_traceBlockByNumber answered ${items.length} traces for ${txHashes.length} transactions`,
      { hint: 'The node may have pruned the state for this block; use an archive node' },
    );
  }
  for (let i = 0; i < items.length; i++) {
    const path = `debug_traceBlockByNumber[${i}]`;
    const item = asObject(items[i], path);
    if (item.error !== undefined) {
      throw new BulwarkError(
        'ETH_RPC_ERROR',
        `tracing transaction ${txHashes[i]} failed: ${String(item.error)}`,
        { path },
      );
    }
    const txHash =
      item.txHash === undefined ? (txHashes[i] as string) : toHash(item.txHash, `${path}.txHash`);
    if (!okTxs.has(txHash)) continue;
    const root = asObject(item.result, `${path}.result`);
    if (root.error !== undefined) continue;
    walkFrames(root, txHash, `${path}.result`, out);
  }
}

function walkFrames(
  frame: Record<string, unknown>,
  txHash: string,
  path: string,
  out: ChainTransfer[],
): void {
  if (frame.calls === undefined || frame.calls === null) return;
  const calls = asArray(frame.calls, `${path}.calls`);
  for (let i = 0; i < calls.length; i++) {
    const childPath = `${path}.calls[${i}]`;
    const child = asObject(calls[i], childPath);
    if (child.error !== undefined && child.error !== null) continue;
    const transfer = frameTransfer(child, txHash, childPath);
    if (transfer) out.push(transfer);
    walkFrames(child, txHash, childPath, out);
  }
}

function frameTransfer(
  frame: Record<string, unknown>,
  txHash: string,
  path: string,
): ChainTransfer | undefined {
  const type = String(frame.type).toUpperCase();
  const value =
    frame.value === undefined || frame.value === null ? 0n : toBigInt(frame.value, `${path}.value`);
  if (type === 'CREATE' || type === 'CREATE2') {
    const from = toAddress(frame.from, `${path}.from`);
    return { from, to: toAddress(frame.to, `${path}.to`), value, asset: 'ETH', txHash, kind: 'create' };
  }
  if ((type === 'CALL' || type === 'SELFDESTRUCT') && value > 0n) {
    const from = toAddress(frame.from, `${path}.from`);
    return { from, to: toAddress(frame.to, `${path}.to`), value, asset: 'ETH', txHash, kind: 'internal' };
  }
  return undefined;
}
