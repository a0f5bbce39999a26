// bench/startup: wall time, CPU time and peak RSS of `codex --version`,
// `codex --help` and `codex completion bash` (the first dispatched handler),
// against a bare `node -e 0`: median of N runs each, after 2 warm-up rounds.
// The commands run round-robin so load from other processes on the machine
// hits all of them alike. CPU time (user+sys) and peak RSS come from GNU
// time's %U %S %M (CPU in 10 ms steps). NODE_EXTRA_CA_CERTS is unset for every
// child: it costs each Node process ~100 ms and would hide our own start-up.
// Target: `codex --version` within 1.5x of `node -e 0`.
// Usage: node --import tsx bench/startup.ts [--runs N]   (build dist/ first)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'dist', 'codex.js');
const TIME = '/usr/bin/time';
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 15;
const TARGET = 1.5;

if (!existsSync(bin)) throw new Error(`bench/startup: ${bin} is missing; run \`node .ci/build.mjs\` first`);
const home = mkdtempSync(join(tmpdir(), 'codex-bench-'));
const env: NodeJS.ProcessEnv = { ...process.env, CODEX_HOME: home };
delete env.NODE_EXTRA_CA_CERTS;
delete env.NODE_OPTIONS;
const hasTime = existsSync(TIME);

interface Sample { ms: number; cpuMs: number | undefined; rssKiB: number | undefined }

function once(args: string[]): Sample {
  const argv = hasTime ? [TIME, '-f', '%U %S %M', process.execPath, ...args] : [process.execPath, ...args];
  const start = process.hrtime.bigint();
  const r = spawnSync(argv[0]!, argv.slice(1), { env, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  if (!hasTime) return { ms, cpuMs: undefined, rssKiB: undefined };
  const [user, sys, rss] = r.stderr.trim().split('\n').at(-1)!.split(' ').map(Number) as [number, number, number];
  return { ms, cpuMs: (user + sys) * 1000, rssKiB: rss };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

const defined = (xs: (number | undefined)[]) => xs.filter((v): v is number => v !== undefined);

function summarize(samples: Sample[]) {
  const cpu = defined(samples.map((s) => s.cpuMs));
  const rss = defined(samples.map((s) => s.rssKiB));
  return {
    ms: median(samples.map((s) => s.ms)),
    min: Math.min(...samples.map((s) => s.ms)),
    cpuMs: cpu.length ? median(cpu) : undefined,
    rssMiB: rss.length ? median(rss) / 1024 : undefined,
  };
}

const cases: [string, string[]][] = [
  ['node -e 0', ['-e', '0']],
  ['codex --version', [bin, '--version']],
  ['codex --help', [bin, '--help']],
  ['codex completion bash', [bin, 'completion', 'bash']],
];

try {
  const samples: Sample[][] = cases.map(() => []);
  for (let round = -2; round < RUNS; round++) {
    cases.forEach(([, args], i) => {
      const s = once(args);
      if (round >= 0) samples[i]!.push(s);
    });
  }
  const results = cases.map(([name], i) => ({ name, ...summarize(samples[i]!) }));
  const base = results[0]!;
  const rows = results.map((r) => [
    r.name,
    r.ms.toFixed(1),
    r.min.toFixed(1),
    r.cpuMs === undefined ? 'n/a' : r.cpuMs.toFixed(0),
    r.rssMiB === undefined ? 'n/a' : r.rssMiB.toFixed(1),
    `${(r.ms / base.ms).toFixed(2)}x`,
  ]);
  const head = ['command', 'median ms', 'min ms', 'CPU ms', 'peak RSS MiB', 'wall vs node -e 0'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  console.log(`\nbench/startup (${RUNS} runs each, median; node ${process.version}${hasTime ? '' : '; no /usr/bin/time, RSS not measured'})`);
  console.log(line(head));
  console.log(`|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`);
  for (const r of rows) console.log(line(r));
  const ratio = results[1]!.ms / base.ms;
  const minRatio = results[1]!.min / base.min;
  console.log(`\ntarget: codex --version <= ${TARGET}x node -e 0 → median ${ratio.toFixed(2)}x, best ${minRatio.toFixed(2)}x: ${ratio <= TARGET ? 'met' : 'MISSED'}`);
} finally {
  rmSync(home, { recursive: true, force: true });
}
