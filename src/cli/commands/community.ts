import { Command } from '@commander-js/extra-typings';
import {
  auditOperator,
  createCommunity,
  requireOrganisation,
  setCommunityMembers,
  setDefaultCommunity,
} from '../../hub/index.ts';
import type { Community, Store } from '../../store/index.ts';
import { printJson, writeOut } from '../output.ts';
import { withStore, withStoreOptions } from '../store-options.ts';

function names(list: string): string[] {
  return list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

async function orgNames(store: Store, community: Community): Promise<string[]> {
  const out: string[] = [];
  for (const id of community.orgIds) out.push((await store.getOrganisation(id))?.name ?? id);
  return out.sort();
}

async function show(store: Store, community: Community, json: boolean | undefined): Promise<void> {
  const orgs = await orgNames(store, community);
  if (json) await printJson({ id: community.id, name: community.name, created: community.createdAt, orgs });
  else await writeOut(`${community.name}\t${community.id}\t${orgs.join(', ')}\n`);
}

/** `bulwark community add|list|members|default`: sharing groups of organisations. */
export function registerCommunity(program: Command): void {
  const community = new Command('community').description('communities: sharing groups of organisations');
  withStoreOptions(
    community
      .command('add')
      .description('create a community of organisations (prints its id)')
      .argument('<name>', 'community name, e.g. "FS-ISAC"')
      .requiredOption('--orgs <names>', 'member organisations, comma-separated')
      .option('--json', 'print the community as JSON'),
  ).action(async (name, options) => {
    await withStore(options, async (store) => {
      const created = await createCommunity(store, name, names(options.orgs));
      await auditOperator(store, 'community.add', created.id, { name: created.name, orgIds: created.orgIds });
      if (options.json) await show(store, created, true);
      else await writeOut(`${created.id}\n`);
    });
  });
  withStoreOptions(
    community
      .command('list')
      .description('list communities with their members')
      .option('--org <name>', 'only the communities of this organisation')
      .option('--json', 'one JSON object per line'),
  ).action(async (options) => {
    await withStore(options, async (store) => {
      const all = options.org
        ? await store.members.communitiesOf((await requireOrganisation(store, options.org)).id)
        : await store.members.listCommunities();
      for (const c of all) await show(store, c, options.json);
    });
  });
  withStoreOptions(
    community
      .command('members')
      .description('set the member organisations of a community (replaces the list)')
      .argument('<name>', 'community name or id')
      .requiredOption('--orgs <names>', 'member organisations, comma-separated')
      .option('--json', 'print the community as JSON'),
  ).action(async (name, options) => {
    await withStore(options, async (store) => {
      const updated = await setCommunityMembers(store, name, names(options.orgs));
      await auditOperator(store, 'community.members', updated.id, { orgIds: updated.orgIds });
      await show(store, updated, options.json);
    });
  });
  withStoreOptions(
    community
      .command('default')
      .description("set an organisation's default community (where its GREEN and AMBER objects go)")
      .argument('<name>', 'community name or id')
      .requiredOption('--org <name>', 'the organisation, which must be a member'),
  ).action(async (name, options) => {
    await withStore(options, async (store) => {
      const chosen = await setDefaultCommunity(store, options.org, name);
      await auditOperator(store, 'community.default', chosen.id, { org: options.org });
      await writeOut(`${chosen.id}\n`);
    });
  });
  program.addCommand(community);
}
