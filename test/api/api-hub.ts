/**
 * A hub for REST tests: a real SQLite store, three organisations (Bank and Exchange share a community,
 * Police has its own), keys of each role, and the HTTP server.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { addOrganisation, createCommunity, createKey } from '../../src/hub/index.ts';
import { createServer } from '../../src/server/index.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { tempDir } from '../support/temp-dir.ts';

export interface ApiHub {
  store: Store;
  app: FastifyInstance;
  keys: {
    bankAdmin: string;
    bankWriter: string;
    bankReader: string;
    exchangeWriter: string;
    policeReader: string;
  };
  orgs: { bank: string; exchange: string; police: string };
  communities: { banks: string; police: string };
  close: () => Promise<void>;
}

export async function openApiHub(): Promise<ApiHub> {
  const dir = tempDir('bulwark-api-');
  const store = await openStore({ data: dir.path });
  const bank = await addOrganisation(store, 'First Bank');
  const exchange = await addOrganisation(store, 'Coin Exchange');
  const police = await addOrganisation(store, 'National Police');
  const banks = await createCommunity(store, 'Banks and Exchanges ISAC', [bank.name, exchange.name]);
  const lawEnforcement = await createCommunity(store, 'Law Enforcement', [police.name]);
  const key = async (org: string, role: string) => (await createKey(store, { org, role })).key;
  const keys = {
    bankAdmin: await key(bank.name, 'admin'),
    bankWriter: await key(bank.name, 'contributor'),
    bankReader: await key(bank.name, 'reader'),
    exchangeWriter: await key(exchange.name, 'contributor'),
    policeReader: await key(police.name, 'reader'),
  };
  const app = createServer({ store });
  await app.ready();
  return {
    store,
    app,
    keys,
    orgs: { bank: bank.id, exchange: exchange.id, police: police.id },
    communities: { banks: banks.id, police: lawEnforcement.id },
    close: async () => {
      await app.close();
      await store.close();
      dir.remove();
    },
  };
}

export function call(
  hub: ApiHub,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  url: string,
  key?: string,
  body?: unknown,
): Promise<LightMyRequestResponse> {
  return hub.app.inject({
    method,
    url,
    headers: {
      ...(key ? { authorization: `Bearer ${key}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
  });
}
