import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { BulwarkError } from '../../errors/index.ts';
import { compileRules } from './engine.ts';
import { loadSigmaRules } from './load-dir.ts';
import { loadSigmaRule, loadSigmaText } from './load-rule.ts';

const RULE = `title: Suspicious Use Of Certutil
id: 5d1c1b3e-0000-4000-8000-00000000abcd
related:
    - id: 11111111-0000-4000-8000-000000000000
      type: derived
status: test
description: Certutil decoding a file
author: Someone
logsource:
    category: Process_Creation
    product: windows
detection:
    selection_img:
        - Image|endswith: '\\certutil.exe'
        - OriginalFileName: 'CertUtil.exe'
    selection_cli:
        CommandLine|contains: '-decode'
    condition: all of selection_*
fields:
    - CommandLine
falsepositives:
    - Admins
level: High
tags:
    - attack.defense-evasion
    - attack.T1140
`;

test('a rule loads into its typed parts', () => {
  const r = loadSigmaRule(RULE, 'x.yml');
  assert.equal(r.title, 'Suspicious Use Of Certutil');
  assert.equal(r.id, '5d1c1b3e-0000-4000-8000-00000000abcd');
  assert.equal(r.status, 'test');
  assert.deepEqual(r.logsource, { category: 'process_creation', product: 'windows' });
  assert.deepEqual(r.related, [{ id: '11111111-0000-4000-8000-000000000000', type: 'derived' }]);
  assert.deepEqual(r.tags, ['attack.defense-evasion', 'attack.t1140']);
  assert.equal(r.level, 'high');
  assert.deepEqual(r.fields, ['CommandLine']);
  assert.deepEqual(r.falsepositives, ['Admins']);
  assert.deepEqual(r.conditions, ['all of selection_*']);
  assert.equal(r.source, 'x.yml');
  const img = r.searches.get('selection_img');
  assert.equal(img?.kind, 'map');
  assert.equal(img?.kind === 'map' ? img.alternatives.length : 0, 2);
  assert.deepEqual(r.searches.get('selection_cli'), {
    kind: 'map',
    alternatives: [[{ field: 'CommandLine', modifiers: ['contains'], values: ['-decode'] }]],
  });
});

test('YAML syntax errors carry line and column', () => {
  const broken = 'title: x\nlogsource:\n  product: windows\ndetection:\n  sel: [unclosed\n  condition: sel\n';
  const { rules, errors } = loadSigmaText(broken, 'broken.yml');
  assert.equal(rules.length, 0);
  assert.ok(errors[0] instanceof BulwarkError);
  assert.equal(errors[0].code, 'BULWARK_E_SIGMA_INVALID');
  assert.equal(errors[0].place.source, 'broken.yml');
  assert.ok((errors[0].place.line ?? 0) >= 5, `line ${errors[0].place.line}`);
  assert.ok(errors[0].place.column !== undefined);
});

test('a condition error points at the condition line and the rule path', () => {
  const bad = RULE.replace('condition: all of selection_*', 'condition: selection_img and and');
  const { errors } = loadSigmaText(bad, 'bad.yml');
  const e = errors[0] as BulwarkError;
  assert.equal(e.place.path, 'detection.condition');
  assert.equal(e.place.line, 18);
  assert.match(e.message, /offset 18/);
});

test('a condition naming an undefined search is rejected, with its place', () => {
  const bad = RULE.replace('condition: all of selection_*', 'condition: selection_img and filter');
  assert.throws(() => loadSigmaRule(bad), /unknown search identifier 'filter'/);
  const none = RULE.replace('condition: all of selection_*', 'condition: 1 of filter_*');
  assert.throws(() => loadSigmaRule(none), /matches no search identifier/);
});

test('missing title, logsource or detection are reported with the path', () => {
  for (const [cut, path] of [
    ['title: Suspicious Use Of Certutil\n', 'title'],
    ['    condition: all of selection_*\n', 'detection.condition'],
  ] as const) {
    const { errors } = loadSigmaText(RULE.replace(cut, ''), 'r.yml');
    assert.equal(errors[0]?.place.path, path);
  }
});

