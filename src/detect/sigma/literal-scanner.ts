/**
 * One pass over a field's lowercased text finds every literal that any rule looks for in that field
 * (an Aho-Corasick automaton folded into a DFA over the ASCII characters the literals use). Rules then
 * test a bit instead of searching the text again: the literal prefilter ahead of substring searches
 * and regular expressions.
 */

/** Past this many automaton cells (4 bytes each) further literals are searched for directly. */
const MAX_CELLS = 8_000_000;

export class LiteralScanner {
  private readonly ids = new Map<string, number>();
  private readonly literals: string[] = [];
  private classOf = new Uint8Array(128);
  private classes = 1;
  /** Transitions; 16-bit while the automaton has under 65,536 states, to stay in cache. */
  private delta: Uint16Array | Int32Array = new Uint16Array(0);
  private outStart = new Int32Array(1);
  private outIds = new Int32Array(0);
  private chars = 0;
  built = false;

  get count(): number {
    return this.literals.length;
  }

  /** The id of a lowercased literal, or -1 if it cannot be scanned for (non-ASCII, or the automaton is full). */
  add(literal: string): number {
    const known = this.ids.get(literal);
    if (known !== undefined) return known;
    if (this.built || literal.length === 0 || !isAscii(literal)) return -1;
    if ((this.chars + literal.length) * 96 > MAX_CELLS) return -1;
    this.chars += literal.length;
    const id = this.literals.length;
    this.literals.push(literal);
    this.ids.set(literal, id);
    return id;
  }

  build(): void {
    this.built = true;
    for (const lit of this.literals) {
      for (let k = 0; k < lit.length; k++) {
        const c = lit.charCodeAt(k);
        if (this.classOf[c] === 0) this.classOf[c] = this.classes++;
      }
    }
    const K = this.classes;
    const children: Map<number, number>[] = [new Map()];
    const own: number[][] = [[]];
    this.literals.forEach((lit, id) => {
      let s = 0;
      for (let k = 0; k < lit.length; k++) {
        const cls = this.classOf[lit.charCodeAt(k)] as number;
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
    });
    this.fold(children, own, K);
  }

  /** Breadth-first: each state's missing transitions and outputs come from its failure state. */
  private fold(children: Map<number, number>[], own: number[][], K: number): void {
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
    this.delta = delta;
    this.outStart = new Int32Array(n + 1);
    const flat: number[] = [];
    for (let s = 0; s < n; s++) {
      this.outStart[s] = flat.length;
      flat.push(...(outs[s] as number[]));
    }
    this.outStart[n] = flat.length;
    this.outIds = Int32Array.from(flat);
  }

  /** Sets, in `bits` from word `base` on, the bit of every literal that occurs in `s`. */
  scan(s: string, bits: Uint32Array, base: number): void {
    const { delta, classOf, outStart, outIds } = this;
    const K = this.classes;
    let st = 0;
    for (let k = 0; k < s.length; k++) {
      const c = s.charCodeAt(k);
      st = delta[st * K + (c < 128 ? (classOf[c] as number) : 0)] as number;
      const end = outStart[st + 1] as number;
      for (let o = outStart[st] as number; o < end; o++) {
        const id = outIds[o] as number;
        bits[base + (id >>> 5)] = (bits[base + (id >>> 5)] as number) | (1 << (id & 31));
      }
    }
  }
}

function isAscii(s: string): boolean {
  for (let k = 0; k < s.length; k++) if (s.charCodeAt(k) > 127) return false;
  return true;
}
