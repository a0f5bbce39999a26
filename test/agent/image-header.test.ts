import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { imageHeader } from '../../app/agent/image-header.js';
import { IMAGE_MAX_BYTES, inspectImage, loadImage } from '../../app/agent/local-image.js';
import { pngBytes } from '../support/images.js';

const bytes = (...parts: (string | number[])[]): Uint8Array =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));
const le16 = (n: number): number[] => [n & 0xff, n >> 8];
const be16 = (n: number): number[] => [n >> 8, n & 0xff];
const le24 = (n: number): number[] => [n & 0xff, (n >> 8) & 0xff, n >> 16];
const le32 = (n: number): number[] => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, (n >>> 24) & 0xff];
const riff = (chunk: string, body: number[]): Uint8Array => bytes('RIFF', le32(4 + 8 + body.length), 'WEBP', chunk, le32(body.length), body, new Array(8).fill(0));

test('PNG and GIF: the size from IHDR and the logical screen', () => {
  assert.deepEqual(imageHeader(pngBytes(3, 2)), { format: 'png', width: 3, height: 2 });
  assert.deepEqual(imageHeader(pngBytes(70000, 1).subarray(0, 24)), { format: 'png', width: 70000, height: 1 });
  assert.deepEqual(imageHeader(bytes('GIF89a', le16(640), le16(480), [0, 0, 0])), { format: 'gif', width: 640, height: 480 });
  assert.deepEqual(imageHeader(bytes('GIF87a', le16(1), le16(2), [0])), { format: 'gif', width: 1, height: 2 });
});

test('WebP: lossy (VP8), lossless (VP8L) and extended (VP8X) headers', () => {
  assert.deepEqual(imageHeader(riff('VP8 ', [0, 0, 0, 0x9d, 0x01, 0x2a, ...le16(800 | 0x4000), ...le16(600)])), { format: 'webp', width: 800, height: 600 });
  assert.equal(imageHeader(riff('VP8 ', [0, 0, 0, 0x9d, 0x01, 0x2b, ...le16(8), ...le16(6)])), undefined, 'a bad start code');
  assert.deepEqual(imageHeader(riff('VP8L', [0x2f, ...le32((1023 - 1) | ((77 - 1) << 14))])), { format: 'webp', width: 1023, height: 77 });
  assert.deepEqual(imageHeader(riff('VP8X', [0x10, 0, 0, 0, ...le24(4095), ...le24(2)])), { format: 'webp', width: 4096, height: 3 });
});

test('JPEG: the first start-of-frame after the other segments (fill bytes, DHT, progressive)', () => {
  const app0 = [0xff, 0xe0, ...be16(16), ...Buffer.from('JFIF\0'), 1, 1, 0, 0, 1, 0, 1, 0, 0];
  const dht = [0xff, 0xc4, ...be16(4), 0, 0];
  const sof = (m: number, w: number, h: number) => [0xff, m, ...be16(17), 8, ...be16(h), ...be16(w), 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1];
  assert.deepEqual(imageHeader(bytes([0xff, 0xd8], app0, dht, [0xff, 0xff], sof(0xc0, 1920, 1080))), { format: 'jpeg', width: 1920, height: 1080 });
  assert.deepEqual(imageHeader(bytes([0xff, 0xd8], sof(0xc2, 5, 7))), { format: 'jpeg', width: 5, height: 7 });
  assert.equal(imageHeader(bytes([0xff, 0xd8], app0, [0xff, 0xda, 0, 2])), undefined, 'scan before any frame');
  assert.equal(imageHeader(bytes([0xff, 0xd8], app0)), undefined, 'cut before the frame');
});

test('BMP: core and info headers, a top-down (negative) height', () => {
  const bmp = (dib: number[]) => bytes('BM', le32(0), le32(0), le32(54), dib);
  assert.deepEqual(imageHeader(bmp([...le32(40), ...le32(12), ...le32(-34 >>> 0), 1, 0, 24, 0])), { format: 'bmp', width: 12, height: 34 });
  assert.deepEqual(imageHeader(bmp([...le32(12), ...le16(9), ...le16(8), 1, 0, 24, 0])), { format: 'bmp', width: 9, height: 8 });
});

test('anything else, cut short or of zero size, is no image', () => {
  assert.equal(imageHeader(bytes('not an image at all, just text')), undefined);
  assert.equal(imageHeader(new Uint8Array()), undefined);
  assert.equal(imageHeader(pngBytes(3, 2).subarray(0, 20)), undefined);
  assert.equal(imageHeader(pngBytes(0, 2)), undefined);
  assert.equal(imageHeader(bytes('GIF89a', le16(1))), undefined);
});

test('local images: read with their header; too large, not an image or not a file is refused, saying why', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'codex-img-'));
  try {
    const ok = join(dir, 'ok.png');
    writeFileSync(ok, pngBytes(4, 3));
    assert.deepEqual({ ...inspectImage(ok) }, { format: 'png', width: 4, height: 3, path: ok, bytes: pngBytes(4, 3).length, mime: 'image/png' });
    const loaded = await loadImage(ok);
    assert.deepEqual([loaded.mime, loaded.data.equals(pngBytes(4, 3))], ['image/png', true]);
    const big = join(dir, 'big.png');
    writeFileSync(big, pngBytes(1, 1, IMAGE_MAX_BYTES + 1));
    assert.throws(() => inspectImage(big), { message: 'image big.png is 20971521 bytes; the limit is 20971520 bytes' });
    writeFileSync(big, pngBytes(1, 1, IMAGE_MAX_BYTES + 300 * 1024));
    await assert.rejects(loadImage(big), { message: 'image big.png is 20.3 MiB; the limit is 20 MiB' });
    const fake = join(dir, 'fake.png');
    writeFileSync(fake, 'hello');
    assert.throws(() => inspectImage(fake), { message: `${fake} is not a PNG, JPEG, GIF, WebP or BMP image` });
    mkdirSync(join(dir, 'sub.png'));
    assert.throws(() => inspectImage(join(dir, 'sub.png')), { message: `${join(dir, 'sub.png')} is not a file` });
    await assert.rejects(loadImage(join(dir, 'gone.png')), /^Error: unable to read image .*gone\.png: ENOENT/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
