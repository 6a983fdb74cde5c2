import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { tempDir } from '../../test/support/temp-dir.ts';
import { type ethereum, openGraph } from '../chain/index.ts';
import { AddressNames } from './address-names.ts';

const TX = `0x${'2'.padStart(64, '0')}`;
const hex = (bytes: Uint8Array) => `0x${Buffer.from(bytes).toString('hex')}`;

test('AddressNames names every id as Graph.addressOf does, asked once or twice', () => {
  const d = tempDir('bulwark-names-');
  let n = 0;
  try {
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ minLength: 20, maxLength: 20 }), { minLength: 1, maxLength: 12 }),
        (accounts) => {
          const g = openGraph(join(d.path, String(n++)));
          try {
            const block: ethereum.ChainBlock = {
              height: 0,
              hash: `0x${'1'.padStart(64, '0')}`,
              parentHash: `0x${'0'.padStart(64, '0')}`,
              time: 1_700_000_000,
              txs: [
                { hash: TX, from: hex(accounts[0]!), to: hex(accounts[0]!), value: 0n, fee: 0n, ok: true },
              ],
              transfers: accounts.map((a, i) => ({
                from: hex(a),
                to: hex(accounts[(i + 1) % accounts.length]!),
                value: 1n,
                asset: 'ETH',
                txHash: TX,
                kind: 'call' as const,
              })),
            };
            g.ethereum.append(block);
            g.ethereum.commit();
            const names = new AddressNames(g);
            for (let round = 0; round < 2; round++)
              for (let id = g.dict.count - 1; id >= 0; id--) assert.equal(names.of(id), g.addressOf(id));
            for (const a of accounts) assert.equal(names.of(g.addressId(hex(a))), hex(a));
          } finally {
            g.close();
          }
        },
      ),
      { numRuns: 40 },
    );
  } finally {
    d.remove();
  }
});
