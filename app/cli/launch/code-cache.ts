// Runs the CLI's bundles (dist/cli.js, the TUI's start path; dist/later.js,
// the rest of the CLI, dist/zod.js and dist/deps.js, the libraries, when the
// CLI first asks for one of their modules) with a V8 code cache each. Node 20 caches no
// compiled code for ES modules or require(), so the launcher compiles a
// bundle itself as a classic script (vm.Script, wrapped like a CommonJS
// module), handing V8 the bytecode a previous start produced: without it V8
// parses the whole bundle and compiles every function the start runs.
//
// The user's cache of a bundle is written once, when there was none (or V8 or the
// checksum refused it): by the TUI once its first frame is on screen (and
// those of the other bundles it used once its session has started: a TUI is
// often ended by a closed window or a kill, and compiling the agent's code
// again cost every later start ~150 ms of CPU); by any
// other command when it ends (and those of the other bundles the process used,
// then: the TUI's too),
// and then again by the next TUI start, whose cache holds the functions a
// first frame runs. It lives in a user cache
// directory, one file per bundle (its hash, set at build time, and its path:
// V8 keeps the file name a cache was made with, for stack traces), Node
// version and arch, so that two installs or Node versions never take turns
// rewriting one file; writing one removes the caches of other builds untouched for an
// hour (an upgrade leaves the old one behind). Until it exists, the cache the
// build left beside the bundle serves (made by `codex --help` once dist/ is in
// place, so for that path, Node version and arch only: a copy installed
// elsewhere starts without it).
//
// A cache file starts with a magic word, the kind of start that wrote it and a
// CRC-32 of the V8 data: V8 checks its version, flags and the source's length,
// but reads a corrupted payload as it is and aborts the process. (CRC-32, from
// node:zlib, and not a hash from node:crypto: the first frame needs nothing
// else from node:crypto, and loading it cost ~3.5 ms of the start's CPU.) Written to a
// temporary name and renamed into place, so concurrent starts never see half a
// file. Any failure to read or write it only costs the cache. V8 runs the
// bytecode unchecked, so only a file the user owns and no one else may write is
// read, in a directory of the user's, for the user only (made 0700, or
// tightened to it; one another user owns is not used); and the sandbox keeps the
// directory read-only (app/sandbox/pins.ts). Under
// --enable-source-maps the bundle is require()d instead, so that Node maps its
// stack frames (a vm.Script's are not).
import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';
import { crc32 } from 'node:zlib';
import { cacheDir, makeCacheDir, readPrivateFile, removeStale, writePrivateFile } from '../../code-cache-dir.js';

/** What dist/cli.js exports (app/cli/bundle.ts, and its modules later.js asks for: .ci/bundle-split.mjs). */
export interface CliBundle {
  run(argv: readonly string[]): Promise<number>;
  onFirstFrame(fn: () => void): void;
  onSessionStarted(fn: () => void): void;
  setBuildId(id: string): void;
  cliModule(key: string): unknown;
}

/** Which start wrote a cache: only a TUI start's holds what the first frame runs. */
export type CacheKind = 'tui' | 'other';

const MAGIC = 0x43585639; // "CXV9"
const HEADER = 4 + 1 + 4;
const KINDS: readonly CacheKind[] = ['other', 'tui'];
// A CommonJS module's wrapper, on the bundle's first line; columnOffset takes it back out of stack traces.
const HEAD = '(function (exports, require, module, __filename, __dirname) { ';
const TAIL = '\n})';

/** The bundles of dist/: the TUI's start path, the rest of the CLI, and the libraries the first frame does not need (.ci/build.mjs). */
const BUNDLES = ['cli', 'later', 'zod', 'deps'] as const;
export type BundleName = (typeof BUNDLES)[number];

/**
 * The name of a bundle's cache: its hash (set at build time) and path (V8 keeps
 * the file name a cache was made with for the stack traces of the code it
 * holds, so two copies of one bundle must not share one), the Node version
 * and the arch.
 */
export function cacheName(bundle: BundleName, bundleHash: string, file: string): string {
  return `${bundle}-${bundleHash}-${hex32(crc32(file))}-${process.version}-${process.arch}.v8cache`;
}

const hex32 = (n: number): string => n.toString(16).padStart(8, '0');

/** The V8 data and its kind from a cache file's bytes; undefined when the header or checksum is wrong. */
export function decodeCache(file: Buffer): { kind: CacheKind; data: Buffer } | undefined {
  if (file.length <= HEADER || file.readUInt32BE(0) !== MAGIC) return undefined;
  const kind = KINDS[file[4]!];
  const data = file.subarray(HEADER);
  if (!kind || crc32(data) !== file.readUInt32BE(5)) return undefined;
  return { kind, data };
}

export function encodeCache(kind: CacheKind, data: Buffer): Buffer {
  const head = Buffer.alloc(HEADER);
  head.writeUInt32BE(MAGIC, 0);
  head[4] = KINDS.indexOf(kind);
  head.writeUInt32BE(crc32(data), 5);
  return Buffer.concat([head, data]);
}

