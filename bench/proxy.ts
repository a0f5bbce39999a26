// bench/proxy: the same mock provider reached directly, through `codex proxy`,
// and (when Debian's nginx is installed) through nginx as a reverse proxy, all
// on loopback. Small JSON requests at c = 1/8/32 (req/s, p50/p99, the ratio to
// direct, the proxy's CPU per request), SSE time to first event, and a 1 GiB
// streamed upload (MiB/s, the proxy's RSS growth). The proxy runs at its
// default log level (an access-log line per request, written in batches), and
// so does nginx (its access log buffered, 64 KiB or 0.1 s); a second proxy with
// the access log off shows what the log costs (small requests only). The CPU
// per request is split into user and system time: the kernel's share (socket
// reads and writes on loopback) is about the same for any proxy. A plain
// node:http pass-through (bench/support/node-http-proxy.ts) shows what Node's
// HTTP stack alone costs a proxy (small requests only). Each target
// first serves `--warmup` seconds of load, so the rows measure running
// processes, not V8 optimising a fresh one. Targets run interleaved,
// round by round, and medians are reported: on a shared machine the load
// changes from one second to the next, and CPU per request moves less than
// requests per second.
// `--baseline DIR` adds a second codex proxy from another build's dist/ (a copy
// of it taken before a change), run interleaved with this one: before/after
// figures under the same load.
// Usage: node --import tsx bench/proxy.ts [--seconds S] [--rounds R] [--warmup S] [--upload-mib N] [--baseline DIR]
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { connect } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { assetPath } from '../app/assets.js';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const SECONDS = arg('--seconds', 2);
const ROUNDS = arg('--rounds', 3);
const UPLOAD_MIB = arg('--upload-mib', 1024);
const WARMUP = arg('--warmup', 3);
const CONCURRENCY = [1, 8, 32];

// Every child leads its own process group, so nginx's worker goes with its master.
const children: ChildProcess[] = [];
const tmp = mkdtempSync(join(tmpdir(), 'codex-bench-proxy-'));
const killGroup = (c: ChildProcess, signal: NodeJS.Signals): void => {
  try {
    process.kill(-c.pid!, signal);
  } catch {
    // already gone
  }
};
process.on('exit', () => {
  for (const c of children) killGroup(c, 'SIGKILL');
  rmSync(tmp, { recursive: true, force: true });
});
for (const s of ['SIGINT', 'SIGTERM'] as const) process.on(s, () => process.exit(130));

function spawnGroup(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): ChildProcess {
  const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  children.push(child);
  child.stderr!.resume();
  return child;
}

/** Spawns a process and resolves with the first stdout match of `pattern`. */
function start(cmd: string, args: string[], pattern: RegExp, env?: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; match: RegExpExecArray }> {
  const child = spawnGroup(cmd, args, env);
  let out = '';
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d) => {
      out += d;
      const m = pattern.exec(out);
      if (m) resolve({ child, match: m });
    });
    child.once('exit', (code) => reject(new Error(`${cmd} exited ${code} before it was ready`)));
  });
}

/** Signals the group and waits for the leader to exit (SIGKILL after 5 s). */
async function stop(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise<void>((r) => child.once('exit', () => r()));
  killGroup(child, signal);
  const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 5000);
  await gone;
  clearTimeout(timer);
  killGroup(child, 'SIGKILL'); // workers the leader left behind
}

async function waitForPort(port: number): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const open = await new Promise<boolean>((resolve) => {
      const s = connect(port, '127.0.0.1', () => { s.destroy(); resolve(true); });
      s.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`nothing listens on 127.0.0.1:${port}`);
}

/** CPU time of processes in ms: user (the program itself) and system (the kernel, on its behalf). */
function cpuMs(pids: number[]): { user: number; sys: number } {
  let user = 0;
  let sys = 0;
  for (const pid of pids) {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    user += Number(f[11]);
    sys += Number(f[12]);
  }
  return { user: user * 10, sys: sys * 10 }; // USER_HZ is 100 on Linux
}
const totalMs = (c: { user: number; sys: number }): number => c.user + c.sys;

/** Peak RSS (VmHWM) and current RSS of a process, in MiB. */
function memory(pid: number): { peak: number; rss: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { peak: kb('VmHWM') / 1024, rss: kb('VmRSS') / 1024 };
}

/** `requestsOnly`: a variant measured on small requests only (no SSE, no upload). */
interface Target { name: string; base: string; pids: number[]; requestsOnly?: boolean }
/** `cpuPerReq` and `userPerReq`: the proxy's CPU per request in µs, all of it and its user part. */
interface Run { rps: number; latencies: number[]; cpuPerReq?: number; userPerReq?: number }

