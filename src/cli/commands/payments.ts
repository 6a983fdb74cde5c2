import { createReadStream, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { Command } from '@commander-js/extra-typings';
import { BulwarkError } from '../../errors/index.ts';
import {
  createScreener,
  defaultConfig,
  loadConfig,
  type ParseResult,
  PaymentHistory,
  type PaymentVerdict,
  parsePayments,
  type Screener,
} from '../../payments/index.ts';
import { printJson, writeOut } from '../output.ts';

function readText(file: string, what: string): string {
  if (!existsSync(file)) {
    throw new BulwarkError('USAGE', `Cannot read ${what} ${file}: no such file`, {
      hint: `Give the path of the ${what}`,
    });
  }
  return readFileSync(file, 'utf8');
}

function openInput(file: string): AsyncIterable<string> {
  if (file === '-') return process.stdin.setEncoding('utf8');
  if (!existsSync(file)) {
    throw new BulwarkError('USAGE', `Cannot read ${file}: no such file`, {
      hint: 'Give an MT103 (FIN/RJE), pacs.008 XML or JSON-lines file, or - for standard input',
    });
  }
  return createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 });
}

function describeFailure(result: Extract<ParseResult, { ok: false }>): string {
  const e = result.error;
  const where = [e.place.path ? `at ${e.place.path}` : '', e.place.line ? `line ${e.place.line}` : ''].filter(
    Boolean,
  );
  return `message #${result.index}${where.length ? ` (${where.join(', ')})` : ''}: ${e.code}: ${e.message}\n`;
}

/** A history is either a serialised model (JSON, version 1) or a file of past messages to learn from. */
async function loadHistory(file: string, screener: Screener): Promise<void> {
  const text = readText(file, 'history');
  if (/^\s*\{\s*"version"/.test(text)) {
    const model = PaymentHistory.fromJSON(JSON.parse(text), file);
    for (const [key, value] of model.originators) screener.history.originators.set(key, value);
    return;
  }
  let failed = 0;
  for await (const result of parsePayments(text, { source: file })) {
    if (result.ok) screener.learn(result.payment);
    else failed++;
  }
  if (failed > 0)
    process.stderr.write(`${file}: ${failed} history message(s) could not be parsed and were skipped\n`);
}

function row(v: PaymentVerdict): string {
  const reasons = v.reasons.map((r) => `${r.kind}(${r.weight})`).join(', ') || '-';
  return `${v.reference.padEnd(20)} ${v.risk.padEnd(7)} ${String(v.score).padStart(5)}  ${reasons}\n`;
}

/** `bulwark payments screen FILE|- [--history FILE] [--config FILE] [--json]`. */
export function registerPayments(program: Command): void {
  const payments = new Command('payments').description(
    'SWIFT MT103 and ISO 20022 pacs.008 payment screening',
  );
  payments
    .command('screen')
    .description(
      'score each payment message for heist patterns (exit 1 only if no message could be parsed); malformed messages are reported on stderr',
    )
    .argument('<file>', 'MT103 FIN/RJE, pacs.008/009 XML or JSON lines; - for standard input')
    .option('--history <file>', 'past messages to learn from, or a history saved with --save-history')
    .option(
      '--config <file>',
      'rules, weights and watch list (YAML or JSON); default: the shipped configuration',
    )
    .option('--save-history <file>', 'write the learned history model (JSON) for later runs')
    .option('--json', 'one JSON line per message: {"reference","risk","score","reasons"}')
    .action(async (file, options) => {
      const config = options.config
        ? loadConfig(readText(options.config, 'configuration'), options.config)
        : defaultConfig();
      const input = openInput(file);
      const screener = createScreener(config);
      if (options.history) await loadHistory(options.history, screener);
      if (options.saveHistory) writeFileSync(options.saveHistory, JSON.stringify(screener.history));
      if (!options.json) await writeOut(`${'REFERENCE'.padEnd(20)} ${'RISK'.padEnd(7)} SCORE  REASONS\n`);
      let parsed = 0;
      let failed = 0;
      for await (const result of parsePayments(input, { source: file === '-' ? 'stdin' : file })) {
        if (!result.ok) {
          failed++;
          process.stderr.write(describeFailure(result));
          continue;
        }
        parsed++;
        const verdict = screener.screen(result.payment);
        if (options.json) await printJson(verdict);
        else await writeOut(row(verdict));
      }
      if (parsed === 0 && failed > 0) process.exitCode = 1;
    });
  program.addCommand(payments);
}
