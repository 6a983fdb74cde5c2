/** What every TAXII resource handler works with. */
import type { Store } from '../store/index.ts';

export interface TaxiiOptions {
  store: Store;
  /** Discovery title and description. */
  title?: string;
  description?: string;
  /** Largest POST body, in bytes (advertised as the API root's max_content_length). */
  maxContentLength?: number;
  /** Serve a read-only collection of TLP:CLEAR objects to anonymous callers (DESIGN.md, Visibility). */
  publicCollection?: boolean;
}

export interface TaxiiContext {
  store: Store;
  title: string;
  description: string;
  maxContentLength: number;
  publicCollection: boolean;
}

export const TAXII_PREFIX = '/taxii2';
export const TAXII_ROOT = `${TAXII_PREFIX}/`;
export const API_ROOT = '/taxii2/api/';

export function contextOf(options: TaxiiOptions): TaxiiContext {
  return {
    store: options.store,
    title: options.title ?? 'Bulwark sharing hub',
    description:
      options.description ??
      'STIX 2.1 intelligence on DPRK (Lazarus/APT38) cyber heists, shared under TLP 2.0 between member organisations',
    maxContentLength: options.maxContentLength ?? 16 * 1024 * 1024,
    publicCollection: options.publicCollection ?? false,
  };
}
