/**
 * A trace that goes on through mixers and bridges, as `bulwark trace` and `POST /api/v1/trace` run
 * it (trace-request.ts): a trace stopped at them (they are stops, counting what went in), then the
 * matches — mixer withdrawals (mixers.ts) and bridge releases (bridges.ts) — as links of a second
 * trace that continues from their recipients with value × confidence. The matches are made again
 * from the new trace until they no longer change (a link may carry value into another mixer or
 * bridge), at most ROUNDS times.
 *
 * Chains: the graph store holds Bitcoin and Ethereum over one address dictionary. A Bitcoin trace
 * crosses a bridge to Ethereum: its deposits are matched to Ethereum releases and an Ethereum trace
 * continues from them (no seeds, only links); the result holds both chains' addresses, transfers
 * and paths (Bitcoin path to the deposit, then the Ethereum path on). The other way — an Ethereum
 * deposit released on Bitcoin — is not followed: the Bitcoin scan spreads a transaction's inputs
 * over its outputs and has no way to give an output taint its inputs lack, so such deposits stay
 * counted at the bridge. Forward traces only: backward, mixers and bridges stay stops.
 */
import { type Graph, NO_ADDRESS } from '../chain/index.ts';
import { assetScales, type BridgeOf, bridgeLookup, depositsOf, matchBridge, releasesOf } from './bridges.ts';
import { matchMixer } from './mixers.ts';
import { amount } from './result.ts';
import { chainOf, trace } from './trace.ts';
import type { Crossing, Link, ServiceLink, TraceLabel, TraceOptions, TraceResult } from './types.ts';

/** Rounds of matching at most: each lets value cross one more mixer or bridge. */
const ROUNDS = 4;

export interface ThroughServices {
  mixers: boolean;
  bridges: boolean;
  /** Seconds a mixer deposit stays a candidate for a withdrawal of its denomination. */
  mixerWindow: number;
  /** Seconds after a bridge deposit its release may come. */
  bridgeWindow: number;
  /** Share of a bridge deposit its release may fall short by (fees). */
  bridgeFee: number;
  /** The service label the reader sees on an address (the trace's stops): bridges are named by it. */
  labelOf: (address: string) => TraceLabel | undefined;
}

/** One matched crossing, before it becomes a ServiceLink. */
interface Found {
  kind: 'mixer' | 'bridge';
  service: string;
  /** The Ethereum row of the withdrawal or release. */
  row: number;
  via: number;
  hop: number;
  taint: number;
  confidence: number;
  candidates: number;
  deposits: ServiceLink['deposits'];
  /** The address the deposits went into, and their asset. */
  into: string;
  asset: string;
  /** What the link takes out of the service, in the deposits' asset and base units. */
  passedOn: number;
}

export function traceThroughServices(o: TraceOptions, t: ThroughServices): TraceResult {
  const limit = o.maxTransfers ?? 10_000;
  const all: TraceOptions = { ...o, maxTransfers: Number.MAX_SAFE_INTEGER };
  const chain = o.chain ?? chainOf(o.seeds[0]!);
  const g = o.graph;
  let first = trace(o);
  const crossable = (c: string) => (c === 'mixer' && t.mixers) || (c === 'bridge' && t.bridges);
  if (o.direction !== 'forward' || !first.endpoints.some((e) => crossable(e.category))) {
    return finish(g, first, [], limit);
  }
  // the matches read every tainted transfer into the services: list them all (only now, as a
  // wide trace lists millions)
  if (first.transfers.length < first.transferCount) first = trace(all);
  const scales = assetScales(g);
  const bridgeOf = bridgeLookup(g, t.labelOf);
  const cross = chain === 'bitcoin' && t.bridges ? bridgeLinks(g, first, bridgeOf, scales, t) : [];
  if (chain === 'bitcoin' && cross.length === 0) return finish(g, first, [], limit);
  let result = chain === 'ethereum' ? first : undefined;
  let found: Found[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const next = result ? [...cross, ...matches(g, result, bridgeOf, scales, t)] : cross;
    if (result && same(next, found)) break;
    found = next;
    const { asset: _, ...rest } = all;
    result = trace({
      ...(chain === 'ethereum' ? all : { ...rest, seeds: [], chain: 'ethereum' as const }),
      links: linkMap(g, found),
    });
  }
  return finish(g, chain === 'bitcoin' ? merge(first, result!) : result!, found, limit);
}

