// The native Codex CLI 0.169 the benches compare against: its Rust binary,
// installed on first use into bench/native/ (gitignored, ~400 MB;
// `npm i --prefix bench/native @openai/codex@0.169.0`); CI never runs this.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stopProcessesUnder } from '../../test/support/procs.js';

export const NATIVE_VERSION = '0.169.0';
export const nativeDir = fileURLToPath(new URL('../native', import.meta.url));
export const nativeBin = join(nativeDir, 'node_modules/@openai/codex-linux-x64/vendor/x86_64-unknown-linux-musl/bin/codex');

/** True when the binary is there (installing it first if need be); false where there is no build of it (not linux-x64). */
export function installNative(): boolean {
  if (existsSync(nativeBin)) return checkFlags();
  if (process.platform !== 'linux' || process.arch !== 'x64') return false;
  mkdirSync(nativeDir, { recursive: true });
  writeFileSync(join(nativeDir, '.gitignore'), '*\n');
  console.log(`installing @openai/codex@${NATIVE_VERSION} into bench/native (first run only)…`);
  const r = spawnSync('npm', ['i', '--prefix', nativeDir, '--no-audit', '--no-fund', '--loglevel=error', `@openai/codex@${NATIVE_VERSION}`], { stdio: 'inherit' });
  return r.status === 0 && existsSync(nativeBin) && checkFlags();
}

let flagsChecked = false;
/** The bench refuses to run the native CLI if NATIVE_FLAGS no longer switch its daemon off (a renamed feature would leave daemons behind again). */
function checkFlags(): true {
  if (flagsChecked) return true;
  const home = join('/var/tmp', `codex-native-flags-${process.pid}`); // not /tmp: 0.169 refuses a temporary CODEX_HOME for its helpers
  mkdirSync(home, { recursive: true });
  try {
    const r = spawnSync(nativeBin, [...NATIVE_FLAGS, 'features', 'list'], { env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', CODEX_HOME: home, HOME: home }, encoding: 'utf8', timeout: 30_000 });
    if (r.status !== 0 || !/^daemon_auto_start\s+\S+\s+false$/m.test(r.stdout)) {
      throw new Error(`bench/support/native: \`codex ${NATIVE_FLAGS.join(' ')} features list\` does not show daemon_auto_start off (exit ${r.status}): ${r.stderr || r.stdout}`);
    }
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
  flagsChecked = true;
  return true;
}

/**
 * Flags for every native run. 0.169 starts a shared app-server (`codex
 * app-server --managed-daemon`) and its updater (`app-server daemon
 * pid-update-loop`) from <CODEX_HOME>/packages/app-server-daemon whenever it
 * starts (feature `daemon_auto_start`, on by default): both outlived each
 * bench run, 50–200 MB apiece, and kept writing into the removed workspace.
 */
export const NATIVE_FLAGS = ['-c', 'features.daemon_auto_start=false'];

/**
 * Ends what a native run left running from `codexHome` (whatever its
 * executable lives under it), before the workspace is removed, saying so on stderr.
 */
export function stopNativeLeftovers(codexHome: string): void {
  const stopped = stopProcessesUnder(codexHome);
  if (stopped.length > 0) process.stderr.write(`stopped ${stopped.length} native process(es) left running from ${codexHome}\n`);
}
