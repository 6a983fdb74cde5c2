/** Public surface of Ethereum ingestion (re-exported as `ethereum` by src/chain/index.ts). */
export { type AnvilOptions, type AnvilProcess, anvilBinary, freePort, startAnvil } from './anvil-process.ts';
export { describeCapabilities, probeCapabilities } from './capabilities.ts';
export { fetchBlocks, tokensIn } from './fetch-blocks.ts';
export {
  type IngestEthereumOptions,
  type IngestProgress,
  type IngestSummary,
  ingestEthereum,
} from './ingest.ts';
export { maskRpcUrl } from './mask-url.ts';
export { type RpcCall, RpcClient, type RpcClientOptions, type RpcOutcome } from './rpc-client.ts';
export { actorAddress } from './scenario/actors.ts';
export { ChainDriver } from './scenario/driver.ts';
export { groundTruthJson } from './scenario/ground-truth-json.ts';
export { type Flow, type HaircutInput, haircut, type TaintEntry } from './scenario/haircut.ts';
export { HAIRCUT_MODEL, HEIST_ANVIL_ARGS, runHeistScenario } from './scenario/heist.ts';
export type { HeistContracts, HeistScenario, Role } from './scenario/heist-types.ts';
export type { EthereumSink, SinkHead } from './sink.ts';
export { TokenRegistry } from './token-metadata.ts';
export type {
  ChainBlock,
  ChainTransfer,
  ChainTx,
  NodeCapabilities,
  TokenInfo,
  TraceMethod,
  TransferKind,
} from './types.ts';
