/**
 * Child process for the crash test: ingests one block per commit into a journal and reports each
 * commit on stdout, so the parent can SIGKILL it in the middle. Args: RPC URL, journal directory.
 */
import { ingestEthereum } from '../ingest.ts';
import { JournalSink } from '../journal-sink.ts';

const [url, dir] = process.argv.slice(2) as [string, string];
await ingestEthereum({
  rpc: url,
  graph: new JournalSink(dir),
  chunk: 1,
  onProgress: (p) => process.stdout.write(`${p.height}\n`),
});
process.stdout.write('done\n');
