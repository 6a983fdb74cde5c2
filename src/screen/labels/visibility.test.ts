import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sdo, type TestObject } from '../../../test/support/stix-fixtures.ts';
import { tempDir } from '../../../test/support/temp-dir.ts';
import { addOrganisation, type Caller, createCommunity, importElements } from '../../hub/index.ts';
import { deriveScoId } from '../../stix/index.ts';
import { type Audience, openStore, type Store, type TlpLevel } from '../../store/index.ts';
import { buildScreeningIndex, type Screener, ScreenerCache } from '../index.ts';

const T = '2026-01-01T00:00:00.000Z';
const HEIST = '0x1111111111111111111111111111111111111111';
const PRIVATE_FLAG = '0x2222222222222222222222222222222222222222';
const PRIVATE_HOT_WALLET = 'bc1qprivatehotwalletofexchangea0000000000';
const SHARED_FLAG = '1SharedFlaggedAddressAB';
const NOBODY: Audience = { communities: [], orgs: [], users: [] };

type Obj = TestObject;
const wallet = (value: string): Obj => {
  const base = { type: 'cryptocurrency-wallet', spec_version: '2.1', value };
  return { ...base, id: deriveScoId(base) };
};
const indicator = (value: string, name: string): Obj =>
  sdo('indicator', {
    name,
    pattern: `[cryptocurrency-wallet:value = '${value}']`,
    pattern_type: 'stix',
    valid_from: T,
    indicator_types: ['malicious-activity'],
  });
const rel = (source: Obj, type: string, target: Obj): Obj =>
  sdo('relationship', { relationship_type: type, source_ref: source.id, target_ref: target.id });

async function publish(store: Store, orgId: string, tlp: TlpLevel, audience: Audience, objects: Obj[]) {
  async function* one() {
    yield objects.map((value, index) => ({ value, place: { index, line: 0 } }));
  }
  const summary = await importElements(one(), { store, authorOrg: orgId, defaultTlp: tlp, audience });
  assert.equal(summary.rejected, 0);
}

