// Headers cross the proxy as they came: names' case kept and a repeated header
// as separate lines, in both directions (a bare node:http upstream reports the
// raw lines it received).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { loadConfig } from '../../app/config/index.js';
import { startProxy } from '../../app/proxy/server.js';
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
  const home = mkdtempSync(join(tmpdir(), 'codex-proxy-headers-'));
  writeFileSync(join(home, 'config.toml'), `model_provider = "mock"\n[model_providers.mock]\nname = "Mock"\nbase_url = "http://127.0.0.1:${(upstream.address() as AddressInfo).port}/v1"\n`);
  const proxy = await startProxy({ config: await loadConfig({ codexHome: home, env: {} }), host: '127.0.0.1', port: 0, allowCorsAny: false, env: {} });
  try {
    const out = await run('curl', ['-sS', '-D', '-', '-H', 'X-Multi: a', '-H', 'X-Multi: b', '-H', 'X-CamelCase: v', '-H', 'Authorization: Bearer k', `${proxy.url}/v1/echo`]);
    const pairs = (list: string[]) => list.flatMap((v, i) => (i % 2 ? [] : [`${v}: ${list[i + 1]}`]));
    const sent = pairs(raw);
    assert.deepEqual(sent.filter((l) => /^x-/i.test(l)), ['X-Multi: a', 'X-Multi: b', 'X-CamelCase: v']);
    const head = out.stdout.split('\r\n\r\n')[0]!.split('\r\n');
    assert.deepEqual(head.filter((l) => /^(set-cookie|x-)/i.test(l)), ['Set-Cookie: a=1', 'Set-Cookie: b=2', 'X-Resp-Case: v', 'X-List: x', 'X-List: y']);
  } finally {
    await proxy.close(100);
    upstream.closeAllConnections();
    upstream.close();
    rmSync(home, { recursive: true, force: true });
  }
});
