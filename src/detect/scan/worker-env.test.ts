import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { test } from 'node:test';
import { scanThreadEnv } from './worker-env.ts';

test('scanning threads get a compile cache that exists, and the rest of this process’s environment', () => {
  const env = scanThreadEnv();
  const user = process.env.NODE_COMPILE_CACHE;
  if (user !== undefined || process.env.NODE_DISABLE_COMPILE_CACHE !== undefined) {
    // the user's choice is left as it is
    assert.equal(env.NODE_COMPILE_CACHE, user);
  } else {
    assert.match(env.NODE_COMPILE_CACHE ?? '', /node_modules[/\\]\.cache[/\\]bulwark-compile-cache$/);
    assert.ok(existsSync(env.NODE_COMPILE_CACHE!));
    // only the threads' copy has it
    assert.equal(process.env.NODE_COMPILE_CACHE, undefined);
  }
  assert.equal(env.PATH, process.env.PATH);
});
