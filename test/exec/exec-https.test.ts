// `codex exec` against an https provider, through the real bundle
// (dist/codex.js): the model client loads node:https on demand, and the bundle
// runs as a classic script (vm.Script, .ci/build.mjs), where a dynamic
// import() of a builtin would fail with ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING.
// NODE_EXTRA_CA_CERTS makes the child trust a throwaway certificate.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { createWorkspace, runCodex } from '../support/cli.js';
import { renderResponses } from '../support/mock-model-server.js';
import { missingTool } from '../support/tools.js';
import { selfSignedCert } from '../support/tls.js';

test('codex exec streams an answer from an https provider', { skip: missingTool('openssl') }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'codex-exec-https-'));
  const { key, cert, certFile } = selfSignedCert(dir, 'model.test');
  const usage = { input_tokens: 1, cached_input_tokens: 0, output_tokens: 2, reasoning_output_tokens: 0, total_tokens: 3 };
  const server = createServer({ key, cert }, (req, res) => {
    req.resume().on('end', () => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end(renderResponses([{ type: 'text', text: 'answered over tls' }], usage, 0).join(''));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const ws = createWorkspace(`https://127.0.0.1:${(server.address() as AddressInfo).port}/v1`);
  try {
    const r = await runCodex(ws, ['exec', 'hi'], { env: { NODE_EXTRA_CA_CERTS: certFile } });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /answered over tls/);
  } finally {
    server.closeAllConnections();
    server.close();
    ws.cleanup();
    rmSync(dir, { recursive: true, force: true });
  }
});
