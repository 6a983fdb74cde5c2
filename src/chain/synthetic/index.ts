/** Synthetic chains with realistic structure, written straight into the graph store (benchmarks, tests). */

export {
  type BitcoinSummary,
  type GenerateBitcoinOptions,
  generateBitcoinLike,
} from './bitcoin-generator.ts';
export {
  EthereumGenerator,
  type GenerateEthereumOptions,
  type GenerateSummary,
  generateEthereum,
  type HeistInfo,
  type ServiceLabel,
} from './ethereum-generator.ts';
export { Rng } from './rng.ts';
