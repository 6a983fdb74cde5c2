import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { compileRules } from './engine.ts';
import { loadSigmaRules } from './load-dir.ts';
import { logsourceAccepts, logsourceOf } from './logsource.ts';
import type { SigmaEvent, SigmaMatch, SigmaRule } from './types.ts';

const DATA = fileURLToPath(new URL('../../../data/', import.meta.url));
const REGRESSION = join(DATA, 'sigma-regression');

/** The evtx_dump files hold one or more JSON objects one after the other. */
function concatenatedJson(text: string): SigmaEvent[] {
  const out: SigmaEvent[] = [];
  let depth = 0;
  let inString = false;
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' && depth++ === 0) start = i;
    else if (c === '}' && --depth === 0) out.push(JSON.parse(text.slice(start, i + 1)) as SigmaEvent);
  }
  return out;
}

interface Pair {
  readonly rule: SigmaRule;
  readonly file: string;
  readonly events: SigmaEvent[];
}

function loadPairs(): { pairs: Pair[]; withoutEvents: string[]; rules: SigmaRule[] } {
  const list = JSON.parse(readFileSync(join(REGRESSION, 'pairs.json'), 'utf8')) as [string, string][];
  const loaded = loadSigmaRules(join(REGRESSION, 'rules'));
  assert.deepEqual(
    loaded.errors.map((e) => e.describe()),
    [],
  );
  const bySource = new Map(loaded.rules.map((r) => [r.source, r]));
  const pairs: Pair[] = [];
  const withoutEvents: string[] = [];
  for (const [rulePath, dataDir] of list) {
    const rule = bySource.get(join(REGRESSION, 'rules', rulePath));
    assert.ok(rule, `rule ${rulePath} loaded`);
    const dir = join(REGRESSION, dataDir);
    const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
    if (files.length === 0) withoutEvents.push(rulePath);
    const events = files.flatMap((f) => concatenatedJson(readFileSync(join(dir, f), 'utf8')));
    pairs.push({ rule, file: rulePath, events });
  }
  return { pairs, withoutEvents, rules: loaded.rules };
}

const { pairs, withoutEvents, rules } = loadPairs();
const dprk = loadSigmaRules(join(DATA, 'sigma'));
const engine = compileRules([...rules, ...dprk.rules]);
const matches = new Map<Pair, SigmaMatch[]>(pairs.map((p) => [p, engine.matchBatch(p.events)]));

test('all 38 shipped DPRK-related SigmaHQ rules load without a failure', () => {
  assert.deepEqual(
    dprk.errors.map((e) => e.describe()),
    [],
  );
  assert.equal(dprk.rules.length, 38);
  assert.equal(engine.errors.length, 0);
});

test('the regression set: 203 rules load; every pair with an event fires its rule', () => {
  assert.equal(pairs.length, 203);
  // Upstream ships no event for the Cisco rule (its test is commented out in info.yml).
  assert.deepEqual(withoutEvents, ['rules/network/cisco/aaa/cisco_cli_dot1x_disabled.yml']);
  const missed = pairs
    .filter((p) => p.events.length > 0)
    .filter((p) => !(matches.get(p) ?? []).some((m) => m.ruleId === p.rule.id))
    .map((p) => p.file);
  assert.deepEqual(missed, []);
});

test('every match comes from a rule whose log source accepts the event', () => {
  const byId = new Map([...rules, ...dprk.rules].map((r) => [r.id, r]));
  for (const p of pairs) {
    for (const m of matches.get(p) ?? []) {
      const rule = byId.get(m.ruleId) as SigmaRule;
      assert.ok(
        logsourceAccepts(rule.logsource, logsourceOf(p.events[m.eventIndex] as SigmaEvent)),
        `${m.title} on ${p.file}`,
      );
    }
  }
});

test('spot checks: unrelated rules stay silent on the regression events', () => {
  const specific = new Set(dprk.rules.filter((r) => r.source?.includes('/specific/')).map((r) => r.id));
  const firedSpecific = pairs.flatMap((p) =>
    (matches.get(p) ?? []).filter((m) => specific.has(m.ruleId)).map((m) => `${m.title} on ${p.file}`),
  );
  assert.deepEqual(firedSpecific, [], 'no regression event is DPRK activity');
  const silent = (eventOf: string, ruleNamePart: RegExp): void => {
    const pair = pairs.find((p) => p.file.endsWith(eventOf)) as Pair;
    const byId = new Map(rules.map((r) => [r.id, r]));
    const wrong = (matches.get(pair) ?? []).filter((m) =>
      ruleNamePart.test(byId.get(m.ruleId)?.source ?? ''),
    );
    assert.deepEqual(
      wrong.map((m) => m.title),
      [],
      `${eventOf} vs ${ruleNamePart}`,
    );
  };
  silent('proc_creation_win_certutil_download.yml', /bitsadmin|curl|wmic/);
  silent('proc_creation_win_bitsadmin_download_direct_ip.yml', /certutil|curl/);
  silent('proc_creation_win_wmic_remote_execution.yml', /certutil|bitsadmin|adfind/);
  silent('image_load_win_werfaultsecure_dbgcore_dbghelp_load.yml', /proc_creation_|registry_/);
  silent('file_event_win_anydesk_artefact.yml', /cred_dump|proc_creation_/);
});
