/** The screening answers of GET /screen/{address} and POST /screen (see /api/v1/openapi.json). */
import { apiGet, apiPost } from './api.ts';
import { apiPaths } from './capabilities.ts';

export const RISKS = ['none', 'low', 'medium', 'high', 'severe'] as const;
export type Risk = (typeof RISKS)[number];

export interface ScreenReason {
  kind: 'direct' | 'same-cluster' | 'indirect';
  source: string;
  detail: string;
  category: string;
  risk: Risk;
  entities: { id: string; type: string; name: string }[];
  stix_ids: string[];
  since?: string;
}

export interface ScreenResult {
  address: string;
  risk: Risk;
  reasons: ScreenReason[];
}

export interface ScreeningApi {
  one: string;
  batch: boolean;
}

/** Whether this hub screens at all, and whether it takes a batch in one request. */
export async function screeningApi(): Promise<ScreeningApi | undefined> {
  const paths = await apiPaths();
  const one = paths.find((p) => p.startsWith('/api/v1/screen/'));
  if (one === undefined) return undefined;
  return { one, batch: paths.includes('/api/v1/screen') };
}

export async function screen(api: ScreeningApi, addresses: readonly string[]): Promise<ScreenResult[]> {
  if (api.batch) return (await apiPost<{ results: ScreenResult[] }>('/screen', { addresses })).results;
  return Promise.all(addresses.map((a) => apiGet<ScreenResult>(`/screen/${encodeURIComponent(a)}`)));
}

export function parseAddresses(text: string): string[] {
  return [...new Set(text.split(/[\s,;]+/).filter(Boolean))];
}
