import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BulwarkError } from '../../errors/index.ts';
import { compileRules } from './engine.ts';
import { fires, firesOn, ruleWith } from './test-helpers.ts';

const one = (clause: string): string => `    selection:\n        ${clause}\n    condition: selection`;

test('plain values match the whole value, case-insensitively, with * and ? wildcards', () => {
  assert.ok(
    fires(one("Image: 'C:\\Windows\\System32\\CMD.exe'"), { Image: 'c:\\windows\\system32\\cmd.EXE' }),
  );
  assert.ok(!fires(one("Image: 'cmd.exe'"), { Image: 'c:\\windows\\system32\\cmd.exe' }));
  assert.ok(fires(one("Image: '*\\cmd.exe'"), { Image: 'C:\\x\\CMD.EXE' }));
  assert.ok(fires(one("Image: 'prog?.exe'"), { Image: 'progA.exe' }));
  assert.ok(!fires(one("Image: 'prog?.exe'"), { Image: 'progAB.exe' }));
  assert.ok(fires(one("Image: 'a\\*b'"), { Image: 'A*B' }));
  assert.ok(!fires(one("Image: 'a\\*b'"), { Image: 'axxb' }));
});

test('contains, startswith and endswith place the value; a list is OR and all makes it AND', () => {
  const ev = { CommandLine: 'powershell.exe -NoP -Enc SQBFAFgA' };
  assert.ok(fires(one("CommandLine|contains: ' -enc '"), ev));
  assert.ok(fires(one("CommandLine|startswith: 'POWERSHELL'"), ev));
  assert.ok(fires(one("CommandLine|endswith: 'sqbfafga'"), ev));
  assert.ok(!fires(one("CommandLine|endswith: 'powershell'"), ev));
  assert.ok(fires(one("CommandLine|contains: ['nothing', '-nop']"), ev));
  assert.ok(fires(one("CommandLine|contains|all: ['-nop', '-enc']"), ev));
  assert.ok(!fires(one("CommandLine|contains|all: ['-nop', '-nothing']"), ev));
});

test('numbers compare as text and a list of event ids is OR', () => {
  assert.ok(fires(one('EventID: [4688, 1]'), { EventID: 1 }));
  assert.ok(fires(one('EventID: 4688'), { EventID: '4688' }));
  assert.ok(!fires(one('EventID: 4688'), { EventID: 46880 }));
});

test('cased matches case-sensitively', () => {
  assert.ok(fires(one("CommandLine|cased|contains: 'Invoke'"), { CommandLine: 'x Invoke-Expression' }));
  assert.ok(!fires(one("CommandLine|cased|contains: 'Invoke'"), { CommandLine: 'x invoke-expression' }));
});

test('re is case-sensitive unless i; m and s change anchors and dot; a leading (?i) becomes a flag', () => {
  assert.ok(fires(one("CommandLine|re: 'Invoke-[A-Z]'"), { CommandLine: 'Invoke-Mimikatz' }));
  assert.ok(!fires(one("CommandLine|re: 'invoke-[a-z]'"), { CommandLine: 'Invoke-Mimikatz' }));
  assert.ok(fires(one("CommandLine|re|i: 'invoke-[a-z]'"), { CommandLine: 'Invoke-Mimikatz' }));
  assert.ok(fires(one("CommandLine|re: '(?i)invoke-[a-z]'"), { CommandLine: 'Invoke-Mimikatz' }));
  assert.ok(fires(one("CommandLine|re|m: '^second$'"), { CommandLine: 'first\nsecond' }));
  assert.ok(!fires(one("CommandLine|re: '^second$'"), { CommandLine: 'first\nsecond' }));
  assert.ok(fires(one("CommandLine|re|s: 'a.b'"), { CommandLine: 'a\nb' }));
  assert.ok(!fires(one("CommandLine|re: 'a.b'"), { CommandLine: 'a\nb' }));
});

