/**
 * One pass over a field's lowercased text finds every literal that any rule looks for in that field
 * (an Aho-Corasick automaton folded into a DFA over the ASCII characters the literals use). Rules then
 * test a bit instead of searching the text again: the literal prefilter ahead of substring searches
 * and regular expressions.
 */

/** Per automaton, at most this many cells (4 bytes each); more literals go to a further automaton. */
const MAX_CELLS = 8_000_000;
/** At most this many automata per field: past them, literals are searched for directly. */
const MAX_AUTOMATA = 8;

/** One Aho-Corasick automaton over a group of the literals; `outIds` are the scanner's literal ids. */
interface Automaton {
  readonly classOf: Uint8Array;
  readonly classes: number;
  /** Transitions; 16-bit while the automaton has under 65,536 states, to stay in cache. */
  readonly delta: Uint16Array | Int32Array;
  readonly outStart: Int32Array;
  readonly outIds: Int32Array;
}

/** The literals of one automaton while they are added: their ids, total length and distinct characters. */
interface Group {
  readonly ids: number[];
  chars: number;
  classes: number;
  readonly used: Uint8Array;
}

function newGroup(): Group {
  return { ids: [], chars: 0, classes: 0, used: new Uint8Array(128) };
}

function classesWith(group: Group, literal: string): number {
  let n = group.classes;
  for (let k = 0; k < literal.length; k++) {
    const c = literal.charCodeAt(k);
    if (group.used[c] === 0 && literal.indexOf(literal[k]!) === k) n++;
  }
  return n;
}

export class LiteralScanner {
  private readonly ids = new Map<string, number>();
  private readonly literals: string[] = [];
  /** Literal ids per automaton, and the characters each group holds. */
  private readonly groups: Group[] = [newGroup()];
  private automata: Automaton[] = [];
  private lengths = new Int32Array(0);
  /** Per literal, the scan that last reported it (`occurring` reports each literal once per text). */
  private marks = new Int32Array(0);
  private epoch = 0;
  private readonly maxCells: number;
  private readonly maxAutomata: number;
  built = false;

  /** `maxCells` and `maxAutomata` bound the memory: 4 bytes a cell (2 under 65,536 states). */
  constructor(options: { maxCells?: number; maxAutomata?: number } = {}) {
    this.maxCells = options.maxCells ?? MAX_CELLS;
    this.maxAutomata = options.maxAutomata ?? MAX_AUTOMATA;
  }

  get count(): number {
    return this.literals.length;
  }

  /** Has `literal` been added? */
  has(literal: string): boolean {
    return this.ids.has(literal);
  }

  /** The id of a lowercased literal, or -1 if it cannot be scanned for (non-ASCII, or every automaton is full). */
  add(literal: string): number {
    const known = this.ids.get(literal);
    if (known !== undefined) return known;
    if (this.built || literal.length === 0 || !isAscii(literal)) return -1;
    let group = this.groups[this.groups.length - 1]!;
    // states are at most the characters plus the root; classes the distinct characters plus "other"
    if ((group.chars + literal.length + 1) * (classesWith(group, literal) + 1) > this.maxCells) {
      if (this.groups.length === this.maxAutomata) return -1;
      group = newGroup();
      this.groups.push(group);
    }
    group.chars += literal.length;
    for (let k = 0; k < literal.length; k++) {
      const c = literal.charCodeAt(k);
      if (group.used[c] === 0) {
        group.used[c] = 1;
        group.classes++;
      }
    }
    const id = this.literals.length;
    this.literals.push(literal);
    this.ids.set(literal, id);
    group.ids.push(id);
    return id;
  }

  build(): void {
    this.built = true;
    this.lengths = Int32Array.from(this.literals, (l) => l.length);
    this.marks = new Int32Array(this.literals.length);
    this.automata = this.groups.filter((g) => g.ids.length > 0).map((g) => this.buildGroup(g.ids));
  }

  private buildGroup(ids: readonly number[]): Automaton {
    const classOf = new Uint8Array(128);
    let classes = 1;
    for (const id of ids) {
      const lit = this.literals[id]!;
      for (let k = 0; k < lit.length; k++) {
        const c = lit.charCodeAt(k);
        if (classOf[c] === 0) classOf[c] = classes++;
      }
    }
    // literals are lowercase: an upper-case letter takes its lower case's class, so raw text scans as lowercased
    for (let c = 65; c <= 90; c++) classOf[c] = classOf[c + 32]!;
    const children: Map<number, number>[] = [new Map()];
    const own: number[][] = [[]];
    for (const id of ids) {
      const lit = this.literals[id]!;
      let s = 0;
      for (let k = 0; k < lit.length; k++) {
        const cls = classOf[lit.charCodeAt(k)] as number;
        let next = children[s]?.get(cls);
        if (next === undefined) {
          next = children.length;
          children.push(new Map());
          own.push([]);
          children[s]?.set(cls, next);
        }
        s = next;
      }
      own[s]?.push(id);
    }
    return { classOf, classes, ...fold(children, own, classes) };
  }

