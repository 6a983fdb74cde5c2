/**
 * A hub for TAXII tests: a real SQLite store, three organisations in two communities, keys of each
 * role, reference data, and the HTTP server with TAXII mounted.
 */
import Fastify, { type FastifyInstance, type LightMyRequestResponse } from 'fastify';
import { addOrganisation, createCommunity, createKey, REFERENCE_ORG_NAME } from '../../src/hub/index.ts';
import { createServer } from '../../src/server/index.ts';
import { tlpMarkingRef } from '../../src/stix/index.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { collectionId, registerTaxii, TAXII_MEDIA_TYPE } from '../../src/taxii/index.ts';
import { tempDir } from '../support/temp-dir.ts';

export interface TaxiiHub {
  store: Store;
  app: FastifyInstance;
  keys: { bankWriter: string; bankReader: string; exchangeWriter: string; policeWriter: string };
  orgs: { bank: string; exchange: string; police: string };
  collections: {
    banks: string;
    police: string;
    bankPrivate: string;
    exchangePrivate: string;
    reference: string;
  };
  close: () => Promise<void>;
}

/** Bank and Exchange share the community "Banks and Exchanges ISAC"; Police alone is in "Law Enforcement". */
export async function openTaxiiHub(
  options: { db?: string; schema?: string; publicCollection?: boolean } = {},
): Promise<TaxiiHub> {
  const dir = tempDir('bulwark-taxii-');
  const store = await openStore(
    options.db === undefined
      ? { data: dir.path }
      : { db: options.db, ...(options.schema ? { schema: options.schema } : {}) },
  );
  const bank = await addOrganisation(store, 'First Bank');
  const exchange = await addOrganisation(store, 'Coin Exchange');
  const police = await addOrganisation(store, 'National Police');
  const reference = await addOrganisation(store, REFERENCE_ORG_NAME);
  const banks = await createCommunity(store, 'Banks and Exchanges ISAC', [bank.name, exchange.name]);
  const lawEnforcement = await createCommunity(store, 'Law Enforcement', [police.name]);
  const key = async (org: string, role: string) => (await createKey(store, { org, role })).key;
  const keys = {
    bankWriter: await key(bank.name, 'contributor'),
    bankReader: await key(bank.name, 'reader'),
    exchangeWriter: await key(exchange.name, 'contributor'),
    policeWriter: await key(police.name, 'contributor'),
  };
  await store.putBatch([referenceVersion(reference.id)]);
  const app = options.publicCollection ? publicServer(store) : createServer({ store });
  await app.ready();
  return {
    store,
    app,
    keys,
    orgs: { bank: bank.id, exchange: exchange.id, police: police.id },
    collections: {
      banks: collectionId('community', banks.id),
      police: collectionId('community', lawEnforcement.id),
      bankPrivate: collectionId('private', bank.id),
      exchangePrivate: collectionId('private', exchange.id),
      reference: collectionId('reference'),
    },
    close: async () => {
      await app.close();
      await store.close();
      dir.remove();
    },
  };
}

/** The body limit of the public-collection server, small so a test can exceed it. */
export const SMALL_BODY_LIMIT = 64 * 1024;

/** TAXII alone, with the public collection the operator may enable and a small body limit. */
function publicServer(store: Store): FastifyInstance {
  const app = Fastify();
  registerTaxii(app, { store, publicCollection: true, maxContentLength: SMALL_BODY_LIMIT });
  return app;
}

const REFERENCE_ID = 'intrusion-set--c93fccb1-e8e8-42cf-ae33-2ad1d183913a';

function referenceVersion(orgId: string) {
  const object = {
    type: 'intrusion-set',
    spec_version: '2.1',
    id: REFERENCE_ID,
    created: '2017-05-31T21:32:05.217Z',
    modified: '2025-04-16T20:37:17.217Z',
    name: 'Lazarus Group',
    object_marking_refs: [tlpMarkingRef('clear')],
  };
  return {
    id: object.id,
    type: object.type,
    specVersion: '2.1',
    created: object.created,
    modified: object.modified,
    revoked: false,
    json: JSON.stringify(object),
    terms: [],
    refs: [],
    authorOrg: orgId,
    tlp: 'clear' as const,
    audience: { communities: [], orgs: [], users: [] },
  };
}

export { REFERENCE_ID };

export function bearer(key: string): Record<string, string> {
  return { authorization: `Bearer ${key}`, accept: TAXII_MEDIA_TYPE };
}

export function basic(key: string): Record<string, string> {
  return {
    authorization: `Basic ${Buffer.from(`taxii-client:${key}`).toString('base64')}`,
    accept: TAXII_MEDIA_TYPE,
  };
}

export async function get(hub: TaxiiHub, url: string, key: string): Promise<LightMyRequestResponse> {
  return hub.app.inject({ method: 'GET', url, headers: bearer(key) });
}

export async function post(
  hub: TaxiiHub,
  url: string,
  key: string,
  body: unknown,
): Promise<LightMyRequestResponse> {
  return hub.app.inject({
    method: 'POST',
    url,
    headers: { ...bearer(key), 'content-type': TAXII_MEDIA_TYPE },
    payload: JSON.stringify(body),
  });
}

export const objectsUrl = (collection: string) => `/taxii2/api/collections/${collection}/objects/`;

/** A valid indicator `n`, version `modified`, with no TLP marking unless `tlp` is given. */
export function indicatorObject(
  n: number,
  modified = '2026-01-02T03:04:05.678Z',
  tlp?: 'clear' | 'green' | 'red',
) {
  const hex = n.toString(16).padStart(12, '0');
  return {
    type: 'indicator',
    spec_version: '2.1',
    id: `indicator--0b6a7c1e-2f3d-4a5b-8c9d-${hex}`,
    created: '2026-01-02T03:04:05.678Z',
    modified,
    name: `Lazarus C2 ${n}`,
    indicator_types: ['malicious-activity'],
    pattern: `[ipv4-addr:value = '10.0.${(n >> 8) & 255}.${n & 255}']`,
    pattern_type: 'stix',
    valid_from: '2026-01-02T00:00:00Z',
    ...(tlp ? { object_marking_refs: [tlpMarkingRef(tlp)] } : {}),
  };
}