describe('labels obey hub visibility', () => {
  const dir = tempDir('bulwark-screen-vis-');
  let store: Store;
  const screeners: Record<'a' | 'b' | 'operator', Screener> = {} as never;
  let victimNote: Obj;
  const callers: Record<'a' | 'b', Caller> = {} as never;
  let orgA = '';

  before(async () => {
    store = await openStore({ data: dir.path });
    const publisher = await addOrganisation(store, 'Publisher');
    const a = await addOrganisation(store, 'Exchange A');
    const b = await addOrganisation(store, 'Bank B');
    const both = await createCommunity(store, 'Both', ['Exchange A', 'Bank B']);

    const heistWallet = wallet(HEIST);
    const heistIndicator = indicator(HEIST, 'Test heist address');
    const campaign = sdo('campaign', { name: 'Test heist' });
    await publish(store, publisher.id, 'clear', NOBODY, [
      heistWallet,
      heistIndicator,
      campaign,
      rel(heistIndicator, 'based-on', heistWallet),
      rel(heistIndicator, 'indicates', campaign),
    ]);

    // Exchange A, privately (TLP:AMBER shared to nobody): its own flag, a victim note on the public
    // heist address, its hot wallet, and a secret attribution of the public indicator.
    const secretActor = sdo('threat-actor', {
      name: 'Secret Actor',
      threat_actor_types: ['crime-syndicate'],
    });
    const hot = wallet(PRIVATE_HOT_WALLET);
    const infrastructure = sdo('infrastructure', { name: 'Exchange A hot wallets', labels: ['exchange'] });
    victimNote = sdo('note', {
      content: 'our wallet, drained',
      labels: ['victim'],
      object_refs: [heistWallet.id],
    });
    await publish(store, a.id, 'amber', NOBODY, [
      indicator(PRIVATE_FLAG, 'A private flag'),
      victimNote,
      secretActor,
      rel(heistIndicator, 'indicates', secretActor),
      hot,
      infrastructure,
      rel(infrastructure, 'consists-of', hot),
    ]);
    // Exchange A shares one flag with the community of A and B.
    await publish(store, a.id, 'green', { communities: [both.id], orgs: [], users: [] }, [
      indicator(SHARED_FLAG, 'Shared flag'),
    ]);

    const member = (org: { id: string; name: string }): Caller => ({
      kind: 'member',
      orgId: org.id,
      orgName: org.name,
      userId: `key-${org.name}`,
      role: 'reader',
      communityIds: [both.id],
    });
    callers.a = member(a);
    callers.b = member(b);
    orgA = a.id;
    screeners.a = await buildScreeningIndex(store, callers.a);
    screeners.b = await buildScreeningIndex(store, callers.b);
    screeners.operator = await buildScreeningIndex(store, { kind: 'operator' });
  });
  after(async () => {
    await store.close();
    dir.remove();
  });

  it("never shows org B org A's private labels", () => {
    assert.deepEqual(screeners.b.screen(PRIVATE_FLAG).reasons, []);
    assert.deepEqual(screeners.b.screen(PRIVATE_HOT_WALLET).reasons, []);
    assert.equal(screeners.a.screen(PRIVATE_FLAG).risk, 'high');
    const hot = screeners.a.screen(PRIVATE_HOT_WALLET);
    assert.equal(hot.risk, 'low');
    assert.equal(hot.reasons[0]?.entities[0]?.name, 'Exchange A hot wallets');
    assert.equal(hot.reasons[0]?.author, 'Exchange A');
  });

  it("never shows org B the effects of A's private objects on public labels", () => {
    const seenByB = screeners.b.screen(HEIST);
    assert.equal(seenByB.risk, 'severe');
    assert.deepEqual(
      seenByB.reasons.map((r) => r.category),
      ['heist'],
    );
    assert.deepEqual(
      seenByB.reasons[0]?.entities.map((e) => e.name),
      ['Test heist'],
    );
    assert.ok(!JSON.stringify(seenByB).includes(victimNote.id));
  });

  it("applies A's own victim note and attribution for A", () => {
    const seenByA = screeners.a.screen(HEIST);
    assert.equal(seenByA.risk, 'none');
    const heist = seenByA.reasons.find((r) => r.category === 'heist');
    assert.equal(heist?.overridden_by, victimNote.id);
    assert.deepEqual(heist?.entities.map((e) => e.name).sort(), ['Secret Actor', 'Test heist']);
    assert.ok(seenByA.reasons.some((r) => r.category === 'victim'));
  });

  it('shows a community-shared label to every member and the operator everything', () => {
    assert.equal(screeners.a.screen(SHARED_FLAG).risk, 'high');
    assert.equal(screeners.b.screen(SHARED_FLAG).risk, 'high');
    assert.equal(screeners.operator.screen(PRIVATE_FLAG).risk, 'high');
    assert.equal(screeners.operator.screen(HEIST).risk, 'none');
  });

  it('keeps a screener per reader current: new private labels reach their author only', async () => {
    const cache = new ScreenerCache(store, { checkEveryMs: 0 });
    const forA = await cache.forCaller(callers.a);
    const forB = await cache.forCaller(callers.b);
    assert.equal(await cache.forCaller(callers.a), forA);
    assert.notEqual(forA, forB);
    const fresh = '0x4444444444444444444444444444444444444444';
    assert.equal(forA.screen(fresh).risk, 'none');
    await publish(store, orgA, 'amber', NOBODY, [indicator(fresh, 'A new private flag')]);
    await cache.forCaller(callers.a);
    await cache.forCaller(callers.b);
    await cache.idle();
    assert.equal(forA.screen(fresh).risk, 'high');
    assert.equal(forB.screen(fresh).risk, 'none');
  });

  it('a server cache sees new labels at every check and deleted ones at the next recount', async () => {
    let recounts = 0;
    const counting = new Proxy(store, {
      get(t, key) {
        if (key === 'count') {
          return (...a: Parameters<Store['count']>) => {
            recounts++;
            return t.count(...a);
          };
        }
        const value: unknown = Reflect.get(t, key, t);
        return typeof value === 'function' ? (value as () => unknown).bind(t) : value;
      },
    });
    const options = { checkEveryMs: 0, recountEveryMs: 60_000 };
    const cache = new ScreenerCache(counting, options);
    // one whole background check: none under way, start one (checkEveryMs 0), wait for it
    const check = async () => {
      await cache.idle();
      const screener = await cache.forCaller(callers.a);
      await cache.idle();
      return screener;
    };
    await check();
    const added = '0x7777777777777777777777777777777777777777';
    const flag = indicator(added, 'flag added, then deleted');
    await publish(store, orgA, 'amber', NOBODY, [flag]);
    assert.equal((await check()).screen(added).risk, 'high', 'a new label is seen by the seek alone');
    await cache.idle();
    assert.equal(recounts, 0, 'no recount before its interval');
    assert.equal(await store.members.deleteVersions(flag.id), 1);
    assert.equal((await check()).screen(added).risk, 'high', 'a deletion waits for the recount');
    options.recountEveryMs = 0;
    assert.equal((await check()).screen(added).risk, 'none', 'the recount drops it');
    assert.ok(recounts > 0);
  });

  it('drops the labels of deleted versions on refresh', async () => {
    const gone = '0x6666666666666666666666666666666666666666';
    const flag = indicator(gone, 'flag to delete');
    await publish(store, orgA, 'amber', NOBODY, [flag]);
    const screener = await buildScreeningIndex(store, callers.a);
    assert.equal(screener.screen(gone).risk, 'high');
    assert.equal(await store.members.deleteVersions(flag.id), 1);
    assert.equal(await screener.refresh(), true);
    assert.equal(screener.screen(gone).risk, 'none');
  });
});
