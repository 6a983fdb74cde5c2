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
import { screenPayments } from '../../server/api/payments-desk.ts';
import { flushHistories, historyChanged, screenerOf } from '../../server/api/payments-history.ts';
import type { TlpLevel } from '../../store/index.ts';
import { printJson, writeOut } from '../output.ts';
import { withStore, withStoreOptions } from '../store-options.ts';
import { personOf, registerPaymentDesk } from './payments-desk.ts';

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
  withStoreOptions(
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
      .option(
        '--mode <mode>',
        'blocking: hold flagged payments in the hub for another person to decide; monitoring: record alerts only',
      )
      .option('--share', 'with --mode: share each flagged payment with the community as STIX')
      .option('--tlp <level>', 'marking of shared objects', 'amber')
      .option('--key <key>', 'with --mode: API key of the person submitting (env BULWARK_API_KEY)'),
  ).action(async (file, options) => {
    if (options.mode !== undefined) return screenAtDesk(file, options);
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
  registerPaymentDesk(payments);
  program.addCommand(payments);
}

interface DeskOptions {
  mode?: string;
  share?: boolean;
  tlp: string;
  key?: string;
  history?: string;
  json?: boolean;
  data?: string;
  db?: string;
}

const TLPS = ['clear', 'green', 'amber', 'amber+strict', 'red'];

/** `payments screen --mode`: through the hub's payment desk, so flagged payments are held or alerted. */
async function screenAtDesk(file: string, options: DeskOptions): Promise<void> {
  const mode = options.mode;
  if (mode !== 'blocking' && mode !== 'monitoring') {
    throw new BulwarkError('USAGE', `--mode ${mode} is not blocking or monitoring`);
  }
  if (!TLPS.includes(options.tlp))
    throw new BulwarkError('USAGE', `--tlp ${options.tlp} is not one of ${TLPS.join(', ')}`);
  let text = '';
  for await (const chunk of openInput(file)) text += chunk;
  const summary = await withStore(options, async (store) => {
    const person = await personOf(store, options.key);
    if (options.history) {
      await loadHistory(options.history, await screenerOf(store, person.orgId));
      await historyChanged(store, person.orgId);
    }
    const summary = await screenPayments(store, person, {
      messages: [text],
      mode,
      share: options.share === true,
      tlp: options.tlp as TlpLevel,
    });
    await flushHistories(store);
    return summary;
  });
  if (!options.json) await writeOut(`${'REFERENCE'.padEnd(20)} ${'RISK'.padEnd(7)} SCORE  HOLD\n`);
  for (const r of summary.results) {
    if ('error' in r) {
      process.stderr.write(
        `message #${r.index}${r.error.path ? ` (at ${r.error.path})` : ''}: ${r.error.code}: ${r.error.message}\n`,
      );
    } else if (options.json) await printJson(r);
    else
      await writeOut(
        `${r.reference.padEnd(20)} ${r.risk.padEnd(7)} ${String(r.score).padStart(5)}  ${r.hold ? `${r.hold.status} ${r.hold.id}` : '-'}\n`,
      );
  }
  process.stderr.write(
    `${summary.screened} screened: ${summary.released} passed, ${summary.held} held, ${summary.alerted} alerted, ${summary.failed} malformed\n`,
  );
  if (summary.screened === 0 && summary.failed > 0) process.exitCode = 1;
}
