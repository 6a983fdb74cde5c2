/**
 * A real Ethereum node for tests: anvil from npm on a free loopback port. In CI a missing or broken
 * anvil fails the test; elsewhere the test skips with a one-line notice.
 */
import type { SuiteContext, TestContext } from 'node:test';
import { type AnvilOptions, type AnvilProcess, startAnvil } from '../../src/chain/ethereum/anvil-process.ts';
import { inCI } from './services.ts';

export type { AnvilProcess } from '../../src/chain/ethereum/anvil-process.ts';

/** The ten unlocked dev accounts of anvil's default mnemonic. */
export const ANVIL_ACCOUNTS = [
  '0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266',
  '0x70997970c51812dc3a010c7d01b50e0d17dc79c8',
  '0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc',
  '0x90f79bf6eb2c4f870365e785982e1f101e93b906',
  '0x15d34aaf54267db7d7c367839aaf71a00a2c6a65',
  '0x9965507d1a55bcc2695c58ba16fb37d819b0a4dc',
  '0x976ea74026e726554db657fa54763abd0c3a0aa9',
  '0x14dc79964da2c08b23698b3d3cc7ca32193d9955',
  '0x23618e81e3f5cdf7f54c3d65f7fbc0abf5b21e8f',
  '0xa0ee7a142d267c1f36714e4a8f75612f20a79720',
] as const;

/**
 * Starts anvil and stops it when the test (or the suite, for a `before` hook's context) ends.
 * Returns undefined when the test was skipped.
 */
export async function requireAnvil(
  t?: TestContext | SuiteContext,
  options?: AnvilOptions,
): Promise<AnvilProcess | undefined> {
  try {
    const node = await startAnvil(options);
    // A suite's context has no `after`: anvil is then killed when the test process exits.
    if (t && 'after' in t) t.after(() => node.stop());
    return node;
  } catch (error) {
    const message = `anvil could not start (${error instanceof Error ? error.message : String(error)}); run npm install`;
    if (inCI) throw new Error(message);
    if (t && 'skip' in t) t.skip(message);
    else process.stderr.write(`skipping: ${message}\n`);
    return undefined;
  }
}
