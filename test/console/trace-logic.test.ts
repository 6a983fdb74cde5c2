/**
 * The investigation graph's data side in Node, fed by the real trace engine over a hand-built chain:
 * expansion hop by hop, the where-it-ended-up buckets, the STIX export (every object valid by
 * src/stix, wallets with the hub's ids), amounts; and the SSE parser and alert merging of the inbox.
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import fc from 'fast-check';
import { deriveScoId, validateObject } from '../../src/stix/index.ts';
import { type PathStep, paths } from '../../src/trace/paths.ts';
import { addr, buildGraph, type Move } from '../../src/trace/test-graph.ts';
import { trace } from '../../src/trace/trace.ts';
import type { TraceResult } from '../../src/trace/types.ts';
import { type Alert, mergeAlert } from '../../web/src/alerts.ts';
import { parseSse } from '../../web/src/sse.ts';
import { formatAmount } from '../../web/src/trace/amounts.ts';
import {
  buildFlow,
  destinationTotals,
  frontier,
  initialExpansion,
  pathOnGraph,
  summaryOf,
  visibleGraph,
} from '../../web/src/trace/flow-model.ts';
import { traceBundle } from '../../web/src/trace/trace-stix.ts';
import { tempDir } from '../support/temp-dir.ts';

const dir = tempDir('bulwark-console-trace-');
after(() => dir.remove());

const ETH = 10n ** 18n;
const m = (from: string, to: string, eth: bigint): Move => ({ from, to, value: eth * ETH });

/** a (seed) → b → c → x (exchange); b → m (mixer); c keeps some. */
function heist(): { result: TraceResult; pathToExchange: PathStep[] } {
  const graph = buildGraph(dir.path, [
    [m('v', 'a', 100n)],
    [m('a', 'b', 100n)],
    [m('b', 'c', 60n)],
    [m('b', 'm', 40n)],
    [m('c', 'x', 50n)],
  ]);
  const stops = new Map([
    [graph.addressId(addr('x')), { category: 'exchange', name: 'Coin Exchange' }],
    [graph.addressId(addr('m')), { category: 'mixer', name: 'Tornado' }],
  ]);
  try {
    const result = trace({
      graph,
      seeds: [addr('a')],
      model: 'haircut',
      direction: 'forward',
      hops: 10,
      stopAt: (id) => stops.get(id),
    });
    return { result, pathToExchange: paths({ graph, from: addr('a'), to: addr('x'), maxHops: 6 }) ?? [] };
  } finally {
    graph.close();
  }
}

const { result, pathToExchange } = heist();

test('the graph opens from the seeds one hop at a time until nothing leads further', () => {
  const model = buildFlow(result);
  let open = initialExpansion(model);
  assert.deepEqual([...open], [addr('a')]);
  const seen: string[][] = [];
  for (let i = 0; i < 5; i++) {
    seen.push(
      visibleGraph(model, open)
        .nodes.map((n) => n.id)
        .sort(),
    );
    const more = frontier(model, open);
    if (more.length === 0) break;
    open = new Set([...open, ...more]);
  }
  // v, the victim, stays in view as where the seed's value came from.
  assert.deepEqual(seen, [
    [addr('a'), addr('b'), addr('v')].sort(),
    [addr('a'), addr('b'), addr('c'), addr('m'), addr('v')].sort(),
    [addr('a'), addr('b'), addr('c'), addr('m'), addr('v'), addr('x')].sort(),
  ]);
  assert.equal(model.nodes.get(addr('v'))!.kind, 'source');
  const last = visibleGraph(model, open);
  const toExchange = last.edges.find((e) => e.to === addr('x'))!;
  assert.equal(toExchange.taint, 50n * ETH, 'the edge carries the traced amount');
  assert.equal(toExchange.first, toExchange.transfers[0]!.time);
  assert.equal(model.nodes.get(addr('x'))!.kind, 'exchange');
  assert.equal(model.nodes.get(addr('m'))!.kind, 'mixer');
});

test('a path from the path search lands on the graph’s edges and opens what it crosses', () => {
  const model = buildFlow(result);
  const on = pathOnGraph(model, pathToExchange);
  const names = [...on.edges].map((id) => {
    const e = model.edges.find((x) => x.id === id)!;
    return `${e.from.slice(2, 4)}>${e.to.slice(2, 4)}`;
  });
  assert.deepEqual(names, ['61>62', '62>63', '63>78'], 'a → b → c → x');
  const shown = visibleGraph(model, new Set([...initialExpansion(model), ...on.open]));
  assert.ok(
    shown.nodes.some((n) => n.id === addr('x')),
    'the exchange is on screen',
  );
});

test('where it ended up: exchange, mixer and still held add up to what was stolen', () => {
  const totals = destinationTotals(summaryOf(result));
  const by = Object.fromEntries(totals.map((t) => [t.bucket, t.value]));
  assert.equal(by.exchange, 50n * ETH);
  assert.equal(by.mixer, 40n * ETH);
  assert.equal(by.held, 10n * ETH);
  assert.equal(
    totals.reduce((s, t) => s + t.value, 0n),
    100n * ETH,
  );
  // A hub that sends no summary: the console derives the same buckets from endpoints and holdings.
  const derived = destinationTotals(summaryOf({ ...result, summary: undefined } as unknown as TraceResult));
  assert.deepEqual(Object.fromEntries(derived.map((t) => [t.bucket, t.value])), by);
});

