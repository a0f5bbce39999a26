// Runs benchmarks one after another, each in its own process so they do not
// disturb each other: the bench/*.ts files named on the command line (by name
// or path: `startup`, `bench/proxy.ts`), or every bench/*.ts when none is named.
// Each benchmark prints its own table. Arguments after `--` go to every
// benchmark. Usage: npm run bench [-- startup proxy [-- --runs 30]]
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
const self = basename(fileURLToPath(import.meta.url));
const all = readdirSync(dir).filter((f) => f.endsWith('.ts') && f !== self).sort();
const args = process.argv.slice(2);
const split = args.indexOf('--');
const names = split < 0 ? args : args.slice(0, split);
const passOn = split < 0 ? [] : args.slice(split + 1);
const wanted = names.map((a) => `${basename(a, '.ts')}.ts`);
const missing = wanted.filter((f) => !existsSync(join(dir, f)));
if (missing.length) {
  console.error(`bench/run: no such benchmark: ${missing.join(', ')} (have: ${all.join(', ')})`);
  process.exit(2);
}

let failed = 0;
for (const file of wanted.length ? wanted : all) {
  console.log(`\n=== bench/${file} ===`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(dir, file), ...passOn], { stdio: 'inherit' });
  if (r.status !== 0) {
    failed++;
    console.error(`bench/${file} exited with ${r.status ?? r.signal}`);
  }
}
process.exit(failed ? 1 : 0);
