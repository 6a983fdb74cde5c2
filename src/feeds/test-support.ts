import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BulwarkError } from '../errors/index.ts';
import { validateObject } from '../stix/index.ts';
import { SHIPPED_REFERENCE_DIR } from './reference-sources.ts';
import type { StixObject } from './types.ts';

/** Text of a shipped reference file. */
export function shipped(...parts: string[]): string {
  return readFileSync(join(SHIPPED_REFERENCE_DIR, ...parts), 'utf8');
}

export async function collect<T>(items: AsyncIterable<T> | Iterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/** Asserts that every object passes the STIX core's validation with no error. */
export function assertAllValid(objects: readonly StixObject[]): void {
  for (const object of objects) {
    const result = validateObject(object);
    assert.ok(
      result.ok,
      `${object.id}: ${result.ok ? '' : result.errors.map((e) => e.describe()).join('; ')}`,
    );
  }
}

/** Asserts `fn` throws FEED_FORMAT, and returns the error for further checks. */
export function feedFormatError(fn: () => unknown): BulwarkError {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof BulwarkError, `not a BulwarkError: ${String(error)}`);
    assert.equal(error.code, 'BULWARK_E_FEED_FORMAT');
    return error;
  }
  assert.fail('expected FEED_FORMAT');
}

export function ofType(objects: readonly StixObject[], type: string): StixObject[] {
  return objects.filter((o) => o.type === type);
}
