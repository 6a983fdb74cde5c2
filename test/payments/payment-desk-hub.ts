/**
 * A hub for payment-desk tests, listening on a loopback port: a SQLite or PostgreSQL store, the bank
 * (a maker who submits, two checkers, an admin) and another organisation, and a fetch helper.
 */
import type { TestContext } from 'node:test';
import { addOrganisation, createCommunity, createKey } from '../../src/hub/index.ts';
import { createServer } from '../../src/server/index.ts';
import type { Store } from '../../src/store/index.ts';
import { openStore } from '../../src/store/index.ts';
import { freshPostgresSchema, requirePostgres } from '../support/services.ts';
import { tempDir } from '../support/temp-dir.ts';

export interface DeskHub {
  store: Store;
  base: string;
  orgs: { bank: string; other: string };
  keys: { maker: string; checkerA: string; checkerB: string; admin: string; reader: string; other: string };
  /** Key ids (the public part) of the keys above. */
  ids: Record<string, string>;
}

export type Json = Record<string, unknown>;

export async function openDeskHub(
  t: TestContext,
  backend: 'sqlite' | 'postgres',
): Promise<DeskHub | undefined> {
  let options: { data?: string; db?: string; schema?: string };
  let remove: () => Promise<void>;
  if (backend === 'sqlite') {
    const dir = tempDir('bulwark-desk-');
    options = { data: dir.path };
    remove = async () => dir.remove();
  } else {
    const url = await requirePostgres(t);
    if (url === undefined) return undefined;
    const { schema, drop } = await freshPostgresSchema(url, 'bulwark_desk');
    options = { db: url, schema };
    remove = drop;
  }
  const store = await openStore(options);
  const bank = await addOrganisation(store, 'Bangladesh Bank');
  const other = await addOrganisation(store, 'Other Bank');
  await createCommunity(store, 'SWIFT ISAC', [bank.name, other.name]);
  const ids: Record<string, string> = {};
  const key = async (name: string, org: string, role: string) => {
    const created = await createKey(store, { org, role });
    ids[name] = created.record.id;
    return created.key;
  };
  const keys = {
    maker: await key('maker', bank.name, 'contributor'),
    checkerA: await key('checkerA', bank.name, 'contributor'),
    checkerB: await key('checkerB', bank.name, 'contributor'),
    admin: await key('admin', bank.name, 'admin'),
    reader: await key('reader', bank.name, 'reader'),
    other: await key('other', other.name, 'admin'),
  };
  const app = createServer({ store });
  await app.listen({ host: '127.0.0.1', port: 0 });
  // the server first: closing it saves the desk's history into the store
  t.after(async () => {
    await app.close();
    await store.close();
    await remove();
  });
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    store,
    base: `http://127.0.0.1:${port}/api/v1`,
    orgs: { bank: bank.id, other: other.id },
    keys,
    ids,
  };
}

export async function http(
  hub: DeskHub,
  method: string,
  path: string,
  key: string,
  body?: unknown,
  contentType = 'application/json',
): Promise<{ status: number; body: Json }> {
  const res = await fetch(`${hub.base}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${key}`,
      ...(body !== undefined ? { 'content-type': contentType } : {}),
    },
    ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: (await res.json()) as Json };
}
