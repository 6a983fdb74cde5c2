import { Command } from '@commander-js/extra-typings';
import { loadReferenceData } from '../../hub/index.ts';
import { printJson, writeOut } from '../output.ts';
import { withStore, withStoreOptions } from '../store-options.ts';

/** `bulwark feeds update [FILE…]`: (re)load reference data from the shipped or given files. */
export function registerFeeds(program: Command): void {
  const feeds = new Command('feeds').description(
    'reference intelligence: sanctions lists, ATT&CK, MISP galaxy',
  );
  withStoreOptions(
    feeds
      .command('update')
      .description(
        'load the shipped reference data, or newer files of the same formats; unchanged files are skipped',
      )
      .argument(
        '[files...]',
        'files to load (OFAC lists, ATT&CK bundle, MISP galaxy, heist CSV); default: shipped',
      )
      .option('--force', 'load files even if this exact content was loaded before')
      .option('--json', 'one JSON summary per file'),
  ).action(async (files, options) => {
    const results = await withStore(options, (store) =>
      loadReferenceData(store, {
        ...(files.length ? { files } : {}),
        ...(options.force ? { force: true } : {}),
        onRejected: (file, r) =>
          process.stderr.write(`${file}: rejected object #${r.index}: ${r.errors[0]?.message}\n`),
      }),
    );
    for (const r of results) {
      if (options.json) await printJson(r);
      else if (r.unchanged) await writeOut(`${r.file}: unchanged, skipped\n`);
      else await writeOut(`${r.file}: ${r.added} added, ${r.duplicates} unchanged, ${r.rejected} rejected\n`);
    }
    if (results.some((r) => r.rejected > 0)) process.exitCode = 1;
  });
  program.addCommand(feeds);
}
