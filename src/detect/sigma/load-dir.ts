import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BulwarkError } from '../../errors/index.ts';
import type { SigmaCorrelation } from './correlation-shape.ts';
import { loadSigmaText, type SigmaLoadResult } from './load-rule.ts';
import { sigmaError } from './sigma-error.ts';
import type { SigmaRule } from './types.ts';

/** Loads every `.yml` / `.yaml` file under a directory (recursively, in path order). */
export function loadSigmaRules(dir: string): SigmaLoadResult {
  const rules: SigmaRule[] = [];
  const correlations: SigmaCorrelation[] = [];
  const errors: BulwarkError[] = [];
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.ya?ml$/i.test(f))
    .sort();
  for (const file of files) {
    const path = join(dir, file);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (e) {
      errors.push(sigmaError(`cannot read rule file: ${(e as Error).message}`, { source: path, cause: e }));
      continue;
    }
    const loaded = loadSigmaText(text, path);
    rules.push(...loaded.rules);
    correlations.push(...loaded.correlations);
    errors.push(...loaded.errors);
  }
  return { rules, correlations, errors };
}
