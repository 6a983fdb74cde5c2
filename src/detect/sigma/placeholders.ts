import { sigmaError } from './sigma-error.ts';

/**
 * Expands `%name%` placeholders (the `expand` modifier) into every combination of the values the
 * operator configured; `\%` stays a plain percent sign. A rule naming an unknown placeholder is rejected,
 * as the specification requires of tools that cannot resolve it.
 */
export function expandPlaceholders(
  raw: string,
  placeholders: Readonly<Record<string, readonly string[]>> | undefined,
): string[] {
  let results = [''];
  const re = /\\%|%([A-Za-z0-9_.-]+)%|[^\\%]+|[\\%]/g;
  for (let m = re.exec(raw); m !== null; m = re.exec(raw)) {
    const name = m[1];
    if (name === undefined) {
      const piece = m[0] === '\\%' ? '%' : m[0];
      results = results.map((r) => r + piece);
      continue;
    }
    const values = placeholders?.[name];
    if (values === undefined || values.length === 0) {
      throw sigmaError(`placeholder %${name}% has no configured values`, {
        rule: 'expand',
        hint: 'The rule runs only where the values are configured (compileRules placeholders)',
      });
    }
    results = results.flatMap((r) => values.map((v) => r + v));
  }
  return results;
}
