import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileRules } from './engine.ts';
import { logsourceAccepts, logsourceOf } from './logsource.ts';
import { ruleWith } from './test-helpers.ts';

const evtx = (channel: string, eventId: unknown, data: Record<string, unknown> = {}) => ({
  Event: {
    System: { Channel: channel, EventID: eventId, Provider: { '#attributes': { Name: 'P' } } },
    EventData: data,
  },
});

test('evtx JSON: the channel gives the service, the Sysmon event id the category', () => {
  const sysmon = 'Microsoft-Windows-Sysmon/Operational';
  assert.deepEqual(logsourceOf(evtx(sysmon, 1)), {
    product: 'windows',
    category: 'process_creation',
    service: 'sysmon',
    complete: true,
  });
  assert.deepEqual(logsourceOf(evtx(sysmon, 3)).category, 'network_connection');
  assert.deepEqual(logsourceOf(evtx(sysmon, 11)).category, 'file_event');
  assert.deepEqual(logsourceOf(evtx(sysmon, 13)).category, 'registry_set');
  assert.deepEqual(logsourceOf(evtx(sysmon, 22)).category, 'dns_query');
  assert.deepEqual(logsourceOf(evtx(sysmon, 12, { EventType: 'CreateKey' })).category, 'registry_add');
  assert.deepEqual(logsourceOf(evtx(sysmon, 12, { EventType: 'DeleteValue' })).category, 'registry_delete');
  assert.deepEqual(logsourceOf(evtx(sysmon, { '#text': 1, '#attributes': {} })).category, 'process_creation');
  assert.deepEqual(logsourceOf(evtx('Security', 4624)), {
    product: 'windows',
    service: 'security',
    complete: true,
  });
  assert.deepEqual(logsourceOf(evtx('Microsoft-Windows-PowerShell/Operational', 4104)), {
    product: 'windows',
    category: 'ps_script',
    service: 'powershell',
    complete: true,
  });
  assert.deepEqual(logsourceOf(evtx('Some-Vendor/Operational', 5)), { product: 'windows' });
});

test('flat Windows exports, Winlogbeat and Zeek are recognised; anything else has no log source', () => {
  assert.deepEqual(logsourceOf({ EventID: 7, Channel: 'Microsoft-Windows-Sysmon/Operational' }), {
    product: 'windows',
    category: 'image_load',
    service: 'sysmon',
    complete: true,
  });
  assert.deepEqual(logsourceOf({ winlog: { channel: 'Security', event_id: 4688 } }), {
    product: 'windows',
    service: 'security',
    complete: true,
  });
  assert.deepEqual(logsourceOf({ _path: 'dns', query: 'x' }), {
    product: 'zeek',
    service: 'dns',
    complete: true,
  });
  assert.deepEqual(logsourceOf({ message: 'hello' }), {});
});

test('a rule accepts an event whose stated log source agrees; a registry_set event is a registry_event', () => {
  const ev = { product: 'windows', category: 'registry_set', service: 'sysmon' };
  assert.ok(logsourceAccepts({ product: 'windows', category: 'registry_set' }, ev));
  assert.ok(logsourceAccepts({ product: 'windows', category: 'registry_event' }, ev));
  assert.ok(!logsourceAccepts({ product: 'windows', category: 'process_creation' }, ev));
  assert.ok(!logsourceAccepts({ product: 'windows', service: 'security' }, ev));
  assert.ok(!logsourceAccepts({ product: 'linux', category: 'registry_set' }, ev));
  assert.ok(logsourceAccepts({ product: 'windows', category: 'process_creation' }, {}));
  // A fully known event without a category is not one of the category's events.
  const security = { product: 'windows', service: 'security', complete: true };
  assert.ok(!logsourceAccepts({ product: 'windows', category: 'process_creation' }, security));
  assert.ok(logsourceAccepts({ product: 'windows', service: 'security' }, security));
  assert.ok(
    logsourceAccepts(
      { product: 'windows', category: 'process_creation' },
      { product: 'windows', service: 'security' },
    ),
  );
});

test('events are tested only against rules of their log source', () => {
  const proc = ruleWith("    selection:\n        Image|endswith: '\\evil.exe'\n    condition: selection");
  const file = ruleWith(
    "    selection:\n        Image|endswith: '\\evil.exe'\n    condition: selection",
    'category: file_event\n    product: windows',
    'File rule',
  );
  const engine = compileRules([proc, file]);
  const sysmon = 'Microsoft-Windows-Sysmon/Operational';
  const events = [evtx(sysmon, 1, { Image: 'C:\\evil.exe' }), evtx(sysmon, 11, { Image: 'C:\\evil.exe' })];
  const m = engine.matchBatch(events);
  assert.equal(m.length, 2);
  assert.deepEqual(
    m.map((x) => [x.eventIndex, x.title]),
    [
      [0, 'Test rule'],
      [1, 'File rule'],
    ],
  );
  assert.equal(engine.matchBatch(events, { product: 'windows', category: 'dns_query' }).length, 0);
});

test('fields are found in EventData, in System (with Provider_Name for attributes), by dotted path, and without spaces', () => {
  const rule = ruleWith(
    "    selection:\n        Provider_Name: 'P'\n        Channel: 'Microsoft-Windows-Sysmon/Operational'\n        SourceName: 'Real-Time Protection'\n        Image: 'a.exe'\n    condition: selection",
  );
  const ev = evtx('Microsoft-Windows-Sysmon/Operational', 1, {
    Image: 'a.exe',
    'Source Name': 'Real-Time Protection',
  });
  assert.equal(compileRules([rule]).matchBatch([ev]).length, 1);
  const nested = ruleWith(
    "    selection:\n        process.command_line|contains: 'whoami'\n    condition: selection",
  );
  const engine = compileRules([nested]);
  const events = [
    { process: { command_line: 'cmd /c whoami' } },
    { 'process.command_line': 'whoami /all' },
    { process: {} },
  ];
  assert.deepEqual(
    engine.matchBatch(events, {}).map((x) => x.eventIndex),
    [0, 1],
  );
});
