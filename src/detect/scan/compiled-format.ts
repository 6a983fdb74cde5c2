import type { IndicatorMatcher } from '../matcher/index.ts';
import { canonicalHashName } from '../matcher/index.ts';
import { compileGetter, compileHas, type FieldGetter } from './field-getter.ts';
import type { LogFormat } from './mapping.ts';
import { parseTarget, type Target } from './targets.ts';

export interface CompiledField {
  readonly get: FieldGetter;
  readonly target: Target;
  /** Matcher path ids: for `path` the key's; for `ip` v4 value, v6 value, network-traffic ref value. */
  readonly ids: Int32Array;
}

export interface CompiledFormat {
  readonly name: string;
  readonly matches: (event: unknown) => boolean;
  readonly times: readonly FieldGetter[];
  readonly fields: readonly CompiledField[];
  /** Hash algorithm (as a Sysmon list spells it) → matcher path id, filled as names are met. */
  readonly hashIds: Map<string, number>;
}

/** Resolves a format's fields (under each prefix) and targets against the matcher once. */
export function compileFormat(format: LogFormat, matcher: IndicatorMatcher): CompiledFormat {
  const detectors = format.detect.map(compileHas);
  const prefixes = format.prefixes ?? [''];
  const fields: CompiledField[] = [];
  for (const [name, spec] of Object.entries(format.fields)) {
    const target = parseTarget(spec);
    if (target === undefined) continue;
    for (const prefix of prefixes) {
      fields.push({ get: compileGetter(prefix + name), target, ids: idsOf(target, matcher) });
    }
  }
  return {
    name: format.name,
    matches: detectors.length === 0 ? () => true : (event) => detectors.some((has) => has(event)),
    times: format.time.flatMap((t) => prefixes.map((p) => compileGetter(p + t))),
    fields,
    hashIds: new Map(),
  };
}

function idsOf(target: Target, matcher: IndicatorMatcher): Int32Array {
  if (target.kind === 'path') return Int32Array.of(matcher.pathId(target.key));
  if (target.kind === 'hash-list') return new Int32Array(0);
  const ref = target.role === undefined ? -1 : matcher.pathId(`network-traffic:${target.role}_ref.value`);
  return Int32Array.of(matcher.pathId('ipv4-addr:value'), matcher.pathId('ipv6-addr:value'), ref);
}

/** The matcher id of `file:hashes.'ALG'` for an algorithm named as a log spells it. */
export function hashId(format: CompiledFormat, matcher: IndicatorMatcher, name: string): number {
  let id = format.hashIds.get(name);
  if (id === undefined) {
    const canonical = canonicalHashName(name);
    const bare = /^[A-Za-z_][A-Za-z0-9_]*$/.test(canonical) ? canonical : `'${canonical}'`;
    id = matcher.pathId(`file:hashes.${bare}`);
    format.hashIds.set(name, id);
  }
  return id;
}
