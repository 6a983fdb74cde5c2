import { BulwarkError } from '../errors/index.ts';

export interface MalformedPlace {
  /** 1-based line in the input. */
  line?: number;
  /** File or stream the input came from. */
  source?: string;
}

/** The error of every payment parser: which field, where, why, and how to mend it. */
export function malformed(path: string, reason: string, place: MalformedPlace, hint?: string): BulwarkError {
  return new BulwarkError('PAYMENT_MALFORMED', `${path}: ${reason}`, {
    path,
    ...(place.line === undefined ? {} : { line: place.line }),
    ...(place.source === undefined ? {} : { source: place.source }),
    rule: 'payment-format',
    ...(hint === undefined ? {} : { hint }),
  });
}
