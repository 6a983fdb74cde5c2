/**
 * pg failures as Bulwark errors. Losing the server (refused, reset, terminated by an administrator,
 * shut down) is STORE_UNAVAILABLE with the hint the operator needs.
 */
import { BulwarkError } from '../../errors/index.ts';

const NETWORK = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'EAI_AGAIN',
]);

/** SQLSTATE class 08 (connection exception), 57P01-03 (shutdown, crash, cannot connect now), 53300. */
export function isConnectionError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (NETWORK.has(code) || code.startsWith('08') || /^57P0[123]$/.test(code))) {
    return true;
  }
  if (code === '53300') return true;
  return (
    typeof message === 'string' &&
    /Connection terminated|connection timeout|Client has encountered a connection error/i.test(message)
  );
}

export function mapPgError(error: unknown, where: string): unknown {
  if (error instanceof BulwarkError) return error;
  if (isConnectionError(error)) {
    const reason = error instanceof Error ? error.message : String(error);
    return new BulwarkError('STORE_UNAVAILABLE', `PostgreSQL at ${where} is unavailable: ${reason}`, {
      source: where,
      cause: error,
      hint: 'check --db / BULWARK_DB and that PostgreSQL is running',
    });
  }
  return error;
}

/** The URL without its password, for messages. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'the configured database';
  }
}
