/**
 * The haircut model the scenario's ground truth is stated in. Per address and asset, a balance and
 * the tainted part of it; a transfer of v carries v × tainted / balance of its sender (integer
 * division, base units). Transfers apply in chain order. Seed transfers (the theft) are wholly
 * tainted. At a swap, taint changes asset: what the swapper receives back in the same transaction
 * carries the taint fraction of what it paid in, and the swap pool itself takes none.
 */

export interface Flow {
  txHash: string;
  from: string;
  to: string;
  value: bigint;
  /** Token contract address, or 'ETH'. */
  asset: string;
}

export interface TaintEntry {
  address: string;
  asset: string;
  /** Tainted value that reached the address. */
  received: bigint;
  /** Tainted value still there at the end. */
  holding: bigint;
}

export interface HaircutInput {
  flows: readonly Flow[];
  /** Transactions whose transfers are the theft: wholly tainted. */
  seedTxs: ReadonlySet<string>;
  /** Swap pools: a transaction paying into one and paid out of it converts taint. */
  swaps: ReadonlySet<string>;
}

interface Account {
  balance: bigint;
  tainted: bigint;
  received: bigint;
}

export function haircut({ flows, seedTxs, swaps }: HaircutInput): TaintEntry[] {
  const accounts = new Map<string, Account>();
  const account = (address: string, asset: string): Account => {
    const k = `${address} ${asset}`;
    const known = accounts.get(k);
    if (known) return known;
    const a = { balance: 0n, tainted: 0n, received: 0n };
    accounts.set(k, a);
    return a;
  };
  for (let i = 0; i < flows.length; ) {
    let j = i;
    while (j < flows.length && (flows[j] as Flow).txHash === (flows[i] as Flow).txHash) j++;
    // Within a transaction, payments into a swap pool apply first: logs and traces do not keep the
    // execution order across kinds, and the payout's taint depends on the payment.
    const group = flows.slice(i, j);
    group.sort((a, b) => Number(swaps.has(b.to)) - Number(swaps.has(a.to)));
    let paid = 0n;
    let paidTaint = 0n;
    for (const f of group) {
      const src = account(f.from, f.asset);
      const dst = account(f.to, f.asset);
      let t = src.balance > 0n ? (f.value * src.tainted) / src.balance : 0n;
      src.balance -= f.value;
      src.tainted -= t;
      if (seedTxs.has(f.txHash)) t = f.value;
      dst.balance += f.value;
      if (swaps.has(f.to)) {
        paid += f.value;
        paidTaint += t;
        continue;
      }
      if (swaps.has(f.from)) t = paid > 0n ? (f.value * paidTaint) / paid : 0n;
      dst.tainted += t;
      dst.received += t;
    }
    i = j;
  }
  const out: TaintEntry[] = [];
  for (const [k, a] of accounts) {
    if (a.received === 0n) continue;
    const [address, asset] = k.split(' ') as [string, string];
    out.push({ address, asset, received: a.received, holding: a.tainted });
  }
  return out.sort((x, y) =>
    x.address === y.address ? (x.asset < y.asset ? -1 : 1) : x.address < y.address ? -1 : 1,
  );
}
