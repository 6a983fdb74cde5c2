/** Where `bulwark scan` takes its indicators and shared Sigma rules from: a bundle file, the local store, or (scan-hub.ts) a hub. */
import { createReadStream, statSync } from 'node:fs';
import type { IndicatorInput, SharedRule } from '../../detect/index.ts';
import { BulwarkError } from '../../errors/index.ts';
import { communityIdsOf, readBundleElements, requireOrganisation } from '../../hub/index.ts';
import type { ReadScope } from '../../store/index.ts';
import { type StoreFlags, withStore } from '../store-options.ts';

export interface IndicatorSet {
  /** STIX-pattern indicators, for the matcher. */
  indicators: IndicatorInput[];
  names: string[];
  /** Sigma rules shared as indicators (`pattern_type: sigma`), for the Sigma engine. */
  sigma: SharedRule[];
  /** Indicators of pattern types scan does not run (snort, yara, …): their ids and types, to report. */
  unsupported: { id: string; type: string }[];
}

export function emptySet(): IndicatorSet {
  return { indicators: [], names: [], sigma: [], unsupported: [] };
}

/**
 * Adds an indicator (not revoked) to the set by its pattern type: STIX patterns to the matcher, Sigma
 * rules to the engine, any other type to the list reported as not supported. Other objects are left out.
 */
export function takeIndicator(set: IndicatorSet, o: Record<string, unknown>): void {
  if (o.type !== 'indicator' || o.revoked === true) return;
  if (typeof o.id !== 'string' || typeof o.pattern !== 'string') return;
  if (o.pattern_type === 'stix') {
    set.indicators.push({ id: o.id, pattern: o.pattern });
    set.names.push(typeof o.name === 'string' ? o.name : '');
  } else if (o.pattern_type === 'sigma') set.sigma.push({ id: o.id, text: o.pattern });
  else set.unsupported.push({ id: o.id, type: String(o.pattern_type) });
}

/** The indicators of a bundle, streamed, by pattern type; other objects are skipped. */
export async function bundleIndicators(file: string): Promise<IndicatorSet> {
  try {
    statSync(file);
  } catch (error) {
    throw new BulwarkError('SCAN_INPUT', `Cannot read ${file}: ${(error as Error).message}`, {
      hint: 'Give --indicators a STIX bundle file',
    });
  }
  const input = createReadStream(file, { highWaterMark: 1 << 20 });
  const set = emptySet();
  for await (const group of readBundleElements(input, file))
    for (const { text } of group) takeIndicator(set, JSON.parse(text) as Record<string, unknown>);
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
      const set = emptySet();
      const query = { scope, types: ['indicator'], versions: { kind: 'latest' } as const };
      for await (const v of store.stream(query))
        if (!v.revoked) takeIndicator(set, JSON.parse(v.json) as Record<string, unknown>);
      return set;
    },
    { readonly: true },
  );
}

/** Several sources in one set, each indicator id once (the first source's copy wins). */
export function mergeSets(sets: readonly IndicatorSet[]): IndicatorSet {
  const out = emptySet();
  const seen = new Set<string>();
  const first = (id: string): boolean => !seen.has(id) && seen.add(id) !== undefined;
  for (const set of sets) {
    set.indicators.forEach((indicator, i) => {
      if (!first(indicator.id)) return;
      out.indicators.push(indicator);
      out.names.push(set.names[i]!);
    });
    out.sigma.push(...set.sigma.filter((r) => first(r.id)));
    out.unsupported.push(...set.unsupported.filter((u) => first(u.id)));
  }
  return out;
}

/** One line for the indicators scan does not run, with the count per pattern type; undefined when none. */
export function unsupportedLine(set: IndicatorSet): string | undefined {
  if (set.unsupported.length === 0) return undefined;
  const byType = new Map<string, number>();
  for (const u of set.unsupported) byType.set(u.type, (byType.get(u.type) ?? 0) + 1);
  const types = [...byType].map(([type, n]) => `${type}: ${n}`).join(', ');
  return `${set.unsupported.length} indicators skipped: pattern type not supported by scan (${types})`;
}
