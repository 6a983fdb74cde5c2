import { LiteralScanner, requiredLiteral } from '../literals/index.ts';
import { anchoredGlob, globMatches } from './anchored-glob.ts';

/** A regular expression of one indicator on one path. */
export interface RegexEntry {
  readonly source: string;
  readonly flags: string;
  readonly code: number;
}

interface Group {
  /** All members as one alternation: a miss (the common case) costs one search. */
  readonly combined: RegExp;
  readonly members: readonly { re: RegExp; code: number }[];
}

const GROUP_SIZE = 64;
// Back-references and named groups change meaning once numbered inside an alternation.
const NOT_COMBINABLE = /\\[1-9]|\\k<|\(\?</;
/** Shorter literals occur in too many values to save anything over the alternation. */
const MIN_LITERAL = 3;
/**
 * Longer literals only add automaton states (memory) for little: on 50 k domain suffixes a 12-character
 * window made a ~20 MB automaton and ~1.3 verifications a value, 16 characters ~44 MB and ~0.2.
 */
const MAX_LITERAL = 12;
/** Cells of the path's automata (4 bytes each, 2 while an automaton has under 65,536 states). */
const MAX_CELLS = 16_000_000;

/**
 * The LIKE / MATCHES expressions of one path. Each expression with a literal every match contains
 * (`requiredLiteral`: the longest run between LIKE's wildcards, or one read from the regex source) is
 * keyed by that literal in one Aho-Corasick automaton: a value is scanned once, and only expressions
 * whose literal occurred are run. The rest are combined per flag set into alternations of up to
 * GROUP_SIZE members, whose members are tried one by one only when the alternation matches.
 */
export class RegexIndex {
  private readonly groups: Group[] = [];
  private readonly scanner = new LiteralScanner({ maxCells: MAX_CELLS });
  /** Per literal id, its expressions: `byLiteral[start[id] .. start[id + 1])` index `keyed` and `keyedCodes`. */
  private readonly start: Int32Array;
  private readonly byLiteral: Int32Array;
  private readonly keyed: (RegExp | undefined)[] = [];
  /** Per keyed expression, its literal segments when it is a plain `^a.*b$` (LIKE without `_`). */
  private readonly globs: (string[] | undefined)[] = [];
  private readonly keyedCodes: Int32Array;
  private readonly found: Int32Array;

  /** `literals: false` leaves every expression in the alternations (the former index; benchmarks compare the two). */
  constructor(entries: readonly RegexEntry[], options: { literals?: boolean } = {}) {
    const useLiterals = options.literals ?? true;
    const byFlags = new Map<string, { re: RegExp; code: number; source: string }[]>();
    const literalIds: number[] = [];
    const codes: number[] = [];
    for (const e of entries) {
      let re: RegExp;
      try {
        re = new RegExp(e.source, e.flags);
      } catch {
        continue;
      }
      const id = useLiterals ? this.literalId(e) : -1;
      if (id >= 0) {
        const glob = anchoredGlob(e.source, e.flags);
        // a glob never needs its RegExp again (compiled above only to drop invalid sources alike)
        this.keyed.push(glob === undefined ? re : undefined);
        this.globs.push(glob);
        codes.push(e.code);
        literalIds.push(id);
        continue;
      }
      const flags = NOT_COMBINABLE.test(e.source) ? `${e.flags}!` : e.flags;
      const list = byFlags.get(flags) ?? [];
      list.push({ re, code: e.code, source: e.source });
      byFlags.set(flags, list);
    }
    this.scanner.build();
    const n = this.scanner.count;
    this.found = new Int32Array(n);
    this.keyedCodes = Int32Array.from(codes);
    // counting sort of the expressions by literal id
    this.start = new Int32Array(n + 1);
    for (const id of literalIds) this.start[id + 1]!++;
    for (let i = 0; i < n; i++) this.start[i + 1]! += this.start[i]!;
    const fill = this.start.slice(0, n);
    this.byLiteral = new Int32Array(literalIds.length);
    for (let k = 0; k < literalIds.length; k++) this.byLiteral[fill[literalIds[k]!]!++] = k;
    for (const [flags, list] of byFlags) {
      const alone = flags.endsWith('!');
      const size = alone ? 1 : GROUP_SIZE;
      for (let i = 0; i < list.length; i += size) {
        const members = list.slice(i, i + size);
        const combined = alone
          ? members[0]!.re
          : new RegExp(members.map((m) => `(?:${m.source})`).join('|'), flags);
        this.groups.push({ combined, members: members.map(({ re, code }) => ({ re, code })) });
      }
    }
  }

  /** Expressions keyed by a literal, and those left to the alternations. */
  get sizes(): { readonly keyed: number; readonly combined: number; readonly literals: number } {
    const combined = this.groups.reduce((n, g) => n + g.members.length, 0);
    return { keyed: this.keyed.length, combined, literals: this.scanner.count };
  }

  lookup(value: string, hit: (code: number) => void): void {
    if (this.keyed.length > 0) {
      const found = this.found;
      const n = this.scanner.occurring(value, found);
      const { start, byLiteral, keyed, globs, keyedCodes } = this;
      for (let f = 0; f < n; f++) {
        const id = found[f]!;
        const end = start[id + 1]!;
        for (let k = start[id]!; k < end; k++) {
          const e = byLiteral[k]!;
          const glob = globs[e];
          if (glob !== undefined ? globMatches(glob, value) : keyed[e]!.test(value)) hit(keyedCodes[e]!);
        }
      }
    }
    const groups = this.groups;
    for (let g = 0; g < groups.length; g++) {
      const group = groups[g]!;
      if (!group.combined.test(value)) continue;
      const members = group.members;
      if (members.length === 1) hit(members[0]!.code);
      else for (let i = 0; i < members.length; i++) if (members[i]!.re.test(value)) hit(members[i]!.code);
    }
  }

  /** The scanner id of the entry's required literal (case-folded, as the scanner reads), or -1. */
  private literalId(e: RegexEntry): number {
    // stateful flags would make `test` depend on the previous value; keep them on the old path
    if (e.flags.includes('g') || e.flags.includes('y')) return -1;
    const literal = requiredLiteral(e.source, e.flags);
    if (literal === undefined || literal.length < MIN_LITERAL) return -1;
    const folded = literal.toLowerCase();
    // Any window of the literal is required too: take the first not yet used by another expression,
    // so feeds of similar domains spread over distinct literals instead of verifying each other.
    const last = Math.max(0, folded.length - MAX_LITERAL);
    for (let at = 0; at <= last; at++) {
      const window = folded.slice(at, at + MAX_LITERAL);
      if (!this.scanner.has(window)) return this.scanner.add(window);
    }
    return this.scanner.add(folded.slice(0, MAX_LITERAL));
  }
}
