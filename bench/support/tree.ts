// A deterministic tree shaped like a large repository, for the file benches:
// `files` files spread over directories of depth 1–3 whose names come from
// `fanout` choices per level (20 → about 8,300 directories for 100,000 files,
// ~12 files each), and a .gitignore at the root.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const WORDS = ['src', 'lib', 'app', 'test', 'components', 'utils', 'core', 'model', 'widgets', 'server', 'client', 'render', 'parser', 'config', 'index', 'main'];

export function makeTree(root: string, files: number, fanout = 20): void {
  let k = 0;
  const rnd = (): number => {
    k = (k + 0x9e3779b9) >>> 0;
    let x = k ^ (k >>> 16);
    x = Math.imul(x, 0x85ebca6b) >>> 0;
    return (x ^ (x >>> 13)) >>> 0;
  };
  const made = new Set<string>();
  for (let i = 0; i < files; i++) {
    const depth = 1 + (rnd() % 3);
    const parts: string[] = [];
    for (let d = 0; d < depth; d++) parts.push(WORDS[rnd() % (fanout / 4)]! + (rnd() % 4));
    const dir = join(root, ...parts);
    if (!made.has(dir)) {
      mkdirSync(dir, { recursive: true });
      made.add(dir);
    }
    writeFileSync(join(dir, `${WORDS[rnd() % WORDS.length]}${i}.ts`), '');
  }
  writeFileSync(join(root, '.gitignore'), 'node_modules/\n*.log\n');
}
