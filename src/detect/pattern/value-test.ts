import type { Comparison, Literal } from '../../stix/index.ts';
import { patternError, timestampMillis } from '../../stix/index.ts';
import { ipv4Within, ipv6Range, ipv6Within, packedIpv4 } from './ip.ts';
import { likeToRegExp } from './like.ts';

/** Tests one property value; true only when the value's type fits the literal (so NOT never matches a mistyped value). */
export type ValueTest = (value: unknown) => boolean;

/** How a value relates to a literal: undefined when their types cannot be compared. */
type Relation = (value: unknown) => number | undefined;

const RFC3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;

export function compileValueTest(text: string, c: Comparison, property: string): ValueTest {
  const negated = c.negated;
  switch (c.operator) {
    case 'IN':
      return inTest(c.value as readonly Literal[], property, negated);
    case 'LIKE':
    case 'MATCHES':
      return regexTest(text, c, property);
    case 'ISSUBSET':
    case 'ISSUPERSET':
      return cidrTest(text, c);
    default:
      return orderTest(relation(c.value as Literal, property), c.operator, negated);
  }
}

function orderTest(rel: Relation, op: string, negated: boolean): ValueTest {
  const holds = (d: number): boolean =>
    op === '='
      ? d === 0
      : op === '!='
        ? d !== 0
        : op === '<'
          ? d < 0
          : op === '>'
            ? d > 0
            : op === '<='
              ? d <= 0
              : d >= 0;
  return (value) => {
    const d = rel(value);
    return d !== undefined && holds(d) !== negated;
  };
}

function inTest(members: readonly Literal[], property: string, negated: boolean): ValueTest {
  const relations = members.map((m) => relation(m, property));
  // Large sets of strings (hash lists) test in O(1).
  if (members.length > 0 && members.every((m) => m.kind === 'string')) {
    const strings = new Set(members.map((m) => m.value as string));
    return (value) => typeof value === 'string' && strings.has(value) !== negated;
  }
  return (value) => {
    let comparable = false;
    for (let i = 0; i < relations.length; i++) {
      const d = relations[i]!(value);
      if (d === 0) return !negated;
      if (d !== undefined) comparable = true;
    }
    return comparable && negated;
  };
}

function relation(l: Literal, property: string): Relation {
  switch (l.kind) {
    case 'string': {
      const s = l.value;
      return (v) => (typeof v === 'string' ? (v < s ? -1 : v > s ? 1 : 0) : undefined);
    }
    case 'int':
    case 'float': {
      const n = l.value;
      return (v) => (typeof v === 'number' ? v - n : undefined);
    }
    case 'bool': {
      const b = l.value;
      return (v) => (typeof v === 'boolean' ? (v === b ? 0 : 1) : undefined);
    }
    case 'timestamp': {
      const t = timestampMillis(l.value);
      return (v) => {
        if (typeof v !== 'string' || !RFC3339.test(v)) return undefined;
        return timestampMillis(v) - t;
      };
    }
    default: {
      const hex = l.kind === 'hex' ? l.value.toLowerCase() : Buffer.from(l.value, 'base64').toString('hex');
      return (v) => {
        const h = bytesOf(v, property, 'hex');
        return h === undefined ? undefined : h < hex ? -1 : h > hex ? 1 : 0;
      };
    }
  }
}

/** Binary properties (`*_bin` base64, `*_hex`) as hex or latin1 text; other strings as they are. */
function bytesOf(v: unknown, property: string, as: 'hex' | 'latin1'): string | undefined {
  if (typeof v !== 'string') return undefined;
  if (property.endsWith('_bin')) return Buffer.from(v, 'base64').toString(as);
  if (property.endsWith('_hex'))
    return as === 'hex' ? v.toLowerCase() : Buffer.from(v, 'hex').toString('latin1');
  return as === 'hex' ? v.toLowerCase() : v;
}

function regexTest(text: string, c: Comparison, property: string): ValueTest {
  const literal = c.value as Literal & { value: string };
  let re: RegExp;
  try {
    // STIX MATCHES is PCRE, searched anywhere in the value, with '.' matching newlines too.
    re = c.operator === 'LIKE' ? likeToRegExp(literal.value) : new RegExp(literal.value, 's');
  } catch (error) {
    const why = (error as Error).message;
    throw patternError(
      text,
      literal.start,
      `regular expression not understood (${why})`,
      'regex',
      'Use the regular-expression features PCRE and JavaScript share.',
    );
  }
  const negated = c.negated;
  const binary = property.endsWith('_bin') || property.endsWith('_hex');
  if (!binary) return (v) => typeof v === 'string' && re.test(v) !== negated;
  return (v) => {
    const s = bytesOf(v, property, 'latin1');
    return s !== undefined && re.test(s) !== negated;
  };
}

function cidrTest(text: string, c: Comparison): ValueTest {
  const literal = c.value as Literal & { value: string };
  const negated = c.negated;
  const subset = c.operator === 'ISSUBSET';
  const v4 = packedIpv4(literal.value);
  if (v4 >= 0) {
    return (v) => {
      if (typeof v !== 'string') return false;
      const p = packedIpv4(v);
      return p >= 0 && (subset ? ipv4Within(p, v4) : ipv4Within(v4, p)) !== negated;
    };
  }
  const v6 = ipv6Range(literal.value);
  if (v6 === undefined) {
    const hint = "Write an IPv4 or IPv6 block such as '198.51.100.0/24' or '2001:db8::/32'.";
    throw patternError(text, literal.start, 'not an IP address or CIDR block', 'cidr', hint);
  }
  return (v) => {
    if (typeof v !== 'string' || v.indexOf(':') < 0) return false;
    const r = ipv6Range(v);
    return r !== undefined && (subset ? ipv6Within(r, v6) : ipv6Within(v6, r)) !== negated;
  };
}