async function load(t: Target, concurrency: number, seconds: number): Promise<Run> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const body = JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'ping' }] });
  const latencies: number[] = [];
  const deadline = performance.now() + seconds * 1000;
  const one = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const s = performance.now();
      const req = request(`${t.base}/chat/completions`, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: 'Bearer k' } }, (res) => {
        res.resume();
        res.on('end', () => {
          latencies.push(performance.now() - s);
          resolve();
        });
      });
      req.on('error', reject);
      req.end(body);
    });
  const cpu0 = t.pids.length ? cpuMs(t.pids) : undefined;
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (performance.now() < deadline) await one();
  }));
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  const run: Run = { rps: latencies.length / elapsed, latencies };
  if (!cpu0) return run;
  const cpu1 = cpuMs(t.pids);
  const perReq = (ms: number): number => (ms * 1000) / latencies.length;
  return { ...run, cpuPerReq: perReq(totalMs(cpu1) - totalMs(cpu0)), userPerReq: perReq(cpu1.user - cpu0.user) };
}

/** Median time from sending a streamed chat request to its first SSE bytes. */
async function timeToFirstEvent(base: string, runs = 40): Promise<number> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const body = JSON.stringify({ model: 'm', stream: true, messages: [{ role: 'user', content: 'hi' }] });
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    times.push(await new Promise<number>((resolve, reject) => {
      const t = performance.now();
      const req = request(`${base}/chat/completions`, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
        res.once('data', () => resolve(performance.now() - t));
        res.resume();
      });
      req.on('error', reject);
      req.end(body);
    }));
  }
  agent.destroy();
  return median(times);
}

/** Streams `mib` MiB through `base`/files and samples the proxy's RSS while it runs. */
async function upload(base: string, pids: number[], mib: number): Promise<{ mibPerSec: number; maxRssDelta: number; cpuPerMib?: number }> {
  const cpu0 = pids.length ? totalMs(cpuMs(pids)) : 0;
  const before = pids.map((p) => memory(p).rss);
  let maxDelta = 0;
  const sampler = setInterval(() => {
    const delta = pids.reduce((sum, p, i) => sum + memory(p).rss - before[i]!, 0);
    maxDelta = Math.max(maxDelta, delta);
  }, 50);
  const chunk = Buffer.alloc(1 << 20, 97);
  let sent = 0;
  const source = new Readable({
    read() {
      this.push(sent++ < mib ? chunk : null);
    },
  });
  const t = performance.now();
  await new Promise<void>((resolve, reject) => {
    const req = request(`${base}/files`, { method: 'POST', headers: { 'content-type': 'multipart/form-data; boundary=x', 'content-length': mib << 20 } }, (res) => {
      res.resume();
      res.on('end', resolve);
    });
    req.on('error', reject);
    source.pipe(req);
  });
  clearInterval(sampler);
  const mibPerSec = mib / ((performance.now() - t) / 1000);
  return pids.length ? { mibPerSec, maxRssDelta: maxDelta, cpuPerMib: (totalMs(cpuMs(pids)) - cpu0) / mib } : { mibPerSec, maxRssDelta: maxDelta };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}
const quantile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
const fmt = (x: number, unit = '') => `${x.toFixed(x >= 100 ? 0 : x >= 10 ? 1 : 2)}${unit}`;
const table = (rows: string[][]): void => {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const r of rows) console.log(r.map((c, i) => c.padEnd(widths[i]!)).join(' │ ').trimEnd());
};

const up = await start(process.execPath, ['--import', 'tsx', assetPath('bench', 'support', 'upstream-process.ts')], /(http:\S+)\n/);
const direct = up.match[1]!;
const home = mkdtempSync(join(tmp, 'home-'));
writeFileSync(join(home, 'config.toml'), `model_provider = "mock"\n[model_providers.mock]\nname = "Mock"\nbase_url = "${direct}"\n`);
// At its default log level, as people run it: an access-log line per request, on a stderr this bench drains.
const { RUST_LOG: _rust, CODEX_LOG: _codex, ...proxyEnv } = process.env;
const startProxy = (dist: string, env: NodeJS.ProcessEnv = {}) =>
  start(process.execPath, [join(dist, 'codex.js'), 'proxy', '--bind', '127.0.0.1:0'], /listening on (http:\S+)/, { ...proxyEnv, CODEX_HOME: home, ...env });
const proxied = await startProxy(assetPath('dist'));
const quiet = await startProxy(assetPath('dist'), { CODEX_LOG: 'warn' });
const targets: Target[] = [
  { name: 'direct', base: direct, pids: [] },
  { name: 'codex proxy', base: `${proxied.match[1]}/v1`, pids: [proxied.child.pid!] },
];
const baselineIndex = process.argv.indexOf('--baseline');
const baseline = baselineIndex > 0 ? await startProxy(process.argv[baselineIndex + 1]!) : undefined;
if (baseline) targets.push({ name: 'codex proxy (baseline)', base: `${baseline.match[1]}/v1`, pids: [baseline.child.pid!] });

