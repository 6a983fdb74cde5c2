import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Command } from '@commander-js/extra-typings';
import pc from 'picocolors';
import { communityIdsOf, requireOrganisation } from '../../hub/index.ts';
import {
  buildScreeningIndexForScope,
  clusterExposureFor,
  type Screener,
  type ScreenResult,
  type TaintPath,
  TaintRegistry,
} from '../../screen/index.ts';
import type { ReadScope, Store } from '../../store/index.ts';
import { ClusterSource } from '../../trace/cluster/index.ts';
import { printJson, writeOut } from '../output.ts';
import { type Progress, progressBar } from '../progress.ts';
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
      const graph = graphDir(options);
      // same-cluster reasons when clusters were built beside the data directory's graph
      const clusters = new ClusterSource(graph);
      const sameCluster = clusterExposureFor(() => clusters.current());
      const taint = existsSync(join(graph, 'MANIFEST.json'))
        ? new TaintRegistry({ graphDir: graph, persist: 'read' })
        : undefined;
      try {
        // indirect exposure as the server answers it: the same states (loaded from <graph>/taint when
        // saved), providers in the same order; moved to the head below, before any answer
        if (taint) taint.driven = true;
        const screener = await buildScreeningIndexForScope(store, await scopeFor(store, options.asOrg), {
          exposureFor: (index) => [...(taint?.exposureFor(index) ?? []), ...sameCluster(index)],
        });
        if (taint) catchUp(taint);
        for await (const address of addressesOf(addresses)) {
          const result = screener.screen(address);
          if (options.json) await printJson(result);
          else await writeOut(describe(result));
        }
        if (!options.json) process.stderr.write(summary(screener, taint));
      } finally {
        taint?.close();
        clusters.close();
      }
    });
  });
}

/**
 * Brings the states to the graph's head in memory (never saved: a running server owns the files),
 * so no answer lacks indirect exposure; a progress bar on a terminal once it has taken half a second.
 */
function catchUp(taint: TaintRegistry): void {
  const started = Date.now();
  let bar: Progress | undefined;
  taint.catchUp((read, total) => {
    if (!bar && Date.now() - started > 500) bar = progressBar('indirect exposure', total, 'blocks');
    bar?.update(read);
  });
  bar?.stop();
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
    for (const route of (reason as { paths?: TaintPath[] }).paths ?? []) {
      lines.push(
        pc.dim(
          `    ${(route.share * 100).toFixed(2)}% ${route.asset}, largest ${route.largest}: ${route.path.join(' → ')}`,
        ),
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

function summary(screener: Screener, taint: TaintRegistry | undefined): string {
  const g = taint?.graph();
  const head = g
    ? ` and the taint of their flagged sources within ${taint!.hops} hops over the chain graph`
    : '';
  return pc.dim(
    `screened against ${screener.labelledAddresses.toLocaleString('en-US')} labelled addresses${head}\n`,
  );
}
