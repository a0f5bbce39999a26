// Headers cross the proxy as they came: names' case kept and a repeated header
// as separate lines, in both directions (a bare node:http upstream reports the
// raw lines it received).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { proxyFor } from './proxy-for.js';
import { missingTool } from '../support/tools.js';

const run = promisify(execFile);

test('names keep their case and repeated headers stay separate lines, both ways', { skip: missingTool('curl') }, async () => {
  let raw: string[] = [];
  const upstream = createServer((req, res) => {
    raw = req.rawHeaders;
    req.resume().on('end', () => {
      res.writeHead(200, ['Set-Cookie', 'a=1', 'Set-Cookie', 'b=2', 'X-Resp-Case', 'v', 'X-List', 'x', 'X-List', 'y', 'content-type', 'text/plain']);
      res.end('ok');
    });
  });
  await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
  const { proxy, close } = await proxyFor(`http://127.0.0.1:${(upstream.address() as AddressInfo).port}/v1`);
  try {
    const out = await run('curl', ['-sS', '-D', '-', '-H', 'X-Multi: a', '-H', 'X-Multi: b', '-H', 'X-CamelCase: v', '-H', 'Authorization: Bearer k', `${proxy.url}/v1/echo`]);
    const pairs = (list: string[]) => list.flatMap((v, i) => (i % 2 ? [] : [`${v}: ${list[i + 1]}`]));
    const sent = pairs(raw);
    assert.deepEqual(sent.filter((l) => /^x-/i.test(l)), ['X-Multi: a', 'X-Multi: b', 'X-CamelCase: v']);
    const head = out.stdout.split('\r\n\r\n')[0]!.split('\r\n');
    assert.deepEqual(head.filter((l) => /^(set-cookie|x-)/i.test(l)), ['Set-Cookie: a=1', 'Set-Cookie: b=2', 'X-Resp-Case: v', 'X-List: x', 'X-List: y']);
  } finally {
    await close();
    upstream.closeAllConnections();
    upstream.close();
  }
});
