/**
 * A trace that goes on through mixers and bridges, as `bulwark trace` and `POST /api/v1/trace` run
 * it (trace-request.ts): a trace stopped at them (they are stops, counting what went in), then the
 * matches — mixer withdrawals (mixers.ts) and bridge releases (bridges.ts) — as links of a second
 * trace that continues from their recipients with value × confidence. The matches are made again
 * from the new trace until they no longer change (a link may carry value into another mixer or
 * bridge), at most ROUNDS times.
 *
 * Chains: the graph store holds Bitcoin and Ethereum over one address dictionary, so a bridge is
 * crossed either way. A deposit on one chain is matched to releases on the other (and, on Ethereum,
 * in another asset: bridges.ts), and the other chain's trace continues from them — no seeds, only
 * links (on Bitcoin, output rows that take the link's taint: bitcoin-scan.ts). The result holds both
 * chains' addresses and transfers, and each continued path is prefixed with the path to the
 * deposit. Forward traces only: backward, mixers and bridges stay stops. Mixers: Ethereum only (the
 * denomination matching of mixers.ts); a Bitcoin mixer stays a stop.
 */
import { type Graph, NO_ADDRESS, reversedHex } from '../chain/index.ts';
import { assetScales, type BridgeOf, bridgeLookup, depositsOf, matchBridge, releasesOf } from './bridges.ts';
import { type MixerLink, matchMixer } from './mixers.ts';
import { amount } from './result.ts';
import { chainOf, trace } from './trace.ts';
import type { Chain, Crossing, Link, ServiceLink, TraceLabel, TraceOptions, TraceResult } from './types.ts';

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
  /** The chain and row of the withdrawal or release. */
  chain: Chain;
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
  /** Bitcoin releases: the bridge address among the transaction's inputs. */
  payer?: number;
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
  const other: Chain = chain === 'ethereum' ? 'bitcoin' : 'ethereum';
  // the seed chain's trace, and the other chain's continuation from links alone (no seeds)
  let results: TraceResult[] = [first];
  let found: Found[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const next = results.flatMap((r) => matches(g, r, bridgeOf, scales, t));
    if (same(next, found)) break;
    found = next;
    const on = (c: Chain) => linkMap(g, found, c);
    const here = on(chain);
    const there = on(other);
    const { asset: _, ...rest } = all; // an asset filter is about the seeds' chain
    results = [here.size > 0 ? trace({ ...all, links: here }) : first];
    if (there.size > 0) results.push(trace({ ...rest, seeds: [], chain: other, links: there }));
  }
  return finish(g, results.length > 1 ? merge(results[0]!, results[1]!) : results[0]!, found, limit);
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
        chain: 'ethereum',
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
        chain: l.release.chain!,
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
        ...(l.release.chain === 'bitcoin' && l.release.from !== undefined ? { payer: l.release.from } : {}),
        // the deposit's tainted share the release accounts for, in the deposit's units
        passedOn: Math.floor(e.taint * l.confidence * Math.min(1, l.release.value / e.value)),
      });
    }
  }
  return out;
}

/** The links of one chain as the engine takes them: a row's taints add up, to at most its value. */
function linkMap(g: Graph, found: readonly Found[], chain: Chain): Map<number, Link> {
  const links = new Map<number, Link>();
  for (const f of found) {
    if (f.chain !== chain) continue;
    const value = chain === 'ethereum' ? g.ethereum.approxValue(f.row) : g.bitcoin.c.rowValue.data[f.row]!;
    const have = links.get(f.row);
    const taint = Math.min(value, (have?.taint ?? 0) + f.taint);
    links.set(f.row, { taint, via: have?.via ?? f.via, hop: have?.hop ?? f.hop });
  }
  return links;
}

function same(a: readonly Found[], b: readonly Found[]): boolean {
  const key = (x: readonly Found[]) =>
    x
      .map((f) => `${f.kind}:${f.chain}:${f.row}:${f.via}:${f.taint}`)
      .sort()
      .join();
  return a.length === b.length && key(a) === key(b);
}

/**
 * The seed chain's trace and its continuation on the other chain as one result. A continued path
 * starts at the bridge address the deposit went into, on the other chain: the path to it goes first
 * (again while a path starts at such an address: value may cross back and forth).
 */
