import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { compileRules } from './engine.ts';
import { loadSigmaRules } from './load-dir.ts';

// A SigmaHQ checkout (github.com/SigmaHQ/sigma) is not shipped; point SIGMAHQ_DIR at one to run this.
const root = process.env.SIGMAHQ_DIR;

test('every rule of the SigmaHQ set loads and compiles without a parse failure', {
  skip: root === undefined && 'SIGMAHQ_DIR is not set',
}, () => {
  const dir = join(root!, 'rules');
  const loaded = loadSigmaRules(dir);
  const failures = loaded.errors.map((e) => e.message);
  assert.deepEqual(failures, [], `${failures.length} rules failed to load`);
  assert.ok(loaded.rules.length > 2000, `${loaded.rules.length} rules under ${dir}`);
  const engine = compileRules(loaded.rules);
  assert.equal(engine.rules.length, loaded.rules.length);
});
