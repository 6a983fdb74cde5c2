import assert from 'node:assert/strict';
import { test } from 'node:test';
import { patternValues } from './index.ts';

test('equality, IN members and wildcard-free LIKE give index values; the rest do not', () => {
  const values = patternValues(
    "[file:hashes.'SHA-256' = 'abc' OR file:name IN ('a.exe', 'b.exe') OR file:name LIKE 'c.exe'] " +
      "AND [file:name LIKE 'd%' OR file:name NOT = 'e' OR file:size > 5 OR file:name MATCHES 'f'] " +
      "FOLLOWEDBY [network-traffic:dst_ref.value = '10.0.0.1' AND network-traffic:dst_port = 443]",
  );
  assert.deepEqual(values, [
    { objectType: 'file', path: "hashes.'SHA-256'", value: 'abc' },
    { objectType: 'file', path: 'name', value: 'a.exe' },
    { objectType: 'file', path: 'name', value: 'b.exe' },
    { objectType: 'file', path: 'name', value: 'c.exe' },
    { objectType: 'network-traffic', path: 'dst_ref.value', value: '10.0.0.1' },
    { objectType: 'network-traffic', path: 'dst_port', value: '443' },
  ]);
});

test('values repeated in a pattern are listed once', () => {
  assert.deepEqual(patternValues("[url:value = 'x'] OR [url:value = 'x'] REPEATS 2 TIMES"), [
    { objectType: 'url', path: 'value', value: 'x' },
  ]);
});

test('a pattern that does not parse has no values instead of an error', () => {
  assert.deepEqual(patternValues("[url:value = 'x'"), []);
  assert.deepEqual(patternValues(''), []);
});

test('mixed object types under AND are still indexed', () => {
  assert.equal(patternValues("[file:name = 'a' AND url:value = 'b']").length, 2);
});
