/** Ingestion from a directory of blk*.dat files: scan, choose the chain, roll back, append, commit. */
import { BulwarkError } from '../../errors/index.ts';
import { UNKNOWN_HEIGHT } from '../graph/format.ts';
import type { Graph } from '../graph/graph.ts';
import { bip34Height } from './bip34.ts';
import { type BlockRecord, listBlockFiles, readBlock, scanBlockFile } from './blk-files.ts';
import { parseBlock } from './block-parser.ts';
import { type ChainNode, selectChains } from './chain-select.ts';
import type { IngestSummary, Progress } from './ingest-types.ts';
import { ParsedBlock, reversedHex } from './parsed-block.ts';

export interface BlocksDirOptions {
  dir: string;
  graph: Graph;
  magic?: number;
  /** Commit after at least this many transactions (a commit is also made at the end). */
  commitEvery?: number;
  onProgress?: (p: Progress) => void;
}

function storedNodes(graph: Graph): ChainNode[] {
  const c = graph.bitcoin.c;
  const nodes: ChainNode[] = [];
  for (let b = 0; b < c.blocks; b++) {
    nodes.push({
      hash: reversedHex(c.blockHash.data, b * 32),
      prev: reversedHex(c.blockPrev.data, b * 32),
      bits: c.blockBits.data[b]!,
      stored: b,
      height: graph.bitcoin.heightOf(b),
    });
  }
  return nodes;
}

export function ingestBlocksDir(opts: BlocksDirOptions, summary: IngestSummary): void {
  const { graph } = opts;
  const records = new Map<string, BlockRecord>();
  for (const file of listBlockFiles(opts.dir))
    for (const r of scanBlockFile(file, opts.magic)) records.set(r.hash, r);
  const nodes: ChainNode[] = storedNodes(graph);
  for (const r of records.values())
    nodes.push({ hash: r.hash, prev: r.prev, bits: r.bits, stored: -1, height: -1 });
  let buf: Uint8Array = new Uint8Array(1 << 20);
  const pb = new ParsedBlock();
  const load = (r: BlockRecord): ParsedBlock => {
    buf = readBlock(r, buf);
    return parseBlock(buf, 0, r.size, pb, `${r.file}@${r.offset}`);
  };
  const sel = selectChains(nodes, (n) => bip34Height(load(records.get(n.hash)!)));
  summary.stale += sel.stale;
  if (Number.isFinite(sel.rollbackTo)) {
    for (const { node } of sel.chain) {
      if (node.stored >= sel.rollbackTo && !records.has(node.hash)) {
        throw new BulwarkError(
          'GRAPH_REORG',
          `the best chain keeps block ${node.hash}, which the files no longer hold`,
          {
            hint: 'Ingest from a block directory that still holds the blocks after the fork',
          },
        );
      }
    }
    summary.rolledBack += graph.bitcoin.c.blocks - sel.rollbackTo;
    graph.rollbackBitcoin(sel.rollbackTo);
  }
  for (const { node, height } of sel.chain) {
    if (node.stored >= 0 && node.stored < sel.rollbackTo && node.height < 0)
      graph.bitcoin.learnHeight(node.stored, height);
  }
  const todo = sel.chain.filter(({ node }) => node.stored < 0 || node.stored >= sel.rollbackTo);
  const every = opts.commitEvery ?? 200_000;
  let sinceCommit = 0;
  let done = 0;
  try {
    for (const { node, height } of todo) {
      const block = load(records.get(node.hash)!);
      const r = graph.bitcoin.appendBlock(block, height < 0 ? UNKNOWN_HEIGHT : height);
      done++;
      if (r.added) {
        summary.blocks++;
        summary.transactions += r.transactions;
        summary.inputs += r.inputs;
        summary.outputs += r.outputs;
        summary.resolved += r.resolved;
        sinceCommit += r.transactions;
      }
      if (sinceCommit >= every) {
        graph.commit();
        sinceCommit = 0;
      }
      opts.onProgress?.({ done, total: todo.length, transactions: summary.transactions });
    }
  } finally {
    // a malformed block stops the run, but the whole blocks before it are kept (parents first)
    graph.commit();
  }
}
