/** Turns the scan's ledgers into the `trace --json` shape: strings are made here, once per result. */
import { NO_ADDRESS, reversedHex } from '../chain/index.ts';
import { AddressList, listLazily } from './address-list.ts';
import { AddressNames } from './address-names.ts';
import { STOP } from './book.ts';
import type { ScanContext } from './scan-context.ts';
import { pathIds, summarise } from './summary.ts';
import type { Chain, Destination, Endpoint, TracedTransfer, TraceOptions, TraceResult } from './types.ts';

/** A non-negative double amount in base units as a decimal string. */
export function amount(x: number): string {
  if (!(x > 0)) return '0';
  const r = Math.round(x);
  // below 2^53 a whole double prints exactly as its digits; above, its shortest form may not
  return r <= Number.MAX_SAFE_INTEGER ? String(r) : BigInt(r).toString();
}

function assetName(o: TraceOptions, chain: Chain, asset: number): string {
  if (chain === 'bitcoin') return 'BTC';
  const id = o.graph.ethereum.assetAddress(asset);
  return id === NO_ADDRESS ? 'ETH' : o.graph.addressOf(id);
}

export function buildResult(o: TraceOptions, chain: Chain, ctx: ScanContext): TraceResult {
  const endpoints: Endpoint[] = [];
  const totals: TraceResult['totals'] = [];
  const summary: Destination[] = [];
  const names = new AddressNames(o.graph);
  const named = (id: number) => names.of(id);
  const assetNames: string[] = [];
  const list = new AddressList(assetNames, ctx.labels);
  const dict = o.graph.dict;
  const keys = dict.keys.data;
  const ends = dict.ends.data;
  ctx.books.forEach((b, asset) => {
    if (!b) return;
    const name = assetName(o, chain, asset);
    assetNames[asset] = name;
    totals.push({
      asset: name,
      seeded: amount(ctx.seeded[asset]!),
      fees: amount(ctx.fees[asset]!),
      belowThreshold: amount(ctx.below[asset]!),
    });
    summary.push(...summarise(ctx, asset, name, named, amount));
    for (let s = 0; s < b.n; s++) {
      const id = b.address(s);
      const seed = ctx.seed[id] === 1;
      const received = b.received(s);
      if (!(received > 0) && !seed) continue;
      const stop = (b.flag(s) & STOP) !== 0;
      const holding = stop ? received : b.taint(s);
      list.add(id, asset, received, holding, b.hop(s), seed);
      if (!stop && !(b.blocked(s) > 0)) continue;
      const address = named(id);
      const label = ctx.labels.get(id);
      if (stop && label) {
        const path = pathIds(ctx, asset, id).map(named);
        const e = { address, asset: name, category: label.category, name: label.name, path };
        endpoints.push({ ...e, received: amount(received), hops: b.hop(s) });
      }
      if (b.blocked(s) > 0) {
        const path = pathIds(ctx, asset, id).map(named);
        const e = { address, asset: name, category: 'hop-limit', name: 'not followed', path };
        endpoints.push({ ...e, received: amount(b.blocked(s)), hops: b.hop(s) });
      }
    }
  });
  list.copyKeys(keys, ends);
  const result: TraceResult = {
    model: o.model,
    direction: o.direction,
    chain,
    seeds: [...o.seeds],
    addresses: [], // made on first read: listLazily below
    transfers: transfers(o, chain, ctx, named),
    endpoints,
    totals,
    summary,
    links: [],
    examined: ctx.examined,
    transferCount: ctx.count,
  };
  return listLazily(result, () => list.make(amount));
}

function transfers(
  o: TraceOptions,
  chain: Chain,
  ctx: ScanContext,
  named: (id: number) => string,
): TracedTransfer[] {
  const out: TracedTransfer[] = [];
  const g = o.graph;
  const name = (id: number) => (id === NO_ADDRESS || id >= g.dict.count ? '' : named(id));
  for (let i = 0; i < ctx.logged; i++) {
    const row = ctx.logRow[i]!;
    const taint = amount(ctx.logTaint[i]!);
    if (chain === 'ethereum') {
      const t = g.ethereum.transfer(row);
      const tx = g.ethereum.txHash(t.tx);
      const asset = assetName(o, chain, ctx.logAsset[i]!);
      const x = { chain, row, tx, from: name(t.from), to: name(t.to), asset };
      out.push({ ...x, value: t.value.toString(), taint, time: t.time });
    } else {
      const t = g.transfer(row);
      const tx = reversedHex(g.bitcoin.c.txHash.data, t.tx * 32);
      const [from, to] = t.kind === 'input' ? [name(t.address), tx] : [tx, name(t.address)];
      out.push({ chain, row, tx, from, to, asset: 'BTC', value: amount(t.value), taint, time: t.time });
    }
  }
  return out;
}
