import type { NewVersion, PutOutcome, Store } from '../../store/index.ts';

/**
 * Of the versions the store reported as duplicates, those whose stored text differs from what was
 * sent: the same (id, modified) with other content, which STIX forbids — a changed object needs a
 * newer `modified`. Costs one query per batch, and only for batches that had duplicates.
 */
export async function conflictingDuplicates(
  store: Store,
  batch: readonly NewVersion[],
  outcomes: readonly PutOutcome[],
): Promise<number[]> {
  const duplicates: number[] = [];
  for (let i = 0; i < outcomes.length; i++) if (outcomes[i]!.status === 'duplicate') duplicates.push(i);
  if (duplicates.length === 0) return [];
  const ids = [...new Set(duplicates.map((i) => batch[i]!.id))];
  const stored = new Map<string, string>();
  for await (const version of store.stream({ scope: { kind: 'all' }, ids, versions: { kind: 'all' } })) {
    stored.set(`${version.id}|${version.modified ?? ''}`, version.json);
  }
  return duplicates.filter((i) => {
    const sent = batch[i]!;
    return stored.get(`${sent.id}|${sent.modified ?? ''}`) !== sent.json;
  });
}
