import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { buildObservation, producedProperties } from './build-observation.ts';
import { loadMapping } from './mapping.ts';
import { prefilterLines } from './prefilter-lines.ts';
import { BatchScanner } from './scan-batch.ts';
import { scanLines } from './scanner.ts';
import { parseTarget, type Target } from './targets.ts';
import { setPath } from './test-events.ts';

const mapping = loadMapping();
const pick = <T>(xs: readonly T[]) => fc.constantFrom(...xs);

const IPS = ['10.0.0.1', '10.0.0.2', '203.0.113.9', '2001:db8::1'];
const DOMAINS = ['evil.example', 'bank.example'];
const NAMES = ['mimikatz.exe', 'notes.txt'];

// Exact values the value filter decides.
const exact = fc.oneof(
  pick(IPS).map((ip) => `${ip.includes(':') ? 'ipv6-addr' : 'ipv4-addr'}:value = '${ip}'`),
  pick(IPS).map((ip) => `network-traffic:dst_ref.value = '${ip}'`),
  pick(DOMAINS).map((d) => `domain-name:value = '${d}'`),
  pick(NAMES).map((n) => `file:name = '${n}'`),
);

// Comparisons it cannot: orders, negations (which a missing property fails too), EXISTS, LIKE /
// MATCHES, lists, the builder's own properties (`type`, derived `protocols`), rewritten types and
// properties no field produces.
const comparison = fc.oneof(
  fc
    .tuple(pick(['dst_port', 'src_port']), pick(['>', '<=', '!=', 'NOT =', '>=']), pick([53, 443, 4000]))
    .map(([p, op, n]) => `network-traffic:${p} ${op} ${n}`),
  pick([
    'network-traffic:dst_port IN (80, 443)',
    'network-traffic:dst_port NOT IN (80, 443)',
    'EXISTS network-traffic:src_port',
    'EXISTS file:hashes.MD5',
    "file:name LIKE '%.exe'",
    "file:name NOT LIKE 'mimi%'",
    "domain-name:value MATCHES '^evil'",
    "network-traffic:protocols[*] = 'tcp'",
    "network-traffic:protocols[*] != 'udp'",
    "ipv4-addr:value != '10.0.0.1'",
    "network-traffic:dst_ref.value NOT ISSUBSET '10.0.0.0/8'",
    "user-account:account_login != 'root'",
    "process:command_line LIKE '%powershell%'",
    'file:size > 10',
    "mac-addr:value = '00-11-22-33-44-55'",
    "network-traffic:type = 'network-traffic'",
    "file:type != 'x'",
    "email-addr:value NOT = 'a@b.example'",
    "cryptocurrency-wallet:value LIKE '1%'",
  ]),
);

const leaf = fc.oneof(exact, comparison, comparison);
const observation = fc.oneof(
  leaf.map((c) => `[${c}]`),
  fc.tuple(leaf, leaf, pick(['AND', 'OR'])).map(([a, b, j]) => `[${a} ${j} ${b}]`),
);
const pattern = fc.oneof(
  { weight: 3, arbitrary: observation },
  fc.tuple(observation, observation).map(([a, b]) => `${a} OR ${b}`),
  fc.tuple(observation, observation).map(([a, b]) => `(${a} FOLLOWEDBY ${b}) WITHIN 60 SECONDS`),
  fc.tuple(observation, observation).map(([a, b]) => `${a} AND ${b}`),
  observation.map((a) => `${a} REPEATS 2 TIMES WITHIN 30 SECONDS`),
);

const scalar = fc.oneof(
  pick([...IPS, ...DOMAINS, ...NAMES, 'TCP', 'udp', 'root', 'powershell -enc x', '1abc', '', '-']),
  pick([53, 80, 443, 4000, 4444, 70000, -1]),
  pick(['443', '4444', ' 53']),
  pick([null, true]),
);
const fieldValue = fc.oneof({ weight: 4, arbitrary: scalar }, fc.array(scalar, { maxLength: 2 }));

