/**
 * Account chains for the taint tests, appended in pieces: letters name addresses, one block and one
 * transaction per step, so an increment is "the blocks from step i on".
 */
import { type Graph, openGraph } from '../../chain/index.ts';
import { blockOf, type Move } from '../../trace/test-graph.ts';

export { addr, type Move } from '../../trace/test-graph.ts';

/** Appends steps [from, to) as blocks of heights from..to-1 and commits (the writer stays open). */
export function appendSteps(
  g: Graph,
  steps: readonly (readonly Move[])[],
  from: number,
  to: number,
  fork = 0,
): void {
  for (let i = from; i < to; i++) g.ethereum.append(blockOf(i, steps[i]!, fork));
  g.ethereum.commit();
}

export function writerAt(dir: string): Graph {
  return openGraph(dir);
}

export function readerAt(dir: string): Graph {
  return openGraph(dir, { readonly: true });
}
