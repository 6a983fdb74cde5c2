import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { tempDir } from '../../../test/support/temp-dir.ts';
import { addOrganisation, type Caller } from '../../hub/index.ts';
import { openStore } from '../../store/index.ts';
import { buildScreeningIndex } from '../screener.ts';
import type { IndirectReason } from './taint-exposure.ts';
import { TaintRegistry } from './taint-registry.ts';
import { addr, appendSteps, type Move, writerAt } from './test-chain.ts';
import { publishHeist } from './test-labels.ts';

const member = (orgId: string): Caller => ({
  kind: 'member',
  orgId,
  orgName: orgId,
  userId: `key-${orgId}`,
  role: 'reader',
  communityIds: [],
});

const STEPS: Move[][] = [
  [{ from: 'm', to: 'a', value: 1000n }],
  [{ from: 'm', to: 'c', value: 1000n }],
  [{ from: 'm', to: 'b', value: 5000n }],
  [{ from: 'a', to: 'c', value: 500n }],
  [{ from: 'c', to: 'd', value: 300n }],
  [{ from: 'b', to: 'd', value: 1000n }],
];

describe('taint exposure in the screener', () => {
  it('reports the tainted share, path and risk of what each scope can see, current after new blocks and a restart', async (t) => {
    const dir = tempDir('bulwark-taint-reg-');
    const store = await openStore({ data: dir.path });
    const graphDir = join(dir.path, 'chain');
    const writer = writerAt(graphDir);
    t.after(async () => {
      writer.close();
      await store.close();
      dir.remove();
    });
    const publisher = await addOrganisation(store, 'Publisher');
    const insider = await addOrganisation(store, 'Insider');
    await publishHeist(store, publisher.id, addr('a'), 'Public heist');
    await publishHeist(store, insider.id, addr('b'), 'Private heist', 'amber');
    appendSteps(writer, STEPS, 0, 5);

    const registry = new TaintRegistry({ graphDir, hops: 3 });
    const options = {
      exposureFor: (index: Parameters<TaintRegistry['exposureFor']>[0]) => registry.exposureFor(index),
    };
    const pub = await buildScreeningIndex(store, member(publisher.id), options);
    const ins = await buildScreeningIndex(store, member(insider.id), options);
    const indirect = (r: { reasons: readonly { kind: string }[] }) =>
      r.reasons.find((x) => x.kind === 'indirect') as IndirectReason | undefined;

    const c = indirect(pub.screen(addr('c')));
    assert.ok(c);
    assert.equal(c.tainted, '500');
    assert.equal(c.received, '1500');
    assert.equal(c.risk, 'high');
    assert.deepEqual(c.paths[0]?.path, [addr('a'), addr('c')]);
    assert.equal(c.category, 'heist');
    const d = indirect(pub.screen(addr('d')));
    assert.equal(d?.tainted, '100');
    assert.deepEqual(d?.paths[0]?.path, [addr('a'), addr('c'), addr('d')]);
    assert.equal(indirect(pub.screen(addr('m'))), undefined, 'the faucet received nothing tainted');

    appendSteps(writer, STEPS, 5, 6);
    registry.refresh();
    const dPub = indirect(pub.screen(addr('d')));
    assert.equal(dPub?.received, '1300');
    assert.equal(dPub?.tainted, '100', "the insider's private heist taints nothing for the publisher");
    assert.equal(dPub?.risk, 'medium');
    const dIns = indirect(ins.screen(addr('d')));
    assert.equal(dIns?.tainted, '1100');
    assert.equal(dIns?.risk, 'high');

    const files = readdirSync(join(graphDir, 'taint'));
    assert.equal(files.filter((f) => f.endsWith('.state')).length, 2, 'one state per source set, saved');
    registry.close();
    const restarted = new TaintRegistry({ graphDir, hops: 3 });
    const again = await buildScreeningIndex(store, member(insider.id), {
      exposureFor: (index) => restarted.exposureFor(index),
    });
    assert.equal(indirect(again.screen(addr('d')))?.tainted, '1100');
    assert.ok(existsSync(join(graphDir, 'taint')));
    restarted.close();
  });
});
