/**
 * A small SQL text builder so the query shapes (visibility, version selection, filters) are written once
 * for SQLite and PostgreSQL; only placeholders and list membership differ.
 */
export type Dialect = 'sqlite' | 'postgres';

export class Sql {
  readonly dialect: Dialect;
  readonly params: unknown[] = [];

  constructor(dialect: Dialect) {
    this.dialect = dialect;
  }

  /** A placeholder bound to `value`. */
  param(value: unknown): string {
    this.params.push(value);
    // Numbered, not positional, so clauses may be built in any order and reuse no placeholder.
    return this.dialect === 'sqlite' ? `@p${this.params.length}` : `$${this.params.length}`;
  }

  /** Parameters in the form the driver binds: named for better-sqlite3, positional for pg. */
  bindings(): unknown[] | Record<string, unknown> {
    if (this.dialect === 'postgres') return this.params;
    const named: Record<string, unknown> = {};
    for (let i = 0; i < this.params.length; i++) named[`p${i + 1}`] = this.params[i];
    return named;
  }

  /** `expr` is one of `values`; false for an empty list. */
  inList(expr: string, values: readonly (string | number)[]): string {
    if (values.length === 0) return '(1 = 0)';
    if (this.dialect === 'postgres') {
      const type = typeof values[0] === 'number' ? 'bigint' : 'text';
      return `${expr} = any(${this.param(values)}::${type}[])`;
    }
    return `${expr} in (${values.map((v) => this.param(v)).join(', ')})`;
  }
}
