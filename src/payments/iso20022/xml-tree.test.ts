import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { generateTraffic } from '../generate/generate-traffic.ts';
import { parseXmlTree, XmlSyntaxError } from './xml-tree.ts';

const REPEATED = new Set(['CdtTrfTxInf', 'AdrLine', 'Ustrd', 'Strd', 'InstrForNxtAgt']);
const library = new XMLParser({
  ignoreAttributes: false,
  removeNSPrefix: true,
  parseTagValue: false,
  attributeNamePrefix: '@_',
  processEntities: false,
  ignoreDeclaration: true,
  isArray: (name) => REPEATED.has(name),
});
const docs = generateTraffic({ seed: 3, start: '2015-01-01', end: '2015-02-28' })
  .filter((t) => t.payment.format === 'pacs.008')
  .map((t) => t.text);

test('the tree of generated pacs.008 documents is the one fast-xml-parser builds', () => {
  assert.ok(docs.length > 50);
  for (const doc of docs) assert.deepEqual(parseXmlTree(doc, REPEATED), library.parse(doc));
});

test('a document the validator calls broken is refused, with the offset of the fault', () => {
  const doc = docs[0] as string;
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: doc.length - 1 }),
      fc.constantFrom('<', '>', '&', '/', '"', '</X>', '<X>', ''),
      fc.integer({ min: 0, max: 3 }),
      (at, insert, cut) => {
        const broken = doc.slice(0, at) + insert + doc.slice(at + cut);
        let ours: 'ok' | number;
        try {
          parseXmlTree(broken, REPEATED);
          ours = 'ok';
        } catch (error) {
          if (!(error instanceof XmlSyntaxError)) throw error;
          ours = error.offset;
          assert.ok(error.offset >= 0 && error.offset <= broken.length);
        }
        if (XMLValidator.validate(broken) !== true) assert.notEqual(ours, 'ok', JSON.stringify(broken));
      },
    ),
    { numRuns: 2000 },
  );
});

test('declarations, a second root and text outside the root are refused', () => {
  for (const bad of [
    '<!DOCTYPE a><a/>',
    '<a/><b/>',
    'x<a/>',
    '<a>',
    '<a></b>',
    '<a b="1" b="2"/>',
    '<a>&bogus;</a>',
    '',
  ]) {
    assert.throws(() => parseXmlTree(bad, REPEATED), XmlSyntaxError, bad);
  }
});