const ECS = [
  'source.ip',
  'destination.ip',
  'source.port',
  'destination.port',
  'network.transport',
  'dns.question.name',
  'file.name',
  'file.hash.md5',
  'user.name',
  'process.command_line',
  'email.from.address',
  'cryptocurrency.wallet',
  'message',
  'host.name',
  'event.kind',
];

const ecsLine = fc
  .tuple(fc.nat(120), fc.array(fc.tuple(pick(ECS), fieldValue, fc.boolean()), { maxLength: 4 }))
  .map(([s, fields]) => {
    const event: Record<string, unknown> = {
      '@timestamp': new Date(Date.UTC(2026, 0, 1, 0, 0, s)).toISOString(),
    };
    for (const [f, v, flat] of fields) setPath(event, f, v, flat);
    return JSON.stringify(event);
  });

// a connection: addresses (a network-traffic object needs one) with ports and a transport
const trafficLine = fc
  .tuple(
    fc.nat(120),
    pick(IPS),
    fc.option(pick(IPS)),
    pick([53, 443, 4444, '8080', null]),
    fc.option(pick(['tcp', 'UDP'])),
    fc.boolean(),
  )
  .map(([s, dst, src, port, transport, flat]) => {
    const event: Record<string, unknown> = {
      '@timestamp': new Date(Date.UTC(2026, 0, 1, 0, 0, s)).toISOString(),
    };
    setPath(event, 'destination.ip', dst, flat);
    setPath(event, 'destination.port', port, !flat);
    if (src !== null) setPath(event, 'source.ip', src, flat);
    if (transport !== null) setPath(event, 'network.transport', transport, flat);
    return JSON.stringify(event);
  });

const zeekLine = fc
  .tuple(scalar, scalar, scalar)
  .map(([h, p, q]) =>
    JSON.stringify({ ts: 1767225600.5, uid: 'C1', 'id.resp_h': h, 'id.resp_p': p, query: q }),
  );

const windowsLine = fc
  .tuple(scalar, scalar, scalar)
  .map(([ip, port, image]) =>
    JSON.stringify({ EventID: 3, EventData: { DestinationIp: ip, DestinationPort: port, Image: image } }),
  );

const suricataLine = fc
  .tuple(scalar, scalar, scalar)
  .map(([ip, port, proto]) => JSON.stringify({ event_type: 'flow', dest_ip: ip, dest_port: port, proto }));

