// bench/mcp: the MCP client and server. Loading the SDK (paid only when servers
// are configured), starting the npm reference servers, a tool call's round
// trip, shutdown, and `codex mcp` answering initialize / `codex mcp list`.
// Usage: node --import tsx bench/mcp.ts [--runs N]   (build first: dist/codex.js)
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { McpConnectionManager } from '../app/mcp/client/manager.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 5;
const CODEX = join(root, 'dist/codex.js');
const bin = (pkg: string) => join(root, 'node_modules/@modelcontextprotocol', pkg, 'dist/index.js');
const rows: [string, string][] = [];
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number) => `${x.toFixed(x < 10 ? 2 : 0)} ms`;

const sdkImport: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e',
    "await import('zod');const t=performance.now();await import('@modelcontextprotocol/sdk/client/index.js');await import('@modelcontextprotocol/sdk/shared/stdio.js');console.log(performance.now()-t)"],
  { cwd: root, encoding: 'utf8' });
  sdkImport.push(Number(r.stdout));
}
// zod is loaded by the config loader in every session already; this is what MCP adds.
rows.push(['import the SDK client after zod (fresh process)', ms(median(sdkImport))]);

const home = mkdtempSync(join(tmpdir(), 'bench-mcp-'));
try {
  const servers = {
    everything: { command: process.execPath, args: [bin('server-everything')], enabled: true },
    files: { command: process.execPath, args: [bin('server-filesystem'), home], enabled: true },
  };
  const start: number[] = [];
  const call: number[] = [];
  const stop: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    let t = performance.now();
    const mcp = await McpConnectionManager.start(servers, { cwd: home });
    start.push(performance.now() - t);
    for (let j = 0; j < 100; j++) {
      t = performance.now();
      const out = await mcp.callTool('everything__echo', '{"message":"bench"}');
      if (!out.success) throw new Error(out.output);
      call.push(performance.now() - t);
    }
    t = performance.now();
    await mcp.shutdown();
    stop.push(performance.now() - t);
  }
  rows.push(['start everything + filesystem (concurrently)', ms(median(start))]);
  rows.push(['everything__echo call round trip', ms(median(call))]);
  rows.push(['shutdown (both servers)', ms(median(stop))]);

  const init: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await new Promise<void>((resolve, reject) => {
      const child = spawn(process.execPath, [CODEX, 'mcp'], { env: { ...process.env, CODEX_HOME: home }, stdio: ['pipe', 'pipe', 'inherit'] });
      child.stdout.once('data', () => { init.push(performance.now() - t); child.stdin.end(); });
      child.once('exit', () => resolve());
      child.once('error', reject);
      child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'bench', version: '1' } } })}\n`);
    });
  }
  rows.push(['`codex mcp`: spawn to initialize response', ms(median(init))]);

  const list: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    spawnSync(process.execPath, [CODEX, 'mcp', 'list'], { env: { ...process.env, CODEX_HOME: home } });
    list.push(performance.now() - t);
  }
  rows.push(['`codex mcp list` (empty config), wall', ms(median(list))]);
} finally {
  rmSync(home, { recursive: true, force: true });
}

const w = Math.max(...rows.map((r) => r[0].length));
console.log(`${'measure'.padEnd(w)}  median of ${RUNS}`);
for (const [name, value] of rows) console.log(`${name.padEnd(w)}  ${value}`);
