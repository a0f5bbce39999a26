import assert from 'node:assert/strict';
import { test } from 'node:test';
import { backoffMs, MAX_HINT_MS, reconnectMessage, retryAfterMs, retryHintFromMessage, sleep } from '../../app/model/retry.js';

test('backoff doubles from 200 ms with ±10% jitter', () => {
  assert.equal(backoffMs(1, () => 0.5), 200);
  assert.equal(backoffMs(2, () => 0.5), 400);
  assert.equal(backoffMs(4, () => 0.5), 1600);
  assert.equal(backoffMs(1, () => 0), 180);
  assert.equal(backoffMs(1, () => 0.9999), 220);
});

test('Retry-After: seconds, fractional seconds, HTTP date, retry-after-ms first', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  assert.equal(retryAfterMs({ 'retry-after': '2' }, now), 2000);
  assert.equal(retryAfterMs({ 'retry-after': '0.25' }, now), 250);
  assert.equal(retryAfterMs({ 'retry-after': 'Thu, 01 Jan 2026 00:00:03 GMT' }, now), 3000);
  assert.equal(retryAfterMs({ 'retry-after': 'Wed, 31 Dec 2025 23:00:00 GMT' }, now), 0);
  assert.equal(retryAfterMs({ 'retry-after-ms': '150', 'retry-after': '9' }, now), 150);
  assert.equal(retryAfterMs({ 'retry-after': 'soon' }, now), undefined);
  assert.equal(retryAfterMs({}, now), undefined);
  assert.equal(retryAfterMs({ 'retry-after': '999999' }, now), MAX_HINT_MS);
});

test('"try again in" hints inside error messages', () => {
  assert.equal(retryHintFromMessage('Rate limit reached for gpt-5. Please try again in 1.5s. Visit…'), 1500);
  assert.equal(retryHintFromMessage('Please try again in 250ms.'), 250);
  assert.equal(retryHintFromMessage('try again in 3 seconds'), 3000);
  assert.equal(retryHintFromMessage('something else'), undefined);
});

test('reconnect message', () => {
  assert.equal(reconnectMessage(2, 5, 'idle timeout waiting for SSE'), 'Reconnecting... 2/5 (idle timeout waiting for SSE)');
});

test('sleep rejects as soon as the signal aborts', async () => {
  const ac = new AbortController();
  const t0 = Date.now();
  const p = sleep(10_000, ac.signal);
  setTimeout(() => ac.abort(new Error('stop')), 10);
  await assert.rejects(p, /stop/);
  assert.ok(Date.now() - t0 < 1000);
});
