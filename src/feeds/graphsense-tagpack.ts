import { isMap, isSeq, LineCounter, parseDocument } from 'yaml';
import { BulwarkError } from '../errors/index.ts';
import { chainForAsset, normaliseAddress } from './chains.ts';
import { normaliseTerm } from './group-terms.ts';
import { countInto, referenceIdentity, relationship, sdo, type Versioned, wallet } from './objects.ts';
import { reconcile } from './reconcile.ts';
import type { ConvertOptions, StixObject } from './types.ts';

export const GRAPHSENSE_AUTHOR = referenceIdentity(
  'graphsense-tagpacks',
  'GraphSense TagPacks (via Bulwark reference data)',
  'Address labels of exchanges and mixers from the GraphSense TagPacks (MIT), converted to STIX by Bulwark.',
  'https://github.com/graphsense/graphsense-tagpacks',
);

/** Fields a tag inherits from its pack's header unless it sets them itself. */
interface Tag {
  address: string;
  label: string;
  category: string;
  currency: string;
  actor: string | undefined;
  confidence: string | undefined;
  source: string | undefined;
  line: number;
}

const ANONYMISING = new Set(['mixing_service', 'coinjoin']);
const ADDRESS = /^[^\s'"\\]{3,200}$/;

export interface TagpackOptions extends ConvertOptions {
  asOf: string;
}

/**
 * A GraphSense TagPack of service addresses (exchanges, mixers). Labels are not accusations: each
 * service (tag `actor`, else `label`) becomes an `infrastructure` of ours — `anonymization` for mixers
 * and CoinJoin, `unknown` for exchanges, whose category is in `labels` — that `consists-of` its
 * wallets. No indicators: screening reads the label to say where funds went, not that they are bad.
 */
export function* convertTagpack(text: string, options: TagpackOptions): Generator<StixObject> {
  const source = options.source ?? 'TagPack';
  const { title, tags } = parseTagpack(text, source);
  // Keyed by the pack's title, not its file name, so a renamed download is still the same pack.
  const feed = `graphsense:${normaliseTerm(title)}`;
  for (const object of reconcile(
    tagpackObjects(tags, options.asOf, feed),
    options.previous,
    feed,
    options.asOf,
    options.report,
  )) {
    countInto(options.report?.counts, object);
    yield object;
  }
}

function* tagpackObjects(tags: Tag[], asOf: string, feed: string): Generator<StixObject> {
  const v: Versioned = { author: GRAPHSENSE_AUTHOR, at: asOf, feed };
  yield GRAPHSENSE_AUTHOR;
  const services = new Map<string, StixObject>();
  const seen = new Set<string>();
  for (const tag of tags) {
    const key = `${tag.category}|${normaliseTerm(tag.actor ?? tag.label)}`;
    let service = services.get(key);
    if (!service) {
      service = sdo('infrastructure', `${feed}|${key}`, v, {
        name:
          tag.actor && normaliseTerm(tag.actor) !== normaliseTerm(tag.label)
            ? `${tag.label} (${tag.actor})`
            : tag.label,
        description: `${tag.category.replace(/_/g, ' ')} addresses labelled by GraphSense (confidence: ${tag.confidence ?? 'unstated'}).`,
        infrastructure_types: [ANONYMISING.has(tag.category) ? 'anonymization' : 'unknown'],
        labels: [tag.category],
        ...(tag.source
          ? { external_references: [{ source_name: 'GraphSense TagPack source', url: tag.source }] }
          : {}),
      });
      services.set(key, service);
      yield service;
    }
    const value = normaliseAddress(tag.address);
    if (seen.has(`${service.id}|${value}`)) continue;
    seen.add(`${service.id}|${value}`);
    const sco = wallet(value, chainForAsset(tag.currency, value));
    yield sco;
    yield relationship(v, service.id, 'consists-of', sco.id);
  }
}

/** The tags of a pack with the header's fields filled in; a wrong shape is FEED_FORMAT with the line. */
export function parseTagpack(text: string, source: string): { title: string; tags: Tag[] } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: false });
  const problem = doc.errors[0];
  if (problem) {
    throw new BulwarkError('FEED_FORMAT', `Malformed YAML: ${problem.message.split('\n')[0]}`, {
      source,
      line: problem.linePos?.[0].line ?? 1,
      hint: 'A TagPack is YAML: header fields, then a "tags" list of { address, currency, label }',
    });
  }
  const header = doc.toJS() as Record<string, unknown> | null;
  const seq = isMap(doc.contents) ? doc.contents.get('tags', true) : undefined;
  if (!header || typeof header !== 'object' || !isSeq(seq)) {
    throw new BulwarkError('FEED_FORMAT', 'Not a TagPack: no "tags" list', {
      source,
      hint: 'See graphsense-tagpacks/packs',
    });
  }
  const items = header.tags as unknown[];
  const title = typeof header.title === 'string' && header.title.trim() !== '' ? header.title : source;
  const tags = items.map((item, index) => {
    const node = seq.items[index] as { range?: [number, number, number] } | undefined;
    const line = node?.range ? lines.linePos(node.range[0]).line : 1;
    return readTag(item, header, { source, line, path: `tags[${index}]` });
  });
  return { title, tags };
}

function readTag(
  item: unknown,
  header: Record<string, unknown>,
  place: { source: string; line: number; path: string },
): Tag {
  const tag = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>;
  const field = (name: string): string | undefined => {
    const value = tag[name] ?? header[name];
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
  };
  const address = typeof tag.address === 'string' ? tag.address.trim() : '';
  const label = field('label');
  const category = field('category');
  const currency = field('currency');
  if (!ADDRESS.test(address) || !label || !category || !currency) {
    throw new BulwarkError('FEED_FORMAT', 'A tag needs an address, a label, a category and a currency', {
      ...place,
      hint: 'Set them on the tag or in the pack header',
    });
  }
  return {
    address,
    label,
    category,
    currency,
    actor: field('actor'),
    confidence: field('confidence'),
    source: field('source'),
    line: place.line,
  };
}
