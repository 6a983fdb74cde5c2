import { basename } from 'node:path';
import { BulwarkError } from '../errors/index.ts';
import { FEED_FORMATS, type FeedFormat } from './types.ts';

const BY_NAME: readonly [RegExp, FeedFormat][] = [
  [/^sanctioned_addresses_[A-Za-z0-9]+\.(txt|json)$/, 'ofac-list'],
  [/^(bundle|enterprise-attack.*|ics-attack.*|mobile-attack.*)\.json$/, 'attack-bundle'],
  [/^threat-actor.*\.json$/, 'misp-galaxy'],
  [/^data\.csv$/, 'ofac-entities'],
  [/heist.*\.csv$/, 'heist-addresses'],
  [/\.ya?ml$/, 'graphsense-tagpack'],
];

const HEIST_HEADER = 'chain,address,incident,incident_date,role,attribution_source,source_url';

/** The format a shipped file name shows, if any (licences, PROVENANCE.md and the like have none). */
export function detectFormatByName(name: string): FeedFormat | undefined {
  return BY_NAME.find(([pattern]) => pattern.test(name))?.[1];
}

/**
 * Which converter fits a file: by its content first (the head, a few kilobytes), then by its name.
 * None fits: FEED_FORMAT with the formats in the hint.
 */
export function detectFeedFormat(path: string, head: string): FeedFormat {
  const byContent = detectFormatByContent(head, basename(path));
  const format = byContent ?? detectFormatByName(basename(path));
  if (format) return format;
  throw new BulwarkError('FEED_FORMAT', 'No converter recognises this file', {
    source: path,
    hint:
      `Formats: ${FEED_FORMATS.join(', ')} (an OFAC list must be named sanctioned_addresses_<ASSET>.txt ` +
      'or .json; an ATT&CK release is a STIX 2.1 bundle; a MISP galaxy has "values")',
  });
}

function detectFormatByContent(head: string, name: string): FeedFormat | undefined {
  const text = head.replace(/^\uFEFF/, '').trimStart();
  const firstLine = text.split(/\r?\n/, 1)[0]!.trim().toLowerCase().replace(/\s+/g, '');
  if (firstLine === 'address,name') return 'ofac-entities';
  if (firstLine === HEIST_HEADER) return 'heist-addresses';
  if (text.startsWith('{')) {
    if (/"type"\s*:\s*"bundle"/.test(text)) return 'attack-bundle';
    if (/"values"\s*:/.test(text) || /"category"\s*:\s*"actor"/.test(text)) return 'misp-galaxy';
    return undefined;
  }
  if (/^tags:/m.test(text) && /^(title|creator|label|category):/m.test(text)) return 'graphsense-tagpack';
  const isList = /^sanctioned_addresses_[A-Za-z0-9]+\.(txt|json)$/.test(name);
  return isList ? 'ofac-list' : undefined;
}
