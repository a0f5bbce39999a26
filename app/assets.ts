// Data folders (keymaps/, themes/, sandbox-profiles/) live at the package root.
// Code runs either bundled from dist/ or as TypeScript from app/ under tests,
// so the root is found by walking up to package.json once.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

export function packageRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('codex: cannot find the package root (package.json)');
    dir = up;
  }
  return (root = dir);
}

export function assetPath(...parts: string[]): string {
  return join(packageRoot(), ...parts);
}
