import { BulwarkError } from './bulwark-error.ts';

/** Exit codes of every command: 0 ok, 1 failure, 2 usage. */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

export function exitCodeOf(error: unknown): number {
  if (error instanceof BulwarkError && error.spec.code === 'BULWARK_E_USAGE') return EXIT_USAGE;
  return EXIT_FAILURE;
}
