/**
 * `bulwark screen` gives the indirect exposure REST gives, for the same reader and graph: with no
 * saved taint state (it scans the chain itself), with the state a running server saved (it reads
 * it), and with a state the server has not yet moved past new blocks (it reads the rest in memory,
 * never answering from a state behind the head, and never writing the server's file).
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import { generateBitcoinLike, openGraph } from '../../src/chain/index.ts';
import { addOrganisation, createKey } from '../../src/hub/index.ts';
import { testStoreIn } from '../../src/hub/members/test-store.ts';
import { UtxoTaint } from '../../src/screen/index.ts';
import { publishHeist } from '../../src/screen/taint/test-labels.ts';
import { alertEngineOf } from '../../src/server/api/alerts-context.ts';
import { createServer } from '../../src/server/create-server.ts';
import { addr } from '../../src/trace/test-graph.ts';
import { runCli } from '../support/cli.ts';
import { commitEthTransfer } from '../support/eth-block.ts';

interface Reason {
  kind: string;
  risk: string;
  category: string;
  pending?: boolean;
  share?: number;
  tainted?: string;
  paths?: { asset: string; share: number; largest: string; path: string[] }[];
}
interface Result {
  address: string;
  risk: string;
  reasons: Reason[];
}

/** A hub serving `graphDir` whose engine moves the taint only when the test calls `tick`. */
async function serve(
  t: import('node:test').TestContext,
  store: Parameters<typeof createServer>[0]['store'],
  graphDir: string,
  key: string,
) {
  const app = createServer({ store, graphDir, alerts: { pollMs: 3_600_000 }, rateLimit: 0 });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  t.after(() => app.close());
  const engine = alertEngineOf(store);
  await engine.stop(); // the first poll (at start) has finished; the next ones are the test's
  const screen = async (address: string): Promise<Result> => {
    const res = await fetch(`${base}/api/v1/screen/${address}`, {
      headers: { authorization: `Bearer ${key}` },
    });
    assert.equal(res.status, 200);
    return (await res.json()) as Result;
  };
  return { engine, screen };
}

async function cliScreen(data: string, org: string, addresses: string[]): Promise<Result[]> {
  const run = await runCli(['screen', '--data', data, '--json', '--as-org', org, ...addresses]);
  assert.equal(run.code, 0, run.stderr);
  return run.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Result);
}

/** The state files beside the graph, name → bytes. */
function stateFiles(graphDir: string): Map<string, Buffer> {
  const dir = join(graphDir, 'taint');
  if (!existsSync(dir)) return new Map();
  return new Map(readdirSync(dir).map((f) => [f, readFileSync(join(dir, f))]));
}

