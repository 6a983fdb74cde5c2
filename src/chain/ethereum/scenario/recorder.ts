/** Sends scenario transactions and records the value flows each one makes, in execution order. */
import { BulwarkError } from '../../../errors/index.ts';
import type { AbiValue } from './abi.ts';
import type { ContractName } from './contracts.ts';
import type { ChainDriver } from './driver.ts';
import type { Flow } from './haircut.ts';

export type FlowSpec = Omit<Flow, 'txHash'>;

export class Recorder {
  readonly d: ChainDriver;
  readonly flows: Flow[] = [];
  txs = 0;

  constructor(driver: ChainDriver) {
    this.d = driver;
  }

  /** A plain ether payment. */
  async eth(from: string, to: string, value: bigint): Promise<string> {
    const sent = await this.d.send({ from, to, value });
    this.#check(sent.ok, sent.hash, `${from} → ${to}`);
    this.#record(sent.hash, [{ from, to, value, asset: 'ETH' }]);
    return sent.hash;
  }

  /** A contract call whose value moves are `flows` (including the call's own value, if any). */
  async invoke(
    from: string,
    to: string,
    name: ContractName,
    signature: string,
    args: readonly AbiValue[],
    flows: readonly FlowSpec[],
    value?: bigint,
  ): Promise<string> {
    const sent = await this.d.invoke(from, to, name, signature, args, value);
    this.#check(sent.ok, sent.hash, `${name}.${signature}`);
    this.#record(sent.hash, flows);
    return sent.hash;
  }

  #record(txHash: string, flows: readonly FlowSpec[]): void {
    this.txs++;
    for (const f of flows) if (f.value > 0n) this.flows.push({ ...f, txHash });
  }

  #check(ok: boolean, hash: string, what: string): void {
    if (!ok) {
      throw new BulwarkError('INTERNAL', `heist scenario step ${what} reverted (${hash})`, {
        hint: 'The scenario contracts or the node changed; run the scenario on a fresh anvil',
      });
    }
  }
}
