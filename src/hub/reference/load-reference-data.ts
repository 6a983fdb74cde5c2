import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename, relative } from 'node:path';
import {
  convertFeedFile,
  referenceSources,
  SHIPPED_REFERENCE_DIR,
  type StixObject,
} from '../../feeds/index.ts';
import type { Store } from '../../store/index.ts';
import {
  type ImportElement,
  type ImportSummary,
  importElements,
  type Rejection,
} from '../import/import-bundle.ts';
import { addOrganisation } from '../organisations/organisations.ts';

/** The organisation that authors the reference data the hub ships (sanctions lists, ATT&CK, MISP). */
export const REFERENCE_ORG_NAME = 'Bulwark Reference Data';

export interface ReferenceFileResult extends ImportSummary {
  file: string;
  /** True when the file was already loaded in this exact content and was skipped. */
  unchanged: boolean;
}

export interface ReferenceOptions {
  /** Files to load; default: every shipped reference file. */
  files?: readonly string[];
  /** Load even files whose content was loaded before. */
  force?: boolean;
  onRejected?: (file: string, rejection: Rejection) => void;
  onFile?: (file: string) => void;
}

/**
 * Loads reference files idempotently: a file whose content hash was loaded before is skipped, and the
 * converters give every object a deterministic id and `modified`, so a changed file adds only new
 * versions of what changed.
 */
export async function loadReferenceData(
  store: Store,
  options: ReferenceOptions = {},
): Promise<ReferenceFileResult[]> {
  const existing = await store.getOrganisation(REFERENCE_ORG_NAME);
  const org = existing ?? (await addOrganisation(store, REFERENCE_ORG_NAME));
  // Converters version changed objects and revoke removed ones against what is stored; read it once, and
  // only when there can be something stored (not on first start).
  let previous: StixObject[] | undefined = existing ? undefined : [];
  const files = options.files ?? referenceSources(SHIPPED_REFERENCE_DIR).map((source) => source.path);
  const results: ReferenceFileResult[] = [];
  for (const file of files) {
    options.onFile?.(file);
    const key = `reference:${settingName(file)}`;
    const hash = createHash('sha256').update(readFileSync(file)).digest('hex');
    if (!options.force && (await store.getSetting(key)) === hash) {
      results.push({ file, unchanged: true, read: 0, added: 0, duplicates: 0, rejected: 0, batches: 0 });
      continue;
    }
    previous ??= await latestOf(store, org.id);
    const summary = await importElements(elementsOf(file, previous), {
      store,
      authorOrg: org.id,
      defaultTlp: 'clear',
      audience: { communities: [], orgs: [], users: [] },
      source: file,
      onRejected: (r) => options.onRejected?.(file, r),
    });
    await store.putSetting(key, hash);
    results.push({ file, unchanged: false, ...summary });
  }
  return results;
}

function settingName(file: string): string {
  const inside = relative(SHIPPED_REFERENCE_DIR, file);
  return inside.startsWith('..') ? basename(file) : inside;
}

/** Latest versions of everything the reference organisation wrote (a few thousand objects). */
async function latestOf(store: Store, orgId: string): Promise<StixObject[]> {
  const objects: StixObject[] = [];
  for await (const version of store.stream({ scope: { kind: 'all' }, authorOrg: orgId })) {
    objects.push(JSON.parse(version.json) as StixObject);
  }
  return objects;
}

async function* elementsOf(file: string, previous: readonly StixObject[]): AsyncGenerator<ImportElement[]> {
  let group: ImportElement[] = [];
  let index = 0;
  for await (const value of convertFeedFile(file, { previous })) {
    group.push({ value, place: { index, line: 0 } });
    index++;
    if (group.length === 500) {
      yield group;
      group = [];
    }
  }
  if (group.length) yield group;
}