test('action: global is merged into each rule after it, repeat reuses the previous rule, reset clears', () => {
  const collection = `action: global
title: Shared title
logsource:
    product: windows
detection:
    condition: selection
---
logsource:
    category: process_creation
detection:
    selection:
        Image|endswith: '\\a.exe'
---
action: repeat
detection:
    selection:
        Image|endswith: '\\b.exe'
---
action: reset
---
title: Standalone
logsource:
    product: linux
detection:
    kw:
        - 'evil'
    condition: kw
`;
  const { rules, errors } = loadSigmaText(collection, 'c.yml');
  assert.deepEqual(errors, []);
  assert.deepEqual(
    rules.map((r) => [r.title, r.logsource]),
    [
      ['Shared title', { product: 'windows', category: 'process_creation' }],
      ['Shared title', { product: 'windows', category: 'process_creation' }],
      ['Standalone', { product: 'linux' }],
    ],
  );
  const engine = compileRules(rules);
  const m = engine.matchBatch([{ Image: 'C:\\b.exe' }], { product: 'windows', category: 'process_creation' });
  assert.deepEqual(
    m.map((x) => x.eventIndex),
    [0],
  );
});

test('a rule that fails is reported and skipped while the rest of the directory loads', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sigma-'));
  try {
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'good.yml'), RULE);
    writeFileSync(join(dir, 'sub', 'bad.yaml'), RULE.replace("'-decode'", '{ nested: map }'));
    writeFileSync(join(dir, 'notes.txt'), 'not a rule');
    const { rules, errors } = loadSigmaRules(dir);
    assert.equal(rules.length, 1);
    assert.equal(errors.length, 1);
    assert.equal(errors[0]?.place.source, join(dir, 'sub', 'bad.yaml'));
    assert.equal(errors[0]?.place.line, 17, 'the line of the nested value');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('loadSigmaRule refuses a text with several rules', () => {
  assert.throws(() => loadSigmaRule(`${RULE}---\n${RULE}`), /expected one Sigma rule, found 2/);
});

test('arbitrary text never throws from loadSigmaText: faults come back as SIGMA_INVALID errors', () => {
  const lines = fc.constantFrom(
    'title: x',
    'logsource:',
    '  product: windows',
    'detection:',
    '  sel:',
    '    Image|endswith: a',
    '    - b',
    '  condition: sel and',
    '  condition: 1 of s*',
    'action: global',
    'action: repeat',
    'correlation:',
    '  type: temporal',
    '---',
    '  - [',
    ': :',
  );
  fc.assert(
    fc.property(
      fc.oneof(
        fc.string({ maxLength: 80 }),
        fc.array(lines, { maxLength: 14 }).map((l) => l.join('\n')),
      ),
      (text) => {
        const { errors } = loadSigmaText(text, 'fuzz.yml');
        for (const e of errors) assert.equal(e.code, 'BULWARK_E_SIGMA_INVALID');
      },
    ),
    { numRuns: 1500 },
  );
});

test('a fault found only when compiling (a placeholder without values) names the file, the line and the search', () => {
  const text = [
    'title: Admin logons',
    'id: 2e4c6a8b-0d1f-4a3c-9e5b-7d9f1b3d5f70',
    'logsource:',
    '  product: windows',
    'detection:',
    '  filter:',
    '    EventID: 4624',
    '  selection:',
    "    TargetUserName|expand: '%admins%'",
    '  condition: selection and not filter',
  ].join('\n');
  const { rules, errors } = loadSigmaText(text, 'rules/admins.yml');
  assert.deepEqual(errors, [], 'the placeholder is a fault of the configuration, not of the rule');
  const engine = compileRules(rules);
  assert.equal(engine.rules.length, 0);
  const [fault] = engine.errors;
  assert.equal(fault?.code, 'BULWARK_E_SIGMA_INVALID');
  assert.deepEqual(
    [fault?.place.source, fault?.place.line, fault?.place.path],
    ['rules/admins.yml', 9, 'detection.selection'],
  );
  assert.match(
    fault?.describe() ?? '',
    /^placeholder %admins% has no configured values \(rules\/admins\.yml, line 9, at detection\.selection\)/,
  );
});

test('matches name their rule by position, so rules sharing an id (two sources of one rule) stay apart', () => {
  const engine = compileRules([loadSigmaRule(RULE, 'a.yml'), loadSigmaRule(RULE, 'b.yml')]);
  const event = { CommandLine: 'certutil -decode x y', Image: 'C:\\Windows\\System32\\certutil.exe' };
  const matches = engine.matchBatch([event]);
  assert.deepEqual(
    matches.map((m) => [m.ruleIndex, engine.rules[m.ruleIndex]?.source]),
    [
      [0, 'a.yml'],
      [1, 'b.yml'],
    ],
  );
});
