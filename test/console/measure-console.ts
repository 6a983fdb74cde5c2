/**
 * Time to a usable console on loopback, in Debian Chromium with a fresh profile per load, against a
 * real `bulwark serve` seeded like the browser tests, and the bundle's gzip sizes from web/dist.
 * Baseline in the same run: a static asset (the stylesheet) fetched by navigation from the same
 * server, i.e. what loopback + browser start cost before any console code runs.
 *
 *   node test/console/measure-console.ts [loads=7]
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from '../support/chromium.ts';
import { ROOT } from '../support/cli.ts';
import { openConsoleHub } from './console-hub.ts';

const loads = Number(process.argv[2] ?? 7);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function bundle(): Record<string, number> {
  const dir = join(ROOT, 'web', 'dist', 'assets');
  const html = readFileSync(join(ROOT, 'web', 'dist', 'index.html'));
  const out: Record<string, number> = { 'index.html': gzipSync(html).length };
  for (const f of readdirSync(dir))
    out[f.replace(/-[\w-]{8}\./, '.')] = gzipSync(readFileSync(join(dir, f)), { level: 9 }).length;
  return out;
}

const hub = await openConsoleHub();
const css = readdirSync(join(ROOT, 'web', 'dist', 'assets')).find(
  (f) => f.startsWith('index-') && f.endsWith('.css'),
);
const rows: Record<string, number[]> = { baseline: [], signInReady: [], dashboard: [], graph: [] };
try {
  for (let i = 0; i < loads; i++) {
    const profile = mkdtempSync(join(tmpdir(), 'bulwark-measure-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1360, height: 900 },
    });
    try {
      const page = await context.newPage();
      await page.goto(`${hub.url}/assets/${css}`);
      rows.baseline!.push(
        Number(await page.evaluate('performance.getEntriesByType("navigation")[0].responseEnd')),
      );
      await page.goto(`${hub.url}/`);
      await page.locator('#api-key:focus').waitFor();
      rows.signInReady!.push(
        Number(await page.evaluate('performance.getEntriesByName("bulwark:sign-in-ready")[0].startTime')),
      );
      await page.fill('#api-key', hub.keys.bankAdmin);
      const signIn = Date.now();
      await page.click('button[type=submit]');
      await page.getByRole('heading', { name: 'By marking' }).waitFor();
      rows.dashboard!.push(Date.now() - signIn);
      const open = Date.now();
      await page.click('nav >> text=Tracing');
      await page.fill('#trace-seeds', hub.chain.seed);
      await page.getByRole('button', { name: 'Trace', exact: true }).click();
      await page.locator('[data-testid=flow-graph] canvas').first().waitFor();
      await page.locator('[data-testid=destinations] svg').waitFor();
      rows.graph!.push(Date.now() - open);
    } finally {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    }
  }
} finally {
  await hub.close();
}
const summary = Object.fromEntries(
  Object.entries(rows).map(([k, v]) => [
    k,
    { median: Math.round(median(v)), min: Math.round(Math.min(...v)), max: Math.round(Math.max(...v)) },
  ]),
);
console.log(JSON.stringify({ loads, ms: summary, gzipBytes: bundle() }, null, 2));