function merge(seeded: TraceResult, continued: TraceResult): TraceResult {
  const to = new Map<string, string[]>();
  for (const e of [...seeded.endpoints, ...continued.endpoints])
    if (!to.has(e.address)) to.set(e.address, e.path);
  const whole = (path: string[]) => {
    let p = path;
    for (let k = 0; k < ROUNDS && p.length > 0 && !seeded.seeds.includes(p[0]!); k++) {
      const before = to.get(p[0]!);
      if (!before || before.length < 2) break;
      p = [...before, ...p.slice(1)];
    }
    return p;
  };
  for (const r of [seeded, continued]) {
    for (const e of r.endpoints) e.path = whole(e.path);
    for (const d of r.summary) for (const p of d.paths) p.path = whole(p.path);
  }
  return {
    ...seeded,
    addresses: [...seeded.addresses, ...continued.addresses],
    transfers: [...seeded.transfers, ...continued.transfers],
    endpoints: [...seeded.endpoints, ...continued.endpoints],
    totals: [...seeded.totals, ...continued.totals],
    summary: [...seeded.summary, ...continued.summary],
    examined: seeded.examined + continued.examined,
    transferCount: seeded.transferCount + continued.transferCount,
  };
}

/** The withdrawal or release row as the result lists it (Bitcoin: paid by the bridge address that matched). */
function withdrawalOf(g: Graph, f: Found): ServiceLink['withdrawal'] {
  if (f.chain === 'bitcoin') {
    const x = g.transfer(f.row);
    const tx = reversedHex(g.bitcoin.c.txHash.data, x.tx * 32);
    const from = f.payer !== undefined ? g.addressOf(f.payer) : tx;
    const to = g.addressOf(x.address);
    return { chain: 'bitcoin', row: f.row, tx, from, to, asset: 'BTC', value: amount(x.value), time: x.time };
  }
  const e = g.ethereum;
  const x = e.transfer(f.row);
  return {
    chain: 'ethereum',
    row: f.row,
    tx: e.txHash(x.tx),
    from: g.addressOf(x.from),
    to: g.addressOf(x.to),
    asset: x.asset === NO_ADDRESS ? 'ETH' : g.addressOf(x.asset),
    value: x.value.toString(),
    time: x.time,
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
  const byRow = new Map<string, Mark>();
  // a step into → recipient of a path that is a crossing
  const steps = new Map<string, Mark>();
  const leftAddress = new Map<string, number>();
  const leftService = new Map<string, number>();
  r.links = found.map((f) => {
    const withdrawal = withdrawalOf(g, f);
    mark(byRow, `${f.chain}:${f.row}`, f);
    mark(steps, `${f.into}\u0000${withdrawal.to}`, f);
    add(leftAddress, `${f.into}\u0000${f.asset}`, f.passedOn);
    add(leftService, `${f.kind}\u0000${f.service}\u0000${f.asset}`, f.passedOn);
    return {
      kind: f.kind,
      service: f.service,
      deposits: f.deposits,
      withdrawal,
      candidates: f.candidates,
      confidence: f.confidence,
      carried: amount(f.taint),
    };
  });
  for (const x of r.transfers) {
    const l = byRow.get(`${x.chain}:${x.row}`);
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

/**
 * The trace with `mixers` (addresses) as stops, then on through them by matching (the same steps
 * as `traceRequest` takes through the mixers a reader sees labelled: through-services.ts); the
 * rest as `trace`. For callers that name the mixers themselves (tests, the taint cross-checks).
 */
export function traceThroughMixers(
  o: TraceOptions,
  mixers: readonly string[],
  windowSeconds: number,
): { result: TraceResult; links: MixerLink[] } {
  const ids = new Set(mixers.map((m) => o.graph.addressId(m.toLowerCase())));
  const stopAt = (id: number) =>
    ids.has(id) ? { category: 'mixer', name: o.graph.addressOf(id) } : o.stopAt?.(id);
  const result = traceThroughServices(
    { ...o, stopAt },
    {
      mixers: true,
      bridges: false,
      mixerWindow: windowSeconds,
      bridgeWindow: 0,
      bridgeFee: 0,
      labelOf: () => undefined,
    },
  );
  const links = result.links.map((l) => ({
    mixer: l.service,
    row: l.withdrawal.row,
    to: l.withdrawal.to,
    value: l.withdrawal.value,
    time: l.withdrawal.time,
    confidence: l.confidence,
    taint: Number(l.carried),
    deposits: l.deposits.map((d) => d.row),
    candidates: l.candidates,
  }));
  return { result, links };
}
