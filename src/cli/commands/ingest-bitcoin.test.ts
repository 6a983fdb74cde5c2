import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { Command } from '@commander-js/extra-typings';
import { tempDir } from '../../../test/support/temp-dir.ts';
import { mainnet0to255, writeBlk } from '../../chain/graph/test-blocks.ts';
import { openGraph } from '../../chain/index.ts';
import { registerIngestBitcoin } from './ingest-bitcoin.ts';

async function run(args: string[]): Promise<string> {
  const program = new Command('bulwark').exitOverride();
  registerIngestBitcoin(program);
  let out = '';
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string) => {
    out += chunk;
    return true;
  }) as typeof process.stdout.write;
  try {
    await program.parseAsync(['node', 'bulwark', ...args]);
  } finally {
    process.stdout.write = write;
  }
  return out;
}

test('ingest bitcoin --blocks --json ends with the summary; a second run adds nothing', async (t) => {
  const tmp = tempDir();
  t.after(tmp.remove);
  writeBlk(join(tmp.path, 'blocks'), 0, mainnet0to255());
  const args = [
    'ingest',
    'bitcoin',
    '--blocks',
    join(tmp.path, 'blocks'),
    '--data',
    join(tmp.path, 'data'),
    '--json',
  ];
  const first = JSON.parse((await run(args)).trim().split('\n').at(-1)!);
  assert.equal(first.blocks, 256);
  assert.equal(first.head, 255);
  const second = JSON.parse((await run(args)).trim().split('\n').at(-1)!);
  assert.deepEqual(
    [second.blocks, second.transactions, second.inputs, second.outputs, second.head],
    [0, 0, 0, 0, 255],
  );
  const g = openGraph(join(tmp.path, 'data', 'chain'), { readonly: true });
  assert.equal(g.stats().chains.bitcoin.blocks, 256);
});

test('ingest bitcoin without a source is a usage error', async () => {
  await assert.rejects(
    run(['ingest', 'bitcoin']),
    (e: unknown) => (e as { code?: string }).code === 'BULWARK_E_USAGE',
  );
});
