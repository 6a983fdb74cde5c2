/** "Where did it end up": traced value grouped by destination, with the top paths to each. */
import type { Book } from './book.ts';
import { STOP } from './book.ts';
import type { ScanContext } from './scan-context.ts';
import type { Destination } from './types.ts';

const TOP_PATHS = 3;
const MAX_PATH = 64;

/** Address ids from a seed to `address`, following each slot's largest source (any asset's ledger). */
export function pathIds(ctx: ScanContext, asset: number, address: number): number[] {
  const ids = [address];
  let at = address;
  let book: Book | undefined = ctx.books[asset];
  while (ids.length < MAX_PATH && ctx.seed[at] !== 1) {
    let s = book ? book.slotOf[at]! : -1;
    if (s < 0 || book!.parent(s) < 0) {
      // a swap moved the taint between assets: the parent is in another ledger
      book = ctx.books.find((b) => b !== undefined && b.slotOf[at]! >= 0 && b.parent(b.slotOf[at]!) >= 0);
      s = book ? book.slotOf[at]! : -1;
    }
    if (s < 0) break;
    const p = book!.parent(s);
    if (p < 0 || ids.includes(p)) break;
    ids.push(p);
    at = p;
  }
  return ids.reverse();
}

interface Group {
  category: string;
  name: string;
  value: number;
  addresses: number;
  top: { id: number; value: number }[];
}

function groupOf(groups: Map<string, Group>, category: string, name: string): Group {
  const k = `${category}\u0000${name}`;
  let g = groups.get(k);
  if (!g) {
    g = { category, name, value: 0, addresses: 0, top: [] };
    groups.set(k, g);
  }
  return g;
}

/** Small enough to inline into the loop over every slot (a call would box `value`). */
function add(g: Group, id: number, value: number): void {
  g.value += value;
  if (id < 0) return;
  g.addresses++;
  // full, and no larger than the last kept: pushed after its equals and popped again
  if (g.top.length === TOP_PATHS && value <= g.top[TOP_PATHS - 1]!.value) return;
  addTop(g, id, value);
}

function addTop(g: Group, id: number, value: number): void {
  g.top.push({ id, value });
  g.top.sort((a, b) => b.value - a.value);
  if (g.top.length > TOP_PATHS) g.top.pop();
}

export function summarise(
  ctx: ScanContext,
  asset: number,
  assetName: string,
  name: (id: number) => string,
  amount: (x: number) => string,
): Destination[] {
  const b = ctx.books[asset]!;
  const groups = new Map<string, Group>();
  // made on first use, so the groups keep the order they are first met in (ties sort by it)
  let held: Group | undefined;
  let unknown: Group | undefined;
  for (let s = 0; s < b.n; s++) {
    const id = b.address(s);
    const stop = (b.flag(s) & STOP) !== 0;
    const label = stop ? ctx.labels.get(id) : undefined;
    if (label) add(groupOf(groups, label.category, label.name), id, b.received(s));
    else if (b.taint(s) > 0) {
      held ??= groupOf(groups, 'held', 'held');
      add(held, id, b.taint(s));
    }
    if (b.blocked(s) > 0) {
      unknown ??= groupOf(groups, 'unknown', 'unknown');
      add(unknown, id, b.blocked(s));
    }
  }
  if (ctx.fees[asset]! > 0) add(groupOf(groups, 'fees', 'fees'), -1, ctx.fees[asset]!);
  if (ctx.below[asset]! > 0) {
    unknown ??= groupOf(groups, 'unknown', 'unknown');
    add(unknown, -1, ctx.below[asset]!);
  }
  return [...groups.values()]
    .sort((x, y) => y.value - x.value)
    .map((g) => ({
      category: g.category,
      name: g.name,
      asset: assetName,
      value: amount(g.value),
      addresses: g.addresses,
      paths: g.top.map((t) => ({
        to: name(t.id),
        value: amount(t.value),
        path: pathIds(ctx, asset, t.id).map(name),
      })),
    }));
}
