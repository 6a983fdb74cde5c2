import { BulwarkError, type BulwarkErrorOptions } from '../../errors/index.ts';

export function sigmaError(message: string, options: BulwarkErrorOptions = {}): BulwarkError {
  return new BulwarkError('SIGMA_INVALID', message, options);
}
