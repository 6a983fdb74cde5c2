/** In-process fan-out of new alerts to the organisation's open streams (SSE); nothing crosses organisations. */
import type { AlertJson } from './alert-json.ts';

export type AlertListener = (alert: AlertJson) => void;

export class AlertBus {
  private readonly listeners = new Map<string, Set<AlertListener>>();

  /** Listens to `orgId`'s alerts; returns the function that stops it. */
  subscribe(orgId: string, listener: AlertListener): () => void {
    let set = this.listeners.get(orgId);
    if (!set) {
      set = new Set();
      this.listeners.set(orgId, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(orgId);
    };
  }

  publish(orgId: string, alert: AlertJson): void {
    for (const listener of this.listeners.get(orgId) ?? []) listener(alert);
  }
}
