import { createReadStream, statSync } from 'node:fs';
import type { Readable } from 'node:stream';
import type { Command } from '@commander-js/extra-typings';
import { BulwarkError } from '../../errors/index.ts';
import {
  audit,
  DEFAULT_IMPORT_BATCH,
  importBundle,
  type Rejection,
  requireOrganisation,
  resolveAudience,
} from '../../hub/index.ts';
import { printJson, writeOut } from '../output.ts';
import { progressBar } from '../progress.ts';
import { withStore, withStoreOptions } from '../store-options.ts';
import { parseTlp } from '../tlp-option.ts';

function describeRejection(r: Rejection): string {
  const first = r.errors[0];
  const where = `object #${r.index}${r.line ? ` (line ${r.line})` : ''}${r.id ? ` ${r.id}` : ''}`;
  const why = r.errors.map((e) => `${e.code}${e.path ? ` at ${e.path}` : ''}: ${e.message}`).join('; ');
  return `rejected ${where}: ${first ? why : 'invalid'}\n`;
}

/** Files larger than this are parsed and validated in a worker thread beside the store writes. */
const PARALLEL_FROM_BYTES = 4 * 2 ** 20;

function openInput(file: string): { input: Readable; size?: number } {
  if (file === '-') return { input: process.stdin };
  try {
    return { input: createReadStream(file, { highWaterMark: 1 << 20 }), size: statSync(file).size };
  } catch (error) {
    throw new BulwarkError('USAGE', `Cannot read ${file}: ${(error as Error).message}`, {
      hint: 'Give the path of a STIX bundle file, or - for standard input',
    });
  }
}

function list(value: string, previous: string[] = []): string[] {
  return [
    ...previous,
    ...value
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  ];
}

/** `bulwark import FILE|- --org NAME [--tlp LEVEL] [--community C]`. */
export function registerImport(program: Command): void {
  withStoreOptions(
    program
      .command('import')
      .description(
        'stream a STIX 2.1 bundle of any size into the store: invalid objects are reported and skipped, valid ones land (exit 1 if any was rejected)',
      )
      .argument('<file>', 'bundle file, or - for standard input')
      .requiredOption('--org <name>', 'the organisation that authors the objects')
      .option(
        '--tlp <level>',
        'marking for objects that have none: clear, green, amber, amber+strict, red',
        'amber',
      )
      .option(
        '--community <name>',
        "share GREEN/AMBER objects to this community (repeatable; default: the organisation's default community)",
        list,
      )
      .option('--recipient-orgs <names>', 'AMBER+STRICT recipients: organisations, comma-separated', list)
      .option('--recipient-users <ids>', 'TLP:RED recipients: API key ids, comma-separated', list)
      .option('--batch <n>', 'objects per transaction', String(DEFAULT_IMPORT_BATCH))
      .option('--json', 'print the summary as JSON, and rejections as JSON lines on stderr'),
  ).action(async (file, options) => {
    const tlp = parseTlp(options.tlp);
    const batchSize = Number(options.batch);
    if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 100_000) {
      throw new BulwarkError('USAGE', `--batch ${options.batch} is not a whole number from 1 to 100000`);
    }
    const { input, size } = openInput(file);
    const summary = await withStore(options, async (store) => {
      const org = await requireOrganisation(store, options.org);
      const audience = await resolveAudience(store, org, {
        tlp,
        communities: options.community ?? [],
        recipientOrgs: options.recipientOrgs ?? [],
        recipientUsers: options.recipientUsers ?? [],
      });
      const bar = progressBar('importing', size, 'bytes');
      const source = file === '-' ? 'stdin' : file;
      const auditImport = (outcome: 'ok' | 'failed', detail: Record<string, unknown>) =>
        audit(store, {
          orgId: null,
          keyId: null,
          action: 'bundle.import',
          target: org.id,
          outcome,
          source: 'cli',
          detail: { file: source, tlp, audience, ...detail },
        });
      try {
        const result = await importBundle(input, {
          store,
          source,
          // a worker thread pays off once parsing takes longer than starting it
          parallel: size !== undefined && size > PARALLEL_FROM_BYTES,
          authorOrg: org.id,
          defaultTlp: tlp,
          audience,
          createdByRef: org.id,
          batchSize,
          onRejected: (r) =>
            process.stderr.write(
              options.json ? `${JSON.stringify({ rejected: r })}\n` : describeRejection(r),
            ),
          onProgress: (p) => bar.update(p.bytes, { detail: `${p.added} added` }),
        });
        await auditImport('ok', { ...result });
        return result;
      } catch (error) {
        // The store may be what failed: the import's own error is the one to report.
        await auditImport('failed', { error: String(error) }).catch(() => {});
        throw error;
      } finally {
        bar.stop();
      }
    });
    if (options.json) await printJson(summary);
    else {
      await writeOut(
        `read ${summary.read}, added ${summary.added}, duplicates ${summary.duplicates}, rejected ${summary.rejected} (${summary.batches} batches)\n`,
      );
    }
    if (summary.rejected > 0) process.exitCode = 1;
  });
}
