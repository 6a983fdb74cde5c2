/**
 * Which labelled addresses taint starts from: sanctioned and heist-labelled addresses the reader can
 * see (Ethereum and Bitcoin apart: each chain has its own state), unless a victim note the reader
 * can see overrides the heist label (a victim's own wallet is not a source of stolen value). What a
 * scope cannot see never becomes a source, so its effects stay invisible too.
 */
import type { ScreeningIndex } from '../index/screening-index.ts';
import type { Label } from '../labels/types.ts';

export interface FlaggedSources {
  /** Account-chain (0x…) sources. */
  sources: string[];
  /** Bitcoin sources (base58 or bech32, as the graph writes them). */
  utxo: string[];
  /** Account-chain addresses the reader sees labelled as mixers (taint crosses them by matching). */
  mixers: string[];
  /** The label that made each source flagged. */
  labels: Map<string, Label>;
}

const EVM = /^0x[0-9a-f]{40}$/;
const BITCOIN = /^(?:[13][1-9A-HJ-NP-Za-km-z]{25,34}|bc1[02-9ac-hj-np-z]{11,87})$/;

export function sourcesOfLabels(labels: Iterable<Label>): FlaggedSources {
  const byAddress = new Map<string, Label[]>();
  for (const l of labels) {
    const group = byAddress.get(l.address);
    if (group) group.push(l);
    else byAddress.set(l.address, [l]);
  }
  const found: FlaggedSources = { sources: [], utxo: [], mixers: [], labels: new Map() };
  for (const [address, group] of byAddress) {
    const evm = EVM.test(address);
    if (!evm && !BITCOIN.test(address)) continue;
    const victim = group.some((l) => l.category === 'victim');
    if (evm && group.some((l) => l.category === 'mixer')) found.mixers.push(address);
    const flagged =
      group.find((l) => l.category === 'sanctioned') ??
      (victim ? undefined : group.find((l) => l.category === 'heist'));
    if (!flagged) continue;
    (evm ? found.sources : found.utxo).push(address);
    found.labels.set(address, flagged);
  }
  found.sources.sort();
  found.utxo.sort();
  found.mixers.sort();
  return found;
}

export function sourcesOfIndex(index: ScreeningIndex): FlaggedSources {
  const labels: Label[] = [];
  for (let e = 0; e < index.size; e++) labels.push(...index.labelsOf(e));
  return sourcesOfLabels(labels);
}
