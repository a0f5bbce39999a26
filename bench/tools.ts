// bench/tools: the tools' hot paths. apply_patch on a large file with many
// chunks (parse + validate, then the atomic write), the unified diff on large
// inputs (incl. the edit-distance cap), the command runner's overhead over a
// bare spawn, and the model-output cap on 10 MB of output.
// Usage: node --import tsx bench/tools.ts
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { applyPatch, previewPatch } from '../app/tools/apply-patch/index.js';
import { runLaunchPlan } from '../app/tools/exec.js';
import { truncateForModel } from '../app/tools/shell-output.js';
import { unifiedDiff } from '../app/tools/unified-diff.js';

const rows: [string, string, string][] = [];

async function measure(name: string, runs: number, fn: () => unknown): Promise<void> {
  const times: number[] = [];
  const rss0 = process.memoryUsage().rss;
  let peak = rss0;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
    peak = Math.max(peak, process.memoryUsage().rss);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)]!;
  rows.push([name, `${median.toFixed(2)} ms`, `${((peak - rss0) / 1048576).toFixed(1)} MiB`]);
}

const dir = mkdtempSync(join(tmpdir(), 'bench-tools-'));
try {
  // 20,000-line file, a patch touching 200 places, each with an @@ anchor.
  const lines = Array.from({ length: 20_000 }, (_, i) => (i % 100 === 0 ? `def f${i}():` : `    x${i} = ${i}`));
  const file = `${lines.join('\n')}\n`;
  const chunks: string[] = [];
  for (let i = 0; i < 20_000; i += 100) chunks.push(`@@ def f${i}():`, `     x${i + 1} = ${i + 1}`, `-    x${i + 2} = ${i + 2}`, `+    x${i + 2} = -1`);
  const patch = `*** Begin Patch\n*** Update File: big.py\n${chunks.join('\n')}\n*** End Patch`;
  writeFileSync(join(dir, 'big.py'), file);
  await measure('apply_patch preview: 20k lines, 200 chunks', 20, async () => {
    const p = await previewPatch(patch, dir);
    if (!p.ok) throw new Error(p.error);
  });
  await measure('apply_patch apply (write + restore): same', 10, async () => {
    const r = await applyPatch(patch, dir);
    if (!r.success) throw new Error(r.stderr);
    writeFileSync(join(dir, 'big.py'), file);
  });
  const fuzzy = patch.replaceAll('    x', '\u00A0   x'); // forces the slowest (punctuation-folding) pass
  await measure('apply_patch preview, all matches fuzzy', 5, async () => {
    const p = await previewPatch(fuzzy, dir);
    if (!p.ok) throw new Error(p.error);
  });

  const changed = lines.map((l, i) => (i % 97 === 0 ? `${l} # changed` : l)).join('\n');
  await measure('unified diff: 20k lines, 1% changed', 10, () => unifiedDiff(file, changed));
  const other = Array.from({ length: 5_000 }, (_, i) => `other ${i}`).join('\n');
  await measure('unified diff: 5k vs 5k all different (cap)', 5, () => unifiedDiff(lines.slice(0, 5_000).join('\n'), other));

  const env = { PATH: process.env['PATH'] ?? '' };
  await measure('spawnSync("true") baseline', 30, () => spawnSync('true'));
  await measure('runLaunchPlan(["true"])', 30, () => runLaunchPlan({ argv: ['true'], env, cwd: dir, sandbox: 'none' }));
  await measure('runLaunchPlan: 10 MB of output', 5, () =>
    runLaunchPlan({ argv: ['head', '-c', '10000000', '/dev/zero'], env, cwd: dir, sandbox: 'none' }));

  const big = Array.from({ length: 200_000 }, (_, i) => `output line ${i} ${'x'.repeat(40)}`).join('\n');
  await measure('truncateForModel: 10 MB, 200k lines', 10, () => truncateForModel(big));
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const w0 = Math.max(...rows.map((r) => r[0].length), 9);
console.log(`${'benchmark'.padEnd(w0)}  ${'median'.padStart(11)}  ${'rss growth'.padStart(10)}`);
for (const [n, t, m] of rows) console.log(`${n.padEnd(w0)}  ${t.padStart(11)}  ${m.padStart(10)}`);
