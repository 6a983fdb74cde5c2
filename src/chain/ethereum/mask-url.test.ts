import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { maskRpcUrl } from './mask-url.ts';

describe('maskRpcUrl', () => {
  it('masks user, password, query values and key-like path segments', () => {
    assert.equal(
      maskRpcUrl('https://bob:pw@node.example:8545/rpc?apikey=abc'),
      'https://***:***@node.example:8545/rpc?apikey=***',
    );
    assert.equal(
      maskRpcUrl('https://mainnet.infura.io/v3/0123456789abcdef0123456789abcdef'),
      'https://mainnet.infura.io/v3/***',
    );
    assert.equal(maskRpcUrl('http://127.0.0.1:8545'), 'http://127.0.0.1:8545/');
    assert.equal(maskRpcUrl('not a url'), '<unparseable RPC URL>');
  });

  it('never lets a secret of 6+ characters through, whatever the URL looks like', () => {
    const secret = fc.stringMatching(/^[A-Za-z0-9]{6,30}$/);
    fc.assert(
      fc.property(
        secret,
        secret,
        secret,
        fc.constantFrom('user', 'password', 'query', 'path'),
        (user, pass, key, where) => {
          const url =
            where === 'path'
              ? `https://host.example/v2/${key}${'x'.repeat(20)}`
              : `https://${user}:${pass}@host.example/rpc?key=${key}`;
          const masked = maskRpcUrl(url);
          const secrets =
            where === 'path' ? [`${key}${'x'.repeat(20)}`] : [`${user}:`, `:${pass}@`, `=${key}`];
          for (const s of secrets) assert.ok(!masked.includes(s), `${masked} leaks ${s}`);
        },
      ),
    );
  });
});
