// Bundles the CLI with esbuild into dist/:
//  - cli.js and later.js, the CLI as two CommonJS bundles (app/cli/bundle.ts):
//    cli.js the TUI's start path, later.js the code reached only by a dynamic
//    import() off it, loaded on first use (.ci/bundle-split.mjs); zod.js and
//    deps.js, the large libraries the first frame does not run (below). The launchers
//    compile them with a V8 code cache (app/cli/launch/code-cache.ts):
//    Node 20 caches no compiled code for ES modules, and its ESM loader spent
//    most of the CPU before the first frame resolving, reading and compiling
//    the ~58 chunks a split build put on the TUI's path. In a bundle,
//    esbuild wraps each module reached by a dynamic import() in a lazy
//    initialiser, so front ends, the agent and the Markdown parser still run
//    no top-level code until they are used; whitespace and syntax are
//    minified (fewer bytes to read and, without a cache, to parse), names are
//    kept for stack traces. Dependencies are bundled too. Nothing is external:
//    the test-only packages (node-pty, @xterm/headless) are devDependencies
//    that runtime code must not import (test/project/dependencies.test.ts).
//  - codex.js and codex-proxy.js, the small launchers (app/cli/launch/): they
//    answer a bare --version themselves and run cli.js; they know the
//    bundles' hashes, which name their cache files.
//  - cli-<key>-<node version>-<arch>.v8cache, the code cache of a TUI
//    start up to its first frame, for the first start (.ci/prime-cache.mjs).
//  - package.json, marking dist/ as CommonJS: a CommonJS entry loads ~5 ms
//    faster than an ES module (Node's ESM loader stays unused).
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkDisjoint, fromCli, laterApart, lazyTable, STANDINS } from './bundle-split.mjs';
import { primeCache } from './prime-cache.mjs';

// zod/mini (the config schema, validated on every start before the first frame)
// and classic zod (the agent, the MCP SDK) are made of the same core modules,
// and a module's top-level code runs whole: validating the config would
// initialise (and without a code cache, compile) the 650 KB of core that
// classic zod uses. The config gets its own copy of the modules
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

// The bundle runs as a classic script (vm.Script), where a dynamic import() has
// no module loader to go to: esbuild bundles the dynamic imports of our own
// modules, and this turns those of Node's builtins (`await import('node:https')`)
// into a require() of the builtin behind the same lazy wrapper.
const BUILTIN = 'builtin-import';
const builtinImports = {
  name: 'builtin-imports',
  setup(b) {
    b.onResolve({ filter: /^node:/ }, (args) => (args.kind === 'dynamic-import' ? { path: args.path, namespace: BUILTIN } : undefined));
    b.onLoad({ filter: /.*/, namespace: BUILTIN }, (args) => ({ contents: `module.exports = require(${JSON.stringify(args.path)});`, loader: 'js' }));
  },
};

// The largest libraries, none of which the TUI's first frame runs, go to
// bundles of their own, so that a start reads, deserialises and runs the top
// level of a bundle a fraction of the size: classic zod in dist/zod.js (the
// agent's schemas: all `codex exec` needs of them), and in dist/deps.js the MCP
// SDK (with ajv; it takes zod from zod.js), the Markdown lexer, the
// highlighting modes, and the `@` picker's ranking beyond ASCII (fzf).
// A bundle that imports one gets it as a module
// `module.exports = __codexBundle("zod", "zod")`, behind esbuild's lazy
// wrapper; the launcher defines __codexBundle, which loads the bundle (with
// its own code cache) the first time one of its modules is asked for.
const DEPS = /^(zod|marked|@modelcontextprotocol\/sdk|@codemirror\/legacy-modes|@codemirror\/streamparser|fzf)(\/|$)/;
const ZOD = /^zod($|\/v4)/; // zod 4 (classic and mini share its core); zod/v3, for the MCP SDK alone, stays in deps.js
const DEP = 'codex-dep';
const usedDeps = { zod: new Set(), deps: new Set() };
const depsApart = (filter) => ({
  name: 'deps-apart',
  setup(b) {
    b.onResolve({ filter }, (args) => {
      if (args.pluginData?.own || args.namespace === NS) return undefined; // zod/mini's own copy stays
      usedDeps[ZOD.test(args.path) ? 'zod' : 'deps'].add(args.path);
      return { path: args.path, namespace: DEP };
    });
    b.onLoad({ filter: /.*/, namespace: DEP }, (args) => ({ contents: `module.exports = __codexBundle(${JSON.stringify(ZOD.test(args.path) ? 'zod' : 'deps')}, ${JSON.stringify(args.path)});`, loader: 'js' }));
  },
});

