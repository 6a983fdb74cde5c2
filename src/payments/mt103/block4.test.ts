import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { isBulwarkError } from '../../errors/index.ts';
import { FieldPool, type MtField, readFields, readFieldsInto } from './block4.ts';
import { swiftDate } from './field-formats.ts';

/** The straightforward reading the one-pass `readFields` must agree with: split lines, match tags. */
function reference(block4: string): MtField[] | 'error' {
  const lines = block4.split(/\r?\n/);
  if (lines[0] !== '' || lines[lines.length - 1] !== '-') return 'error';
  const fields: MtField[] = [];
  for (let i = 1; i < lines.length - 1; i++) {
    const text = lines[i] as string;
    const match = /^:(\d{2}[A-Z]?):(.*)$/.exec(text);
    if (match) fields.push({ tag: match[1] as string, lines: [match[2] as string], line: 10 + i });
    else if (fields.length === 0) return 'error';
    else fields[fields.length - 1]?.lines.push(text);
  }
  return fields;
}

function actual(block4: string): MtField[] | 'error' {
  try {
    return readFields(block4, 10);
  } catch (error) {
    if (isBulwarkError(error)) return 'error';
    throw error;
  }
}

const piece = fc.constantFrom(
  '\n',
  '\r\n',
  '\r',
  ':20:',
  ':32A:',
  ':5',
  'X',
  ':',
  '-',
  ' ',
  '9',
  'A',
  '\u2028',
);

test('readFields agrees with splitting lines and matching tags, on arbitrary text', () => {
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 30 }), (parts) => {
      const text = parts.join('');
      assert.deepEqual(actual(text), reference(text));
      assert.deepEqual(actual(`\n${text}\n-`), reference(`\n${text}\n-`));
    }),
    { numRuns: 3000 },
  );
});

/** A pooled reading, copied out: the fields of the pool's first `count` slots, or the error's message. */
function pooled(block4: string, pool: FieldPool): MtField[] | string {
  try {
    readFieldsInto(block4, 10, pool);
  } catch (error) {
    if (isBulwarkError(error)) return error.message;
    throw error;
  }
  return pool.fields.slice(0, pool.count).map((f) => ({ tag: f.tag, lines: [...f.lines], line: f.line }));
}

function fresh(block4: string): MtField[] | string {
  try {
    return readFields(block4, 10);
  } catch (error) {
    if (isBulwarkError(error)) return error.message;
    throw error;
  }
}

test('a pool reused block after block reads each as a fresh readFields does, errors included', () => {
  const line = fc.string({ unit: fc.constantFrom('A', 'B', '1', '/', ' '), maxLength: 5 });
  const field = fc
    .tuple(
      fc.constantFrom(':20:', ':32A:', ':50K:', ':59:', ':70:'),
      fc.array(line, { minLength: 1, maxLength: 3 }),
    )
    .map(([tag, lines]) => `${tag}${lines.join('\n')}`);
  const block = fc.oneof(
    fc.array(field, { maxLength: 6 }).map((fields) => `\n${fields.join('\r\n')}\n-`),
    fc
      .array(piece, { maxLength: 30 })
      .chain((parts) => fc.constantFrom(parts.join(''), `\n${parts.join('')}\n-`)),
  );
  fc.assert(
    fc.property(fc.array(block, { minLength: 1, maxLength: 8 }), (blocks) => {
      const pool = new FieldPool();
      for (const text of blocks) assert.deepEqual(pooled(text, pool), fresh(text), JSON.stringify(text));
    }),
    { numRuns: 2000 },
  );
});

test('swiftDate accepts exactly the YYMMDD days that exist', () => {
  fc.assert(
    fc.property(
      fc.date({ min: new Date('1980-01-01'), max: new Date('2079-12-31'), noInvalidDate: true }),
      (d) => {
        const iso = d.toISOString().slice(0, 10);
        assert.equal(swiftDate(iso.slice(2).replace(/-/g, '')), iso);
      },
    ),
  );
  for (const bad of ['160230', '150229', '161301', '160100', '16011', '16o101', '000229x']) {
    assert.equal(swiftDate(bad), undefined, bad);
  }
  assert.equal(swiftDate('000229'), '2000-02-29');
  assert.equal(swiftDate('960229'), '1996-02-29');
});