const STALE_MS = 3600_000;
const CACHE_FILE = new RegExp(`^(${BUNDLES.join('|')})-.*\\.v8cache(\\.\\d+\\.tmp)?$`);


/**
 * The build's cache, beside the bundle, is as trusted as the bundle; the
 * user's counts only when the user owns it and no one else may write it (V8
 * runs its bytecode unchecked, the CRC only catches damage): a file another
 * user could have written is refused, and rewritten like a damaged one.
 */
function readCache(path: string | undefined, owned: 'user' | 'bundle'): { kind: CacheKind; data: Buffer } | undefined {
  if (!path) return undefined;
  let bytes: Buffer | undefined;
  try {
    bytes = owned === 'user' ? readPrivateFile(path) : readFileSync(path);
  } catch {
    return undefined;
  }
  return bytes && decodeCache(bytes);
}

interface Loaded<T> {
  exports: T;
  /** Writes the user's cache when it is worth writing, at most once. */
  save(kind: CacheKind): void;
}

/**
 * Runs the bundle at `file` (a CommonJS module) with the user's cache, else
 * the shipped one. Worth writing: the user's was missing or refused, or came
 * from another kind of start and this is the TUI.
 */
function loadScript<T>(file: string, cacheFile: string | undefined, shippedFile?: string): Loaded<T> {
  if (process.sourceMapsEnabled) return { exports: require(file) as T, save: () => undefined };
  const own = readCache(cacheFile, 'user');
  const cached = own ?? readCache(shippedFile, 'bundle');
  const script = new Script(HEAD + readFileSync(file, 'utf8') + TAIL, {
    filename: file,
    columnOffset: -HEAD.length,
    ...(cached ? { cachedData: cached.data } : {}),
  });
  const used = own && !script.cachedDataRejected ? own.kind : undefined;
  const module = { exports: {} as T };
  // The launcher's own require(): it sits beside the bundles, so it resolves as theirs would (node:module's createRequire
  // would load Node's ES module loader before the first frame, ~0.35 ms).
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, require, module, file, dirname(file));
  let saved = false;
  const save = (kind: CacheKind): void => {
    if (saved || !cacheFile || (used !== undefined && (used === 'tui' || kind !== 'tui'))) return;
    saved = true;
    if (writePrivateFile(cacheFile, () => encodeCache(kind, script.createCachedData()))) removeStale(dirname(cacheFile), CACHE_FILE, basename(cacheFile), STALE_MS);
  };
  return { exports: module.exports, save };
}

declare global {
  /** A module of one of dist/'s bundles by its key (a path); the bundles call it for each other's modules (.ci/build.mjs). */
  var __codexBundle: ((bundle: BundleName, key: string) => unknown) | undefined;
}

/**
 * Runs the CLI from the bundles beside the launcher: dist/cli.js at once,
 * dist/later.js, dist/zod.js and dist/deps.js when the CLI first asks for one
 * of their modules. Sets the exit code once the CLI ends; the caches are written on the way.
 */
export async function startCli(argv: readonly string[], hashes: Readonly<Record<BundleName, string>>): Promise<void> {
  // Only a directory of the user's own, for the user only (tightened if an older version made it wider).
  const home = cacheDir(process.env);
  const dir = home && makeCacheDir(home) ? home : undefined;
  const bundle = (name: BundleName): { file: string; cache: string } => {
    const file = join(__dirname, `${name}.js`);
    return { file, cache: cacheName(name, hashes[name], file) };
  };
  const onDemand = (name: BundleName): { get: (key: string) => unknown; save: () => void } => {
    let loaded: Loaded<(key: string) => unknown> | undefined;
    return {
      get: (key) => {
        if (!loaded) {
          const { file, cache } = bundle(name);
          loaded = loadScript(file, dir && join(dir, cache));
        }
        return loaded.exports(key);
      },
      save: () => loaded?.save('other'),
    };
  };
  const onDemands = { later: onDemand('later'), zod: onDemand('zod'), deps: onDemand('deps') };
  const { file, cache } = bundle('cli');
  // The build's cache for this very file, when there is one beside it (the build leaves it in dist/).
  const cli = loadScript<CliBundle>(file, dir && join(dir, cache), join(__dirname, cache));
  globalThis.__codexBundle = (name, key) => (name === 'cli' ? cli.exports.cliModule(key) : onDemands[name].get(key));
  // At once: the frame is written, and the agent, loading next, would fill the cache with code the frame does not run.
  cli.exports.setBuildId(BUNDLES.map((name) => hashes[name]).join('.'));
  cli.exports.onFirstFrame(() => cli.save('tui'));
  cli.exports.onSessionStarted(() => {
    for (const loaded of Object.values(onDemands)) loaded.save();
  });
  process.exitCode = await cli.exports.run(argv);
  cli.save('other');
  for (const loaded of Object.values(onDemands)) loaded.save();
}
