import type { Command } from '@commander-js/extra-typings';
import { BulwarkError } from '../../errors/index.ts';
import { loadReferenceData } from '../../hub/index.ts';
import { DEFAULT_HARDENING, SERVE_RATE_LIMIT } from '../../server/hardening-options.ts';
import { createServer } from '../../server/index.ts';
import { describeLocation, graphDir, openStoreFrom, withStoreOptions } from '../store-options.ts';

function countOption(flag: string, text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new BulwarkError('USAGE', `${flag} ${text} is not a whole number`, {
      hint: `Give ${flag} a number ≥ 0`,
    });
  }
  return n;
}

/** `bulwark serve`: the hub on one port; loads the shipped reference data on first start. */
export function registerServe(program: Command): void {
  withStoreOptions(
    program
      .command('serve')
      .description('run the hub (HTTP) on one port; reference data is loaded on start if new')
      .option('--host <host>', 'address to listen on', '127.0.0.1')
      .option('--port <port>', 'port to listen on', '8080')
      .option('--no-reference', 'do not load the shipped reference data')
      .option(
        '--rate-limit <n>',
        'requests per minute per API key (per address when anonymous); 0 = off',
        String(SERVE_RATE_LIMIT),
      )
      .option(
        '--body-limit <bytes>',
        'largest request body accepted (413 above)',
        String(DEFAULT_HARDENING.bodyLimit),
      )
      .option('--cors <origin...>', 'origins allowed to call the hub from a browser (CORS is off without)')
      .option(
        '--webhook-allow-private',
        'let alert webhooks reach private, loopback and link-local addresses (refused by default: SSRF)',
      ),
  ).action(async (options) => {
    const port = Number(options.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      throw new BulwarkError('USAGE', `--port ${options.port} is not a port number`, { hint: 'Use 0–65535' });
    }
    const rateLimit = countOption('--rate-limit', options.rateLimit);
    const bodyLimit = countOption('--body-limit', options.bodyLimit);
    const store = await openStoreFrom(options);
    if (options.reference) {
      const results = await loadReferenceData(store);
      const added = results.reduce((n, r) => n + r.added, 0);
      process.stderr.write(
        `reference data: ${added} objects added from ${results.filter((r) => !r.unchanged).length} new files, ${results.filter((r) => r.unchanged).length} unchanged\n`,
      );
    }
    const app = createServer({
      store,
      graphDir: graphDir(options),
      rateLimit,
      bodyLimit,
      corsOrigins: options.cors ?? [],
      alerts: { webhook: { allowPrivate: options.webhookAllowPrivate === true } },
    });
    const close = async (): Promise<void> => {
      await app.close();
      await store.close();
      process.exit(0);
    };
    process.once('SIGINT', close);
    process.once('SIGTERM', close);
    const address = await app.listen({ host: options.host, port });
    process.stderr.write(`Bulwark hub listening on ${address} (${describeLocation(options)})\n`);
  });
}
