/** Public surface of chain/: the transaction-graph store, Bitcoin and Ethereum ingestion. */
export { bip34Height } from './bitcoin/bip34.ts';
export { type BlockRecord, listBlockFiles, MAINNET_MAGIC, scanBlockFile } from './bitcoin/blk-files.ts';
export { parseBlock, sha256d } from './bitcoin/block-parser.ts';
export {
  blkFileName,
  blockBytes,
  blockRecord,
  merkleRoot,
  u32,
  u64,
  varint,
} from './bitcoin/block-writer.ts';
export { type IngestBitcoinOptions, ingestBitcoin } from './bitcoin/ingest.ts';
export type { IngestSummary, Progress } from './bitcoin/ingest-types.ts';
export { hashFromHex, ParsedBlock, reversedHex } from './bitcoin/parsed-block.ts';
export { BitcoinRpc } from './bitcoin/rpc-client.ts';
export { parseBlockJson, rawBlockFromJson } from './bitcoin/rpc-json.ts';
export { addressToKey, keyToAddress, scriptKey } from './bitcoin/script-address.ts';
export * as ethereum from './ethereum/index.ts';
export type { CommitHooks, EthereumTable, EthereumTransfer } from './graph/account-table.ts';
export { NO_ADDRESS, UNKNOWN_HEIGHT, UNRESOLVED } from './graph/format.ts';
export {
  type ChainHead,
  type ChainName,
  type ChainStats,
  type EthereumStats,
  Graph,
  type GraphStats,
  type OpenGraphOptions,
  openGraph,
  type Transfer,
} from './graph/graph.ts';
export { acquireLock, type LockHolder } from './graph/lock.ts';
export type { AppendResult, UtxoTable } from './graph/utxo-table.ts';
export {
  type BitcoinSummary,
  type GenerateBitcoinOptions,
  type GenerateEthereumOptions,
  type GenerateSummary,
  generateBitcoinLike,
  generateEthereum,
  type HeistInfo,
  type ServiceLabel,
} from './synthetic/index.ts';
