/**
 * The screening index: labels grouped by address behind an `AddressTable`. The entry's risk is
 * decided once at build time (a Uint8Array), so the hot path is one table lookup and one byte read;
 * reasons are only materialised for the addresses that have some.
 */
import { normaliseValue } from '../../stix/index.ts';
import type { Label, LabelSet } from '../labels/types.ts';
import { RISKS, type Risk, type ScreenReason, type ScreenResult } from '../types.ts';
import { AddressTable } from './address-table.ts';
import { findNewlines } from './newlines.ts';
import { overriddenByVictim, riskOfLabel } from './risk.ts';

export class ScreeningIndex {
  /** The label version (store seq) the index was built at. */
  readonly version: number;
  /** Label source objects visible at build time (see `LabelSet.objectCount`). */
  readonly objectCount: number;
  private readonly table: AddressTable;
  private readonly keys: string[];
  private readonly labels: Label[];
  /** Labels of entry e are labels[labelStart[e] .. labelStart[e + 1]). */
  private readonly labelStart: Uint32Array;
  /** Index in RISKS of each label's own contribution (after victim overrides). */
  private readonly labelRisk: Uint8Array;
  private readonly overriddenBy: (string | undefined)[];
  private readonly entryRisk: Uint8Array;
  /**
   * Each entry's direct reasons, made on its first screen and then shared (frozen): a hot address
   * screened again costs one array copy, not a reason object per label with its copies and a sort.
   */
  private readonly reasonMemo: (readonly ScreenReason[] | undefined)[];
  /** Scratch for `lookupLines`, kept between calls so bulk screening allocates nothing per chunk. */
  private newlines: Uint32Array = new Uint32Array(1024);

  constructor(set: LabelSet) {
    this.version = set.version;
    this.objectCount = set.objectCount;
    const groups = new Map<string, Label[]>();
    for (const label of set.labels) {
      const group = groups.get(label.address);
      if (group) group.push(label);
      else groups.set(label.address, [label]);
    }
    this.keys = [...groups.keys()];
    this.table = new AddressTable(this.keys);
    this.labels = [];
    this.labelStart = new Uint32Array(this.keys.length + 1);
    this.entryRisk = new Uint8Array(this.keys.length);
    this.reasonMemo = new Array(this.keys.length);
    const risks: number[] = [];
    this.overriddenBy = [];
    for (let e = 0; e < this.keys.length; e++) {
      this.labelStart[e] = this.labels.length;
      const group = groups.get(this.keys[e]!)!;
      const victim = group.find((l) => l.category === 'victim');
      for (const label of group) {
        const overridden = victim !== undefined && overriddenByVictim(label);
        const risk = overridden ? 0 : RISKS.indexOf(riskOfLabel(label));
        this.labels.push(label);
        risks.push(risk);
        this.overriddenBy.push(overridden ? victim.stixIds[0] : undefined);
        if (risk > this.entryRisk[e]!) this.entryRisk[e] = risk;
      }
    }
    this.labelStart[this.keys.length] = this.labels.length;
    this.labelRisk = Uint8Array.from(risks);
  }

  /** Labelled addresses. */
  get size(): number {
    return this.keys.length;
  }

  /** Entry number of an address (any spelling the STIX core normalises to a labelled one), or -1. */
  lookup(address: string): number {
    return this.table.lookup(address);
  }

  /**
   * `lookup` of each of `addresses[from, to)` into `out[from, to)`: the same entries, faster for a
   * batch, as the look-ups' memory waits overlap. Allocation-free; `out` must hold index `to - 1`.
   */
  lookupMany(addresses: readonly string[], out: Int32Array, from = 0, to = addresses.length): void {
    this.table.lookupMany(addresses, out, from, to);
  }

  /** `lookup` of an address given as UTF-8 bytes `[start, end)`, without decoding it. */
  lookupBytes(bytes: Uint8Array, start: number, end: number): number {
    return this.table.lookupBytes(bytes, start, end);
  }

