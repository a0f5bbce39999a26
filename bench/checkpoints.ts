// bench/checkpoints: a git repository of 10,000 files (committed, a few
// changed and untracked), timed through a turn's checkpoints: the first
// snapshot of a session (`git add` into a copy of the repository's index, so
// clean files are not hashed again), the next ones, the same with
// core.autocrlf set (every file hashed by us the first time, then only files
// whose stat changed), and an undo of a 5-file turn. Target: a snapshot < 500 ms.
// Usage: node --import tsx bench/checkpoints.ts [--files N] [--runs N]
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Checkpoints } from '../app/checkpoints/checkpoints.js';
import { GitSnapshots } from '../app/checkpoints/git-snapshot.js';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const FILES = arg('--files', 10_000);
const RUNS = arg('--runs', 7);
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number): string => `${x.toFixed(0)} ms`;

const root = mkdtempSync(join(tmpdir(), 'codex-bench-ckpt-'));
try {
  process.stderr.write(`generating a repository of ${FILES} files…\n`);
  const repo = join(root, 'repo');
  const hourAgo = new Date(Date.now() - 3_600_000);
  const body = 'export const line = "some typical source text";\n'.repeat(60);
  for (let i = 0; i < FILES; i++) {
    const dir = join(repo, `pkg${i % 50}`, `mod${i % 7}`);
    if (i < 350) mkdirSync(dir, { recursive: true });
    const file = join(dir, `file${i}.ts`);
    writeFileSync(file, `${body}// ${i}\n`);
    // As in a real checkout, the files are older than the index (else git and we treat them as racily clean).
    utimesSync(file, hourAgo, hourAgo);
  }
  const git = (...a: string[]) => execFileSync('git', ['-C', repo, ...a], { stdio: 'ignore' });
  git('init', '-q');
  git('add', '-A');
  git('-c', 'user.name=b', '-c', 'user.email=b@b', 'commit', '-q', '-m', 'base');
  for (let i = 0; i < 20; i++) writeFileSync(join(repo, `pkg${i}`, `mod${i % 7}`, `file${i}.ts`), `changed ${i}\n`);
  for (let i = 0; i < 20; i++) writeFileSync(join(repo, `untracked${i}.txt`), `new ${i}\n`);

  /** First and later snapshots of fresh sessions, `RUNS` times. */
  const time = async (tag: string): Promise<{ cold: number[]; warm: number[] }> => {
    const cold: number[] = [];
    const warm: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      const snap = new GitSnapshots(repo, join(root, `index-${tag}-${r}`));
      let t = performance.now();
      await snap.snapshot('bench cold');
      cold.push(performance.now() - t);
      writeFileSync(join(repo, 'pkg1', 'mod1', 'file1.ts'), `run ${r}\n`);
      t = performance.now();
      await snap.snapshot('bench warm');
      warm.push(performance.now() - t);
    }
    return { cold, warm };
  };
  const plain = await time('plain');
  git('config', 'core.autocrlf', 'input');
  const converting = await time('autocrlf');
  git('config', '--unset', 'core.autocrlf');

  const undo: number[] = [];
  const ck = new Checkpoints(join(root, 'session.checkpoints'));
  await ck.beforeEdit(repo); // no turn open: nothing
  for (let r = 0; r < RUNS; r++) {
    ck.beginTurn(r + 1);
    await ck.beforeEdit(repo);
    for (let i = 0; i < 5; i++) writeFileSync(join(repo, `pkg${i}`, `mod${i % 7}`, `file${i}.ts`), `turn ${r}\n`);
    await ck.endTurn();
    const t = performance.now();
    const out = await ck.undo('last');
    undo.push(performance.now() - t);
    if (out.kind !== 'restored') throw new Error(`undo: ${out.kind}`);
  }

  const rows: [string, string, string][] = [
    ['files in the work tree', String(FILES + 20), '20 changed, 20 untracked'],
    ['snapshot, first of a session', `median ${ms(median(plain.cold))}`, `max ${ms(Math.max(...plain.cold))}`],
    ['snapshot, later in the session', `median ${ms(median(plain.warm))}`, `max ${ms(Math.max(...plain.warm))}`],
    ['with core.autocrlf: first snapshot (all hashed)', `median ${ms(median(converting.cold))}`, `max ${ms(Math.max(...converting.cold))}`],
    ['with core.autocrlf: later snapshots', `median ${ms(median(converting.warm))}`, `max ${ms(Math.max(...converting.warm))}`],
    ['undo of a 5-file turn', `median ${ms(median(undo))}`, `max ${ms(Math.max(...undo))}`],
  ];
  const widths = [0, 1, 2].map((c) => Math.max(...rows.map((row) => row[c]!.length)));
  console.log(`\nbench/checkpoints (${RUNS} runs)`);
  for (const row of rows) console.log(row.map((cell, c) => cell.padEnd(widths[c]!)).join('  │ '));
  console.log(`target: a snapshot of 10,000 files < 500 ms (load average now: ${loadavg()[0]!.toFixed(1)} on ${cpus().length} CPUs)`);
} finally {
  rmSync(root, { recursive: true, force: true });
}
