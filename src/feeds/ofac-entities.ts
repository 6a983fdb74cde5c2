import { BulwarkError } from '../errors/index.ts';
import { isEvmAddress, normaliseAddress } from './chains.ts';
import { csvRows } from './csv.ts';
import { SDN_GROUPS } from './dprk-groups.ts';
import { normaliseTerm } from './group-terms.ts';
import {
  countInto,
  OFAC_AUTHOR,
  relationship,
  sdo,
  type Versioned,
  wallet,
  walletPattern,
} from './objects.ts';
import { reconcile } from './reconcile.ts';
import type { ConvertOptions, StixObject } from './types.ts';

const HEADER = ['address', 'name'] as const;
const FEED = 'ofac-entities';

export interface OfacEntitiesOptions extends ConvertOptions {
  asOf: string;
}

/**
 * OFAC SDN Ethereum addresses with the designated entity (ultrasoundmoney's `data.csv`). Per row: the
 * wallet, an indicator (`malicious-activity` and `attribution`: it names who the address belongs to),
 * `based-on` the wallet and `indicates` the entity. An entity that is a known group (LAZARUS GROUP)
 * is that group's ATT&CK intrusion-set, not a second object for the same actor; any other entity is a
 * `threat-actor` of ours (type `unknown`: the list says who is designated, not why).
 */
export function* convertOfacEntities(text: string, options: OfacEntitiesOptions): Generator<StixObject> {
  const fresh = entityObjects(text, options.source ?? 'OFAC entity list', options.asOf);
  for (const object of reconcile(fresh, options.previous, FEED, options.asOf, options.report)) {
    countInto(options.report?.counts, object);
    yield object;
  }
}

function* entityObjects(text: string, source: string, asOf: string): Generator<StixObject> {
  const v: Versioned = { author: OFAC_AUTHOR, at: asOf, feed: FEED };
  yield OFAC_AUTHOR;
  const entities = new Set<string>();
  const seen = new Set<string>();
  for (const { line, row } of csvRows(text, source, HEADER)) {
    const address = row.address!;
    const name = row.name!;
    if (!isEvmAddress(address) || name === '') {
      throw new BulwarkError('FEED_FORMAT', `Row needs an Ethereum address and a name: "${address}"`, {
        source,
        line,
        hint: 'Each row is 0x followed by 40 hex digits, then the SDN entity name',
      });
    }
    const value = normaliseAddress(address);
    if (seen.has(value)) continue;
    seen.add(value);
    const entity =
      SDN_GROUPS[normaliseTerm(name)] ?? sdo('threat-actor', `ofac-sdn-entity|${name}`, v, {}).id;
    if (!entities.has(entity) && !entity.startsWith('intrusion-set--')) {
      entities.add(entity);
      yield sdnEntity(name, v);
    }
    const sco = wallet(value, 'ethereum');
    const indicator = sdo('indicator', `ofac-sdn-entity|${value}`, v, {
      name: `OFAC SDN: ${name} (ETH address ${value})`,
      description: `Ethereum address listed on the US Treasury OFAC SDN list for ${name}.`,
      indicator_types: ['malicious-activity', 'attribution'],
      pattern: walletPattern(value),
      pattern_type: 'stix',
      pattern_version: '2.1',
      valid_from: asOf,
      external_references: [
        { source_name: 'OFAC SDN', url: 'https://sanctionssearch.ofac.treas.gov/' },
        { source_name: 'ultrasoundmoney ofac-ethereum-addresses', url: LIST_URL },
      ],
    });
    yield sco;
    yield indicator;
    yield relationship(v, indicator.id, 'based-on', sco.id);
    yield relationship(v, indicator.id, 'indicates', entity, `OFAC SDN designation: ${name}`);
  }
}

function sdnEntity(name: string, v: Versioned): StixObject {
  return sdo('threat-actor', `ofac-sdn-entity|${name}`, v, {
    name,
    description: `Designated on the US Treasury OFAC Specially Designated Nationals list as "${name}".`,
    threat_actor_types: ['unknown'],
    external_references: [{ source_name: 'OFAC SDN', url: 'https://sanctionssearch.ofac.treas.gov/' }],
  });
}

const LIST_URL = 'https://github.com/ultrasoundmoney/ofac-ethereum-addresses';
