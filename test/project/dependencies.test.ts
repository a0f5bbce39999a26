// What the program imports at run time is what `npm install` gives a user:
// every package imported by app/, widgets/ or keymaps/ (statically, lazily or
// through createRequire) is a runtime dependency, never a devDependency (the
// test-only node-pty and @xterm/headless would fail to load, or make every
// install build a native module). Type-only imports are erased and may name any.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return /\.(ts|mts|js|mjs)$/.test(e.name) && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

const IMPORTS = [
  /(?:^|[;\n])\s*(import|export)(\s+type)?\s[^'";]*?\sfrom\s*['"]([^'"]+)['"]/g, // import … from 'x', export … from 'x'
  /(?:^|[;\n])\s*(import)()\s*['"]([^'"]+)['"]/g, // import 'x'
  /\b(import)()\(\s*['"]([^'"]+)['"]\s*\)/g, // import('x')
  /\b(require)()\(\s*['"]([^'"]+)['"]\s*\)/g, // require('x')
  /\b(createRequire)()\([^)]*\)\(\s*['"]([^'"]+)['"]\s*\)/g, // createRequire(import.meta.url)('x')
];

/** The packages a source file loads at run time, with their line numbers. */
function runtimePackages(text: string): { name: string; line: number }[] {
  const out: { name: string; line: number }[] = [];
  for (const re of IMPORTS) {
    for (const m of text.matchAll(re)) {
      const [, , typeOnly, spec] = m;
      if (typeOnly || spec!.startsWith('.') || spec!.startsWith('/') || spec!.startsWith('node:') || builtinModules.includes(spec!)) continue;
      const parts = spec!.split('/');
      const name = spec!.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
      out.push({ name, line: text.slice(0, m.index! + m[0].length).split('\n').length });
    }
  }
  return out;
}

test('runtime code imports only runtime dependencies (node-pty and @xterm/headless are for tests)', () => {
  assert.ok(pkg.devDependencies['node-pty'] && pkg.devDependencies['@xterm/headless'], 'the pty and terminal emulator are devDependencies');
  const found = new Set<string>();
  const problems: string[] = [];
  for (const file of ['app', 'widgets', 'keymaps'].flatMap((d) => sources(join(root, d)))) {
    for (const { name, line } of runtimePackages(readFileSync(file, 'utf8'))) {
      found.add(name);
      if (!(name in pkg.dependencies)) {
        problems.push(`${relative(root, file)}:${line}: imports ${name}, which is ${name in pkg.devDependencies ? 'a devDependency' : 'not a dependency'}`);
      }
    }
  }
  assert.deepEqual(problems, []);
  assert.ok(found.has('string-width') && found.has('zod'), `the scan sees the imports (found: ${[...found].join(', ')})`);
});

test('the import scan reads every form of import and skips type-only ones', () => {
  const names = (text: string) => runtimePackages(text).map((p) => `${p.name}:${p.line}`);
  assert.deepEqual(names([
    "import a from 'alpha';",
    "import type { B } from 'beta';",
    "import {\n  c,\n  d,\n} from '@scope/gamma/sub';",
    "const e = await import('delta');",
    "const f = createRequire(import.meta.url)('epsilon') as F;",
    "import 'zeta';",
    "export { g } from 'eta';",
    "import { h } from 'node:fs'; import { i } from './local.js'; import path from 'path';",
  ].join('\n')).sort(), ['@scope/gamma:6', 'alpha:1', 'delta:7', 'epsilon:8', 'eta:10', 'zeta:9']);
});
