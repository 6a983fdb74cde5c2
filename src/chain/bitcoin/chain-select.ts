/**
 * Which blocks to hold: the block tree of the files and the store, linked by previous hash. Each
 * connected piece (a mid-chain start gives several) keeps the branch of most cumulative work; blocks
 * whose parent is missing stay roots until a later run brings the parent.
 */

export interface ChainNode {
  hash: string;
  prev: string;
  bits: number;
  /** Append index in the store, or -1 for a block only in the files. */
  stored: number;
  /** Height if known (stored blocks, genesis, BIP 34 roots), else -1. */
  height: number;
}

export interface Selection {
  /** Blocks to hold, parents before children, with their heights (-1 unknown). */
  chain: { node: ChainNode; height: number }[];
  /** Lowest append index of a stored block off every chosen branch: the store rolls back to it. */
  rollbackTo: number;
  /** File blocks left out (stale branches). */
  stale: number;
}

const ZERO = '0'.repeat(64);

/** Work of a compact target: 2^256 / (target + 1). */
export function blockWork(bits: number): bigint {
  const exp = bits >>> 24;
  const mant = BigInt(bits & 0x007fffff);
  const target = exp <= 3 ? mant >> BigInt(8 * (3 - exp)) : mant << BigInt(8 * (exp - 3));
  if (target === 0n || (bits & 0x00800000) !== 0) return 0n;
  return (1n << 256n) / (target + 1n);
}

export function selectChains(nodes: ChainNode[], rootHeight: (n: ChainNode) => number): Selection {
  const byHash = new Map<string, ChainNode>();
  for (const n of nodes) if (!byHash.has(n.hash) || n.stored >= 0) byHash.set(n.hash, n);
  const children = new Map<string, ChainNode[]>();
  const roots: ChainNode[] = [];
  for (const n of byHash.values()) {
    if (n.prev !== ZERO && byHash.has(n.prev)) {
      const list = children.get(n.prev);
      if (list) list.push(n);
      else children.set(n.prev, [n]);
    } else roots.push(n);
  }
  const chosen = new Set<string>();
  const chain: Selection['chain'] = [];
  for (const root of roots) {
    const h0 = root.height >= 0 ? root.height : root.prev === ZERO ? 0 : rootHeight(root);
    for (const item of bestBranch(root, h0, children)) {
      chosen.add(item.node.hash);
      chain.push(item);
    }
  }
  let rollbackTo = Number.POSITIVE_INFINITY;
  let stale = 0;
  for (const n of byHash.values()) {
    if (chosen.has(n.hash)) continue;
    if (n.stored >= 0) rollbackTo = Math.min(rollbackTo, n.stored);
    else stale++;
  }
  return { chain, rollbackTo, stale };
}

/** The root-to-tip path of most work below root (ties: a stored tip, then the first seen). */
function bestBranch(
  root: ChainNode,
  h0: number,
  children: Map<string, ChainNode[]>,
): { node: ChainNode; height: number }[] {
  const work = new Map<string, bigint>();
  const parent = new Map<string, ChainNode>();
  let best = root;
  let bestWork = blockWork(root.bits);
  work.set(root.hash, bestWork);
  const stack = [root];
  while (stack.length > 0) {
    const n = stack.pop()!;
    const w = work.get(n.hash)!;
    const better = w > bestWork || (w === bestWork && n.stored >= 0 && best.stored < 0);
    if (better) {
      best = n;
      bestWork = w;
    }
    for (const c of children.get(n.hash) ?? []) {
      work.set(c.hash, w + blockWork(c.bits));
      parent.set(c.hash, n);
      stack.push(c);
    }
  }
  const path: ChainNode[] = [];
  for (let n: ChainNode | undefined = best; n; n = parent.get(n.hash)) path.push(n);
  path.reverse();
  return path.map((node, i) => ({ node, height: h0 < 0 ? -1 : h0 + i }));
}
