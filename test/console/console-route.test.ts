/** The static route of `bulwark serve`: content types, SPA fallback, caching, and what it refuses. */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import Fastify from 'fastify';
import { registerConsole } from '../../src/server/console.ts';
import { tempDir } from '../support/temp-dir.ts';

async function consoleApp(built = true) {
  const dir = tempDir('bulwark-dist-');
  if (built) {
    mkdirSync(join(dir.path, 'assets'));
    writeFileSync(join(dir.path, 'index.html'), '<!doctype html><title>console</title>');
    writeFileSync(join(dir.path, 'assets', 'index-AbC123.js'), 'console.log(1)');
    writeFileSync(join(dir.path, 'assets', 'index-AbC123.css'), 'body{}');
  }
  const app = Fastify();
  registerConsole(app, { root: dir.path });
  await app.ready();
  const close = async () => {
    await app.close();
    dir.remove();
  };
  return { app, close };
}

test('hashed assets are served with their content type and cached as immutable', async () => {
  const { app, close } = await consoleApp();
  const js = await app.inject({ url: '/assets/index-AbC123.js' });
  assert.equal(js.statusCode, 200);
  assert.equal(js.headers['content-type'], 'text/javascript; charset=utf-8');
  assert.match(String(js.headers['cache-control']), /immutable/);
  const css = await app.inject({ url: '/assets/index-AbC123.css' });
  assert.equal(css.headers['content-type'], 'text/css; charset=utf-8');
  await close();
});

test('text assets are gzipped for clients that accept it, and sent as they are to others', async () => {
  const { app, close } = await consoleApp();
  const zipped = await app.inject({
    url: '/assets/index-AbC123.js',
    headers: { 'accept-encoding': 'gzip, br' },
  });
  assert.equal(zipped.headers['content-encoding'], 'gzip');
  assert.equal(zipped.headers.vary, 'accept-encoding');
  assert.equal(gunzipSync(zipped.rawPayload).toString(), 'console.log(1)');
  const plain = await app.inject({
    url: '/assets/index-AbC123.js',
    headers: { 'accept-encoding': 'identity' },
  });
  assert.equal(plain.headers['content-encoding'], undefined);
  assert.equal(plain.body, 'console.log(1)');
  await close();
});

test('any page path answers index.html, revalidated, with a same-origin CSP', async () => {
  const { app, close } = await consoleApp();
  for (const url of ['/', '/actors/intrusion-set--00f67a77-86a4-4adf-be26-1a54fc713340', '/search?q=APT38']) {
    const page = await app.inject({ url });
    assert.equal(page.statusCode, 200, url);
    assert.equal(page.headers['content-type'], 'text/html; charset=utf-8');
    assert.equal(page.headers['cache-control'], 'no-cache');
    assert.match(String(page.headers['content-security-policy']), /default-src 'self'/);
    assert.match(page.body, /<title>console/);
  }
  await close();
});

test('a missing asset or file and the API prefixes are 404, never index.html', async () => {
  const { app, close } = await consoleApp();
  for (const url of ['/assets/index-gone.js', '/favicon.ico', '/api/v1/nothing', '/taxii2/nothing']) {
    const answer = await app.inject({ url });
    assert.equal(answer.statusCode, 404, url);
    assert.doesNotMatch(answer.body, /<title>console/, url);
  }
  await close();
});

test('a path that climbs out of the build never reaches the file it names', async () => {
  const { app, close } = await consoleApp();
  for (const url of [
    '/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
    '/assets/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
    '/..%2f..%2f..%2fetc/passwd',
  ]) {
    const answer = await app.inject({ url });
    assert.doesNotMatch(answer.body, /root:/, url);
  }
  await close();
});

test('a hub whose console is not built says how to build it', async () => {
  const { app, close } = await consoleApp(false);
  const answer = await app.inject({ url: '/' });
  assert.equal(answer.statusCode, 503);
  assert.match(answer.body, /npm run build:console/);
  await close();
});
