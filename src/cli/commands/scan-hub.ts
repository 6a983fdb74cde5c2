/**
 * `bulwark scan --hub URL --key K`: the hub over TAXII 2.1, as any member's client talks to it —
 * indicators read page by page from every collection the key may read, and the sightings with their
 * observed-data posted back in envelopes to one collection under the organisation's chosen marking.
 */
import { BulwarkError } from '../../errors/index.ts';
import { tlpMarkingRef } from '../../stix/index.ts';
import type { TlpLevel } from '../../store/index.ts';
import { TAXII_MEDIA_TYPE } from '../../taxii/index.ts';
import { emptySet, type IndicatorSet, takeIndicator } from './scan-sources.ts';

interface Collection {
  id: string;
  title: string;
  can_read: boolean;
  can_write: boolean;
}

const PAGE = 1000;
const ENVELOPE = 500;

export class HubClient {
  private readonly base: URL;
  private readonly key: string;
  private root: URL | undefined;

  constructor(url: string, key: string) {
    try {
      this.base = new URL(url);
    } catch {
      throw new BulwarkError('USAGE', `--hub ${url} is not a URL`, {
        hint: 'Give the hub address, e.g. http://127.0.0.1:8080',
      });
    }
    this.key = key;
  }

  /**
   * Every indicator the key may read, latest versions, each once, revoked ones left out, by pattern
   * type (STIX patterns, Sigma rules, and the others scan reports as not supported).
   */
  async indicators(onPage?: (count: number) => void): Promise<IndicatorSet> {
    const byId = new Map<string, Record<string, unknown>>();
    for (const c of (await this.collections()).filter((x) => x.can_read)) {
      let next: string | undefined;
      do {
        const query = new URLSearchParams({ 'match[type]': 'indicator', limit: String(PAGE) });
        if (next !== undefined) query.set('next', next);
        const page = (await this.get(`collections/${c.id}/objects/?${query}`)) as {
          objects?: Record<string, unknown>[];
          more?: boolean;
          next?: string;
        };
        for (const o of page.objects ?? []) {
          const have = byId.get(o.id as string);
          if (have === undefined || String(o.modified) > String(have.modified)) byId.set(o.id as string, o);
        }
        onPage?.(byId.size);
        next = page.more === true && typeof page.next === 'string' ? page.next : undefined;
      } while (next !== undefined);
    }
    const set = emptySet();
    for (const o of byId.values()) takeIndicator(set, o);
    return set;
  }

  /**
   * Posts the objects, each marked `tlp`, to `collectionId` (default: the organisation's private
   * collection); returns the collection and how many the hub took. Any refusal is an error.
   */
  async post(
    objects: readonly Record<string, unknown>[],
    tlp: TlpLevel,
    collectionId?: string,
  ): Promise<{ collection: Collection; posted: number }> {
    const writable = (await this.collections()).filter((c) => c.can_write);
    const collection =
      collectionId === undefined
        ? writable.find((c) => c.title.startsWith('Private:'))
        : writable.find((c) => c.id === collectionId);
    if (collection === undefined)
      throw new BulwarkError(
        'SCAN_HUB',
        `The key may not write to ${collectionId ?? 'its private collection'}`,
        {
          hint: 'Use a contributor key, and a --collection the organisation may write to',
        },
      );
    const marking = tlpMarkingRef(tlp);
    let posted = 0;
    for (let i = 0; i < objects.length; i += ENVELOPE) {
      const envelope = objects.slice(i, i + ENVELOPE).map((o) => ({ ...o, object_marking_refs: [marking] }));
      const status = (await this.request(`collections/${collection.id}/objects/`, {
        method: 'POST',
        headers: { 'content-type': TAXII_MEDIA_TYPE },
        body: JSON.stringify({ objects: envelope }),
      })) as { success_count?: number; failures?: { id: string; message?: string }[] };
      const failures = status.failures ?? [];
      if (failures.length > 0)
        throw new BulwarkError(
          'SCAN_HUB',
          `The hub refused ${failures.length} objects: ${failures[0]!.id}: ${failures[0]!.message ?? ''}`,
          {
            objectId: failures[0]!.id,
          },
        );
      posted += status.success_count ?? 0;
    }
    return { collection, posted };
  }

  private async collections(): Promise<Collection[]> {
    const body = (await this.get('collections/')) as { collections?: Collection[] };
    return body.collections ?? [];
  }

  private async apiRoot(): Promise<URL> {
    if (this.root === undefined) {
      const discovery = (await this.fetchJson(new URL('/taxii2/', this.base), {})) as { default?: string };
      if (typeof discovery.default !== 'string')
        throw new BulwarkError('SCAN_HUB', `${this.base.origin} names no default TAXII API root`);
      const root = new URL(discovery.default, this.base);
      if (!root.pathname.endsWith('/')) root.pathname += '/';
      this.root = root;
    }
    return this.root;
  }

  private async get(path: string): Promise<unknown> {
    return this.request(path, {});
  }

  private async request(path: string, init: RequestInit): Promise<unknown> {
    return this.fetchJson(new URL(path, await this.apiRoot()), init);
  }

  private async fetchJson(url: URL, init: RequestInit): Promise<unknown> {
    let response: Response;
    try {
      response = await fetch(url, {
        ...init,
        headers: {
          accept: TAXII_MEDIA_TYPE,
          authorization: `Bearer ${this.key}`,
          ...(init.headers as Record<string, string> | undefined),
        },
      });
    } catch (error) {
      throw new BulwarkError(
        'SCAN_HUB',
        `Cannot reach the hub at ${url.origin}: ${(error as Error).message}`,
        {
          hint: 'Check --hub and that the hub is running',
        },
      );
    }
    const text = await response.text();
    if (!response.ok) {
      let detail = text.slice(0, 300);
      try {
        const body = JSON.parse(text) as { title?: string; description?: string; message?: string };
        detail = body.description ?? body.message ?? body.title ?? detail;
      } catch {}
      throw new BulwarkError(
        'SCAN_HUB',
        `${init.method ?? 'GET'} ${url.pathname}: ${response.status} ${detail}`,
        {
          hint: response.status === 401 ? 'Check --key' : undefined,
        },
      );
    }
    return JSON.parse(text) as unknown;
  }
}
