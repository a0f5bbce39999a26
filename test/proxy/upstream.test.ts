// Request targets mapped to the provider: plain ones skip the URL parser, and
// must come out exactly as the parser would have made them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ModelProviderInfo } from '../../app/config/types.js';
import { router } from '../../app/proxy/upstream.js';

const provider = { baseUrl: 'https://api.example.test/openai/v1/', queryParams: { 'api-version': '1' } } as unknown as ModelProviderInfo;
const { route } = router(provider);
const path = (target: string, providerParams = false) => {
  const r = route(target, providerParams);
  return r.kind === 'upstream' ? r.path : r.kind;
};

test('plain targets map as the URL parser maps them', () => {
  const cases: [string, string][] = [
    ['/v1/chat/completions', '/openai/v1/chat/completions'],
    ['/v1', '/openai/v1'],
    ['/v1/', '/openai/v1'],
    ['/v1?x=1', '/openai/v1?x=1'],
    ['/v1/models/gpt-4.1', '/openai/v1/models/gpt-4.1'],
    ['/v1/files/.hidden..x', '/openai/v1/files/.hidden..x'],
    ['/v1//double', '/openai/v1//double'],
    ['/v1/echo?flag&a=b%20c&list=a,b&q=?/', '/openai/v1/echo?flag&a=b%20c&list=a,b&q=?/'],
  ];
  for (const [target, expected] of cases) {
    assert.equal(path(target), expected, target);
    const parsed = new URL(target, 'http://x');
    assert.equal(path(`${parsed.pathname}${parsed.search}`), expected, `${target} as the parser reads it`);
  }
});

test('targets the parser changes still go through it: dot segments, quotes, spaces, fragments, backslashes', () => {
  assert.equal(path('/v1/a/../b'), '/openai/v1/b');
  assert.equal(path('/v1/./b/.'), '/openai/v1/b/');
  assert.equal(path('/v1/a/..?x'), '/openai/v1?x');
  assert.equal(path("/v1/x?q='a b'"), '/openai/v1/x?q=%27a%20b%27');
  assert.equal(path('/v1/x?q=1#frag'), '/openai/v1/x?q=1');
  assert.equal(path('/v1\\x'), '/openai/v1/x');
  assert.equal(path('/v1/../admin'), 'not-proxied');
  assert.equal(path('/v1/a%2f..'), 'bad-path');
});

test("the provider's query_params fill in only what the client did not send", () => {
  assert.equal(path('/v1/x', true), '/openai/v1/x?api-version=1');
  assert.equal(path('/v1/x?api-version=mine', true), '/openai/v1/x?api-version=mine');
  assert.equal(path('/v1/x?a=1', true), '/openai/v1/x?a=1&api-version=1');
});
