import { createInterface } from 'node:readline';
import type { Command } from '@commander-js/extra-typings';
import pc from 'picocolors';
import { communityIdsOf, requireOrganisation } from '../../hub/index.ts';
import {
  buildScreeningIndexForScope,
  clusterExposureFor,
  type Screener,
  type ScreenResult,
} from '../../screen/index.ts';
import type { ReadScope, Store } from '../../store/index.ts';
import { ClusterSource } from '../../trace/cluster/index.ts';
import { printJson, writeOut } from '../output.ts';
import { graphDir, withStore, withStoreOptions } from '../store-options.ts';

/** `bulwark screen ADDRESS…|- [--as-org NAME] [--json]`: risk and reasons of each address. */
export function registerScreen(program: Command): void {
  withStoreOptions(
    program
      .command('screen')
      .description('screen wallet addresses against sanctions lists, heist intelligence and service labels')
      .argument('<addresses...>', 'addresses to screen; - reads them from stdin, one per line')
      .option('--as-org <name>', 'screen with what this organisation may read (default: everything)')
      .option('--json', 'one JSON result per line: { address, risk, reasons }'),
  ).action(async (addresses, options) => {
    await withStore(options, async (store) => {
      // same-cluster reasons when clusters were built beside the data directory's graph
      const clusters = new ClusterSource(graphDir(options));
      const screener = await buildScreeningIndexForScope(store, await scopeFor(store, options.asOrg), {
        exposureFor: clusterExposureFor(() => clusters.current()),
      });
      for await (const address of addressesOf(addresses)) {
        const result = screener.screen(address);
        if (options.json) await printJson(result);
        else await writeOut(describe(result));
      }
      if (!options.json) process.stderr.write(summary(screener));
      clusters.close();
    });
  });
}

async function scopeFor(store: Store, asOrg: string | undefined): Promise<ReadScope> {
  if (!asOrg) return { kind: 'all' };
  const org = await requireOrganisation(store, asOrg);
  return { kind: 'member', orgId: org.id, communityIds: await communityIdsOf(store, org.id) };
}

async function* addressesOf(args: readonly string[]): AsyncGenerator<string> {
  for (const arg of args) {
    if (arg !== '-') {
      yield arg;
      continue;
    }
    for await (const line of createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY })) {
      if (line.trim() !== '') yield line.trim();
    }
  }
}

const COLOURS = { severe: pc.red, high: pc.red, medium: pc.yellow, low: pc.cyan, none: pc.green };

function describe(result: ScreenResult): string {
  const lines = [`${result.address}  ${COLOURS[result.risk](result.risk.toUpperCase())}`];
  for (const reason of result.reasons) {
    const entities = reason.entities.map((e) => e.name).join(', ');
    const since = reason.since ? ` since ${reason.since.slice(0, 10)}` : '';
    const overridden = reason.overridden_by ? ` (overridden by ${reason.overridden_by})` : '';
    lines.push(
      `  ${reason.category}: ${reason.detail} — ${reason.source}${since}${entities ? ` [${entities}]` : ''}${overridden}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function summary(screener: Screener): string {
  return pc.dim(
    `screened against ${screener.labelledAddresses.toLocaleString('en-US')} labelled addresses\n`,
  );
}
