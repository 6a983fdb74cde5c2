import assert from 'node:assert/strict';
import { test } from 'node:test';
import { IndicatorMatcher } from '../matcher/index.ts';
import { EventMapper } from './event-mapper.ts';
import { loadMapping } from './mapping.ts';
import { StreamRouter } from './stream-router.ts';

const PATTERNS = [
  // anchored throughout: the matcher follows it itself, the router leaves it alone
  "[domain-name:value = 'a.example'] FOLLOWEDBY [ipv4-addr:value = '192.0.2.1']",
  // one observation by type (network-traffic), one by its exact value
  "[network-traffic:dst_port > 4000] FOLLOWEDBY [domain-name:value = 'evil.example'] WITHIN 60 SECONDS",
  "[file:name != 'ok.exe'] AND [user-account:account_login LIKE 'adm%']",
];

function setup() {
  const matcher = new IndicatorMatcher(PATTERNS.map((pattern, i) => ({ id: `i${i}`, pattern })));
  const mapper = new EventMapper(loadMapping(), matcher);
  const router = StreamRouter.of(matcher, mapper)!;
  /** Maps one ECS event and returns the router's candidates and whether it built the observation. */
  const route = (event: object): { multi: number[]; built: boolean } => {
    mapper.match(event);
    const n = router.collect();
    return { multi: Array.from(router.multi.subarray(0, n)).sort(), built: router.built !== undefined };
  };
  return { matcher, router, route };
}

test('no router when every several-observation pattern is anchored', () => {
  const matcher = new IndicatorMatcher([{ id: 'i0', pattern: PATTERNS[0]! }]);
  assert.equal(StreamRouter.of(matcher, new EventMapper(loadMapping(), matcher)), undefined);
});

test('an event of an unrelated type, or with no exact value a leaf wants, never builds an observation', () => {
  const { route } = setup();
  assert.deepEqual(route({ url: { full: 'http://x.example/' } }), { multi: [], built: false });
  // domain-name is reached only through the exact value 'evil.example'
  assert.deepEqual(route({ dns: { question: { name: 'other.example' } } }), { multi: [], built: false });
});

test('a reached leaf is tested: only events that satisfy one observation are candidates', () => {
  const { route } = setup();
  assert.deepEqual(route({ dns: { question: { name: 'evil.example' } } }), { multi: [1], built: true });
  assert.deepEqual(route({ destination: { ip: '10.0.0.1', port: 4444 } }), { multi: [1], built: true });
  // reached through network-traffic, but port 80 passes no leaf
  assert.deepEqual(route({ destination: { ip: '10.0.0.1', port: 80 } }), { multi: [], built: true });
  assert.deepEqual(route({ file: { name: 'bad.exe' } }), { multi: [2], built: true });
  assert.deepEqual(route({ file: { name: 'ok.exe' }, user: { name: 'guest' } }), { multi: [], built: true });
  assert.deepEqual(route({ file: { name: 'ok.exe' }, user: { name: 'admin' } }), { multi: [2], built: true });
});

test("the matcher's anchored candidates come first and are kept", () => {
  const { route } = setup();
  assert.deepEqual(route({ destination: { ip: '192.0.2.1', port: 5000 } }), { multi: [0, 1], built: true });
  assert.deepEqual(route({ destination: { ip: '192.0.2.1', port: 80 } }), { multi: [0], built: true });
});
