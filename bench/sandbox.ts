// What the sandbox costs per command: planLaunch alone, then planning plus
// running `/bin/true` to completion, for each mode (danger-full-access is the
// unsandboxed baseline). Also the one-time bwrap probe. Usage: npm run bench -- sandbox
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { SandboxPolicy } from '../app/protocol/policy.js';
import { planLaunch, RootPins, spawnPlan } from '../app/sandbox/index.js';

const RUNS = 40;
const cwd = mkdtempSync(join(tmpdir(), 'codex-bench-sandbox-'));
const env = { PATH: process.env['PATH'] ?? '/usr/bin:/bin' };
const pins = new RootPins([cwd, '/tmp', process.env['TMPDIR']]);
const ww = (networkAccess: boolean): SandboxPolicy =>
  ({ mode: 'workspace-write', writableRoots: [], networkAccess, excludeSlashTmp: false, excludeTmpdirEnvVar: false });
const MODES: [string, SandboxPolicy][] = [
  ['danger-full-access (baseline)', { mode: 'danger-full-access' }],
  ['read-only', { mode: 'read-only' }],
  ['workspace-write', ww(false)],
  ['workspace-write + network', ww(true)],
];

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number): string => `${x.toFixed(2)} ms`;

let t = performance.now();
await planLaunch({ argv: ['/bin/true'], cwd, sandboxCwd: cwd, policy: { mode: 'read-only' }, env, pins });
const probe = performance.now() - t;

const rows: [string, string, string][] = [];
for (const [name, policy] of MODES) {
  const plans: number[] = [];
  const runs: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    t = performance.now();
    const plan = await planLaunch({ argv: ['/bin/true'], cwd, sandboxCwd: cwd, policy, env, pins });
    plans.push(performance.now() - t);
    const code = await new Promise<number | null>((res) => spawnPlan(plan, { stdio: ['ignore', 'ignore', 'ignore'] }).on('close', res));
    if (code !== 0) throw new Error(`${name}: /bin/true exited ${code}`);
    runs.push(performance.now() - t);
  }
  rows.push([name, ms(median(plans)), ms(median(runs))]);
}
rmSync(cwd, { recursive: true, force: true });

console.log(`first planLaunch (includes the one-time bwrap probe): ${ms(probe)}; medians of ${RUNS} runs:`);
const w0 = Math.max(...rows.map((r) => r[0].length), 'mode'.length);
console.log(`${'mode'.padEnd(w0)}  ${'planLaunch'.padStart(10)}  ${'plan + run /bin/true'.padStart(20)}`);
for (const [n, p, r] of rows) console.log(`${n.padEnd(w0)}  ${p.padStart(10)}  ${r.padStart(20)}`);
