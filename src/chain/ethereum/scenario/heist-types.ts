/** What the heist scenario returns: the chain it made and the ground truth to check tracing against. */
import type { Flow, TaintEntry } from './haircut.ts';

export type Role =
  | 'faucet'
  | 'deployer'
  | 'victim-hot-wallet'
  | 'attacker'
  | 'fan-out'
  | 'peel-chain'
  | 'peel-off'
  | 'mixer'
  | 'mixer-withdrawal'
  | 'swap'
  | 'bridge'
  | 'splitter'
  | 'token'
  | 'exchange-deposit'
  | 'exchange-hot-wallet'
  | 'user'
  | 'dormant';

export interface HeistContracts {
  token: string;
  mixer: string;
  swap: string;
  bridge: string;
  splitter: string;
}

export interface HeistScenario {
  seed: string;
  chainId: number;
  /** First block the scenario mined, the theft's first block, and its last block. */
  firstBlock: number;
  theftBlock: number;
  lastBlock: number;
  contracts: HeistContracts;
  /** Symbol and decimals of the scenario token. */
  token: { symbol: string; decimals: number };
  victim: string;
  /** Addresses that received the theft transfers: the tracing seeds. */
  attackers: string[];
  theftTxs: string[];
  stolen: { asset: string; value: bigint }[];
  /** Role of every address the scenario used; exchanges named in `exchanges`. */
  labels: Record<string, Role>;
  exchanges: Record<string, { hotWallet: string; deposits: string[] }>;
  /** Every value transfer the scenario made, in chain order (what ingestion must find). */
  flows: Flow[];
  /** Every address that received stolen value under the haircut model, with what it still holds. */
  truth: TaintEntry[];
  model: string;
  transactions: number;
}
