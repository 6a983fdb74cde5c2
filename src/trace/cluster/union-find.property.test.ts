import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { Clusters } from './clusters.ts';
import { UnionFind } from './union-find.ts';
import { whyTogether } from './why.ts';

/** Connected components by repeated relabelling: slow, obviously right. */
function oracle(n: number, edges: readonly (readonly [number, number])[]): number[] {
  const label = Array.from({ length: n }, (_, i) => i);
  for (let changed = true; changed; ) {
    changed = false;
    for (const [a, b] of edges) {
      const m = Math.min(label[a]!, label[b]!);
      if (label[a] !== m || label[b] !== m) {
        label[a] = m;
        label[b] = m;
        changed = true;
      }
    }
  }
  return label;
}

const merges = fc.integer({ min: 1, max: 60 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    edges: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 120 }),
  }),
);

test('union-find clustering equals connected components of the merges (random merges)', () => {
  fc.assert(
    fc.property(merges, ({ n, edges }) => {
      const uf = new UnionFind(4);
      uf.grow(n);
      for (const [a, b] of edges) uf.union(a, b);
      const want = oracle(n, edges);
      for (let a = 0; a < n; a++) {
        for (let b = 0; b < n; b++) assert.equal(uf.find(a) === uf.find(b), want[a] === want[b]);
        const size = want.filter((x) => x === want[a]).length;
        assert.equal(uf.sizeOf(uf.find(a)), size);
        // the member ring lists exactly the component
        const ring = [a];
        for (let m = uf.nextOf(a); m !== a; m = uf.nextOf(m)) ring.push(m);
        assert.equal(ring.length, size);
      }
    }),
  );
});

test('every pair in a cluster has a merge path, each step a logged merge between its ends', () => {
  fc.assert(
    fc.property(merges, ({ n, edges }) => {
      const c = new Clusters();
      c.grow(n);
      for (const [i, [a, b]] of edges.entries()) c.merge(a, b, i, i, 1);
      const want = oracle(n, edges);
      assert.equal(c.log.length, n - new Set(want).size, 'one merge per joined pair of clusters');
      for (let a = 0; a < n; a++) {
        assert.equal(c.merges(a).length, c.sizeOf(a) - 1);
        for (let b = 0; b < n; b++) {
          const path = whyTogether(c, a, b);
          if (want[a] !== want[b]) {
            assert.equal(path, undefined);
            continue;
          }
          let at = a;
          for (const m of path!) {
            assert.ok(c.log.a[m] === at || c.log.b[m] === at);
            at = c.log.a[m] === at ? c.log.b[m]! : c.log.a[m]!;
          }
          assert.equal(at, b);
        }
      }
    }),
  );
});

test('ids are stable: a cluster id changes only when it merges into a larger or equal-older one', () => {
  fc.assert(
    fc.property(merges, ({ n, edges }) => {
      const uf = new UnionFind();
      uf.grow(n);
      for (const [a, b] of edges) {
        const before = Array.from({ length: n }, (_, x) => uf.find(x));
        const ra = before[a]!;
        const rb = before[b]!;
        const [sa, sb] = [uf.sizeOf(ra), uf.sizeOf(rb)];
        uf.union(a, b);
        const winner = ra === rb ? ra : sa > sb || (sa === sb && ra < rb) ? ra : rb;
        for (let x = 0; x < n; x++) {
          const was = before[x]!;
          assert.equal(uf.find(x), was === ra || was === rb ? winner : was);
        }
      }
    }),
  );
});
