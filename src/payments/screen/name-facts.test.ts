import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { mtPaymentArb, pacsPaymentArb } from '../payment-arbitrary.ts';
import { defaultConfig } from './config.ts';
import { bankKeys, featuresOf } from './features.ts';
import { foldName, isFolded } from './normalise-name.ts';
import { isPerson, personByName } from './party-kind.ts';
import { NearMissFinder } from './text-anomaly.ts';
import { Watchlist } from './watchlist.ts';

/** Names as payments carry them: plain, accented, punctuated, spaced, listed or near-listed. */
const name = fc
  .array(
    fc.oneof(
      fc.constantFrom(' ', '  ', ',', '.', '-', 'é', 'ß', 'S A', 'LTD', 'BANK', 'FANDATION', 'SHALIKA'),
      fc.constantFrom('LAZARUS', 'GROUP', 'Lazarus', 'JOHN', 'SMITH', 'CO', '7'),
      fc.string({ maxLength: 4 }),
    ),
    { maxLength: 6 },
  )
  .map((parts) => parts.join(''));

test('isFolded accepts exactly the names the plain-name regex accepts, and those fold to themselves', () => {
  fc.assert(
    fc.property(name, (text) => {
      assert.equal(isFolded(text), /^[A-Z0-9]+( [A-Z0-9]+)*$/.test(text), text);
      assert.equal(isFolded(text, false), /^[A-Z0-9]+$/.test(text), text);
      if (isFolded(text)) assert.equal(foldName(text), text);
    }),
    { numRuns: 5000 },
  );
});

test('the readings remembered per name equal the uncached ones, whichever owner and threshold asked last', () => {
  const config = defaultConfig();
  const lists = [new Watchlist(config.watchlist), new Watchlist(config.watchlist.slice(0, 2))];
  const finders = [
    new NearMissFinder(config.dictionary, config.rules.textAnomaly.minLength),
    new NearMissFinder(config.dictionary.slice(0, 5), 4),
  ];
  const ask = fc.tuple(name, fc.nat({ max: 1 }), fc.constantFrom(0.5, 0.8, 0.92));
  fc.assert(
    fc.property(fc.array(ask, { minLength: 1, maxLength: 12 }), (asks) => {
      for (const [text, owner, threshold] of asks) {
        const list = lists[owner] as Watchlist;
        const finder = finders[owner] as NearMissFinder;
        assert.deepEqual(list.matchName(text, threshold), list.search(text, threshold), text);
        assert.deepEqual(finder.findName(text), finder.search(text), text);
        assert.equal(isPerson({ name: text, addressLines: [] }), personByName(text), text);
      }
    }),
    { numRuns: 1000 },
  );
});

test('features key beneficiaries, originators and corridors as account|folded name, BIC8|id and currency|country', () => {
  fc.assert(
    fc.property(fc.oneof(mtPaymentArb, pacsPaymentArb), name, (payment, creditorName) => {
      const p = {
        ...payment,
        creditor: { ...payment.creditor, name: creditorName || payment.creditor.name },
      };
      const f = featuresOf(p);
      const creditor = p.creditor.name ?? p.creditor.bic ?? '';
      assert.equal(f.beneficiary, `${p.creditor.account?.value ?? ''}|${foldName(creditor)}`);
      const bank = p.debtorAgent ?? p.senderBic;
      const debtor = p.debtor.account?.value ?? foldName(p.debtor.name ?? p.debtor.bic ?? '');
      assert.equal(f.originator, `${bank ? bank.slice(0, 8) : '?'}|${debtor}`);
      const beneficiaryBank = p.creditorAgent ?? p.receiverBic;
      assert.deepEqual(
        bankKeys(beneficiaryBank),
        beneficiaryBank
          ? { bic8: beneficiaryBank.slice(0, 8), country: beneficiaryBank.slice(4, 6) }
          : undefined,
      );
      assert.equal(
        f.corridor,
        `${p.amount.currency}|${p.creditor.country ?? beneficiaryBank?.slice(4, 6) ?? '?'}`,
      );
      // the same key instance each time: history look-ups reuse its hash
      assert.equal(featuresOf(p).beneficiary, f.beneficiary);
    }),
    { numRuns: 1000 },
  );
});