it('answers the indirect exposure of an Ethereum address as REST does: share, risk and top paths', async (t) => {
  const { store, data } = await testStoreIn(t);
  const graphDir = join(data, 'chain');
  const [v, s, a, b, q, x, r] = ['v', 's', 'a', 'b', 'q', 'x', 'r'].map(addr) as string[];
  // s is the heist; q gets 40 + 10 stolen (through a and b) and 50 clean: half its receipts
  for (const [from, to, value] of [
    [v, s, 100n],
    [s, a, 60n],
    [s, b, 20n],
    [a, q, 40n],
    [b, q, 10n],
    [v, q, 50n],
    [v, x, 5n],
  ] as const)
    commitEthTransfer(graphDir, from!, to!, value);
  const publisher = await addOrganisation(store, 'Publisher');
  await addOrganisation(store, 'Exchange');
  await publishHeist(store, publisher.id, s!, 'Test heist');
  const key = (await createKey(store, { org: 'Exchange', role: 'reader' })).key;

  // no server ran yet: the CLI scans the chain itself, and writes nothing beside the graph
  const [cliQ, cliX] = await cliScreen(data, 'Exchange', [q!, x!]);
  const indirect = cliQ!.reasons.find((reason) => reason.kind === 'indirect');
  assert.ok(indirect, JSON.stringify(cliQ));
  assert.equal(indirect.share, 0.5);
  assert.equal(indirect.tainted, '50');
  assert.equal(indirect.category, 'heist');
  assert.equal(cliQ!.risk, 'high');
  assert.deepEqual(
    indirect.paths!.map((p) => p.path),
    [
      [s, a, q],
      [s, b, q],
    ],
  );
  assert.ok(!cliQ!.reasons.some((reason) => reason.pending), 'the CLI read the chain to its head');
  assert.deepEqual(cliX, { address: x, risk: 'none', reasons: [] });
  assert.equal(stateFiles(graphDir).size, 0, 'the CLI saved no state');

  const { engine, screen } = await serve(t, store, graphDir, key);
  assert.ok(
    (await screen(q!)).reasons.some((reason) => reason.pending),
    'REST made its state now',
  );
  await engine.tick();
  assert.deepEqual(await screen(q!), cliQ, 'REST and the CLI give one answer');
  assert.deepEqual(await screen(x!), cliX);

  // the server saved its state: the CLI reads it, gives the same answer, and leaves it as it was
  const saved = stateFiles(graphDir);
  assert.ok(saved.size > 0, 'the server saved its state');
  assert.deepEqual(await cliScreen(data, 'Exchange', [q!]), [cliQ]);
  assert.deepEqual(stateFiles(graphDir), saved);

  // a block the server's state has not read: the CLI reads it (in memory) before answering
  commitEthTransfer(graphDir, a!, r!, 10n);
  const [cliR] = await cliScreen(data, 'Exchange', [r!]);
  const reached = cliR!.reasons.find((reason) => reason.kind === 'indirect');
  assert.ok(reached && !reached.pending, JSON.stringify(cliR));
  assert.equal(reached.share, 1);
  assert.deepEqual(reached.paths![0]!.path, [s, a, r]);
  assert.deepEqual(stateFiles(graphDir), saved, 'the server owns the file: the CLI did not write it');
  // the server answers from the graph as of its engine's last poll: the block is its own after the next
  await engine.tick();
  assert.deepEqual(await screen(r!), cliR);

  const human = await runCli(['screen', '--data', data, '--as-org', 'Exchange', q!]);
  assert.equal(human.code, 0, human.stderr);
  assert.match(human.stdout, /HIGH/);
  assert.match(human.stdout, /heist: 50\.00% of the ETH it received traces to flagged sources/);
  assert.ok(human.stdout.includes(`${s} → ${a} → ${q}`), human.stdout);
});

it('answers the indirect exposure of a Bitcoin address as REST does', async (t) => {
  const { store, data } = await testStoreIn(t);
  const graphDir = join(data, 'chain');
  const writer = openGraph(graphDir);
  const summary = generateBitcoinLike({ graph: writer, transactions: 4_000, seed: 13 });
  writer.close();
  const thief = summary.heist.thief;
  // an address two hops or more from the thief, by a fresh scan
  const g = openGraph(graphDir, { readonly: true });
  const fresh = new UtxoTaint([thief], 6);
  fresh.advance(g);
  const l = fresh.ledgers[0]!;
  let target = '';
  for (let slot = 0; slot < l.n && !target; slot++)
    if (l.hop[slot]! >= 2 && l.received[slot]! > 0) target = g.addressOf(l.addr[slot]!);
  g.close();
  assert.ok(target, 'the loot went two hops or more');

  const publisher = await addOrganisation(store, 'Publisher');
  await addOrganisation(store, 'Exchange');
  await publishHeist(store, publisher.id, thief, 'Synthetic exchange heist');
  const key = (await createKey(store, { org: 'Exchange', role: 'reader' })).key;
  const [cli] = await cliScreen(data, 'Exchange', [target]);
  const indirect = cli!.reasons.find((reason) => reason.kind === 'indirect');
  assert.ok(indirect && !indirect.pending, JSON.stringify(cli));
  assert.equal(indirect.paths![0]!.path[0], thief);
  assert.equal(indirect.paths![0]!.path.at(-1), target);

  const { engine, screen } = await serve(t, store, graphDir, key);
  await screen(target); // makes the server's Bitcoin state
  await engine.tick();
  assert.deepEqual(await screen(target), cli);
});
