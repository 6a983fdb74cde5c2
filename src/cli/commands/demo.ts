import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from '@commander-js/extra-typings';
import { runDemo } from '../../demo/index.ts';
import { printJson, writeOut } from '../output.ts';

function percent(x: number): string {
  return `${(x * 100).toFixed(1)} %`;
}

/** `bulwark demo`: a heist on a local chain, ingested, traced and checked against the truth. */
export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description(
      'the whole story on a local chain: a heist and its laundering on anvil, ingested, traced, checked against the ground truth',
    )
    .option('--data <dir>', 'where to keep the chain graph (default: a new temporary directory)')
    .option('--json', 'print the report as JSON: recall, precision, amount_error, destinations …')
    .action(async (options) => {
      const data = options.data ?? mkdtempSync(join(tmpdir(), 'bulwark-demo-'));
      const report = await runDemo(data, (s) => {
        if (!options.json) process.stderr.write(`${s.step}: ${s.detail}\n`);
      });
      if (options.json) {
        await printJson({ data, ...report });
        return;
      }
      const lines = [
        `stolen: ${report.stolen.map((s) => `${s.value} ${s.asset === 'ETH' ? 'wei' : `units of ${s.asset}`}`).join(', ')}`,
        `addresses that received stolen value: ${report.truth}; traced: ${report.found}`,
        `recall ${percent(report.recall)}, precision ${percent(report.precision)}, largest amount error ${report.amount_error.toExponential(1)}`,
        `exchanges reached (freeze alerts): ${report.exchangesReached.join(', ') || 'none'}`,
        'where it ended up:',
        ...report.destinations.map(
          (d) => `  ${d.category.padEnd(10)} ${d.name.padEnd(24)} ${d.value} (${d.addresses} addresses)`,
        ),
        `the chain graph is in ${join(data, 'chain')}: try 'bulwark trace ADDRESS --data ${data}'`,
      ];
      await writeOut(`${lines.join('\n')}\n`);
    });
}
