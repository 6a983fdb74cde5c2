import { createReadStream, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { Readable } from 'node:stream';
import type { Command } from '@commander-js/extra-typings';
import {
  type IndicatorInput,
  loadMapping,
  loadSigmaRules,
  scanLines,
  sightingObjects,
  sigmaIndicator,
} from '../../detect/index.ts';
import { BulwarkError } from '../../errors/index.ts';
import { readBundleElements } from '../../hub/index.ts';
import { writeOut } from '../output.ts';
import { progressBar } from '../progress.ts';

const SHOWN_MALFORMED = 20;

function openInput(file: string): { input: Readable; size?: number } {
  if (file === '-') return { input: process.stdin };
  try {
    return { input: createReadStream(file, { highWaterMark: 1 << 20 }), size: statSync(file).size };
  } catch (error) {
    throw new BulwarkError('SCAN_INPUT', `Cannot read ${file}: ${(error as Error).message}`, {
      hint: 'Give a file of JSON lines, or - for standard input',
    });
  }
}

/** The STIX-pattern indicators of a bundle, streamed; other objects and pattern types are skipped. */
async function readIndicators(file: string): Promise<{ indicators: IndicatorInput[]; names: string[] }> {
  const { input } = openInput(file);
  const indicators: IndicatorInput[] = [];
  const names: string[] = [];
  for await (const group of readBundleElements(input, file)) {
    for (const { text } of group) {
      const o = JSON.parse(text) as Record<string, unknown>;
      if (o.type !== 'indicator' || o.pattern_type !== 'stix') continue;
      if (typeof o.id !== 'string' || typeof o.pattern !== 'string') continue;
      indicators.push({ id: o.id, pattern: o.pattern });
      names.push(typeof o.name === 'string' ? o.name : '');
    }
  }
  return { indicators, names };
}

function parseWorkers(text: string | undefined): number {
  if (text === undefined) return Math.max(1, Math.min(availableParallelism() - 1, 8));
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || n > 64)
    throw new BulwarkError('USAGE', `--workers ${text} is not a whole number from 0 to 64`);
  return n;
}

/** Rules that do not load are reported and skipped; the rest run. */
function reportRuleErrors(dir: string): void {
  let errors: readonly Error[];
  try {
    errors = loadSigmaRules(dir).errors;
  } catch (error) {
    throw new BulwarkError('SCAN_INPUT', `Cannot read rules from ${dir}: ${(error as Error).message}`, {
      hint: 'Give a directory of Sigma rule YAML files',
    });
  }
  for (const e of errors) process.stderr.write(`rule skipped: ${e.message}\n`);
}

/** `bulwark scan FILE|- [--indicators BUNDLE] [--rules DIR] [--mapping FILE] [--json]`. */
export function registerScan(program: Command): void {
  program
    .command('scan')
    .description(
      'match JSON-line logs (ECS, Zeek, Sysmon / Windows, Suricata eve) against STIX indicators; report sightings with observed-data',
    )
    .argument('<file>', 'log file of JSON lines, or - for standard input')
    .option('--indicators <bundle>', 'STIX bundle whose stix-pattern indicators to match')
    .option('--rules <dir>', 'directory of Sigma rules (YAML) to run in the same pass')
    .option('--mapping <file>', 'extra log formats and field mappings, tried before the shipped ones')
    .option('--workers <n>', 'scanning threads (0: scan on the main thread); default: cores - 1')
    .option('--evidence <n>', 'matching events kept per indicator as observed-data', '100')
    .option('--json', 'write STIX objects (SCOs, observed-data, sightings) as JSON lines')
    .action(async (file, options) => {
      const workers = parseWorkers(options.workers);
      const maxEvidence = Number(options.evidence);
      if (!Number.isInteger(maxEvidence) || maxEvidence < 0)
        throw new BulwarkError('USAGE', `--evidence ${options.evidence} is not a whole number`);
      const mapping = loadMapping(options.mapping);
      const { indicators, names } =
        options.indicators === undefined
          ? { indicators: [], names: [] }
          : await readIndicators(options.indicators);
      if (options.rules !== undefined) reportRuleErrors(options.rules);
      const { input, size } = openInput(file);
      const bar = progressBar('scanning', size, 'bytes');
      let bytes = 0;
      let shown = 0;
      const summary = await scanLines(input, {
        indicators,
        mapping,
        workers,
        maxEvidence,
        rulesDir: options.rules,
        onBytes: (n) => {
          bytes += n;
          bar.update(bytes);
        },
        onMalformed: (line, reason) => {
          if (shown++ < SHOWN_MALFORMED)
            process.stderr.write(`line ${line}: malformed${reason ? ` (${reason})` : ''}, skipped\n`);
        },
      }).finally(() => bar.stop());
      if (summary.malformed > SHOWN_MALFORMED)
        process.stderr.write(`… ${summary.malformed - SHOWN_MALFORMED} more malformed lines skipped\n`);
      const skipped = summary.stats.invalid;
      if (skipped > 0)
        process.stderr.write(`${skipped} indicators with patterns that do not compile were skipped\n`);
      const unfollowed = summary.stats.unfollowed;
      if (unfollowed > 0)
        process.stderr.write(
          `${unfollowed} indicators spanning several observations, one of them with no indexable value, were not evaluated\n`,
        );
      const now = new Date().toISOString();
      const ruleIndicators = new Map(
        summary.rules.map((r, k) => [indicators.length + k, sigmaIndicator(r, now)]),
      );
      const ids = [...indicators.map((i) => i.id), ...[...ruleIndicators.values()].map((o) => o.id)];
      const labels = [...names, ...summary.rules.map((r) => `Sigma: ${r.title}`)];
      if (options.json) {
        for (const o of sightingObjects(summary.sightings, ids, now, ruleIndicators))
          await writeOut(`${JSON.stringify(o)}\n`);
        return;
      }
      let out = `scanned ${summary.events} events (${summary.lines} lines, ${summary.malformed} malformed) against ${indicators.length} indicators and ${summary.rules.length} rules: ${summary.sightings.length} matched\n`;
      if (summary.sightings.length > 0) {
        out += 'count\tfirst seen\tlast seen\tindicator\n';
        for (const s of summary.sightings) {
          const when = (ms: number): string => (Number.isFinite(ms) ? new Date(ms).toISOString() : '-');
          const name = labels[s.ordinal] ? ` (${labels[s.ordinal]})` : '';
          out += `${s.count}\t${when(s.first)}\t${when(s.last)}\t${ids[s.ordinal]}${name}\n`;
        }
      }
      await writeOut(out);
    });
}
