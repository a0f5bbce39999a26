// Bundles the CLI with esbuild. Code splitting keeps each front end (TUI, exec,
// MCP, proxy) in its own chunk, loaded by dynamic import only when used, so
// `codex --version` parses one small file.
import { build } from 'esbuild';
import { chmodSync, existsSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const entries = { codex: 'app/cli/main.ts', 'codex-proxy': 'app/proxy/bin.ts' };
rmSync(`${root}/dist`, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: Object.fromEntries(Object.entries(entries).filter(([, src]) => existsSync(`${root}/${src}`))),
  outdir: 'dist',
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
});
for (const bin of Object.keys(entries)) if (existsSync(`${root}/dist/${bin}.js`)) chmodSync(`${root}/dist/${bin}.js`, 0o755);
