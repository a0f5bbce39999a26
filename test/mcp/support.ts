// Shared helpers for the MCP tests: a temporary CODEX_HOME with a config.toml,
// the bin paths of the npm reference servers, and fixture paths.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../app/config/index.js';
import type { Config } from '../../app/config/types.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const EVERYTHING_BIN = join(ROOT, 'node_modules/@modelcontextprotocol/server-everything/dist/index.js');
export const FILESYSTEM_BIN = join(ROOT, 'node_modules/@modelcontextprotocol/server-filesystem/dist/index.js');
export const fixture = (name: string) => join(ROOT, 'test/mcp/fixtures', name);
/** A TOML basic string (JSON string syntax is valid TOML). */
export const tomlString = (s: string) => JSON.stringify(s);

export interface TempHome {
  /** CODEX_HOME, holding config.toml. */
  readonly home: string;
  /** The session cwd. */
  readonly work: string;
  load(): Promise<Config>;
  cleanup(): void;
}

export function tempHome(configToml: string): TempHome {
  const dir = mkdtempSync(join(tmpdir(), 'codex-mcp-test-'));
  const home = join(dir, 'home');
  const work = join(dir, 'work');
  mkdirSync(home);
  mkdirSync(work);
  writeFileSync(join(home, 'config.toml'), configToml);
  return {
    home,
    work,
    load: () => loadConfig({ codexHome: home, overrides: { cwd: work } }),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** True while the process exists and is not a zombie (an orphan's zombie may wait a while for its reaper). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/**
 * The real CLI: dist/codex.js (build first). CODEX_MCP_TEST_FROM_SOURCE=1 runs
 * app/cli/main.ts through tsx instead, for working on a tree that does not build.
 */
export function codexArgv(args: readonly string[]): string[] {
  return process.env.CODEX_MCP_TEST_FROM_SOURCE === '1'
    ? ['--import', 'tsx', join(ROOT, 'app/cli/main.ts'), ...args]
    : [join(ROOT, 'dist/codex.js'), ...args];
}

export interface CliResult { status: number | null; stdout: string; stderr: string }

export function runCodex(args: readonly string[], codexHome: string): CliResult {
  const res = spawnSync(process.execPath, codexArgv(args), {
    cwd: ROOT,
    env: { ...process.env, CODEX_HOME: codexHome },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { status: res.status, stdout: res.stdout, stderr: res.stderr };
}
