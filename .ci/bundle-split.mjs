// How .ci/build.mjs splits our own code between two bundles: dist/cli.js, the
// TUI's start path (every module its first frame runs, and what they import),
// and dist/later.js, the modules reached only by a dynamic import() off that
// path (the agent, tools, sandbox, MCP, the exec, mcp and proxy front ends,
// the session log, ...), loaded the first time one is asked for. A start then
// reads, deserialises the code cache of, and runs the top level of a bundle
// holding only its own path: V8 keeps a record for every function of a
// bundle, run or not.
//
// Each module lives in one bundle only (a module in two would be two
// instances, each with its own state): later.js gets a module of cli.js as
// `module.exports = __codexBundle("cli", key)`, which cli.js answers from its
// own copy, and cli.js gets a module of later.js as
// `module.exports = __codexBundle("later", key)` (the launcher defines it:
// app/cli/launch/code-cache.ts). The build checks
// the bundles share no module (checkDisjoint).
import { relative } from 'node:path';

// The modules reached by a dynamic import() that the TUI runs before its first
// frame: these stay in cli.js. (Not the trust screen and session picker of
// before-session.ts: shown once per project, or to pick a session to resume,
// which reads the session logs anyway; with them cli.js was 297 KB, not 258.) test/tui/start-path.test.ts
// fails when the first frame loads dist/later.js, i.e. when one is missing here.
const START = new Set([
  'app/cli/invocation.ts', 'app/cli/logging.ts', 'app/config/home.ts', 'app/config/dotenv.ts', 'app/config/index.ts', 'app/config/checked-toml.ts',
  'app/config/version.ts', 'app/tui/main.ts', 'app/tui/dumb-terminal.ts', 'app/tui/theme-files.ts', 'app/agent/local-image.ts',
  'app/tui/pasted-image.ts', 'app/tui/create-tui.ts', 'app/tui/pending-session.ts',
  'app/tui/renderer/tty.ts', 'app/terminal-hangup.ts', 'app/tui/renderer/renderer.ts', 'app/tui/renderer/palette.ts',
  'app/tui/renderer/scrollback.ts', 'app/tui/clipboard.ts',
]);

const LATER = 'codex-later';
const CLI = 'codex-cli';
/** Namespaces of the one-line modules that stand for a module of another bundle, and of Node's builtins. */
export const STANDINS = new Set([LATER, CLI]);

/**
 * For cli.js: a dynamic import() of one of our modules not in START (nor in
 * `cliInputs`, cli.js's modules: one a start-path module also imports
 * statically) becomes `__codexBundle("later", key)`; `targets` gets each key.
 */
export function laterApart(root, targets, cliInputs = {}) {
  return {
    name: 'later-apart',
    setup(b) {
      b.onResolve({ filter: /^\./ }, async (args) => {
        if (args.kind !== 'dynamic-import' || args.pluginData?.laterApart) return undefined;
        const r = await b.resolve(args.path, { resolveDir: args.resolveDir, importer: args.importer, kind: args.kind, pluginData: { laterApart: true } });
        if (r.errors.length || r.namespace !== 'file') return r.errors.length ? { errors: r.errors } : undefined;
        const key = relative(root, r.path);
        if (START.has(key) || key in cliInputs) return { path: r.path, sideEffects: r.sideEffects };
        targets.add(key);
        return { path: key, namespace: LATER };
      });
      b.onLoad({ filter: /.*/, namespace: LATER }, (args) => ({ contents: `module.exports = __codexBundle("later", ${JSON.stringify(args.path)});`, loader: 'js' }));
    },
  };
}

/**
 * For later.js: an import of a module cli.js holds (`cliInputs`, its metafile's
 * inputs) becomes `__codexBundle("cli", key)`; `shared` maps each key to what cli.js
 * require()s to answer it. zod/mini is cli.js's own copy (build.mjs), asked
 * for whole.
 */
export function fromCli(root, cliInputs, shared) {
  const cliHasZodMini = Object.keys(cliInputs).some((k) => k.startsWith('zod-mini:'));
  return {
    name: 'from-cli',
    setup(b) {
      b.onResolve({ filter: /.*/ }, async (args) => {
        if (args.pluginData?.fromCli || args.kind === 'entry-point' || args.namespace !== 'file') return undefined;
        if (args.path === 'zod/mini' && cliHasZodMini) {
          shared.set('zod/mini', 'zod/mini');
          return { path: 'zod/mini', namespace: CLI };
        }
        const r = await b.resolve(args.path, { resolveDir: args.resolveDir, importer: args.importer, kind: args.kind, pluginData: { fromCli: true } });
        if (r.errors.length || r.external || r.namespace !== 'file') return undefined;
        const key = relative(root, r.path);
        if (!(key in cliInputs)) return undefined;
        shared.set(key, r.path);
        return { path: key, namespace: CLI };
      });
      b.onLoad({ filter: /.*/, namespace: CLI }, (args) => ({ contents: `module.exports = __codexBundle("cli", ${JSON.stringify(args.path)});`, loader: 'js' }));
    },
  };
}

/** An entry's source: `table`'s modules by key, each required the first time it is asked for. */
export function lazyTable(entries, exportAs) {
  const rows = [...entries].sort(([a], [b]) => (a < b ? -1 : 1)).map(([key, spec]) => `  ${JSON.stringify(key)}: () => require(${JSON.stringify(spec)}),`);
  return `const table = {\n${rows.join('\n')}\n};\nconst done = new Map();\n${exportAs} = (key) => {\n  if (!done.has(key)) done.set(key, table[key]());\n  return done.get(key);\n};\n`;
}

/** Fails the build when a module's code lands in two bundles (`inputs`: bundle name → its metafile's inputs). */
export function checkDisjoint(inputs, standIns) {
  const seen = new Map();
  for (const [bundle, modules] of Object.entries(inputs)) {
    for (const key of Object.keys(modules)) {
      const ns = key.includes(':') ? key.slice(0, key.indexOf(':')) : 'file';
      if (standIns.has(ns)) continue;
      const other = seen.get(key);
      if (other) throw new Error(`build: ${key} is in both dist/${other}.js and dist/${bundle}.js (two instances of one module)`);
      seen.set(key, bundle);
    }
  }
}
