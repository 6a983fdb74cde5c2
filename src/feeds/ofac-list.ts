import { basename } from 'node:path';
import { BulwarkError } from '../errors/index.ts';
import { chainForAsset, isKnownAsset, normaliseAddress } from './chains.ts';
import { jsonError } from './json-text.ts';
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

/**
 * OFAC SDN digital-currency address lists as 0xB10C's `sanctioned_addresses_<ASSET>.txt|json` publish
 * them: one address per line, or a JSON array of strings. No entity names (see ofac-entities.ts).
 */

const ADDRESS = /^[A-Za-z0-9]{20,128}$/;
const FILE_NAME = /^sanctioned_addresses_([A-Za-z0-9]+)\.(txt|json)$/i;

export interface ListedAddress {
  address: string;
  line: number;
}

/** The asset code in a list's file name, or undefined. */
export function assetFromFileName(path: string): string | undefined {
  return FILE_NAME.exec(basename(path))?.[1]?.toUpperCase();
}

/** Every address of a list, in order, with its 1-based line; anything else is FEED_FORMAT. */
export function* parseOfacList(text: string, source: string): Generator<ListedAddress> {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trimStart().startsWith('[')) {
    yield* parseJsonList(body, source);
    return;
  }
  const lines = body.split(/\r?\n/);
  for (let k = 0; k < lines.length; k++) {
    const address = lines[k]!.trim();
    if (address === '' || address.startsWith('#')) continue;
    checkAddress(address, source, k + 1);
    yield { address, line: k + 1 };
  }
}

function parseJsonList(text: string, source: string): ListedAddress[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw jsonError(error, text, source, 'The JSON form of a list is an array of address strings');
  }
  if (!Array.isArray(parsed)) {
    throw new BulwarkError('FEED_FORMAT', 'An OFAC list in JSON must be an array', { source, line: 1 });
  }
  let from = 0;
  return parsed.map((item, index) => {
    const at = typeof item === 'string' ? text.indexOf(JSON.stringify(item), from) : -1;
    if (at >= 0) from = at;
    const line = lineAt(text, from);
    if (typeof item !== 'string') {
      throw new BulwarkError('FEED_FORMAT', `Item ${index} of the OFAC list is not a string`, {
        source,
        line,
        path: `[${index}]`,
        hint: 'Each item is an address string',
      });
    }
    checkAddress(item.trim(), source, line);
    return { address: item.trim(), line };
  });
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let k = 0; k < offset; k++) if (text.charCodeAt(k) === 10) line++;
  return line;
}

function checkAddress(address: string, source: string, line: number): void {
  if (!ADDRESS.test(address)) {
    throw new BulwarkError('FEED_FORMAT', `Not an address: "${address.slice(0, 60)}"`, {
      source,
      line,
      hint: 'An OFAC list holds one address per line: 20 to 128 letters and digits',
    });
  }
}

export interface OfacListOptions extends ConvertOptions {
  /** Asset code (XBT, ETH, USDT…); taken from the file name when absent. */
  asset?: string;
  asOf: string;
}

/**
 * For each address: a wallet, an indicator (`malicious-activity`: transacting with a designated address
 * is the activity to stop; OFAC lists addresses it found used in sanctionable conduct) and the
 * relationship indicator `based-on` wallet. Addresses repeated in a list come out once.
 */
export function* convertOfacList(text: string, options: OfacListOptions): Generator<StixObject> {
  const source = options.source ?? 'OFAC list';
  const asset = options.asset?.toUpperCase() ?? assetFromFileName(source);
  if (!asset) {
    throw new BulwarkError('FEED_FORMAT', 'The asset of the OFAC list is unknown', {
      source,
      hint: 'Name the file sanctioned_addresses_<ASSET>.txt (e.g. _ETH) or pass the asset',
    });
  }
  if (!isKnownAsset(asset))
    options.report?.warnings.push(`asset ${asset} has no known chain: wallets carry none`);
  const feed = `ofac-list:${asset}`;
  const objects = reconcile(
    ofacObjects(text, source, asset, options.asOf),
    options.previous,
    feed,
    options.asOf,
    options.report,
  );
  for (const object of objects) {
    countInto(options.report?.counts, object);
    yield object;
  }
}

function* ofacObjects(text: string, source: string, asset: string, asOf: string): Generator<StixObject> {
  const v: Versioned = { author: OFAC_AUTHOR, at: asOf, feed: `ofac-list:${asset}` };
  yield OFAC_AUTHOR;
  const seen = new Set<string>();
  for (const { address } of parseOfacList(text, source)) {
    const value = normaliseAddress(address);
    if (seen.has(value)) continue;
    seen.add(value);
    const sco = wallet(value, chainForAsset(asset, value));
    const indicator = sdo('indicator', `ofac-sdn|${asset}|${value}`, v, {
      name: `OFAC SDN ${asset} address ${value}`,
      description:
        `Listed on the US Treasury OFAC Specially Designated Nationals list as "Digital Currency Address - ` +
        `${asset}". US persons may not deal with it; screen transfers to and from it.`,
      indicator_types: ['malicious-activity'],
      pattern: walletPattern(value),
      pattern_type: 'stix',
      pattern_version: '2.1',
      valid_from: asOf,
      external_references: [
        { source_name: 'OFAC SDN', url: 'https://sanctionssearch.ofac.treas.gov/' },
        { source_name: '0xB10C ofac-sanctioned-digital-currency-addresses', url: OFAC_LISTS_URL },
      ],
    });
    yield sco;
    yield indicator;
    yield relationship(v, indicator.id, 'based-on', sco.id);
  }
}

const OFAC_LISTS_URL = 'https://github.com/0xB10C/ofac-sanctioned-digital-currency-addresses/tree/lists';
