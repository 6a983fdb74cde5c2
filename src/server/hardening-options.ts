/**
 * The limits every hub process runs with. Defaults suit one hub on a LAN behind a TLS proxy; each is a
 * `createServer` option and the ones operators tune are `bulwark serve` flags.
 */
export interface HardeningOptions {
  /** Largest request body in bytes; larger is a 413 before any of it is parsed. */
  bodyLimit?: number;
  /**
   * Requests per minute per API key (per client address for anonymous callers); 0 (the default of an
   * embedded server, as in tests) turns the limit off. `bulwark serve` turns it on.
   */
  rateLimit?: number;
  /** Origins allowed to call the hub from a browser; none (the default) means no CORS headers at all. */
  corsOrigins?: readonly string[];
  /** A socket with no activity for this long is closed (ms). */
  connectionTimeout?: number;
  /** A request that has not been fully received in this long is answered 408 (ms). */
  requestTimeout?: number;
  /** An idle keep-alive connection is closed after this long (ms). */
  keepAliveTimeout?: number;
}

export type Hardening = Required<HardeningOptions>;

// A 1,000-object TAXII envelope of indicators is about 1 MB; 16 MiB leaves room for reports with files.
export const DEFAULT_HARDENING: Hardening = Object.freeze({
  bodyLimit: 16 * 1024 * 1024,
  rateLimit: 0,
  corsOrigins: [],
  connectionTimeout: 120_000,
  requestTimeout: 60_000,
  keepAliveTimeout: 10_000,
});

/** What `bulwark serve` allows one key per minute unless told otherwise. */
export const SERVE_RATE_LIMIT = 600;

export function hardeningOf(options: HardeningOptions): Hardening {
  const defined = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
  return { ...DEFAULT_HARDENING, ...defined };
}
