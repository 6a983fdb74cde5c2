import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { tempDir } from '../../test/support/temp-dir.ts';
import { loadReferenceData } from '../hub/index.ts';
import { openStore, type Store } from '../store/index.ts';
import { buildScreeningIndex, RISKS, type Screener, type ScreenResult } from './index.ts';

const REFERENCE = join(import.meta.dirname, '..', '..', 'data', 'reference');

/** The shipped CSVs hold one record per line; quoted fields may contain commas. */
function csvRows(path: string): Record<string, string>[] {
  const split = (line: string): string[] =>
    line.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/).map((f) => f.replace(/^"(.*)"$/, '$1').replaceAll('""', '"'));
  const [header, ...rows] = readFileSync(path, 'utf8').split('\n').filter(Boolean).map(split);
  return rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? ''])));
}

const heistRows = csvRows(join(REFERENCE, 'dprk-heists', 'dprk_heist_addresses.csv'));
const isVictim = (row: Record<string, string>): boolean => /^VICTIM/i.test(row.role!);
const flagged = (result: ScreenResult): boolean => RISKS.indexOf(result.risk) >= RISKS.indexOf('medium');

describe('screening the shipped reference data', () => {
  const dir = tempDir('bulwark-screen-');
  let store: Store;
  let screener: Screener;
  before(async () => {
    store = await openStore({ data: dir.path });
    await loadReferenceData(store);
    screener = await buildScreeningIndex(store, { kind: 'operator' });
  });
  after(async () => {
    await store.close();
    dir.remove();
  });

  it('rates every OFAC ETH list address severe, with OFAC SDN as the source and the list objects', () => {
    const addresses = readFileSync(join(REFERENCE, 'ofac-0xB10C', 'sanctioned_addresses_ETH.txt'), 'utf8')
      .split('\n')
      .filter(Boolean);
    assert.ok(addresses.length > 100);
    for (const address of addresses) {
      const result = screener.screen(address);
      assert.equal(result.risk, 'severe', address);
      const reason = result.reasons.find((r) => r.feed === 'ofac-list:ETH');
      assert.ok(reason, address);
      assert.equal(reason.source, 'OFAC SDN');
      assert.equal(reason.category, 'sanctioned');
      assert.ok(reason.stix_ids.some((id) => id.startsWith('indicator--')));
      assert.ok(reason.stix_ids.some((id) => id.startsWith('cryptocurrency-wallet--')));
      assert.ok(reason.since);
    }
  });

  it('names the designated entity of an OFAC entity-list address (LAZARUS GROUP → Lazarus Group)', () => {
    const rows = csvRows(join(REFERENCE, 'ofac-ultrasoundmoney', 'data.csv'));
    const lazarus = rows.filter((r) => r.name === 'LAZARUS GROUP');
    assert.ok(lazarus.length > 0);
    for (const row of lazarus) {
      const result = screener.screen(row.address!);
      assert.equal(result.risk, 'severe');
      const reason = result.reasons.find((r) => r.feed === 'ofac-entities');
      assert.ok(reason);
      assert.ok(reason.entities.some((e) => e.type === 'intrusion-set' && e.name === 'Lazarus Group'));
    }
    const other = rows.find((r) => r.name !== 'LAZARUS GROUP')!;
    const named = screener.screen(other.address!).reasons.find((r) => r.feed === 'ofac-entities');
    assert.ok(named?.entities.some((e) => e.name === other.name));
  });

  it('rates every heist attacker address severe or high, naming the heist campaign and its group', () => {
    const attackers = heistRows.filter((r) => !isVictim(r));
    assert.ok(attackers.length > 100);
    for (const row of attackers) {
      const result = screener.screen(row.address!);
      assert.ok(result.risk === 'severe' || result.risk === 'high', `${row.address} is ${result.risk}`);
      const reason = result.reasons.find(
        (r) => r.feed === 'dprk-heists' && r.entities.some((e) => e.name === `${row.incident} heist`),
      );
      assert.ok(reason, row.address);
      assert.ok(
        reason.entities.some((e) => e.type === 'intrusion-set'),
        row.address,
      );
      assert.ok(reason.stix_ids.some((id) => id.startsWith('campaign--')));
    }
  });

  it('never flags a victim address, and says it is a known victim', () => {
    const victims = heistRows.filter(isVictim);
    assert.ok(victims.length > 0);
    for (const row of victims) {
      const result = screener.screen(row.address!);
      assert.ok(!flagged(result), `${row.address} is ${result.risk}`);
      assert.ok(result.reasons.some((r) => r.category === 'victim' && r.risk === 'none'));
    }
  });

  it('matches EVM and bech32 addresses in any case, and base58 only in its own case', () => {
    const evm = heistRows.find((r) => !isVictim(r) && r.chain === 'ETH')!.address!;
    const expected = screener.screen(evm);
    assert.deepEqual(screener.screen(evm.toUpperCase().replace('0X', '0x')), expected);
    assert.deepEqual(screener.screen(evm.toLowerCase()), expected);
    assert.deepEqual(screener.screen(` ${evm}\n`), expected);

    const base58 = heistRows.find((r) => !isVictim(r) && /^[13]/.test(r.address!))!.address!;
    assert.notEqual(screener.screen(base58).risk, 'none');
    const flipped = base58.replace(/[a-z]/, (c) => c.toUpperCase());
    assert.notEqual(flipped, base58);
    assert.deepEqual(screener.screen(flipped), { address: flipped, risk: 'none', reasons: [] });
  });

  it('names the exchange for an exchange wallet (GraphSense) at low risk, in any bech32 case', () => {
    const pack = parseYaml(
      readFileSync(join(REFERENCE, 'graphsense-tagpacks', 'exchange-wallets-bybit.yaml'), 'utf8'),
    ) as { tags: { address: string }[] };
    const bech32 = pack.tags.find((t) => t.address.startsWith('bc1'))!.address;
    const result = screener.screen(bech32.toUpperCase());
    assert.equal(result.risk, 'low');
    assert.equal(result.address, bech32);
    const reason = result.reasons.find((r) => r.category === 'exchange');
    assert.ok(reason?.entities.some((e) => e.type === 'infrastructure' && /bybit/i.test(e.name)));
  });

  it('rates a mixer wallet (Tornado Cash) high', () => {
    const pack = parseYaml(
      readFileSync(join(REFERENCE, 'graphsense-tagpacks', 'tornado_cash.yaml'), 'utf8'),
    ) as {
      tags: { address: string }[];
    };
    const result = screener.screen(pack.tags[0]!.address);
    assert.ok(RISKS.indexOf(result.risk) >= RISKS.indexOf('high'));
    assert.ok(result.reasons.some((r) => r.category === 'mixer'));
  });

  it('answers none with no reasons for an address nobody labelled', () => {
    const unknown = `0x${'12'.repeat(20)}`;
    assert.deepEqual(screener.screen(unknown), { address: unknown, risk: 'none', reasons: [] });
    assert.deepEqual(
      screener.screenMany([unknown, 'not an address']).map((r) => r.risk),
      ['none', 'none'],
    );
  });

  it('is current after refresh: nothing new, no rebuild', async () => {
    assert.equal(await screener.refresh(), false);
  });
});
