import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AuditLog, audit, auditEntry } from './audit.ts';
import { formatKey, newKeyParts } from './key-format.ts';
import { testStore } from './test-store.ts';

test('anything shaped like a key is cut to its id in target, source and detail', () => {
  const { id, secret } = newKeyParts();
  const key = formatKey(id, secret);
  const entry = auditEntry({
    orgId: null,
    keyId: null,
    action: 'key.create',
    outcome: 'ok',
    target: key,
    source: `header ${key}`,
    detail: { nested: [{ key }], note: `printed ${key}` },
  });
  const text = JSON.stringify(entry);
  assert.ok(!text.includes(secret));
  assert.ok(text.includes(`bwk_${id}_`), 'the public id stays, so the entry still says which key');
  assert.equal(entry.detail?.note, `printed bwk_${id}_…`);
});

test('audit writes one entry with its time; AuditLog writes batches and everything on close', async (t) => {
  const store = await testStore(t);
  await audit(store, {
    orgId: 'identity--a',
    keyId: 'k',
    action: 'object.write',
    outcome: 'ok',
    target: 'x',
  });
  const log = new AuditLog(store, { maxBatch: 3, flushMs: 60_000 });
  for (let i = 0; i < 7; i++) {
    log.write({ orgId: null, keyId: null, action: 'object.read.denied', outcome: 'denied', target: `t${i}` });
  }
  await log.close();
  const entries = await store.members.queryAudit({});
  assert.deepEqual(
    entries.map((e) => e.target),
    ['x', 't0', 't1', 't2', 't3', 't4', 't5', 't6'],
  );
  assert.ok(entries.every((e) => !Number.isNaN(Date.parse(e.at))));
});
