/**
 * `trace`: follows value from seed addresses through the graph store, forward or backward, under
 * the poison, haircut or FIFO model, in time order. On Ethereum a time-ordered frontier walks only
 * the rows of addresses taint reached (ethereum-frontier.ts), handing over to a linear pass when the
 * trace spreads widely; on Bitcoin one linear scan of transactions from the start block. Slots
 * (book.ts) exist only for addresses taint reached.
 */
import { NO_ADDRESS } from '../chain/index.ts';
import { BulwarkError } from '../errors/index.ts';
import { bitcoinBalance, scanBitcoin } from './bitcoin-scan.ts';
import { EdgeCache } from './edge-cache.ts';
import { linkRows } from './ethereum-rows.ts';
import { type EthereumScan, ethereumBalance, scanEthereum } from './ethereum-scan.ts';
import { buildResult } from './result.ts';
import { ScanContext } from './scan-context.ts';
import type { Chain, TraceOptions, TraceResult } from './types.ts';

export function chainOf(address: string): Chain {
  return /^0x[0-9a-fA-F]{40}$/.test(address) ? 'ethereum' : 'bitcoin';
}

function resolve(o: TraceOptions, text: string): number {
  const id = o.graph.addressId(chainOf(text) === 'ethereum' ? text.toLowerCase() : text);
  if (id < 0) {
    throw new BulwarkError('TRACE_ADDRESS', `address ${text} is not in the transaction graph`, {
      hint: 'Check the address, or ingest the blocks that hold its transfers first',
    });
  }
  return id;
}

/** First block (append index) whose time is at or after `since`; blocks are in time order. */
function startBlock(time: Uint32Array, blocks: number, since: number | undefined): number {
  if (since === undefined) return 0;
  let lo = 0;
  let hi = blocks;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (time[mid]! < since) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function assetIndex(o: TraceOptions): number {
  if (o.asset === undefined) return -1;
  if (o.asset.toUpperCase() === 'ETH') return 0;
  const id = resolve(o, o.asset);
  const e = o.graph.ethereum;
  for (let k = 1; k <= e.c.assetAddr.length; k++) if (e.assetAddress(k) === id) return k;
  return -2; // a token with no transfers: nothing to trace
}

export function trace(o: TraceOptions): TraceResult {
  return traceWith(o, scanEthereum);
}

/** `trace` with the account-chain scan given: the tests run the old linear scan through it as an oracle. */
export function traceWith(o: TraceOptions, scan: (s: EthereumScan) => void): TraceResult {
  const links = o.direction === 'forward' && o.links !== undefined && o.links.size > 0 ? o.links : undefined;
  if (o.seeds.length === 0 && (links === undefined || o.chain === undefined)) {
    throw new BulwarkError('USAGE', 'trace needs at least one seed address', {
      hint: 'Give the addresses the stolen value was first paid to',
    });
  }
  if (!Number.isInteger(o.hops) || o.hops < 0) {
    throw new BulwarkError('USAGE', `hops must be a whole number ≥ 0, not ${o.hops}`, {
      hint: 'e.g. --hops 6',
    });
  }
  const chain = o.chain ?? chainOf(o.seeds[0]!);
  const forward = o.direction === 'forward';
  const g = o.graph;
  const edges = new EdgeCache(g.ethereum, g.dict.count);
  const ctx = new ScanContext({
    addresses: g.dict.count,
    model: o.model,
    maxHops: o.hops,
    minValue: o.minValue ?? 0,
    maxTransfers: o.maxTransfers ?? 10_000,
    forward,
    stopAt: o.stopAt,
    balanceBefore:
      chain === 'ethereum' ? ethereumBalance(g.ethereum, forward, edges) : bitcoinBalance(g.bitcoin, forward),
  });
  for (const s of o.seeds) {
    const id = resolve(o, s);
    ctx.seed[id] = 1;
    ctx.touched[id] = 1;
    ctx.seedIds.push(id);
  }
  if (chain === 'ethereum') {
    const e = g.ethereum;
    let swap: Uint8Array | undefined;
    if (o.swaps && o.swaps.length > 0) {
      swap = new Uint8Array(g.dict.count);
      for (const a of o.swaps) {
        const id = g.addressId(a.toLowerCase());
        if (id >= 0 && id !== NO_ADDRESS) swap[id] = 1;
      }
    }
    const asset = assetIndex(o);
    if (asset !== -2) {
      const startAt = startBlock(e.c.blockTime.data, e.c.blocks, o.since);
      const rows = linkRows(links, e.c.rows);
      scan({
        table: e,
        ctx,
        startBlock: startAt,
        asset,
        swap,
        links,
        ...(rows ? { linkRows: rows } : {}),
        edges,
      });
    }
  } else {
    const t = g.bitcoin;
    const start = startBlock(t.c.blockTime.data, t.c.blocks, o.since);
    scanBitcoin({ table: t, ctx, startBlock: start, ...(links ? { links } : {}) });
  }
  return buildResult(o, chain, ctx);
}
