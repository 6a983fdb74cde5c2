import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { encodeArgs, str, uint } from './scenario/abi.ts';
import { decodeDecimals, decodeSymbol } from './token-metadata.ts';

const ok = (hex: string) => ({ ok: true as const, result: `0x${hex}` });

describe('token metadata decoding', () => {
  it('reads an ABI string symbol back, whatever printable text it holds', () => {
    fc.assert(
      fc.property(
        fc
          .string({ minLength: 1, maxLength: 40 })
          .filter((s) => /^[\x21-\x7e][\x20-\x7e]*[\x21-\x7e]$|^[\x21-\x7e]$/.test(s)),
        (symbol) => {
          assert.equal(decodeSymbol(ok(encodeArgs([str(symbol)]))), symbol);
        },
      ),
    );
  });

  it('reads a bytes32 symbol (MKR style)', () => {
    assert.equal(decodeSymbol(ok(Buffer.from('MKR').toString('hex').padEnd(64, '0'))), 'MKR');
  });

  it('tolerates errors, empty and garbage answers without throwing', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9a-f]{0,300}$/), (hex) => {
        decodeSymbol(ok(hex));
        const d = decodeDecimals(ok(hex));
        assert.ok(d === undefined || (d >= 0 && d <= 255));
      }),
    );
    assert.equal(decodeSymbol(ok(`${'ff'.repeat(32)}${'00'.repeat(64)}`)), undefined);
    assert.equal(decodeSymbol({ ok: false, code: 3, message: 'execution reverted' }), undefined);
    assert.equal(decodeDecimals({ ok: true, result: '0x' }), undefined);
  });

  it('reads decimals as a uint8 and refuses larger values', () => {
    assert.equal(decodeDecimals(ok(encodeArgs([uint(18n)]))), 18);
    assert.equal(decodeDecimals(ok(encodeArgs([uint(256n)]))), undefined);
  });
});
