import { Command } from '@commander-js/extra-typings';
import { type AlertJson, alertJson, checkWebhookUrl } from '../../alerts/index.ts';
import { BulwarkError } from '../../errors/index.ts';
import { auditOperator, requireOrganisation } from '../../hub/index.ts';
import type { AlertStatus } from '../../store/index.ts';
import { printJson, writeOut } from '../output.ts';
import { withStore, withStoreOptions } from '../store-options.ts';

const STATUSES = ['open', 'acknowledged', 'all'] as const;

function line(orgName: string, a: AlertJson): string {
  return `${a.created}\t${orgName}\t${a.status}\t${a.wallet_role} ${a.address}\t${a.amount} ${a.asset}\ttx ${a.tx} block ${a.block}\tfrom ${a.sources.join(',')}\n`;
}

/** `bulwark alerts`: freeze alerts (the operator's view, or one organisation's); `alerts webhook`. */
export function registerAlerts(program: Command): void {
  const alerts = new Command('alerts').description(
    'freeze alerts: traced stolen value that reached an organisation’s registered wallets',
  );
  withStoreOptions(
    alerts
      .command('list', { isDefault: true })
      .description('list alerts (the default: bulwark alerts [--json])')
      .option('--org <name>', 'only this organisation’s alerts (default: every organisation)')
      .option('--status <status>', 'open, acknowledged or all', 'open')
      .option('--limit <n>', 'at most this many per organisation', '100')
      .option('--json', 'one JSON object per line'),
  ).action(async (options) => {
    const status = options.status as AlertStatus | 'all';
    if (!STATUSES.includes(status)) {
      throw new BulwarkError('USAGE', `--status ${options.status} is not one of ${STATUSES.join(', ')}`);
    }
    const limit = Number(options.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) {
      throw new BulwarkError('USAGE', `--limit ${options.limit} is not a whole number from 1 to 10000`);
    }
    const found = await withStore(options, async (store) => {
      const orgs = options.org
        ? [await requireOrganisation(store, options.org)]
        : await store.listOrganisations();
      const out: { org: string; alert: AlertJson }[] = [];
      for (const o of orgs) {
        for (const a of await store.alerts.listAlerts(o.id, { status, limit }))
          out.push({ org: o.name, alert: alertJson(a) });
      }
      return out;
    });
    for (const { org, alert } of found) {
      if (options.json) await printJson({ org, ...alert });
      else await writeOut(line(org, alert));
    }
  });
  withStoreOptions(
    alerts
      .command('webhook')
      .description('set an organisation’s alert webhook (deliveries signed with HMAC-SHA256)')
      .requiredOption('--org <name>', 'the organisation')
      .requiredOption('--url <url>', 'http(s) URL that receives POSTed alerts')
      .option(
        '--secret-env <var>',
        'environment variable holding the signing secret',
        'BULWARK_WEBHOOK_SECRET',
      )
      .option('--json', 'print the result as JSON'),
  ).action(async (options) => {
    const secret = process.env[options.secretEnv];
    if (!secret || secret.length < 16) {
      throw new BulwarkError('USAGE', `${options.secretEnv} must hold a secret of at least 16 characters`, {
        hint: 'The secret stays out of the command line (and of ps): export it in that variable',
      });
    }
    let url: URL;
    try {
      url = new URL(options.url);
    } catch {
      throw new BulwarkError('USAGE', `--url ${options.url} is not a URL`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new BulwarkError('USAGE', `--url must be http or https, not ${url.protocol}`);
    }
    try {
      checkWebhookUrl(url.href, false);
    } catch (error) {
      // the operator may set any URL; the hub refuses private targets unless it runs with the flag
      process.stderr.write(
        `warning: ${(error as Error).message}; deliveries will be refused unless the hub runs with bulwark serve --webhook-allow-private\n`,
      );
    }
    const updatedAt = new Date().toISOString();
    const org = await withStore(options, async (store) => {
      const o = await requireOrganisation(store, options.org);
      await store.alerts.setWebhook({ orgId: o.id, url: url.href, secret, updatedAt });
      await auditOperator(store, 'webhook.set', url.href, { org: o.name });
      return o;
    });
    if (options.json) await printJson({ org: org.name, url: url.href, updated_at: updatedAt });
    else await writeOut(`webhook of ${org.name}: ${url.href}\n`);
  });
  program.addCommand(alerts);
}
