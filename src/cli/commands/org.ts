import { Command } from '@commander-js/extra-typings';
import { addOrganisation } from '../../hub/index.ts';
import { printJson, writeOut } from '../output.ts';
import { withStore, withStoreOptions } from '../store-options.ts';

/** `bulwark org add NAME`, `bulwark org list`. */
export function registerOrg(program: Command): void {
  const org = new Command('org').description('member organisations of the hub');
  withStoreOptions(
    org
      .command('add')
      .description('register an organisation (prints its STIX identity id)')
      .argument('<name>', 'organisation name, e.g. "Bank of Example"')
      .option('--sector <sector>', 'STIX industry sector, e.g. financial-services')
      .option('--json', 'print the organisation as JSON'),
  ).action(async (name, options) => {
    const created = await withStore(options, (store) => addOrganisation(store, name, options.sector));
    if (options.json) await printJson({ id: created.id, name: created.name, created: created.createdAt });
    else await writeOut(`${created.id}\n`);
  });
  withStoreOptions(
    org.command('list').description('list organisations').option('--json', 'one JSON object per line'),
  ).action(async (options) => {
    const all = await withStore(options, (store) => store.listOrganisations());
    for (const o of all) {
      if (options.json) await printJson({ id: o.id, name: o.name, created: o.createdAt });
      else await writeOut(`${o.name}\t${o.id}\n`);
    }
  });
  program.addCommand(org);
}
