// The code cache the build ships beside dist/cli.js, for the first start after
// an install (app/cli/launch/code-cache.ts): made by a real TUI start, in a
// pseudo-terminal (node-pty, a devDependency), up to its first frame, so that
// it holds the bytecode that frame runs, the config check (zod/mini) included.
// Without node-pty, a `codex --help` run makes it, which holds the argument
// parser's only: a first TUI start then compiles the rest (~20 ms of CPU).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const cliCache = (cacheHome) => {
  try {
    return readdirSync(join(cacheHome, 'codex-ts')).find((name) => name.startsWith('cli-') && name.endsWith('.v8cache'));
  } catch {
    return undefined;
  }
};

/** A clean environment for a start of our own: none of the user's codex or OpenAI settings. */
function startEnv(extra) {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !/^(OPENAI_|CODEX_|NODE_OPTIONS$)/.test(k)) env[k] = v;
  return { ...env, ...extra };
}

/** The TUI up to its first frame; the name of the cache it wrote in `cacheHome`/codex-ts, or undefined. */
async function tuiStart(codexJs, cacheHome) {
  let pty;
  try {
    pty = await import('node-pty');
  } catch {
    return undefined;
  }
  const root = mkdtempSync(join(tmpdir(), 'codex-prime-'));
  const home = join(root, 'home');
  const cwd = join(root, 'work');
  try {
    for (const dir of [home, cwd]) mkdirSync(dir);
    // A trusted folder (no trust screen) and a provider that is never asked: the start is killed at its first frame.
    writeFileSync(join(home, 'config.toml'), `model_provider = "openai"\n[projects.${JSON.stringify(cwd)}]\ntrust_level = "trusted"\n`);
    const child = pty.spawn(process.execPath, [codexJs], {
      name: 'xterm-256color', cols: 120, rows: 40, cwd,
      env: startEnv({ CODEX_HOME: home, HOME: root, XDG_CACHE_HOME: cacheHome, TERM: 'xterm-256color' }),
    });
    let exited = false;
    child.onExit(() => (exited = true));
    // The cache is renamed into place the moment the first frame is written; 30 s at most.
    for (let waited = 0; waited < 30_000 && !exited && !cliCache(cacheHome); waited += 20) await new Promise((r) => setTimeout(r, 20));
    child.kill('SIGKILL');
    return cliCache(cacheHome);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** The name of the cache made in `cacheHome`/codex-ts by a TUI start, else by `codex --help`; throws when neither made one. */
export async function primeCache(codexJs, cacheHome) {
  const tui = await tuiStart(codexJs, cacheHome);
  if (tui) return tui;
  const help = spawnSync(process.execPath, [codexJs, '--help'], { env: startEnv({ XDG_CACHE_HOME: cacheHome }), encoding: 'utf8' });
  if (help.status !== 0) throw new Error(`build: ${codexJs} --help failed: ${help.stderr}`);
  const made = cliCache(cacheHome);
  if (!made) throw new Error(`build: ${codexJs} --help wrote no code cache`);
  return made;
}
