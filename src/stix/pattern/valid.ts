import { isBulwarkError } from '../../errors/index.ts';
import { parsePattern } from './parse.ts';

/** True when `text` parses and passes the spec's semantic checks. */
export function isValidPattern(text: string): boolean {
  try {
    parsePattern(text);
    return true;
  } catch (error) {
    if (isBulwarkError(error)) return false;
    throw error;
  }
}
