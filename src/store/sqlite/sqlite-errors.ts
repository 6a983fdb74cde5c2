/** better-sqlite3 failures as Bulwark errors: a damaged file is STORE_CORRUPT, the rest STORE_UNAVAILABLE. */
import { BulwarkError } from '../../errors/index.ts';

const CORRUPT = new Set(['SQLITE_CORRUPT', 'SQLITE_NOTADB']);
const UNAVAILABLE = /^SQLITE_(CANTOPEN|BUSY|LOCKED|IOERR|FULL|READONLY|PERM|AUTH)/;

export function mapSqliteError(error: unknown, file: string): unknown {
  if (error instanceof BulwarkError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return error;
  if (CORRUPT.has(code)) {
    return new BulwarkError('STORE_CORRUPT', `the SQLite store ${file} is damaged or not a database`, {
      source: file,
      cause: error,
      hint: 'restore it from a backup, or point --data at another directory',
    });
  }
  if (UNAVAILABLE.test(code)) {
    return new BulwarkError('STORE_UNAVAILABLE', `the SQLite store ${file} cannot be used (${code})`, {
      source: file,
      cause: error,
      hint: 'check --data / BULWARK_DATA, the file permissions and free disk space',
    });
  }
  return error;
}
