// bench/exec: wall time and peak RSS of `codex exec` against the scripted mock
// model, ours (node dist/codex.js) side by side with the native Codex CLI
// 0.169.0 (its Rust binary, run directly). Two runs: a one-turn text reply,
// and three tool calls (each a model round trip) before the reply. Each CLI
// uses its own shell tool (ours: `shell`, 0.169: `exec_command`); both run with
// `-s danger-full-access` so neither pays for a sandbox. Peak RSS is GNU
// time's %M. Median of N runs after one warm-up.
// The native CLI is installed on first use into bench/native/ (gitignored,
// ~400 MB; `npm i --prefix bench/native @openai/codex@0.169.0`); CI never runs this.
// Targets (one turn): ≤ 0.6x codex's wall time, ≤ 0.5x its peak memory.
// Usage: node --import tsx bench/exec.ts [--runs N]   (build dist/ first)
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startMockModelServer, type MockModelServer, type MockTurn } from '../test/support/mock-model-server.js';
import { installNative, NATIVE_FLAGS, nativeBin, nativeDir, stopNativeLeftovers } from './support/native.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const ours = join(root, 'dist', 'codex.js');
const TIME = '/usr/bin/time';
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 7;
const KEY_ENV = 'CODEX_BENCH_MOCK_KEY';

if (!existsSync(ours)) throw new Error(`bench/exec: ${ours} is missing; run \`node .ci/build.mjs\` first`);
if (!existsSync(TIME)) throw new Error('bench/exec: needs GNU time at /usr/bin/time for peak RSS (apt-get install time)');

interface Cli { name: string; argv: (prompt: string) => string[]; turns: { oneTurn: MockTurn[]; threeTools: MockTurn[] } }

const reply: MockTurn = { output: [{ type: 'text', text: 'Hello world' }] };
const ourCli: Cli = {
  name: 'ours',
  argv: (p) => [process.execPath, ours, 'exec', '-s', 'danger-full-access', p],
  turns: {
    oneTurn: [reply],
    threeTools: [1, 2, 3].map((n): MockTurn => ({ output: [{ type: 'function_call', name: 'shell', arguments: { command: ['echo', `step ${n}`] } }] })).concat(reply),
  },
};
const nativeCli: Cli = {
  name: 'codex 0.169',
  argv: (p) => [nativeBin, ...NATIVE_FLAGS, 'exec', '-s', 'danger-full-access', p],
  turns: {
    oneTurn: [reply],
    threeTools: [1, 2, 3].map((n): MockTurn => ({ output: [{ type: 'function_call', name: 'exec_command', arguments: { cmd: `echo step ${n}` } }] })).concat(reply),
  },
};

function workspace(mockUrl: string): { dir: string; home: string; repo: string; cleanup(): void } {
  // Not under /tmp: the native CLI refuses to set up its helpers in a temp CODEX_HOME.
  mkdirSync(join(nativeDir, 'runs'), { recursive: true });
  const dir = mkdtempSync(join(nativeDir, 'runs', 'ws-'));
  const home = join(dir, 'home');
  const repo = join(dir, 'repo');
  mkdirSync(home);
  mkdirSync(repo);
  spawnSync('git', ['init', '-q', repo]);
  writeFileSync(join(home, 'config.toml'), [
    'model = "gpt-5"', 'model_provider = "mock"', '[model_providers.mock]', 'name = "mock"',
    `base_url = "${mockUrl}"`, 'wire_api = "responses"', `env_key = "${KEY_ENV}"`, '',
  ].join('\n'));
  return {
    dir, home, repo,
    cleanup: () => {
      stopNativeLeftovers(home);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

interface Sample { ms: number; rssKiB: number; cpuMs: number }

/** One run under GNU time; async so the in-process mock keeps answering. */
function once(cli: Cli, mock: MockModelServer, turns: MockTurn[], ws: { dir: string; home: string; repo: string }): Promise<Sample> {
  mock.push(...turns);
  // HOME is the workspace, with no shell start-up files: the native CLI runs each
  // command through a login shell (`bash -lc`), and with the user's own HOME
  // that sourced their ~/.bashrc (here pyenv's init: ~0.5 s a command on a
  // quiet machine, seconds under load), which ours, running argv directly, never
  // pays. That is how "three tool calls" once measured 32 s for the native CLI.
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: ws.dir, CODEX_HOME: ws.home, [KEY_ENV]: 'bench' };
  delete env.NODE_EXTRA_CA_CERTS;
  delete env.NODE_OPTIONS;
  const [cmd, ...args] = [TIME, '-f', 'RSS=%M CPU=%U+%S', ...cli.argv('Say hello')];
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(cmd!, args, { cwd: ws.repo, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => { out += d; });
    child.stderr.on('data', (d: Buffer) => { err += d; });
    child.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      const m = /RSS=(\d+) CPU=([\d.]+)\+([\d.]+)/.exec(err);
      if (code !== 0 || !m || !out.includes('Hello world')) {
        reject(new Error(`${cli.name} exited ${code}:\n${out}\n${err}`));
      } else resolve({ ms, rssKiB: Number(m[1]), cpuMs: (Number(m[2]) + Number(m[3])) * 1000 });
    });
  });
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

interface Figures { ms: number; mib: number; cpuMs: number }

/** Runs the CLIs alternately (A, B, A, B, …) so a busy machine weighs on both alike. */
async function measure(clis: Cli[], kind: keyof Cli['turns']): Promise<Figures[]> {
  const mock = await startMockModelServer([]);
  const ws = workspace(mock.url);
  try {
    for (const cli of clis) await once(cli, mock, cli.turns[kind], ws);
    const samples: Sample[][] = clis.map(() => []);
    for (let i = 0; i < RUNS; i++) {
      for (const [j, cli] of clis.entries()) samples[j]!.push(await once(cli, mock, cli.turns[kind], ws));
    }
    return samples.map((s) => ({ ms: median(s.map((x) => x.ms)), mib: median(s.map((x) => x.rssKiB)) / 1024, cpuMs: median(s.map((x) => x.cpuMs)) }));
  } finally {
    ws.cleanup();
    await mock.close();
  }
}

const haveNative = installNative();
if (!haveNative) console.log('native Codex CLI unavailable on this machine; showing our figures only');
const rows: string[][] = [];
const ratio = (a: number, b: number | undefined) => (b ? (a / b).toFixed(2) : '-');
for (const [label, kind] of [['one turn', 'oneTurn'], ['three tool calls', 'threeTools']] as const) {
  const [a, b] = await measure(haveNative ? [ourCli, nativeCli] : [ourCli], kind);
  rows.push([
    label, a!.ms.toFixed(0), b ? b.ms.toFixed(0) : '-', ratio(a!.ms, b?.ms),
    a!.mib.toFixed(1), b ? b.mib.toFixed(1) : '-', ratio(a!.mib, b?.mib),
    a!.cpuMs.toFixed(0), b ? b.cpuMs.toFixed(0) : '-',
  ]);
}
rmSync(join(nativeDir, 'runs'), { recursive: true, force: true });

const head = ['run', 'ours ms', 'codex ms', 'time ratio', 'ours MiB', 'codex MiB', 'mem ratio', 'ours cpu ms', 'codex cpu ms'];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
console.log(`codex exec against the mock model, median of ${RUNS} alternating runs (peak RSS and CPU user+sys from GNU time)`);
console.log(line(head));
for (const r of rows) console.log(line(r));
console.log('target (one turn): time ratio <= 0.60, mem ratio <= 0.50');
