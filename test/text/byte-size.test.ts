import assert from 'node:assert/strict';
import { test } from 'node:test';
import { byteSize } from '../../app/text/byte-size.js';

test('byteSize: bytes, then KiB / MiB / GiB with one decimal that is dropped when .0', () => {
  assert.equal(byteSize(0), '0 bytes');
  assert.equal(byteSize(1023), '1023 bytes');
  assert.equal(byteSize(1024), '1 KiB');
  assert.equal(byteSize(1536), '1.5 KiB');
  assert.equal(byteSize(20 * 1024 * 1024), '20 MiB');
  assert.equal(byteSize(25.34 * 1024 * 1024), '25.3 MiB');
  assert.equal(byteSize(3 * 1024 ** 3), '3 GiB');
});
