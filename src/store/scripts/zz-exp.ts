import { mkdirSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { migrations } from '../shared/schema.ts';
import { sqliteBatchWriter } from '../sqlite/sqlite-put-batch.ts';

const variant = process.argv[2] ?? 'base';
const dir = `/tmp/zz-exp-${variant}`;
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir);
const db = new Database(`${dir}/hub.sqlite`);
db.pragma('journal_mode = WAL');
db.pragma(`synchronous = ${variant === 'normal' ? 'NORMAL' : 'FULL'}`);
db.pragma('cache_size = -65536');
for (const s of migrations('sqlite')[0]!.statements) {
  if (variant === 'noauthor' && s.includes('versions_author_seq')) continue;
  if (variant === 'nolatest' && s.includes('versions_latest_seq')) continue;
  if (variant === 'notype' && s.includes('versions_type_seq')) continue;
  db.exec(s);
}
const write = sqliteBatchWriter(db);
const rows = (start: number) =>
  Array.from({ length: 1000 }, (_, i) => {
    const n = start + i;
    const hex = n.toString(16).padStart(12, '0');
    const ip = `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
    return {
      id: `indicator--6b8c1a2e-4f3d-4e5a-9b7c-${hex}`,
      type: 'indicator',
      specVersion: '2.1',
      created: '2026-03-01T10:00:00.000Z',
      modified: '2026-03-01T10:00:00.000Z',
      revoked: false,
      json: 'x'.repeat(600),
      terms:
        variant === 'noterms'
          ? []
          : [
              { value: ip, kind: 'pattern' as const },
              { value: `c2-${hex}.example`, kind: 'pattern' as const },
              { value: `lazarus ${ip}`, kind: 'name' as const },
            ],
      refs: variant === 'noterms' ? [] : ['identity--0b5a3e2c', 'marking-definition--bab4a63c'],
      authorOrg: `org-${n % 7}`,
      tlp: 'green' as const,
      audience: { communities: ['c1'], orgs: [], users: [] },
    };
  });
let t = 0;
for (let b = 0; b < 30; b++) {
  const r = rows(b * 1000);
  const t0 = performance.now();
  write(r);
  t += performance.now() - t0;
}
console.log(variant, Math.round(30000 / (t / 1000)));
