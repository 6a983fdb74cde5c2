import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { address as btcAddress, payments } from 'bitcoinjs-lib';
import fc from 'fast-check';
import { addressToKey, keyToAddress } from '../chain/index.ts';
import { isBulwarkError } from '../errors/index.ts';
import { addOrganisation } from '../hub/index.ts';
import { testStore } from '../hub/members/test-store.ts';
import { chainOfAddress, registerWallet, walletAddress, walletKey } from './wallets.ts';

const bytes = (n: number, b: number) => Buffer.alloc(n, b);
/** One address of every standard output type, as bitcoinjs encodes them. */
const STANDARD = {
  p2pkh: payments.p2pkh({ hash: bytes(20, 1) }).address!,
  p2sh: payments.p2sh({ hash: bytes(20, 2) }).address!,
  p2wpkh: payments.p2wpkh({ hash: bytes(20, 3) }).address!,
  p2wsh: payments.p2wsh({ hash: bytes(32, 4) }).address!,
  p2tr: btcAddress.toBech32(bytes(32, 5), 1, 'bc'),
};

function refused(address: string, code: string, chain?: 'ethereum' | 'bitcoin') {
  assert.throws(
    () => walletAddress(address, chain),
    (e: unknown) =>
      isBulwarkError(e) && e.code === code && e.place.path === 'address' && e.hint !== undefined,
    address,
  );
}

describe('wallet addresses for freeze alerts', () => {
  it('accept every standard Bitcoin encoding, spelt as the graph stores it', () => {
    for (const [kind, address] of Object.entries(STANDARD)) {
      assert.equal(chainOfAddress(address), 'bitcoin', kind);
      assert.equal(walletAddress(address), address, kind);
      assert.equal(walletAddress(`  ${address}\n`), address, `${kind} trimmed`);
      assert.equal(keyToAddress(addressToKey(walletAddress(address))!), address, `${kind} round trip`);
    }
    // bech32 may be written all in capitals (QR codes); the graph spells it in lower case
    for (const kind of ['p2wpkh', 'p2wsh', 'p2tr'] as const)
      assert.equal(walletAddress(STANDARD[kind].toUpperCase()), STANDARD[kind], kind);
  });

  it('refuse what is not a mainnet Bitcoin address with BTC_ADDRESS_INVALID on the address field', () => {
    const code = 'BULWARK_E_BTC_ADDRESS_INVALID';
    const flip = (s: string, at: number) => s.slice(0, at) + (s[at] === 'q' ? 'p' : 'q') + s.slice(at + 1);
    refused(flip(STANDARD.p2tr, STANDARD.p2tr.length - 1), code); // checksum
    refused(flip(STANDARD.p2wpkh, 10), code);
    refused(`${STANDARD.p2pkh.slice(0, -1)}${STANDARD.p2pkh.endsWith('2') ? '3' : '2'}`, code);
    refused(STANDARD.p2tr.replace(/^bc1p/, 'BC1p'), code); // mixed case
    refused(btcAddress.toBech32(bytes(32, 5), 0, 'bc').replace(/.$/, ''), code); // truncated
    refused(btcAddress.toBech32(bytes(20, 3), 0, 'tb'), code); // testnet
    refused(payments.p2pkh({ hash: bytes(20, 1), network: { ...testnet() } }).address!, code);
    refused(btcAddress.toBech32(bytes(32, 5), 1, 'bc').replace(/^bc1p/, 'bc1z'), code);
    refused(btcAddress.toBech32(bytes(20, 3), 1, 'bc'), code); // witness v1 of 20 bytes: no standard type
    refused('', code);
    refused('0x4000000000000000000000000000000000000004', code, 'bitcoin');
  });

  it('keep Ethereum as before: lower-case hex, anything else a BAD_REQUEST on the address field', () => {
    const mixed = '0x4000000000000000000000000000000000ABCDEF';
    assert.equal(chainOfAddress(mixed), 'ethereum');
    assert.equal(walletAddress(mixed), mixed.toLowerCase());
    refused('0x12', 'BULWARK_E_BAD_REQUEST');
    refused(STANDARD.p2wpkh, 'BULWARK_E_BAD_REQUEST', 'ethereum');
  });

  it('look a registration up by any spelling of its address', () => {
    fc.assert(
      fc.property(fc.constantFrom(...Object.values(STANDARD)), fc.boolean(), (address, upper) => {
        const spelt = upper && address.startsWith('bc1') ? address.toUpperCase() : address;
        assert.equal(walletKey(` ${spelt} `), address);
      }),
    );
    assert.equal(walletKey('not an address'), 'not an address');
  });

  it('register a Bitcoin wallet under its chain and stored spelling, for its organisation only', async (t) => {
    const store = await testStore(t);
    const a = (await addOrganisation(store, 'Exchange A')).id;
    const b = (await addOrganisation(store, 'Exchange B')).id;
    const w = await registerWallet(store, a, STANDARD.p2tr.toUpperCase(), 'deposit');
    assert.deepEqual({ chain: w.chain, address: w.address }, { chain: 'bitcoin', address: STANDARD.p2tr });
    await registerWallet(store, a, STANDARD.p2pkh, 'hot', 'bitcoin');
    assert.deepEqual(
      (await store.alerts.walletsOf(a)).map((x) => [x.chain, x.address, x.role]),
      [
        ['bitcoin', STANDARD.p2pkh, 'hot'],
        ['bitcoin', STANDARD.p2tr, 'deposit'],
      ].sort(),
    );
    assert.deepEqual(await store.alerts.walletsOf(b), []);
    await assert.rejects(registerWallet(store, a, `${STANDARD.p2sh}x`, 'hot'));
  });
});

function testnet() {
  return {
    messagePrefix: '',
    bech32: 'tb',
    bip32: { public: 0, private: 0 },
    pubKeyHash: 0x6f,
    scriptHash: 0xc4,
    wif: 0xef,
  };
}
