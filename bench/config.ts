// bench/config: loading config.toml when it is large or wrong. Unknown keys
// are listed (first 20) and counted; finding their lines must stay linear, so
// 100,000 of them (a 1.4 MB file) load in about a second. Target: the 100,000
// row under 2 s on a loaded 2-core machine (it was quadratic: 2,000 keys took
// ~47 s in `codex exec`).
// Usage: node --import tsx bench/config.ts
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../app/config/index.js';

const rows: [string, string][] = [];
const dir = mkdtempSync(join(tmpdir(), 'bench-config-'));

async function measure(name: string, text: string, runs: number): Promise<void> {
  writeFileSync(join(dir, 'config.toml'), text);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await loadConfig({ codexHome: dir, env: {} }).catch(() => undefined);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  rows.push([name, `${times[Math.floor(times.length / 2)]!.toFixed(1)} ms`]);
}

const unknown = (n: number, header = ''): string => `${header}${Array.from({ length: n }, (_, i) => `k${i} = ${i}`).join('\n')}\n`;
try {
  await measure('a typical config (20 keys, 3 tables)', 'model = "o3"\napproval_policy = "on-request"\n[tui]\ntheme = "dark"\n[model_providers.l]\nname = "L"\n[mcp_servers.d]\ncommand = "x"\n', 20);
  await measure('2,000 unknown keys', unknown(2_000), 10);
  await measure('100,000 unknown keys (1.4 MB)', unknown(100_000), 3);
  await measure('100,000 unknown keys in [tui]', unknown(100_000, '[tui]\n'), 3);
  await measure('100,000 wrong values in [mcp_servers.x.env]', unknown(100_000, '[mcp_servers.x]\ncommand = "c"\n[mcp_servers.x.env]\n'), 3);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const w0 = Math.max(...rows.map((r) => r[0].length), 9);
console.log(`${'benchmark'.padEnd(w0)}  ${'median'.padStart(11)}`);
for (const [n, t] of rows) console.log(`${n.padEnd(w0)}  ${t.padStart(11)}`);
