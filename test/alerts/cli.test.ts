import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runCli } from '../support/cli.ts';
import { tempDir } from '../support/temp-dir.ts';

const WALLET = '0x4000000000000000000000000000000000000004';
/** A P2TR (bech32m) address. */
const TAPROOT = 'bc1p5d7rjq7g6rdk2yhzks9smlaqtedr4dekq08ge8ztwac72sfr9rusxg3297';

describe('bulwark wallets and bulwark alerts', () => {
  it('register a wallet for one organisation only, refuse bad roles and addresses, set a webhook from the environment', async (t) => {
    const dir = tempDir('bulwark-alerts-cli-');
    t.after(dir.remove);
    const data = ['--data', dir.path];
    for (const name of ['Exchange A', 'Exchange B'])
      assert.equal((await runCli(['org', 'add', name, ...data])).code, 0);
    const reg = await runCli([
      'wallets',
      'register',
      WALLET.toUpperCase().replace('0X', '0x'),
      '--role',
      'deposit',
      '--org',
      'Exchange A',
      '--json',
      ...data,
    ]);
    assert.equal(reg.code, 0, reg.stderr);
    assert.deepEqual(JSON.parse(reg.stdout), {
      org: 'Exchange A',
      address: WALLET,
      chain: 'ethereum',
      role: 'deposit',
    });
    const listA = await runCli(['wallets', 'list', '--org', 'Exchange A', '--json', ...data]);
    assert.equal((JSON.parse(listA.stdout.trim()) as { address: string }).address, WALLET);
    assert.equal((await runCli(['wallets', 'list', '--org', 'Exchange B', '--json', ...data])).stdout, '');
    assert.equal(
      (await runCli(['wallets', 'register', WALLET, '--role', 'cold', '--org', 'Exchange A', ...data])).code,
      2,
    );
    assert.equal(
      (await runCli(['wallets', 'register', '0x12', '--role', 'hot', '--org', 'Exchange A', ...data])).code,
      1,
    );
    assert.equal((await runCli(['wallets', 'remove', WALLET, '--org', 'Exchange B', ...data])).code, 1);

    // Bitcoin: any standard encoding, spelt as the graph stores it; a bad checksum names the field
    const btc = await runCli([
      'wallets',
      'register',
      TAPROOT.toUpperCase(),
      '--role',
      'hot',
      '--org',
      'Exchange A',
      '--json',
      ...data,
    ]);
    assert.equal(btc.code, 0, btc.stderr);
    assert.deepEqual(JSON.parse(btc.stdout), {
      org: 'Exchange A',
      address: TAPROOT,
      chain: 'bitcoin',
      role: 'hot',
    });
    const bad = await runCli([
      'wallets',
      'register',
      `${TAPROOT.slice(0, -1)}${TAPROOT.endsWith('q') ? 'p' : 'q'}`,
      '--role',
      'hot',
      '--org',
      'Exchange A',
      ...data,
    ]);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /BULWARK_E_BTC_ADDRESS_INVALID/);
    assert.match(bad.stderr, /address/);
    assert.equal(
      (
        await runCli([
          'wallets',
          'register',
          TAPROOT,
          '--role',
          'hot',
          '--chain',
          'dogecoin',
          '--org',
          'Exchange A',
          ...data,
        ])
      ).code,
      2,
    );
    assert.equal(
      (await runCli(['wallets', 'remove', TAPROOT.toUpperCase(), '--org', 'Exchange A', ...data])).code,
      0,
    );

    const noSecret = await runCli([
      'alerts',
      'webhook',
      '--org',
      'Exchange A',
      '--url',
      'https://example.org/hook',
      ...data,
    ]);
    assert.equal(noSecret.code, 2);
    const hook = await runCli(
      ['alerts', 'webhook', '--org', 'Exchange A', '--url', 'https://example.org/hook', '--json', ...data],
      {
        env: { BULWARK_WEBHOOK_SECRET: 'a-secret-of-sixteen+' },
      },
    );
    assert.equal(hook.code, 0, hook.stderr);
    assert.equal((JSON.parse(hook.stdout) as { url: string }).url, 'https://example.org/hook');
    const audit = await runCli(['audit', '--action', 'webhook.set', '--json', ...data]);
    assert.ok(audit.stdout.includes('https://example.org/hook'));
    assert.ok(!audit.stdout.includes('a-secret-of-sixteen+'), 'the secret is never audited');

    const alerts = await runCli(['alerts', '--json', ...data]);
    assert.equal(alerts.code, 0);
    assert.equal(alerts.stdout, '');
    assert.equal((await runCli(['alerts', '--status', 'closed', ...data])).code, 2);
  });
});
