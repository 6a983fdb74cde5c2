/**
 * One path request as the CLI (`bulwark trace path`) and REST (`GET /api/v1/trace/paths`) both make
 * it: the search, then the answer with each path's transfers (transaction, time, asset, value) and
 * each address's labels from what the reader may see. Strings are made here, once per answer.
 */
import { type Graph, NO_ADDRESS, reversedHex } from '../chain/index.ts';
import { DEFAULT_PATHS, findPaths, type PathOptions, type PathStep } from './paths.ts';
import type { FoundPath } from './paths-search.ts';
import { amount } from './result.ts';
import type { LabelsOf } from './trace-request.ts';
import type { Chain } from './types.ts';

export interface PathTransfer {
  chain: Chain;
  row: number;
  tx: string;
  time: number;
  from: string;
  to: string;
  asset: string;
  /** What the row moved as the chain records it: the Ethereum transfer, or the Bitcoin output to `to`. */
  value: string;
  /** The most this step could carry (Bitcoin: also at most what `from` put into the transaction). */
  capacity: string;
}

export interface PathAnswer {
  from: string;
  to: string;
  chain: Chain;
  hops: number;
  k: number;
  found: boolean;
  /** The best path's steps (the answer's shape before top-k); empty when none. */
  steps: PathStep[];
  paths: {
    hops: number;
    asset: string;
    bottleneck: string;
    addresses: { address: string; labels: string[] }[];
    transfers: PathTransfer[];
  }[];
  /** The search's budget ran out: a better path than some listed may exist. */
  truncated: boolean;
  /** Partial paths the search made and rows it looked at. */
  states: number;
  examined: number;
}

function assetName(g: Graph, chain: Chain, asset: number): string {
  if (chain === 'bitcoin') return 'BTC';
  const id = g.ethereum.assetAddress(asset);
  return id === NO_ADDRESS ? 'ETH' : g.addressOf(id);
}

function transferOf(g: Graph, chain: Chain, asset: string, s: FoundPath['steps'][number]): PathTransfer {
  const base = { chain, row: s.row, from: g.addressOf(s.from), to: g.addressOf(s.to), asset };
  if (chain === 'ethereum') {
    const t = g.ethereum.transfer(s.row);
    const value = t.value.toString();
    return { ...base, tx: g.ethereum.txHash(t.tx), time: t.time, value, capacity: value };
  }
  const t = g.transfer(s.row);
  const tx = reversedHex(g.bitcoin.c.txHash.data, t.tx * 32);
  return { ...base, tx, time: t.time, value: amount(t.value), capacity: amount(s.capacity) };
}

export function pathRequest(o: PathOptions, labelsOf?: LabelsOf): PathAnswer {
  const g = o.graph;
  const found = findPaths(o);
  const labels = (address: string): string[] =>
    labelsOf ? [...new Set(labelsOf(address).map((l) => `${l.category}:${l.name}`))] : [];
  const paths = found.paths.map((p) => {
    const asset = assetName(g, found.chain, p.asset);
    const ids = [found.src, ...p.steps.map((s) => s.to)];
    return {
      hops: p.steps.length,
      asset,
      bottleneck: amount(p.bottleneck),
      addresses: ids.map((id) => {
        const address = g.addressOf(id);
        return { address, labels: labels(address) };
      }),
      transfers: p.steps.map((s) => transferOf(g, found.chain, asset, s)),
    };
  });
  const best = paths[0];
  return {
    from: o.from,
    to: o.to,
    chain: found.chain,
    hops: o.maxHops,
    k: o.k ?? DEFAULT_PATHS,
    found: best !== undefined,
    steps: best ? best.transfers.map((t) => ({ from: t.from, to: t.to, row: t.row })) : [],
    paths,
    truncated: found.truncated,
    states: found.states,
    examined: found.examined,
  };
}
