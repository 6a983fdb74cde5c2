import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { compileRules } from './engine.ts';
import { loadSigmaRules } from './load-dir.ts';

// A SigmaHQ checkout (github.com/SigmaHQ/sigma) is not shipped; point SIGMAHQ_DIR at one to run this.
const root = process.env.SIGMAHQ_DIR;
const skip = root === undefined && 'SIGMAHQ_DIR is not set';

/** rules/, rules-emerging-threats/, rules-threat-hunting/, rules-placeholder/, …: every set SigmaHQ ships. */
function ruleSets(): string[] {
  return readdirSync(root!, { withFileTypes: true })
    .filter((e) => e.isDirectory() && /^rules(-|$)/.test(e.name))
    .map((e) => e.name)
    .sort();
}

const PLACEHOLDER = /^placeholder %([A-Za-z0-9_.-]+)% has no configured values/;

test('the main SigmaHQ rule set loads and compiles whole', { skip }, () => {
  const loaded = loadSigmaRules(join(root!, 'rules'));
  assert.deepEqual(
    loaded.errors.map((e) => e.message),
    [],
  );
  assert.ok(loaded.rules.length > 2000, `${loaded.rules.length} rules`);
  const engine = compileRules(loaded.rules);
  assert.deepEqual(
    engine.errors.map((e) => e.message),
    [],
  );
  assert.equal(engine.rules.length, loaded.rules.length);
});

test('every SigmaHQ rule set loads without a parse failure; only placeholder rules need configuration, and compile with it', {
  skip,
}, () => {
  const sets = ruleSets();
  assert.ok(sets.includes('rules') && sets.length >= 3, `rule sets: ${sets.join(', ')}`);
  for (const set of sets) {
    const loaded = loadSigmaRules(join(root!, set));
    assert.deepEqual(
      loaded.errors.map((e) => e.message),
      [],
      `${set}: rules that failed to parse`,
    );
    // A rule stops at its first unconfigured placeholder: configure what each round names, until none is missing.
    const placeholders: Record<string, string[]> = {};
    let engine = compileRules(loaded.rules);
    for (let round = 0; engine.errors.length > 0 && round < 10; round++) {
      for (const e of engine.errors) {
        const name = PLACEHOLDER.exec(e.message)?.[1];
        assert.ok(name !== undefined, `${set}: a rule failed to compile for another reason: ${e.message}`);
        placeholders[name] = [`configured-${name}`];
      }
      engine = compileRules(loaded.rules, { placeholders });
    }
    const configured = engine;
    assert.deepEqual(
      configured.errors.map((e) => e.message),
      [],
      `${set}: with every placeholder configured`,
    );
    assert.equal(configured.rules.length, loaded.rules.length);
  }
});
