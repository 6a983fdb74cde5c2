/** What the node offers: which tracer gives internal transfers, and whether receipts come per block. */
import { toNumber } from './hex.ts';
import { METHOD_NOT_FOUND, type RpcClient, type RpcOutcome } from './rpc-client.ts';
import type { NodeCapabilities, TraceMethod } from './types.ts';

const ABSENT = /not (found|supported|available|exist|enabled)|unknown method|does not exist|unsupported/i;

/** True when the outcome says the method is missing, rather than that this one call failed. */
function offered(outcome: RpcOutcome): boolean {
  if (outcome.ok) return true;
  return outcome.code !== METHOD_NOT_FOUND && !ABSENT.test(outcome.message);
}

export async function probeCapabilities(rpc: RpcClient): Promise<NodeCapabilities> {
  const [chainId, parity, geth, receipts] = await rpc.settle([
    { method: 'eth_chainId', params: [] },
    { method: 'trace_block', params: ['latest'] },
    { method: 'debug_traceBlockByNumber', params: ['latest', { tracer: 'callTracer' }] },
    { method: 'eth_getBlockReceipts', params: ['latest'] },
  ]);
  // trace_block is preferred: one flat list, and much faster than re-executing with a JS-like tracer.
  let trace: TraceMethod = 'none';
  if (offered(parity as RpcOutcome)) trace = 'trace_block';
  else if (offered(geth as RpcOutcome)) trace = 'debug_traceBlockByNumber';
  const id = chainId as RpcOutcome;
  return {
    trace,
    blockReceipts: offered(receipts as RpcOutcome),
    chainId: id.ok ? toNumber(id.result, 'eth_chainId') : 0,
  };
}

/** One sentence for summaries and logs. */
export function describeCapabilities(caps: NodeCapabilities): string {
  const traces =
    caps.trace === 'none'
      ? 'neither trace_block nor debug_traceBlockByNumber is offered: internal transfers are NOT ingested'
      : `internal transfers from ${caps.trace}`;
  return `chain ${caps.chainId}; ${traces}; receipts ${caps.blockReceipts ? 'per block' : 'per transaction'}`;
}
