import type { ObjectPath, PathStep } from './ast.ts';
import { KEYWORDS } from './keywords.ts';
import type { Lexer, TokenKind } from './lexer.ts';

/** `type:key.key[3].'quoted-key'[*]…` */
export function parsePath(lx: Lexer): ObjectPath {
  const start = lx.start;
  if (lx.kind !== 'word' || KEYWORDS.has(lx.str)) {
    throw lx.error(
      lx.start,
      'expected an object path (type:property)',
      'object-path',
      "Write a comparison as type:property OPERATOR value, e.g. [file:name = 'a.exe'].",
    );
  }
  const objectType = lx.str;
  lx.next();
  if ((lx.kind as TokenKind) !== ':') {
    throw lx.error(
      lx.start,
      `expected ':' after object type '${objectType}'`,
      'object-path',
      'Separate the object type from the property with a colon, e.g. file:name.',
    );
  }
  lx.next();
  const steps: PathStep[] = [{ kind: 'key', name: key(lx) }];
  let end = lx.end;
  lx.next();
  for (;;) {
    const kind = lx.kind as TokenKind;
    if (kind === '.') {
      lx.next();
      steps.push({ kind: 'key', name: key(lx) });
    } else if (kind === '[') {
      lx.next();
      steps.push({ kind: 'index', index: index(lx) });
      lx.next();
      if ((lx.kind as string) !== ']')
        throw lx.error(
          lx.start,
          "expected ']' after list index",
          'object-path',
          'Close the index, e.g. sections[0] or sections[*].',
        );
    } else break;
    end = lx.end;
    lx.next();
  }
  return { objectType, steps, start, end };
}

function key(lx: Lexer): string {
  if (lx.kind === 'string' || lx.kind === 'word') return lx.str;
  throw lx.error(
    lx.start,
    'expected a property name',
    'object-path',
    "Write a property name, quoted if it has other characters than letters, digits and _: hashes.'SHA-256'.",
  );
}

function index(lx: Lexer): number | '*' {
  if (lx.kind === '*') return '*';
  if (lx.kind === 'int' && Number.isSafeInteger(lx.num)) return lx.num === 0 ? 0 : lx.num;
  throw lx.error(
    lx.start,
    "expected an integer or '*' as list index",
    'object-path',
    'Write a whole number (negative counts from the end) or * for any element.',
  );
}
