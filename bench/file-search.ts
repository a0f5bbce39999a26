// bench/file-search: index a generated 100,000-file tree and time 20 queries,
// ours against `fzf --filter` (Debian's fzf) and the fzf npm package alone.
// Usage: node --import tsx bench/file-search.ts [--files N]
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Fzf } from 'fzf';
import { preparePaths, searchPaths } from '../app/files/fuzzy.js';
import { walkFiles, walkFilesAsync } from '../app/files/walk.js';

const argIndex = process.argv.indexOf('--files');
const FILES = argIndex > 0 ? Number(process.argv[argIndex + 1]) : 100_000;
const QUERIES = [
  'main', 'index', 'rend', 'cfg', 'srvcl', 'test12', 'utils/core', 'model', 'parser9', 'widgets',
  'a', 'co', 'appmain', 'clientrender', 'lib3', 'zzz', 'Index', 'server/test', 'compo', 'mdl42',
];

/** A deterministic tree shaped like a real repository: ~8 files per directory, depth 1–3. */
function makeTree(root: string, n: number): void {
  const words = ['src', 'lib', 'app', 'test', 'components', 'utils', 'core', 'model', 'widgets', 'server', 'client', 'render', 'parser', 'config', 'index', 'main'];
  let k = 0;
  const rnd = (): number => {
    k = (k + 0x9e3779b9) >>> 0;
    let x = k ^ (k >>> 16);
    x = Math.imul(x, 0x85ebca6b) >>> 0;
    return (x ^ (x >>> 13)) >>> 0;
  };
  const made = new Set<string>();
  for (let i = 0; i < n; i++) {
    const depth = 1 + (rnd() % 3);
    const parts: string[] = [];
    for (let d = 0; d < depth; d++) parts.push(words[rnd() % 6]! + (rnd() % 4));
    const dir = join(root, ...parts);
    if (!made.has(dir)) {
      mkdirSync(dir, { recursive: true });
      made.add(dir);
    }
    writeFileSync(join(dir, `${words[rnd() % words.length]}${i}.ts`), '');
  }
  writeFileSync(join(root, '.gitignore'), 'node_modules/\n*.log\n');
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const p95 = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)]!;
const ms = (x: number): string => `${x.toFixed(1)} ms`;

function timeQueries(run: (q: string) => void, reps = 3): number[] {
  const per: number[] = [];
  for (const q of QUERIES) {
    const times: number[] = [];
    for (let r = 0; r < reps; r++) {
      const t = performance.now();
      run(q);
      times.push(performance.now() - t);
    }
    per.push(median(times));
  }
  return per;
}

const root = mkdtempSync(join(tmpdir(), 'codex-bench-files-'));
try {
  process.stderr.write(`generating ${FILES} files…\n`);
  makeTree(root, FILES);
  walkFiles(root); // warm the page cache so every walker sees the same disk state

  const rss0 = process.memoryUsage().rss;
  let t = performance.now();
  const walked = walkFiles(root);
  const syncWalk = performance.now() - t;
  const stalls = monitorEventLoopDelay({ resolution: 1 });
  stalls.enable();
  t = performance.now();
  const asyncWalked = await walkFilesAsync(root);
  const asyncWalk = performance.now() - t;
  stalls.disable();
  t = performance.now();
  const prepared = preparePaths(walked.files);
  const prep = performance.now() - t;
  const indexMiB = (process.memoryUsage().rss - rss0) / 2 ** 20;

  searchPaths(prepared, 'warm');
  const ours = timeQueries((q) => searchPaths(prepared, q));

  const list = walked.files.join('\n');
  const haveFzf = spawnSync('fzf', ['--version']).status === 0;
  const fzfCli = haveFzf
    ? timeQueries((q) => spawnSync('fzf', ['--filter', q], { input: list, maxBuffer: 64 << 20 }), 1)
    : undefined;

  t = performance.now();
  const byPath = (a: { item: string }, b: { item: string }): number => (a.item < b.item ? -1 : a.item > b.item ? 1 : 0);
  const pkg = new Fzf(walked.files, { limit: 8, casing: 'smart-case', normalize: false, tiebreakers: [byPath] });
  const pkgBuild = performance.now() - t;
  const pkgTimes = timeQueries((q) => pkg.find(q), 1);

  // How often our top 8 equal the fzf package's own top 8, over queries drawn from the paths.
  let agree = 0;
  const AGREEMENT_QUERIES = 200;
  let seed = 7;
  const next = (): number => (seed = (seed * 48271) % 2147483647);
  for (let i = 0; i < AGREEMENT_QUERIES; i++) {
    const path = walked.files[next() % walked.files.length]!.toLowerCase();
    let q = '';
    for (let at = next() % Math.max(1, path.length - 6); q.length < 2 + (i % 5) && at < path.length; at += 1 + (next() % 4)) q += path[at];
    const ours = searchPaths(prepared, q).map((m) => m.path).join('\n');
    const theirs = (pkg.find(q) as { item: string }[]).map((r) => r.item).join('\n');
    if (ours === theirs) agree++;
  }

  const rows: [string, string, string, string][] = [
    ['files indexed', String(walked.files.length), `${walked.directories} directories`, `async walk: ${asyncWalked.files.length}`],
    ['index: walk (sync)', ms(syncWalk), '', ''],
    ['index: walk (time-sliced, as the TUI runs it)', ms(asyncWalk), `longest event-loop stall ${ms(stalls.max / 1e6)}`, ''],
    ['index: prepare for search', ms(prep), '', ''],
    ['index memory (RSS growth)', `${indexMiB.toFixed(1)} MiB`, '', ''],
    ['query latency, ours', `median ${ms(median(ours))}`, `p95 ${ms(p95(ours))}`, `max ${ms(Math.max(...ours))}`],
  ];
  if (fzfCli) {
    rows.push(['query latency, fzf --filter (process)', `median ${ms(median(fzfCli))}`, `p95 ${ms(p95(fzfCli))}`, `ours/fzf p95 = ${(p95(ours) / p95(fzfCli)).toFixed(2)}×`]);
  } else rows.push(['query latency, fzf --filter', 'fzf not installed (apt-get install fzf)', '', '']);
  rows.push(['top 8 identical to the fzf package alone', `${agree}/${AGREEMENT_QUERIES} queries`, '', '']);
  rows.push(['query latency, fzf npm package alone', `median ${ms(median(pkgTimes))}`, `p95 ${ms(p95(pkgTimes))}`, `build ${ms(pkgBuild)}`]);

  const widths = [0, 1, 2, 3].map((c) => Math.max(...rows.map((r) => r[c]!.length)));
  console.log(`\nbench/file-search (${QUERIES.length} queries, median of 3 runs each)`);
  for (const r of rows) console.log(r.map((cell, c) => cell.padEnd(widths[c]!)).join('  │ '));
  console.log('targets: index ≤ 500 ms, query p95 ≤ 10 ms, within 2× of fzf --filter');
} finally {
  rmSync(root, { recursive: true, force: true });
}
