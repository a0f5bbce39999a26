// bench/proxy: the same mock provider reached directly, through `codex proxy`,
// and (when Debian's nginx is installed) through nginx as a reverse proxy.
// Small JSON requests at several concurrencies (req/s, p50/p99), SSE
// time-to-first-event, and the proxy's peak memory while 1 GB streams through.
// Usage: node --import tsx bench/proxy.ts [--seconds S] [--upload-mib N]
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { assetPath } from '../app/assets.js';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const SECONDS = arg('--seconds', 3);
const UPLOAD_MIB = arg('--upload-mib', 1024);
const CONCURRENCY = [1, 8, 32];

const children: ChildProcess[] = [];
const tmp = mkdtempSync(join(tmpdir(), 'codex-bench-proxy-'));
process.on('exit', () => {
  for (const c of children) c.kill('SIGKILL');
  rmSync(tmp, { recursive: true, force: true });
});

/** Spawns a process and resolves with the first stdout match of `pattern`. */
function start(cmd: string, args: string[], pattern: RegExp, env: NodeJS.ProcessEnv = process.env): Promise<{ child: ChildProcess; match: RegExpExecArray }> {
  const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d) => {
      out += d;
      const m = pattern.exec(out);
      if (m) resolve({ child, match: m });
    });
    child.stderr!.resume();
    child.once('exit', (code) => reject(new Error(`${cmd} exited ${code} before it was ready`)));
  });
}

interface LoadResult { rps: number; p50: number; p99: number }

async function load(base: string, concurrency: number, seconds: number): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const body = JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'ping' }] });
  const latencies: number[] = [];
  const deadline = performance.now() + seconds * 1000;
  const one = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const t = performance.now();
      const req = request(`${base}/chat/completions`, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: 'Bearer k' } }, (res) => {
        res.resume();
        res.on('end', () => {
          latencies.push(performance.now() - t);
          resolve();
        });
      });
      req.on('error', reject);
      req.end(body);
    });
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (performance.now() < deadline) await one();
  }));
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))]!;
  return { rps: latencies.length / elapsed, p50: q(0.5), p99: q(0.99) };
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
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}

/** Peak RSS (VmHWM) and current RSS of a process, in MiB. */
function memory(pid: number): { peak: number; rss: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { peak: kb('VmHWM') / 1024, rss: kb('VmRSS') / 1024 };
}

/** Streams `mib` MiB through `base`/files and samples the proxy's RSS while it runs. */
async function upload(base: string, pids: number[], mib: number): Promise<{ seconds: number; maxRssDelta: number }> {
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
  return { seconds: (performance.now() - t) / 1000, maxRssDelta: maxDelta };
}

const fmt = (x: number, unit = '') => `${x.toFixed(x >= 100 ? 0 : x >= 10 ? 1 : 2)}${unit}`;

const up = await start(process.execPath, ['--import', 'tsx', assetPath('bench', 'support', 'upstream-process.ts')], /(http:\S+)\n/);
const direct = up.match[1]!;
const home = mkdtempSync(join(tmp, 'home-'));
writeFileSync(join(home, 'config.toml'), `model_provider = "mock"\n[model_providers.mock]\nname = "Mock"\nbase_url = "${direct}"\n`);
const proxied = await start(process.execPath, [assetPath('dist', 'codex.js'), 'proxy', '--bind', '127.0.0.1:0'], /listening on (http:\S+)/, { ...process.env, CODEX_HOME: home, RUST_LOG: 'warn' });
const targets: { name: string; base: string; pids: number[] }[] = [
  { name: 'direct', base: direct, pids: [] },
  { name: 'codex proxy', base: `${proxied.match[1]}/v1`, pids: [proxied.child.pid!] },
];

if (spawnSync('nginx', ['-v']).status === 0) {
  const port = 20000 + Math.floor(Math.random() * 20000);
  const upstreamHost = new URL(direct).host;
  const conf = join(tmp, 'nginx.conf');
  writeFileSync(conf, `worker_processes 1; daemon off; pid ${tmp}/nginx.pid; error_log ${tmp}/error.log;
events { worker_connections 1024; }
http { access_log off; client_body_temp_path ${tmp}; proxy_temp_path ${tmp};
  upstream mock { server ${upstreamHost}; keepalive 64; }
  server { listen 127.0.0.1:${port}; client_max_body_size 0;
    location /v1/ { proxy_pass http://mock; proxy_http_version 1.1; proxy_set_header Connection "";
      proxy_buffering off; proxy_request_buffering off; } } }`);
  const nginx = spawn('nginx', ['-c', conf, '-p', tmp], { stdio: 'ignore' });
  children.push(nginx);
  await new Promise((r) => setTimeout(r, 500));
  const workers = spawnSync('pgrep', ['-P', String(nginx.pid)]).stdout.toString().trim().split('\n').filter(Boolean).map(Number);
  targets.push({ name: 'nginx 1.x (reverse proxy)', base: `http://127.0.0.1:${port}/v1`, pids: [nginx.pid!, ...workers] });
}

console.log(`\nbench/proxy — small JSON POSTs for ${SECONDS}s per row; 2-core machine shared by client, upstream and proxy`);
console.log(['target', 'concurrency', 'req/s', 'p50', 'p99', 'added p50', 'throughput vs direct'].join(' │ '));
const baseline = new Map<number, LoadResult>();
for (const t of targets) {
  for (const c of CONCURRENCY) {
    await load(t.base, c, 0.5); // warm-up: connections, JIT
    const r = await load(t.base, c, SECONDS);
    if (t.name === 'direct') baseline.set(c, r);
    const b = baseline.get(c)!;
    console.log([t.name, String(c), fmt(r.rps), fmt(r.p50, ' ms'), fmt(r.p99, ' ms'), t.name === 'direct' ? '—' : fmt(r.p50 - b.p50, ' ms'), t.name === 'direct' ? '—' : `${(r.rps / b.rps).toFixed(2)}×`].join(' │ '));
  }
}
console.log('\nSSE time to first event (median of 40)');
for (const t of targets) console.log(`${t.name}: ${fmt(await timeToFirstEvent(t.base), ' ms')}`);
console.log(`\n${UPLOAD_MIB} MiB streamed upload (multipart body) — proxy RSS growth while it runs`);
for (const t of targets.filter((x) => x.pids.length)) {
  const r = await upload(t.base, t.pids, UPLOAD_MIB);
  console.log(`${t.name}: ${fmt(r.seconds, ' s')} (${fmt(UPLOAD_MIB / r.seconds, ' MiB/s')}), max RSS growth ${fmt(r.maxRssDelta, ' MiB')}, peak RSS ${t.pids.map((p) => fmt(memory(p).peak, ' MiB')).join(' + ')}`);
}
console.log('targets: added p50 ≤ 1 ms, throughput ≥ 0.8× direct, memory flat (±50 MB) during the upload');
process.exit(0);
