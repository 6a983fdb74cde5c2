/** Checks and converts `eth_getBlockByNumber(n, true)` and receipt answers into typed records. */
import { BulwarkError } from '../../errors/index.ts';
import { toAddress, toBigInt, toHash, toNumber } from './hex.ts';

export interface ParsedTx {
  hash: string;
  from: string;
  to: string | undefined;
  value: bigint;
}

export interface ParsedBlock {
  height: number;
  hash: string;
  parentHash: string;
  time: number;
  miner: string;
  txs: ParsedTx[];
}

export interface ParsedLog {
  address: string;
  topics: string[];
  data: string;
}

export interface ParsedReceipt {
  txHash: string;
  from: string;
  /** Undefined for a contract creation. */
  to: string | undefined;
  blockHash: string;
  ok: boolean;
  fee: bigint;
  contractAddress: string | undefined;
  logs: ParsedLog[];
}

type Json = Record<string, unknown>;

export function asObject(value: unknown, path: string): Json {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new BulwarkError(
      'ETH_RPC_MALFORMED',
      `expected an object, got ${JSON.stringify(value)?.slice(0, 80)}`,
      {
        path,
        hint: 'The node answered something other than the JSON-RPC shape for this call',
      },
    );
  }
  return value as Json;
}

export function asArray(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) {
    throw new BulwarkError(
      'ETH_RPC_MALFORMED',
      `expected an array, got ${JSON.stringify(value)?.slice(0, 80)}`,
      {
        path,
        hint: 'The node answered something other than the JSON-RPC shape for this call',
      },
    );
  }
  return value;
}

export function parseBlock(value: unknown, path: string): ParsedBlock {
  const raw = asObject(value, path);
  const txs = asArray(raw.transactions, `${path}.transactions`).map((t, i) =>
    parseTx(t, `${path}.transactions[${i}]`),
  );
  return { ...parseHeader(raw, path), txs };
}

/** A block fetched without transaction bodies (`eth_getBlockByNumber(n, false)`): hashes only. */
export function parseLightBlock(
  value: unknown,
  path: string,
): { header: Omit<ParsedBlock, 'txs'>; txHashes: string[] } {
  const raw = asObject(value, path);
  const txHashes = asArray(raw.transactions, `${path}.transactions`).map((t, i) =>
    toHash(t, `${path}.transactions[${i}]`),
  );
  return { header: parseHeader(raw, path), txHashes };
}

function parseHeader(raw: Json, path: string): Omit<ParsedBlock, 'txs'> {
  return {
    height: toNumber(raw.number, `${path}.number`),
    hash: toHash(raw.hash, `${path}.hash`),
    parentHash: toHash(raw.parentHash, `${path}.parentHash`),
    time: toNumber(raw.timestamp, `${path}.timestamp`),
    miner: toAddress(raw.miner, `${path}.miner`),
  };
}

function parseTx(value: unknown, path: string): ParsedTx {
  const raw = asObject(value, path);
  return {
    hash: toHash(raw.hash, `${path}.hash`),
    from: toAddress(raw.from, `${path}.from`),
    to: raw.to === null || raw.to === undefined ? undefined : toAddress(raw.to, `${path}.to`),
    value: toBigInt(raw.value, `${path}.value`),
  };
}

export function parseReceipt(value: unknown, path: string): ParsedReceipt {
  const raw = asObject(value, path);
  const gasUsed = toBigInt(raw.gasUsed, `${path}.gasUsed`);
  // Pre-London receipts lack effectiveGasPrice; the caller then has no fee (rare on modern nodes).
  const price =
    raw.effectiveGasPrice === undefined ? 0n : toBigInt(raw.effectiveGasPrice, `${path}.effectiveGasPrice`);
  const logs = asArray(raw.logs, `${path}.logs`).map((l, i) => parseLog(l, `${path}.logs[${i}]`));
  return {
    txHash: toHash(raw.transactionHash, `${path}.transactionHash`),
    from: toAddress(raw.from, `${path}.from`),
    to: raw.to === null || raw.to === undefined ? undefined : toAddress(raw.to, `${path}.to`),
    blockHash: toHash(raw.blockHash, `${path}.blockHash`),
    // Pre-Byzantium receipts have a state root instead of a status: treat them as successful.
    ok: raw.status === undefined || toBigInt(raw.status, `${path}.status`) === 1n,
    fee: gasUsed * price,
    contractAddress:
      raw.contractAddress === null || raw.contractAddress === undefined
        ? undefined
        : toAddress(raw.contractAddress, `${path}.contractAddress`),
    logs,
  };
}

function parseLog(value: unknown, path: string): ParsedLog {
  const raw = asObject(value, path);
  const topics = asArray(raw.topics, `${path}.topics`).map((t, i) => {
    if (typeof t !== 'string')
      throw new BulwarkError('ETH_RPC_MALFORMED', 'log topic is not a string', {
        path: `${path}.topics[${i}]`,
      });
    return t.toLowerCase();
  });
  if (typeof raw.data !== 'string') {
    throw new BulwarkError('ETH_RPC_MALFORMED', 'log data is not a string', { path: `${path}.data` });
  }
  return { address: toAddress(raw.address, `${path}.address`), topics, data: raw.data.toLowerCase() };
}
