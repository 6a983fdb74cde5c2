/**
 * Reader of btcd's test UTXO files (blockchain/testdata/*.utxostore): records of txid, LE uint32 vout,
 * LE uint32 length and a compressed entry (VLQ header code, VLQ compressed amount, compressed script).
 * Tests use it to know the values block 277,647 spends; amounts only, scripts are not needed.
 */

function vlq(b: Uint8Array, at: number): [number, number] {
  let n = 0;
  for (;;) {
    const v = b[at++]!;
    n = n * 128 + (v & 0x7f);
    if ((v & 0x80) === 0) return [n, at];
    n++;
  }
}

/** Bitcoin Core's amount decompression (CTxOutCompressor). */
export function decompressAmount(x: number): number {
  if (x === 0) return 0;
  let rest = x - 1;
  let e = rest % 10;
  rest = Math.floor(rest / 10);
  let n: number;
  if (e < 9) {
    const d = (rest % 9) + 1;
    rest = Math.floor(rest / 9);
    n = rest * 10 + d;
  } else n = rest + 1;
  while (e-- > 0) n *= 10;
  return n;
}

/** Map of "txidhex:vout" (displayed txid) → satoshi. */
export function readBtcdUtxoStore(bytes: Uint8Array): Map<string, number> {
  const out = new Map<string, number>();
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  while (at + 40 <= bytes.length) {
    const txid = Buffer.from(bytes.subarray(at, at + 32))
      .reverse()
      .toString('hex');
    const vout = view.getUint32(at + 32, true);
    const len = view.getUint32(at + 36, true);
    if (len === 0) {
      at += 40;
      continue;
    }
    const [, afterHeader] = vlq(bytes, at + 40);
    const [amount] = vlq(bytes, afterHeader);
    out.set(`${txid}:${vout}`, decompressAmount(amount));
    at += 40 + len;
  }
  return out;
}
