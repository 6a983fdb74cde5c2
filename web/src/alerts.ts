/** Freeze alerts: GET /api/v1/alerts, POST /api/v1/alerts/{id}/acknowledge, the SSE stream. */
import { apiGet, apiPost } from './api.ts';

export type AlertStatus = 'open' | 'acknowledged';
export type AlertFilter = AlertStatus | 'all';

export interface Alert {
  id: string;
  created: string;
  status: AlertStatus;
  chain: string;
  address: string;
  wallet_role?: string;
  asset: string;
  amount: string;
  tx: string;
  block: number | string;
  sources: unknown[];
  sighting_ref?: string | null;
}

export const listAlerts = async (status: AlertFilter): Promise<Alert[]> =>
  (await apiGet<{ alerts: Alert[] }>(`/alerts?status=${status}`)).alerts;

export const acknowledgeAlert = (id: string): Promise<unknown> =>
  apiPost(`/alerts/${encodeURIComponent(id)}/acknowledge`, {});

/** A source as the alert names it: a string, or an object with a name or an id. */
export function sourceLabel(source: unknown): string {
  if (typeof source === 'string') return source;
  if (source && typeof source === 'object') {
    const s = source as Record<string, unknown>;
    for (const k of ['name', 'source', 'title', 'id']) if (typeof s[k] === 'string') return s[k] as string;
  }
  return JSON.stringify(source);
}

/** Merges a streamed alert into the list: newest first, a known id replaced in place. */
export function mergeAlert(list: readonly Alert[], alert: Alert, filter: AlertFilter): Alert[] {
  const rest = list.filter((a) => a.id !== alert.id);
  if (filter !== 'all' && alert.status !== filter) return rest;
  const at = list.findIndex((a) => a.id === alert.id);
  if (at >= 0)
    return list
      .map((a) => (a.id === alert.id ? alert : a))
      .filter((a) => filter === 'all' || a.status === filter);
  return [alert, ...rest];
}
