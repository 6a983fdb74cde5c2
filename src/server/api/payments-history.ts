/**
 * Each organisation's screening history: in memory while screening (a lookup per payment), loaded from
 * the store's settings on first use and saved there a few seconds after it changes, so a restarted hub
 * keeps what its payment desk learned. The command line flushes before it exits.
 */
import { createScreener, defaultConfig, PaymentHistory, type Screener } from '../../payments/index.ts';
import type { Store } from '../../store/index.ts';

const SAVE_DELAY_MS = 5_000;
const keyOf = (orgId: string) => `payments.history:${orgId}`;

interface Desk {
  screener: Screener;
  timer: NodeJS.Timeout | undefined;
  saving: Promise<void>;
}

const desks = new WeakMap<Store, Map<string, Promise<Desk>>>();

async function load(store: Store, orgId: string): Promise<Desk> {
  const saved = await store.getSetting(keyOf(orgId));
  const history = saved ? PaymentHistory.fromJSON(JSON.parse(saved), keyOf(orgId)) : new PaymentHistory();
  return { screener: createScreener(defaultConfig(), history), timer: undefined, saving: Promise.resolve() };
}

function deskOf(store: Store, orgId: string): Promise<Desk> {
  let byOrg = desks.get(store);
  if (!byOrg) {
    byOrg = new Map();
    desks.set(store, byOrg);
  }
  let desk = byOrg.get(orgId);
  if (!desk) {
    desk = load(store, orgId);
    // a failed load is retried by the next request rather than remembered
    desk.catch(() => byOrg.delete(orgId));
    byOrg.set(orgId, desk);
  }
  return desk;
}

/** The organisation's screener with its saved history. */
export async function screenerOf(store: Store, orgId: string): Promise<Screener> {
  return (await deskOf(store, orgId)).screener;
}

function save(store: Store, orgId: string, desk: Desk): Promise<void> {
  if (desk.timer !== undefined) clearTimeout(desk.timer);
  desk.timer = undefined;
  desk.saving = desk.saving
    .then(() => store.putSetting(keyOf(orgId), JSON.stringify(desk.screener.history)))
    .catch((error: unknown) =>
      process.emitWarning(`payment history of ${orgId} not saved: ${String(error)}`),
    );
  return desk.saving;
}

/** Notes that the history changed: it is saved within a few seconds (one write for many changes). */
export async function historyChanged(store: Store, orgId: string): Promise<void> {
  const desk = await deskOf(store, orgId);
  desk.timer ??= setTimeout(() => void save(store, orgId, desk), SAVE_DELAY_MS).unref();
}

/** Saves every changed history of this store now (before a command exits or the store closes). */
export async function flushHistories(store: Store): Promise<void> {
  for (const [orgId, pending] of desks.get(store) ?? []) {
    const desk = await pending.catch(() => undefined);
    if (desk?.timer !== undefined) await save(store, orgId, desk);
    else if (desk) await desk.saving;
  }
}
