import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { compileRules } from './engine.ts';
import { loadSigmaRules } from './load-dir.ts';
import type { SigmaEvent } from './types.ts';

const DATA = fileURLToPath(new URL('../../../data/', import.meta.url));

function events(): SigmaEvent[] {
  const regression = join(DATA, 'sigma-regression', 'regression_data');
  const evtx = readdirSync(regression, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.json'))
    .flatMap((f) =>
      readFileSync(join(regression, f), 'utf8')
        .trim()
        .split(/\n(?=\{)/)
        .map((part) => JSON.parse(part) as SigmaEvent),
    );
  const otrf = join(DATA, 'sigma-bench');
  const flat = readdirSync(otrf)
    .filter((f) => f.endsWith('.json'))
    .flatMap((f) =>
      readFileSync(join(otrf, f), 'utf8')
        .split('\n')
        .filter((l) => l.trim() !== '')
        .map((l) => JSON.parse(l) as SigmaEvent),
    );
  return [...evtx, ...flat];
}

test('indexing rules by their anchors changes no match: the same matches as every rule on every event', () => {
  const rules = [
    ...loadSigmaRules(join(DATA, 'sigma')).rules,
    ...loadSigmaRules(join(DATA, 'sigma-regression', 'rules')).rules,
  ];
  const sample = events();
  const indexed = compileRules(rules).matchBatch(sample);
  const every = compileRules(rules, { anchorIndex: false }).matchBatch(sample);
  assert.ok(indexed.length > 200, `${indexed.length} matches: the comparison covers firing rules`);
  assert.deepEqual(indexed, every);
});
