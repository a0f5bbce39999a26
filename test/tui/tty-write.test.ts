// The Tty writes frames straight to the output's descriptor; a descriptor left
// non-blocking that fills up hands the rest to the stream, which queues it, and
// everything after it goes the same way, so nothing is lost or reordered. The
// output here is a real non-blocking pipe to a child that reads nothing until told to.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import { Tty } from '../../app/tui/renderer/tty.js';

const READER = `
const { createWriteStream } = require('node:fs');
process.once('message', () => {
  process.stdin.pipe(createWriteStream(process.argv[1])).on('finish', () => process.send('done'));
});
process.send('ready');`;

test('a frame larger than a full non-blocking pipe takes is written whole and in order, the rest through the stream', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'codex-tty-'));
  const file = join(dir, 'out');
  const child = spawn(process.execPath, ['-e', READER, file], { stdio: ['pipe', 'ignore', 'inherit', 'ipc'] });
  try {
    await new Promise((resolve) => child.once('message', resolve));
    const output = child.stdin! as unknown as NodeJS.WriteStream;
    const tty = new Tty(new PassThrough() as unknown as NodeJS.ReadStream, output);
    const lost: string[] = [];
    tty.start({ onInput: () => undefined, onResize: () => undefined, onLost: (why) => lost.push(why) });
    // A pipe holds 64 KiB: most of this cannot be written now.
    const big = Array.from({ length: 40_000 }, (_, i) => `line ${i}\n`).join('');
    tty.write(big);
    assert.ok(output.writableLength > 0, 'the rest was queued on the stream');
    tty.write('after');
    child.send('go');
    output.end();
    await new Promise((resolve) => child.once('message', resolve));
    const got = readFileSync(file, 'utf8');
    assert.ok(got.endsWith(`${big}after`), `got ${got.length} bytes, ending ${JSON.stringify(got.slice(-40))}`);
    assert.deepEqual(lost, []);
  } finally {
    child.kill();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a terminal that hung up before the Tty starts (setRawMode fails with EIO) is reported through onLost, and nothing is written', () => {
  // What node's tty.ReadStream does when the terminal refuses raw mode: an 'error' event, not a throw.
  const input = Object.assign(new PassThrough(), {
    isTTY: true,
    setRawMode(this: PassThrough) {
      this.emit('error', Object.assign(new Error('setRawMode EIO'), { code: 'EIO' }));
      return this;
    },
  });
  const output = new PassThrough();
  const tty = new Tty(input as unknown as NodeJS.ReadStream, output as unknown as NodeJS.WriteStream);
  const lost: string[] = [];
  tty.start({ onInput: () => undefined, onResize: () => undefined, onLost: (why) => lost.push(why) });
  tty.write('frame');
  assert.deepEqual(lost, ['EIO']);
  assert.equal(output.read(), null);
  tty.restore();
});
