import canonicalize from 'canonicalize';
import type { FeedReport, StixObject } from './types.ts';

/**
 * Turns a fresh conversion into the versions a hub should store, given what an earlier run produced:
 * - an object the previous run also produced, unchanged but for its timestamps, comes out exactly as
 *   stored (same id and modified: a duplicate, nothing new);
 * - a changed one comes out as a new version: same id and created, later modified;
 * - an object of the same feed that the new list no longer yields comes out revoked (a new version);
 * - SCOs have no versions and pass through.
 * Without `previous`, objects pass through unchanged (their timestamps are the list date).
 */
export function* reconcile(
  current: Iterable<StixObject>,
  previous: Iterable<StixObject> | undefined,
  feed: string,
  asOf: string,
  report?: FeedReport,
): Generator<StixObject> {
  if (previous === undefined) {
    yield* current;
    return;
  }
  const before = latestOfFeed(previous, feed);
  const seen = new Set<string>();
  for (const object of current) {
    seen.add(object.id);
    const prior = before.get(object.id);
    if (typeof object.created !== 'string' || prior === undefined) {
      yield object;
      continue;
    }
    if (prior.revoked === true) {
      // A revoked object takes no further versions (STIX 2.1, 3.6.2): the entry stays out until an
      // operator decides; the report says so instead of dropping it silently.
      report?.skipped.push({ entry: object.id, reason: 'listed again after its revocation' });
      continue;
    }
    yield carryForward(object, prior, asOf);
  }
  for (const [id, prior] of before) {
    if (!seen.has(id) && prior.revoked !== true) {
      yield { ...prior, modified: laterThan(asOf, prior.modified), revoked: true };
    }
  }
}

function latestOfFeed(previous: Iterable<StixObject>, feed: string): Map<string, StixObject> {
  const latest = new Map<string, StixObject>();
  for (const object of previous) {
    if (object.x_bulwark_feed !== feed || typeof object.modified !== 'string') continue;
    const known = latest.get(object.id);
    if (!known || Date.parse(object.modified) > Date.parse(String(known.modified)))
      latest.set(object.id, object);
  }
  return latest;
}

function carryForward(object: StixObject, prior: StixObject, asOf: string): StixObject {
  const merged: StixObject = { ...object, created: prior.created, modified: prior.modified };
  // An indicator stays valid from when the address was first listed, not from each new list's date.
  if (typeof prior.valid_from === 'string' && typeof object.valid_from === 'string') {
    merged.valid_from = prior.valid_from;
  }
  if (canonicalize(merged) === canonicalize(prior)) return prior;
  return { ...merged, modified: laterThan(asOf, prior.modified) };
}

/** `asOf` when it is after `modified`, else one millisecond after it: a new version must be later. */
export function laterThan(asOf: string, modified: unknown): string {
  const before = Date.parse(String(modified));
  const at = Date.parse(asOf);
  return new Date(at > before ? at : before + 1).toISOString();
}
