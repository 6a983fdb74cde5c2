/**
 * The chain-neutral shape Ethereum ingestion produces for each block, before the graph store sees it.
 * Values are in the chain's base unit (wei, or the token's smallest unit); addresses lower-case hex.
 */

export type TransferKind = 'call' | 'internal' | 'erc20' | 'create' | 'fee';

export interface ChainTransfer {
  from: string;
  to: string;
  value: bigint;
  /** Token contract address, or 'ETH' for ether. */
  asset: string;
  txHash: string;
  kind: TransferKind;
}

export interface ChainTx {
  hash: string;
  from: string;
  /** Recipient, or the created contract for a creation; undefined only if a creation failed. */
  to: string | undefined;
  value: bigint;
  fee: bigint;
  ok: boolean;
  /** Address of the contract this transaction created, if any. */
  created?: string;
}

export interface ChainBlock {
  height: number;
  hash: string;
  parentHash: string;
  /** Seconds since the epoch. */
  time: number;
  txs: ChainTx[];
  transfers: ChainTransfer[];
}

export interface TokenInfo {
  address: string;
  symbol: string | undefined;
  decimals: number | undefined;
}

/** Which call gives internal value transfers on this node. */
export type TraceMethod = 'trace_block' | 'debug_traceBlockByNumber' | 'none';

export interface NodeCapabilities {
  trace: TraceMethod;
  blockReceipts: boolean;
  chainId: number;
}
