/**
 * The manifest is the commit record: the only file rewritten in place, and only by atomic rename.
 * Everything it does not count (column bytes beyond its lengths, segment files it does not list) is
 * debris of an interrupted commit and is cut away when a writer opens the store.
 */
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { BulwarkError } from '../../errors/index.ts';
import { FORMAT_NAME, FORMAT_VERSION, type Manifest } from './format.ts';

export const MANIFEST_FILE = 'MANIFEST.json';

export function emptyManifest(): Manifest {
  return {
    format: FORMAT_NAME,
    version: FORMAT_VERSION,
    commit: 0,
    addresses: { count: 0, bytes: 0 },
    chains: {},
  };
}

export function readManifest(dir: string): Manifest | undefined {
  const path = join(dir, MANIFEST_FILE);
  if (!existsSync(path)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (cause) {
    throw new BulwarkError('GRAPH_CORRUPT', `graph manifest ${path} is not JSON`, {
      source: path,
      cause,
      hint: 'The manifest is only ever replaced atomically; restore the data directory from a backup',
    });
  }
  const m = parsed as Manifest;
  if (m?.format !== FORMAT_NAME || typeof m.version !== 'number') {
    throw new BulwarkError('GRAPH_CORRUPT', `${path} is not a Bulwark graph manifest`, {
      source: path,
      hint: 'Point --data at a Bulwark data directory',
    });
  }
  if (m.version > FORMAT_VERSION) {
    throw new BulwarkError(
      'GRAPH_VERSION',
      `graph format ${m.version} is newer than this program's ${FORMAT_VERSION}`,
      {
        source: path,
        hint: 'Upgrade Bulwark to read this graph store',
      },
    );
  }
  return m;
}

/** Durable replace: temp file, fsync, rename, fsync of the directory. */
export function writeManifest(dir: string, m: Manifest): void {
  const path = join(dir, MANIFEST_FILE);
  const tmp = `${path}.tmp`;
  const fd = openSync(tmp, 'w');
  try {
    const bytes = Buffer.from(`${JSON.stringify(m, null, 1)}\n`);
    let done = 0;
    while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
  syncDir(dir);
}

export function syncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
