import { BulwarkError } from '../errors/index.ts';
import { parseJsonText } from './json-text.ts';

/** The part of a MISP galaxy cluster entry the converter reads. */
export interface MispEntry {
  uuid: string;
  value: string;
  description: string | undefined;
  synonyms: string[];
  refs: string[];
  related: { destUuid: string; type: string; tags: string[] }[];
}

/** The entries of a MISP galaxy cluster file (`{ "values": [...] }`); a wrong shape is FEED_FORMAT. */
export function parseMispGalaxy(text: string, source: string): MispEntry[] {
  const root = parseJsonText(text, source, 'A MISP galaxy cluster is a JSON object with a "values" array');
  if (typeof root !== 'object' || root === null || !Array.isArray((root as { values?: unknown }).values)) {
    throw new BulwarkError('FEED_FORMAT', 'Not a MISP galaxy cluster: no "values" array', {
      source,
      path: 'values',
      hint: 'Use a cluster file such as clusters/threat-actor.json of MISP/misp-galaxy',
    });
  }
  return (root as { values: unknown[] }).values.map((item, index) =>
    readEntry(item, `values[${index}]`, source),
  );
}

function readEntry(item: unknown, path: string, source: string): MispEntry {
  const entry = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>;
  if (typeof entry.uuid !== 'string' || typeof entry.value !== 'string' || entry.value.trim() === '') {
    throw new BulwarkError('FEED_FORMAT', 'A MISP galaxy entry needs a "uuid" and a "value"', {
      source,
      path,
      hint: 'Each item of "values" is { "uuid": "...", "value": "name", "meta": {...} }',
    });
  }
  const meta = (typeof entry.meta === 'object' && entry.meta !== null ? entry.meta : {}) as Record<
    string,
    unknown
  >;
  return {
    uuid: entry.uuid.toLowerCase(),
    value: entry.value.trim(),
    description:
      typeof entry.description === 'string' && entry.description !== '' ? entry.description : undefined,
    synonyms: strings(meta.synonyms, `${path}.meta.synonyms`, source),
    refs: strings(meta.refs, `${path}.meta.refs`, source),
    related: (Array.isArray(entry.related) ? entry.related : []).flatMap((r) => {
      const rel = (typeof r === 'object' && r !== null ? r : {}) as Record<string, unknown>;
      if (typeof rel['dest-uuid'] !== 'string' || typeof rel.type !== 'string') return [];
      return [
        { destUuid: rel['dest-uuid'].toLowerCase(), type: rel.type, tags: strings(rel.tags, path, source) },
      ];
    }),
  };
}

function strings(value: unknown, path: string, source: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
    throw new BulwarkError('FEED_FORMAT', `${path} must be an array of strings`, { source, path });
  }
  return (value as string[]).map((v) => v.trim()).filter((v) => v !== '');
}
