/**
 * One writer per journal: a LOCK file with the writer's pid, taken over when that process is gone
 * (a SIGKILLed ingestion must not leave the journal unopenable). Re-opening in the same process is
 * allowed: tests and resumptions open the same directory again.
 */
import { closeSync, openSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BulwarkError } from '../../errors/index.ts';

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function lockJournal(dir: string): () => void {
  const path = join(dir, 'LOCK');
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeFileSync(fd, String(process.pid));
      closeSync(fd);
      return () => {
        try {
          if (readFileSync(path, 'utf8') === String(process.pid)) unlinkSync(path);
        } catch {
          // already gone
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number.parseInt(readFileSync(path, 'utf8'), 10);
      if (pid === process.pid) return () => {};
      if (Number.isInteger(pid) && running(pid)) {
        throw new BulwarkError('GRAPH_LOCKED', `Ethereum journal ${dir} is being written by process ${pid}`, {
          source: dir,
          hint: 'Wait for the other ingestion to finish (or stop it) and run again',
        });
      }
      unlinkSync(path);
    }
  }
  throw new BulwarkError('GRAPH_LOCKED', `could not lock Ethereum journal ${dir}`, {
    source: dir,
    hint: 'Retry',
  });
}
