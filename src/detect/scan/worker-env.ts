import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** Where scanning threads keep Node's compile cache: the package's own node_modules/.cache. */
const CACHE_DIR = join(
  import.meta.dirname,
  '..',
  '..',
  '..',
  'node_modules',
  '.cache',
  'bulwark-compile-cache',
);

/** The cache directory once made; null when it could not be, or when the user's settings decide. */
let cacheDir: string | null | undefined;

/**
 * The environment a scanning thread starts with: this process's, plus NODE_COMPILE_CACHE. Each thread
 * compiles its TypeScript modules again at every start (type stripping, then V8's parse: ~90 ms of
 * CPU per thread for the prefilter's eight modules); with the cache a start costs about what an empty
 * thread's does. Only the threads get it, not this process; a NODE_COMPILE_CACHE already set is
 * kept. The directory is made here first: where it cannot be (a read-only install), the threads
 * start without a cache rather than be handed a path Node may stall on (Node 24 does, for one under
 * /proc).
 */
export function scanThreadEnv(): NodeJS.ProcessEnv {
  if (cacheDir === undefined) {
    cacheDir = null;
    if (
      process.env.NODE_COMPILE_CACHE === undefined &&
      process.env.NODE_DISABLE_COMPILE_CACHE === undefined
    ) {
      try {
        mkdirSync(CACHE_DIR, { recursive: true });
        cacheDir = CACHE_DIR;
      } catch {
        // no cache: the threads compile as they would have
      }
    }
  }
  return cacheDir === null ? process.env : { ...process.env, NODE_COMPILE_CACHE: cacheDir };
}
