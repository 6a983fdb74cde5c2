/**
 * Drives a local anvil: sends transactions from any address (auto-impersonation), deploys the
 * scenario contracts, funds accounts, snapshots and reverts. Automine makes each send one block.
 */
import { toBigInt, toQuantity } from '../hex.ts';
import { asObject } from '../raw-block.ts';
import type { RpcClient } from '../rpc-client.ts';
import { type AbiValue, encodeArgs, encodeCall } from './abi.ts';
import { type ContractName, compiled, selector } from './contracts.ts';

export interface SendOptions {
  from: string;
  to?: string;
  value?: bigint;
  data?: string;
  /** Set it to send a transaction that will revert (estimation would refuse it). */
  gas?: number;
  gasPrice?: bigint;
}

export interface SentTx {
  hash: string;
  ok: boolean;
  blockNumber: number;
  contractAddress: string | undefined;
}

export class ChainDriver {
  readonly rpc: RpcClient;
  /** Gas price used when a send does not say; 0 on a zero-base-fee chain keeps balances exact. */
  gasPrice: bigint | undefined;

  constructor(rpc: RpcClient, gasPrice?: bigint) {
    this.rpc = rpc;
    this.gasPrice = gasPrice;
  }

  async send(options: SendOptions): Promise<SentTx> {
    const tx: Record<string, string> = { from: options.from };
    if (options.to) tx.to = options.to;
    if (options.value !== undefined) tx.value = toQuantity(options.value);
    if (options.data) tx.data = options.data;
    if (options.gas !== undefined) tx.gas = toQuantity(options.gas);
    const price = options.gasPrice ?? this.gasPrice;
    if (price !== undefined) tx.gasPrice = toQuantity(price);
    const hash = await this.rpc.call<string>('eth_sendTransaction', [tx]);
    const receipt = asObject(await this.#receipt(hash), 'receipt');
    return {
      hash,
      ok: toBigInt(receipt.status, 'status') === 1n,
      blockNumber: Number(toBigInt(receipt.blockNumber, 'blockNumber')),
      contractAddress:
        typeof receipt.contractAddress === 'string' ? receipt.contractAddress.toLowerCase() : undefined,
    };
  }

  /** Automine may answer the hash a moment before the block is sealed: poll briefly. */
  async #receipt(hash: string): Promise<unknown> {
    for (let i = 0; i < 200; i++) {
      const receipt = await this.rpc.call('eth_getTransactionReceipt', [hash]);
      if (receipt !== null) return receipt;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    throw new Error(`transaction ${hash} was not mined within a second`);
  }

  async deploy(
    from: string,
    name: ContractName,
    args: readonly AbiValue[] = [],
    value?: bigint,
  ): Promise<string> {
    const sent = await this.send({
      from,
      data: compiled(name).bytecode + encodeArgs(args),
      ...(value ? { value } : {}),
    });
    if (!sent.ok || !sent.contractAddress) throw new Error(`deploying ${name} failed in ${sent.hash}`);
    return sent.contractAddress;
  }

  /** Calls `signature` on a contract of type `name` as a transaction. */
  invoke(
    from: string,
    to: string,
    name: ContractName,
    signature: string,
    args: readonly AbiValue[] = [],
    value?: bigint,
    gas?: number,
  ): Promise<SentTx> {
    return this.send({
      from,
      to,
      data: encodeCall(selector(name, signature), args),
      ...(value ? { value } : {}),
      ...(gas ? { gas } : {}),
    });
  }

  /** A read-only call; returns the raw answer. */
  read(to: string, name: ContractName, signature: string, args: readonly AbiValue[] = []): Promise<string> {
    return this.rpc.call<string>('eth_call', [
      { to, data: encodeCall(selector(name, signature), args) },
      'latest',
    ]);
  }

  async balance(address: string): Promise<bigint> {
    return toBigInt(await this.rpc.call('eth_getBalance', [address, 'latest']), 'balance');
  }

  async setBalance(address: string, wei: bigint): Promise<void> {
    await this.rpc.call('anvil_setBalance', [address, toQuantity(wei)]);
  }

  async autoImpersonate(on = true): Promise<void> {
    await this.rpc.call('anvil_autoImpersonateAccount', [on]);
  }

  async mine(blocks = 1): Promise<void> {
    await this.rpc.call('anvil_mine', [toQuantity(blocks)]);
  }

  async head(): Promise<number> {
    return Number(toBigInt(await this.rpc.call('eth_blockNumber'), 'eth_blockNumber'));
  }

  snapshot(): Promise<string> {
    return this.rpc.call<string>('evm_snapshot');
  }

  async revert(id: string): Promise<void> {
    await this.rpc.call('evm_revert', [id]);
  }
}
