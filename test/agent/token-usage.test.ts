import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addUsage, blendedTotal, finalUsageLine, nonCachedInput, withSeparators, ZERO_USAGE } from '../../app/agent/token-usage.js';

const usage = (input: number, cached: number, output: number, reasoning = 0) =>
  ({ input_tokens: input, cached_input_tokens: cached, output_tokens: output, reasoning_output_tokens: reasoning, total_tokens: input + output });

test('cached input is part of the input: shown beside it, never counted twice', () => {
  const u = usage(10, 2, 5);
  assert.equal(nonCachedInput(u), 8);
  assert.equal(blendedTotal(u), 13);
  assert.equal(finalUsageLine(u), 'Token usage: total=13 input=8 (+ 2 cached) output=5');
  assert.equal(finalUsageLine(usage(10, 0, 5)), 'Token usage: total=15 input=10 output=5');
});

test('large numbers get thousands separators, reasoning is shown when there was some', () => {
  const u = addUsage(ZERO_USAGE, usage(3_100_000, 3_000_000, 21_243, 4_595));
  assert.equal(finalUsageLine(u), 'Token usage: total=121,243 input=100,000 (+ 3,000,000 cached) output=21,243 (reasoning 4,595)');
  assert.deepEqual([0, 999, 1000, 1234, 1234567].map(withSeparators), ['0', '999', '1,000', '1,234', '1,234,567']);
});