function matches(
  g: Graph,
  r: TraceResult,
  bridgeOf: BridgeOf,
  scales: Float64Array,
  t: ThroughServices,
): Found[] {
  const out: Found[] = [];
  if (t.mixers) out.push(...mixerLinks(g, r, t.mixerWindow));
  if (t.bridges) out.push(...bridgeLinks(g, r, bridgeOf, scales, t));
  return out;
}

function mixerLinks(g: Graph, r: TraceResult, window: number): Found[] {
  const mixers = new Map<string, { name: string; hops: number }>();
  for (const e of r.endpoints) if (e.category === 'mixer' && e.asset === 'ETH') mixers.set(e.address, e);
  if (mixers.size === 0) return [];
  const byRow = new Map(r.transfers.filter((x) => x.chain === 'ethereum').map((x) => [x.row, x]));
  const out: Found[] = [];
  for (const [address, m] of mixers) {
    for (const l of matchMixer(g, address, r, window)) {
      out.push({
        kind: 'mixer',
        service: m.name,
        row: l.row,
        via: g.addressId(address),
        hop: m.hops,
        taint: l.taint,
        confidence: l.confidence,
        candidates: l.candidates,
        deposits: l.deposits.map((row) => {
          const x = byRow.get(row)!;
          return {
            chain: x.chain,
            row,
            tx: x.tx,
            to: x.to,
            asset: x.asset,
            value: x.value,
            taint: x.taint,
            time: x.time,
          };
        }),
        into: address,
        asset: 'ETH',
        passedOn: l.taint,
      });
    }
  }
  return out;
}

function bridgeLinks(
  g: Graph,
  r: TraceResult,
  bridgeOf: BridgeOf,
  scales: Float64Array,
  t: ThroughServices,
): Found[] {
  const byBridge = new Map<string, ReturnType<typeof depositsOf>>();
  for (const d of depositsOf(g, r, bridgeOf, scales)) {
    const list = byBridge.get(d.bridge) ?? [];
    list.push(d);
    byBridge.set(d.bridge, list);
  }
  const out: Found[] = [];
  for (const [bridge, deposits] of byBridge) {
    const releases = releasesOf(g, deposits, bridgeOf, scales, t.bridgeWindow, t.bridgeFee);
    const of = new Map(deposits.map((d) => [d.event.ref, d]));
    for (const l of matchBridge(
      deposits.map((d) => d.event),
      releases,
      t.bridgeWindow,
      t.bridgeFee,
    )) {
      if (l.taint <= 0) continue;
      const d = of.get(l.deposit.ref)!;
      const e = l.deposit;
      out.push({
        kind: 'bridge',
        service: bridge,
        row: l.release.row!,
        via: d.into,
        hop: d.hops,
        taint: l.taint,
        confidence: l.confidence,
        candidates: l.candidates,
        deposits: [
          {
            chain: e.chain!,
            row: e.row!,
            tx: d.tx,
            to: g.addressOf(d.into),
            asset: d.asset,
            value: amount(e.amount!),
            taint: amount(e.taint),
            time: e.time,
          },
        ],
        into: g.addressOf(d.into),
        asset: d.asset,
        // the deposit's tainted share the release accounts for, in the deposit's units
        passedOn: Math.floor(e.taint * l.confidence * Math.min(1, l.release.value / e.value)),
      });
    }
  }
  return out;
}

/** The links as the engine takes them: a row's taints add up, to at most its value. */
function linkMap(g: Graph, found: readonly Found[]): Map<number, Link> {
  const links = new Map<number, Link>();
  for (const f of found) {
    const have = links.get(f.row);
    const taint = Math.min(g.ethereum.approxValue(f.row), (have?.taint ?? 0) + f.taint);
    links.set(f.row, { taint, via: have?.via ?? f.via, hop: have?.hop ?? f.hop });
  }
  return links;
}

function same(a: readonly Found[], b: readonly Found[]): boolean {
  const key = (x: readonly Found[]) =>
    x
      .map((f) => `${f.kind}:${f.row}:${f.via}:${f.taint}`)
      .sort()
      .join();
  return a.length === b.length && key(a) === key(b);
}