test('cidr matches IPv4 and IPv6 networks, and IPv4-mapped IPv6 addresses', () => {
  const v4 = one("DestinationIp|cidr: ['10.0.0.0/8', '192.168.1.0/24']");
  assert.ok(fires(v4, { DestinationIp: '10.200.3.4' }));
  assert.ok(fires(v4, { DestinationIp: '192.168.1.77' }));
  assert.ok(!fires(v4, { DestinationIp: '192.168.2.1' }));
  assert.ok(!fires(v4, { DestinationIp: '11.0.0.1' }));
  assert.ok(fires(v4, { DestinationIp: '::ffff:10.1.2.3' }));
  const v6 = one("DestinationIp|cidr: 'fe80::/10'");
  assert.ok(fires(v6, { DestinationIp: 'fe80::1%eth0' }));
  assert.ok(fires(v6, { DestinationIp: 'FEBF:0:0:0:0:0:0:1' }));
  assert.ok(!fires(v6, { DestinationIp: 'fec0::1' }));
  assert.ok(!fires(v6, { DestinationIp: 'not an ip' }));
});

test('base64 and base64offset find a value inside base64 text at any of the three alignments', () => {
  assert.ok(
    fires(one("CommandLine|base64: 'http://'"), { CommandLine: Buffer.from('http://').toString('base64') }),
  );
  const rule = one("CommandLine|base64offset|contains: 'http://evil'");
  for (const prefix of ['', 'a', 'ab', 'abc', 'abcd']) {
    const encoded = Buffer.from(`${prefix}http://evil.example/x`).toString('base64');
    assert.ok(fires(rule, { CommandLine: `powershell -e ${encoded}` }), `prefix '${prefix}'`);
  }
  assert.ok(!fires(rule, { CommandLine: Buffer.from('http://good.example').toString('base64') }));
});

test('utf16le with base64offset finds PowerShell -EncodedCommand content', () => {
  const rule = one("CommandLine|wide|base64offset|contains: 'IEX'");
  for (const prefix of ['', 'x', 'xy']) {
    const encoded = Buffer.from(`${prefix}IEX (New-Object Net.WebClient)`, 'utf16le').toString('base64');
    assert.ok(fires(rule, { CommandLine: `powershell -enc ${encoded}` }), `prefix '${prefix}'`);
  }
  assert.ok(!fires(rule, { CommandLine: Buffer.from('IEX', 'utf8').toString('base64') }));
});

test('utf16be and utf16 encode as the appendix shows', () => {
  assert.ok(
    fires(one("Data|utf16be|base64: 'cmd'"), {
      Data: Buffer.from([0, 0x63, 0, 0x6d, 0, 0x64]).toString('base64'),
    }),
  );
  const bom = Buffer.from([0xff, 0xfe, 0x63, 0, 0x6d, 0, 0x64, 0]).toString('base64');
  assert.ok(fires(one("Data|utf16|base64: 'cmd'"), { Data: bom }));
});

test('windash accepts -, /, en dash, em dash and horizontal bar for a flag', () => {
  const rule = one("CommandLine|windash|contains: ' -decode '");
  for (const dash of ['-', '/', '\u2013', '\u2014', '\u2015']) {
    assert.ok(fires(rule, { CommandLine: `certutil ${dash}decode a b` }), dash);
  }
  assert.ok(!fires(rule, { CommandLine: 'certutil +decode a b' }));
});

test('exists tests presence, null matches a missing or null field, empty string matches only empty', () => {
  assert.ok(fires(one('Parent|exists: true'), { Parent: '' }));
  assert.ok(!fires(one('Parent|exists: true'), { Other: 'x' }));
  assert.ok(fires(one('Parent|exists: false'), { Other: 'x' }));
  assert.ok(fires(one('Parent: null'), { Other: 'x' }));
  assert.ok(fires(one('Parent: null'), { Parent: null }));
  assert.ok(!fires(one('Parent: null'), { Parent: 'x' }));
  assert.ok(fires(one("Parent: ''"), { Parent: '' }));
  assert.ok(!fires(one("Parent: ''"), { Parent: 'x' }));
});

