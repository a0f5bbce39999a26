// Data folders (keymaps/, themes/, sandbox-profiles/) live at the package root.
// Code runs either bundled (dist/cli.js, one level down; dist/ has a
// package.json of its own) or as TypeScript from app/ under tests, where the
// root is found by walking up to package.json once.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Set at build time (.ci/build.mjs).
declare const __CODEX_BUNDLED__: boolean | undefined;
let root: string | undefined;

export function packageRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  if (typeof __CODEX_BUNDLED__ === 'boolean') return (root = dirname(dir));
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
