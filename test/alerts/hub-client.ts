/** What the end-to-end freeze-alert tests share: waiting on a hub, reading its alert stream, a webhook receiver. */
import type { ChildProcess } from 'node:child_process';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { startCli } from '../support/cli.ts';

export interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

export interface StreamEvents {
  comments: string[];
  alerts: { id: string }[];
}

export async function until<T>(what: string, probe: () => Promise<T | undefined>, tries = 200): Promise<T> {
  for (let i = 0; i < tries; i++) {
    const found = await probe();
    if (found !== undefined) return found;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`gave up waiting for ${what}`);
}

/** Reads a server-sent-events response into `events`, comments included. */
export function readStream(response: Response, events: StreamEvents): void {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  void (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let cut = buffer.indexOf('\n\n');
      while (cut >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        if (block.startsWith(':')) events.comments.push(block.slice(1).trim());
        else if (block.includes('event: alert')) {
          const data = block.split('\n').find((l) => l.startsWith('data: '))!;
          events.alerts.push(JSON.parse(data.slice(6)) as { id: string });
        }
        cut = buffer.indexOf('\n\n');
      }
    }
  })();
}

/** An HTTP server that keeps every request it receives (a webhook endpoint). */
export function webhookReceiver(): { server: Server; hooks: Received[] } {
  const hooks: Received[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8').on('data', (d: string) => {
      body += d;
    });
    req.on('end', () => {
      hooks.push({ headers: req.headers, body });
      res.writeHead(204).end();
    });
  });
  return { server, hooks };
}

/** The `listening on URL` line of a starting `bulwark serve`. */
export function listeningUrl(serve: ChildProcess): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    let text = '';
    serve.stderr!.setEncoding('utf8').on('data', (d: string) => {
      text += d;
      const m = /listening on (http:\/\/[^\s]+)/.exec(text);
      if (m) resolve(m[1]!);
    });
    serve.on('exit', (code) => reject(new Error(`serve exited ${code}: ${text}`)));
  });
}

/**
 * `bulwark serve` over a test data directory, as the freeze-alert tests run it: any free port, no
 * reference data, no rate limit, webhooks to the test's loopback receiver allowed.
 */
export async function startAlertHub(data: string): Promise<{ serve: ChildProcess; api: string }> {
  const serve = startCli([
    'serve',
    '--data',
    data,
    '--port',
    '0',
    '--no-reference',
    '--rate-limit',
    '0',
    '--webhook-allow-private',
  ]);
  return { serve, api: await listeningUrl(serve) };
}
