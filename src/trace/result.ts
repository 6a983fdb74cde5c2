/** Turns the scan's ledgers into the `trace --json` shape: strings are made here, once per result. */
import { NO_ADDRESS, reversedHex } from '../chain/index.ts';
import { STOP } from './book.ts';
import type { ScanContext } from './scan-context.ts';
import { pathIds, summarise } from './summary.ts';
import type {
  Chain,
  Destination,
  Endpoint,
  TracedAddress,
  TracedTransfer,
  TraceOptions,
  TraceResult,
} from './types.ts';

/** A non-negative double amount in base units as a decimal string. */
export function amount(x: number): string {
  return x > 0 ? BigInt(Math.round(x)).toString() : '0';
}

function assetName(o: TraceOptions, chain: Chain, asset: number): string {
  if (chain === 'bitcoin') return 'BTC';
  const id = o.graph.ethereum.assetAddress(asset);
  return id === NO_ADDRESS ? 'ETH' : o.graph.addressOf(id);
}

export function buildResult(o: TraceOptions, chain: Chain, ctx: ScanContext): TraceResult {
  const ranked: { value: number; a: TracedAddress }[] = [];
  const endpoints: Endpoint[] = [];
  const totals: TraceResult['totals'] = [];
  const summary: Destination[] = [];
  const named = (id: number) => o.graph.addressOf(id);
  ctx.books.forEach((b, asset) => {
    if (!b) return;
    const name = assetName(o, chain, asset);
    totals.push({
      asset: name,
      seeded: amount(ctx.seeded[asset]!),
      fees: amount(ctx.fees[asset]!),
      belowThreshold: amount(ctx.below[asset]!),
    });
    summary.push(...summarise(ctx, asset, name, named, amount));
    for (let s = 0; s < b.n; s++) {
      if (!(b.received[s]! > 0) && ctx.seed[b.addr[s]!] !== 1) continue;
      const address = o.graph.addressOf(b.addr[s]!);
      const label = ctx.labels.get(b.addr[s]!);
      const stop = (b.flag[s]! & STOP) !== 0;
      const labels = label ? [`${label.category}:${label.name}`] : [];
      if (ctx.seed[b.addr[s]!] === 1) labels.push('seed');
      const holding = stop ? b.received[s]! : b.taint[s]!;
      const received = amount(b.received[s]!);
      const a = { address, asset: name, received, holding: amount(holding), hops: b.hop[s]!, labels };
      ranked.push({ value: b.received[s]!, a });
      if (stop && label) {
        const path = pathIds(ctx, asset, b.addr[s]!).map(named);
        const e = { address, asset: name, category: label.category, name: label.name, path };
        endpoints.push({ ...e, received: amount(b.received[s]!), hops: b.hop[s]! });
      }
      if (b.blocked[s]! > 0) {
        const path = pathIds(ctx, asset, b.addr[s]!).map(named);
        const e = { address, asset: name, category: 'hop-limit', name: 'not followed', path };
        endpoints.push({ ...e, received: amount(b.blocked[s]!), hops: b.hop[s]! });
      }
    }
  });
  ranked.sort((x, y) => y.value - x.value || (x.a.address < y.a.address ? -1 : 1));
  const addresses = ranked.map((r) => r.a);
  return {
    model: o.model,
    direction: o.direction,
    chain,
    seeds: [...o.seeds],
    addresses,
    transfers: transfers(o, chain, ctx),
    endpoints,
    totals,
    summary,
    examined: ctx.examined,
    transferCount: ctx.count,
  };
}

function transfers(o: TraceOptions, chain: Chain, ctx: ScanContext): TracedTransfer[] {
  const out: TracedTransfer[] = [];
  const g = o.graph;
  const name = (id: number) => (id === NO_ADDRESS || id >= g.dict.count ? '' : g.addressOf(id));
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
