import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { tempDir } from '../../test/support/temp-dir.ts';
import { type ethereum, openGraph } from '../chain/index.ts';
import { graphLabelOf, labelsOnGraph } from './graph-labels.ts';
import { ScreeningIndex } from './index/screening-index.ts';
import type { Label, LabelCategory } from './labels/types.ts';
import { RISKS } from './types.ts';

const account = (n: number): string => `0x${n.toString(16).padStart(40, '0')}`;
const hash = (n: number): string => `0x${n.toString(16).padStart(64, '0')}`;

function label(address: string, category: LabelCategory): Label {
  return {
    address,
    category,
    source: 'test',
    detail: category,
    marking: 'clear',
    authorOrg: 'test',
    stixIds: [],
    entities: [],
  };
}

function block(): ethereum.ChainBlock {
  const transfers = [
    { from: account(0xa), to: account(0xb), value: 5n, asset: 'ETH', txHash: hash(1), kind: 'call' as const },
    { from: account(0xb), to: account(0xc), value: 3n, asset: 'ETH', txHash: hash(1), kind: 'call' as const },
  ];
  return {
    height: 1,
    hash: hash(0x100),
    parentHash: hash(0xff),
    time: 1_700_000_001,
    txs: [{ hash: hash(1), from: account(0xa), to: account(0xb), value: 5n, fee: 0n, ok: true }],
    transfers,
  };
}

describe('labels on the chain graph', () => {
  it('maps the labelled addresses the graph holds to its address ids, with their risk', () => {
    const dir = tempDir('bulwark-screen-graph-');
    try {
      const graph = openGraph(dir.path);
      graph.ethereum.append(block());
      graph.ethereum.commit();
      const index = new ScreeningIndex({
        labels: [
          label(account(0xa), 'sanctioned'),
          label(account(0xc), 'exchange'),
          label(account(0xd), 'mixer'),
        ],
        version: 1,
        objectCount: 3,
      });
      const labels = labelsOnGraph(graph, index);
      const expected = [account(0xa), account(0xc)].map((a) => graph.addressId(a)).sort((x, y) => x - y);
      assert.deepEqual([...labels.ids], expected);
      const a = graphLabelOf(labels, graph.addressId(account(0xa)));
      const c = graphLabelOf(labels, graph.addressId(account(0xc)));
      assert.equal(RISKS[labels.risks[a]!], 'severe');
      assert.equal(RISKS[labels.risks[c]!], 'low');
      assert.equal(index.keyOf(labels.entries[c]!), account(0xc));
      assert.equal(graphLabelOf(labels, graph.addressId(account(0xb))), -1);
      graph.close();
    } finally {
      dir.remove();
    }
  });
});