test('gt, gte, lt and lte compare numbers; text that is not a number never matches', () => {
  assert.ok(fires(one('Size|gt: 100'), { Size: 101 }));
  assert.ok(!fires(one('Size|gt: 100'), { Size: '100' }));
  assert.ok(fires(one('Size|gte: 100'), { Size: '100' }));
  assert.ok(fires(one('Size|lt: 100'), { Size: 99.5 }));
  assert.ok(fires(one('Size|lte: 100'), { Size: 100 }));
  assert.ok(!fires(one('Size|lt: 100'), { Size: 'small' }));
  assert.ok(!fires(one('Size|lt: 100'), { Size: '' }));
});

test('fieldref compares with another field of the same event', () => {
  assert.ok(fires(one('Image|fieldref: ParentImage'), { Image: 'C:\\a.exe', ParentImage: 'c:\\A.exe' }));
  assert.ok(!fires(one('Image|fieldref: ParentImage'), { Image: 'C:\\a.exe', ParentImage: 'C:\\b.exe' }));
  assert.ok(
    fires(one('CommandLine|fieldref|contains: User'), { CommandLine: 'run as bob now', User: 'BOB' }),
  );
});

test('expand replaces placeholders with configured values, and a rule without them is reported and skipped', () => {
  const rule = ruleWith(one("Computer|expand: '%Servers%'"));
  const engine = compileRules([rule], { placeholders: { Servers: ['srv*', 'dc01'] } });
  const m = engine.matchBatch([{ Computer: 'SRV-12' }, { Computer: 'dc01' }, { Computer: 'ws1' }], {});
  assert.deepEqual(
    m.map((x) => x.eventIndex),
    [0, 1],
  );
  const bare = compileRules([rule]);
  assert.equal(bare.rules.length, 0);
  assert.ok(bare.errors[0] instanceof BulwarkError);
  assert.match(bare.errors[0].message, /%Servers%/);
});

test('keyword lists search every value of the event; |all makes them AND', () => {
  const events = [{ a: 'x', b: { c: 'has EVENT::CLEAR inside' } }, { a: 'event::drop' }, { a: 'quiet' }];
  assert.deepEqual(
    firesOn(
      "    keywords:\n        - 'event::clear'\n        - 'event::drop'\n    condition: keywords",
      events,
    ),
    [0, 1],
  );
  const all =
    "    keywords:\n        '|all':\n            - 'OabVirtualDirectory'\n            - ' -ExternalUrl '\n    condition: keywords";
  assert.deepEqual(
    firesOn(all, [{ m: 'Set-OabVirtualDirectory -ExternalUrl x' }, { m: 'Set-OabVirtualDirectory' }]),
    [0],
  );
});

test('a list value in the event matches when any element matches', () => {
  assert.ok(fires(one("Tags|endswith: '.ps1'"), { Tags: ['a.txt', 'b.PS1'] }));
  assert.ok(!fires(one("Tags|endswith: '.ps1'"), { Tags: ['a.txt'] }));
});

test('unknown, conflicting and misplaced modifiers are rejected at load', () => {
  assert.throws(() => ruleWith(one("Image|sortof: 'x'")), /unknown value modifier 'sortof'/);
  assert.throws(() => ruleWith(one("Image|re|cidr: 'x'")), /conflicts/);
  assert.throws(() => ruleWith(one("Image|contains|i: 'x'")), /only follows 're'/);
  assert.throws(() => ruleWith(one("Image|re: '(unclosed'")), /invalid regular expression/);
  assert.throws(() => ruleWith(one("Ip|cidr: '10.0.0.0/33'")), /invalid CIDR/);
  assert.throws(() => ruleWith(one("Image|base64: 'a*b'")), /wildcards/);
});
