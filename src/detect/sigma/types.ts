/** Typed shape of a Sigma rule after loading; what the compiler turns into closures. */

export interface Logsource {
  readonly product?: string;
  readonly category?: string;
  readonly service?: string;
  /**
   * For an event's log source: every part is known, so a missing category means the event has
   * none (a Security 4624 is no process_creation). Without it, missing parts are merely unknown.
   */
  readonly complete?: boolean;
}

/** One `field|mod1|mod2: values` entry of a selection map. */
export interface FieldClause {
  /** Field name as written, without modifiers; empty for keyword clauses (`'|all': [...]`). */
  readonly field: string;
  readonly modifiers: readonly string[];
  /** Scalars as the YAML gave them; `null` is the Sigma null value. */
  readonly values: readonly SigmaScalar[];
}

export type SigmaScalar = string | number | boolean | null;

/**
 * A named search identifier: a map (AND of clauses), a list of maps (OR), or a keyword list
 * (values searched over every value of the event, OR).
 */
export type Search =
  | { readonly kind: 'map'; readonly alternatives: readonly (readonly FieldClause[])[] }
  | { readonly kind: 'keywords'; readonly clause: FieldClause };

export interface SigmaRelated {
  readonly id: string;
  readonly type: string;
}

export interface SigmaRule {
  readonly title: string;
  readonly id: string | undefined;
  /** Name by which correlation rules may refer to the rule. */
  readonly name: string | undefined;
  readonly status: string | undefined;
  readonly description: string | undefined;
  readonly author: string | undefined;
  readonly logsource: Logsource;
  readonly searches: ReadonlyMap<string, Search>;
  /** Conditions as written; several are OR-ed. */
  readonly conditions: readonly string[];
  readonly fields: readonly string[];
  readonly level: string | undefined;
  readonly tags: readonly string[];
  readonly falsepositives: readonly string[];
  readonly related: readonly SigmaRelated[];
  /** Where the rule came from (file path or label), for reports. */
  readonly source: string | undefined;
  /**
   * 1-based lines in `source` of the rule's parts, by rule path (`''` for the document, and
   * `detection.<name>`, `detection.condition`), so a fault found only when the rule is compiled
   * (e.g. a placeholder without values) still points into the file.
   */
  readonly lines?: Readonly<Record<string, number>>;
}

export interface SigmaMatch {
  readonly ruleId: string;
  readonly title: string;
  readonly level: string | undefined;
  /** The rule's author: the Detection Rule License asks that views of matches name it. */
  readonly author: string | undefined;
  /** Index of the event in the array given to `matchBatch`. */
  readonly eventIndex: number;
  /** Index of the rule in the engine's `rules` (rule ids need not be unique across sources). */
  readonly ruleIndex: number;
}

/** A flat or nested JSON event. */
export type SigmaEvent = Readonly<Record<string, unknown>>;
