/**
 * The analyst console in a real browser (Debian Chromium, headless, via playwright-core) against a
 * real `bulwark serve` with the reference data: sign in, search, open an actor, share an incident as
 * TLP:AMBER, and check that a member of another community cannot find it while a community member can.
 * Screenshots go to test-output/console/.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, requireChromium } from '../support/chromium.ts';
import { ROOT } from '../support/cli.ts';
import { openConsoleHub } from './console-hub.ts';

const SHOTS = join(ROOT, 'test-output', 'console');
// A value no reference file holds, so only the shared incident can match it.
const SHARED_WALLET = `0x${'c0ffee'.repeat(6)}dead`;

test('the analyst console in Chromium against a real hub', { timeout: 300_000 }, async (t) => {
  const executablePath = requireChromium(t);
  if (executablePath === undefined) return;
  mkdirSync(SHOTS, { recursive: true });
  const hub = await openConsoleHub();
  const profile = mkdtempSync(join(tmpdir(), 'bulwark-chromium-'));
  let context: BrowserContext | undefined;
  t.after(async () => {
    await context?.close();
    await hub.close();
    rmSync(profile, { recursive: true, force: true });
  });
  context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1360, height: 900 },
  });
  const browser = context;

  // Long pages are kept whole; the actor pages also as the first screen an analyst sees.
  const shot = (page: Page, name: string, fullPage = true) =>
    page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage });

  async function signIn(page: Page, key: string): Promise<void> {
    await page.goto(`${hub.url}/`);
    await page.fill('#api-key', key);
    await page.click('button[type=submit]');
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
  }

  async function searchInUi(page: Page, q: string): Promise<void> {
    await page.locator('main').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('/');
    assert.equal(await page.evaluate('document.activeElement && document.activeElement.id'), 'global-search');
    await page.keyboard.type(q);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/search\?q=/);
    await page.locator('main .table, main .state-empty').first().waitFor();
  }

  await t.test(
    'a wrong key is refused and a member key opens the dashboard, timed from navigation start',
    async (t) => {
      const page = await browser.newPage();
      await page.goto(`${hub.url}/`);
      await page.locator('#api-key:focus').waitFor();
      // Both are milliseconds since navigation start (the page's time origin).
      const ready = (await page.evaluate(`({
      signInReady: performance.getEntriesByName('bulwark:sign-in-ready')[0]?.startTime ?? -1,
      domInteractive: performance.getEntriesByType('navigation')[0]?.domInteractive ?? -1,
    })`)) as { signInReady: number; domInteractive: number };
      writeFileSync(join(ROOT, 'test-output', 'console-timing.json'), `${JSON.stringify(ready, null, 2)}\n`);
      t.diagnostic(`navigation start → sign-in form interactive: ${ready.signInReady.toFixed(0)} ms`);
      assert.ok(ready.signInReady > 0, 'the sign-in form marks when it is ready');
      await shot(page, '01-sign-in');
      await page.fill('#api-key', 'bwk_000000000000000000000000_not-a-real-secret');
      await page.click('button[type=submit]');
      await page.locator('#signin-error').waitFor();
      assert.match((await page.locator('#signin-error').textContent()) ?? '', /does not accept this key/);
      await signIn(page, hub.keys.bankAdmin);
      await page.getByRole('heading', { name: 'By marking' }).waitFor();
      assert.match((await page.locator('.lead').textContent()) ?? '', /\d[\d,]* objects readable/);
      await shot(page, '02-dashboard');
      await page.close();
    },
  );

  await t.test('search by actor alias and by campaign name finds the reference objects', async (_t) => {
    const page = await browser.newPage();
    await signIn(page, hub.keys.bankAdmin);
    await searchInUi(page, 'HIDDEN COBRA');
    const link = page.locator('main .result-link', { hasText: 'Lazarus Group' });
    await link.first().waitFor();
    await shot(page, '03-search');
    await searchInUi(page, 'Bybit heist');
    await page.locator('main .result-link', { hasText: 'Bybit heist' }).first().waitFor();
    await page.close();
  });

  await t.test('an actor page shows aliases, ATT&CK techniques, campaigns and wallets', async (_t) => {
    const page = await browser.newPage();
    await signIn(page, hub.keys.bankAdmin);
    await page.click('nav >> text=Threat actors');
    await page.getByRole('link', { name: 'TraderTraitor' }).click();
    await page.getByRole('heading', { name: 'TraderTraitor', level: 1 }).waitFor();
    assert.ok(await page.locator('.chips li', { hasText: 'Jade Sleet' }).count(), 'aliases are listed');
    await page.getByRole('heading', { name: /Attributed campaigns/ }).waitFor();
    assert.ok(
      (await page.locator('main li', { hasText: 'heist' }).count()) > 0,
      'an attributed heist is listed',
    );
    const wallets = (await page.getByRole('heading', { name: /^Linked wallets/ }).textContent()) ?? '';
    assert.ok(
      Number(/\((\d+)\)/.exec(wallets)?.[1] ?? 0) > 0,
      `wallets from the heist's indicators: ${wallets}`,
    );
    await shot(page, '04-actor-tradertraitor', false);
    await page.goto(`${hub.url}/search?q=Lazarus%20Group`);
    await page.locator('main .result-link', { hasText: 'Lazarus Group' }).first().click();
    await page.getByRole('heading', { name: /ATT&CK techniques \(\d+\)/ }).waitFor();
    const techniques = await page.locator('main table tbody tr td.mono').allInnerTexts();
    assert.ok(
      techniques.some((id) => /^T\d{4}(\.\d{3})?$/.test(id)),
      'techniques carry their ATT&CK ids',
    );
    await shot(page, '04-actor', false);
    await page.close();
  });

  await t.test(
    'an incident shared as TLP:AMBER to one community is found by its members and not by another community',
    async (_t) => {
      const page = await browser.newPage();
      await signIn(page, hub.keys.bankAdmin);
      await page.click('nav >> text=Share incident');
      await page.fill('#incident-name', 'Drained hot wallet, console test');
      await page.fill('#incident-values', `${SHARED_WALLET}\n198.51.100.23`);
      await page.check('input[name=tlp][value=amber]');
      await page.selectOption('#incident-community', { label: 'Banks and Exchanges ISAC (2 organisations)' });
      const readers = await page.locator('[data-testid=audience] li').allInnerTexts();
      assert.deepEqual(readers.sort(), ['Coin Exchange', 'First Bank']);
      await shot(page, '05-share-preview');
      await page.getByRole('button', { name: 'Share as TLP:AMBER' }).click();
      await page.getByRole('link', { name: 'Open the incident' }).click();
      await page.locator('.tlp', { hasText: 'TLP:AMBER' }).first().waitFor();
      await shot(page, '06-incident');
      await page.close();

      const member = await browser.newPage();
      await signIn(member, hub.keys.exchangeReader);
      await searchInUi(member, SHARED_WALLET);
      await member.locator('main .table .tlp', { hasText: 'TLP:AMBER' }).first().waitFor();
      await member.close();

      const outsider = await browser.newPage();
      await signIn(outsider, hub.keys.policeReader);
      await searchInUi(outsider, SHARED_WALLET);
      await outsider.locator('main .state-empty', { hasText: 'Nothing you may read matches' }).waitFor();
      assert.equal(await outsider.locator('main .table').count(), 0);
      await shot(outsider, '07-other-community');
      await outsider.close();
    },
  );

  await t.test(
    'a contributor, who may not read the community list, is told the preview cannot name the readers',
    async () => {
      const page = await browser.newPage();
      await signIn(page, hub.keys.exchangeWriter);
      await page.click('nav >> text=Share incident');
      await page
        .locator('.preview', { hasText: 'cannot read the hub’s community and organisation lists' })
        .waitFor();
      assert.equal(await page.locator('[data-testid=audience]').count(), 0, 'no list of readers is invented');
      await shot(page, '05b-share-contributor', false);
      await page.close();
    },
  );

  async function restGet<T>(path: string, key: string): Promise<T> {
    const answer = await fetch(`${hub.url}/api/v1${path}`, { headers: { authorization: `Bearer ${key}` } });
    assert.equal(answer.status, 200, path);
    return (await answer.json()) as T;
  }

  await t.test(
    'screening shows, for pasted addresses, the risk the hub answers — or says it is not available',
    async () => {
      const key = hub.keys.bankAdmin;
      const { paths } = await restGet<{ paths: object }>('/openapi.json', key);
      const page = await browser.newPage();
      await signIn(page, key);
      await page.click('nav >> text=Screening');
      if (!Object.keys(paths).some((p) => p.startsWith('/api/v1/screen/'))) {
        await page
          .locator('[data-testid=not-available]', { hasText: 'not available on this hub yet' })
          .waitFor();
        await shot(page, '08-screening');
        return page.close();
      }
      const wallets = await restGet<{ objects: { value: string }[] }>(
        '/objects?type=cryptocurrency-wallet&limit=3',
        key,
      );
      const known = wallets.objects.map((w) => w.value);
      const unknown = `0x${'0'.repeat(39)}1`;
      await page.fill('#screen-addresses', [...known, unknown].join('\n'));
      await page.getByRole('button', { name: /^Screen 4 addresses/ }).click();
      await page.locator('.screen-results').waitFor();
      for (const address of [...known, unknown]) {
        const expected = await restGet<{ risk: string }>(`/screen/${encodeURIComponent(address)}`, key);
        const row = page.locator('.screen-results tbody tr', { hasText: address });
        assert.equal(await row.locator('td .risk').first().textContent(), expected.risk, address);
      }
      const unknownRow = page.locator('.screen-results tbody tr', { hasText: unknown });
      assert.equal(await unknownRow.locator('td .risk').first().textContent(), 'none');
      await shot(page, '08-screening');
      // The wallet's own page carries the same answer.
      const first = known[0]!;
      const risk = (await restGet<{ risk: string }>(`/screen/${encodeURIComponent(first)}`, key)).risk;
      await searchInUi(page, first);
      await page
        .locator('main tr', { hasText: 'cryptocurrency-wallet' })
        .locator('.result-link')
        .first()
        .click();
      const heading = page.getByRole('heading', { name: /^Screening:/ });
      await heading.waitFor();
      assert.equal(await heading.locator('.risk').textContent(), risk);
      await shot(page, '09-wallet', false);
      await page.close();
    },
  );

  await t.test('tracing says what the hub offers instead of drawing anything it did not answer', async () => {
    const page = await browser.newPage();
    await signIn(page, hub.keys.bankAdmin);
    await page.click('nav >> text=Tracing');
    await page.locator('[data-testid=not-available]').waitFor();
    await page.close();
  });
});
