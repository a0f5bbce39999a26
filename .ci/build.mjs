// Bundles the CLI with esbuild. Code splitting keeps each front end (TUI, exec,
// MCP, proxy) in its own chunk, loaded by dynamic import only when used, so
// `codex --version` parses one small file. Dependencies are bundled too:
// Node's ESM loader resolves and reads every file of a package one by one
// (zod alone: ~100 ms unbundled, ~15 ms bundled). Nothing is external: the
// test-only packages (node-pty, @xterm/headless) are devDependencies that
// runtime code must not import (test/project/dependencies.test.ts).
import { build } from 'esbuild';
import { chmodSync, existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const entries = { codex: 'app/cli/main.ts', 'codex-proxy': 'app/cli/proxy-bin.ts' };
// Build beside dist/ and swap it in, so a running test never sees dist/ half-written or gone.
const out = `dist.tmp-${process.pid}`;
rmSync(`${root}/${out}`, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: Object.fromEntries(Object.entries(entries).filter(([, src]) => existsSync(`${root}/${src}`))),
  outdir: out,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // CommonJS dependencies call require() for node builtins; give the ESM chunks one.
  banner: { js: "import { createRequire as __codexCreateRequire } from 'node:module'; const require = __codexCreateRequire(import.meta.url);" },
  define: { __CODEX_VERSION__: JSON.stringify(JSON.parse(readFileSync(`${root}/package.json`, 'utf8')).version) },
  sourcemap: 'linked',
  logLevel: 'warning',
});
for (const bin of Object.keys(entries)) if (existsSync(`${root}/${out}/${bin}.js`)) chmodSync(`${root}/${out}/${bin}.js`, 0o755);
const old = `dist.old-${process.pid}`;
if (existsSync(`${root}/dist`)) renameSync(`${root}/dist`, `${root}/${old}`);
renameSync(`${root}/${out}`, `${root}/dist`);
rmSync(`${root}/${old}`, { recursive: true, force: true });
