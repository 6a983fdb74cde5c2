import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from '@commander-js/extra-typings';
import { runDemo } from '../../demo/index.ts';
import { printJson, writeOut } from '../output.ts';

/** Base units as a decimal number of whole units, trailing zeros dropped. */
function decimal(value: string, decimals: number): string {
  const digits = value.padStart(decimals + 1, '0');
  const whole = digits.slice(0, digits.length - decimals);
  const fraction = digits.slice(digits.length - decimals).replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : whole;
}

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
      const asset = (a: string) => (a === 'ETH' ? 'ETH' : report.token.symbol);
      const units = (value: string, a: string) =>
        `${decimal(value, a === 'ETH' ? 18 : report.token.decimals)} ${asset(a)}`;
      const lines = [
        `stolen: ${report.stolen.map((s) => units(s.value, s.asset)).join(', ')}`,
        `addresses that received stolen value (exchanges as stops): ${report.truth}; traced: ${report.found}`,
        `recall ${percent(report.recall)}, precision ${percent(report.precision)}, largest amount error ${report.amount_error.toExponential(1)}`,
        `without labels (every address ordinary, ${report.beyondExchanges} more reached only through exchanges' own transfers): recall ${percent(report.unlabelled.recall)}, precision ${percent(report.unlabelled.precision)}, largest amount error ${report.unlabelled.amount_error.toExponential(1)}`,
        `exchanges reached (freeze alerts): ${report.exchangesReached.join(', ') || 'none'}`,
        'where it ended up:',
        ...report.destinations.map((d) => {
          const through =
            d.passedOn === undefined
              ? ''
              : `, ${units(d.passedOn, d.asset)} of ${units(d.received!, d.asset)} passed on`;
          return `  ${d.category.padEnd(10)} ${d.name.padEnd(12)} ${units(d.value, d.asset).padStart(18)} (${d.addresses} address${d.addresses === 1 ? '' : 'es'}${through})`;
        }),
        `the chain graph is in ${join(data, 'chain')}: try 'bulwark trace ADDRESS --data ${data}'`,
      ];
      await writeOut(`${lines.join('\n')}\n`);
    });
}
