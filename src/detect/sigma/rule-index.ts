import type { Column } from './columns.ts';
import type { CompiledRule } from './compile-rule.ts';

/**
 * The rules of one log source indexed by their anchors (literals one of which must occur for the rule
 * to fire): per micro-batch, the set bits of each anchored column name the rules worth evaluating on
 * each event, so a rule whose literals occur nowhere in the batch costs nothing, and one whose
 * literals occur in a few events is evaluated on those only. Rules without anchors see every event.
 */
export class RuleIndex {
  readonly rules: readonly CompiledRule[];
  /** Per rule: anchored (evaluated on marked events only)? */
  private readonly anchored: Uint8Array;
  private readonly columns: { column: Column; postings: Int32Array[][] }[];
  /** marks[rule * size + event] === stamp: the event is a candidate of the rule in this batch. */
  private readonly marks: Int32Array;
  /** seen[rule] === stamp: the rule has a candidate in this batch. */
  private readonly seen: Int32Array;
  private readonly size: number;
  private stamp = 0;

  constructor(rules: readonly CompiledRule[], size: number) {
    this.rules = rules;
    this.size = size;
    this.anchored = new Uint8Array(rules.length);
    const byColumn = new Map<Column, number[][][]>();
    rules.forEach((r, k) => {
      if (r.anchors === undefined) return;
      this.anchored[k] = 1;
      for (const a of r.anchors) {
        let kinds = byColumn.get(a.column);
        if (kinds === undefined) {
          kinds = [[], [], []];
          byColumn.set(a.column, kinds);
        }
        const list = kinds[a.kind]!;
        const rules = list[a.id] ?? [];
        rules.push(k);
        list[a.id] = rules;
      }
    });
    this.columns = [...byColumn].map(([column, kinds]) => ({
      column,
      postings: kinds.map((list) => Array.from(list, (rules) => Int32Array.from(new Set(rules ?? [])))),
    }));
    const anyAnchored = this.anchored.some((x) => x === 1);
    this.marks = new Int32Array(anyAnchored ? rules.length * size : 0);
    this.seen = new Int32Array(rules.length);
  }

  /**
   * Marks, for the `count` events of the batch (columns filled for `epoch`), which anchored rules
   * each may fire; `fill` fills a column first.
   */
  mark(count: number, fill: (c: Column) => void): void {
    const stamp = ++this.stamp;
    const { marks, seen, size } = this;
    for (const { column, postings } of this.columns) {
      fill(column);
      const words = column.words;
      const sets = [column.bits, column.starts, column.ends];
      for (let kind = 0; kind < 3; kind++) {
        const list = postings[kind]!;
        if (list.length === 0) continue;
        const bits = sets[kind]!;
        for (let i = 0; i < count; i++) {
          const base = i * words;
          for (let w = 0; w < words && w * 32 < list.length; w++) {
            let x = bits[base + w]!;
            while (x !== 0) {
              const low = x & -x;
              const id = w * 32 + 31 - Math.clz32(low);
              x ^= low;
              const rules = list[id];
              if (rules === undefined) continue;
              for (let r = 0; r < rules.length; r++) {
                const rule = rules[r]!;
                marks[rule * size + i] = stamp;
                seen[rule] = stamp;
              }
            }
          }
        }
      }
    }
  }

  /** Is rule `k` to be evaluated on event `i` of this batch? */
  candidate(k: number, i: number): boolean {
    return this.anchored[k] === 0 || this.marks[k * this.size + i] === this.stamp;
  }

  /** Does rule `k` have any event to be evaluated on in this batch? */
  active(k: number): boolean {
    return this.anchored[k] === 0 || this.seen[k] === this.stamp;
  }
}