let nginx: ChildProcess | undefined;
const nginxBin = ['/usr/sbin/nginx', 'nginx'].find((b) => spawnSync(b, ['-v']).status === 0);
if (nginxBin) {
  const port = 20000 + Math.floor(Math.random() * 20000);
  const conf = join(tmp, 'nginx.conf');
  writeFileSync(conf, `worker_processes 1; daemon off; pid ${tmp}/nginx.pid; error_log ${tmp}/error.log;
events { worker_connections 1024; }
http { access_log ${tmp}/access.log combined buffer=64k flush=100ms; client_body_temp_path ${tmp}; proxy_temp_path ${tmp};
  upstream mock { server ${new URL(direct).host}; keepalive 64; }
  server { listen 127.0.0.1:${port}; client_max_body_size 0;
    location /v1/ { proxy_pass http://mock; proxy_http_version 1.1; proxy_set_header Connection "";
      proxy_buffering off; proxy_request_buffering off; } } }`);
  nginx = spawnGroup(nginxBin, ['-c', conf, '-p', tmp]);
  await waitForPort(port);
  const workers = spawnSync('pgrep', ['-P', String(nginx.pid)]).stdout.toString().trim().split('\n').filter(Boolean).map(Number);
  const version = /nginx\/(\S+)/.exec(spawnSync(nginxBin, ['-v']).stderr.toString())?.[1] ?? '?';
  targets.push({ name: `nginx ${version}`, base: `http://127.0.0.1:${port}/v1`, pids: [nginx.pid!, ...workers] });
} else {
  console.log('(nginx not installed: no reference rows; Debian: apt-get install nginx-light)');
}
targets.push({ name: 'proxy, no log', base: `${quiet.match[1]}/v1`, pids: [quiet.child.pid!], requestsOnly: true });
// What node:http alone costs per request: the plainest pass-through a Node proxy can be.
const floor = await start(process.execPath, ['--import', 'tsx', assetPath('bench', 'support', 'node-http-proxy.ts'), direct], /listening on (http:\S+)/);
targets.push({ name: 'node:http pass-through', base: `${floor.match[1]}/v1`, pids: [floor.child.pid!], requestsOnly: true });

const ref = targets.find((t) => t.name.startsWith('nginx'));
/** A proxy's figure over nginx's in the same table, where nginx ran. */
const vsNginx = (t: Target, ours: number, nginx: number | undefined): string =>
  t.pids.length && ref && t !== ref && nginx !== undefined ? `${(ours / nginx).toFixed(2)}×` : '—';

console.log(`\nbench/proxy — small JSON POSTs on loopback, ${ROUNDS} interleaved rounds of ${SECONDS}s per row after ${WARMUP}s of warm-up per target, medians; one machine runs client, upstream and proxy`);
console.log(`load average before: ${loadavg().map((x) => x.toFixed(2)).join(' ')} (${cpus().length} CPUs)`);
// Every target serves the same load first: the rows measure a running proxy,
// not V8 compiling a fresh one's hot paths (nginx has nothing to warm).
for (const t of targets) await load(t, 8, WARMUP);
const rows = [['target', 'c', 'req/s', 'p50', 'p99', 'vs direct', 'ratio vs nginx\'s', 'proxy CPU/req']];
const ratios = new Map<string, number>(); // `${name}@${c}` → median ratio to direct
const cpuPerReq = new Map<string, number>(); // `${name}@${c}` → median CPU per request, µs
const roundRatios = new Map<number, number[]>(); // c → codex proxy's share of direct over nginx's, each round
for (const c of CONCURRENCY) {
  const runs = new Map<string, Run[]>(targets.map((t) => [t.name, []]));
  const perRound = new Map<string, number[]>(targets.map((t) => [t.name, []]));
  for (let round = 0; round < ROUNDS; round++) {
    let directRps = 0;
    for (const t of targets) {
      await load(t, c, 0.3); // warm-up: connections, JIT
      const r = await load(t, c, SECONDS);
      if (t.name === 'direct') directRps = r.rps;
      runs.get(t.name)!.push(r);
      perRound.get(t.name)!.push(r.rps / directRps);
    }
  }
  for (const t of targets) ratios.set(`${t.name}@${c}`, median(perRound.get(t.name)!));
  if (ref) roundRatios.set(c, perRound.get('codex proxy')!.map((r, i) => r / perRound.get(ref.name)![i]!));
  for (const t of targets) {
    const rs = runs.get(t.name)!;
    const lat = rs.flatMap((r) => r.latencies).sort((a, b) => a - b);
    const ratio = ratios.get(`${t.name}@${c}`)!;
    if (rs.every((r) => r.cpuPerReq !== undefined)) cpuPerReq.set(`${t.name}@${c}`, median(rs.map((r) => r.cpuPerReq!)));
    const cpu = rs.every((r) => r.cpuPerReq !== undefined) ? `${fmt(median(rs.map((r) => r.cpuPerReq!)))} µs (user ${fmt(median(rs.map((r) => r.userPerReq!)))})` : '—';
    const nginxRatio = ref && ratios.get(`${ref.name}@${c}`);
    rows.push([t.name, String(c), fmt(median(rs.map((r) => r.rps))), fmt(quantile(lat, 0.5), ' ms'), fmt(quantile(lat, 0.99), ' ms'), t.name === 'direct' ? '—' : `${ratio.toFixed(2)}×`, vsNginx(t, ratio, nginxRatio), cpu]);
  }
}
table(rows);
if (ref) {
  console.log(`codex proxy's ratio to direct / nginx's (target ≥ 1): ${CONCURRENCY.map((c) => `c=${c} ${(ratios.get(`codex proxy@${c}`)! / ratios.get(`${ref.name}@${c}`)!).toFixed(2)}`).join(', ')}`);
  // The spread says how much of a row is the machine's other work.
  console.log(`  round by round: ${CONCURRENCY.map((c) => `c=${c} ${roundRatios.get(c)!.map((r) => r.toFixed(2)).join(' ')}`).join(', ')}`);
}
console.log(`codex proxy's CPU per request / node:http pass-through's: ${CONCURRENCY.map((c) => `c=${c} ${(cpuPerReq.get(`codex proxy@${c}`)! / cpuPerReq.get(`node:http pass-through@${c}`)!).toFixed(2)}`).join(', ')}`);
console.log(`codex proxy with its access log / without (target ≥ 0.95): ${CONCURRENCY.map((c) => `c=${c} ${(ratios.get(`codex proxy@${c}`)! / ratios.get(`proxy, no log@${c}`)!).toFixed(2)}`).join(', ')}`);

