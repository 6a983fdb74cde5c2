import { statSync } from 'node:fs';
import type { Readable } from 'node:stream';
import type { Command } from '@commander-js/extra-typings';
import { loadMapping, readChunks, scanLines, sightingObjects } from '../../detect/index.ts';
import { BulwarkError, Errors } from '../../errors/index.ts';
import { parseTlpLevel } from '../../stix/index.ts';
import { DEFAULT_DATA_DIR, type TlpLevel } from '../../store/index.ts';
import { writeOut } from '../output.ts';
import { progressBar } from '../progress.ts';
import { withStoreOptions } from '../store-options.ts';
import { HubClient } from './scan-hub.ts';
import { buildScanner, ruleIdentities, ruleSources, skippedRules } from './scan-rules.ts';
import {
  bundleIndicators,
  type IndicatorSet,
  mergeSets,
  storeIndicators,
  unsupportedLine,
} from './scan-sources.ts';

const SHOWN_MALFORMED = 20;

function openInput(file: string): { input: Readable | AsyncIterable<Buffer>; size?: number } {
  if (file === '-') return { input: process.stdin };
  try {
    // one reused buffer rather than a stream's fresh megabyte per chunk (see readChunks)
    return { input: readChunks(file), size: statSync(file).size };
  } catch (error) {
    throw new BulwarkError('SCAN_INPUT', `Cannot read ${file}: ${(error as Error).message}`, {
      hint: 'Give a file of JSON lines, or - for standard input',
    });
  }
}

function parseWorkers(text: string | undefined): number | 'auto' {
  // by default the scanner chooses: one fewer than the cores with the byte prefilter, else one per core
  if (text === undefined) return 'auto';
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || n > 64)
    throw new BulwarkError('USAGE', `--workers ${text} is not a whole number from 0 to 64`);
  return n;
}

/**
 * Is the local store a source of indicators? Named with --data / --db it always is. Otherwise only
 * when no other source is given, and then it is found as every store command finds it (--data,
 * BULWARK_DB / BULWARK_DATA, ./bulwark-data): reading a store from the environment or the working
 * directory beside an explicit bundle or hub would silently change what a scan matches.
 */
function readsStore(options: {
  data?: string;
  db?: string;
  indicators?: string;
  hub?: string;
  rules?: string;
}): boolean {
  if (options.data !== undefined || options.db !== undefined) return true;
  return options.indicators === undefined && options.hub === undefined && options.rules === undefined;
}

/**
 * A store looked for only by default (no --data / --db, no BULWARK_DATA / BULWARK_DB) that is not
 * there: the scan goes on with no indicators, as it did before the store was looked for, and says so.
 * A store that was named and cannot be opened stays an error.
 */
function absentStore(options: { data?: string; db?: string }): (error: unknown) => undefined {
  return (error) => {
    const named =
      options.data !== undefined ||
      options.db !== undefined ||
      process.env.BULWARK_DATA !== undefined ||
      process.env.BULWARK_DB !== undefined;
    if (named || !(error instanceof BulwarkError) || error.spec !== Errors.STORE_UNAVAILABLE) throw error;
    process.stderr.write(
      `no indicators: no --indicators, --hub or --rules, and no store in ${DEFAULT_DATA_DIR} (--data, BULWARK_DATA or BULWARK_DB name one)\n`,
    );
    return undefined;
  };
}

function parseTlp(text: string): TlpLevel {
  const level = parseTlpLevel(text);
  if (level === undefined)
    throw new BulwarkError('USAGE', `--tlp ${text} is not a TLP level`, {
      hint: 'Use clear, green, amber, amber+strict or red',
    });
  return level;
}

/**
 * `bulwark scan FILE|- [--indicators BUNDLE] [--data DIR | --db URL] [--hub URL --key K] [--rules DIR]`:
 * indicators from a bundle, the local store and / or a hub; with a hub, the sightings go back to it.
 */
