/**
 * Run by crash.test.ts: ingests a block directory committing after every block, so a SIGKILL from
 * the parent lands at every stage of a commit sooner or later. Usage: crash-child.ts STORE BLOCKS
 */
import { ingestBitcoin } from '../bitcoin/ingest.ts';
import { openGraph } from './graph.ts';

const [store, blocks] = process.argv.slice(2);
const graph = openGraph(store!);
await ingestBitcoin({ graph, blocksDir: blocks!, commitEvery: 1 });
graph.close();
