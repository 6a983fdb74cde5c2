/**
 * A durable, append-only journal of ingested Ethereum blocks (one JSON line each), committed by an
 * atomically replaced manifest that records how many bytes are valid. Bytes past that length are
 * debris of an interrupted commit and are cut away on open. Rollback moves the valid length back.
 */
import {
  closeSync,
  existsSync,
  fsyncSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { BulwarkError } from '../../errors/index.ts';
import { lockJournal } from './journal-lock.ts';
import type { EthereumSink, SinkHead } from './sink.ts';
import type { ChainBlock, TokenInfo } from './types.ts';

const VERSION = 1;
/** Blocks whose hash and offset the manifest keeps: the deepest reorg that can be rolled back. */
export const JOURNAL_REORG_WINDOW = 256;

interface Recent {
  height: number;
  hash: string;
  offset: number;
}

interface JournalManifest {
  version: number;
  bytes: number;
  blocks: number;
  transactions: number;
  transfers: number;
  recent: Recent[];
  tokens: TokenInfo[];
}

export class JournalSink implements EthereumSink {
  readonly dir: string;
  #m: JournalManifest;
  #pending: string[] = [];
  #pendingRecent: Recent[] = [];
  #pendingCounts = { blocks: 0, transactions: 0, transfers: 0 };
  #pendingTokens: TokenInfo[] = [];

  readonly #release: () => void;

  constructor(dir: string) {
    this.dir = dir;
    mkdirSync(dir, { recursive: true });
    this.#release = lockJournal(dir);
    this.#m = this.#readManifest();
    const fd = openSync(this.#journalPath(), 'a+');
    try {
      ftruncateSync(fd, this.#m.bytes);
    } finally {
      closeSync(fd);
    }
  }

  /** Releases the writer lock; the journal stays readable by `blocks()`. */
  close(): void {
    this.#release();
  }

  get stats(): { blocks: number; transactions: number; transfers: number; bytes: number } {
    const { blocks, transactions, transfers, bytes } = this.#m;
    return { blocks, transactions, transfers, bytes };
  }

  head(): SinkHead | undefined {
    const last = this.#pendingRecent.at(-1) ?? this.#m.recent.at(-1);
    return last ? { height: last.height, hash: last.hash } : undefined;
  }

  hashAt(height: number): string | undefined {
    for (const list of [this.#pendingRecent, this.#m.recent]) {
      for (let i = list.length - 1; i >= 0; i--) if (list[i]?.height === height) return list[i]?.hash;
    }
    return undefined;
  }

  append(block: ChainBlock): void {
    const line = `${JSON.stringify(block, (_k, v) => (typeof v === 'bigint' ? v.toString() : v))}\n`;
    const offset = this.#m.bytes + this.#pending.reduce((n, s) => n + Buffer.byteLength(s), 0);
    this.#pending.push(line);
    this.#pendingRecent.push({ height: block.height, hash: block.hash, offset });
    this.#pendingCounts.blocks++;
    this.#pendingCounts.transactions += block.txs.length;
    this.#pendingCounts.transfers += block.transfers.length;
  }

  putTokens(tokens: readonly TokenInfo[]): void {
    this.#pendingTokens.push(...tokens);
  }

  tokens(): TokenInfo[] {
    return [...this.#m.tokens, ...this.#pendingTokens];
  }

  commit(): void {
    if (this.#pending.length === 0 && this.#pendingTokens.length === 0) return;
    const data = Buffer.from(this.#pending.join(''));
    const fd = openSync(this.#journalPath(), 'r+');
    try {
      writeSync(fd, data, 0, data.length, this.#m.bytes);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    const c = this.#pendingCounts;
    this.#writeManifest({
      ...this.#m,
      bytes: this.#m.bytes + data.length,
      blocks: this.#m.blocks + c.blocks,
      transactions: this.#m.transactions + c.transactions,
      transfers: this.#m.transfers + c.transfers,
      recent: [...this.#m.recent, ...this.#pendingRecent].slice(-JOURNAL_REORG_WINDOW),
      tokens: [...this.#m.tokens, ...this.#pendingTokens],
    });
    this.#clearPending();
  }

  rollback(height: number): void {
    this.#clearPending();
    const keep = this.#m.recent.filter((r) => r.height <= height);
    const dropped = this.#m.recent.filter((r) => r.height > height);
    if (dropped.length === 0) return;
    if (keep.length === 0 && this.#m.blocks > dropped.length) {
      throw new BulwarkError('GRAPH_REORG', `cannot roll the Ethereum journal back to block ${height}`, {
        source: this.dir,
        hint: `Only the last ${JOURNAL_REORG_WINDOW} blocks can be rolled back; re-ingest into a fresh data directory`,
      });
    }
    const offset = (dropped[0] as Recent).offset;
    const counts = this.#countRange(offset, this.#m.bytes);
    this.#writeManifest({
      ...this.#m,
      bytes: offset,
      blocks: this.#m.blocks - counts.blocks,
      transactions: this.#m.transactions - counts.transactions,
      transfers: this.#m.transfers - counts.transfers,
      recent: keep,
    });
    const fd = openSync(this.#journalPath(), 'r+');
    try {
      ftruncateSync(fd, offset);
    } finally {
      closeSync(fd);
    }
  }

  /** Every durable block, in order (bigints restored). For tests, exports and small chains. */
  *blocks(): Generator<ChainBlock> {
    const text = readFileSync(this.#journalPath()).subarray(0, this.#m.bytes).toString('utf8');
    for (const line of text.split('\n')) if (line) yield reviveBlock(line);
  }

  #countRange(from: number, to: number): { blocks: number; transactions: number; transfers: number } {
    const text = readFileSync(this.#journalPath()).subarray(from, to).toString('utf8');
    const counts = { blocks: 0, transactions: 0, transfers: 0 };
    for (const line of text.split('\n')) {
      if (!line) continue;
      const b = reviveBlock(line);
      counts.blocks++;
      counts.transactions += b.txs.length;
      counts.transfers += b.transfers.length;
    }
    return counts;
  }

  #clearPending(): void {
    this.#pending = [];
    this.#pendingRecent = [];
    this.#pendingTokens = [];
    this.#pendingCounts = { blocks: 0, transactions: 0, transfers: 0 };
  }

  #journalPath(): string {
    return join(this.dir, 'ethereum.jsonl');
  }

  #manifestPath(): string {
    return join(this.dir, 'ethereum.manifest.json');
  }

  #readManifest(): JournalManifest {
    const path = this.#manifestPath();
    if (!existsSync(path)) {
      return { version: VERSION, bytes: 0, blocks: 0, transactions: 0, transfers: 0, recent: [], tokens: [] };
    }
    let m: JournalManifest;
    try {
      m = JSON.parse(readFileSync(path, 'utf8')) as JournalManifest;
    } catch (cause) {
      throw new BulwarkError('GRAPH_CORRUPT', `${path} is not JSON`, {
        source: path,
        cause,
        hint: 'The manifest is only ever replaced atomically; restore the data directory from a backup',
      });
    }
    if (m.version > VERSION) {
      throw new BulwarkError(
        'GRAPH_VERSION',
        `Ethereum journal format ${m.version} is newer than ${VERSION}`,
        {
          source: path,
          hint: 'Upgrade Bulwark to read this data directory',
        },
      );
    }
    return m;
  }

  #writeManifest(m: JournalManifest): void {
    const path = this.#manifestPath();
    const tmp = `${path}.tmp`;
    writeFileSync(tmp, JSON.stringify(m));
    const fd = openSync(tmp, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
    const dirFd = openSync(this.dir, 'r');
    try {
      fsyncSync(dirFd);
    } finally {
      closeSync(dirFd);
    }
    this.#m = m;
  }
}

function reviveBlock(line: string): ChainBlock {
  const raw = JSON.parse(line) as ChainBlock;
  for (const tx of raw.txs) {
    tx.value = BigInt(tx.value);
    tx.fee = BigInt(tx.fee);
  }
  for (const t of raw.transfers) t.value = BigInt(t.value);
  return raw;
}
