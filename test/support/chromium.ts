/**
 * Debian's Chromium for browser tests. In CI (CI=true) a missing browser is a failure; elsewhere the
 * test skips with one line naming how to install it.
 */
import { existsSync } from 'node:fs';
import type { TestContext } from 'node:test';
import { inCI } from './services.ts';

export const CHROMIUM = process.env.BULWARK_CHROMIUM ?? '/usr/bin/chromium';

/** The flags that keep a headless Chromium quiet and self-contained on a build machine. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Returns the Chromium path, or skips (laptop) / throws (CI) when it is not installed. */
export function requireChromium(t: TestContext): string | undefined {
  if (existsSync(CHROMIUM)) return CHROMIUM;
  const message = `Chromium is not at ${CHROMIUM}; install it with: apt-get update && apt-get install -y chromium`;
  if (inCI) throw new Error(message);
  t.skip(message);
  return undefined;
}