console.log('\nSSE time to first event (median of 40)');
for (const t of targets.filter((x) => !x.requestsOnly)) console.log(`${t.name}: ${fmt(await timeToFirstEvent(t.base), ' ms')}`);

console.log(`\n${UPLOAD_MIB} MiB streamed upload (multipart body), ${ROUNDS} interleaved rounds, medians; RSS growth of the proxy while it runs (the most of any round)`);
const uploads = new Map<string, number>();
const upRuns = new Map<string, Awaited<ReturnType<typeof upload>>[]>();
const upTargets = targets.filter((x) => !x.requestsOnly);
for (let round = 0; round < ROUNDS; round++) {
  for (const t of upTargets) upRuns.set(t.name, [...(upRuns.get(t.name) ?? []), await upload(t.base, t.pids, UPLOAD_MIB)]);
}
const upRows = [['target', 'MiB/s', 'vs direct', 'vs nginx', 'proxy CPU/MiB', 'max RSS growth', 'peak RSS']];
for (const t of upTargets) uploads.set(t.name, median(upRuns.get(t.name)!.map((r) => r.mibPerSec)));
for (const t of upTargets) {
  const rs = upRuns.get(t.name)!;
  const rate = uploads.get(t.name)!;
  const cpu = t.pids.length ? fmt(median(rs.map((r) => r.cpuPerMib!)), ' ms') : '—';
  upRows.push([
    t.name, fmt(rate), t.name === 'direct' ? '—' : `${(rate / uploads.get('direct')!).toFixed(2)}×`, vsNginx(t, rate, ref && uploads.get(ref.name)), cpu,
    t.pids.length ? fmt(Math.max(...rs.map((r) => r.maxRssDelta)), ' MiB') : '—', t.pids.length ? t.pids.map((p) => fmt(memory(p).peak, ' MiB')).join(' + ') : '—',
  ]);
}
table(upRows);
if (ref) console.log(`codex proxy upload / nginx's (target ≥ 0.8): ${(uploads.get('codex proxy')! / uploads.get(ref.name)!).toFixed(2)}`);
// A process's first upload costs more than its later ones (see README, `codex proxy`): the rounds show it.
for (const t of upTargets.filter((x) => x.pids.length)) console.log(`  ${t.name} CPU/MiB round by round: ${upRuns.get(t.name)!.map((r) => fmt(r.cpuPerMib!, ' ms')).join(' ')}`);
console.log(`load average after: ${loadavg().map((x) => x.toFixed(2)).join(' ')} (the machine's other work shows in wall figures more than in CPU per request)`);

await stop(proxied.child, 'SIGTERM');
await stop(quiet.child, 'SIGTERM');
await stop(floor.child, 'SIGTERM');
if (baseline) await stop(baseline.child, 'SIGTERM');
if (nginx) await stop(nginx, 'SIGQUIT'); // graceful: the master ends its worker, then itself
await stop(up.child, 'SIGTERM');
process.exit(0);