  /**
   * Bulk screening of newline-separated addresses (a file, a request body, a socket chunk): the
   * entry of line i goes to `entries[i]` and, when given, the line's start to `starts[i]`. A line's
   * trailing CR is ignored; blank lines are skipped. Returns the number of lines screened; the
   * arrays must hold one slot per line (a chunk of n bytes has at most n / 2 + 1 lines).
   */
  lookupLines(
    bytes: Uint8Array,
    start: number,
    end: number,
    entries: Int32Array,
    starts?: Uint32Array,
  ): number {
    const found = findNewlines(bytes, start, end, this.newlines);
    this.newlines = found.out;
    const ends = found.out;
    const table = this.table;
    let count = 0;
    let lineStart = start;
    for (let k = 0; k <= found.count; k++) {
      const stop = k < found.count ? ends[k]! : end;
      let lineEnd = stop;
      if (lineEnd > lineStart && bytes[lineEnd - 1] === 13) lineEnd--;
      if (lineEnd > lineStart) {
        entries[count] = table.lookupBytes(bytes, lineStart, lineEnd);
        if (starts) starts[count] = lineStart;
        count++;
      }
      lineStart = stop + 1;
    }
    return count;
  }

  /** Risk rank (index in RISKS) of a looked-up entry; 0 for -1. Allocation-free. */
  riskRankOf(entry: number): number {
    return entry < 0 ? 0 : this.entryRisk[entry]!;
  }

  /** The direct screening answer from labels alone. */
  screen(address: string): ScreenResult {
    const entry = this.table.lookup(address);
    if (entry < 0) {
      return { address: normaliseValue('cryptocurrency-wallet', address), risk: 'none', reasons: [] };
    }
    return {
      address: this.keys[entry]!,
      risk: RISKS[this.entryRisk[entry]!]!,
      reasons: this.reasonsOf(entry),
    };
  }

  /** The normalised address of an entry. */
  keyOf(entry: number): string {
    return this.keys[entry]!;
  }

  /** The labels behind an entry, for callers that want more than the reasons. */
  labelsOf(entry: number): readonly Label[] {
    return this.labels.slice(this.labelStart[entry], this.labelStart[entry + 1]);
  }

  /** A fresh array (exposure providers append to it) of the entry's shared, frozen direct reasons. */
  private reasonsOf(entry: number): ScreenReason[] {
    const memo = this.reasonMemo[entry];
    if (memo !== undefined) return memo.slice();
    const reasons: ScreenReason[] = [];
    for (let i = this.labelStart[entry]!; i < this.labelStart[entry + 1]!; i++) {
      reasons.push(frozen(reasonOf(this.labels[i]!, RISKS[this.labelRisk[i]!]!, this.overriddenBy[i])));
    }
    // Strongest first, so the first reason is the one that decided the risk.
    reasons.sort((a, b) => RISKS.indexOf(b.risk) - RISKS.indexOf(a.risk));
    this.reasonMemo[entry] = Object.freeze(reasons);
    return reasons.slice();
  }
}

/** The reason and the arrays and entities inside it, frozen: it is shared by every later answer. */
function frozen(reason: ScreenReason): ScreenReason {
  if (reason.kind === 'direct') {
    for (const e of reason.entities) Object.freeze(e);
    Object.freeze(reason.entities);
    Object.freeze(reason.stix_ids);
  }
  return Object.freeze(reason);
}

function reasonOf(label: Label, risk: Risk, overriddenBy: string | undefined): ScreenReason {
  return {
    kind: 'direct',
    source: label.source,
    detail: label.detail,
    category: label.category,
    risk,
    entities: label.entities.map((e) => ({ ...e })),
    stix_ids: [...label.stixIds],
    ...(label.since === undefined ? {} : { since: label.since }),
    ...(label.feed === undefined ? {} : { feed: label.feed }),
    ...(label.confidence === undefined ? {} : { confidence: label.confidence }),
    marking: label.marking,
    author: label.authorOrg,
    ...(overriddenBy === undefined ? {} : { overridden_by: overriddenBy }),
  };
}
