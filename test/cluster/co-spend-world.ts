import { join } from 'node:path';
import { openGraph } from '../../src/chain/index.ts';
import { importElements } from '../../src/hub/index.ts';
import type { Store } from '../../src/store/index.ts';
import { address, TestChain } from '../../src/trace/cluster/test-chain.ts';
import { walletFlag } from '../support/stix-fixtures.ts';

/**
 * The smallest world where clustering changes a screen: "listed" is flagged by an indicator, and
 * "partner" later spends together with it (one transaction, two inputs), so the multi-input heuristic
 * makes them one entity; "payee" only receives. The API and CLI suites both screen this world.
 */
export async function flagListed(store: Store, authorOrg: string, tlp: 'green' | 'amber'): Promise<void> {
  async function* one() {
    yield [
      {
        value: walletFlag(
          'indicator--0d6f1e2a-3b4c-4d5e-8f60-718293a4b5c6',
          address('listed'),
          'heist wallet',
        ),
        place: { index: 0, line: 0 },
      },
    ];
  }
  await importElements(one(), {
    store,
    authorOrg,
    defaultTlp: tlp,
    audience: { communities: [], orgs: [], users: [] },
  });
}

/** Writes the two funding transactions and the co-spend into the graph under DATA/chain; returns that path. */
export function writeCoSpendChain(data: string): string {
  const graphDir = join(data, 'chain');
  const g = openGraph(graphDir);
  const chain = new TestChain();
  const [a, b] = chain.append(g, [
    { ins: [], outs: [{ to: 'listed', value: 100_000_000 }] },
    { ins: [], outs: [{ to: 'partner', value: 100_000_001 }] },
  ]);
  chain.append(g, [
    {
      ins: [
        [a!, 0],
        [b!, 0],
      ],
      outs: [{ to: 'payee', value: 200_000_000 }],
    },
  ]);
  g.close();
  return graphDir;
}
