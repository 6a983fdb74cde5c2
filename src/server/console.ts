/**
 * The analyst console: the built React app (web/dist) served at `/`. Hashed assets are immutable;
 * any other path that is not a file gets index.html, so the browser-side router owns the URL space.
 * The API and TAXII prefixes keep their own 404s.
 */
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export const CONSOLE_DIST = join(import.meta.dirname, '..', '..', 'web', 'dist');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

// Paths owned by other parts of the server: an unknown one there is their 404, never the console.
const FOREIGN = ['/api/', '/taxii2/', '/healthz'];

// The console only talks to its own origin; nothing inline, nothing third-party.
const CSP =
  "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; " +
  "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

async function fileAt(root: string, urlPath: string): Promise<string | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  const full = normalize(join(root, decoded));
  if (full !== root && !full.startsWith(root + sep)) return undefined;
  const info = await stat(full).catch(() => undefined);
  return info?.isFile() ? full : undefined;
}

const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.svg', '.txt', '.map']);

// Built files change only on a rebuild: each is compressed once per modification time, then served from memory.
const gzipped = new Map<string, { mtimeMs: number; body: Buffer }>();

async function bodyOf(file: string, gzip: boolean): Promise<Buffer> {
  if (!gzip) return readFile(file);
  const { mtimeMs } = await stat(file);
  const cached = gzipped.get(file);
  if (cached?.mtimeMs === mtimeMs) return cached.body;
  const body = gzipSync(await readFile(file), { level: 9 });
  gzipped.set(file, { mtimeMs, body });
  return body;
}

async function send(
  request: FastifyRequest,
  reply: FastifyReply,
  file: string,
  immutable: boolean,
): Promise<FastifyReply> {
  const gzip =
    COMPRESSIBLE.has(extname(file)) && /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
  const body = await bodyOf(file, gzip);
  if (gzip) reply.header('content-encoding', 'gzip');
  return reply
    .header('content-type', TYPES[extname(file)] ?? 'application/octet-stream')
    .header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache')
    .header('vary', 'accept-encoding')
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', CSP)
    .header('referrer-policy', 'no-referrer')
    .send(body);
}

export function registerConsole(app: FastifyInstance, options: { root?: string } = {}): void {
  const root = normalize(options.root ?? CONSOLE_DIST);
  app.get('/*', async (request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    if (FOREIGN.some((p) => path.startsWith(p))) return reply.callNotFound();
    const file = path === '/' ? undefined : await fileAt(root, path);
    if (file !== undefined) return send(request, reply, file, path.startsWith('/assets/'));
    // A missing asset or file is a 404: index.html in place of a script or icon fails obscurely in the browser.
    if (path.startsWith('/assets/') || /\.[a-z0-9]{1,8}$/i.test(path)) return reply.callNotFound();
    const index = join(root, 'index.html');
    if ((await stat(index).catch(() => undefined)) === undefined) {
      return reply
        .status(503)
        .header('content-type', 'text/plain; charset=utf-8')
        .send(
          'The analyst console is not built on this hub. Run `npm run build:console` (or `npm start`).\n',
        );
    }
    return send(request, reply, index, false);
  });
}
