/** What an ingestion run reports. */

export interface IngestSummary {
  /** Blocks, transactions, inputs and outputs this run added. */
  blocks: number;
  transactions: number;
  inputs: number;
  outputs: number;
  /** Inputs of earlier blocks this run resolved. */
  resolved: number;
  /** Blocks rolled back for a better chain. */
  rolledBack: number;
  /** Blocks seen on branches with less work, not ingested. */
  stale: number;
  /** Highest height held after the run (-1: none known). */
  head: number;
  headHash: string | undefined;
}

export interface Progress {
  done: number;
  total: number;
  transactions: number;
}

export function emptySummary(): IngestSummary {
  return {
    blocks: 0,
    transactions: 0,
    inputs: 0,
    outputs: 0,
    resolved: 0,
    rolledBack: 0,
    stale: 0,
    head: -1,
    headHash: undefined,
  };
}
