import { Command } from '@commander-js/extra-typings';
import { auditOperator, createKey, type KeyInfo, listKeys, revokeKey } from '../../hub/index.ts';
import { printJson, writeOut } from '../output.ts';
import { withStore, withStoreOptions } from '../store-options.ts';

function line(k: KeyInfo): string {
  const state = k.revokedAt ? `revoked ${k.revokedAt}` : 'active';
  return `${k.id}\t${k.orgId}\t${k.role}\t${state}\tlast used ${k.lastUsedAt ?? 'never'}\t${k.label ?? ''}\n`;
}

/** `bulwark key create|list|revoke`: API keys of member organisations. */
export function registerKey(program: Command): void {
  const key = new Command('key').description('API keys of member organisations (stored hashed)');
  withStoreOptions(
    key
      .command('create')
      .description('create a key and print it alone on stdout, once: it cannot be shown again')
      .requiredOption('--org <name>', 'the organisation the key acts for')
      .requiredOption('--role <role>', 'reader, contributor or admin')
      .option('--label <label>', 'a note to recognise the key by'),
  ).action(async (options) => {
    const created = await withStore(options, async (store) => {
      const made = await createKey(store, { org: options.org, role: options.role, label: options.label });
      await auditOperator(store, 'key.create', made.record.id, {
        orgId: made.record.orgId,
        role: made.record.role,
      });
      return made;
    });
    await writeOut(`${created.key}\n`);
  });
  withStoreOptions(
    key
      .command('list')
      .description('list keys (ids, roles, last use; never a secret)')
      .option('--org <name>', 'only the keys of this organisation')
      .option('--json', 'one JSON object per line'),
  ).action(async (options) => {
    const keys = await withStore(options, (store) => listKeys(store, options.org));
    for (const k of keys) {
      if (options.json) await printJson(k);
      else await writeOut(line(k));
    }
  });
  withStoreOptions(
    key
      .command('revoke')
      .description('revoke a key: it stops working at once (other server processes within seconds)')
      .argument('<id>', 'the key id (the part between bwk_ and the next _)')
      .option('--json', 'print the revoked key as JSON'),
  ).action(async (id, options) => {
    const revoked = await withStore(options, async (store) => {
      const info = await revokeKey(store, id);
      await auditOperator(store, 'key.revoke', info.id, { orgId: info.orgId });
      return info;
    });
    if (options.json) await printJson(revoked);
    else await writeOut(line(revoked));
  });
  program.addCommand(key);
}
