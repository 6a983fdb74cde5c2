/**
 * The only chain-specific part of freeze alerts: which taint state of an organisation's sources
 * watches a chain's wallets, and where an arrival row sits (transaction, block, asset, place). The
 * engine (alert-engine.ts) is the same for every chain: arrivals → alert records → sighting →
 * stream and webhook.
 */
import { type Graph, reversedHex } from '../chain/index.ts';
import type { FlaggedSources, IncrementalTaint, TaintRegistry } from '../screen/index.ts';

export type AlertChain = 'ethereum' | 'bitcoin';

/** Where an arrival happened, as the alert states it. */
export interface ArrivalPlace {
  tx: string;
  /** Block height. */
  block: number;
  asset: string;
  /** The row's place in its transaction (not its row id: stable when a reorganisation re-includes it). */
  place: number;
}

export interface ArrivalChain {
  readonly chain: AlertChain;
  /** The state the organisation's flagged sources on this chain have; undefined when it sees none. */
  taintOf(registry: TaintRegistry, found: FlaggedSources): IncrementalTaint | undefined;
  /** Rows the chain holds (an arrival read earlier may have been cut by a reorganisation). */
  rows(g: Graph): number;
  /** Hex hash of the block holding `row` (a retried arrival must still be in the block it was read in). */
  blockHash(g: Graph, row: number): string;
  locate(g: Graph, row: number, asset: number): ArrivalPlace;
}

const ETHEREUM: ArrivalChain = {
  chain: 'ethereum',
  // the same state the screener reads (mixers crossed by matching), so one scan serves both
  taintOf: (registry, found) =>
    found.sources.length > 0 ? registry.taintFor(found.sources, 'ethereum', found.mixers) : undefined,
  rows: (g) => g.ethereum.c.rows,
  blockHash: (g, row) => {
    const e = g.ethereum;
    return hashHex(e.c.blockHash.data, e.blockOfTx(e.txOfRow(row)));
  },
  locate: (g, row, asset) => {
    const e = g.ethereum;
    const txIndex = e.txOfRow(row);
    return {
      tx: e.txHash(txIndex),
      block: e.c.blockHeight.data[e.blockOfTx(txIndex)]!,
      asset: asset === 0 ? 'ETH' : g.addressOf(e.assetAddress(asset)),
      place: row - e.c.txRow.data[txIndex]!,
    };
  },
};

const BITCOIN: ArrivalChain = {
  chain: 'bitcoin',
  // the screener's Bitcoin state is also made without mixers (README: mixers on Bitcoin)
  taintOf: (registry, found) =>
    found.utxo.length > 0 ? registry.taintFor(found.utxo, 'bitcoin') : undefined,
  rows: (g) => g.bitcoin.c.rows,
  blockHash: (g, row) => {
    const t = g.bitcoin;
    return hashHex(t.c.blockHash.data, t.blockOf(t.c.rowTx.data[row]!));
  },
  locate: (g, row) => {
    const t = g.bitcoin;
    const tx = t.c.rowTx.data[row]!;
    return {
      // the txid as explorers and nodes print it (reversed byte order)
      tx: reversedHex(t.c.txHash.data, tx * 32),
      // -1 only for a block whose ancestors have not arrived yet (blk files out of order)
      block: t.heightOf(t.blockOf(tx)),
      asset: 'BTC',
      // the output's index (vout): output rows follow the inputs in transaction order
      place: row - t.c.txOut.data[tx]!,
    };
  },
};

/** Every chain freeze alerts watch, in the order the engine reads them. */
export const ARRIVAL_CHAINS: readonly ArrivalChain[] = [ETHEREUM, BITCOIN];

export function arrivalChainOf(chain: string): ArrivalChain | undefined {
  return ARRIVAL_CHAINS.find((c) => c.chain === chain);
}

function hashHex(hashes: Uint8Array, block: number): string {
  return Buffer.from(hashes.subarray(block * 32, block * 32 + 32)).toString('hex');
}
