/**
 * Measures putBatch throughput (batch 1,000, indicator-sized JSON with 3 terms and 2 refs) and the time of
 * a 1,000-row `latest` page, for the store `--db URL` or `--data DIR` names:
 *   node src/store/scripts/measure.ts --data /tmp/x --count 200000
 *   node src/store/scripts/measure.ts --db postgres://postgres@127.0.0.1:5432/test --schema m1 --count 200000
 * Not a test: figures depend on the machine.
 */
import { parseArgs } from 'node:util';
import { openStore } from '../open-store.ts';
import type { NewVersion, ReadScope } from '../types.ts';

const { values } = parseArgs({
  options: {
    data: { type: 'string' },
    db: { type: 'string' },
    schema: { type: 'string' },
    count: { type: 'string', default: '100000' },
    batch: { type: 'string', default: '1000' },
  },
});

function indicator(n: number): NewVersion {
  const hex = n.toString(16).padStart(12, '0');
  const id = `indicator--6b8c1a2e-4f3d-4e5a-9b7c-${hex}`;
  const ip = `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
  const json = JSON.stringify({
    type: 'indicator',
    spec_version: '2.1',
    id,
    created: '2026-03-01T10:00:00.000Z',
    modified: '2026-03-01T10:00:00.000Z',
    name: `Lazarus C2 ${ip}`,
    description: 'Command-and-control server observed in TraderTraitor intrusions against exchanges.',
    indicator_types: ['malicious-activity'],
    pattern: `[ipv4-addr:value = '${ip}'] OR [domain-name:value = 'c2-${hex}.example']`,
    pattern_type: 'stix',
    valid_from: '2026-03-01T10:00:00Z',
    created_by_ref: 'identity--0b5a3e2c-1f4d-4c6b-8a9e-7d2f1c3b4a50',
    object_marking_refs: ['marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb'],
  });
  return {
    id,
    type: 'indicator',
    specVersion: '2.1',
    created: '2026-03-01T10:00:00.000Z',
    modified: '2026-03-01T10:00:00.000Z',
    revoked: false,
    json,
    terms: [
      { value: ip, kind: 'pattern' },
      { value: `c2-${hex}.example`, kind: 'pattern' },
      { value: `lazarus c2 ${ip}`, kind: 'name' },
    ],
    refs: [
      'identity--0b5a3e2c-1f4d-4c6b-8a9e-7d2f1c3b4a50',
      'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb',
    ],
    authorOrg: `org-${n % 7}`,
    tlp: n % 3 === 0 ? 'clear' : 'green',
    audience: { communities: ['community-1'], orgs: [], users: [] },
  };
}

const store = await openStore({ data: values.data, db: values.db, schema: values.schema });
const count = Number(values.count);
const batch = Number(values.batch);
const start = await store.count({ scope: { kind: 'all' }, versions: { kind: 'all' } });
let elapsed = 0;
// This process's CPU time too: on a shared, loaded machine wall time mostly measures the neighbours.
const cpu0 = process.cpuUsage();
for (let done = 0; done < count; done += batch) {
  const rows = Array.from({ length: Math.min(batch, count - done) }, (_, i) => indicator(start + done + i));
  const t0 = performance.now();
  await store.putBatch(rows);
  elapsed += performance.now() - t0;
}
const cpu = process.cpuUsage(cpu0);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
console.log(
  `${store.backend}: ${count} versions in ${(elapsed / 1000).toFixed(2)} s = ${Math.round(count / (elapsed / 1000))}/s` +
    ` (this process: ${cpuSeconds.toFixed(2)} CPU s = ${Math.round(count / cpuSeconds)}/CPU s)`,
);

async function pageTimes(label: string, scope: ReadScope): Promise<void> {
  const total = start + count;
  const times: number[] = [];
  for (let i = 0; i < 30; i++) {
    const afterSeq = Math.floor((total * i) / 31);
    const t0 = performance.now();
    const page = await store.query({ scope, afterSeq, limit: 1000 });
    times.push(performance.now() - t0);
    if (page.items.length === 0) throw new Error('empty page');
  }
  times.sort((a, b) => a - b);
  console.log(
    `${label}: 1,000-row latest page of ${total}: median ${times[15]!.toFixed(1)} ms, max ${times[29]!.toFixed(1)} ms`,
  );
}
await pageTimes('scope all', { kind: 'all' });
await pageTimes('scope member', { kind: 'member', orgId: 'org-9', communityIds: ['community-1'] });
await pageTimes('scope public', { kind: 'public' });
await store.close();