  /**
   * Sets, from word `base` on, the bit of every literal that occurs in `s` (in `bits`), that `s`
   * starts with (in `starts`: an occurrence ending at the literal's own length) and that `s` ends
   * with (in `ends`: the outputs of the state after the last character). So startswith, endswith and
   * contains lists cost a bit test each after this one pass (per automaton).
   */
  scan(s: string, bits: Uint32Array, starts: Uint32Array, ends: Uint32Array, base: number): void {
    for (const a of this.automata) this.scanWith(a, s, bits, starts, ends, base, false);
  }

  /**
   * The same scan of text not yet lowercased: ASCII letters fold in the automaton, so only text with a
   * non-ASCII character (whose lowercase may differ in more than case) is lowercased and scanned again.
   */
  scanRaw(s: string, bits: Uint32Array, starts: Uint32Array, ends: Uint32Array, base: number): void {
    for (const a of this.automata)
      if (!this.scanWith(a, s, bits, starts, ends, base, true)) {
        this.scan(s.toLowerCase(), bits, starts, ends, base);
        return;
      }
  }

  /**
   * Writes to `out` (room for `count` ids) the id of every literal that occurs in `s`, each once, and
   * returns how many. ASCII letters fold as in `scanRaw`; other characters match nothing, so a
   * case-sensitive ASCII literal that occurs is always reported (callers verify the exact match).
   */
  occurring(s: string, out: Int32Array): number {
    if (++this.epoch === 0x7fffffff) {
      this.marks.fill(0);
      this.epoch = 1;
    }
    const epoch = this.epoch;
    const marks = this.marks;
    let n = 0;
    for (const a of this.automata) {
      const { delta, classOf, outStart, outIds, classes: K } = a;
      let st = 0;
      for (let k = 0; k < s.length; k++) {
        const c = s.charCodeAt(k);
        st = delta[st * K + (c < 128 ? (classOf[c] as number) : 0)] as number;
        const end = outStart[st + 1] as number;
        for (let o = outStart[st] as number; o < end; o++) {
          const id = outIds[o] as number;
          if (marks[id] === epoch) continue;
          marks[id] = epoch;
          out[n++] = id;
        }
      }
    }
    return n;
  }

  private scanWith(
    a: Automaton,
    s: string,
    bits: Uint32Array,
    starts: Uint32Array,
    ends: Uint32Array,
    base: number,
    raw: boolean,
  ): boolean {
    const { delta, classOf, outStart, outIds, classes: K } = a;
    const lengths = this.lengths;
    let st = 0;
    for (let k = 0; k < s.length; k++) {
      const c = s.charCodeAt(k);
      // what was found before is found in the lowercased text too (same ASCII prefix): a rescan only adds
      if (c >= 128 && raw) return false;
      st = delta[st * K + (c < 128 ? (classOf[c] as number) : 0)] as number;
      const end = outStart[st + 1] as number;
      for (let o = outStart[st] as number; o < end; o++) {
        const id = outIds[o] as number;
        const w = base + (id >>> 5);
        const bit = 1 << (id & 31);
        bits[w] = (bits[w] as number) | bit;
        if (lengths[id] === k + 1) starts[w] = (starts[w] as number) | bit;
      }
    }
    if (s.length === 0) return true;
    const end = outStart[st + 1] as number;
    for (let o = outStart[st] as number; o < end; o++) {
      const id = outIds[o] as number;
      ends[base + (id >>> 5)] = (ends[base + (id >>> 5)] as number) | (1 << (id & 31));
    }
    return true;
  }
}

/** Breadth-first: each state's missing transitions and outputs come from its failure state. */
function fold(
  children: Map<number, number>[],
  own: number[][],
  K: number,
): Pick<Automaton, 'delta' | 'outStart' | 'outIds'> {
  const n = children.length;
  const delta = n < 65_536 ? new Uint16Array(n * K) : new Int32Array(n * K);
  const fail = new Int32Array(n);
  const outs: number[][] = own.map((o) => o.slice());
  const queue: number[] = [];
  for (const [cls, next] of children[0] as Map<number, number>) {
    delta[cls] = next;
    queue.push(next);
  }
  for (let head = 0; head < queue.length; head++) {
    const s = queue[head] as number;
    const f = fail[s] as number;
    (outs[s] as number[]).push(...(outs[f] as number[]).filter((id) => !(own[s] as number[]).includes(id)));
    for (let cls = 0; cls < K; cls++) {
      const next = children[s]?.get(cls);
      if (next === undefined) delta[s * K + cls] = delta[f * K + cls] as number;
      else {
        delta[s * K + cls] = next;
        fail[next] = delta[f * K + cls] as number;
        queue.push(next);
      }
    }
  }
  const outStart = new Int32Array(n + 1);
  const flat: number[] = [];
  for (let s = 0; s < n; s++) {
    outStart[s] = flat.length;
    flat.push(...(outs[s] as number[]));
  }
  outStart[n] = flat.length;
  return { delta, outStart, outIds: Int32Array.from(flat) };
}

function isAscii(s: string): boolean {
  for (let k = 0; k < s.length; k++) if (s.charCodeAt(k) > 127) return false;
  return true;
}
