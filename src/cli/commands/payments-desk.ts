/**
 * `bulwark payments holds | decide | report | policy`: the payment desk on the command line, against
 * the hub's store. A person acts with their API key (`--key` or BULWARK_API_KEY), so the two-person
 * rule and the audit log are the same as over HTTP; the operator may read an organisation's holds and
 * report with `--org`.
 */
import type { Command } from '@commander-js/extra-typings';
import { BulwarkError } from '../../errors/index.ts';
import { authenticate, requireOrganisation } from '../../hub/index.ts';
import { type DeskActor, decideHold, setApprovalsRequired } from '../../server/api/payments-desk.ts';
import { flushHistories } from '../../server/api/payments-history.ts';
import { dailyReport, reportText } from '../../server/api/payments-report.ts';
import type { HoldStatus, PaymentHold, Store } from '../../store/index.ts';
import { printJson, writeOut } from '../output.ts';
import { withStore, withStoreOptions } from '../store-options.ts';

const STATUSES: readonly HoldStatus[] = ['held', 'released', 'rejected', 'alerted'];

/** The person behind an API key, as the hub authenticates it. */
export async function personOf(
  store: Store,
  key: string | undefined,
): Promise<DeskActor & { keyId: string }> {
  const text = key ?? process.env.BULWARK_API_KEY;
  if (!text) {
    throw new BulwarkError('USAGE', 'This needs the API key of the person acting', {
      hint: 'Give --key KEY or set BULWARK_API_KEY (bulwark key create makes one)',
    });
  }
  const caller = await authenticate(store, `Bearer ${text}`, 'cli');
  if (caller.kind !== 'member') throw new BulwarkError('UNAUTHENTICATED', 'The API key was not accepted');
  return { orgId: caller.orgId, keyId: caller.userId, source: 'cli' };
}

/** The organisation whose desk is read: `--org` (the operator), else the key's. */
async function orgOf(store: Store, options: { org?: string; key?: string }): Promise<string> {
  if (options.org) return (await requireOrganisation(store, options.org)).id;
  return (await personOf(store, options.key)).orgId;
}

function holdLine(h: PaymentHold): string {
  const approvals = h.decisions.filter((d) => d.decision === 'approve').length;
  const reasons = h.reasons.map((r) => String(r.kind)).join(',') || '-';
  return `${h.id}\t${h.status}\t${h.reference}\t${h.currency} ${h.amount}\t${h.risk} ${h.score}\t${approvals}/${h.approvalsRequired}\t${reasons}\n`;
}

const keyOption = '--key <key>';
const keyHelp = 'API key of the person acting (env BULWARK_API_KEY)';

export function registerPaymentDesk(payments: Command): void {
  withStoreOptions(
    payments
      .command('holds')
      .description('list held, released, rejected and alerted payments of your organisation, oldest first')
      .option('--status <status>', `only ${STATUSES.join(', ')}`)
      .option('--org <name>', 'as the operator: this organisation’s holds')
      .option(keyOption, keyHelp)
      .option('--limit <n>', 'at most this many', '1000')
      .option('--json', 'one JSON object per hold'),
  ).action(async (options) => {
    const status = options.status as HoldStatus | undefined;
    if (status !== undefined && !STATUSES.includes(status)) {
      throw new BulwarkError('USAGE', `--status ${status} is not one of ${STATUSES.join(', ')}`);
    }
    const limit = Number(options.limit);
    if (!Number.isInteger(limit) || limit < 1)
      throw new BulwarkError('USAGE', `--limit ${options.limit} is not a positive whole number`);
    const holds = await withStore(options, async (store) =>
      store.payments.listHolds({ orgId: await orgOf(store, options), limit, ...(status ? { status } : {}) }),
    );
    if (!options.json) await writeOut('ID\tSTATUS\tREFERENCE\tAMOUNT\tRISK\tAPPROVALS\tREASONS\n');
    for (const h of holds) {
      if (options.json) await printJson({ ...h, message: undefined });
      else await writeOut(holdLine(h));
    }
  });

  withStoreOptions(
    payments
      .command('decide')
      .description('approve or reject a held payment: never your own, once per person; audited')
      .argument('<id>', 'hold id, as payments holds lists it')
      .argument('<decision>', 'approve or reject')
      .requiredOption('--comment <text>', 'why (kept with the hold and in the audit log)')
      .option(keyOption, keyHelp)
      .option('--json', 'print the hold as JSON'),
  ).action(async (id, decision, options) => {
    if (decision !== 'approve' && decision !== 'reject') {
      throw new BulwarkError('USAGE', `decision "${decision}" is not approve or reject`);
    }
    if (options.comment.trim() === '') throw new BulwarkError('USAGE', '--comment must say why');
    const hold = await withStore(options, async (store) => {
      const decided = await decideHold(
        store,
        await personOf(store, options.key),
        id,
        decision,
        options.comment.trim(),
      );
      await flushHistories(store);
      return decided;
    });
    if (options.json) await printJson({ ...hold, message: undefined });
    else
      await writeOut(
        `${hold.id} ${hold.status} (${hold.decisions.filter((d) => d.decision === 'approve').length}/${hold.approvalsRequired} approvals)\n`,
      );
  });

  withStoreOptions(
    payments
      .command('report')
      .description('daily report: what was held, alerted, released and rejected on a UTC day, and why')
      .requiredOption('--day <YYYY-MM-DD>', 'the day (UTC)')
      .option('--org <name>', 'as the operator: this organisation’s desk')
      .option(keyOption, keyHelp)
      .option('--json', 'the report as one JSON object'),
  ).action(async (options) => {
    const report = await withStore(options, async (store) =>
      dailyReport(store, await orgOf(store, options), options.day),
    );
    if (options.json) await printJson(report);
    else await writeOut(reportText(report));
  });

  withStoreOptions(
    payments
      .command('policy')
      .description('how many people other than the submitter must approve a hold (an admin key)')
      .requiredOption('--approvals <n>', '1 (a second person) or 2 (second and third)')
      .option(keyOption, keyHelp),
  ).action(async (options) => {
    if (options.approvals !== '1' && options.approvals !== '2')
      throw new BulwarkError('USAGE', '--approvals is 1 or 2');
    await withStore(options, async (store) => {
      const person = await personOf(store, options.key);
      const key = await store.members.getKey(person.keyId);
      if (key?.role !== 'admin')
        throw new BulwarkError('FORBIDDEN', 'Setting the approval policy needs an admin key');
      await setApprovalsRequired(store, person, options.approvals === '2' ? 2 : 1);
    });
    await writeOut(`holds now need ${options.approvals} approval(s)\n`);
  });
}
