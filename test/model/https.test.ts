// The https path (real endpoints): a local TLS server with a throwaway certificate,
// trusted by a child process through NODE_EXTRA_CA_CERTS.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { renderResponses } from '../support/mock-model-server.js';
import { startTestProxy } from './helpers.js';
import { missingTool } from '../support/tools.js';
import { selfSignedCert } from '../support/tls.js';

test('streams over https with a keep-alive TLS connection, directly and through a CONNECT proxy', { skip: missingTool('openssl') }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'codex-https-'));
  const { key, cert, certFile } = selfSignedCert(dir, 'model.test');
  const usage = { input_tokens: 1, cached_input_tokens: 0, output_tokens: 2, reasoning_output_tokens: 0, total_tokens: 3 };
  const ports: number[] = [];
  const server = createServer({ key, cert }, (req, res) => {
    ports.push(req.socket.remotePort ?? 0);
    req.resume().on('end', () => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end(renderResponses([{ type: 'text', text: 'over tls' }], usage, 0).join(''));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  const client = fileURLToPath(new URL('../../app/model/client.ts', import.meta.url));
  const script = join(dir, 'run.mts');
  writeFileSync(script, `
import { streamModel } from ${JSON.stringify(client)};
const p = { id: 't', name: 't', baseUrl: ${JSON.stringify(url)}, wireApi: 'responses', queryParams: {}, httpHeaders: {}, envHttpHeaders: {},
  requestMaxRetries: 0, streamMaxRetries: 0, streamIdleTimeoutMs: 5000, requiresOpenaiAuth: false };
const req = { model: 'm', instructions: '', input: [], tools: [], parallel_tool_calls: false, store: false, include: [] };
let text = '';
for (let i = 0; i < 2; i++) { for await (const e of streamModel(p, req)) if (e.type === 'output_text_delta') text += e.delta; }
// The same server by name, through the CONNECT proxy (HTTPS_PROXY in the environment).
text += '|';
for await (const e of streamModel({ ...p, baseUrl: 'https://model.test/v1' }, req)) if (e.type === 'output_text_delta') text += e.delta;
console.log(text);
`);
  const proxy = await startTestProxy((server.address() as AddressInfo).port);
  try {
    const out = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const c = spawn(process.execPath, ['--import', 'tsx', script], { env: { ...process.env, NODE_EXTRA_CA_CERTS: certFile, HTTPS_PROXY: proxy.url.replace('http://', 'http://u:p@') } });
      let stdout = '';
      let stderr = '';
      c.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      c.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      c.on('close', (code) => resolve({ code, stdout, stderr }));
    });
    assert.equal(out.code, 0, out.stderr);
    assert.equal(out.stdout.trim(), 'over tlsover tls|over tls');
    assert.equal(ports.length, 3);
    assert.equal(ports[0], ports[1], 'the second call reuses the TLS connection');
    assert.deepEqual(proxy.seen, [{ method: 'CONNECT', target: 'model.test:443', auth: `Basic ${Buffer.from('u:p').toString('base64')}` }]);
  } finally {
    proxy.close();
    server.closeAllConnections();
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
