import { BulwarkError } from '../../errors/index.ts';

/** Formats a path stack as `external_references[1].source_name`. */
export function formatPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? part : `.${part}`;
  }
  return out;
}

/**
 * What one validation collects. The property path is a stack pushed and popped around each check, and
 * formatted only when something is reported, so a valid object costs no string building.
 */
export class ValidationContext {
  errors: BulwarkError[] | undefined;
  warnings: string[] | undefined;
  objectId: string | undefined;
  readonly path: (string | number)[] = [];

  error(rule: string, message: string, hint?: string, unknownType = false): void {
    const path = formatPath(this.path);
    const error = new BulwarkError(unknownType ? 'STIX_UNKNOWN_TYPE' : 'STIX_INVALID', message, {
      ...(this.objectId === undefined ? {} : { objectId: this.objectId }),
      ...(path === '' ? {} : { path }),
      rule,
      ...(hint === undefined ? {} : { hint }),
    });
    if (this.errors === undefined) this.errors = [error];
    else this.errors.push(error);
  }

  /** Reports at `prop` below the current path. */
  errorAt(prop: string, rule: string, message: string, hint?: string): void {
    this.path.push(prop);
    this.error(rule, message, hint);
    this.path.pop();
  }

  warn(rule: string, message: string): void {
    const path = formatPath(this.path);
    const warning = `${path === '' ? '' : `${path}: `}${message} [${rule}]`;
    if (this.warnings === undefined) this.warnings = [warning];
    else this.warnings.push(warning);
  }

  warnAt(prop: string, rule: string, message: string): void {
    this.path.push(prop);
    this.warn(rule, message);
    this.path.pop();
  }
}

export type Check = (value: unknown, ctx: ValidationContext) => void;

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `${typeof value}`;
}
