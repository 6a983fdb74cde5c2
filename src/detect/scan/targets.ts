import { parsePattern } from '../../stix/index.ts';
import { canonicalHashName, pathKey } from '../matcher/index.ts';
import type { FieldTarget } from './mapping.ts';

/** A mapped field's destination, resolved once per format. */
export type Target =
  | { readonly kind: 'ip'; readonly role: 'src' | 'dst' | undefined; readonly transform: Transform }
  | { readonly kind: 'hash-list'; readonly transform: Transform }
  | {
      readonly kind: 'path';
      /** The matcher's key: `domain-name:value`, `file:hashes.'SHA-256'`. */
      readonly key: string;
      readonly type: string;
      readonly property: string;
      /** Set for `hashes.X`: the canonical algorithm name. */
      readonly hash: string | undefined;
      readonly transform: Transform;
    };

export type Transform = ((value: string) => string) | undefined;

const TRANSFORMS: Readonly<Record<string, (value: string) => string>> = {
  basename: (v) => v.slice(Math.max(v.lastIndexOf('\\'), v.lastIndexOf('/')) + 1),
  lowercase: (v) => v.toLowerCase(),
};

const PATH = /^([a-z0-9-]+):([a-z0-9_]+)(?:\.(?:'([^']+)'|([A-Za-z0-9_-]+)))?$/;

/** Parses a target of the mapping file; undefined when it names nothing Bulwark can build. */
export function parseTarget(spec: FieldTarget): Target | undefined {
  const to = typeof spec === 'string' ? spec : spec.to;
  const transform =
    typeof spec === 'string' || spec.transform === undefined ? undefined : TRANSFORMS[spec.transform];
  if (to === 'ip' || to === 'ip:src' || to === 'ip:dst') {
    return { kind: 'ip', role: to === 'ip' ? undefined : to === 'ip:src' ? 'src' : 'dst', transform };
  }
  if (to === 'file:hashes') return { kind: 'hash-list', transform };
  const m = PATH.exec(to);
  if (m === null) return undefined;
  const [, type, property, quoted, bare] = m as unknown as [string, string, string, string?, string?];
  const sub = quoted ?? bare;
  if (sub !== undefined && property !== 'hashes') return undefined;
  const hash = sub === undefined ? undefined : canonicalHashName(sub);
  const key = keyOf(hash === undefined ? `${type}:${property}` : `${type}:hashes.'${hash}'`);
  return { kind: 'path', key, type, property, hash, transform };
}

/** The key exactly as the matcher files the path, by parsing it the way an indicator would write it. */
function keyOf(path: string): string {
  const observation = parsePattern(`[${path} = 'x']`).expression;
  if (observation.kind !== 'observation' || observation.comparison.kind !== 'comparison') return path;
  return pathKey(observation.comparison.path);
}
