import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { address, payments } from 'bitcoinjs-lib';
import { addressToKey, keyToAddress, MAX_KEY, scriptKey } from './script-address.ts';

const vectors = JSON.parse(
  readFileSync(new URL('../../../data/bitcoin/address.json', import.meta.url), 'utf8'),
) as {
  standard: { network: string; base58check?: string; bech32?: string; version: number; data?: string }[];
};

function keyOfScript(script: Uint8Array): Uint8Array | undefined {
  const key = new Uint8Array(MAX_KEY);
  const n = scriptKey(script, 0, script.length, key);
  return n === 0 ? undefined : key.slice(0, n);
}

function scriptOf(text: string, version: number, data: string | undefined): Uint8Array {
  // bitcoinjs needs an ECC library to build P2TR scripts; a v1 program is OP_1 <32 bytes>
  if (version === 1 && data?.length === 64) return Uint8Array.from([0x51, 0x20, ...Buffer.from(data, 'hex')]);
  return address.toOutputScript(text);
}

test('every mainnet address vector of bitcoinjs decodes from its script to the same string and back', () => {
  let standard = 0;
  for (const v of vectors.standard.filter((x) => x.network === 'bitcoin')) {
    const text = (v.base58check ?? v.bech32)!;
    const witnessFuture = v.bech32 !== undefined && v.version >= 2;
    if (witnessFuture) continue;
    const key = keyOfScript(scriptOf(text, v.version, v.data));
    assert.ok(key, text);
    const expected = v.bech32 ? text.toLowerCase() : text;
    assert.equal(keyToAddress(key), expected);
    assert.deepEqual(addressToKey(text), key);
    standard++;
  }
  assert.ok(standard >= 5);
});

test('unassigned witness versions (v2–v16) and OP_RETURN pay no address', () => {
  for (const v of vectors.standard.filter((x) => x.bech32 && x.version >= 2)) {
    const program = Buffer.from(v.data!, 'hex');
    const script = Uint8Array.from([0x50 + v.version, program.length, ...program]);
    assert.equal(keyOfScript(script), undefined, v.bech32);
  }
  assert.equal(keyOfScript(payments.embed({ data: [Buffer.from('bulwark')] }).output!), undefined);
});

test('P2PK outputs, compressed or not, take the P2PKH address of their key; P2WSH encodes as bech32', () => {
  const compressed = Buffer.from('0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798', 'hex');
  const uncompressed = Buffer.from(
    '0479be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8',
    'hex',
  );
  for (const pubkey of [compressed, uncompressed]) {
    const key = keyOfScript(payments.p2pk({ pubkey }).output!)!;
    assert.equal(keyToAddress(key), payments.p2pkh({ pubkey }).address);
  }
  const p2wsh = payments.p2wsh({ hash: Buffer.alloc(32, 9) });
  assert.equal(keyToAddress(keyOfScript(p2wsh.output!)!), p2wsh.address);
});

test('strings that are not mainnet addresses have no key', () => {
  for (const text of [
    '',
    'hello',
    'tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx',
    '1BgGZ9tcN4rm9KBzDn7KprQz87SZ26SAMX',
  ]) {
    assert.equal(addressToKey(text), undefined, text);
  }
});
