/**
 * Clusters on disk, beside the graph in `<graph>/clusters/`: the merge log as append-only column
 * files (a, b: int32; tx, height: uint32; kind: uint8) and MANIFEST.json, the commit record, which
 * counts the merges and records how far each chain was clustered. A commit appends each column's
 * new tail at its committed length (cutting anything beyond it first) and fsyncs, then replaces the
 * manifest (temp, fsync, rename, fsync of the directory): a crash at any point leaves the last
 * committed state, and a writer cuts the debris when it next commits.
 */
import {
  closeSync,
  existsSync,
  fstatSync,
  fsyncSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { acquireLock } from '../../chain/index.ts';
import { BulwarkError } from '../../errors/index.ts';
import type { MergeLog } from './merge-log.ts';

export const CLUSTER_FORMAT = 'bulwark-clusters';
export const CLUSTER_VERSION = 1;

export interface ResolvedOptions {
  multiInput: boolean;
  change: { oneTime: boolean; nonRound: boolean; optimal: boolean };
  deposit: boolean;
  depositTolerance: number;
  minDeposits: number;
}

export interface ClusterManifest {
  format: typeof CLUSTER_FORMAT;
  version: number;
  commit: number;
  merges: number;
  options: ResolvedOptions;
  bitcoin: { txs: number; patches: number; lastTx: string; fresh: number };
  ethereum: { rows: number; blocks: number; lastBlock: string };
}

const COLUMNS = [
  ['merge.a', 4],
  ['merge.b', 4],
  ['merge.tx', 4],
  ['merge.height', 4],
  ['merge.kind', 1],
] as const;

export function clusterDir(graphDir: string): string {
  return join(graphDir, 'clusters');
}

function views(log: MergeLog): Uint8Array[] {
  return [log.a, log.b, log.tx, log.height, log.kind].map(
    (a) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength),
  );
}

export function readClusterManifest(dir: string): ClusterManifest | undefined {
  const path = join(dir, 'MANIFEST.json');
  if (!existsSync(path)) return undefined;
  let m: ClusterManifest;
  try {
    m = JSON.parse(readFileSync(path, 'utf8')) as ClusterManifest;
  } catch (cause) {
    throw corrupt(path, 'is not JSON', cause);
  }
  if (m?.format !== CLUSTER_FORMAT || typeof m.merges !== 'number')
    throw corrupt(path, 'is not a cluster manifest');
  if (m.version > CLUSTER_VERSION) {
    throw new BulwarkError(
      'CLUSTER_VERSION',
      `cluster format ${m.version} is newer than ${CLUSTER_VERSION}`,
      {
        source: path,
        hint: 'Upgrade Bulwark, or rebuild the clusters with bulwark cluster build --rebuild',
      },
    );
  }
  return m;
}

/** Reads the first `m.merges` merges into `log`. */
export function readMerges(dir: string, m: ClusterManifest, log: MergeLog): void {
  log.reserve(m.merges);
  const targets = views(log);
  COLUMNS.forEach(([name, width], i) => {
    const need = m.merges * width;
    if (need === 0) return;
    const path = join(dir, name);
    const fd = openSync(path, 'r');
    try {
      if (fstatSync(fd).size < need) throw corrupt(path, `holds fewer than the ${m.merges} merges recorded`);
      let done = 0;
      while (done < need) done += readSync(fd, targets[i]!, done, need - done, done);
    } finally {
      closeSync(fd);
    }
  });
  log.length = m.merges;
}

/** Appends merges [committed, log.length) and replaces the manifest: the commit. */
export function commitClusters(dir: string, committed: number, log: MergeLog, m: ClusterManifest): void {
  mkdirSync(dir, { recursive: true });
  const sources = views(log);
  COLUMNS.forEach(([name, width], i) => {
    const fd = openSync(join(dir, name), 'a+');
    try {
      const from = committed * width;
      const to = log.length * width;
      if (fstatSync(fd).size !== from) ftruncateSync(fd, from);
      let done = from;
      while (done < to) done += writeSync(fd, sources[i]!, done, to - done);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  });
  const path = join(dir, 'MANIFEST.json');
  const tmp = `${path}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(m, null, 1)}\n`);
  const fd = openSync(tmp, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
  const dfd = openSync(dir, 'r');
  try {
    fsyncSync(dfd);
  } finally {
    closeSync(dfd);
  }
}

/** One builder at a time: a LOCK with the builder's pid; a dead builder's lock is taken over. */
export function lockClusters(dir: string): () => void {
  mkdirSync(dir, { recursive: true });
  return acquireLock(dir, {
    what: 'cluster files',
    busyHint: 'Wait for the other bulwark cluster build to finish',
  });
}

function corrupt(path: string, what: string, cause?: unknown): BulwarkError {
  return new BulwarkError('CLUSTER_CORRUPT', `${path} ${what}`, {
    source: path,
    ...(cause === undefined ? {} : { cause }),
    hint: 'Rebuild the clusters: bulwark cluster build --rebuild',
  });
}
