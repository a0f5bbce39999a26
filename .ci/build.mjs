// Bundles the CLI with esbuild. Code splitting keeps each front end (TUI, exec,
// MCP, proxy) in its own chunk, loaded by dynamic import only when used, so
// `codex --version` parses one small file. Dependencies are bundled too:
// Node's ESM loader resolves and reads every file of a package one by one
// (zod alone: ~100 ms unbundled, ~15 ms bundled). Nothing is external: the
// test-only packages (node-pty, @xterm/headless) are devDependencies that
// runtime code must not import (test/project/dependencies.test.ts).
import { build } from 'esbuild';
import { chmodSync, existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

// zod/mini (the config schema, validated on every start before the first frame)
// and classic zod (the agent, the MCP SDK) are made of the same core modules,
// and a module lives in one chunk: the config's chunk would carry the 650 KB of
// core that classic zod uses. The config gets its own copy of the modules
// behind zod/mini, tree-shaken to what it uses (~100 KB). The copies
// interoperate: zod's types recognise schemas by their `_zod` internals, and
// share their settings through globalThis.
const NS = 'zod-mini';
const ownZodMini = {
  name: 'own-zod-mini',
  setup(b) {
    const own = async (path, args) => {
      const r = await b.resolve(path, { resolveDir: args.resolveDir, kind: args.kind, pluginData: { own: true } });
      return r.errors.length ? { errors: r.errors } : { path: r.path, namespace: NS, sideEffects: r.sideEffects };
    };
    b.onResolve({ filter: /^zod\/mini$/ }, (args) => (args.pluginData?.own ? undefined : own(args.path, args)));
    b.onResolve({ filter: /.*/, namespace: NS }, (args) => own(args.path, args));
    b.onLoad({ filter: /.*/, namespace: NS }, (args) => ({ contents: readFileSync(args.path, 'utf8'), loader: 'js', resolveDir: dirname(args.path) }));
  },
};

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
  plugins: [ownZodMini],
  logLevel: 'warning',
});
for (const bin of Object.keys(entries)) if (existsSync(`${root}/${out}/${bin}.js`)) chmodSync(`${root}/${out}/${bin}.js`, 0o755);
const old = `dist.old-${process.pid}`;
if (existsSync(`${root}/dist`)) renameSync(`${root}/dist`, `${root}/${old}`);
renameSync(`${root}/${out}`, `${root}/dist`);
rmSync(`${root}/${old}`, { recursive: true, force: true });
