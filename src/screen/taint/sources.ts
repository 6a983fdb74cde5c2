/**
 * Which labelled addresses taint starts from: sanctioned and heist-labelled Ethereum addresses the
 * reader can see, unless a victim note the reader can see overrides the heist label (a victim's own
 * wallet is not a source of stolen value). What a scope cannot see never becomes a source, so its
 * effects stay invisible too.
 */
import type { ScreeningIndex } from '../index/screening-index.ts';
import type { Label } from '../labels/types.ts';

export interface FlaggedSources {
  sources: string[];
  /** The label that made each source flagged. */
  labels: Map<string, Label>;
}

const EVM = /^0x[0-9a-f]{40}$/;

export function sourcesOfLabels(labels: Iterable<Label>): FlaggedSources {
  const byAddress = new Map<string, Label[]>();
  for (const l of labels) {
    const group = byAddress.get(l.address);
    if (group) group.push(l);
    else byAddress.set(l.address, [l]);
  }
  const found: FlaggedSources = { sources: [], labels: new Map() };
  for (const [address, group] of byAddress) {
    if (!EVM.test(address)) continue;
    const victim = group.some((l) => l.category === 'victim');
    const flagged =
      group.find((l) => l.category === 'sanctioned') ??
      (victim ? undefined : group.find((l) => l.category === 'heist'));
    if (!flagged) continue;
    found.sources.push(address);
    found.labels.set(address, flagged);
  }
  found.sources.sort();
  return found;
}

export function sourcesOfIndex(index: ScreeningIndex): FlaggedSources {
  const labels: Label[] = [];
  for (let e = 0; e < index.size; e++) labels.push(...index.labelsOf(e));
  return sourcesOfLabels(labels);
}
