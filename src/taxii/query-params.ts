/**
 * The URL parameters of TAXII 2.1 (§3.4 filtering, §3.5 pagination): `added_after`, `limit`, `next`,
 * `match[id]`, `match[type]`, `match[version]`, `match[spec_version]`, turned into a store query.
 * Values of one field are comma-separated and OR-ed; a field repeated in the URL counts as one list.
 */
import { BulwarkError } from '../errors/index.ts';
import type { ObjectQuery, VersionSelector } from '../store/index.ts';

export const DEFAULT_PAGE = 1000;
export const MAX_PAGE = 10_000;

export type QueryParams = Record<string, string | string[] | undefined>;

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;

function bad(field: string, message: string, hint: string): BulwarkError {
  return new BulwarkError('BAD_REQUEST', message, { path: field, hint });
}

function raw(params: QueryParams, field: string): string | undefined {
  const value = params[field];
  if (value === undefined) return undefined;
  return Array.isArray(value) ? value.join(',') : value;
}

function list(params: QueryParams, field: string): string[] | undefined {
  const value = raw(params, field);
  if (value === undefined) return undefined;
  const items = value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
  if (items.length === 0) throw bad(field, `${field} is empty`, `Give one or more comma-separated values`);
  return items;
}

function timestamp(field: string, value: string): string {
  if (!TIMESTAMP.test(value) || Number.isNaN(Date.parse(value))) {
    throw bad(
      field,
      `${field} is not an RFC 3339 UTC timestamp: "${value}"`,
      'Use e.g. 2026-11-23T15:30:00.123456Z',
    );
  }
  return value;
}

/**
 * `match[version]`: last (the default), first, all, exact `modified` timestamps, or a combination
 * (e.g. `first,last`), each a selector whose results the page unites.
 */
export function versionSelectors(params: QueryParams, fallback: VersionSelector): VersionSelector[] {
  const values = list(params, 'match[version]');
  if (values === undefined) return [fallback];
  if (values.includes('all')) return [{ kind: 'all' }];
  const selectors: VersionSelector[] = [];
  if (values.includes('last')) selectors.push({ kind: 'latest' });
  if (values.includes('first')) selectors.push({ kind: 'first' });
  const stamps = values.filter((v) => v !== 'last' && v !== 'first');
  if (stamps.length > 0) {
    selectors.push({ kind: 'modified', values: stamps.map((v) => timestamp('match[version]', v)) });
  }
  return selectors;
}

function pageLimit(params: QueryParams): number {
  const value = raw(params, 'limit');
  if (value === undefined) return DEFAULT_PAGE;
  if (!/^\d+$/.test(value) || Number(value) < 1) {
    throw bad('limit', `limit must be a positive integer, not "${value}"`, `Use 1 to ${MAX_PAGE}`);
  }
  return Math.min(MAX_PAGE, Number(value));
}

/** `next` is the opaque cursor this server handed out: the seq of the last object of the previous page. */
function cursor(params: QueryParams): number | undefined {
  const value = raw(params, 'next');
  if (value === undefined) return undefined;
  if (!/^\d{1,15}$/.test(value)) {
    throw bad(
      'next',
      `next is not a cursor this server handed out: "${value}"`,
      'Pass the "next" of the previous page as is',
    );
  }
  return Number(value);
}

export interface PageFilter
  extends Pick<ObjectQuery, 'ids' | 'types' | 'specVersions' | 'addedAfter' | 'afterSeq' | 'limit'> {
  versions?: VersionSelector[];
}

/** Filters and page of a list request; `allowed` names the match fields the resource takes. */
export function pageFilter(
  params: QueryParams,
  allowed: { id?: boolean; type?: boolean; version?: VersionSelector | false },
): PageFilter {
  const filter: PageFilter = { limit: pageLimit(params) };
  const afterSeq = cursor(params);
  if (afterSeq !== undefined) filter.afterSeq = afterSeq;
  const addedAfter = raw(params, 'added_after');
  if (addedAfter !== undefined) filter.addedAfter = timestamp('added_after', addedAfter);
  const specVersions = list(params, 'match[spec_version]');
  if (specVersions !== undefined) filter.specVersions = specVersions;
  if (allowed.id) {
    const ids = list(params, 'match[id]');
    if (ids !== undefined) filter.ids = ids;
  }
  if (allowed.type) {
    const types = list(params, 'match[type]');
    if (types !== undefined) filter.types = types;
  }
  if (allowed.version !== false && allowed.version !== undefined) {
    filter.versions = versionSelectors(params, allowed.version);
  }
  return filter;
}