export function registerScan(program: Command): void {
  withStoreOptions(
    program
      .command('scan')
      .description(
        'match JSON-line logs (ECS, Zeek, Sysmon / Windows, Suricata eve) against STIX indicators; report sightings with observed-data',
      )
      .argument('<file>', 'log file of JSON lines, or - for standard input')
      .option('--indicators <bundle>', 'STIX bundle whose stix-pattern indicators to match')
      .option('--rules <dir>', 'directory of Sigma rules (YAML) to run in the same pass')
      .option('--mapping <file>', 'extra log formats and field mappings, tried before the shipped ones')
      .option(
        '--workers <n>',
        'scanning threads (0: scan on the main thread); default: one per core, one fewer when the byte prefilter runs (at most 8)',
      )
      .option('--evidence <n>', 'matching events kept per indicator as observed-data', '100')
      .option('--json', 'write STIX objects (SCOs, observed-data, sightings) as JSON lines')
      .option('--hub <url>', 'read indicators from this hub (TAXII 2.1) and post the sightings back to it')
      .option('--key <key>', 'API key for --hub (env BULWARK_KEY); posting needs a contributor key')
      .option('--tlp <level>', 'marking of the sightings and observed-data posted to the hub', 'amber')
      .option('--collection <id>', "TAXII collection to post to (default: the organisation's private one)")
      .option('--no-post', 'with --hub: read its indicators but post nothing back')
      .option('--as-org <name>', 'with --data / --db: only the indicators this organisation may read')
      .addHelpText(
        'after',
        '\nIndicators come from --indicators, --hub and --data / --db. With none of these (and no --rules),\nthe local store is read, found as every store command finds it: BULWARK_DB, BULWARK_DATA, ./bulwark-data.',
      ),
  ).action(async (file, options) => {
    const workers = parseWorkers(options.workers);
    const maxEvidence = Number(options.evidence);
    if (!Number.isInteger(maxEvidence) || maxEvidence < 0)
      throw new BulwarkError('USAGE', `--evidence ${options.evidence} is not a whole number`);
    const tlp = parseTlp(options.tlp);
    const key = options.key ?? process.env.BULWARK_KEY;
    if (options.hub !== undefined && !key)
      throw new BulwarkError('USAGE', '--hub needs --key (or BULWARK_KEY)');
    const hub = options.hub === undefined ? undefined : new HubClient(options.hub, key!);
    const mapping = loadMapping(options.mapping);
    const sources: IndicatorSet[] = [];
    if (options.indicators !== undefined) sources.push(await bundleIndicators(options.indicators));
    if (readsStore(options)) {
      const stored = await storeIndicators(options, options.asOrg).catch(absentStore(options));
      if (stored !== undefined) sources.push(stored);
    }
    if (hub !== undefined) sources.push(await hub.indicators());
    const merged = mergeSets(sources);
    const { indicators, names } = merged;
    const unsupported = unsupportedLine(merged);
    if (unsupported !== undefined) process.stderr.write(`${unsupported}\n`);
    // rules from --rules and those shared as indicators (pattern_type sigma) run in the same pass
    const rules = ruleSources(options.rules, merged.sigma);
    const scanner = buildScanner(indicators, mapping, rules);
    const { input, size } = openInput(file);
    const bar = progressBar('scanning', size, 'bytes');
    let bytes = 0;
    let shown = 0;
    const summary = await scanLines(input, {
      indicators,
      mapping,
      workers,
      maxEvidence,
      rules,
      scanner,
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
    const ruleSkips = skippedRules(scanner);
    if (ruleSkips !== undefined) process.stderr.write(`${ruleSkips}\n`);
    const now = new Date().toISOString();
    const { ids, labels, written } = ruleIdentities(scanner, indicators, names, now);
    const objects = [...sightingObjects(summary.sightings, ids, now, written)];
    if (hub !== undefined && options.post && objects.length > 0) {
      const { collection, posted } = await hub.post(objects, tlp, options.collection);
      process.stderr.write(
        `posted ${posted} objects (sightings, observed-data, observables) to ${collection.title} as TLP:${tlp.toUpperCase()}\n`,
      );
    }
    if (options.json) {
      for (const o of objects) await writeOut(`${JSON.stringify(o)}\n`);
      return;
    }
    const correlations = scanner.correlations.length;
    const ruleCount = `${summary.rules.length} rules${correlations > 0 ? ` and ${correlations} correlations` : ''}${
      ruleSkips !== undefined ? ` (${scanner.ruleErrors.length} skipped)` : ''
    }`;
    let out = `scanned ${summary.events} events (${summary.lines} lines, ${summary.malformed} malformed) against ${indicators.length} indicators and ${ruleCount}: ${summary.sightings.length} matched\n`;
    if (summary.sightings.length > 0) {
      out += 'count\tfirst seen\tlast seen\tindicator\n';
      for (const s of summary.sightings) {
        const when = (ms: number): string => (Number.isFinite(ms) ? new Date(ms).toISOString() : '-');
        const name = labels[s.ordinal] ? ` (${labels[s.ordinal]})` : '';
        const group = s.correlation === undefined ? '' : ` ${groupText(s.correlation.group)}`;
        out += `${s.count}\t${when(s.first)}\t${when(s.last)}\t${ids[s.ordinal]}${name}${group}\n`;
      }
    }
    await writeOut(out);
  });
}

/** A correlation sighting's group-by values, as `[field=value, …]`. */
function groupText(group: Readonly<Record<string, string | undefined>>): string {
  return `[${Object.entries(group)
    .map(([k, v]) => `${k}=${v ?? '-'}`)
    .join(', ')}]`;
}
