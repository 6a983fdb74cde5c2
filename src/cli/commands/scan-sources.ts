/** Where `bulwark scan` takes its indicators from: a bundle file, the local store, or (scan-hub.ts) a hub. */
import { createReadStream, statSync } from 'node:fs';
import type { IndicatorInput } from '../../detect/index.ts';
import { BulwarkError } from '../../errors/index.ts';
import { communityIdsOf, readBundleElements, requireOrganisation } from '../../hub/index.ts';
import type { ReadScope } from '../../store/index.ts';
import { type StoreFlags, withStore } from '../store-options.ts';

export interface IndicatorSet {
  indicators: IndicatorInput[];
  names: string[];
}

/** Adds a STIX-pattern indicator (not revoked) to the set; anything else is left out. */
function take(set: IndicatorSet, o: Record<string, unknown>): void {
  if (o.type !== 'indicator' || o.pattern_type !== 'stix' || o.revoked === true) return;
  if (typeof o.id !== 'string' || typeof o.pattern !== 'string') return;
  set.indicators.push({ id: o.id, pattern: o.pattern });
  set.names.push(typeof o.name === 'string' ? o.name : '');
}

/** The STIX-pattern indicators of a bundle, streamed; other objects and pattern types are skipped. */
export async function bundleIndicators(file: string): Promise<IndicatorSet> {
  try {
    statSync(file);
  } catch (error) {
    throw new BulwarkError('SCAN_INPUT', `Cannot read ${file}: ${(error as Error).message}`, {
      hint: 'Give --indicators a STIX bundle file',
    });
  }
  const input = createReadStream(file, { highWaterMark: 1 << 20 });
  const set: IndicatorSet = { indicators: [], names: [] };
  for await (const group of readBundleElements(input, file))
    for (const { text } of group) take(set, JSON.parse(text) as Record<string, unknown>);
  return set;
}

/** The latest version of every indicator in the local store (as `asOrg` may read them, when given). */
export async function storeIndicators(flags: StoreFlags, asOrg?: string): Promise<IndicatorSet> {
  return withStore(
    flags,
    async (store) => {
      let scope: ReadScope = { kind: 'all' };
      if (asOrg !== undefined) {
        const org = await requireOrganisation(store, asOrg);
        scope = { kind: 'member', orgId: org.id, communityIds: await communityIdsOf(store, org.id) };
      }
      const set: IndicatorSet = { indicators: [], names: [] };
      const query = { scope, types: ['indicator'], versions: { kind: 'latest' } as const };
      for await (const v of store.stream(query))
        if (!v.revoked) take(set, JSON.parse(v.json) as Record<string, unknown>);
      return set;
    },
    { readonly: true },
  );
}

/** Several sources in one set, each indicator id once (the first source's copy wins). */
export function mergeSets(sets: readonly IndicatorSet[]): IndicatorSet {
  const out: IndicatorSet = { indicators: [], names: [] };
  const seen = new Set<string>();
  for (const set of sets)
    set.indicators.forEach((indicator, i) => {
      if (seen.has(indicator.id)) return;
      seen.add(indicator.id);
      out.indicators.push(indicator);
      out.names.push(set.names[i]!);
    });
  return out;
}
