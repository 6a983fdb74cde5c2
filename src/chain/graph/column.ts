/**
 * A growable typed array mirrored by an append-only file. `committed` elements are durable on disk;
 * the elements after it are in memory only until the next commit writes and fsyncs them.
 */
import { closeSync, fstatSync, fsyncSync, ftruncateSync, openSync, readSync, writeSync } from 'node:fs';
import { BulwarkError } from '../../errors/index.ts';

abstract class ColumnBase {
  readonly file: string;
  length = 0;
  committed = 0;
  /** Set by a rollback below the committed length: the file must be cut at the next flush. */
  private cut = false;
  abstract readonly width: number;
  constructor(file: string) {
    this.file = file;
  }
  protected abstract bytes(): Uint8Array;
  abstract reserve(n: number): void;

  /** Reads the first `count` elements of the file; the writer first truncates anything beyond them. */
  load(count: number, truncate: boolean): void {
    if (count === 0 && !truncate) return;
    const fd = openSync(this.file, truncate ? 'a+' : 'r');
    try {
      const size = fstatSync(fd).size;
      const need = count * this.width;
      if (size < need) {
        throw new BulwarkError(
          'GRAPH_CORRUPT',
          `${this.file} holds ${size} bytes, the manifest records ${need}`,
          {
            source: this.file,
            hint: 'A column file was truncated outside Bulwark; restore the data directory from a backup or re-ingest',
          },
        );
      }
      if (truncate && size > need) ftruncateSync(fd, need);
      this.reserve(count);
      const view = this.bytes();
      let done = 0;
      while (done < need) done += readSync(fd, view, done, need - done, done);
    } finally {
      closeSync(fd);
    }
    this.length = count;
    this.committed = count;
  }

  /**
   * Appends the uncommitted elements to the file (at the committed length) and fsyncs it; they are
   * then committed, so the next flush writes only what follows. An unchanged column is not touched.
   */
  flush(): void {
    if (this.length === this.committed && !this.cut) return;
    const fd = openSync(this.file, 'a+');
    try {
      this.writeTail(fd);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    this.committed = this.length;
    this.cut = false;
  }

  private writeTail(fd: number): void {
    const from = this.committed * this.width;
    const to = this.length * this.width;
    if (fstatSync(fd).size !== from) ftruncateSync(fd, from);
    const view = this.bytes();
    // positional writes are ignored in append mode on Linux: the truncation above makes size == from
    let done = from;
    while (done < to) done += writeSync(fd, view, done, to - done);
  }

  /** Drops the elements from `n` on (rollback); the file follows at the next flush. */
  truncate(n: number): void {
    if (n < this.length) this.length = n;
    if (n < this.committed) {
      this.committed = n;
      this.cut = true;
    }
  }
}

export class U32Column extends ColumnBase {
  readonly width = 4;
  data = new Uint32Array(1024);
  private dirty: number[] = [];

  /**
   * Rewrites a committed cell at the next flush. Only for facts that can be written twice with the
   * same value (a block's height learnt later), so a crash between this write and the manifest
   * leaves nothing wrong.
   */
  overwrite(index: number, value: number): void {
    this.data[index] = value;
    if (index < this.committed) this.dirty.push(index);
  }

  override flush(): void {
    super.flush();
    if (this.dirty.length === 0) return;
    const fd = openSync(this.file, 'r+');
    try {
      const bytes = new Uint8Array(this.data.buffer, 0, this.data.byteLength);
      for (const i of this.dirty) if (i < this.committed) writeSync(fd, bytes, i * 4, 4, i * 4);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    this.dirty = [];
  }
  protected bytes(): Uint8Array {
    return new Uint8Array(this.data.buffer, 0, this.data.byteLength);
  }
  reserve(n: number): void {
    if (n <= this.data.length) return;
    const next = new Uint32Array(Math.max(n, this.data.length * 2));
    next.set(this.data.subarray(0, this.length));
    this.data = next;
  }
  push(v: number): void {
    if (this.length === this.data.length) this.reserve(this.length + 1);
    this.data[this.length++] = v;
  }
}

export class U16Column extends ColumnBase {
  readonly width = 2;
  data = new Uint16Array(1024);
  protected bytes(): Uint8Array {
    return new Uint8Array(this.data.buffer, 0, this.data.byteLength);
  }
  reserve(n: number): void {
    if (n <= this.data.length) return;
    const next = new Uint16Array(Math.max(n, this.data.length * 2));
    next.set(this.data.subarray(0, this.length));
    this.data = next;
  }
  push(v: number): void {
    if (this.length === this.data.length) this.reserve(this.length + 1);
    this.data[this.length++] = v;
  }
}

export class F64Column extends ColumnBase {
  readonly width = 8;
  data = new Float64Array(1024);
  protected bytes(): Uint8Array {
    return new Uint8Array(this.data.buffer, 0, this.data.byteLength);
  }
  reserve(n: number): void {
    if (n <= this.data.length) return;
    const next = new Float64Array(Math.max(n, this.data.length * 2));
    next.set(this.data.subarray(0, this.length));
    this.data = next;
  }
  push(v: number): void {
    if (this.length === this.data.length) this.reserve(this.length + 1);
    this.data[this.length++] = v;
  }
}

/** Bytes; `width` is the record size (32 for hashes), lengths count records. */
export class BytesColumn extends ColumnBase {
  readonly width: number;
  data: Uint8Array;
  constructor(file: string, width: number) {
    super(file);
    this.width = width;
    this.data = new Uint8Array(1024 * width);
  }
  protected bytes(): Uint8Array {
    return this.data;
  }
  reserve(n: number): void {
    if (n * this.width <= this.data.length) return;
    const next = new Uint8Array(Math.max(n * this.width, this.data.length * 2));
    next.set(this.data.subarray(0, this.length * this.width));
    this.data = next;
  }
  /** Appends one record copied from src[off, off + width). */
  push(src: Uint8Array, off: number): void {
    if ((this.length + 1) * this.width > this.data.length) this.reserve(this.length + 1);
    const at = this.length * this.width;
    const w = this.width;
    const d = this.data;
    for (let i = 0; i < w; i++) d[at + i] = src[off + i]!;
    this.length++;
  }

  /** Appends len raw bytes (for width-1 columns holding variable-length keys). */
  appendBytes(src: Uint8Array, off: number, len: number): void {
    if (this.length + len > this.data.length) this.reserve(this.length + len);
    this.data.set(src.subarray(off, off + len), this.length);
    this.length += len;
  }
}
