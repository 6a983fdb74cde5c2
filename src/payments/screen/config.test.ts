import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isBulwarkError } from '../../errors/index.ts';
import { defaultConfig, loadConfig } from './config.ts';

test('the shipped configuration loads and enables every rule', () => {
  const config = defaultConfig();
  for (const [name, rule] of Object.entries(config.rules)) assert.ok(rule.enabled, name);
  assert.ok(config.dictionary.includes('FOUNDATION'));
  assert.ok(config.watchlist.length > 0);
});

test('an analyst file overrides only what it names, in YAML or JSON', () => {
  const yaml = loadConfig('rules:\n  burst: { minCount: 3 }\nrisk: { high: 40 }\n');
  assert.equal(yaml.rules.burst.minCount, 3);
  assert.equal(yaml.rules.burst.windowMinutes, defaultConfig().rules.burst.windowMinutes);
  assert.equal(yaml.risk.high, 40);
  const json = loadConfig('{"watchlist": [{"name": "ACME", "source": "in-house"}]}');
  assert.deepEqual(json.watchlist, [{ name: 'ACME', source: 'in-house' }]);
});

test('a wrong setting is rejected naming its path', () => {
  for (const [text, path] of [
    ['rules: { burst: { minCount: 1 } }', 'rules.burst.minCount'],
    ['rules: { offHours: { start: "25:00" } }', 'rules.offHours.start'],
    ['rules: { nosuch: {} }', 'rules'],
    ['risk: { high: "x" }', 'risk.high'],
  ]) {
    assert.throws(
      () => loadConfig(text as string, 'my.yaml'),
      (e) => isBulwarkError(e) && e.code === 'BULWARK_E_PAYMENT_CONFIG' && e.place.path === path,
      text,
    );
  }
  assert.throws(() => loadConfig('[1, 2]'), /mapping/);
});
