import type { Command } from '@commander-js/extra-typings';
import { communityIdsOf, exportBundle, requireOrganisation } from '../../hub/index.ts';
import type { ReadScope } from '../../store/index.ts';
import { writeOut } from '../output.ts';
import { progressBar } from '../progress.ts';
import { withStore, withStoreOptions } from '../store-options.ts';

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, ...value.split(',').filter(Boolean)];
}

/** `bulwark export [--as-org NAME] [--type T]…`: a STIX bundle on stdout, streamed. */
export function registerExport(program: Command): void {
  withStoreOptions(
    program
      .command('export')
      .description('write a STIX 2.1 bundle of the stored objects to stdout (streamed, any size)')
      .option('--as-org <name>', 'only what this organisation may read')
      .option('--type <type>', 'only objects of this STIX type (repeatable, or comma-separated)', collect)
      .option('--all-versions', 'every stored version, not only the latest'),
  ).action(async (options) => {
    await withStore(
      options,
      async (store) => {
        let scope: ReadScope = { kind: 'all' };
        if (options.asOrg) {
          const org = await requireOrganisation(store, options.asOrg);
          scope = { kind: 'member', orgId: org.id, communityIds: await communityIdsOf(store, org.id) };
        }
        const query = {
          scope,
          ...(options.type?.length ? { types: options.type } : {}),
          versions: options.allVersions ? ({ kind: 'all' } as const) : ({ kind: 'latest' } as const),
        };
        // the total costs a count over the store: only worth it when someone watches the bar
        const total = process.stderr.isTTY ? await store.count(query) : undefined;
        const bar = progressBar('exporting', total, 'objects');
        try {
          for await (const piece of exportBundle(store, query, (n) => {
            if (n % 1000 === 0) bar.update(n);
          })) {
            await writeOut(piece);
          }
        } finally {
          bar.stop();
        }
      },
      { readonly: true },
    );
  });
}
