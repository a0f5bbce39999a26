import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addUsage, blendedTotal, contextLeftPercent, finalUsageLine, nonCachedInput, reportedContextWindow, withSeparators, ZERO_USAGE } from '../../app/agent/token-usage.js';

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

// Figures read off 0.169's /status with a mock model reporting the usage (model_context_window = 100000 / 272000).
test('context left: the 12K baseline off both sides, rounded, as 0.169 shows it', () => {
  assert.equal(reportedContextWindow(100_000), 95_000, '0.169 shows "/ 95K" for model_context_window = 100000');
  assert.equal(reportedContextWindow(272_000), 258_400);
  assert.equal(contextLeftPercent(30_000, 95_000), 78);
  assert.equal(contextLeftPercent(13_000, 245_480), 100, 'rounded, not truncated (99.57)');
  assert.equal(contextLeftPercent(13_845, 258_400), 99, 'a plain ratio would say 95');
  assert.equal(contextLeftPercent(12_345, 95_000), 100, 'usage below the baseline leaves it all');
  assert.equal(contextLeftPercent(0, 258_400), 100);
  assert.equal(contextLeftPercent(12_400, 11_875), 0, 'a window within the baseline shows 0');
  assert.equal(contextLeftPercent(100, 12_000), 0);
  assert.equal(contextLeftPercent(500_000, 258_400), 0, 'over the window: 0, never negative');
});
