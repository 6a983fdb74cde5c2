import { sigmaError } from './sigma-error.ts';

export type Transform = 'base64' | 'base64offset' | 'utf16le' | 'utf16be' | 'utf16' | 'windash';
export type Compare = 'gt' | 'gte' | 'lt' | 'lte';

/** What a modifier chain asks for, once validated. */
export interface ModifierPlan {
  /** Value transformations in the order written. */
  readonly transforms: readonly Transform[];
  readonly position: 'exact' | 'contains' | 'startswith' | 'endswith';
  readonly kind: 'glob' | 're' | 'cidr' | 'exists' | 'compare' | 'fieldref';
  readonly compare: Compare | undefined;
  /** Values AND-ed instead of OR-ed. */
  readonly all: boolean;
  readonly cased: boolean;
  readonly neq: boolean;
  readonly expand: boolean;
  /** Regular-expression flags from the i / m / s sub-modifiers. */
  readonly reFlags: string;
}

const TRANSFORMS = new Set(['base64', 'base64offset', 'utf16le', 'utf16be', 'utf16', 'wide', 'windash']);
const POSITIONS = new Set(['contains', 'startswith', 'endswith']);
const COMPARES = new Set(['gt', 'gte', 'lt', 'lte']);
const RE_FLAGS: Readonly<Record<string, string>> = {
  i: 'i',
  ignorecase: 'i',
  m: 'm',
  multiline: 'm',
  s: 's',
  dotall: 's',
};
const KINDS: Readonly<Record<string, ModifierPlan['kind']>> = {
  re: 're',
  cidr: 'cidr',
  exists: 'exists',
  fieldref: 'fieldref',
};

/** Validates a modifier chain (`contains|all`, `re|i`, …) and reads it into a plan. */
export function planModifiers(modifiers: readonly string[]): ModifierPlan {
  const transforms: Transform[] = [];
  let position: ModifierPlan['position'] = 'exact';
  let kind: ModifierPlan['kind'] = 'glob';
  let compare: Compare | undefined;
  let all = false;
  let cased = false;
  let neq = false;
  let expand = false;
  let reFlags = '';
  for (const raw of modifiers) {
    const m = raw.toLowerCase();
    if (TRANSFORMS.has(m)) transforms.push(m === 'wide' ? 'utf16le' : (m as Transform));
    else if (POSITIONS.has(m)) position = setOnce(position, m as ModifierPlan['position'], 'exact', raw);
    else if (COMPARES.has(m)) {
      kind = setOnce(kind, 'compare', 'glob', raw);
      compare = m as Compare;
    } else if (KINDS[m] !== undefined) kind = setOnce(kind, KINDS[m], 'glob', raw);
    else if (RE_FLAGS[m] !== undefined) {
      if (kind !== 're') throw sigmaError(`modifier '${raw}' only follows 're'`, { rule: 'modifier' });
      reFlags += RE_FLAGS[m];
    } else if (m === 'all') all = true;
    else if (m === 'cased') cased = true;
    else if (m === 'neq') neq = true;
    else if (m === 'expand') expand = true;
    else
      throw sigmaError(`unknown value modifier '${raw}'`, {
        rule: 'modifier',
        hint: 'See the Sigma modifiers appendix',
      });
  }
  if (kind !== 'glob' && kind !== 'fieldref' && (transforms.length > 0 || position !== 'exact')) {
    throw sigmaError(`modifier '${kind}' does not combine with ${[...transforms, position].join(', ')}`, {
      rule: 'modifier',
    });
  }
  return { transforms, position, kind, compare, all, cased, neq, expand, reFlags };
}

function setOnce<T extends string>(current: T, next: T, unset: T, raw: string): T {
  if (current !== unset && current !== next) {
    throw sigmaError(`modifier '${raw}' conflicts with '${current}'`, { rule: 'modifier' });
  }
  return next;
}
