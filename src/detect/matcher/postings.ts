/**
 * Lists of entry codes keyed by value. Most values name one indicator, so a single code is stored as a
 * number and only shared values get an Int32Array: a million keys cost one Map entry each.
 */
export type Posting = number | Int32Array;

export class PostingBuilder<K> {
  private readonly lists = new Map<K, number | number[]>();

  add(key: K, code: number): void {
    const have = this.lists.get(key);
    if (have === undefined) this.lists.set(key, code);
    else if (typeof have === 'number') {
      if (have !== code) this.lists.set(key, [have, code]);
    } else if (!have.includes(code)) have.push(code);
  }

  get size(): number {
    return this.lists.size;
  }

  keys(): IterableIterator<K> {
    return this.lists.keys();
  }

  build(): Map<K, Posting> {
    const out = new Map<K, Posting>();
    for (const [key, list] of this.lists)
      out.set(key, typeof list === 'number' ? list : Int32Array.from(list));
    this.lists.clear();
    return out;
  }
}
