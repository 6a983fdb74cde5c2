import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { mainnet0to255, writeBlk } from '../../src/chain/graph/test-blocks.ts';
import { ingestBitcoin, openGraph } from '../../src/chain/index.ts';
import { type CliResult, runCli } from '../support/cli.ts';
import { tempDir } from '../support/temp-dir.ts';

const SATOSHI = '12cbQLTFMXRnSzktFkuoG3eHoMeFtpTu3S';
const HAL = '1Q2TWHE3GMdB6BZKafqwxXtWAWgFt5Jvm3';
/** Block 170: the first transaction between two people, 10 BTC from Satoshi to Hal Finney. */
const TX170 = 'f4184fc596403b9d638783cf57adfe4c75c605f6356fbc91338530e9831e9e16';

interface Answer {
  found: boolean;
  steps: { from: string; to: string; row: number }[];
  paths: {
    hops: number;
    bottleneck: string;
    transfers: { tx: string; from: string; to: string; asset: string; value: string; time: number }[];
  }[];
}

/** The real `bulwark trace path` command, as users run it (exit codes, stderr). */
function bulwark(args: string[]): Promise<CliResult> {
  return runCli(['trace', 'path', ...args]);
}

describe('bulwark trace path', () => {
  const tmp = tempDir();
  after(tmp.remove);
  let data = '';
  before(async () => {
    writeBlk(join(tmp.path, 'blocks'), 0, mainnet0to255());
    const g = openGraph(join(tmp.path, 'data', 'chain'));
    await ingestBitcoin({ graph: g, blocksDir: join(tmp.path, 'blocks') });
    g.close();
    data = join(tmp.path, 'data');
  });

  it('--json lists the path through block 170 with its transaction, time and value', async () => {
    const r = await bulwark([SATOSHI, HAL, '--json', '--data', data]);
    assert.equal(r.code, 0, r.stderr);
    const a = JSON.parse(r.stdout) as Answer;
    assert.equal(a.found, true);
    const p = a.paths[0]!;
    assert.equal(p.hops, 1);
    assert.equal(p.transfers[0]!.tx, TX170);
    assert.equal(p.transfers[0]!.from, SATOSHI);
    assert.equal(p.transfers[0]!.to, HAL);
    assert.equal(p.transfers[0]!.asset, 'BTC');
    assert.equal(p.transfers[0]!.value, '1000000000');
    assert.equal(p.bottleneck, '1000000000', 'Satoshi put in 50 BTC; Hal got 10');
    assert.equal(p.transfers[0]!.time, 1231731025);
    assert.deepEqual(a.steps, [{ from: SATOSHI, to: HAL, row: a.steps[0]!.row }]);
  });

  it('prints the paths for people, and exits 1 when value cannot have gone the other way', async () => {
    const r = await bulwark([SATOSHI, HAL, '--data', data]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /1\. 1 hop\(s\), bottleneck 1000000000 BTC/);
    assert.match(
      r.stdout,
      new RegExp(`${SATOSHI} → ${HAL}  1000000000 BTC  tx ${TX170}  2009-01-12T03:30:25Z`),
    );
    const none = await bulwark([HAL, SATOSHI, '--hops', '2', '--data', data]);
    assert.equal(none.code, 1);
    assert.match(none.stdout, /no time-ordered path/);
  });

  it('exits 2 on bad usage and 1 on an address the graph does not hold', async () => {
    assert.equal((await bulwark([SATOSHI, HAL, '--k', '0', '--data', data])).code, 2);
    assert.equal((await bulwark([SATOSHI, HAL, '--hops', '65', '--data', data])).code, 2);
    assert.equal((await bulwark([SATOSHI, '--data', data])).code, 2);
    assert.equal((await bulwark([SATOSHI, HAL, '--asset', 'ETH', '--data', data])).code, 2);
    const unknown = await bulwark([SATOSHI, '1BoatSLRHtKNngkdXEeobR76b53LETtpyT', '--data', data]);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /not in the transaction graph/);
  });
});
