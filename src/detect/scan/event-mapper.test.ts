import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { IndicatorMatcher } from '../matcher/index.ts';
import { EventMapper } from './event-mapper.ts';
import { loadMapping } from './mapping.ts';

const LOGS = join(import.meta.dirname, '..', '..', '..', 'data', 'logs');
const lines = (file: string): Record<string, unknown>[] =>
  readFileSync(join(LOGS, file), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

type Sco = Record<string, unknown> & { type: string };

/** Maps one event; returns its format, time and objects by type (several of a type as a list). */
function mapOne(event: object): { format: string | undefined; time: number; scos: Sco[] } {
  const mapper = new EventMapper(loadMapping(), new IndicatorMatcher([]));
  mapper.match(event);
  const obs = mapper.observation();
  return { format: mapper.format?.name, time: obs.time, scos: Object.values(obs.objects) as Sco[] };
}

const ofType = (scos: Sco[], type: string): Sco[] => scos.filter((s) => s.type === type);
const values = (scos: Sco[], type: string): unknown[] => ofType(scos, type).map((s) => s.value);

test('Sysmon process creation (OTRF): SHA-256 and the other hashes, image name, command line, user', () => {
  const event = lines('otrf-sysmon-sample.jsonl').find((e) => e.EventID === 1)!;
  const { format, time, scos } = mapOne(event);
  assert.equal(format, 'windows');
  assert.equal(time, Date.parse('2020-10-19T07:30:46.251Z'));
  const file = ofType(scos, 'file')[0]!;
  assert.equal(file.name, 'PsExec.exe');
  const hashes = file.hashes as Record<string, string>;
  assert.deepEqual(Object.keys(hashes).sort(), ['IMPHASH', 'MD5', 'SHA-1', 'SHA-256']);
  assert.equal(hashes['SHA-256'], '3337e3875b05e0bfba69ab926532e3f179e8cfbf162ebb60ce58a0281437a7ef');
  assert.match(ofType(scos, 'process')[0]?.command_line as string, /^PsExec\.exe/);
  assert.equal(ofType(scos, 'user-account')[0]?.account_login, 'WORKSTATION5\\wardog');
});

test('Sysmon network connection (OTRF): IPv6 source and destination, traffic refs and port', () => {
  const event = lines('otrf-sysmon-sample.jsonl').find((e) => e.EventID === 3)!;
  const { scos } = mapOne(event);
  assert.deepEqual(values(scos, 'ipv6-addr'), ['fe80::90e:17af:263c:5209']);
  const [traffic] = ofType(scos, 'network-traffic');
  assert.equal(traffic?.dst_port, 445);
  assert.deepEqual(traffic?.protocols, ['tcp']);
  assert.equal(traffic?.src_ref, traffic?.dst_ref, 'one address object for both ends');
});

test('Sysmon DNS query (OTRF): the query name is a domain-name', () => {
  const event = lines('otrf-sysmon-sample.jsonl').find((e) => e.EventID === 22)!;
  assert.deepEqual(values(mapOne(event).scos, 'domain-name'), [event.QueryName]);
});

test('Windows event as evtx_dump nests it (Event.EventData): destination address and hashes', () => {
  const event = {
    Event: {
      System: { EventID: 3 },
      EventData: { DestinationIp: '203.0.113.9', DestinationPort: '443', Hashes: 'SHA256=AB12' },
    },
  };
  const { format, scos } = mapOne(event);
  assert.equal(format, 'windows');
  assert.deepEqual(values(scos, 'ipv4-addr'), ['203.0.113.9']);
  assert.equal(ofType(scos, 'network-traffic')[0]?.dst_port, 443);
  assert.deepEqual(ofType(scos, 'file')[0]?.hashes, { 'SHA-256': 'ab12' });
});

test('Zeek DNS (WRCCDC 2018, dotted names): addresses, ports, query and epoch-less ISO time', () => {
  const event = lines('zeek-wrccdc2018-sample.jsonl')[0]!;
  const { format, time, scos } = mapOne(event);
  assert.equal(format, 'zeek');
  assert.equal(time, Date.parse('2018-03-24T17:15:20.865716Z'));
  assert.deepEqual(values(scos, 'ipv4-addr').sort(), ['10.0.0.100', '10.47.1.100']);
  assert.deepEqual(values(scos, 'domain-name'), ['ise.wrccdc.org']);
  const [traffic] = ofType(scos, 'network-traffic');
  assert.equal(traffic?.src_port, 41772);
  assert.equal(traffic?.dst_port, 53);
  assert.deepEqual(traffic?.protocols, ['udp']);
});

test('Zeek conn (APT29, underscore names, epoch seconds): addresses and time', () => {
  const event = lines('zeek-apt29-sample.jsonl').find((e) => e['@stream'] === 'conn')!;
  const { format, time, scos } = mapOne(event);
  assert.equal(format, 'zeek');
  assert.equal(time, Math.round(1588205199.82437 * 1000));
  assert.deepEqual(values(scos, 'ipv4-addr').sort(), ['10.0.0.4', '10.0.1.6']);
});

test('Suricata eve.json: addresses, DNS name, TLS SNI, HTTP host and file hash', () => {
  const base = { timestamp: '2026-03-01T10:00:00.000000+0000', src_ip: '10.1.1.1', dest_ip: '198.51.100.7' };
  const dns = mapOne({ ...base, event_type: 'dns', dns: { rrname: 'c2.example.net' } });
  assert.equal(dns.format, 'suricata');
  assert.equal(dns.time, Date.parse('2026-03-01T10:00:00.000+00:00'));
  assert.deepEqual(values(dns.scos, 'domain-name'), ['c2.example.net']);
  assert.deepEqual(values(dns.scos, 'ipv4-addr').sort(), ['10.1.1.1', '198.51.100.7']);
  const tls = mapOne({ ...base, event_type: 'tls', tls: { sni: 'sni.example' } });
  assert.deepEqual(values(tls.scos, 'domain-name'), ['sni.example']);
  const http = mapOne({ ...base, event_type: 'http', http: { hostname: 'web.example', url: '/x' } });
  assert.deepEqual(values(http.scos, 'domain-name'), ['web.example']);
  const file = mapOne({
    ...base,
    event_type: 'fileinfo',
    fileinfo: { sha256: 'CD34', filename: '/a/b.exe' },
  });
  assert.deepEqual(ofType(file.scos, 'file')[0], {
    type: 'file',
    hashes: { 'SHA-256': 'cd34' },
    name: 'b.exe',
  });
});

test('ECS, nested and flattened: addresses, URL, DNS question, file hash, user and e-mail', () => {
  const nested = mapOne({
    '@timestamp': '2026-02-01T00:00:00Z',
    source: { ip: '10.2.2.2' },
    destination: { ip: '2001:db8::7' },
    url: { full: 'https://pay.example/x' },
    dns: { question: { name: 'q.example' } },
    file: { hash: { sha256: 'EF56' } },
    user: { name: 'alice', email: 'alice@bank.example' },
  });
  assert.equal(nested.format, 'ecs');
  assert.deepEqual(values(nested.scos, 'ipv4-addr'), ['10.2.2.2']);
  assert.deepEqual(values(nested.scos, 'ipv6-addr'), ['2001:db8::7']);
  assert.deepEqual(values(nested.scos, 'url'), ['https://pay.example/x']);
  assert.deepEqual(values(nested.scos, 'domain-name'), ['q.example']);
  assert.deepEqual(values(nested.scos, 'email-addr'), ['alice@bank.example']);
  assert.equal(ofType(nested.scos, 'user-account')[0]?.account_login, 'alice');
  assert.deepEqual(ofType(nested.scos, 'file')[0]?.hashes, { 'SHA-256': 'ef56' });
  const flat = mapOne({ '@timestamp': '2026-02-01T00:00:00Z', 'source.ip': '10.3.3.3' });
  assert.deepEqual(values(flat.scos, 'ipv4-addr'), ['10.3.3.3']);
});

test('a mapped value is offered to the matcher under its STIX path', () => {
  const matcher = new IndicatorMatcher([
    { id: 'a', pattern: "[network-traffic:dst_ref.value = '10.0.0.100']" },
    { id: 'b', pattern: "[domain-name:value = 'ISE.wrccdc.org']" },
  ]);
  const mapper = new EventMapper(loadMapping(), matcher);
  mapper.match(lines('zeek-wrccdc2018-sample.jsonl')[0]!);
  assert.deepEqual([...matcher.hits.subarray(0, matcher.hitCount)].sort(), [0, 1]);
});
