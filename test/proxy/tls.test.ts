// `codex proxy` in front of an https provider reached through HTTPS_PROXY: a
// CONNECT tunnel to the provider's name, TLS inside it, the tunnel kept for
// the next request. The real CLI in a child process, so NODE_EXTRA_CA_CERTS
// makes it trust a throwaway certificate.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { assetPath } from '../../app/assets.js';
import { startTestProxy } from '../model/helpers.js';
import { missingTool } from '../support/tools.js';
import { selfSignedCert } from '../support/tls.js';

test('HTTPS_PROXY: an https provider is reached through one kept CONNECT tunnel', { skip: missingTool('openssl') }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'codex-proxy-tls-'));
  const { key, cert, certFile } = selfSignedCert(dir, 'model.test');
  const seen: { url: string; host?: string; auth?: string; bytes: number }[] = [];
  const provider = createServer({ key, cert }, (req, res) => {
    let bytes = 0;
    req.on('data', (c: Buffer) => (bytes += c.length));
    req.on('end', () => {
      seen.push({ url: req.url ?? '', host: req.headers.host, auth: req.headers.authorization, bytes });
      res.writeHead(200, { 'content-type': 'application/json' }).end(`{"n":${seen.length}}`);
    });
  });
  await new Promise<void>((r) => provider.listen(0, '127.0.0.1', r));
  const forward = await startTestProxy((provider.address() as AddressInfo).port);
  writeFileSync(join(dir, 'config.toml'), 'model_provider = "remote"\n[model_providers.remote]\nname = "Remote"\nbase_url = "https://model.test/v1"\n');
  const child = spawn(process.execPath, [assetPath('dist', 'codex.js'), 'proxy', '--bind', '127.0.0.1:0'], {
    env: { ...process.env, CODEX_HOME: dir, OPENAI_API_KEY: 'sk-tls-key', NODE_EXTRA_CA_CERTS: certFile, HTTPS_PROXY: forward.url.replace('http://', 'http://u:p@') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d) => {
        out += d;
        const m = /listening on (http:\/\/\S+)/.exec(out);
        if (m) resolve(m[1]!);
      });
      void exited.then(() => reject(new Error(`proxy exited: ${stderr}`)));
    });
    const first = await fetch(`${url}/v1/models?x=1`);
    assert.equal(first.status, 200, stderr);
    assert.deepEqual(await first.json(), { n: 1 });
    const upload = Buffer.alloc(400_000, 1); // over the proxy's whole-body limit: streamed
    const second = await fetch(`${url}/v1/files`, { method: 'POST', body: upload, headers: { 'content-type': 'application/octet-stream' } });
    assert.deepEqual(await second.json(), { n: 2 });
    assert.deepEqual(seen, [
      { url: '/v1/models?x=1', host: 'model.test', auth: 'Bearer sk-tls-key', bytes: 0 },
      { url: '/v1/files', host: 'model.test', auth: 'Bearer sk-tls-key', bytes: upload.length },
    ]);
    assert.deepEqual(forward.seen, [{ method: 'CONNECT', target: 'model.test:443', auth: `Basic ${Buffer.from('u:p').toString('base64')}` }]);
  } finally {
    child.kill('SIGKILL');
    await exited;
    forward.close();
    provider.closeAllConnections();
    provider.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
