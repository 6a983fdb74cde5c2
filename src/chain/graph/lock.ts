/**
 * One writer per store: a LOCK file holding the writer's pid. A lock left by a killed process (its pid
 * no longer runs) is taken over, so a SIGKILL never leaves the store unopenable.
 */
import { closeSync, openSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BulwarkError } from '../../errors/index.ts';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Who holds a lock, for the messages a refused caller reads. */
export interface LockHolder {
  /** What DIR is, e.g. "graph store" or "cluster files". */
  readonly what: string;
  /** What a refused caller should do while the holder runs. */
  readonly busyHint: string;
}

const GRAPH_WRITER: LockHolder = {
  what: 'graph store',
  busyHint:
    'Wait for the other ingestion to finish, or open the store read-only (delete LOCK only if that process is not Bulwark)',
};

export function acquireLock(dir: string, holder: LockHolder = GRAPH_WRITER): () => void {
  const path = join(dir, 'LOCK');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeFileSync(fd, String(process.pid));
      closeSync(fd);
      return () => {
        try {
          unlinkSync(path);
        } catch {
          // already gone: nothing to release
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number.parseInt(readFileSync(path, 'utf8'), 10);
      if (Number.isInteger(pid) && alive(pid)) {
        throw new BulwarkError('GRAPH_LOCKED', `${holder.what} ${dir} is being written by process ${pid}`, {
          source: dir,
          hint: holder.busyHint,
        });
      }
      unlinkSync(path);
    }
  }
  throw new BulwarkError('GRAPH_LOCKED', `could not lock ${holder.what} ${dir}`, {
    source: dir,
    hint: 'Another writer raced for the lock; retry',
  });
}
