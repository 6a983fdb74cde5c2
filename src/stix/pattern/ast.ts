/**
 * The abstract syntax tree of a STIX 2.1 pattern. Every node carries `start` and `end`, 0-based source
 * offsets (end exclusive), so errors and tools can point into the original text.
 */

export interface Span {
  readonly start: number;
  readonly end: number;
}

export type Literal =
  | (Span & { readonly kind: 'string'; readonly value: string })
  | (Span & { readonly kind: 'int'; readonly value: number })
  | (Span & { readonly kind: 'float'; readonly value: number })
  | (Span & { readonly kind: 'bool'; readonly value: boolean })
  /** Hex digits as written between the quotes of `h'…'`. */
  | (Span & { readonly kind: 'hex'; readonly value: string })
  /** Base64 text as written between the quotes of `b'…'`. */
  | (Span & { readonly kind: 'binary'; readonly value: string })
  /** RFC 3339 text as written between the quotes of `t'…'`. */
  | (Span & { readonly kind: 'timestamp'; readonly value: string });

export type LiteralKind = Literal['kind'];

export type PathStep =
  | { readonly kind: 'key'; readonly name: string }
  /** `[n]` (negative counts from the end) or `[*]`, any element. */
  | { readonly kind: 'index'; readonly index: number | '*' };

export interface ObjectPath extends Span {
  readonly objectType: string;
  /** At least one step: the first is always a key. */
  readonly steps: readonly PathStep[];
}

export type ComparisonOperator =
  | '='
  | '!='
  | '<'
  | '>'
  | '<='
  | '>='
  | 'IN'
  | 'LIKE'
  | 'MATCHES'
  | 'ISSUBSET'
  | 'ISSUPERSET';

export interface Comparison extends Span {
  readonly kind: 'comparison';
  readonly path: ObjectPath;
  readonly operator: ComparisonOperator;
  /** `NOT` written before the operator. */
  readonly negated: boolean;
  /** A list for `IN`, one literal otherwise. */
  readonly value: Literal | readonly Literal[];
}

export interface Exists extends Span {
  readonly kind: 'exists';
  readonly path: ObjectPath;
}

interface Junction<K extends string, T> extends Span {
  readonly kind: K;
  readonly left: T;
  readonly right: T;
}

/** One interface per operator, so checking `kind` narrows the union. */
export type ComparisonJunction = Junction<'and', ComparisonExpression> | Junction<'or', ComparisonExpression>;

export type ComparisonExpression = Comparison | Exists | ComparisonJunction;

export type Qualifier =
  | (Span & { readonly kind: 'within'; readonly seconds: number })
  | (Span & { readonly kind: 'repeats'; readonly times: number })
  | (Span & { readonly kind: 'start-stop'; readonly startTime: string; readonly stopTime: string });

/** `[ … ]`: comparisons over one observation. */
export interface ObservationExpression extends Span {
  readonly kind: 'observation';
  readonly comparison: ComparisonExpression;
}

export type ObservationJunction =
  | Junction<'obs-and', PatternExpression>
  | Junction<'obs-or', PatternExpression>
  | Junction<'followedby', PatternExpression>;

export interface Qualified extends Span {
  readonly kind: 'qualified';
  readonly expression: PatternExpression;
  readonly qualifier: Qualifier;
}

export type PatternExpression = ObservationExpression | ObservationJunction | Qualified;

export interface Pattern extends Span {
  readonly kind: 'pattern';
  readonly expression: PatternExpression;
}
