/** Constants of the graph store's on-disk format (docs/graph-store.md). */

export const FORMAT_NAME = 'bulwark-graph';
export const FORMAT_VERSION = 1;

/** Address id of an output that pays no address (OP_RETURN, bare multisig, non-standard). */
export const NO_ADDRESS = 0xffffffff;
/** Address id of an input whose spent output the store has not seen (yet). */
export const UNRESOLVED = 0xfffffffe;
/** Height of a block whose height is not known (mid-chain start without BIP 34). */
export const UNKNOWN_HEIGHT = 0xffffffff;

export interface SegmentEntry {
  file: string;
  txStart: number;
  txEnd: number;
  rowStart: number;
  rowEnd: number;
}

export interface UtxoManifest {
  blocks: number;
  txs: number;
  rows: number;
  pending: number;
  patches: number;
  segments: SegmentEntry[];
}

/** Ethereum (account model); segment ranges count blocks (txStart/txEnd hold block indices). */
export interface AccountManifest {
  blocks: number;
  txs: number;
  rows: number;
  poolBytes: number;
  farAssets: number;
  assets: number;
  tokens: number;
  symbolBytes: number;
  segments: SegmentEntry[];
}

export interface Manifest {
  format: typeof FORMAT_NAME;
  version: number;
  commit: number;
  addresses: { count: number; bytes: number };
  chains: { bitcoin?: UtxoManifest; ethereum?: AccountManifest };
}
