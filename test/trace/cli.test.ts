import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { mainnet0to255, writeBlk } from '../../src/chain/graph/test-blocks.ts';
import { ingestBitcoin, openGraph } from '../../src/chain/index.ts';
import { ROOT } from '../support/cli.ts';
import { tempDir } from '../support/temp-dir.ts';

const SATOSHI = '12cbQLTFMXRnSzktFkuoG3eHoMeFtpTu3S';
const HAL = '1Q2TWHE3GMdB6BZKafqwxXtWAWgFt5Jvm3';

/** Runs `bulwark trace …` in its own process through the real command runner (exit codes, stderr). */
function bulwark(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const script = `
    import { Command } from '@commander-js/extra-typings';
    import { registerTrace } from ${JSON.stringify(join(ROOT, 'src/cli/commands/trace.ts'))};
    import { runProgram } from ${JSON.stringify(join(ROOT, 'src/cli/run.ts'))};
    const program = new Command('bulwark');
    registerTrace(program);
    await runProgram(program, ['node', 'bulwark', 'trace', ...${JSON.stringify(args)}]);`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end();
  });
}

describe('bulwark trace', () => {
  const tmp = tempDir();
  after(tmp.remove);
  before(async () => {
    writeBlk(join(tmp.path, 'blocks'), 0, mainnet0to255());
    const g = openGraph(join(tmp.path, 'data', 'chain'));
    await ingestBitcoin({ graph: g, blocksDir: join(tmp.path, 'blocks') });
    g.close();
  });

  it('--json prints the DESIGN.md shape with amounts as decimal strings of satoshi', async () => {
    const r = await bulwark([
      SATOSHI,
      '--model',
      'haircut',
      '--hops',
      '2',
      '--json',
      '--data',
      join(tmp.path, 'data'),
    ]);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as Record<string, unknown> & { addresses: Record<string, unknown>[] };
    assert.equal(out.model, 'haircut');
    assert.deepEqual(out.seeds, [SATOSHI]);
    for (const k of ['addresses', 'transfers', 'endpoints']) assert.ok(Array.isArray(out[k]), k);
    const hal = out.addresses.find((a) => a.address === HAL);
    assert.equal(hal?.received, String(10 * 1e8));
    assert.deepEqual(Object.keys(hal ?? {}).slice(0, 3), ['address', 'asset', 'received']);
  });

  it('prints a readable summary, and fails with exit code 2 on a bad option and 1 on an unknown address', async () => {
    const ok = await bulwark([SATOSHI, '--data', join(tmp.path, 'data')]);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /where it ended up/);
    assert.match(ok.stdout, new RegExp(HAL));
    const bad = await bulwark([SATOSHI, '--model', 'magic', '--data', join(tmp.path, 'data')]);
    assert.equal(bad.code, 2, bad.stderr);
    const unknown = await bulwark(['1BoatSLRHtKNngkdXEeobR76b53LETtpyT', '--data', join(tmp.path, 'data')]);
    assert.notEqual(unknown.code, 0);
    assert.match(unknown.stderr, /not in the transaction graph/);
  });
});
