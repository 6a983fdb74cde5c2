/** One measured figure, with the baseline measured in the same run where there is one. */
export interface BenchResult {
  name: string;
  unit: string;
  value: number;
  baseline?: { name: string; value: number };
  /** A target from DESIGN.md, e.g. ">= 20000". */
  target?: string;
  note?: string;
}