const root = fileURLToPath(new URL('..', import.meta.url));
const version = JSON.parse(readFileSync(`${root}/package.json`, 'utf8')).version;
const launchers = { codex: 'app/cli/launch/codex.ts', 'codex-proxy': 'app/cli/launch/codex-proxy.ts' };
// Build beside dist/ and swap it in, so a running test never sees dist/ half-written or gone.
const out = `dist.tmp-${process.pid}`;
rmSync(`${root}/${out}`, { recursive: true, force: true });
const common = { absWorkingDir: root, bundle: true, format: 'cjs', platform: 'node', target: 'node20', logLevel: 'warning' };
const ours = {
  ...common,
  // import.meta.url, as an ES module would see it (the package root and string-width's require are found from it).
  banner: { js: "var __codexImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  define: { __CODEX_VERSION__: JSON.stringify(version), __CODEX_BUNDLED__: 'true', 'import.meta.url': '__codexImportMetaUrl' },
  minifyWhitespace: true,
  minifySyntax: true,
  sourcemap: 'linked',
  metafile: true,
};
// cli.js and later.js (.ci/bundle-split.mjs): cli.js's modules first, to know which later.js takes from it, then
// cli.js again, answering those.
const laterTargets = new Set();
const cliEntry = (shared, cliInputs) => ({
  stdin: { contents: `export * from './app/cli/bundle.ts';
${lazyTable(shared, 'export const cliModule')}`, resolveDir: root, sourcefile: 'cli-entry.js' },
  outfile: `${out}/cli.js`,
  plugins: [ownZodMini, depsApart(DEPS), builtinImports, laterApart(root, laterTargets, cliInputs)],
});
const cliModules = (await build({ ...ours, ...cliEntry(new Map(), {}), write: false })).metafile.inputs;
const shared = new Map();
const later = await build({
  ...ours,
  stdin: { contents: lazyTable([...laterTargets].filter((key) => !(key in cliModules)).map((key) => [key, `./${key}`]), 'module.exports'), resolveDir: root, sourcefile: 'later-entry.js' },
  outfile: `${out}/later.js`,
  plugins: [fromCli(root, cliModules, shared), ownZodMini, depsApart(DEPS), builtinImports],
});
const cli = await build({ ...ours, ...cliEntry(shared, cliModules) });
// deps.js, then zod.js (with what deps.js takes from it): a function from a package path to its module, each
// initialised on first use.
const library = (name, plugins) => build({
  ...common,
  stdin: { contents: lazyTable([...usedDeps[name]].map((p) => [p, p]), 'module.exports'), resolveDir: root, sourcefile: `${name}-entry.js` },
  outfile: `${out}/${name}.js`,
  minifyWhitespace: true,
  minifySyntax: true,
  sourcemap: 'linked',
  metafile: true,
  plugins,
});
const deps = await library('deps', [depsApart(ZOD), builtinImports]);
const zod = await library('zod', [builtinImports]);
checkDisjoint({ cli: cli.metafile.inputs, later: later.metafile.inputs, deps: deps.metafile.inputs, zod: zod.metafile.inputs }, new Set([...STANDINS, DEP, BUILTIN]));
const hashes = {};
for (const name of ['cli', 'later', 'zod', 'deps']) {
  const text = readFileSync(`${root}/${out}/${name}.js`, 'utf8');
  const dynamicImport = /\bimport\(\s*["'`]/.exec(text);
  if (dynamicImport) throw new Error(`build: dist/${name}.js keeps a dynamic import() at offset ${dynamicImport.index}, which a vm.Script cannot run`);
  hashes[name] = createHash('sha256').update(text).digest('hex').slice(0, 16);
}
await build({
  ...common,
  entryPoints: launchers,
  outdir: out,
  define: { __CODEX_VERSION__: JSON.stringify(version), __CODEX_BUNDLE_HASHES__: JSON.stringify(hashes) },
});
writeFileSync(`${root}/${out}/package.json`, `${JSON.stringify({ type: 'commonjs' })}\n`);
for (const bin of Object.keys(launchers)) chmodSync(`${root}/${out}/${bin}.js`, 0o755);
const old = `dist.old-${process.pid}`;
if (existsSync(`${root}/dist`)) renameSync(`${root}/dist`, `${root}/${old}`);
renameSync(`${root}/${out}`, `${root}/dist`);
rmSync(`${root}/${old}`, { recursive: true, force: true });
// The code cache shipped beside the bundle, for the first start (.ci/prime-cache.mjs): a start writes one into an
// empty cache directory, which moves to dist/. Made once dist/ is in place: V8 keeps the file name a cache was made
// with, for stack traces, and the cache is named for that path (code-cache.ts), so a copy installed elsewhere starts
// without it.
const cacheHome = `${root}/dist.cache-${process.pid}`;
try {
  const made = await primeCache(`${root}/dist/codex.js`, cacheHome);
  renameSync(`${cacheHome}/codex-ts/${made}`, `${root}/dist/${made}`);
} finally {
  rmSync(cacheHome, { recursive: true, force: true });
}
