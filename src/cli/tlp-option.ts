import { BulwarkError } from '../errors/index.ts';
import type { TlpLevel } from '../store/index.ts';

const LEVELS: Record<string, TlpLevel> = {
  clear: 'clear',
  white: 'clear',
  green: 'green',
  amber: 'amber',
  'amber+strict': 'amber+strict',
  red: 'red',
};

/** Parses a TLP level as people write it: `amber`, `TLP:AMBER+STRICT`, `white` (TLP 1.0). */
export function parseTlp(text: string): TlpLevel {
  const level = LEVELS[text.trim().toLowerCase().replace(/^tlp:/, '')];
  if (!level) {
    throw new BulwarkError('USAGE', `"${text}" is not a TLP level`, {
      hint: 'Use one of clear, green, amber, amber+strict, red',
    });
  }
  return level;
}
