/**
 * The address dictionary: binary address keys ↔ dense uint32 ids, shared by every chain. A key is a
 * type byte and the script hash / program / account bytes (see docs/graph-store.md); strings are
 * derived on demand, so ingestion never encodes base58 or bech32.
 */
import { join } from 'node:path';
import { BytesColumn, U32Column } from './column.ts';
import { KeyIndex } from './key-index.ts';

export class AddressDict {
  readonly keys: BytesColumn;
  readonly ends: U32Column;
  private readonly index: KeyIndex;
  private indexed = 0;

  constructor(dir: string) {
    this.keys = new BytesColumn(join(dir, 'address.keys'), 1);
    this.ends = new U32Column(join(dir, 'address.ends'));
    this.index = new KeyIndex(this.keys, this.ends);
  }

  get count(): number {
    return this.ends.length;
  }

  load(count: number, bytes: number, truncate: boolean): void {
    this.keys.load(bytes, truncate);
    this.ends.load(count, truncate);
    this.indexed = 0;
  }

  /** The index is built on first lookup, so readers that only walk edges never pay for it. */
  private ready(): void {
    if (this.indexed === this.count) return;
    if (this.indexed === 0) this.index.rebuild(this.count);
    else for (let id = this.indexed; id < this.count; id++) this.index.put(id);
    this.indexed = this.count;
  }

  find(src: Uint8Array, off: number, len: number): number {
    this.ready();
    return this.index.find(src, off, len);
  }

  /** The id of the key, adding it if new. */
  intern(src: Uint8Array, off: number, len: number): number {
    this.ready();
    const found = this.index.find(src, off, len);
    if (found >= 0) return found;
    const id = this.count;
    this.keys.appendBytes(src, off, len);
    this.ends.push(this.keys.length);
    this.index.put(id);
    this.indexed = this.count;
    return id;
  }

  key(id: number): Uint8Array {
    const start = id === 0 ? 0 : this.ends.data[id - 1]!;
    return this.keys.data.slice(start, this.ends.data[id]!);
  }

  flush(): void {
    this.keys.flush();
    this.ends.flush();
  }
}
