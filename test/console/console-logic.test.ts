/** The console's pure parts, in Node: value recognition, the audience rule, ATT&CK text cleaning. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { audienceOf } from '../../web/src/audience.ts';
import { plainText } from '../../web/src/plain-text.ts';
import { bodyOf, EMPTY_DRAFT, problemOf } from '../../web/src/share-draft.ts';
import type { Community, Organisation } from '../../web/src/types.ts';
import { parseValues, valueType } from '../../web/src/value-type.ts';

const hex = (n: number) => fc.stringMatching(new RegExp(`^[0-9a-f]{${n}}$`));

test('every dotted quad of octets is an ipv4-addr', () => {
  fc.assert(
    fc.property(fc.ipV4(), (ip) => {
      assert.equal(valueType(ip), 'ipv4-addr');
    }),
  );
});

test('hex strings of hash lengths are the matching hash, and 0x + 40 hex is a wallet', () => {
  fc.assert(
    fc.property(hex(64), hex(40), hex(32), (sha256, forty, md5) => {
      assert.equal(valueType(sha256), 'file:sha256');
      assert.equal(valueType(forty), 'file:sha1');
      assert.equal(valueType(md5), 'file:md5');
      assert.equal(valueType(`0x${forty}`), 'cryptocurrency-wallet');
    }),
  );
});

test('domains, URLs, e-mail and Bitcoin addresses are told apart; prose is not recognised', () => {
  assert.equal(valueType('update-wallet.example.com'), 'domain-name');
  assert.equal(valueType('https://evil.example/payload'), 'url');
  assert.equal(valueType('hr@jobs.example'), 'email-addr');
  assert.equal(valueType('bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh'), 'cryptocurrency-wallet');
  assert.equal(valueType('1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa'), 'cryptocurrency-wallet');
  assert.equal(valueType('2001:db8::1'), 'ipv6-addr');
  assert.equal(valueType('not a value'), undefined);
});

test('pasted lines are trimmed, blank lines dropped and duplicates kept once', () => {
  const values = parseValues(' 198.51.100.1 \n\n198.51.100.1\r\nexample.org\n');
  assert.deepEqual(values, [
    { value: '198.51.100.1', type: 'ipv4-addr' },
    { value: 'example.org', type: 'domain-name' },
  ]);
});

const orgs: Organisation[] = ['Bank', 'Exchange', 'Police'].map((name) => ({
  id: `identity--${name}`,
  name,
  created_at: '',
}));
const isac: Community = {
  id: 'c1',
  name: 'ISAC',
  created_at: '',
  org_ids: ['identity--Exchange', 'identity--Bank'],
};

test('AMBER and GREEN reach the community members and the author; CLEAR everyone; RED named keys', () => {
  const amber = audienceOf(
    { tlp: 'amber', community: isac, recipientOrgs: [], authorOrg: 'identity--Bank' },
    orgs,
  );
  assert.deepEqual(amber.kind === 'orgs' && amber.orgs.map((o) => o.name), ['Bank', 'Exchange']);
  const green = audienceOf(
    { tlp: 'green', community: undefined, recipientOrgs: [], authorOrg: undefined },
    orgs,
  );
  assert.equal(green.kind, 'incomplete');
  assert.equal(
    audienceOf({ tlp: 'clear', community: isac, recipientOrgs: [], authorOrg: undefined }, orgs).kind,
    'everyone',
  );
  assert.equal(
    audienceOf({ tlp: 'red', community: isac, recipientOrgs: [], authorOrg: undefined }, orgs).kind,
    'keys',
  );
});

test('AMBER+STRICT reaches exactly the named organisations plus the author, never the community', () => {
  const strict = audienceOf(
    {
      tlp: 'amber+strict',
      community: isac,
      recipientOrgs: ['identity--Police'],
      authorOrg: 'identity--Bank',
    },
    orgs,
  );
  assert.deepEqual(strict.kind === 'orgs' && strict.orgs.map((o) => o.name), ['Bank', 'Police']);
});

test('ATT&CK citations and Markdown links are reduced to plain sentences', () => {
  const text =
    '[Lazarus Group](https://attack.mitre.org/groups/G0032) is a state-sponsored group.(Citation: US-CERT HIDDEN COBRA June 2017) It uses <code>cmd</code>.';
  assert.equal(plainText(text), 'Lazarus Group is a state-sponsored group. It uses cmd.');
});

test('a draft says what it lacks, in order, and becomes the POST /incidents body', () => {
  const draft = { ...EMPTY_DRAFT };
  assert.equal(problemOf(draft, undefined, undefined), 'Name the incident.');
  draft.name = 'Hot wallet drained';
  assert.equal(problemOf(draft, undefined, undefined), 'Paste at least one indicator value.');
  draft.values = '198.51.100.7\nno such thing';
  assert.equal(problemOf(draft, undefined, undefined), 'Fix or remove the values that are not recognised.');
  draft.values = '198.51.100.7';
  const directory = { communities: [isac], orgs, myOrg: 'identity--Bank', fetchedAt: new Date() };
  assert.equal(problemOf(draft, undefined, directory), 'Choose the community to share with.');
  draft.community = isac.id;
  assert.equal(problemOf(draft, isac, directory), null);
  assert.deepEqual(bodyOf(draft), {
    name: 'Hot wallet drained',
    tlp: 'amber',
    community: 'c1',
    indicators: [{ type: 'ipv4-addr', value: '198.51.100.7' }],
  });
  assert.deepEqual(
    bodyOf({ ...draft, tlp: 'amber+strict', recipientOrgText: 'Bank, Police' }).recipient_orgs,
    ['Bank', 'Police'],
  );
});
