/**
 * Child process for the crash test: ingests one block per commit into a graph store and reports each
 * commit on stdout, so the parent can SIGKILL it in the middle. Args: RPC URL, store directory.
 */
import { openGraph } from '../../graph/graph.ts';
import { ingestEthereum } from '../ingest.ts';

const [url, dir] = process.argv.slice(2) as [string, string];
const graph = openGraph(dir);
await ingestEthereum({
  rpc: url,
  graph: graph.ethereum,
  chunk: 1,
  onProgress: (p) => process.stdout.write(`${p.height}\n`),
});
graph.close();
process.stdout.write('done\n');
