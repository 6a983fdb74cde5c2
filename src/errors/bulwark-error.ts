import { type ErrorName, type ErrorSpec, Errors } from './catalogue.ts';

/** Where an error happened, so the reader can find and mend it. */
export interface ErrorPlace {
  /** STIX id of the object concerned. */
  objectId?: string;
  /** Property path inside the object, e.g. `external_references[2].url`. */
  path?: string;
  /** 1-based line (and column) in the input file or message. */
  line?: number;
  column?: number;
  /** 0-based offset into a pattern or text. */
  offset?: number;
  /** File, URL or field name the input came from. */
  source?: string;
}

export interface BulwarkErrorOptions extends ErrorPlace {
  /** How to mend it, in one sentence. */
  hint?: string;
  /** The rule broken (e.g. `timestamp`, `required`, `uuid-v5`). */
  rule?: string;
  cause?: unknown;
  /** Extra, non-secret detail for machine readers. */
  details?: Record<string, unknown>;
}

/** The single error class of Bulwark: a catalogue entry plus the place and a hint. */
export class BulwarkError extends Error {
  readonly spec: ErrorSpec;
  readonly place: ErrorPlace;
  readonly hint: string | undefined;
  readonly rule: string | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(name: ErrorName, message: string, options: BulwarkErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    const { hint, rule, cause: _cause, details, ...place } = options;
    this.name = 'BulwarkError';
    this.spec = Errors[name];
    this.place = place;
    this.hint = hint;
    this.rule = rule;
    this.details = details;
  }

  get code(): string {
    return this.spec.code;
  }

  get status(): number {
    return this.spec.status;
  }

  /** One line for humans: message, place, then the hint. */
  describe(): string {
    const where = describePlace(this.place);
    return `${this.message}${where ? ` (${where})` : ''}${this.hint ? `. ${this.hint}` : ''}`;
  }

  toJSON(): Record<string, unknown> {
    return {
      code: this.code,
      title: this.spec.title,
      message: this.message,
      ...this.place,
      ...(this.rule ? { rule: this.rule } : {}),
      ...(this.hint ? { hint: this.hint } : {}),
      ...(this.details ? { details: this.details } : {}),
    };
  }
}

export function describePlace(place: ErrorPlace): string {
  const parts: string[] = [];
  if (place.source) parts.push(place.source);
  if (place.line !== undefined) parts.push(`line ${place.line}${place.column ? `:${place.column}` : ''}`);
  if (place.objectId) parts.push(place.objectId);
  if (place.path) parts.push(`at ${place.path}`);
  if (place.offset !== undefined) parts.push(`offset ${place.offset}`);
  return parts.join(', ');
}

export function isBulwarkError(value: unknown): value is BulwarkError {
  return value instanceof BulwarkError;
}
