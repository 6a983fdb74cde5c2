import assert from 'node:assert/strict';
import { test } from 'node:test';
import { scanThreads } from './scanner.ts';

test('with the byte prefilter a scan leaves this thread a core; without it, a thread per core; 1 to 8', () => {
  assert.deepEqual(
    [1, 2, 4, 16].map((cores) => scanThreads(true, cores)),
    [1, 1, 3, 8],
  );
  assert.deepEqual(
    [1, 2, 4, 16].map((cores) => scanThreads(false, cores)),
    [1, 2, 4, 8],
  );
});
