import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { tempDir } from '../../test/support/temp-dir.ts';
import { openGraph } from '../chain/index.ts';
import { loadRows, RowBuffer } from './paths-rows.ts';
import { blockOf, type Move } from './test-graph.ts';

const dir = tempDir('bulwark-paths-rows-');
after(dir.remove);

describe('loadRows', () => {
  it("gives exactly the table's rows of an address in a window, across several adjacency segments", () => {
    const g = openGraph(dir.path);
    try {
      const names = 'abcdefg';
      let seed = 7;
      const next = () => {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        return seed;
      };
      // 40 blocks, then 8, then 2: segments too unequal to be merged (4 rows to 1 at most)
      let block = 0;
      for (const count of [40, 8, 2]) {
        for (let i = 0; i < count; i++, block++) {
          const moves: Move[] = [];
          for (let m = 0; m <= next() % 3; m++)
            moves.push({ from: names[next() % 7]!, to: names[next() % 7]!, value: BigInt(1 + (next() % 9)) });
          g.ethereum.append(blockOf(block, moves));
        }
        g.ethereum.commit();
      }
      assert.ok(g.ethereum.segments.length >= 2, `${g.ethereum.segments.length} segments`);
      const b = new RowBuffer();
      const rows = g.ethereum.c.rows;
      for (let id = 0; id < g.dict.count; id++) {
        for (const out of [true, false]) {
          const all = out ? g.ethereum.outEdges(id) : g.ethereum.inEdges(id);
          for (const [from, until] of [
            [0, 0xffffffff],
            [0, rows - 3],
            [Math.floor(rows / 2), 0xffffffff],
            [rows - 5, rows - 1],
            [Math.floor(rows * 0.9), Math.floor(rows * 0.95)],
          ] as const) {
            loadRows(g, 'ethereum', id, out, from, until, b);
            assert.deepEqual(
              [...b.rows.subarray(0, b.n)],
              [...all].filter((r) => r >= from && r < until),
              `address ${id} ${out ? 'out' : 'in'} [${from}, ${until})`,
            );
          }
        }
      }
    } finally {
      g.close();
    }
  });
});