test('the STIX export is a bundle of valid objects: wallets with the hub’s ids, flows, a note', () => {
  const model = buildFlow(result);
  const open = new Set([...model.nodes.keys()]);
  const shown = visibleGraph(model, open);
  const author = 'identity--1b4b3b0e-7e65-4c3c-9b0f-1e1d6c5c8a11';
  const bundle = traceBundle(model, shown, { tlp: 'amber', author }) as {
    type: string;
    objects: Record<string, unknown>[];
  };
  assert.equal(bundle.type, 'bundle');
  for (const o of bundle.objects) {
    const v = validateObject(o);
    assert.ok(v.ok, `${String(o.id)}: ${v.ok ? '' : v.errors.map((e) => e.message).join('; ')}`);
  }
  const wallets = bundle.objects.filter((o) => o.type === 'cryptocurrency-wallet');
  assert.equal(wallets.length, 6);
  for (const w of wallets) assert.equal(w.id, deriveScoId({ type: 'cryptocurrency-wallet', value: w.value }));
  const ids = new Set(bundle.objects.map((o) => o.id));
  const flows = bundle.objects.filter((o) => o.type === 'relationship');
  assert.equal(flows.length, 5);
  for (const f of flows) {
    assert.ok(ids.has(f.source_ref) && ids.has(f.target_ref), 'flows join wallets of the bundle');
    assert.equal(f.created_by_ref, author);
  }
  const note = bundle.objects.find((o) => o.type === 'note')!;
  assert.match(String(note.content), /exchange: 50 ETH/);
  assert.equal((note.object_refs as string[]).length, 11);
});

test('amounts in base units print in the chain’s unit without rounding through a double', () => {
  assert.equal(formatAmount('1234500000000000000', 'ETH'), '1.2345 ETH');
  assert.equal(formatAmount('100000000000000000000000', 'ETH'), '100,000 ETH');
  assert.equal(formatAmount('150000000', 'BTC'), '1.5 BTC');
  assert.equal(formatAmount('1', 'ETH'), '<0.0001 ETH');
  assert.equal(formatAmount('69999999999999991808', 'ETH'), '70 ETH', 'rounded to the digits shown');
  fc.assert(
    fc.property(fc.bigInt({ min: 0n, max: 10n ** 30n }), (v) => {
      const whole = formatAmount(v.toString(), 'ETH').split(' ')[0]!.replace(/,/g, '');
      if (!whole.startsWith('<')) assert.equal(BigInt(whole.split('.')[0]!), (v + 5n * 10n ** 13n) / ETH);
    }),
  );
});

test('the SSE parser yields the same events however the stream is cut into chunks', () => {
  const stream =
    ': hello\n\nevent: alert\ndata: {"id":"1"}\n\nid: 7\nevent: alert\ndata: {"id":\ndata: "2"}\r\n\r\nevent: ping\ndata: x\n\n';
  const whole = parseSse(stream).events;
  assert.deepEqual(whole, [
    { event: 'alert', data: '{"id":"1"}' },
    { event: 'alert', data: '{"id":\n"2"}', id: '7' },
    { event: 'ping', data: 'x' },
  ]);
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 1, max: stream.length - 1 }), { maxLength: 8 }), (cuts) => {
      const points = [...new Set(cuts)].sort((a, b) => a - b);
      let buffer = '';
      const events = [];
      let at = 0;
      for (const p of [...points, stream.length]) {
        const parsed = parseSse(buffer + stream.slice(at, p));
        buffer = parsed.rest;
        events.push(...parsed.events);
        at = p;
      }
      // a cut between \r and \n can only delay an event, never change it
      events.push(...parseSse(`${buffer}\n\n`).events);
      assert.deepEqual(events, whole);
    }),
  );
});

test('a streamed alert goes on top, replaces its older self, and leaves a filter it no longer matches', () => {
  const alert = (id: string, status: Alert['status']): Alert => ({
    id,
    created: '2026-11-23T10:00:00Z',
    status,
    chain: 'ethereum',
    address: addr('x'),
    asset: 'ETH',
    amount: '1',
    tx: '0x1',
    block: 1,
    sources: [],
  });
  const list = [alert('1', 'open'), alert('2', 'open')];
  assert.deepEqual(
    mergeAlert(list, alert('3', 'open'), 'open').map((a) => a.id),
    ['3', '1', '2'],
  );
  assert.deepEqual(
    mergeAlert(list, alert('2', 'acknowledged'), 'open').map((a) => a.id),
    ['1'],
  );
  assert.deepEqual(
    mergeAlert(list, alert('2', 'acknowledged'), 'all').map((a) => `${a.id}:${a.status}`),
    ['1:open', '2:acknowledged'],
  );
  assert.deepEqual(
    mergeAlert(list, alert('4', 'open'), 'acknowledged').map((a) => a.id),
    ['1', '2'],
  );
});
