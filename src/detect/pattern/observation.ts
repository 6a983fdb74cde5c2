/** The objects of one observation, keyed as `observed-data` keys them ("0", "1", … or SCO ids). */
export type ObservedObjects = Readonly<Record<string, object>>;

/** One observation: when it was seen (ms since the epoch) and the cyber-observable objects in it. */
export interface Observation {
  readonly time: number;
  readonly objects: ObservedObjects;
}

/** A pattern satisfied by a set of observations (the evidence), with its time span. */
export interface Match {
  readonly observations: readonly Observation[];
  readonly first: number;
  readonly last: number;
}