/** A Bitcoin trace and its Ethereum continuation as one result; continued paths start at the seeds. */
function merge(btc: TraceResult, eth: TraceResult): TraceResult {
  const to = new Map(btc.endpoints.map((e) => [e.address, e.path]));
  const whole = (path: string[]) => {
    const before = path.length > 0 ? to.get(path[0]!) : undefined;
    return before ? [...before, ...path.slice(1)] : path;
  };
  for (const e of eth.endpoints) e.path = whole(e.path);
  for (const d of eth.summary) for (const p of d.paths) p.path = whole(p.path);
  return {
    ...btc,
    addresses: [...btc.addresses, ...eth.addresses],
    transfers: [...btc.transfers, ...eth.transfers],
    endpoints: [...btc.endpoints, ...eth.endpoints],
    totals: [...btc.totals, ...eth.totals],
    summary: [...btc.summary, ...eth.summary],
    examined: btc.examined + eth.examined,
    transferCount: btc.transferCount + eth.transferCount,
  };
}

type Mark = { kind: Found['kind']; confidence: number };

/** Keeps the most confident mark per key. */
function mark<K>(m: Map<K, Mark>, k: K, f: Found): void {
  const have = m.get(k);
  if (!have || have.confidence < f.confidence) m.set(k, { kind: f.kind, confidence: f.confidence });
}

function add<K>(m: Map<K, number>, k: K, x: number): void {
  m.set(k, (m.get(k) ?? 0) + x);
}

/** The result with its links listed, marked on transfers and paths, and what left each service counted apart. */
function finish(g: Graph, r: TraceResult, found: readonly Found[], limit: number): TraceResult {
  if (r.transfers.length > limit) r.transfers = r.transfers.slice(0, limit);
  if (found.length === 0) return r;
  const e = g.ethereum;
  const byRow = new Map<number, Mark>();
  // a step into → recipient of a path that is a crossing
  const steps = new Map<string, Mark>();
  const leftAddress = new Map<string, number>();
  const leftService = new Map<string, number>();
  r.links = found.map((f) => {
    const x = e.transfer(f.row);
    const to = g.addressOf(x.to);
    mark(byRow, f.row, f);
    mark(steps, `${f.into}\u0000${to}`, f);
    add(leftAddress, `${f.into}\u0000${f.asset}`, f.passedOn);
    add(leftService, `${f.kind}\u0000${f.service}\u0000${f.asset}`, f.passedOn);
    return {
      kind: f.kind,
      service: f.service,
      deposits: f.deposits,
      withdrawal: {
        chain: 'ethereum' as const,
        row: f.row,
        tx: e.txHash(x.tx),
        from: g.addressOf(x.from),
        to,
        asset: x.asset === NO_ADDRESS ? 'ETH' : g.addressOf(x.asset),
        value: x.value.toString(),
        time: x.time,
      },
      candidates: f.candidates,
      confidence: f.confidence,
      carried: amount(f.taint),
    };
  });
  for (const x of r.transfers) {
    const l = x.chain === 'ethereum' ? byRow.get(x.row) : undefined;
    if (l) x.link = { kind: l.kind, confidence: l.confidence };
  }
  const crossings = (path: string[]): Crossing[] | undefined => {
    const out: Crossing[] = [];
    for (let i = 1; i < path.length; i++) {
      const s = steps.get(`${path[i - 1]}\u0000${path[i]}`);
      if (s) out.push({ at: i, kind: s.kind, confidence: s.confidence });
    }
    return out.length > 0 ? out : undefined;
  };
  for (const p of r.endpoints) {
    const c = crossings(p.path);
    if (c) p.crossings = c;
  }
  for (const d of r.summary) {
    for (const p of d.paths) {
      const c = crossings(p.path);
      if (c) p.crossings = c;
    }
    const out = leftService.get(`${d.category}\u0000${d.name}\u0000${d.asset}`);
    if (out === undefined) continue;
    // what went in = what stayed + what left by matched links (counted again where it went)
    const received = Number(d.value);
    d.received = d.value;
    d.passedOn = amount(Math.min(out, received));
    d.value = amount(Math.max(0, received - out));
  }
  if (leftAddress.size > 0) {
    for (const a of r.addresses) {
      const out = leftAddress.get(`${a.address}\u0000${a.asset}`);
      if (out !== undefined) a.holding = amount(Math.max(0, Number(a.holding) - out));
    }
  }
  return r;
}
