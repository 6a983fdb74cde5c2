/** Where ingestion puts blocks: the graph store's Ethereum table (`graph.ethereum`) implements it. */
import type { ChainBlock, TokenInfo } from './types.ts';

export interface SinkHead {
  height: number;
  hash: string;
}

export interface EthereumSink {
  /** The last durable block, or undefined when nothing is stored. */
  head(): SinkHead | undefined;
  /** Hash of a stored block at `height`, at least for the most recent blocks (reorg depth). */
  hashAt(height: number): string | undefined;
  /** Stages a block; it becomes durable at the next `commit`. Blocks come in height order. */
  append(block: ChainBlock): void;
  /** Token metadata learned with the staged blocks; durable with them. */
  putTokens(tokens: readonly TokenInfo[]): void;
  tokens(): TokenInfo[];
  /** Makes staged blocks durable, atomically: after a crash either all of them are there or none. */
  commit(): void;
  /** Drops every block above `height` (durably); `-1` empties the chain. */
  rollback(height: number): void;
}