const line = fc.oneof(
  { weight: 4, arbitrary: ecsLine },
  { weight: 3, arbitrary: trafficLine },
  zeekLine,
  windowsLine,
  suricataLine,
  // escapes in keys and values (a key the filter does not compare keeps the line)
  ecsLine.map((l) => l.replace(/p/g, '\\u0070')),
  // upper-cased keys: the filter folds case, the field getter does not
  ecsLine.map((l) => l.replace(/"(\w)/g, (_, c: string) => `"${c.toUpperCase()}`)),
  fc.tuple(ecsLine, fc.nat()).map(([l, n]) => l.slice(0, n % (l.length + 1))),
  pick(['', '{}', '{"destination":{"port":4444}', '[1]']),
);

function summary(patterns: readonly string[], lines: readonly string[], prefilter: boolean) {
  const indicators = patterns.map((pattern, i) => ({ id: `indicator--${i}`, pattern }));
  const scanner = new BatchScanner(indicators, mapping, undefined, { prefilter });
  return { scanner, run: scanLines([lines.join('\n')], { indicators, mapping, workers: 0, scanner }) };
}

test('with comparison and several-observation patterns among exact ones, the prefilter gives the full parse’s sightings', async () => {
  let filtered = 0;
  let runs = 0;
  let sighted = 0;
  await fc.assert(
    fc.asyncProperty(
      fc.array(exact, { maxLength: 4 }),
      fc.array(pattern, { minLength: 1, maxLength: 4 }),
      fc.array(line, { maxLength: 40 }),
      async (exacts, others, lines) => {
        runs++;
        const patterns = [...exacts.map((e) => `[${e}]`), ...others];
        const fast = summary(patterns, lines, true);
        const full = summary(patterns, lines, false);
        if (fast.scanner.lineFilter !== undefined) filtered++;
        const expected = await full.run;
        assert.deepEqual(await fast.run, expected);
        if (expected.sightings.some((s) => s.ordinal >= exacts.length)) sighted++;
      },
    ),
    { numRuns: 300 },
  );
  // the property says nothing if the prefilter never ran
  assert.ok(filtered > runs * 0.9, `prefilter ran in ${filtered} of ${runs} cases`);
  // nor if the patterns the prefilter cannot decide by values never matched
  assert.ok(sighted > runs / 8, `non-exact sightings in ${sighted} of ${runs} cases`);
});

test('the prefilter clears the lines that hold no key a comparison reads, and keeps those that do', () => {
  const patterns = ["[domain-name:value = 'evil.example']", '[network-traffic:dst_port > 4000]'];
  const { scanner } = summary(patterns, [], true);
  const kept = [
    { destination: { port: 80 } },
    { 'destination.port': 4444 },
    { destination: { port: null } },
    { Destination: { Port: 'x' } },
    { '\\u0070ort': 1 },
    { uid: 'C1', 'id.resp_p': 4444 },
    { dns: { question: { name: 'evil.example' } } },
  ];
  const cleared = [
    { source: { ip: '10.0.0.1' } },
    { dns: { question: { name: 'x.example' } } },
    { ports: 1 },
  ];
  const text = [...kept, ...cleared].map((e) => JSON.stringify(e).replace('\\\\', '\\')).join('\n');
  const pre = prefilterLines(scanner.lineFilter, Buffer.from(text), 1);
  assert.equal(pre.count, kept.length);
  assert.equal(pre.cleared, cleared.length);
});

test('every property buildObservation makes is one producedProperties lists for a field present', () => {
  const targets = [
    ...new Set(mapping.formats.flatMap((f) => Object.values(f.fields).map((s) => JSON.stringify(s)))),
  ]
    .map((s) => parseTarget(JSON.parse(s)))
    .filter((t): t is Target => t !== undefined);
  const hashList = targets.find((t) => t.kind === 'hash-list')!;
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.nat(targets.length - 1), scalar), { maxLength: 6 }), (pairs) => {
      // a hash list is pushed digest by digest under file:hashes paths (as EventMapper does)
      const used = pairs.map(([t]) => targets[t]!).filter((t) => t.kind !== 'hash-list');
      const values = pairs
        .filter(([t]) => targets[t]!.kind !== 'hash-list')
        .map(([, v]) => (typeof v === 'string' || typeof v === 'number' ? v : 'x'));
      const allowed = new Set(used.flatMap(producedProperties));
      const obs = buildObservation(0, used, values, used.length);
      for (const o of Object.values(obs.objects) as Record<string, unknown>[]) {
        for (const property of Object.keys(o))
          assert.ok(
            allowed.has(`${o.type}:${property}`),
            `${o.type}:${property} from ${JSON.stringify(used)}`,
          );
      }
    }),
    { numRuns: 300 },
  );
  assert.deepEqual(producedProperties(hashList), ['file:type', 'file:hashes']);
});

test('under AND one side’s fields suffice (both are necessary); a property no field produces keeps no line', () => {
  const and = summary(
    ["[network-traffic:dst_port > 4000 AND network-traffic:dst_ref.value != '10.0.0.1']"],
    [],
    true,
  ).scanner;
  const lines = [{ destination: { ip: '10.0.0.2' } }, { destination: { ip: '10.0.0.2', port: 4444 } }];
  const text = Buffer.from(lines.map((e) => JSON.stringify(e)).join('\n'));
  const pre = prefilterLines(and.lineFilter, text, 1);
  assert.deepEqual([pre.count, pre.candidates[2]], [1, 2]);
  const never = summary(['[file:size > 10]'], [], true).scanner;
  assert.equal(prefilterLines(never.lineFilter, text, 1).count, 0);
});
