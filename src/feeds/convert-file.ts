import { existsSync, readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { BulwarkError } from '../errors/index.ts';
import { bundleObjects, convertAttackBundle } from './attack-bundle.ts';
import { detectFeedFormat } from './detect-format.ts';
import { convertTagpack } from './graphsense-tagpack.ts';
import { convertHeistAddresses } from './heist-addresses.ts';
import { convertMispGalaxy } from './misp-galaxy.ts';
import { convertOfacEntities } from './ofac-entities.ts';
import { convertOfacList } from './ofac-list.ts';
import { referenceSources, SHIPPED_REFERENCE_DIR } from './reference-sources.ts';
import type { ConvertOptions, FeedFormat, StixObject } from './types.ts';

export interface FileConvertOptions extends Omit<ConvertOptions, 'source'> {
  /** Skip detection. */
  format?: FeedFormat;
  /** ATT&CK intrusion-sets for the MISP merge; default: those of the shipped ATT&CK bundle. */
  attackGroups?: Iterable<StixObject>;
  /** Where shipped files are looked up (their dates, the ATT&CK bundle). */
  referenceDir?: string;
}

/**
 * The STIX objects of a reference file, whatever its format. A file identical to a shipped one takes
 * the shipped source's date, so a copy re-imports as duplicates; any other file takes `asOf`, else
 * its modification time (the lists carry no date of their own).
 */
export async function* convertFeedFile(
  path: string,
  options: FileConvertOptions = {},
): AsyncGenerator<StixObject> {
  const text = await readText(path);
  const format = options.format ?? detectFeedFormat(path, text.slice(0, 8192));
  const referenceDir = options.referenceDir ?? SHIPPED_REFERENCE_DIR;
  const asOf = options.asOf ?? shippedDate(path, text, referenceDir) ?? (await modifiedTime(path));
  const common = { ...options, source: path, asOf };
  switch (format) {
    case 'attack-bundle':
      yield* convertAttackBundle(text, common);
      return;
    case 'misp-galaxy':
      yield* convertMispGalaxy(text, {
        ...common,
        attackGroups: options.attackGroups ?? shippedGroups(referenceDir),
      });
      return;
    case 'ofac-list':
      yield* convertOfacList(text, common);
      return;
    case 'ofac-entities':
      yield* convertOfacEntities(text, common);
      return;
    case 'heist-addresses':
      yield* convertHeistAddresses(text, common);
      return;
    case 'graphsense-tagpack':
      yield* convertTagpack(text, common);
      return;
  }
}

async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new BulwarkError('FEED_FORMAT', `Cannot read ${path}`, {
      source: path,
      cause: error,
      hint: 'Check the path',
    });
  }
}

function shippedDate(path: string, text: string, referenceDir: string): string | undefined {
  for (const source of referenceSources(referenceDir)) {
    if (basename(source.path) !== basename(path)) continue;
    if (source.path === path || readFileSync(source.path, 'utf8') === text) return source.asOf;
  }
  return undefined;
}

async function modifiedTime(path: string): Promise<string> {
  const { mtimeMs } = await stat(path);
  return new Date(Math.floor(mtimeMs / 1000) * 1000).toISOString();
}

/** The intrusion-sets of the shipped ATT&CK bundle. */
export function shippedGroups(referenceDir: string = SHIPPED_REFERENCE_DIR): StixObject[] {
  const path = join(referenceDir, 'attack-dprk', 'bundle.json');
  if (!existsSync(path)) return [];
  return bundleObjects(readFileSync(path, 'utf8'), path).filter((o) => o.type === 'intrusion-set');
}
