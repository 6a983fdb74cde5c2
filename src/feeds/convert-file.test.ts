import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { after, test } from 'node:test';
import { convertFeedFile } from './convert-file.ts';
import { detectFeedFormat } from './detect-format.ts';
import { referenceSources } from './reference-sources.ts';
import { assertAllValid, collect, feedFormatError } from './test-support.ts';
import { FEED_FORMATS, type StixObject } from './types.ts';

const SOURCES = referenceSources();
const scratch = mkdtempSync(join(tmpdir(), 'bulwark-feeds-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

test('the shipped reference data lists every format, ATT&CK first, with the OFAC lists of 17 assets', () => {
  assert.deepEqual(new Set(SOURCES.map((s) => s.format)), new Set(FEED_FORMATS));
  assert.equal(SOURCES[0]!.format, 'attack-bundle');
  assert.equal(SOURCES.filter((s) => s.format === 'ofac-list').length, 17);
  for (const s of SOURCES) assert.ok(!Number.isNaN(Date.parse(s.asOf)), s.path);
});

test('every shipped file converts, every object validates, and a second run yields the same objects', async () => {
  const seen = new Map<string, string>();
  for (const source of SOURCES) {
    const first = await collect(convertFeedFile(source.path));
    const second = await collect(convertFeedFile(source.path));
    assert.ok(first.length > 0, source.path);
    assert.deepEqual(second, first, source.path);
    assertAllValid(first);
    for (const o of first) {
      const text = JSON.stringify(o);
      const known = seen.get(`${o.id}|${String(o.modified)}`);
      // One (id, modified) is one content everywhere, or the store would keep whichever came first.
      if (known !== undefined) assert.equal(text, known, o.id);
      seen.set(`${o.id}|${String(o.modified)}`, text);
    }
  }
});

test('no indicator of any shipped source matches a victim address of the heist list', async () => {
  const heists = SOURCES.find((s) => s.format === 'heist-addresses')!;
  const victims = readFileSync(heists.path, 'utf8')
    .split('\n')
    .filter((l) => l.split(',')[4]?.startsWith('VICTIM'))
    .map((l) => l.split(',')[1]!.toLowerCase());
  assert.ok(victims.length > 0);
  for (const source of SOURCES) {
    for await (const o of convertFeedFile(source.path)) {
      if (o.type === 'indicator')
        for (const v of victims) assert.ok(!String(o.pattern).includes(v), `${source.path}: ${v}`);
    }
  }
});

test('a copy of a shipped file takes the shipped date, whatever its modification time', async () => {
  const source = SOURCES.find((s) => basename(s.path) === 'sanctioned_addresses_LTC.txt')!;
  const copy = join(scratch, basename(source.path));
  copyFileSync(source.path, copy);
  utimesSync(copy, new Date('2030-01-01'), new Date('2030-01-01'));
  const ids = (objects: StixObject[]) => objects.map((o) => `${o.id}|${String(o.modified)}`);
  assert.deepEqual(
    ids(await collect(convertFeedFile(copy))),
    ids(await collect(convertFeedFile(source.path))),
  );
});

test('a newer list of the same format dates new objects by its modification time, or by asOf', async () => {
  const path = join(scratch, 'sanctioned_addresses_TRX.txt');
  writeFileSync(path, 'TYsQ9xKgbmmT3ZJqjXwmLSW5sPkJkR8N6t\n');
  utimesSync(path, new Date('2030-01-01T00:00:00Z'), new Date('2030-01-01T00:00:00Z'));
  const [, , indicator] = await collect(convertFeedFile(path));
  assert.equal(indicator!.created, '2030-01-01T00:00:00.000Z');
  const dated = await collect(convertFeedFile(path, { asOf: '2031-05-05T00:00:00.000Z' }));
  assert.equal(dated[2]!.created, '2031-05-05T00:00:00.000Z');
});

test('formats are recognised by content whatever the file is called', () => {
  for (const source of SOURCES.filter((s) => s.format !== 'ofac-list')) {
    const head = readFileSync(source.path, 'utf8').slice(0, 8192);
    assert.equal(detectFeedFormat('/tmp/renamed.dat', head), source.format, source.path);
  }
  assert.equal(detectFeedFormat('x/sanctioned_addresses_XBT.json', '["1abc"]'), 'ofac-list');
});

test('a file no converter fits is FEED_FORMAT with the formats in the hint', async () => {
  const path = join(scratch, 'notes.txt');
  writeFileSync(path, 'hello\n');
  const error = feedFormatError(() => detectFeedFormat(path, 'hello\n'));
  for (const format of FEED_FORMATS) assert.ok(error.hint?.includes(format), format);
  await assert.rejects(collect(convertFeedFile(path)), { code: 'BULWARK_E_FEED_FORMAT' });
});
