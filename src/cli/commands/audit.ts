import type { Command } from '@commander-js/extra-typings';
import { BulwarkError } from '../../errors/index.ts';
import { requireOrganisation } from '../../hub/index.ts';
import type { AuditEntry, AuditQuery } from '../../store/index.ts';
import { printJson, writeOut } from '../output.ts';
import { withStore, withStoreOptions } from '../store-options.ts';

const OUTCOMES: readonly AuditEntry['outcome'][] = ['ok', 'denied', 'failed'];

function whole(text: string, flag: string, max: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || n > max) {
    throw new BulwarkError('USAGE', `${flag} ${text} is not a whole number from 0 to ${max}`);
  }
  return n;
}

function line(e: AuditEntry): string {
  const who = e.orgId === null ? 'operator' : `${e.orgId}${e.keyId ? ` key ${e.keyId}` : ''}`;
  const detail = e.detail === null ? '' : `\t${JSON.stringify(e.detail)}`;
  return `${e.seq}\t${e.at}\t${who}\t${e.action}\t${e.target ?? '-'}\t${e.outcome}\t${e.source ?? '-'}${detail}\n`;
}

/** `bulwark audit`: the audit log, oldest first (the operator's view). */
export function registerAudit(program: Command): void {
  withStoreOptions(
    program
      .command('audit')
      .description('show the audit log: writes, admin actions, denied reads (never a secret)')
      .option('--org <name>', 'only entries of this organisation')
      .option('--action <action>', 'only this action, e.g. key.create, auth.refused')
      .option('--outcome <outcome>', 'only ok, denied or failed')
      .option('--after <seq>', 'only entries after this sequence number')
      .option('--limit <n>', 'at most this many entries', '1000')
      .option('--json', 'one JSON object per line'),
  ).action(async (options) => {
    const outcome = options.outcome as AuditEntry['outcome'] | undefined;
    if (outcome !== undefined && !OUTCOMES.includes(outcome)) {
      throw new BulwarkError('USAGE', `--outcome ${outcome} is not one of ${OUTCOMES.join(', ')}`);
    }
    const entries = await withStore(options, async (store) => {
      const query: AuditQuery = { limit: Math.max(1, whole(options.limit, '--limit', 10_000)) };
      if (options.org) query.orgId = (await requireOrganisation(store, options.org)).id;
      if (options.action) query.action = options.action;
      if (outcome) query.outcome = outcome;
      if (options.after) query.afterSeq = whole(options.after, '--after', Number.MAX_SAFE_INTEGER);
      return store.members.queryAudit(query);
    });
    for (const e of entries) {
      if (options.json) await printJson(e);
      else await writeOut(line(e));
    }
  });
}
